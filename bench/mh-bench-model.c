/* mh-bench-model.c: measurements through MhCollection, the model the window uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mh-bench.h"

#ifdef MH_BENCH_HAVE_MODEL

#include "mh-article.h"
#include "mh-batch.h"
#include "mh-collection.h"
#include "mh-filter.h"

#ifdef MH_BENCH_HAVE_GTK
#include <gtk/gtk.h>
#endif

gboolean
mh_bench_model_available (void)
{
  return TRUE;
}

typedef struct
{
  GMainLoop *loop;
  double     start;
  double     cpu_start;
  double     cpu_done;
  double     first100;   /* 0 until the model has 100 items */
  double     done;
  double     last_tick;
  double     max_stall;
  gboolean   ok;
  GError    *error;
} Load;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Load       *load)
{
  if (load->first100 == 0 && g_list_model_get_n_items (model) >= 100)
    load->first100 = mh_bench_now ();
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = user_data;

  load->ok = mh_collection_load_finish (MH_COLLECTION (object), result, &load->error);
  load->done = mh_bench_now ();
  load->cpu_done = mh_bench_process_cpu ();
  g_main_loop_quit (load->loop);
}

/* A 1 ms tick: the longest gap between two ticks is the longest time the
 * main loop was blocked while loading (what the window would freeze). */
static gboolean
tick_cb (gpointer user_data)
{
  Load *load = user_data;
  double now = mh_bench_now ();

  load->max_stall = MAX (load->max_stall, now - load->last_tick);
  load->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* Loads the corpus into a new collection; returns it with @load filled. */
static MhCollection *
load_collection (const char *dir,
                 Load       *load)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  MhCollection *collection = mh_collection_new ();
  guint tick;

  memset (load, 0, sizeof *load);
  load->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (collection, "items-changed", G_CALLBACK (items_changed_cb), load);

  load->start = load->last_tick = mh_bench_now ();
  load->cpu_start = mh_bench_process_cpu ();
  tick = g_timeout_add (1, tick_cb, load);
  mh_collection_load_async (collection, folder, NULL, load_done_cb, load);
  g_main_loop_run (load->loop);
  g_source_remove (tick);
  g_signal_handlers_disconnect_by_func (collection, items_changed_cb, load);
  g_main_loop_unref (load->loop);
  load->loop = NULL;

  return collection;
}

static gboolean
check_load (Load *load)
{
  if (!load->ok)
    {
      mh_bench_print ("not_measured", "loading failed: %s",
                      load->error ? load->error->message : "no error given");
      g_clear_error (&load->error);
      return FALSE;
    }
  return TRUE;
}

static int
measure_collection (const MhBenchOptions *options)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) problem_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first100 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) problem_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_items = 0;
  guint n_problems = 0;
  guint with_problems = 0;

  for (guint r = 0; r < options->repeat; r++)
    {
      Load load;
      g_autoptr(MhCollection) collection = NULL;
      double seconds;

      /* Its own floor pass right before, as the machine may be shared. */
      mh_bench_paired_floor_add (floor_times, floor_cpus, options);
      collection = load_collection (options->dir, &load);
      if (!check_load (&load))
        return 0;

      seconds = load.done - load.start;
      g_array_append_val (times, seconds);
      seconds = load.cpu_done - load.cpu_start;
      g_array_append_val (cpus, seconds);
      g_array_append_val (stalls, load.max_stall);
      if (load.first100 > 0)
        {
          double s = load.first100 - load.start;

          g_array_append_val (first100, s);
        }

      /* Problems known for every record: ask each one, as the list's
       * marker column and the status bar do. */
      n_items = g_list_model_get_n_items (G_LIST_MODEL (collection));
      n_problems = 0;
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (collection), i);

          n_problems += mh_article_get_n_problems (article);
        }
      with_problems = mh_collection_get_n_problems (collection);
      seconds = mh_bench_now () - load.start;
      g_array_append_val (problem_times, seconds);
      seconds = mh_bench_process_cpu () - load.cpu_start;
      g_array_append_val (problem_cpus, seconds);
    }

  mh_bench_print ("files", "%u", n_items);
  mh_bench_print ("seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_print ("problems_seconds", "%.6f", mh_bench_median (problem_times));
  mh_bench_print ("problems_seconds_cpu", "%.6f", mh_bench_median (problem_cpus));
  if (first100->len > 0)
    mh_bench_print ("first100_seconds", "%.6f", mh_bench_median (first100));
  mh_bench_print ("max_stall_seconds", "%.6f", mh_bench_median (stalls));
  mh_bench_paired_floor_print (floor_times, floor_cpus);
  mh_bench_print ("problems", "%u", n_problems);
  mh_bench_print ("records_with_problems", "%u", with_problems);
  mh_bench_print_rss ();
  return 0;
}

