/* test-restore.c: the journal kept true by edits, undo, redo and saves; a killed window's edits restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-journal.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define RECORD "---\ntitle: Old\ntopics:\n  - ai\nquality: 5\n---\nBody\n"

static const char *self_path;

static char *
titled (const char *title)
{
  return g_strdup_printf ("---\ntitle: %s\ntopics:\n  - ai\nquality: 5\n---\nBody\n", title);
}

/* Runs what is due: the journal's flush comes at the end of a dispatch. */
static void
run_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static MhCollection *
open_folder (const char *dir)
{
  g_autoptr(GError) error = NULL;
  MhCollection *collection = mh_test_load (dir);

  g_assert_true (mh_collection_open_journal (collection, &error));
  g_assert_no_error (error);
  return collection;
}

/* What the folder's journal holds now, read as the next session would. */
static MhJournalContents *
read_journal (const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *path = mh_journal_dup_path_for_folder (folder);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return mh_journal_parse (NULL, 0);
  return mh_journal_parse (data, len);
}

static guint
n_pending_edits (const char *dir,
                 const char *record)
{
  g_autoptr(MhJournalContents) contents = read_journal (dir);

  g_assert_cmpuint (contents->n_damaged, ==, 0);
  for (guint i = 0; i < contents->records->len; i++)
    {
      MhJournalRecord *r = g_ptr_array_index (contents->records, i);

      if (strcmp (r->record, record) == 0)
        return r->edits->len;
    }
  return 0;
}

static char *
make_folder (guint n)
{
  char *dir = mh_fault_make_dir ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);

      g_free (mh_fault_write (dir, name, RECORD, -1));
    }
  return dir;
}

static MhArticle *
record (MhCollection *collection,
        const char   *dir,
        guint         i)
{
  g_autofree char *path = g_strdup_printf ("%s/r%u.md", dir, i);

  return mh_test_lookup (collection, path);
}

/* The journal says exactly what is unsaved after each kind of change. */
static void
test_kept_true (void)
{
  g_autofree char *dir = make_folder (50);
  g_autoptr(MhCollection) collection = open_folder (dir);
  MhHistory *history = mh_collection_get_history (collection);
  g_autoptr(GError) error = NULL;
  MhArticle *article = record (collection, dir, 0);
  MhSaveOutcome outcome;

  mh_article_set_title (article, "New");
  run_idle ();
  g_assert_cmpuint (n_pending_edits (dir, "r0.md"), ==, 1);
  mh_history_break_merge (history);
  g_assert_true (mh_article_set_value (article, "quality", "7", NULL));
  run_idle ();
  g_assert_cmpuint (n_pending_edits (dir, "r0.md"), ==, 2);

  /* Undo takes the last edit off; undo to the saved state forgets it. */
  g_assert_true (mh_history_undo (history));
  run_idle ();
  g_assert_cmpuint (n_pending_edits (dir, "r0.md"), ==, 1);
  g_assert_true (mh_history_undo (history));
  run_idle ();
  g_assert_cmpuint (n_pending_edits (dir, "r0.md"), ==, 0);
  g_assert_true (mh_history_redo (history));
  run_idle ();
  g_assert_cmpuint (n_pending_edits (dir, "r0.md"), ==, 1);

  /* A save forgets it. */
  g_assert_true (mh_collection_save (collection, article, &outcome, NULL, &error));
  g_assert_no_error (error);
  run_idle ();
  g_assert_cmpuint (n_pending_edits (dir, "r0.md"), ==, 0);

  /* One step over many records: every one of them is in the journal. */
  mh_history_begin_step (history, "Bulk");
  for (guint i = 0; i < 50; i++)
    mh_article_set_title (record (collection, dir, i), "Bulk");
  mh_history_end_step (history);
  run_idle ();
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);

      g_assert_cmpuint (n_pending_edits (dir, name), ==, 1);
    }
  /* Undone as one step: nothing is pending. */
  g_assert_true (mh_history_undo (history));
  run_idle ();
  {
    g_autoptr(MhJournalContents) contents = read_journal (dir);

    g_assert_cmpuint (contents->records->len, ==, 0);
  }
  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

/* Child: opens the folder with its journal, edits r0.md's title again and
 * again, printing each edit's number once it is journaled, and saves now
 * and then, until it is killed. */
static int
child_edit (const char *dir)
{
  g_autoptr(MhCollection) collection = open_folder (dir);
  MhHistory *history = mh_collection_get_history (collection);
  MhArticle *article = record (collection, dir, 0);

  for (guint k = 1; ; k++)
    {
      g_autofree char *title = g_strdup_printf ("T %u", k);
      MhSaveOutcome outcome;

      mh_history_break_merge (history);
      mh_article_set_title (article, title);
      /* A second record edited too: a many-record restore. */
      mh_article_set_title (record (collection, dir, 1), title);
      run_idle ();
      printf ("%u\n", k);
      fflush (stdout);
      if (k % 7 == 0 && !mh_collection_save (collection, article, &outcome, NULL, NULL))
        return 1;
    }
}

/* Reads the child's output into @text until @until or its end. */
static void
read_output (int      fd,
             gint64   until,
             GString *text)
{
  char buffer[256];

  while (g_get_monotonic_time () < until)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
    }
}

/* The last whole number of @text's lines. */
static guint
last_number (GString *text)
{
  const char *end = strrchr (text->str, '\n');
  const char *start = end;

  if (end == NULL)
    return 0;
  while (start > text->str && start[-1] != '\n')
    start--;
  return (guint) g_ascii_strtoull (start, NULL, 10);
}

