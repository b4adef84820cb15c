/* mh-bench-load.c: the floor (plain libyaml events) and the engine's load, threaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <yaml.h>

#include "mh-bench.h"
#include "mh-document.h"
#include "mh-file.h"

typedef void (*LoadFunc) (const char *path,
                          gpointer    counters);

typedef struct
{
  GPtrArray *files;
  LoadFunc   func;
  gint       next;     /* atomic: the next file to take */
  gint       events;   /* atomic: what the workers counted, so nothing is optimised away */
  gint       failed;   /* atomic */
} Pass;

typedef struct
{
  guint events;
  guint failed;
} Counters;

/* The simplest front-matter split, no YAML involved: an optional BOM, a
 * `---` line, and the next line that starts with `---` or `...`. */
static gboolean
simple_split (const char *data,
              gsize       len,
              gsize      *block_start,
              gsize      *block_end)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  if (len - i < 3 || memcmp (data + i, "---", 3) != 0)
    return FALSE;
  {
    const char *nl = memchr (data + i, '\n', len - i);

    if (nl == NULL)
      return FALSE;
    i = nl - data + 1;
  }
  *block_start = i;
  while (i < len)
    {
      const char *nl;

      if (len - i >= 3 && (memcmp (data + i, "---", 3) == 0 || memcmp (data + i, "...", 3) == 0))
        {
          *block_end = i;
          return TRUE;
        }
      nl = memchr (data + i, '\n', len - i);
      if (nl == NULL)
        break;
      i = nl - data + 1;
    }
  *block_end = len;
  return TRUE;
}

static void
floor_load (const char *path,
            gpointer    user_data)
{
  Counters *counters = user_data;
  g_autofree char *data = NULL;
  gsize len = 0;
  gsize start = 0;
  gsize end = 0;
  yaml_parser_t parser;

  if (!g_file_get_contents (path, &data, &len, NULL) || !simple_split (data, len, &start, &end))
    {
      counters->failed++;
      return;
    }

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data + start, end - start);
  for (;;)
    {
      yaml_event_t event;
      gboolean done;

      if (!yaml_parser_parse (&parser, &event))
        {
          counters->failed++;
          break;
        }
      done = event.type == YAML_STREAM_END_EVENT;
      counters->events++;
      yaml_event_delete (&event);
      if (done)
        break;
    }
  yaml_parser_delete (&parser);
}

/* What the collection's loader does per file: bytes and etag through the
 * file layer, the document, and a look at the root. */
static void
engine_load (const char *path,
             gpointer    user_data)
{
  Counters *counters = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhFileContents) contents = mh_file_load (file, NULL, &error);
  g_autoptr(MhDocument) document = NULL;
  MhNode *root;

  if (contents == NULL)
    {
      counters->failed++;
      return;
    }
  document = mh_document_new (contents->bytes);
  root = mh_document_get_root (document);
  if (root == NULL || mh_document_get_readonly_reason (document, NULL) != NULL)
    counters->failed++;
  else
    counters->events += mh_node_get_n_items (root);
}

/* The two halves of engine_load(), to show where its time goes. */
static void
file_load_only (const char *path,
                gpointer    user_data)
{
  Counters *counters = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MhFileContents) contents = mh_file_load (file, NULL, NULL);

  if (contents == NULL)
    counters->failed++;
  else
    counters->events += g_bytes_get_size (contents->bytes) > 0;
}

static void
document_only (const char *path,
               gpointer    user_data)
{
  Counters *counters = user_data;
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(MhDocument) document = NULL;
  MhNode *root;

  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      counters->failed++;
      return;
    }
  document = mh_document_new_from_data (data, len);
  root = mh_document_get_root (document);
  counters->events += root ? mh_node_get_n_items (root) : 0;
}

static gpointer
worker (gpointer user_data)
{
  Pass *pass = user_data;
  Counters counters = { 0 };

  for (;;)
    {
      gint i = g_atomic_int_add (&pass->next, 1);

      if ((guint) i >= pass->files->len)
        break;
      pass->func (pass->files->pdata[i], &counters);
    }
  g_atomic_int_add (&pass->events, counters.events);
  g_atomic_int_add (&pass->failed, counters.failed);
  return NULL;
}