static int
measure_rss (const MhBenchOptions *options)
{
  Load load;
  g_autoptr(MhCollection) collection = load_collection (options->dir, &load);

  if (!check_load (&load))
    return 0;
  mh_bench_print ("files", "%u", g_list_model_get_n_items (G_LIST_MODEL (collection)));
  mh_bench_print_rss ();
  return 0;
}

/* Typing "facial", a word, a phrase, accents, and strings that match
 * nothing or nearly everything. */
static const char * const searches[] = {
  "f", "fa", "fac", "faci", "facia", "facial", "facial recognition",
  "zurich", "café", "ELLADA", "police", "quantum computer", "the", "xyzzy", "ai",
};

#ifdef MH_BENCH_HAVE_GTK
/* The window's list chain (mh-window.c): a GtkSortListModel over the
 * collection, under a GtkFilterListModel whose GtkCustomFilter calls
 * mh_collection_match(); a keystroke sets the search text and the window
 * calls gtk_filter_changed (DIFFERENT). */
typedef struct
{
  MhCollection *collection;
  MhFilter     *filter;
} WindowMatch;

static gboolean
window_match_cb (gpointer item,
                 gpointer user_data)
{
  WindowMatch *match = user_data;

  return mh_collection_match (match->collection, match->filter, item);
}

static int
window_compare_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return mh_article_compare_by ((MhArticle *) a, (MhArticle *) b, GPOINTER_TO_INT (user_data));
}

static GtkSorter *
window_sorter (MhSortColumn column)
{
  return GTK_SORTER (gtk_custom_sorter_new (window_compare_cb, GINT_TO_POINTER (column), NULL));
}

static void
search_window_chain (MhCollection         *collection,
                     MhFilter             *filter,
                     const MhBenchOptions *options)
{
  g_autoptr(GtkSortListModel) sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (collection)),
                             window_sorter (MH_SORT_TITLE));
  WindowMatch match = { collection, filter };
  GtkCustomFilter *custom = gtk_custom_filter_new (window_match_cb, &match, NULL);
  g_autoptr(GtkFilterListModel) filter_model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (sort_model)), GTK_FILTER (custom));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint shown = 0;

  mh_filter_set_search_text (filter, "");
  gtk_filter_changed (GTK_FILTER (custom), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint r = 0; r < options->repeat; r++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        double start = mh_bench_now ();
        double cpu_start = mh_bench_thread_cpu ();
        double seconds;

        mh_filter_set_search_text (filter, searches[s]);
        gtk_filter_changed (GTK_FILTER (custom), GTK_FILTER_CHANGE_DIFFERENT);
        shown += g_list_model_get_n_items (G_LIST_MODEL (filter_model));
        seconds = mh_bench_now () - start;
        g_array_append_val (times, seconds);
        seconds = mh_bench_thread_cpu () - cpu_start;
        g_array_append_val (cpus, seconds);
      }

  mh_bench_print ("median_seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("median_seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_print ("chain", "GtkFilterListModel over GtkSortListModel, as the window");
  mh_bench_print ("shown", "%u", shown);
}

/* A click on a column header: the sort model re-sorts with a new sorter. */
static void
sort_window_chain (MhCollection         *collection,
                   MhSortColumn          column,
                   const char           *key,
                   const MhBenchOptions *options)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_key = g_strconcat (key, "_cpu", NULL);

  for (guint r = 0; r < options->repeat; r++)
    {
      g_autoptr(GtkSortListModel) sort_model =
        gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (collection)), NULL);
      g_autoptr(GtkSorter) sorter = window_sorter (column);
      double start = mh_bench_now ();
      double cpu_start = mh_bench_thread_cpu ();
      double seconds;

      gtk_sort_list_model_set_sorter (sort_model, sorter);
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (sort_model), 0));
      seconds = mh_bench_now () - start;
      g_array_append_val (times, seconds);
      seconds = mh_bench_thread_cpu () - cpu_start;
      g_array_append_val (cpus, seconds);
    }
  mh_bench_print (key, "%.6f", mh_bench_median (times));
  mh_bench_print (cpu_key, "%.6f", mh_bench_median (cpus));
}
#endif