/* A window killed while it holds unsaved edits: a new process restores
 * them from the journal, byte for byte, for both records. */
static void
test_killed_and_restored (void)
{
  for (guint run = 0; run < 10; run++)
    {
      g_autofree char *dir = make_folder (2);
      const char *argv[] = { self_path, "--child-edit", dir, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(MhCollection) collection = NULL;
      g_autoptr(GPtrArray) failed = NULL;
      const MhJournalContents *pending;
      g_autoptr(GString) output = g_string_new (NULL);
      guint last, n_restored;
      int out_fd, status, flags;
      GPid pid;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      /* Let it run a random while, then kill it without warning. */
      read_output (out_fd, g_get_monotonic_time () + g_random_int_range (50000, 300000), output);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      flags = fcntl (out_fd, F_GETFL);
      fcntl (out_fd, F_SETFL, flags | O_NONBLOCK);
      read_output (out_fd, G_MAXINT64, output);
      last = last_number (output);
      close (out_fd);
      g_assert_cmpuint (last, >, 0);

      collection = open_folder (dir);
      pending = mh_collection_get_journal_pending (collection);
      g_assert_nonnull (pending);
      g_assert_cmpuint (pending->n_damaged, ==, 0);
      n_restored = mh_collection_restore_journal (collection, &failed);
      g_assert_cmpuint (failed->len, ==, 0);
      g_assert_cmpuint (n_restored, >=, 1);
      g_assert_cmpuint (mh_collection_save_all (collection, NULL, NULL, &error), >=, 1);
      g_assert_no_error (error);

      /* The last edit it told of, or the one it journaled after that. */
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/r%u.md", dir, i);
          g_autofree char *bytes = mh_test_read (path);
          g_autofree char *told = g_strdup_printf ("T %u", last);
          g_autofree char *next = g_strdup_printf ("T %u", last + 1);
          g_autofree char *told_bytes = titled (told);
          g_autofree char *next_bytes = titled (next);

          if (strcmp (bytes, told_bytes) != 0 && strcmp (bytes, next_bytes) != 0)
            g_error ("run %u: r%u.md after the restore, last told %u:\n%s", run, i, last, bytes);
        }
      g_clear_object (&collection);
      /* Saved: nothing is pending any more, and the journal is gone. */
      {
        g_autoptr(MhJournalContents) contents = read_journal (dir);

        g_assert_cmpuint (contents->records->len, ==, 0);
      }
      mh_test_remove_tree (dir);
    }
}

/* What changed meanwhile: a record edited on disk since (its other
 * fields are kept: the edit replays by field), and one deleted (said,
 * not restored). Discard forgets everything. */
static void
test_restore_onto_changes (void)
{
  g_autofree char *dir = make_folder (3);
  g_autofree char *r1 = g_strdup_printf ("%s/r1.md", dir);
  g_autofree char *r2 = g_strdup_printf ("%s/r2.md", dir);
  g_autoptr(MhCollection) collection = open_folder (dir);
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli_args[] = { "set", r1, "quality", "9", NULL };

  for (guint i = 0; i < 3; i++)
    mh_article_set_title (record (collection, dir, i), "Mine");
  run_idle ();
  /* The window goes away without saving (as a crash would leave it). */
  g_clear_object (&collection);

  g_assert_cmpint (mh_fault_run_cli (NULL, cli_args, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (g_unlink (r2), ==, 0);

  collection = open_folder (dir);
  g_assert_cmpuint (mh_collection_get_journal_pending (collection)->records->len, ==, 3);
  g_assert_cmpuint (mh_collection_restore_journal (collection, &failed), ==, 2);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_nonnull (strstr (failed->pdata[0], "r2.md"));
  g_assert_cmpuint (mh_collection_save_all (collection, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  {
    g_autofree char *mine = titled ("Mine");
    g_autofree char *r0 = g_strdup_printf ("%s/r0.md", dir);

    mh_fault_assert_bytes (r0, mine, -1);
    mh_fault_assert_bytes (r1, "---\ntitle: Mine\ntopics:\n  - ai\nquality: 9\n---\nBody\n", -1);
  }
  g_clear_object (&collection);

  /* Discard: the next session is offered nothing. */
  collection = open_folder (dir);
  mh_article_set_title (record (collection, dir, 0), "Unsaved");
  run_idle ();
  g_clear_object (&collection);
  collection = open_folder (dir);
  g_assert_cmpuint (mh_collection_get_journal_pending (collection)->records->len, ==, 1);
  g_assert_true (mh_collection_discard_journal (collection, NULL));
  g_clear_object (&collection);
  collection = open_folder (dir);
  g_assert_cmpuint (mh_collection_get_journal_pending (collection)->records->len, ==, 0);
  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;
  int status;

  if (argc == 3 && strcmp (argv[1], "--child-edit") == 0)
    return child_edit (argv[2]);

  /* Before anything asks GLib for the state folder; children inherit it. */
  state = g_dir_make_tmp ("mh-state-XXXXXX", NULL);
  g_assert_nonnull (state);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/restore/kept-true", test_kept_true);
  g_test_add_func ("/restore/killed-and-restored", test_killed_and_restored);
  g_test_add_func ("/restore/onto-changes", test_restore_onto_changes);

  status = g_test_run ();
  mh_test_remove_tree (state);
  return status;
}
