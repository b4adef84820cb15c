/* test-history.c: undo stores operations; observers, nested items and the pure filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-document-patch.h"
#include "mh-filter.h"
#include "mh-history.h"
#include "mh-related.h"
#include "mh-test-util.h"

static void
assert_bytes (GBytes     *bytes,
              const char *expected)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, strlen (expected));
}

/* A patch is the span between the common prefix and suffix; its inverse
 * gives every byte back; applied to other bytes it refuses. */
static void
test_patch (void)
{
  g_autoptr(GBytes) a = g_bytes_new_static ("---\ntitle: a\n---\n", 17);
  g_autoptr(GBytes) b = g_bytes_new_static ("---\ntitle: bcd\n---\n", 19);
  g_autoptr(GBytes) other = g_bytes_new_static ("---\nx: 1\n", 9);
  g_autoptr(MhPatch) patch = mh_patch_new_diff (a, b);
  g_autoptr(MhPatch) inverse = NULL;
  g_autoptr(GBytes) forth = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (mh_patch_new_diff (a, a));
  g_assert_nonnull (patch);
  g_assert_cmpuint (patch->offset, ==, 11);
  g_assert_cmpuint (g_bytes_get_size (patch->removed), ==, 1);
  g_assert_cmpuint (g_bytes_get_size (patch->inserted), ==, 3);

  forth = mh_patch_apply_bytes (patch, a, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (forth, b));
  inverse = mh_patch_invert (patch);
  back = mh_patch_apply_bytes (inverse, forth, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, a));

  /* Malformed: the bytes at the offset are not the removed ones. */
  refused = mh_patch_apply_bytes (patch, other, &error);
  g_assert_null (refused);
  g_assert_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY);
}

typedef struct
{
  guint     n_edited;
  guint     n_changed;
  guint     n_search;
  char     *label;
  char     *path;
  guint     n_added;
  guint     n_dropped;
  gboolean  has_patch;
} Heard;

static void
heard_edited (MhArticle             *article,
              const MhArticleChange *change,
              gpointer               user_data)
{
  Heard *heard = user_data;

  heard->n_edited++;
  g_free (heard->label);
  heard->label = g_strdup (change->label);
  g_free (heard->path);
  heard->path = g_strdup (change->path);
  heard->n_added = change->added->len;
  heard->n_dropped = change->dropped->len;
  heard->has_patch = change->patch != NULL;
}

static void
heard_changed (MhArticle *article,
               gpointer   user_data)
{
  ((Heard *) user_data)->n_changed++;
}

static void
heard_search (MhArticle *article,
              gpointer   user_data)
{
  ((Heard *) user_data)->n_search++;
}

static const MhArticleObserver heard_observer = {
  heard_edited, heard_changed, heard_search,
};

/* A record tells its one observer what each call did, and knows nothing
 * else of it. */
static void
test_observer (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *path = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhArticle) article = mh_article_new_for_file (file, NULL, &error);
  Heard heard = { 0 };

  g_assert_no_error (error);
  mh_article_set_observer (article, &heard_observer, &heard);

  mh_article_set_title (article, "New");
  g_assert_cmpuint (heard.n_edited, ==, 1);
  g_assert_cmpuint (heard.n_changed, ==, 1);
  g_assert_cmpuint (heard.n_search, ==, 1);
  g_assert_null (heard.label);
  g_assert_cmpstr (heard.path, ==, "title");
  g_assert_cmpuint (heard.n_added, ==, 1);
  g_assert_true (heard.has_patch);

  /* Several engine edits, one change with its label. */
  mh_article_add_topic (article, "AI");  /* already there: nothing happens */
  g_assert_cmpuint (heard.n_edited, ==, 1);
  mh_article_set_topics (article, (const char *[]) { "X", "Y", NULL });
  g_assert_cmpuint (heard.n_edited, ==, 2);
  g_assert_cmpstr (heard.label, ==, "Set topics");
  g_assert_null (heard.path);
  g_assert_cmpuint (heard.n_added, ==, 4);
  g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 5);

  /* Revert takes every operation off the list. */
  mh_article_revert (article);
  g_assert_cmpuint (heard.n_edited, ==, 3);
  g_assert_cmpstr (heard.label, ==, "Revert");
  g_assert_cmpuint (heard.n_dropped, ==, 5);
  g_assert_cmpuint (heard.n_added, ==, 0);
  assert_bytes (mh_article_get_bytes (article), MH_TEST_RECORD);

  /* A failed edit tells nothing; a replayed patch is a change, no edit. */
  g_assert_false (mh_article_set_value (article, "quality", "high", &error));
  g_clear_error (&error);
  g_assert_cmpuint (heard.n_edited, ==, 3);
  {
    g_autoptr(GBytes) before = g_bytes_ref (mh_article_get_bytes (article));
    g_autoptr(GBytes) after = NULL;
    g_autoptr(MhPatch) patch = NULL;
    guint n_changed = heard.n_changed;

    mh_article_set_heat (article, 4);
    after = g_bytes_ref (mh_article_get_bytes (article));
    patch = mh_patch_new_diff (after, before);
    g_assert_true (mh_article_apply_patch (article, patch, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (heard.n_edited, ==, 4);
    g_assert_cmpuint (heard.n_changed, ==, n_changed + 2);
    g_assert_false (mh_article_get_modified (article));
    g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 0);
    /* The same patch again does not apply: the bytes moved on. */
    g_assert_false (mh_article_apply_patch (article, patch, &error));
    g_assert_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY);
  }

  mh_article_set_observer (article, NULL, NULL);
  mh_article_set_title (article, "Unheard");
  g_assert_cmpuint (heard.n_edited, ==, 4);
  g_free (heard.label);
  g_free (heard.path);
  mh_test_remove_tree (dir);
}

