/* test-collection-health.c: the collection rules kept by MhCollection as records load and change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-test-util.h"

#define RECORD(title, url) \
  "---\n" \
  "title: \"" title "\"\n" \
  "webUrl: \"" url "\"\n" \
  "topics:\n" \
  "  - AI\n" \
  "---\n" \
  "Body\n"

static char *
problems_text (MhCollection *collection,
               const char   *id)
{
  g_autoptr(GPtrArray) problems = mh_health_index_dup_problems (mh_collection_get_health (collection),
                                                                id);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const MhHealthProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%u:%u %s: %s\n", problem->line, problem->column,
                              problem->rule_id, problem->message);
    }
  return g_string_free (text, FALSE);
}

#define ASSERT_PROBLEMS(collection, id, expected) \
  G_STMT_START { \
    g_autofree char *text_ = problems_text (collection, id); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

static void
health_changed_cb (MhCollection  *collection,
                   GStrv          ids,
                   GPtrArray     *seen)
{
  g_ptr_array_add (seen, ids != NULL ? g_strjoinv (",", ids) : g_strdup ("(all)"));
}

static void
test_collection_health_load_and_edit (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", RECORD ("One story", "https://example.com/x"));
  g_autofree char *b = mh_test_write (dir, "b.md", RECORD ("Another story",
                                                           "http://www.example.com/x/"));
  g_autofree char *c = mh_test_write (dir, "c.md", RECORD ("Something else",
                                                           "https://example.com/c"));
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  MhArticle *article;

  collection = mh_test_load (dir);
  g_assert_cmpuint (mh_health_index_get_n_records (mh_collection_get_health (collection)), ==, 3);
  ASSERT_PROBLEMS (collection, "a.md", "3:9 duplicate-url: Same URL as b.md\n");
  ASSERT_PROBLEMS (collection, "b.md", "3:9 duplicate-url: Same URL as a.md\n");
  ASSERT_PROBLEMS (collection, "c.md", "");

  /* An edit so that b is no longer a duplicate: the problem goes from both,
   * and the signal names them (not c). Nothing is written. */
  g_signal_connect (collection, "health-changed", G_CALLBACK (health_changed_cb), seen);
  article = mh_test_lookup (collection, b);
  g_assert_nonnull (article);
  mh_article_set_web_url (article, "https://example.com/b");
  ASSERT_PROBLEMS (collection, "a.md", "");
  ASSERT_PROBLEMS (collection, "b.md", "");
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (strstr (g_ptr_array_index (seen, 0), "a.md") != NULL);
  g_assert_true (strstr (g_ptr_array_index (seen, 0), "b.md") != NULL);
  g_assert_null (strstr (g_ptr_array_index (seen, 0), "c.md"));
  mh_test_assert_file (b, RECORD ("Another story", "http://www.example.com/x/"));

  /* And back: the duplicate is found again. */
  mh_article_set_web_url (article, "http://www.example.com/x/");
  ASSERT_PROBLEMS (collection, "a.md", "3:9 duplicate-url: Same URL as b.md\n");

  /* "Not a duplicate": stored sorted in the folder, honoured at once and
   * after a reload; a stale line for a file that is gone changes nothing. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *sidecar = g_build_filename (dir, ".masthead", "not-duplicates", NULL);

    g_assert_true (mh_collection_mark_not_duplicate (collection, article,
                                                     mh_test_lookup (collection, a), &error));
    g_assert_no_error (error);
    mh_test_assert_file (sidecar, "a.md\tb.md\n");
    ASSERT_PROBLEMS (collection, "a.md", "");
    g_assert_true (g_file_set_contents (sidecar, "a.md\tb.md\ngone.md\tc.md\n", -1, NULL));
  }
  g_clear_object (&collection);
  collection = mh_test_load (dir);
  g_assert_null (mh_collection_get_health_error (collection));
  ASSERT_PROBLEMS (collection, "a.md", "");
  ASSERT_PROBLEMS (collection, "b.md", "");
  mh_test_assert_file (a, RECORD ("One story", "https://example.com/x"));
  mh_test_assert_file (c, RECORD ("Something else", "https://example.com/c"));

  mh_test_remove_tree (dir);
}

static void
test_collection_health_bad_sidecar (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", RECORD ("One story", "https://example.com/x"));
  g_autofree char *b = mh_test_write (dir, "b.md", RECORD ("Two story", "https://example.com/x"));
  g_autofree char *masthead = g_build_filename (dir, ".masthead", NULL);
  g_autofree char *sidecar = NULL;
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (masthead, 0700), ==, 0);
  sidecar = mh_test_write (masthead, "not-duplicates", "a.md b.md\n");

  /* The reason is kept, nothing is paired away, and the file is never
   * rewritten. */
  collection = mh_test_load (dir);
  g_assert_nonnull (mh_collection_get_health_error (collection));
  g_assert_true (g_str_has_suffix (mh_collection_get_health_error (collection),
                                   "not-duplicates:1: not two paths separated by one tab"));
  ASSERT_PROBLEMS (collection, "a.md", "3:9 duplicate-url: Same URL as b.md\n");
  g_assert_false (mh_collection_mark_not_duplicate (collection, mh_test_lookup (collection, a),
                                                    mh_test_lookup (collection, b), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  mh_test_assert_file (sidecar, "a.md b.md\n");

  mh_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collection-health/load-and-edit", test_collection_health_load_and_edit);
  g_test_add_func ("/collection-health/bad-sidecar", test_collection_health_bad_sidecar);

  return g_test_run ();
}