/* One timed pass: listing the folder is part of it, as it is for the app. */
static double
run_pass (const MhBenchOptions *options,
          LoadFunc              func,
          double               *cpu,
          guint                *n_files,
          guint                *events,
          guint                *failed)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Pass pass = { 0 };
  double start = mh_bench_now ();
  double cpu_start = mh_bench_process_cpu ();
  double seconds;

  pass.files = mh_bench_list_records (options->dir);
  pass.func = func;
  for (guint i = 0; i < options->threads; i++)
    g_ptr_array_add (threads, g_thread_new ("mh-bench-load", worker, &pass));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  seconds = mh_bench_now () - start;
  *cpu = mh_bench_process_cpu () - cpu_start;

  *n_files = pass.files->len;
  *events = g_atomic_int_get (&pass.events);
  *failed = g_atomic_int_get (&pass.failed);
  g_ptr_array_unref (pass.files);
  return seconds;
}

double
mh_bench_floor_pass (const MhBenchOptions *options,
                     double               *cpu)
{
  guint n = 0;
  guint events = 0;
  guint failed = 0;

  return run_pass (options, floor_load, cpu, &n, &events, &failed);
}

void
mh_bench_paired_floor_add (GArray *seconds,
                           GArray *cpus,
                           const MhBenchOptions *options)
{
  double cpu = 0;
  double wall = mh_bench_floor_pass (options, &cpu);

  g_array_append_val (seconds, wall);
  g_array_append_val (cpus, cpu);
}

void
mh_bench_paired_floor_print (GArray *seconds,
                             GArray *cpus)
{
  mh_bench_print ("floor_seconds", "%.6f", mh_bench_median (seconds));
  mh_bench_print ("floor_seconds_cpu", "%.6f", mh_bench_median (cpus));
}

static double
timed_pass (const MhBenchOptions *options,
            LoadFunc              func,
            GArray               *times,
            GArray               *cpus,
            guint                *n_files,
            guint                *events,
            guint                *failed)
{
  double cpu = 0;
  double seconds = run_pass (options, func, &cpu, n_files, events, failed);

  g_array_append_val (times, seconds);
  g_array_append_val (cpus, cpu);
  return seconds;
}

static int
measure (const MhBenchOptions *options,
         LoadFunc              func)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) file_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) file_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) doc_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) doc_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean engine = func == engine_load;
  guint n_files = 0;
  guint events = 0;
  guint failed = 0;
  double median;

  for (guint r = 0; r < MAX (options->repeat, 1); r++)
    {
      guint n = 0;
      guint e = 0;
      guint f = 0;

      /* On a shared machine the load changes from second to second: each
       * engine pass gets a floor pass right before it, and its halves
       * right after, so the ratios compare like with like. */
      if (engine)
        mh_bench_paired_floor_add (floor_times, floor_cpus, options);
      timed_pass (options, func, times, cpus, &n_files, &events, &failed);
      if (engine)
        {
          timed_pass (options, file_load_only, file_times, file_cpus, &n, &e, &f);
          timed_pass (options, document_only, doc_times, doc_cpus, &n, &e, &f);
        }
    }
  median = mh_bench_median (times);

  mh_bench_print ("files", "%u", n_files);
  mh_bench_print ("threads", "%u", options->threads);
  mh_bench_print ("seconds", "%.6f", median);
  mh_bench_print ("seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_print ("files_per_second", "%.0f", median > 0 ? n_files / median : 0.0);
  mh_bench_print ("repeat", "%u", times->len);
  if (engine)
    {
      mh_bench_paired_floor_print (floor_times, floor_cpus);
      mh_bench_print ("file_load_seconds", "%.6f", mh_bench_median (file_times));
      mh_bench_print ("file_load_seconds_cpu", "%.6f", mh_bench_median (file_cpus));
      mh_bench_print ("document_seconds", "%.6f", mh_bench_median (doc_times));
      mh_bench_print ("document_seconds_cpu", "%.6f", mh_bench_median (doc_cpus));
    }
  mh_bench_print ("count", "%u", events);
  mh_bench_print ("failed", "%u", failed);
  mh_bench_print_rss ();
  return n_files > 0 ? 0 : 1;
}

int
mh_bench_measure_floor (const MhBenchOptions *options)
{
  return measure (options, floor_load);
}

int
mh_bench_measure_engine (const MhBenchOptions *options)
{
  return measure (options, engine_load);
}
