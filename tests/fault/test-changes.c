/* test-changes.c: a modified record's file deleted, renamed, replaced or rewritten before its save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define RECORD  "---\ntitle: Old\nquality: 5\n---\nBody\n"
#define EDITED  "---\ntitle: Mine\nquality: 5\n---\nBody\n"

typedef struct
{
  char         *dir;
  char         *path;
  MhCollection *collection;
  MhArticle    *article;   /* borrowed */
} Fixture;

/* Lets the folder monitor's events arrive and be handled. */
static void
settle (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  mh_collection_flush_events (fixture->collection);
}

/* A loaded folder with r.md modified in memory (title: Mine). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mh_fault_make_dir ();
  fixture->path = mh_fault_write (fixture->dir, "r.md", RECORD, -1);
  fixture->collection = mh_test_load (fixture->dir);
  fixture->article = mh_test_lookup (fixture->collection, fixture->path);
  g_assert_nonnull (fixture->article);
  mh_article_set_title (fixture->article, "Mine");
  g_assert_true (mh_article_get_modified (fixture->article));
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

static MhArticle *
lookup (Fixture    *fixture,
        const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return mh_test_lookup (fixture->collection, path);
}

/* Deleted: the modified record stays in the list (no edit is lost), and
 * saving writes it back whole. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  settle (fixture);
  g_assert_true (lookup (fixture, "r.md") == fixture->article);
  g_assert_true (mh_article_get_modified (fixture->article));
  g_assert_true (mh_collection_save (fixture->collection, fixture->article, &outcome, NULL,
                                     &error));
  g_assert_no_error (error);
  mh_fault_assert_bytes (fixture->path, EDITED, -1);
}

/* Renamed: the new name is a record of its own with the old bytes, which
 * are not touched; the edit is kept and saved under the name it had. */
static void
test_renamed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *renamed = g_build_filename (fixture->dir, "s.md", NULL);
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;
  MhArticle *moved;

  g_assert_cmpint (g_rename (fixture->path, renamed), ==, 0);
  settle (fixture);
  moved = lookup (fixture, "s.md");
  g_assert_nonnull (moved);
  g_assert_false (mh_article_get_modified (moved));
  g_assert_true (mh_article_get_modified (fixture->article));
  g_assert_true (mh_collection_save (fixture->collection, fixture->article, &outcome, NULL,
                                     &error));
  g_assert_no_error (error);
  mh_fault_assert_bytes (fixture->path, EDITED, -1);
  mh_fault_assert_bytes (renamed, RECORD, -1);
}

/* Replaced by a folder: the save fails and says so, the folder is left as
 * it is, and the edit stays for another try. */
static void
test_replaced_by_folder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *inner = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0755), ==, 0);
  inner = mh_fault_write (fixture->path, "inner.md", RECORD, -1);
  settle (fixture);
  before = mh_fault_snapshot (fixture->dir);
  g_assert_false (mh_collection_save (fixture->collection, fixture->article, &outcome, NULL,
                                      &error));
  g_assert_nonnull (error);
  g_test_message ("replaced by a folder: %s", error->message);
  g_assert_true (mh_article_get_modified (fixture->article));
  after = mh_fault_snapshot (fixture->dir);
  g_assert_cmpstr (after, ==, before);
}

/* Replaced by a symlink out of the folder: nothing is written through it,
 * and the edit stays. */
static void
test_replaced_by_link (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *outside = mh_fault_make_dir ();
  g_autofree char *victim = mh_fault_write (outside, "victim.md", RECORD, -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (symlink (victim, fixture->path), ==, 0);
  settle (fixture);
  before = mh_fault_snapshot (outside);
  g_assert_false (mh_collection_save (fixture->collection, fixture->article, &outcome, NULL,
                                      &error));
  g_assert_nonnull (error);
  g_test_message ("replaced by a link: %s", error->message);
  after = mh_fault_snapshot (outside);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_SYMLINK));
  mh_fault_assert_bytes (victim, RECORD, -1);
  mh_test_remove_tree (outside);
}

/* A second writer (the CLI) changes another field between load and save:
 * the edit is replayed onto its bytes; both changes are kept. */
static void
test_second_writer_merged (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *args[] = { "set", fixture->path, "quality", "9", NULL };
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;

  g_assert_cmpint (mh_fault_run_cli (NULL, args, NULL, NULL, NULL), ==, 0);
  g_assert_true (mh_collection_save (fixture->collection, fixture->article, &outcome, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, MH_SAVE_MERGED);
  mh_fault_assert_bytes (fixture->path, "---\ntitle: Mine\nquality: 9\n---\nBody\n", -1);
}

/* The second writer changes the same field: the conflict path, which
 * writes nothing until the user chooses, and keeps the edit. */
static void
test_second_writer_conflict (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *args[] = { "set", fixture->path, "title", "Theirs", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MhSaveOutcome outcome;

  g_assert_cmpint (mh_fault_run_cli (NULL, args, NULL, NULL, NULL), ==, 0);
  before = mh_fault_snapshot (fixture->dir);
  g_assert_false (mh_collection_save (fixture->collection, fixture->article, &outcome, NULL,
                                      &error));
  g_assert_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT);
  g_assert_true (mh_article_get_modified (fixture->article));
  after = mh_fault_snapshot (fixture->dir);
  g_assert_cmpstr (after, ==, before);
  mh_fault_assert_bytes (fixture->path, "---\ntitle: Theirs\nquality: 5\n---\nBody\n", -1);
}

/* Leftovers of an interrupted save next to the record are never records,
 * neither at load nor when they appear while the folder is open. */
static void
test_leftovers (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *left = mh_fault_write (fixture->dir, ".goutputstream-ABC123", RECORD, -1);
  g_autoptr(MhCollection) again = NULL;

  settle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->collection)), ==, 1);
  again = mh_test_load (fixture->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/changes/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("deleted", test_deleted);
  ADD ("renamed", test_renamed);
  ADD ("replaced-by-folder", test_replaced_by_folder);
  ADD ("replaced-by-link", test_replaced_by_link);
  ADD ("second-writer-merged", test_second_writer_merged);
  ADD ("second-writer-conflict", test_second_writer_conflict);
  ADD ("leftovers", test_leftovers);
#undef ADD

  return g_test_run ();
}
