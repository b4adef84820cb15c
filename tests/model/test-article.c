/* test-article.c: an article's properties read and edit its document; undo restores bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-fold.h"
#include "mh-extra-field.h"
#include "mh-history.h"
#include "mh-image.h"
#include "mh-related.h"
#include "mh-test-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  MhCollection *collection;
  MhArticle    *article;
  MhHistory    *history;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mh_test_make_dir ();
  fixture->path = mh_test_write (fixture->dir, "a.md", MH_TEST_RECORD);
  fixture->collection = mh_test_load (fixture->dir);
  fixture->article = mh_test_lookup (fixture->collection, fixture->path);
  g_assert_nonnull (fixture->article);
  fixture->history = mh_collection_get_history (fixture->collection);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->collection);
  mh_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  MhArticle *article = fixture->article;
  const char * const *topics;

  /* Not held: only the summary. */
  g_assert_false (mh_article_is_held (article));
  g_assert_cmpstr (mh_article_get_title (article), ==, "Hello World");
  g_assert_cmpstr (mh_article_get_provider_name (article), ==, "MIT Technology Review");
  g_assert_cmpstr (mh_article_get_published_date_time (article), ==, "2021-04-09T12:58:00Z");
  g_assert_cmpint (mh_article_get_quality (article), ==, 52);
  g_assert_true (mh_article_get_has_quality (article));
  g_assert_cmpint (mh_article_get_heat (article), ==, -1);
  g_assert_false (mh_article_get_published (article));
  g_assert_true (mh_article_get_has_published (article));
  topics = mh_article_get_topics (article);
  g_assert_cmpuint (g_strv_length ((char **) topics), ==, 2);
  g_assert_cmpstr (topics[0], ==, "Computer Vision");
  g_assert_cmpstr (mh_article_get_category (article), ==, "news");
  g_assert_cmpstr (mh_article_get_article_type (article), ==, "article");
  g_assert_null (mh_article_get_excerpt (article));
  g_assert_null (mh_article_get_readonly_reason (article));
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpstr (mh_article_get_display_name (article), ==, "a.md");
  /* Folded: lower case, accents gone. */
  g_assert_nonnull (strstr (mh_article_get_search_text (article), "cafe society"));
}

static void
test_read_held (Fixture       *fixture,
                gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;
  g_autoptr(MhImage) image = NULL;
  g_autoptr(MhRelated) related = NULL;
  g_autoptr(MhExtraField) extra = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *title = NULL;
  GListModel *images, *related_list, *extra_fields;
  gsize body_len;
  const char *body;

  g_assert_true (mh_article_hold (article, &error));
  g_assert_no_error (error);
  g_assert_true (mh_article_is_held (article));

  g_object_get (article, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Hello World");
  g_assert_cmpstr (mh_article_get_excerpt (article), ==, "Café society, an excerpt");
  g_assert_cmpstr (mh_article_get_provider_domain (article), ==, "technologyreview.com");
  g_assert_cmpstr (mh_article_get_secured (article), ==, "abc==");
  date_time = mh_article_dup_date_time (article);
  g_assert_nonnull (date_time);
  g_assert_cmpint (g_date_time_get_year (date_time), ==, 2021);

  images = mh_article_get_images (article);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  image = g_list_model_get_item (images, 0);
  g_assert_cmpstr (mh_image_get_url (image), ==, "https://example.com/a.png");
  g_assert_cmpint (mh_image_get_width (image), ==, 932);
  g_assert_cmpint (mh_image_get_height (image), ==, 460);
  g_assert_true (mh_image_get_is_cached (image));
  g_assert_cmpstr (mh_image_get_path (image), ==, "images[0]");

  related_list = mh_article_get_related (article);
  g_assert_cmpuint (g_list_model_get_n_items (related_list), ==, 1);
  related = g_list_model_get_item (related_list, 0);
  g_assert_cmpstr (mh_related_get_title (related), ==, "Other");
  g_assert_cmpstr (mh_related_get_web_url (related), ==, "https://example.com/other");
  g_assert_cmpint (mh_related_get_quality (related), ==, 72);
  g_assert_cmpuint (g_list_model_get_n_items (mh_related_get_images (related)), ==, 0);

  extra_fields = mh_article_get_extra_fields (article);
  g_assert_cmpuint (g_list_model_get_n_items (extra_fields), ==, 1);
  extra = g_list_model_get_item (extra_fields, 0);
  g_assert_cmpstr (mh_extra_field_get_key (extra), ==, "custom");
  g_assert_cmpstr (mh_extra_field_get_text (extra), ==, "7");
  g_assert_true (mh_extra_field_get_editable (extra));

  body = mh_article_get_body (article, &body_len);
  g_assert_cmpmem (body, body_len, "Body text\n", 10);

  mh_article_release (article);
  g_assert_false (mh_article_is_held (article));
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 0);
}