static int
measure_search (const MhBenchOptions *options)
{
  Load load;
  g_autoptr(MhCollection) collection = load_collection (options->dir, &load);
  g_autoptr(MhFilter) filter = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *model = G_LIST_MODEL (collection);
  g_autofree guint8 *matches = NULL;
  guint n_items;
  guint total_matches = 0;

  if (!check_load (&load))
    return 0;
  n_items = g_list_model_get_n_items (model);
  matches = g_malloc0 (n_items + 1);
  filter = mh_filter_new ();

  for (guint r = 0; r < options->repeat; r++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        double start = mh_bench_now ();
        double cpu_start = mh_bench_thread_cpu ();
        double seconds;

        /* What a filter model does on ::changed: every item through the
         * model's predicate. */
        mh_filter_set_search_text (filter, searches[s]);
        for (guint i = 0; i < n_items; i++)
          {
            g_autoptr(MhArticle) article = g_list_model_get_item (model, i);

            matches[i] = mh_collection_match (collection, filter, article);
          }
        seconds = mh_bench_now () - start;
        g_array_append_val (times, seconds);
        seconds = mh_bench_thread_cpu () - cpu_start;
        g_array_append_val (cpus, seconds);
        for (guint i = 0; i < n_items; i++)
          total_matches += matches[i];
      }

  mh_bench_print ("files", "%u", n_items);
  mh_bench_print ("searches", "%u", times->len);
  mh_bench_print ("predicate_seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("predicate_seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_print ("matches", "%u", total_matches);
#ifdef MH_BENCH_HAVE_GTK
  search_window_chain (collection, filter, options);
#else
  mh_bench_print ("median_seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("median_seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_print ("chain", "predicate only (built without GTK)");
#endif
  mh_bench_print_rss ();
  return 0;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  return mh_article_compare_by (*(MhArticle * const *) a, *(MhArticle * const *) b,
                                GPOINTER_TO_INT (user_data));
}

static int
measure_sort (const MhBenchOptions *options)
{
  static const struct
  {
    MhSortColumn column;
    const char  *key;
    const char  *cpu_key;
  } columns[] = {
    { MH_SORT_TITLE, "title_array_seconds", "title_array_seconds_cpu" },
    { MH_SORT_DATE, "date_array_seconds", "date_array_seconds_cpu" },
    { MH_SORT_QUALITY, "quality_array_seconds", "quality_array_seconds_cpu" },
  };
  Load load;
  g_autoptr(MhCollection) collection = load_collection (options->dir, &load);
  g_autoptr(GPtrArray) articles = NULL;
  GListModel *model = G_LIST_MODEL (collection);
  guint n_items;

  if (!check_load (&load))
    return 0;
  n_items = g_list_model_get_n_items (model);
  articles = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (articles, g_list_model_get_item (model, i));

  mh_bench_print ("files", "%u", n_items);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint r = 0; r < options->repeat; r++)
        {
          /* From load order each time, as a click on a column header does. */
          g_autoptr(GPtrArray) order = g_ptr_array_sized_new (articles->len);
          double start;
          double cpu_start;
          double seconds;

          /* Borrowed pointers: g_ptr_array_copy() would take the free func. */
          for (guint i = 0; i < articles->len; i++)
            g_ptr_array_add (order, articles->pdata[i]);
          start = mh_bench_now ();
          cpu_start = mh_bench_thread_cpu ();
          g_ptr_array_sort_with_data (order, compare_cb, GINT_TO_POINTER (columns[c].column));
          seconds = mh_bench_now () - start;
          g_array_append_val (times, seconds);
          seconds = mh_bench_thread_cpu () - cpu_start;
          g_array_append_val (cpus, seconds);
        }
      mh_bench_print (columns[c].key, "%.6f", mh_bench_median (times));
      mh_bench_print (columns[c].cpu_key, "%.6f", mh_bench_median (cpus));
    }
#ifdef MH_BENCH_HAVE_GTK
  sort_window_chain (collection, MH_SORT_TITLE, "title_seconds", options);
  sort_window_chain (collection, MH_SORT_DATE, "date_seconds", options);
  sort_window_chain (collection, MH_SORT_QUALITY, "quality_seconds", options);
  mh_bench_print ("chain", "GtkSortListModel with a GtkCustomSorter, as the window");
#else
  mh_bench_print ("chain", "array sort only (built without GTK)");
#endif
  mh_bench_print_rss ();
  return 0;
}

/* The generator's bytes for a corpus file, from its name (NNNNNN_….txt). */
static GString *
expected_bytes (const char *path,
                guint64     seed)
{
  g_autofree char *base = g_path_get_basename (path);

  return mh_bench_corpus_record (seed, (guint) strtoul (base, NULL, 10));
}