/* "Add related" writes no empty key: with nothing given an empty item,
 * then only what the user types. */
static void
test_add_related (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *path = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  MhArticle *article = mh_test_lookup (collection, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhRelated) added = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *both = NULL;
  GListModel *related;

  g_assert_true (mh_article_hold (article, &error));
  related = mh_article_get_related (article);

  mh_article_add_related (article, "", NULL);
  empty = mh_test_replace (MH_TEST_RECORD, "    quality: 72\n",
                           "    quality: 72\n  - {}\n");
  assert_bytes (mh_article_get_bytes (article), empty);
  g_assert_cmpuint (g_list_model_get_n_items (related), ==, 2);

  added = g_list_model_get_item (related, 1);
  mh_related_set_title (added, "Typed");
  typed = mh_test_replace (MH_TEST_RECORD, "    quality: 72\n",
                           "    quality: 72\n  - {title: Typed}\n");
  assert_bytes (mh_article_get_bytes (article), typed);

  g_assert_true (mh_history_undo (mh_collection_get_history (collection)));
  g_assert_true (mh_history_undo (mh_collection_get_history (collection)));
  assert_bytes (mh_article_get_bytes (article), MH_TEST_RECORD);

  mh_article_add_related (article, "Third", "https://example.com/third");
  both = mh_test_replace (MH_TEST_RECORD, "    quality: 72\n",
                          "    quality: 72\n  - title: Third\n"
                          "    webUrl: https://example.com/third\n");
  assert_bytes (mh_article_get_bytes (article), both);
  mh_article_release (article);
  mh_test_remove_tree (dir);
}

/* Many edits over several records, some grouped: every undo gives the
 * exact bytes of every file back, every redo the edited ones, and the
 * steps hold patches and operations, not documents. */
static void
test_many_records (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  const char *texts[3];
  char *paths[3] = { NULL };
  g_autofree char *crlf = NULL;
  g_autofree char *flow = NULL;
  g_autoptr(MhCollection) collection = NULL;
  MhHistory *history;
  MhArticle *articles[3];
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  guint n_steps;

  crlf = mh_test_replace ("---\r\ntitle: Crlf\r\ntopics: [a, b]\r\n---\r\nBody\r\n", "", "");
  flow = g_strdup ("---\n# keep me\ntitle: 'Flow'\ntopics:\n- x\nquality: 3\n---\n");
  texts[0] = MH_TEST_RECORD;
  texts[1] = crlf;
  texts[2] = flow;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);
      paths[i] = mh_test_write (dir, name, texts[i]);
    }
  collection = mh_test_load (dir);
  history = mh_collection_get_history (collection);
  for (guint i = 0; i < 3; i++)
    {
      articles[i] = mh_test_lookup (collection, paths[i]);
      g_assert_true (mh_article_hold (articles[i], &error));
    }