static void
test_edit_save (Fixture       *fixture,
                gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *step = NULL;
  MhSaveOutcome outcome;

  g_assert_true (mh_article_hold (article, &error));

  g_object_set (article, "title", "Goodbye", "quality", (gint64) 60, "published", TRUE, NULL);
  mh_article_add_topic (article, "Privacy");
  mh_article_remove_topic (article, "AI");
  mh_article_set_provider_name (article, "Gazette");
  g_assert_true (mh_article_get_modified (article));
  g_assert_cmpuint (mh_collection_get_n_modified (fixture->collection), ==, 1);
  /* Nothing written yet. */
  mh_test_assert_file (fixture->path, MH_TEST_RECORD);

  g_assert_true (mh_collection_save (fixture->collection, article, &outcome, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, MH_SAVE_WRITTEN);

  expected = mh_test_replace (MH_TEST_RECORD, "title: \"Hello World\"", "title: \"Goodbye\"");
  step = mh_test_replace (expected, "quality: 52", "quality: 60");
  g_free (expected);
  expected = mh_test_replace (step, "published: false", "published: true");
  g_free (step);
  step = mh_test_replace (expected, "  - AI\n", "  - Privacy\n");
  g_free (expected);
  expected = mh_test_replace (step, "name: MIT Technology Review", "name: Gazette");
  mh_test_assert_file (fixture->path, expected);

  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpuint (mh_collection_get_n_modified (fixture->collection), ==, 0);
  g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 0);

  /* Saving again writes nothing. */
  g_assert_true (mh_collection_save (fixture->collection, article, &outcome, NULL, &error));
  g_assert_cmpint (outcome, ==, MH_SAVE_UNCHANGED);
  mh_article_release (article);
}

static void
test_nested_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;
  g_autoptr(MhImage) image = NULL;
  g_autoptr(MhRelated) related = NULL;
  g_autoptr(MhExtraField) extra = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *step = NULL;
  g_autoptr(GBytes) kept = NULL;

  g_assert_true (mh_article_hold (article, &error));
  image = g_list_model_get_item (mh_article_get_images (article), 0);
  related = g_list_model_get_item (mh_article_get_related (article), 0);
  extra = g_list_model_get_item (mh_article_get_extra_fields (article), 0);

  mh_image_set_width (image, 100);
  mh_related_set_web_url (related, "https://example.com/new");
  mh_extra_field_set_text (extra, "8");
  g_assert_cmpint (mh_image_get_width (image), ==, 100);

  expected = mh_test_replace (MH_TEST_RECORD, "width: 932", "width: 100");
  step = mh_test_replace (expected, "https://example.com/other", "https://example.com/new");
  g_free (expected);
  expected = mh_test_replace (step, "custom: 7", "custom: 8");
  g_assert_cmpmem (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                   g_bytes_get_size (mh_article_get_bytes (article)),
                   expected, strlen (expected));

  /* Adding and removing list items follows in the list model. */
  mh_article_add_image (article, "https://example.com/b.png", 10, 20, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (mh_article_get_images (article)), ==, 2);
  mh_article_remove_item (article, "images", 0);
  g_assert_cmpuint (g_list_model_get_n_items (mh_article_get_images (article)), ==, 1);
  g_assert_cmpstr (mh_image_get_url (image), ==, "https://example.com/b.png");

  kept = g_bytes_new (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                      g_bytes_get_size (mh_article_get_bytes (article)));
  mh_article_release (article);
  /* Modified: the parsed document goes, its bytes stay (DESIGN §2), and
   * holding parses them again, with the same nested items. */
  g_assert_false (mh_article_is_held (article));
  g_assert_true (mh_article_get_modified (article));
  g_assert_cmpuint (g_list_model_get_n_items (mh_article_get_images (article)), ==, 0);
  g_assert_true (g_bytes_equal (mh_article_get_bytes (article), kept));
  g_assert_true (mh_article_hold (article, NULL));
  g_assert_true (g_bytes_equal (mh_article_get_bytes (article), kept));
  g_assert_cmpuint (g_list_model_get_n_items (mh_article_get_images (article)), ==, 1);
  mh_article_release (article);
}