static int
measure_save (const MhBenchOptions *options)
{
  Load load;
  g_autoptr(MhCollection) collection = load_collection (options->dir, &load);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_free);
  GListModel *model = G_LIST_MODEL (collection);
  guint n_items;
  guint n_failed = 0;
  guint n_restored = 0;
  guint n_exact = 0;
  g_autofree char *first_error = NULL;

  if (!check_load (&load))
    return 0;
  n_items = g_list_model_get_n_items (model);

  /* Records spread over the folder; each is saved twice: quality changed,
   * then set back, so the corpus ends as it was (and the engine proves it
   * gives the exact bytes back). */
  for (guint i = 0; times->len + n_failed < options->saves && i < n_items; i++)
    {
      guint position = (guint) ((guint64) i * 7919 % n_items);
      g_autoptr(MhArticle) article = g_list_model_get_item (model, position);
      gint64 quality;

      if (mh_article_get_readonly_reason (article) != NULL || !mh_article_get_has_quality (article))
        continue;
      quality = mh_article_get_quality (article);
      g_ptr_array_add (touched, g_file_get_path (mh_article_get_file (article)));

      for (guint step = 0; step < 2; step++)
        {
          g_autoptr(GError) error = NULL;
          MhSaveOutcome outcome = MH_SAVE_UNCHANGED;
          double start = mh_bench_now ();
          double cpu_start = mh_bench_thread_cpu ();
          double seconds;

          mh_article_set_quality (article, step == 0 ? (quality == 100 ? 99 : quality + 1)
                                                     : quality);
          if (!mh_collection_save (collection, article, &outcome, NULL, &error)
              || outcome == MH_SAVE_UNCHANGED)
            {
              if (first_error == NULL)
                first_error = g_strdup (error ? error->message : "the save wrote nothing");
              n_failed++;
              continue;
            }
          seconds = mh_bench_now () - start;
          g_array_append_val (times, seconds);
          seconds = mh_bench_thread_cpu () - cpu_start;
          g_array_append_val (cpus, seconds);
        }
    }

  /* Give the corpus back exactly as generated, whatever happened. */
  for (guint i = 0; i < touched->len; i++)
    {
      const char *path = touched->pdata[i];
      g_autoptr(GString) want = expected_bytes (path, options->seed);
      g_autofree char *have = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &have, &len, NULL) && len == want->len
          && memcmp (have, want->str, len) == 0)
        n_exact++;
      else if (g_file_set_contents (path, want->str, want->len, NULL))
        n_restored++;
    }

  if (times->len == 0)
    {
      mh_bench_print ("not_measured", "no save succeeded: %s",
                      first_error ? first_error : "no editable record");
      return 0;
    }
  mh_bench_print ("files", "%u", n_items);
  mh_bench_print ("saves", "%u", times->len);
  mh_bench_print ("failed", "%u", n_failed);
  if (first_error)
    mh_bench_print ("first_error", "%s", first_error);
  mh_bench_print ("median_seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("median_seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_print ("records_exact_after_undo", "%u/%u", n_exact, touched->len);
  mh_bench_print ("records_restored", "%u", n_restored);
  mh_bench_print_rss ();
  return 0;
}

