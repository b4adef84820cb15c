/* test-disk.c: full disks, read-only folders, permission denied: CLI, model, journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-journal.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define RECORD "---\ntitle: Old\nquality: 5\n---\nBody\n"

static const char *self_path;

/* Our environment, plus the shim that fills the disk after @after bytes. */
static char **
enospc_environ (guint after)
{
  char **envp = g_get_environ ();
  const char *shim = g_getenv ("MH_ENOSPC_SHIM");
  const char *asan = g_environ_getenv (envp, "ASAN_OPTIONS");
  g_autofree char *asan_options = g_strdup_printf ("%s%sverify_asan_link_order=0",
                                                   asan != NULL ? asan : "",
                                                   asan != NULL ? ":" : "");
  g_autofree char *limit = g_strdup_printf ("%u", after);

  g_assert_nonnull (shim);
  envp = g_environ_setenv (envp, "LD_PRELOAD", shim, TRUE);
  envp = g_environ_setenv (envp, "MH_ENOSPC_AFTER", limit, TRUE);
  /* A sanitizer build's runtime would rather come first. */
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", asan_options, TRUE);
  return envp;
}

/* Runs this program as a child doing @mode (see main()). */
static int
run_child (const char * const *prefix,
           char              **envp,
           const char         *mode,
           const char         *arg1,
           const char         *arg2,
           char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) prefix[i]);
  g_ptr_array_add (argv, (char *) self_path);
  g_ptr_array_add (argv, (char *) mode);
  g_ptr_array_add (argv, (char *) arg1);
  g_ptr_array_add (argv, (char *) arg2);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                prefix != NULL ? G_SPAWN_SEARCH_PATH : G_SPAWN_DEFAULT, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("child %s: status %d, stderr: %s", mode, status, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Child: loads @dir, sets every record's title to @title, saves all, and
 * prints how many were written, the first error and every read-only
 * reason. Exit 1 when the save failed. */
static int
child_save (const char *dir,
            const char *title)
{
  g_autoptr(MhCollection) collection = mh_test_load (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  guint n;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (collection)); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (collection), i);

      mh_article_set_title (article, title);
    }
  n = mh_collection_save_all (collection, &failed, NULL, &error);
  printf ("%u\t%s\n", n, error != NULL ? error->message : "");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (collection)); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (collection), i);
      const char *reason = mh_article_get_readonly_reason (article);

      if (reason != NULL)
        printf ("%s: read-only: %s\n", mh_article_get_display_name (article), reason);
    }
  return error != NULL ? 1 : 0;
}

/* Child: appends to @folder's journal until a write fails; prints how many
 * appends went through and the error. */
static int
child_journal (const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhJournal) journal = mh_journal_open (file, &error);
  guint n = 0;

  if (journal == NULL)
    {
      printf ("open\t%s\n", error->message);
      return 1;
    }
  for (; n < 10000; n++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", n);
      g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_SET, "title",
                                            mh_node_new_scalar (title, MH_SCALAR_STRING));

      if (!mh_journal_append (journal, "a.md", "e", "h", (const MhEdit * const *) &edit, 1,
                              &error))
        break;
    }
  printf ("%u\t%s\n", n, error != NULL ? error->message : "");
  return error != NULL ? 1 : 0;
}

/* The CLI on a full disk, at several fill points: exit 2, the system's
 * message, the record's bytes, inode and times kept, no temporary file
 * left. With room enough, the same command succeeds. */
static void
test_cli_full (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *path = mh_fault_write (dir, "r.md", RECORD, -1);
  const char *args[] = { "set", path, "title", "A longer title than before", NULL };
  const guint points[] = { 0, 1, 4, 16, sizeof RECORD + 10 };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_auto(GStrv) envp = enospc_environ (points[i]);
      g_autofree char *before = mh_fault_snapshot (dir);
      g_autofree char *after = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (mh_fault_run_cli (NULL, args, envp, NULL, &err), ==, 2);
      g_assert_nonnull (strstr (err, "No space left on device"));
      after = mh_fault_snapshot (dir);
      g_assert_cmpstr (after, ==, before);
    }

  {
    g_auto(GStrv) envp = enospc_environ (4096);

    g_assert_cmpint (mh_fault_run_cli (NULL, args, envp, NULL, NULL), ==, 0);
    mh_fault_assert_bytes (path, "---\ntitle: A longer title than before\nquality: 5\n---\nBody\n",
                           -1);
  }
  mh_test_remove_tree (dir);
}