static void
test_readonly_setters (Fixture       *fixture,
                       gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;

  g_assert_false (mh_article_set_value (article, "secured", "x", &error));
  g_assert_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (mh_article_set_value (article, "quality", "high", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (mh_article_set_value (article, "publishedDateTime", "yesterday", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (mh_article_get_modified (article));
  mh_test_assert_file (fixture->path, MH_TEST_RECORD);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) edited = NULL;

  g_assert_true (mh_article_hold (article, &error));
  g_assert_false (mh_history_get_can_undo (fixture->history));

  mh_article_set_quality (article, 10);
  mh_article_set_title (article, "New");
  g_assert_true (mh_history_get_can_undo (fixture->history));
  edited = g_bytes_ref (mh_article_get_bytes (article));

  g_assert_true (mh_history_undo (fixture->history));
  g_assert_cmpstr (mh_article_get_title (article), ==, "Hello World");
  g_assert_cmpint (mh_article_get_quality (article), ==, 10);
  g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 1);
  g_assert_true (mh_history_undo (fixture->history));
  g_assert_cmpint (mh_article_get_quality (article), ==, 52);
  g_assert_false (mh_article_get_modified (article));
  g_assert_false (mh_history_get_can_undo (fixture->history));
  g_assert_true (mh_history_get_can_redo (fixture->history));
  g_assert_cmpmem (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                   g_bytes_get_size (mh_article_get_bytes (article)),
                   MH_TEST_RECORD, strlen (MH_TEST_RECORD));

  g_assert_true (mh_history_redo (fixture->history));
  g_assert_true (mh_history_redo (fixture->history));
  g_assert_false (mh_history_get_can_redo (fixture->history));
  g_assert_true (g_bytes_equal (edited, mh_article_get_bytes (article)));
  g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 2);
  g_assert_true (mh_article_get_modified (article));

  /* A new edit drops the redo stack. */
  g_assert_true (mh_history_undo (fixture->history));
  mh_article_set_heat (article, 5);
  g_assert_false (mh_history_get_can_redo (fixture->history));
  mh_article_release (article);
}

static void
test_undo_merge_and_steps (Fixture       *fixture,
                           gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;

  g_assert_true (mh_article_hold (article, &error));

  /* Typing: one step. */
  mh_article_set_title (article, "H");
  mh_article_set_title (article, "Ha");
  mh_article_set_title (article, "Hal");
  g_assert_true (mh_history_undo (fixture->history));
  g_assert_false (mh_history_get_can_undo (fixture->history));
  g_assert_cmpstr (mh_article_get_title (article), ==, "Hello World");

  /* An explicit step: several fields, one undo. */
  mh_history_begin_step (fixture->history, "Bulk");
  mh_article_set_title (article, "X");
  mh_article_set_quality (article, 1);
  mh_article_add_topic (article, "Y");
  mh_history_end_step (fixture->history);
  g_assert_cmpstr (mh_history_get_undo_label (fixture->history), ==, "Bulk");
  g_assert_true (mh_history_undo (fixture->history));
  g_assert_false (mh_article_get_modified (article));
  g_assert_false (mh_history_get_can_undo (fixture->history));

  /* Revert is a step too. */
  mh_article_set_title (article, "Z");
  mh_article_revert (article);
  g_assert_false (mh_article_get_modified (article));
  g_assert_true (mh_history_undo (fixture->history));
  g_assert_cmpstr (mh_article_get_title (article), ==, "Z");
  g_assert_true (mh_article_get_modified (article));
  mh_article_release (article);
}

static void
test_undo_after_save (Fixture       *fixture,
                      gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;

  mh_article_set_title (article, "Saved");
  g_assert_true (mh_collection_save (fixture->collection, article, &outcome, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mh_article_is_held (article));

  /* Undo after a save makes the record modified again, back to the old bytes. */
  g_assert_true (mh_history_undo (fixture->history));
  g_assert_true (mh_article_get_modified (article));
  g_assert_cmpmem (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                   g_bytes_get_size (mh_article_get_bytes (article)),
                   MH_TEST_RECORD, strlen (MH_TEST_RECORD));
  g_assert_true (mh_collection_save (fixture->collection, article, &outcome, NULL, &error));
  g_assert_no_error (error);
  mh_test_assert_file (fixture->path, MH_TEST_RECORD);
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *n_calls)
{
  (*n_calls)++;
}

static void
failed_cb (MhArticle    *article,
           const GError *error,
           GError      **out)
{
  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_lists_follow_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  MhArticle *article = fixture->article;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(MhRelated) related = NULL;
  GListModel *images, *related_images;
  guint n_calls = 0;

  g_assert_true (mh_article_hold (article, &error));
  images = mh_article_get_images (article);
  g_signal_connect (images, "items-changed", G_CALLBACK (count_cb), &n_calls);

  mh_article_add_image (article, "https://example.com/c.png", 1, 2, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 2);
  g_assert_cmpuint (n_calls, ==, 1);
  g_assert_true (mh_history_undo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  g_assert_true (mh_history_redo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 2);
  g_assert_cmpuint (n_calls, ==, 3);

  /* A related record's own images. */
  related = g_list_model_get_item (mh_article_get_related (article), 0);
  related_images = mh_related_get_images (related);
  g_assert_cmpuint (g_list_model_get_n_items (related_images), ==, 0);
  mh_related_add_image (related, "https://example.com/r.png", 3, 4, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (related_images), ==, 1);
  mh_article_add_related (article, "Third", "https://example.com/third");
  g_assert_cmpuint (g_list_model_get_n_items (mh_article_get_related (article)), ==, 2);
  mh_article_move_item (article, "related", 1, 0);
  g_assert_cmpstr (mh_related_get_title (related), ==, "Third");

  /* A setter that cannot apply says why and changes nothing. */
  g_signal_connect (article, "edit-failed", G_CALLBACK (failed_cb), &failed);
  mh_article_set_published_date_time (article, "not a date");
  g_assert_error (failed, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (mh_article_get_published_date_time (article), ==, "2021-04-09T12:58:00Z");

  /* Undo everything: the exact bytes come back. */
  while (mh_history_get_can_undo (fixture->history))
    mh_history_undo (fixture->history);
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpmem (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                   g_bytes_get_size (mh_article_get_bytes (article)),
                   MH_TEST_RECORD, strlen (MH_TEST_RECORD));
  mh_article_release (article);
}

static void
test_standalone (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *path = mh_test_write (dir, "b.txt", MH_TEST_RECORD);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhArticle) article = mh_article_new_for_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (mh_article_is_held (article));
  g_assert_true (mh_article_set_value (article, "custom", "9", &error));
  g_assert_no_error (error);
  /* Outside the schema an integer stays an integer. */
  g_assert_nonnull (strstr (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                            "custom: 9\n"));
  g_assert_true (mh_article_set_value (article, "custom", "nine", &error));
  g_assert_nonnull (strstr (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                            "custom: nine\n"));
  g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 2);
  mh_test_remove_tree (dir);
}

static void
test_fold (void)
{
  g_autofree char *a = mh_fold_text ("Ça Élève ŒUVRE ﬁ", -1);

  g_assert_cmpstr (a, ==, "ca eleve œuvre fi");
}

/* Spellings of one topic that differ in case, accents, spacing or punctuation
 * share a key; different words do not. */
static void
test_fold_variant_key (void)
{
  const char *same[] = { "AI", "ai", "A.I.", "A I", " a-i " };
  g_autofree char *cafe = mh_fold_variant_key ("Café", -1);
  g_autofree char *other = mh_fold_variant_key ("AIs", -1);

  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *key = mh_fold_variant_key (same[i], -1);

      g_assert_cmpstr (key, ==, "ai");
    }
  g_assert_cmpstr (cafe, ==, "cafe");
  g_assert_cmpstr (other, !=, "ai");
}

/* The whole text through casefolding and NFKD, marks dropped: what the
 * ASCII fast path must agree with. */
static char *
fold_reference (const char *text,
                gssize      len)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t != G_UNICODE_NON_SPACING_MARK && t != G_UNICODE_SPACING_MARK
          && t != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
test_fold_mixed (void)
{
  static const struct
  {
    const char *text;
    gssize      len;
    const char *folded;
  } cases[] = {
    { "Plain ASCII, Title\n", -1, "plain ascii, title\n" },
    { "Cafe\xcc\x81 MA\xc3\x91" "ANA", -1, "cafe manana" },   /* combining mark after ASCII */
    { "\xe2\x84\xaa KELVIN", -1, "k kelvin" },              /* non-ASCII folding to ASCII */
    { "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1 Z", -1,
      "\xce\xb5\xce\xbb\xce\xbb\xce\xb1\xce\xb4\xce\xb1 z" },
    { "a\0B", 3, "a\xef\xbf\xbd" "b" },                      /* NUL kept out of the text */
    { "x\xc3" "(Y\xff", -1, "x\xef\xbf\xbd(y\xef\xbf\xbd" },  /* invalid UTF-8 */
    { "STRASSE Stra\xc3\x9f" "e", -1, "strasse strasse" },
    { "", -1, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = mh_fold_text (cases[i].text, cases[i].len);
      g_autofree char *reference = fold_reference (cases[i].text, cases[i].len);

      g_assert_cmpstr (folded, ==, cases[i].folded);
      g_assert_cmpstr (folded, ==, reference);
    }
}

/* Random mixes of ASCII, two-byte characters (folded from a table), longer
 * ones, combining marks and invalid bytes agree with the reference. */
static void
test_fold_random (void)
{
  static const char * const pieces[] = {
    "a", "Z", " ", "\n", "\xc3\xa9", "\xc3\x89", "\xc3\x9f", "\xce\xa3", "\xcf\x82",
    "\xcc\x81", "\xe2\x84\xaa", "\xef\xac\x81", "\xc3", "\xff", "\x80", "\xe2\x84",
    "\xc0\xaf", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "\xd6\x87", "\xc7\x85",
    "\xce\x90", "\xc5\x89", "\xd0\x81", "\xdf\xbf", "\xc2\x80", "\xc2\xa0", "\0",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  /* Every two-byte character, followed by a combining mark. */
  for (gunichar c = 0x80; c < 0x800; c++)
    {
      char text[8];
      int n = g_unichar_to_utf8 (c, text);
      g_autofree char *folded = NULL;
      g_autofree char *reference = NULL;

      memcpy (text + n, "\xcc\x81x", 3);
      folded = mh_fold_text (text, n + 3);
      reference = fold_reference (text, n + 3);
      g_assert_cmpstr (folded, ==, reference);
    }

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);
      g_autofree char *folded = NULL;
      g_autofree char *reference = NULL;

      for (guint j = 0; j < n; j++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          /* "\0" is one NUL byte. */
          g_string_append_len (text, piece, piece[0] == '\0' ? 1 : (gssize) strlen (piece));
        }
      folded = mh_fold_text (text->str, text->len);
      reference = fold_reference (text->str, text->len);
      g_assert_cmpstr (folded, ==, reference);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/article/summary", test_summary);
  ADD ("/article/read-held", test_read_held);
  ADD ("/article/edit-save", test_edit_save);
  ADD ("/article/nested-edit", test_nested_edit);
  ADD ("/article/readonly-setters", test_readonly_setters);
  ADD ("/article/undo-redo", test_undo_redo);
  ADD ("/article/undo-merge-steps", test_undo_merge_and_steps);
  ADD ("/article/undo-after-save", test_undo_after_save);
  ADD ("/article/lists-follow-undo", test_lists_follow_undo);
  g_test_add_func ("/article/standalone", test_standalone);
  g_test_add_func ("/article/fold", test_fold);
  g_test_add_func ("/article/fold-variant-key", test_fold_variant_key);
  g_test_add_func ("/article/fold-mixed", test_fold_mixed);
  g_test_add_func ("/article/fold-random", test_fold_random);

  return g_test_run ();
}
