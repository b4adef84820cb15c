/* test-window-restore.c: the window offers a previous session's unsaved edits: restore, discard, damage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "mh-application.h"
#include "mh-window-private.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define RECORD "---\ntitle: Old\nquality: 5\n---\nBody\n"
#define MINE   "---\ntitle: Mine\nquality: 5\n---\nBody\n"

static MhApplication *app;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until @window's folder is loaded (and its offer made), or fails. */
static void
wait_loaded (MhWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (20000, timeout_cb, &timed_out);

  for (;;)
    {
      MhCollection *collection = _mh_window_get_collection (window);

      if (collection != NULL && !mh_collection_get_loading (collection)
          && mh_collection_get_journal_pending (collection) != NULL)
        break;
      if (timed_out)
        g_error ("timed out waiting for the folder to load");
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
}

/* A session that edits both records' titles and ends without saving. */
static void
leave_unsaved (const char *dir)
{
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (mh_collection_open_journal (collection, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/r%u.md", dir, i);

      mh_article_set_title (mh_test_lookup (collection, path), "Mine");
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static MhWindow *
open_window (const char *dir)
{
  MhWindow *window = mh_window_new (GTK_APPLICATION (app), mh_application_get_settings (app));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  mh_window_open_folder (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (window);
  return window;
}

static void
close_window (MhWindow *window)
{
  mh_collection_revert_all (_mh_window_get_collection (window));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_restore_and_discard (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *r0 = mh_fault_write (dir, "r0.md", RECORD, -1);
  g_autofree char *r1 = mh_fault_write (dir, "r1.md", RECORD, -1);
  g_autoptr(GError) error = NULL;
  MhWindow *window;
  MhCollection *collection;

  /* Restore: both records come back modified, and save to the edited bytes. */
  leave_unsaved (dir);
  window = open_window (dir);
  g_assert_cmpstr (_mh_window_get_restore_text (window), ==,
                   "2 unsaved edits from a previous session in 2 records.");
  collection = _mh_window_get_collection (window);
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 0);
  _mh_window_answer_restore (window, TRUE);
  g_assert_null (_mh_window_get_restore_text (window));
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 2);
  g_assert_cmpuint (mh_collection_save_all (collection, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  mh_fault_assert_bytes (r0, MINE, -1);
  mh_fault_assert_bytes (r1, MINE, -1);
  close_window (window);

  /* Discard: nothing changes, and the next window offers nothing. */
  g_free (mh_fault_write (dir, "r0.md", RECORD, -1));
  g_free (mh_fault_write (dir, "r1.md", RECORD, -1));
  leave_unsaved (dir);
  window = open_window (dir);
  g_assert_nonnull (_mh_window_get_restore_text (window));
  _mh_window_answer_restore (window, FALSE);
  g_assert_null (_mh_window_get_restore_text (window));
  g_assert_cmpuint (mh_collection_get_n_modified (_mh_window_get_collection (window)), ==, 0);
  close_window (window);
  mh_fault_assert_bytes (r0, RECORD, -1);
  window = open_window (dir);
  g_assert_null (_mh_window_get_restore_text (window));
  close_window (window);
  mh_test_remove_tree (dir);
}

/* A damaged journal restores what it can and says what it could not; it
 * never keeps the folder from opening. */
static void
test_damaged (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *r0 = mh_fault_write (dir, "r0.md", RECORD, -1);
  g_autofree char *r1 = mh_fault_write (dir, "r1.md", RECORD, -1);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *path = mh_journal_dup_path_for_folder (folder);
  g_autofree char *data = NULL;
  g_autoptr(GString) damaged = NULL;
  const char *text;
  MhWindow *window;
  gsize len;

  leave_unsaved (dir);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  damaged = g_string_new_len (data, (gssize) len);
  g_string_append (damaged, "garbage\n0badf00d\top\tr1.md\t1\tcut");
  g_assert_true (g_file_set_contents (path, damaged->str, (gssize) damaged->len, NULL));

  window = open_window (dir);
  text = _mh_window_get_restore_text (window);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "2 unsaved edits from a previous session in 2 records. "
                                         "1 entry of the journal could not be read. The last "
                                         "entry was cut short."));
  _mh_window_answer_restore (window, TRUE);
  g_assert_cmpuint (mh_collection_get_n_modified (_mh_window_get_collection (window)), ==, 2);
  close_window (window);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);

  app = mh_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/window-restore/restore-and-discard", test_restore_and_discard);
  g_test_add_func ("/window-restore/damaged", test_damaged);

  return g_test_run ();
}