/* Resident memory now (ru_maxrss is the peak): for a growth. */
static long
current_rss_kb (void)
{
  g_autofree char *text = NULL;
  long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    sscanf (text, "%ld %ld", &size, &resident);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

typedef struct
{
  GMainLoop *loop;
  double     last_tick;
  double     max_stall;
  guint      n_written;
  guint      n_failed;
} SaveRun;

static gboolean
save_tick_cb (gpointer user_data)
{
  SaveRun *run = user_data;
  double now = mh_bench_now ();

  run->max_stall = MAX (run->max_stall, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveRun *run = user_data;
  g_autoptr(GPtrArray) failed = NULL;

  run->n_written = mh_collection_save_all_finish (MH_COLLECTION (object), result, &failed, NULL);
  run->n_failed = failed != NULL ? failed->len : 0;
  g_main_loop_quit (run->loop);
}

/* Save All off the main thread, with the longest main-loop stall. */
static void
save_all_timed (MhCollection *collection,
                const char   *key)
{
  SaveRun run = { 0 };
  g_autofree char *stall_key = g_strconcat (key, "_stall_seconds", NULL);
  g_autofree char *failed_key = g_strconcat (key, "_failed", NULL);
  double start;
  guint tick;

  run.loop = g_main_loop_new (NULL, FALSE);
  start = run.last_tick = mh_bench_now ();
  tick = g_timeout_add (1, save_tick_cb, &run);
  mh_collection_save_all_async (collection, NULL, NULL, NULL, save_done_cb, &run);
  save_tick_cb (&run);
  g_main_loop_run (run.loop);
  g_source_remove (tick);
  g_main_loop_unref (run.loop);
  mh_bench_print (key, "%.6f", mh_bench_now () - start);
  mh_bench_print (stall_key, "%.6f", run.max_stall);
  mh_bench_print (failed_key, "%u", run.n_failed);
}

/* "Add a topic to every selected record": plan + preview (the count and
 * every record's bytes, in memory), apply as one undo step, what the step
 * costs in memory, Save All of the modified records off the main thread,
 * undo, and Save All again: the corpus ends as it was generated. */
static int
measure_batch (const MhBenchOptions *options)
{
  Load load;
  g_autoptr(MhCollection) collection = load_collection (options->dir, &load);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(MhBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  MhHistory *history;
  GListModel *model = G_LIST_MODEL (collection);
  double start, cpu_start;
  long rss_before, rss_after;
  gsize step_bytes;
  guint n_changes;

  if (!check_load (&load))
    return 0;
  history = mh_collection_get_history (collection);
  articles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      MhArticle *article = g_list_model_get_item (model, i);

      if (mh_article_get_readonly_reason (article) == NULL)
        g_ptr_array_add (articles, article);
      else
        g_object_unref (article);
    }
  mh_bench_print ("files", "%u", g_list_model_get_n_items (model));
  mh_bench_print ("selected", "%u", articles->len);

  rss_before = current_rss_kb ();
  start = mh_bench_now ();
  cpu_start = mh_bench_process_cpu ();
  batch = mh_batch_new_add_item (articles, "topics", "Benchmark Topic");
  if (!mh_batch_preview (batch, NULL, &error))
    {
      mh_bench_print ("not_measured", "preview failed: %s", error->message);
      return 0;
    }
  mh_bench_print ("plan_seconds", "%.6f", mh_bench_now () - start);
  mh_bench_print ("plan_seconds_cpu", "%.6f", mh_bench_process_cpu () - cpu_start);
  n_changes = mh_batch_get_n_changes (batch);
  mh_bench_print ("changes", "%u", n_changes);
  mh_bench_print ("refusals", "%u", mh_batch_get_n_refusals (batch));

  start = mh_bench_now ();
  cpu_start = mh_bench_thread_cpu ();
  if (!mh_batch_apply (batch, history, &error))
    {
      mh_bench_print ("not_measured", "apply failed: %s", error->message);
      return 0;
    }
  mh_bench_print ("apply_seconds", "%.6f", mh_bench_now () - start);
  mh_bench_print ("apply_seconds_cpu", "%.6f", mh_bench_thread_cpu () - cpu_start);
  g_clear_object (&batch);
  step_bytes = mh_history_get_step_size (history, TRUE);
  rss_after = current_rss_kb ();
  mh_bench_print ("step_kb", "%.1f", step_bytes / 1024.0);
  mh_bench_print ("rss_growth_kb", "%ld", rss_after - rss_before);
  mh_bench_print ("modified", "%u", mh_collection_get_n_modified (collection));
  save_all_timed (collection, "save_all_seconds");

  start = mh_bench_now ();
  cpu_start = mh_bench_thread_cpu ();
  mh_history_undo (history);
  mh_bench_print ("undo_seconds", "%.6f", mh_bench_now () - start);
  mh_bench_print ("undo_seconds_cpu", "%.6f", mh_bench_thread_cpu () - cpu_start);
  mh_bench_print ("modified_after_undo", "%u", mh_collection_get_n_modified (collection));
  save_all_timed (collection, "restore_seconds");
  mh_bench_print_rss ();
  return 0;
}

int
mh_bench_measure_model (const char           *name,
                        const MhBenchOptions *options)
{
  if (g_str_equal (name, "batch"))
    return measure_batch (options);
  if (g_str_equal (name, "collection"))
    return measure_collection (options);
  if (g_str_equal (name, "model-rss"))
    return measure_rss (options);
  if (g_str_equal (name, "search"))
    return measure_search (options);
  if (g_str_equal (name, "sort"))
    return measure_sort (options);
  if (g_str_equal (name, "save"))
    return measure_save (options);
  mh_bench_print ("not_measured", "unknown model measurement %s", name);
  return 2;
}

#else /* !MH_BENCH_HAVE_MODEL */

gboolean
mh_bench_model_available (void)
{
  return FALSE;
}

int
mh_bench_measure_model (const char           *name,
                        const MhBenchOptions *options)
{
  mh_bench_print ("not_measured", "the model (MhCollection) is not implemented yet");
  return 0;
}

#endif
