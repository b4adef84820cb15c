/* mh-bench-bulk.c: the many-record CLI verbs (rename-topic, list --where) against the floor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "mh-bench.h"

/* The topic renamed: one of the generator's, held by a few percent of the
 * records (each record picks up to five of sixty-three). */
#define RENAMED_TOPIC "Privacy"
#define RENAMED_TO    "Data Privacy"
#define LIST_WHERE    "topics=ai quality>=50"

/* rename-topic writes: each pass gets a fresh copy of the corpus, made
 * before the clock starts. */
static char *
copy_corpus (const char  *dir,
             GError     **error)
{
  g_autoptr(GPtrArray) names = mh_bench_list_records (dir);
  g_autofree char *copy = g_dir_make_tmp ("masthead-bench-bulk-XXXXXX", error);

  if (copy == NULL)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      const char *from = g_ptr_array_index (names, i);
      g_autofree char *name = g_path_get_basename (from);
      g_autofree char *to = g_build_filename (copy, name, NULL);
      g_autofree char *text = NULL;
      gsize len = 0;

      if (!g_file_get_contents (from, &text, &len, error)
          || !g_file_set_contents (to, text, (gssize) len, error))
        return NULL;
    }
  return g_steal_pointer (&copy);
}

/* The copy is flat and holds records only, as the corpus does. */
static void
remove_copy (const char *copy)
{
  g_autoptr(GPtrArray) files = mh_bench_list_records (copy);

  for (guint i = 0; i < files->len; i++)
    g_unlink (g_ptr_array_index (files, i));
  g_rmdir (copy);
}

/* Files in @copy whose bytes differ from the corpus's. */
static guint
count_changed (const char *dir,
               const char *copy)
{
  g_autoptr(GPtrArray) names = mh_bench_list_records (dir);
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *a = g_ptr_array_index (names, i);
      g_autofree char *name = g_path_get_basename (a);
      g_autofree char *b = g_build_filename (copy, name, NULL);
      g_autofree char *ta = NULL;
      g_autofree char *tb = NULL;

      if (g_file_get_contents (a, &ta, NULL, NULL) && g_file_get_contents (b, &tb, NULL, NULL)
          && strcmp (ta, tb) != 0)
        n++;
    }
  return n;
}

int
mh_bench_measure_bulk (const char           *name,
                       const MhBenchOptions *options)
{
  gboolean rename = g_str_equal (name, "rename-topic");
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint changed = 0;
  long rss = 0;
  int status = 0;

  if (!g_file_test (options->cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      mh_bench_print ("not_measured", "%s is not built", options->cli_path);
      return 0;
    }

  for (guint r = 0; r < MAX (options->repeat, 1); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = NULL;
      double seconds = 0, cpu = 0;
      long pass_rss = 0;

      if (rename && (copy = copy_corpus (options->dir, &error)) == NULL)
        {
          mh_bench_print ("not_measured", "copying the corpus: %s", error->message);
          return 0;
        }

      /* Its own floor pass right before, as the machine may be shared. */
      mh_bench_paired_floor_add (floor_times, floor_cpus, options);
      {
        const char *rename_argv[] = {
          options->cli_path, "rename-topic", copy, RENAMED_TOPIC, RENAMED_TO, NULL
        };
        const char *list_argv[] = {
          options->cli_path, "list", options->dir, "--where", LIST_WHERE, NULL
        };

        if (!mh_bench_spawn_cli (rename ? rename_argv : list_argv, &seconds, &cpu, &pass_rss,
                                 &status, &error))
          {
            mh_bench_print ("not_measured", "%s", error->message);
            if (copy != NULL)
              remove_copy (copy);
            return 0;
          }
      }
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          mh_bench_print ("not_measured", "masthead-cli %s failed (wait status %d)", name,
                          status);
          if (copy != NULL)
            remove_copy (copy);
          return 0;
        }
      g_array_append_val (times, seconds);
      g_array_append_val (cpus, cpu);
      rss = MAX (rss, pass_rss);
      if (copy != NULL)
        {
          if (r == 0)
            changed = count_changed (options->dir, copy);
          remove_copy (copy);
        }
    }

  mh_bench_print ("seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_paired_floor_print (floor_times, floor_cpus);
  if (rename)
    mh_bench_print ("records_changed", "%u", changed);
  mh_bench_print ("rss_kb", "%ld", rss);
  return 0;
}