/* The model saving all on a full disk: the save fails with the system's
 * message, and every record keeps its bytes. */
static void
test_model_full (void)
{
  g_autofree char *dir = mh_fault_make_dir ();

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);
      g_autofree char *path = mh_fault_write (dir, name, RECORD, -1);
    }

  for (guint after = 0; after < 3 * sizeof RECORD; after += 37)
    {
      g_auto(GStrv) envp = enospc_environ (after);
      g_autofree char *before = mh_fault_snapshot (dir);
      g_autofree char *now = NULL;
      g_autofree char *out = NULL;

      g_assert_cmpint (run_child (NULL, envp, "--child-save", dir, "A much longer title", &out),
                       ==, 1);
      g_assert_nonnull (strstr (out, "No space left on device"));
      now = mh_fault_snapshot (dir);
      /* Records saved before the disk filled have their new bytes. */
      if (after < sizeof RECORD)
        g_assert_cmpstr (now, ==, before);
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *name = g_strdup_printf ("r%u.md", i);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *bytes = mh_test_read (path);

          g_assert_true (strcmp (bytes, RECORD) == 0
                         || strcmp (bytes, "---\ntitle: A much longer title\nquality: 5\n---\n"
                                           "Body\n") == 0);
        }
      /* Start the next round from the old bytes. */
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *name = g_strdup_printf ("r%u.md", i);
          g_autofree char *path = mh_fault_write (dir, name, RECORD, -1);
        }
    }
  mh_test_remove_tree (dir);
}

/* The journal on a full disk: the append that does not fit fails with the
 * message, and the file holds whole entries only. */
