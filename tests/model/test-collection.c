/* test-collection.c: loading folders, watching them, saving with replay and conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-test-util.h"

#define SMALL "---\ntitle: Small\nquality: 5\n---\n"

typedef struct
{
  MhCollection *collection;
  guint         n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (G_LIST_MODEL (wait->collection)) == wait->n;
}

typedef struct
{
  MhArticle  *article;
  const char *title;
} TitleWait;

static gboolean
has_title (gpointer data)
{
  TitleWait *wait = data;

  return g_strcmp0 (mh_article_get_title (wait->article), wait->title) == 0;
}

static gboolean
is_changed_on_disk (gpointer data)
{
  return mh_article_get_changed_on_disk (data);
}

/* Waits out the monitor so that our own write's events are handled. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
test_load (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autoptr(MhCollection) collection = NULL;
  g_autofree char *a = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autofree char *b = mh_test_write (dir, "sub/deeper/b.yaml", SMALL);
  g_autofree char *c = mh_test_write (dir, "c.txt", "no front matter\n");
  g_autofree char *d = mh_test_write (dir, "d.md", "---\ntitle: [unclosed\n---\n");
  g_autofree char *e = mh_test_write (dir, "e.md", "---\ntitle: no closing line\n");
  g_autofree char *x1 = mh_test_write (dir, ".hidden.md", SMALL);
  g_autofree char *x2 = mh_test_write (dir, ".git/f.md", SMALL);
  g_autofree char *x3 = mh_test_write (dir, "image.png", "\x89PNG not a record");
  g_autofree char *x4 = mh_test_write (dir, "notes.yaml", "title: no delimiter\n");
  MhArticle *article;

  collection = mh_test_load (dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 5);
  g_assert_cmpuint (mh_collection_get_n_total (collection), ==, 7);
  g_assert_cmpuint (mh_collection_get_n_loaded (collection), ==, 7);
  g_assert_cmpfloat (mh_collection_get_progress (collection), ==, 1.0);

  article = mh_test_lookup (collection, b);
  g_assert_nonnull (article);
  g_assert_cmpstr (mh_article_get_title (article), ==, "Small");
  g_assert_cmpstr (mh_article_get_display_name (article), ==, "sub/deeper/b.yaml");

  article = mh_test_lookup (collection, c);
  g_assert_nonnull (article);
  g_assert_false (mh_article_get_has_front_matter (article));
  g_assert_null (mh_article_get_readonly_reason (article));

  article = mh_test_lookup (collection, d);
  g_assert_nonnull (mh_article_get_readonly_reason (article));
  g_assert_cmpuint (mh_article_get_readonly_line (article), >, 0);
  article = mh_test_lookup (collection, e);
  g_assert_nonnull (mh_article_get_readonly_reason (article));

  g_assert_null (mh_test_lookup (collection, x1));
  g_assert_null (mh_test_lookup (collection, x2));
  g_assert_null (mh_test_lookup (collection, x3));
  g_assert_null (mh_test_lookup (collection, x4));
  g_assert_cmpuint (mh_collection_get_n_problems (collection), >=, 2);

  /* Loading never writes. */
  mh_test_assert_file (a, MH_TEST_RECORD);
  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
test_load_many (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autoptr(MhCollection) collection = NULL;
  MhArticle *article;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%03u/rec%u.md", i % 7, i);
      g_autofree char *path = mh_test_write (dir, name, SMALL);
    }

  collection = mh_test_load (dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 600);
  /* Every record keeps only its summary. */
  article = g_list_model_get_item (G_LIST_MODEL (collection), 0);
  g_assert_false (mh_article_is_held (article));
  g_object_unref (article);
  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  GError **error = data;

  g_assert_false (mh_collection_load_finish (MH_COLLECTION (object), result, error));
}

