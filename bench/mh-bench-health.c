/* mh-bench-health.c: the collection rules' figures: the duplicate scan and one edit's update
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-bench.h"
#include "mh-document.h"
#include "mh-health-index.h"

/* Edits for the incremental median. */
#define N_EDITS 200

/* Every record of the corpus described for the rules; the time it took
 * (one thread: the CLI and the window build them on their loaders). */
static GPtrArray *
build_records (GPtrArray *files,
               double    *seconds)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_health_record_free);
  double spent = 0;

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *data = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MhDocument) document = NULL;
      gsize len = 0;
      double start;

      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&data), len);
      start = mh_bench_now ();
      document = mh_document_new (bytes);
      g_ptr_array_add (records, mh_health_record_new_from_document (path, document));
      spent += mh_bench_now () - start;
    }
  *seconds = spent;
  return records;
}

/* Record @path with its title set to @title: the document the window holds
 * after the edit, before the rules hear of it. */
static MhDocument *
edited_document (const char *path,
                 const char *title)
{
  g_autofree char *data = NULL;
  g_autoptr(MhDocument) document = NULL;
  g_autoptr(MhEdit) edit = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  document = mh_document_new_from_data (data, len);
  edit = mh_edit_new (MH_EDIT_SET, "title", mh_node_new_scalar (title, MH_SCALAR_STRING));
  if (!mh_document_apply (document, edit, NULL))
    return NULL;
  return g_steal_pointer (&document);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* One edit as the window would run it: describe the record, update the
 * index, recompute the problems of every record the update affected. */
static void
measure_edits (MhHealthIndex *index,
               GPtrArray     *files)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint affected_max = 0;
  double worst = 0;
  double worst_cpu = 0;

  for (guint e = 0; e < N_EDITS && files->len > 1; e++)
    {
      guint i = (guint) (((guint64) e * 7919) % files->len);
      const char *path = g_ptr_array_index (files, i);
      const MhHealthRecord *other = mh_health_index_lookup (index,
                                                            g_ptr_array_index (files,
                                                                               (i + 1)
                                                                               % files->len));
      g_autofree char *title = NULL;
      g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(MhDocument) document = NULL;
      double start, seconds, cpu;

      /* Half the edits make a duplicate title, half a title of its own. */
      if (e % 2 == 0 && other != NULL && other->title.text != NULL)
        title = g_strdup (other->title.text);
      else
        title = g_strdup_printf ("An edited title, number %u, of its own", e);

      document = edited_document (path, title);
      if (document == NULL)
        continue;
      start = mh_bench_now ();
      cpu = mh_bench_thread_cpu ();
      mh_health_index_update (index, mh_health_record_new_from_document (path, document),
                              affected);
      for (guint a = 0; a < affected->len; a++)
        {
          g_autoptr(GPtrArray) problems = mh_health_index_dup_problems (index,
                                                                        affected->pdata[a]);
        }
      seconds = mh_bench_now () - start;
      cpu = mh_bench_thread_cpu () - cpu;
      g_array_append_val (times, seconds);
      g_array_append_val (cpus, cpu);
      worst = MAX (worst, seconds);
      worst_cpu = MAX (worst_cpu, cpu);
      affected_max = MAX (affected_max, affected->len);
    }
  if (times->len == 0)
    return;
  g_array_sort (times, compare_doubles);
  g_array_sort (cpus, compare_doubles);
  mh_bench_print ("edit_seconds", "%.6f", g_array_index (times, double, times->len / 2));
  mh_bench_print ("edit_seconds_cpu", "%.6f", g_array_index (cpus, double, cpus->len / 2));
  mh_bench_print ("edit_max_seconds", "%.6f", worst);
  /* CPU time: what the edit costs, without the waits of a shared machine. */
  mh_bench_print ("edit_max_seconds_cpu", "%.6f", worst_cpu);
  mh_bench_print ("edit_affected_max", "%u", affected_max);
  mh_bench_print ("edits", "%u", times->len);
}

int
mh_bench_measure_health (const MhBenchOptions *options)
{
  g_autoptr(GPtrArray) files = mh_bench_list_records (options->dir);
  g_autoptr(GArray) scans = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) problem_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) index_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MhHealthIndex) kept = NULL;
  double build_seconds = 0;
  guint n_groups = 0;
  guint n_problems = 0;

  for (guint r = 0; r < MAX (options->repeat, 1); r++)
    {
      g_autoptr(GPtrArray) records = build_records (files, &build_seconds);
      g_autoptr(MhHealthIndex) index = mh_health_index_new ();
      g_autoptr(GPtrArray) groups = NULL;
      double start = mh_bench_now ();
      double cpu = mh_bench_process_cpu ();
      double seconds;

      /* The scan: index every record, then group the duplicates. */
      for (guint i = 0; i < records->len; i++)
        mh_health_index_update (index, g_steal_pointer (&records->pdata[i]), NULL);
      seconds = mh_bench_now () - start;
      g_array_append_val (index_times, seconds);
      groups = mh_health_index_dup_groups (index);
      seconds = mh_bench_now () - start;
      cpu = mh_bench_process_cpu () - cpu;
      g_array_append_val (scans, seconds);
      g_array_append_val (scan_cpus, cpu);
      n_groups = groups->len;

      /* Every record's collection problems, as `check` and the Problems
       * page need them. */
      start = mh_bench_now ();
      n_problems = 0;
      for (guint i = 0; i < files->len; i++)
        {
          g_autoptr(GPtrArray) problems = mh_health_index_dup_problems (index,
                                                                        files->pdata[i]);

          n_problems += problems->len;
        }
      seconds = mh_bench_now () - start;
      g_array_append_val (problem_times, seconds);

      if (r + 1 == MAX (options->repeat, 1))
        kept = g_steal_pointer (&index);
    }

  mh_bench_print ("records", "%u", files->len);
  mh_bench_print ("build_seconds", "%.6f", build_seconds);
  mh_bench_print ("seconds", "%.6f", mh_bench_median (scans));
  mh_bench_print ("seconds_cpu", "%.6f", mh_bench_median (scan_cpus));
  mh_bench_print ("index_seconds", "%.6f", mh_bench_median (index_times));
  mh_bench_print ("problems_seconds", "%.6f", mh_bench_median (problem_times));
  mh_bench_print ("groups", "%u", n_groups);
  mh_bench_print ("problems", "%u", n_problems);
  {
    double start = mh_bench_now ();

    mh_health_index_prepare_updates (kept);
    mh_bench_print ("prepare_seconds", "%.6f", mh_bench_now () - start);
  }
  measure_edits (kept, files);
  mh_bench_print_rss ();
  return 0;
}