static void
test_journal_full (void)
{
  g_autofree char *state = mh_fault_make_dir ();
  g_autofree char *folder = mh_fault_make_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *out = NULL;
  g_auto(GStrv) envp = enospc_environ (3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhJournal) journal = NULL;
  const MhJournalContents *pending;
  guint n = 0;

  envp = g_environ_setenv (envp, "XDG_STATE_HOME", state, TRUE);
  g_assert_cmpint (run_child (NULL, envp, "--child-journal", folder, NULL, &out), ==, 1);
  g_assert_nonnull (strstr (out, "No space left on device"));
  n = (guint) g_ascii_strtoull (out, NULL, 10);
  g_assert_cmpuint (n, >, 0);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  journal = mh_journal_open (file, &error);
  g_assert_no_error (error);
  pending = mh_journal_get_pending (journal);
  g_assert_cmpuint (pending->n_damaged, ==, 0);
  g_assert_false (pending->torn);
  g_assert_cmpuint (pending->records->len, ==, 1);
  g_assert_cmpuint (((MhJournalRecord *) pending->records->pdata[0])->edits->len, ==, n);
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  g_clear_pointer (&journal, mh_journal_close);
  mh_test_remove_tree (state);
  mh_test_remove_tree (folder);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* A real full file system where root may mount one: a 64 KiB tmpfs in a
 * mount namespace of its own, filled up, then the CLI saves onto it. */
static void
test_tmpfs_full (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *cli = mh_fault_cli_path ();
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (geteuid () != 0 || !have_program ("unshare"))
    {
      g_test_skip ("mounting a tmpfs needs root and unshare(1)");
      mh_test_remove_tree (dir);
      return;
    }
  /* Exit 77: the mount was refused (a container without the right). */
  script = g_strdup_printf (
    "mount -t tmpfs -o size=64k tmpfs '%s' 2>/dev/null || exit 77\n"
    "cd '%s' || exit 1\n"
    "printf '%%s\\n' --- 'title: Old' --- Body > r.md\n"
    "grep -q 'title: Old' r.md && echo has-old\n"
    "cat r.md > before\n"
    "head -c 1048576 /dev/zero > filler 2>/dev/null\n"
    "'%s' set r.md title \"$(head -c 8000 /dev/zero | tr '\\0' x)\"; echo \"cli=$?\"\n"
    "cmp -s r.md before && echo same\n"
    "ls -A\n", dir, dir, cli);
  {
    const char *argv[] = { "unshare", "--mount", "--propagation", "private", "sh", "-c",
                           script, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("tmpfs: %s / %s", out, err);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("this machine refuses to mount a tmpfs");
      mh_test_remove_tree (dir);
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_nonnull (strstr (out, "has-old\n"));
  g_assert_nonnull (strstr (out, "cli=2\n"));
  g_assert_nonnull (strstr (out, "same\n"));
  g_assert_nonnull (strstr (err, "No space left on device"));
  /* Only what the script made: no temporary file left behind. */
  g_assert_nonnull (strstr (out, "before\nfiller\nr.md\n"));
  mh_test_remove_tree (dir);
}

static const char *const as_nobody[] = {
  "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", NULL
};

static gboolean
can_be_nobody (void)
{
  if (geteuid () != 0)
    {
      g_test_skip ("acting as nobody needs root (root itself ignores file modes)");
      return FALSE;
    }
  if (!have_program ("setpriv"))
    {
      g_test_skip ("setpriv(1) is missing");
      return FALSE;
    }
  return TRUE;
}

static void
give_to_nobody (const char *path)
{
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
}

/* A read-only folder: the CLI refuses with the reason, the model's save
 * says why, and nothing changes. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  const char *full_args[] = { "set", NULL, "title", "New", NULL };

  if (!can_be_nobody ())
    return;
  dir = mh_fault_make_dir ();
  path = mh_fault_write (dir, "r.md", RECORD, -1);
  give_to_nobody (dir);
  give_to_nobody (path);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  full_args[1] = path;

  before = mh_fault_snapshot (dir);
  g_assert_cmpint (mh_fault_run_cli (as_nobody, full_args, NULL, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "You do not have permission to write to the file’s folder"));
  /* The model shows it read-only with the reason and writes nothing. */
  g_assert_cmpint (run_child (as_nobody, NULL, "--child-save", dir, "New", &out), ==, 0);
  g_assert_nonnull (strstr (out, "r.md: read-only: You do not have permission to write to "
                                 "the file’s folder\n"));
  after = mh_fault_snapshot (dir);
  g_assert_cmpstr (after, ==, before);
  mh_test_remove_tree (dir);
}

/* A file nobody may not write, and one nobody may not read. */
static void
test_permission_denied (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out = NULL;
  const char *set_locked[] = { "set", NULL, "title", "New", NULL };
  const char *get_secret[] = { "get", NULL, "title", NULL };

  if (!can_be_nobody ())
    return;
  dir = mh_fault_make_dir ();
  locked = mh_fault_write (dir, "locked.md", RECORD, -1);
  secret = mh_fault_write (dir, "secret.md", RECORD, -1);
  give_to_nobody (dir);
  give_to_nobody (locked);
  give_to_nobody (secret);
  g_assert_cmpint (g_chmod (locked, 0444), ==, 0);
  g_assert_cmpint (g_chmod (secret, 0000), ==, 0);
  set_locked[1] = locked;
  get_secret[1] = secret;

  before = mh_fault_snapshot (dir);
  g_assert_cmpint (mh_fault_run_cli (as_nobody, set_locked, NULL, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "You do not have permission to write to the file"));
  g_assert_cmpint (mh_fault_run_cli (as_nobody, get_secret, NULL, NULL, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "Permission denied"));
  /* The model: both read-only, each with its reason; nothing written. */
  g_assert_cmpint (run_child (as_nobody, NULL, "--child-save", dir, "New", &out), ==, 0);
  g_assert_nonnull (strstr (out, "locked.md: read-only: You do not have permission to write "
                                 "to the file\n"));
  g_assert_nonnull (strstr (out, "secret.md: read-only: Permission denied\n"));
  after = mh_fault_snapshot (dir);
  g_assert_cmpstr (after, ==, before);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--child-save") == 0)
    return child_save (argv[2], argv[3]);
  if (argc >= 3 && strcmp (argv[1], "--child-journal") == 0)
    return child_journal (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disk/cli-full", test_cli_full);
  g_test_add_func ("/disk/model-full", test_model_full);
  g_test_add_func ("/disk/journal-full", test_journal_full);
  g_test_add_func ("/disk/tmpfs-full", test_tmpfs_full);
  g_test_add_func ("/disk/read-only-folder", test_read_only_folder);
  g_test_add_func ("/disk/permission-denied", test_permission_denied);

  return g_test_run ();
}