static void
test_load_cancel (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autoptr(MhCollection) collection = mh_collection_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("rec%u.md", i);
      g_autofree char *path = mh_test_write (dir, name, SMALL);
    }

  mh_collection_load_async (collection, folder, cancellable, cancel_cb, &error);
  g_cancellable_cancel (cancellable);
  g_assert_true (mh_test_wait (mh_test_error_set, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (mh_collection_get_loading (collection));
  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
test_monitor_add_remove (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", SMALL);
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *hidden = NULL;
  CountWait wait = { collection, 2 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 1);

  b = mh_test_write (dir, "b.md", SMALL);
  g_assert_true (mh_test_wait (has_n_items, &wait));
  g_assert_nonnull (mh_test_lookup (collection, b));

  /* A new folder is watched and loaded too. */
  c = mh_test_write (dir, "new/c.md", SMALL);
  wait.n = 3;
  g_assert_true (mh_test_wait (has_n_items, &wait));
  g_assert_nonnull (mh_test_lookup (collection, c));

  hidden = mh_test_write (dir, ".d.md", SMALL);
  g_assert_cmpint (g_remove (a), ==, 0);
  wait.n = 2;
  g_assert_true (mh_test_wait (has_n_items, &wait));
  g_assert_null (mh_test_lookup (collection, a));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 2);

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
test_external_unmodified (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  MhArticle *article = mh_test_lookup (collection, a);
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = mh_test_replace (MH_TEST_RECORD, "Hello World", "From Outside");
  TitleWait wait = { article, "From Outside" };

  g_assert_true (mh_article_hold (article, &error));
  g_free (mh_test_write (dir, "a.md", changed));
  g_assert_true (mh_test_wait (has_title, &wait));
  g_assert_false (mh_article_get_modified (article));
  g_assert_false (mh_article_get_changed_on_disk (article));
  g_assert_true (mh_article_is_held (article));
  g_assert_cmpmem (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                   g_bytes_get_size (mh_article_get_bytes (article)), changed, strlen (changed));
  mh_article_release (article);

  /* Not held: the summary follows as well. */
  g_free (changed);
  changed = mh_test_replace (MH_TEST_RECORD, "Hello World", "Again");
  g_free (mh_test_write (dir, "a.md", changed));
  wait.title = "Again";
  g_assert_true (mh_test_wait (has_title, &wait));
  g_assert_false (mh_article_is_held (article));

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
test_external_replay (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  MhArticle *article = mh_test_lookup (collection, a);
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = mh_test_replace (MH_TEST_RECORD, "Hello World", "Their title");
  g_autofree char *expected = NULL;
  MhSaveOutcome outcome;

  mh_article_set_quality (article, 99);
  mh_article_add_topic (article, "Mine");
  g_free (mh_test_write (dir, "a.md", theirs));
  g_assert_true (mh_test_wait (is_changed_on_disk, article));
  /* Flagged, never overwritten: our edits are still there. */
  g_assert_true (mh_article_get_modified (article));
  g_assert_cmpint (mh_article_get_quality (article), ==, 99);
  g_assert_cmpstr (mh_article_get_title (article), ==, "Hello World");

  g_assert_true (mh_collection_save (collection, article, &outcome, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, MH_SAVE_MERGED);
  expected = mh_test_replace (theirs, "quality: 52", "quality: 99");
  g_free (theirs);
  theirs = mh_test_replace (expected, "  - AI\n", "  - AI\n  - Mine\n");
  mh_test_assert_file (a, theirs);
  g_assert_false (mh_article_get_modified (article));
  g_assert_false (mh_article_get_changed_on_disk (article));
  g_assert_cmpstr (mh_article_get_title (article), ==, "Their title");

  /* Reverting a flagged record takes the disk's version. */
  settle ();
  mh_article_set_title (article, "Mine");
  g_free (mh_test_write (dir, "a.md", MH_TEST_RECORD));
  g_assert_true (mh_test_wait (is_changed_on_disk, article));
  mh_article_revert (article);
  g_assert_false (mh_article_get_changed_on_disk (article));
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpstr (mh_article_get_title (article), ==, "Hello World");

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
test_external_conflict (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", MH_TEST_RECORD);
  g_autofree char *other = g_build_filename (dir, "saved-as.md", NULL);
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  MhArticle *article = mh_test_lookup (collection, a);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) save_as = g_file_new_for_path (other);
  g_autofree char *theirs = mh_test_replace (MH_TEST_RECORD, "Hello World", "Their title");
  g_autofree char *mine = mh_test_replace (MH_TEST_RECORD, "Hello World", "My title");
  MhSaveOutcome outcome;

  /* Keep mine. */
  mh_article_set_title (article, "My title");
  g_free (mh_test_write (dir, "a.md", theirs));
  g_assert_false (mh_collection_save (collection, article, &outcome, NULL, &error));
  g_assert_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (mh_article_get_changed_on_disk (article));
  g_assert_true (mh_article_get_modified (article));
  mh_test_assert_file (a, theirs);
  g_assert_true (mh_collection_resolve_conflict (collection, article, MH_CONFLICT_KEEP_MINE,
                                                 NULL, &error));
  g_assert_no_error (error);
  mh_test_assert_file (a, mine);
  g_assert_false (mh_article_get_modified (article));
  settle ();

  /* Reload. */
  mh_article_set_title (article, "Mine again");
  g_free (mh_test_write (dir, "a.md", theirs));
  g_assert_false (mh_collection_save (collection, article, &outcome, NULL, &error));
  g_assert_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (mh_collection_resolve_conflict (collection, article, MH_CONFLICT_RELOAD,
                                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mh_article_get_title (article), ==, "Their title");
  g_assert_false (mh_article_get_modified (article));
  mh_test_assert_file (a, theirs);

  /* Save as. */
  mh_article_set_title (article, "My title");
  g_free (mh_test_write (dir, "a.md", MH_TEST_RECORD));
  g_assert_false (mh_collection_save (collection, article, &outcome, NULL, &error));
  g_clear_error (&error);
  g_assert_true (mh_collection_resolve_conflict (collection, article, MH_CONFLICT_SAVE_AS,
                                                 save_as, &error));
  g_assert_no_error (error);
  mh_test_assert_file (other, mine);
  mh_test_assert_file (a, MH_TEST_RECORD);
  g_assert_cmpstr (mh_article_get_title (article), ==, "Hello World");

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static void
test_symlink (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *outside = mh_test_make_dir ();
  g_autofree char *target = mh_test_write (outside, "target.md", SMALL);
  g_autofree char *link = g_build_filename (dir, "link.md", NULL);
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  MhArticle *article;
  MhSaveOutcome outcome;

  /* A link out of the folder is read and never written through (issue #11). */
  g_assert_cmpint (symlink (target, link), ==, 0);
  collection = mh_test_load (dir);
  article = mh_test_lookup (collection, link);
  g_assert_nonnull (article);
  g_assert_nonnull (strstr (mh_article_get_readonly_reason (article), "outside"));

  /* The edit is refused, so the save has nothing to write. */
  mh_article_set_title (article, "Through the link");
  g_assert_false (mh_article_get_modified (article));
  g_assert_true (mh_collection_save (collection, article, &outcome, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, MH_SAVE_UNCHANGED);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  mh_test_assert_file (target, SMALL);

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
  mh_test_remove_tree (outside);
}

static void
test_hard_link (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", SMALL);
  g_autofree char *b = g_build_filename (dir, "b.md", NULL);
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  MhArticle *article;

  g_assert_cmpint (link (a, b), ==, 0);
  collection = mh_test_load (dir);
  article = mh_test_lookup (collection, a);
  g_assert_nonnull (mh_article_get_readonly_reason (article));

  g_assert_false (mh_article_set_value (article, "title", "No", &error));
  g_assert_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY);
  g_assert_false (mh_article_get_modified (article));
  mh_test_assert_file (a, SMALL);

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

/* Root ignores file modes: run as nobody in a child process. */
static gboolean
drop_privileges (void)
{
  if (geteuid () != 0)
    return TRUE;
  return setgid (65534) == 0 && setuid (65534) == 0;
}

static void
permissions_body (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *locked = mh_test_write (dir, "locked.md", SMALL);
  g_autofree char *readonly = mh_test_write (dir, "readonly.md", SMALL);
  g_autofree char *secret = mh_test_write (dir, "secret.bin", SMALL);
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  MhArticle *article;

  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  g_assert_cmpint (g_chmod (secret, 0), ==, 0);
  g_assert_cmpint (g_chmod (readonly, 0444), ==, 0);
  collection = mh_test_load (dir);

  /* Unreadable: a read-only record when its name says it is one. */
  article = mh_test_lookup (collection, locked);
  g_assert_nonnull (article);
  g_assert_nonnull (mh_article_get_readonly_reason (article));
  g_assert_false (mh_article_hold (article, &error));
  g_clear_error (&error);
  g_assert_null (mh_test_lookup (collection, secret));

  article = mh_test_lookup (collection, readonly);
  g_assert_nonnull (article);
  g_assert_cmpstr (mh_article_get_title (article), ==, "Small");
  g_assert_nonnull (mh_article_get_readonly_reason (article));
  g_assert_false (mh_article_set_value (article, "title", "No", &error));
  g_assert_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY);

  g_clear_object (&collection);
  g_chmod (locked, 0644);
  mh_test_remove_tree (dir);
}

static void
test_permissions (void)
{
  if (g_test_subprocess ())
    {
      if (!drop_privileges ())
        {
          g_test_skip ("cannot drop privileges");
          return;
        }
      permissions_body ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_save_all (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autofree char *a = mh_test_write (dir, "a.md", SMALL);
  g_autofree char *b = mh_test_write (dir, "b.md", SMALL);
  g_autofree char *c = mh_test_write (dir, "c.md", SMALL);
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  g_assert_cmpint (g_stat (c, &before), ==, 0);
  mh_article_set_quality (mh_test_lookup (collection, a), 6);
  mh_article_set_quality (mh_test_lookup (collection, b), 7);
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 2);
  g_assert_cmpuint (mh_collection_save_all (collection, &failed, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 0);
  mh_test_assert_file (a, "---\ntitle: Small\nquality: 6\n---\n");
  mh_test_assert_file (b, "---\ntitle: Small\nquality: 7\n---\n");
  g_assert_cmpint (g_stat (c, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 0);

  /* Our own saves do not come back as external changes. */
  settle ();
  g_assert_false (mh_article_get_changed_on_disk (mh_test_lookup (collection, a)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 3);

  /* Revert all, undone in one step. */
  mh_article_set_quality (mh_test_lookup (collection, a), 1);
  mh_article_set_quality (mh_test_lookup (collection, b), 2);
  mh_collection_revert_all (collection);
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 0);
  g_assert_true (mh_history_undo (mh_collection_get_history (collection)));
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 2);

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collection/load", test_load);
  g_test_add_func ("/collection/load-many", test_load_many);
  g_test_add_func ("/collection/load-cancel", test_load_cancel);
  g_test_add_func ("/collection/monitor-add-remove", test_monitor_add_remove);
  g_test_add_func ("/collection/external-unmodified", test_external_unmodified);
  g_test_add_func ("/collection/external-replay", test_external_replay);
  g_test_add_func ("/collection/external-conflict", test_external_conflict);
  g_test_add_func ("/collection/symlink", test_symlink);
  g_test_add_func ("/collection/hard-link", test_hard_link);
  g_test_add_func ("/collection/permissions", test_permissions);
  g_test_add_func ("/collection/save-all", test_save_all);

  return g_test_run ();
}