#define SNAPSHOT() \
  G_STMT_START { \
    char **state = g_new0 (char *, 4); \
    for (guint k = 0; k < 3; k++) \
      state[k] = g_strndup (g_bytes_get_data (mh_article_get_bytes (articles[k]), NULL), \
                            g_bytes_get_size (mh_article_get_bytes (articles[k]))); \
    g_ptr_array_add (states, state); \
  } G_STMT_END

  SNAPSHOT ();
  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", round);

      mh_history_break_merge (history);
      mh_article_set_title (articles[round % 3], title);
      SNAPSHOT ();
      mh_article_add_topic (articles[(round + 1) % 3], title);
      SNAPSHOT ();
      mh_history_begin_step (history, "All three");
      for (guint i = 0; i < 3; i++)
        {
          mh_article_set_quality (articles[i], round * 10 + i);
          mh_article_remove_topic (articles[i], "x");
        }
      mh_history_end_step (history);
      SNAPSHOT ();
      g_assert_cmpuint (mh_history_get_step_n_records (history, TRUE), ==, 3);
      /* A step keeps what changed: far less than the three files. */
      g_assert_cmpuint (mh_history_get_step_size (history, TRUE), <, 3 * 1024);
    }
  mh_article_revert (articles[2]);
  SNAPSHOT ();

  n_steps = states->len - 1;
  for (guint s = n_steps; s > 0; s--)
    {
      char **state = g_ptr_array_index (states, s - 1);

      g_assert_true (mh_history_undo (history));
      for (guint k = 0; k < 3; k++)
        assert_bytes (mh_article_get_bytes (articles[k]), state[k]);
    }
  g_assert_false (mh_history_get_can_undo (history));
  for (guint k = 0; k < 3; k++)
    {
      g_assert_false (mh_article_get_modified (articles[k]));
      g_assert_cmpuint (mh_article_get_edits (articles[k])->len, ==, 0);
      mh_test_assert_file (paths[k], texts[k]);
    }

  for (guint s = 1; s <= n_steps; s++)
    {
      char **state = g_ptr_array_index (states, s);

      g_assert_true (mh_history_redo (history));
      for (guint k = 0; k < 3; k++)
        assert_bytes (mh_article_get_bytes (articles[k]), state[k]);
    }

  /* The operations came back with the bytes: saving after a change on disk
   * elsewhere in the file replays them (a merge), not a conflict. */
  {
    g_autofree char *changed = mh_test_replace (texts[0], "custom: 7", "custom: 8");
    g_autofree char *expected = mh_test_replace (((char **) g_ptr_array_index (states, n_steps))[0],
                                                 "custom: 7", "custom: 8");
    MhSaveOutcome outcome;

    g_file_set_contents (paths[0], changed, -1, &error);
    g_assert_no_error (error);
    g_assert_true (mh_collection_save (collection, articles[0], &outcome, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, MH_SAVE_MERGED);
    mh_test_assert_file (paths[0], expected);
  }

  for (guint i = 0; i < 3; i++)
    {
      mh_article_release (articles[i]);
      g_free (paths[i]);
    }
  mh_test_remove_tree (dir);
#undef SNAPSHOT
}

static gboolean
only_quality_52 (const MhFilterRow *row,
                 gpointer           user_data)
{
  return row->has_quality && row->quality == GPOINTER_TO_INT (user_data);
}

/* The filter is a predicate over a row: no record, no collection. */
static void
test_pure_filter (void)
{
  g_autoptr(MhFilter) filter = mh_filter_new ();
  const char *topics[] = { "Climate", "AI", NULL };
  MhFilterRow row = { 0 };

  row.topics = topics;
  row.provider_name = "Le Monde";
  row.search_text = "un titre\n\nle monde\nclimate\nai\n";
  row.quality = 52;
  row.has_quality = TRUE;

  g_assert_true (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  g_assert_false (mh_filter_has_row_tests (filter));

  mh_filter_set_search_text (filter, "MONDE Titre");
  g_assert_true (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  mh_filter_set_search_text (filter, "monde absent");
  g_assert_false (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  /* A caller that answered the words itself. */
  g_assert_true (mh_filter_match_row (filter, &row, MH_N_FACETS, FALSE));
  mh_filter_set_search_text (filter, "");

  mh_filter_set_facet_value (filter, MH_FACET_TOPIC, "AI", TRUE);
  g_assert_true (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  mh_filter_set_facet_value (filter, MH_FACET_PROVIDER, "Other", TRUE);
  g_assert_false (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  g_assert_true (mh_filter_match_row (filter, &row, MH_FACET_PROVIDER, TRUE));
  mh_filter_reset (filter);

  /* The seam a parsed query plugs into. */
  mh_filter_set_row_func (filter, only_quality_52, GINT_TO_POINTER (52), NULL);
  g_assert_false (mh_filter_is_empty (filter));
  g_assert_true (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  row.quality = 51;
  g_assert_false (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
  mh_filter_set_row_func (filter, NULL, NULL, NULL);
  g_assert_true (mh_filter_match_row (filter, &row, MH_N_FACETS, TRUE));
}

/* The collection's indexed answer is the predicate's, before and after an
 * edit changes a record's search text. */
static void
test_collection_match (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autofree char *b = mh_test_write (dir, "b.md", "---\ntitle: Zurich police\n---\n");
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  g_autoptr(MhFilter) filter = mh_filter_new ();
  MhArticle *first = mh_test_lookup (collection, a);
  MhArticle *second = mh_test_lookup (collection, b);

  mh_filter_set_search_text (filter, "zur");
  g_assert_false (mh_collection_match (collection, filter, first));
  g_assert_true (mh_collection_match (collection, filter, second));
  mh_filter_set_search_text (filter, "zurich");
  g_assert_true (mh_collection_match (collection, filter, second));
  mh_article_set_title (first, "Zurich too");
  g_assert_true (mh_collection_match (collection, filter, first));
  g_assert_true (mh_filter_match (filter, first));
  mh_filter_set_search_text (filter, "zurich police");
  g_assert_false (mh_collection_match (collection, filter, first));
  g_assert_cmpuint (mh_collection_count_matches (collection, filter), ==, 1);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/patch", test_patch);
  g_test_add_func ("/history/observer", test_observer);
  g_test_add_func ("/history/add-related", test_add_related);
  g_test_add_func ("/history/many-records", test_many_records);
  g_test_add_func ("/history/pure-filter", test_pure_filter);
  g_test_add_func ("/history/collection-match", test_collection_match);

  return g_test_run ();
}
