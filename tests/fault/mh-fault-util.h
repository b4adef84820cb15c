/* mh-fault-util.h: what the fault tests share: running the CLI, snapshots of a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "../mh-test-files.h"

static inline char *
mh_fault_cli_path (void)
{
  const char *root = g_getenv ("MH_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "src", "cli", "masthead-cli", NULL);
}

/* Runs masthead-cli with @args (NULL-terminated) under @prefix (NULL, or a
 * NULL-terminated command such as setpriv's), with @envp (NULL: ours).
 * Returns the exit status; a signal is a failure of the test. */
static inline int
mh_fault_run_cli (const char * const *prefix,
                  const char * const *args,
                  char              **envp,
                  char              **out,
                  char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int wait_status = 0;

  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (prefix[i]));
  g_ptr_array_add (argv, mh_fault_cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                prefix != NULL ? G_SPAWN_SEARCH_PATH : G_SPAWN_DEFAULT,
                NULL, NULL, &stdout_text, &stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("masthead-cli %s died: status %d, stderr: %s", args[0], wait_status, stderr_text);
  g_test_message ("masthead-cli %s → %d: %s", args[0], WEXITSTATUS (wait_status),
                  stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return WEXITSTATUS (wait_status);
}

static inline char *
mh_fault_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mh-fault-XXXXXX", &error);

  g_assert_no_error (error);
  /* Others (nobody) may enter: the permission tests need it. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return dir;
}

static inline char *
mh_fault_write (const char *dir,
                const char *name,
                const char *data,
                gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  return path;
}

static inline void
mh_fault_assert_bytes (const char *path,
                       const char *expected,
                       gssize      expected_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (data, len, expected,
                   expected_len < 0 ? strlen (expected) : (gsize) expected_len);
}

static inline int
mh_fault_compare_names (gconstpointer a,
                        gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every entry under a folder, links not followed: its kind, bytes (regular
 * files), link text, inode and times (not a folder's own). Two equal
 * snapshots mean nothing was written, created, removed or touched. */
static inline void
mh_fault_snapshot_add (GString    *out,
                       const char *path,
                       const char *name)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      g_string_append_printf (out, "%s gone\n", name);
      return;
    }
  /* A folder's own times change when a save makes and removes its
   * temporary file: what it holds is compared instead. */
  if (S_ISDIR (st.st_mode))
    g_string_append_printf (out, "%s mode=%o\n", name, (unsigned) st.st_mode);
  else
    g_string_append_printf (out, "%s mode=%o ino=%lu size=%ld mtime=%ld.%09ld\n", name,
                            (unsigned) st.st_mode, (gulong) st.st_ino, (long) st.st_size,
                            (long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
  if (S_ISREG (st.st_mode) && st.st_size < 1024 * 1024)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &data, &len, NULL))
        {
          g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                              (const guchar *) data, len);
          g_string_append_printf (out, "  sha256=%s\n", sum);
        }
    }
  else if (S_ISLNK (st.st_mode))
    {
      g_autofree char *text = g_file_read_link (path, NULL);

      g_string_append_printf (out, "  -> %s\n", text);
    }
  else if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *child;

      while (dir != NULL && (child = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (child));
      if (dir != NULL)
        g_dir_close (dir);
      g_ptr_array_sort (names, (GCompareFunc) mh_fault_compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child_path = g_build_filename (path, names->pdata[i], NULL);
          g_autofree char *child_name = g_build_filename (name, names->pdata[i], NULL);

          mh_fault_snapshot_add (out, child_path, child_name);
        }
    }
}

static inline char *
mh_fault_snapshot (const char *path)
{
  GString *out = g_string_new (NULL);

  mh_fault_snapshot_add (out, path, ".");
  return g_string_free (out, FALSE);
}
