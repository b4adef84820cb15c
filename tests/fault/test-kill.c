/* test-kill.c: SIGKILL at random moments while the CLI or the model saves; never a torn file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MH_FAULT_KILL_RUNS sets the number of kills per case (default 200); the
 * long form in the README runs thousands.
 */
#include "config.h"

#include <signal.h>

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define RECORD   "---\ntitle: Old\nquality: 5\n---\nBody\n"
#define N_MODEL  10

static const char *self_path;

static guint
n_runs (void)
{
  const char *runs = g_getenv ("MH_FAULT_KILL_RUNS");

  return runs != NULL ? (guint) g_ascii_strtoull (runs, NULL, 10) : 200;
}

/* Whether @bytes are one whole rendering: RECORD or RECORD titled `PREFIX<digits>`. */
static gboolean
is_whole (const char *bytes,
          gsize       len,
          const char *prefix)
{
  g_autofree char *head = g_strdup_printf ("---\ntitle: %s", prefix);
  const char *tail = "\nquality: 5\n---\nBody\n";
  const char *at;

  if (len == strlen (RECORD) && memcmp (bytes, RECORD, len) == 0)
    return TRUE;
  if (strlen (bytes) != len || !g_str_has_prefix (bytes, head))
    return FALSE;
  at = bytes + strlen (head);
  if (!g_ascii_isdigit (*at))
    return FALSE;
  while (g_ascii_isdigit (*at))
    at++;
  return strcmp (at, tail) == 0;
}

static guint
count_leftovers (const char *dir)
{
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, ".goutputstream-"))
      n++;
  if (handle != NULL)
    g_dir_close (handle);
  return n;
}

/* Leftovers of killed saves are never records: the collection and the
 * CLI's check see exactly the records. */
static void
assert_leftovers_ignored (const char *dir,
                          guint       n_records)
{
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  g_autofree char *out = NULL;
  const char *check[] = { "check", dir, NULL };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, n_records);
  g_assert_cmpint (mh_fault_run_cli (NULL, check, NULL, &out, NULL), ==, 0);
  g_assert_null (strstr (out, ".goutputstream"));
}

static GPid
spawn (const char * const *argv,
       int                *out_fd)
{
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD
                            | (out_fd == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0)
                            | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL, out_fd,
                            NULL, &error);
  g_assert_no_error (error);
  return pid;
}

static void
kill_and_reap (GPid pid)
{
  int status;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
}

/* masthead-cli set, killed anywhere between its start and its end. */
static void
test_cli (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *path = mh_fault_write (dir, "r.md", RECORD, -1);
  g_autofree char *cli = mh_fault_cli_path ();
  gint64 span = 0;
  guint runs = n_runs (), n_new = 0;

  /* How long one run takes, to spread the kills over all of it. */
  for (guint i = 0; i < 5; i++)
    {
      const char *args[] = { "set", path, "title", "Title 0", NULL };
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (mh_fault_run_cli (NULL, args, NULL, NULL, NULL), ==, 0);
      span += g_get_monotonic_time () - start;
    }
  span = span / 5 + span / 20;

  for (guint run = 1; run <= runs; run++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", run);
      g_autofree char *before = mh_test_read (path);
      g_autofree char *after = NULL;
      g_autofree char *expected = g_strdup_printf ("---\ntitle: %s\nquality: 5\n---\nBody\n",
                                                   title);
      const char *argv[] = { cli, "set", path, "title", title, NULL };
      GPid pid = spawn (argv, NULL);

      /* Most of a run is start-up: aim at its last part, where it saves. */
      g_usleep ((gulong) g_random_int_range ((gint32) (span / 2), (gint32) span));
      kill_and_reap (pid);

      /* The old bytes or the new, never anything between. */
      after = mh_test_read (path);
      if (strcmp (after, expected) == 0)
        n_new++;
      else
        g_assert_cmpstr (after, ==, before);
    }
  g_test_message ("%u kills: %u after the save, %u before it; %u temporary files left",
                  runs, n_new, runs - n_new, count_leftovers (dir));
  assert_leftovers_ignored (dir, 1);
  mh_test_remove_tree (dir);
}

/* Child: loads @dir, says so, then saves every record again and again
 * with a new title each round, until it is killed. */
static int
child_save_loop (const char *dir)
{
  g_autoptr(MhCollection) collection = mh_test_load (dir);

  if (write (STDOUT_FILENO, "R", 1) != 1)
    return 2;
  for (guint round = 0; ; round++)
    {
      g_autofree char *title = g_strdup_printf ("Round %u", round);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (collection)); i++)
        {
          g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (collection), i);

          mh_article_set_title (article, title);
        }
      mh_collection_save_all (collection, NULL, NULL, &error);
      if (error != NULL)
        return 1;
    }
}

/* The model saving all, killed at random moments of its saves. */
static void
test_model (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  guint runs = n_runs ();

  for (guint i = 0; i < N_MODEL; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);
      g_autofree char *path = mh_fault_write (dir, name, RECORD, -1);
    }

  for (guint run = 0; run < runs; run++)
    {
      const char *argv[] = { self_path, "--child-save-loop", dir, NULL };
      int out_fd;
      char ready;
      GPid pid = spawn (argv, &out_fd);

      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      g_usleep ((gulong) g_random_int_range (0, 20000));
      kill_and_reap (pid);
      close (out_fd);

      for (guint i = 0; i < N_MODEL; i++)
        {
          g_autofree char *name = g_strdup_printf ("r%u.md", i);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *bytes = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
          if (!is_whole (bytes, len, "Round "))
            g_error ("run %u: %s is torn: %s", run, name, bytes);
        }
    }
  g_test_message ("%u kills; %u temporary files left", runs, count_leftovers (dir));
  assert_leftovers_ignored (dir, N_MODEL);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--child-save-loop") == 0)
    return child_save_loop (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kill/cli", test_cli);
  g_test_add_func ("/kill/model", test_model);

  return g_test_run ();
}
