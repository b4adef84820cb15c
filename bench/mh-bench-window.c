/* mh-bench-window.c: the window's first frame with rows, timed from inside the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `--measure=window-app` runs MhApplication itself, exactly as masthead's
 * main() does (same arguments, --screenshot so it quits once loaded), with
 * two probes the app cannot offer from outside: the frame clock says when
 * the first frame with rows in the list was drawn, and a 1 ms timer says
 * how long the main loop was ever blocked while loading.
 *
 * `--measure=window-save-all` opens the folder in a window, adds a topic to
 * every record in one batch, then runs Save All as the header bar's button
 * does, with the same 1 ms probe of the main loop until every record is
 * written. Run it on a copy: it rewrites the folder.
 */
#include "config.h"

#include <stdlib.h>

#include "mh-bench.h"

#ifdef MH_BENCH_HAVE_UI

#include <gtk/gtk.h>

#include "mh-application.h"
#include "mh-batch.h"
#include "mh-window-private.h"

typedef struct
{
  double          start;          /* when the parent spawned this process */
  const char     *shot;           /* the screenshot file: loading is over once it exists */
  double          first_rows;     /* 0 until a frame was drawn with rows */
  gboolean        rows_at_start;  /* the list had rows when this frame began */
  GListModel     *rows;           /* the column view's model (borrowed) */
  double          last_tick;
  double          max_stall;
  double          max_stall_end;  /* when the longest stall ended */
  double          max_stall_rows; /* the longest once a frame with rows was drawn */
  double          first_paint;    /* 0 until the window's first frame: stalls count from then */
  guint           tick;
  gulong          added_id;
} Probe;

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_rows (Probe     *probe,
        GtkWidget *window)
{
  if (probe->rows == NULL)
    {
      GtkWidget *view = find_column_view (window);

      if (view != NULL)
        probe->rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
    }
  return probe->rows ? g_list_model_get_n_items (probe->rows) : 0;
}

/* Rows present when a frame begins are laid out and drawn in that frame. */
static void
before_paint_cb (GdkFrameClock *clock,
                 GtkWidget     *window)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "mh-bench-probe");

  probe->rows_at_start = n_rows (probe, window) > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "mh-bench-probe");

  if (probe->first_paint == 0)
    {
      probe->first_paint = mh_bench_now ();
      mh_bench_print ("first_paint_seconds", "%.6f", probe->first_paint - probe->start);
    }
  if (probe->first_rows == 0 && probe->rows_at_start)
    {
      probe->first_rows = mh_bench_now ();
      mh_bench_print ("first_rows_seconds", "%.6f", probe->first_rows - probe->start);
      mh_bench_print ("first_rows_count", "%u", n_rows (probe, window));
    }
}

static void
realize_cb (GtkWidget *window,
            Probe     *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_object (clock, "before-paint", G_CALLBACK (before_paint_cb), window, 0);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), window, 0);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Probe          *probe)
{
  g_object_set_data (G_OBJECT (window), "mh-bench-probe", probe);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), probe);
}

/* Stops once the screenshot exists: saving it and closing the window are
 * the app quitting, not the app loading. */
static gboolean
tick_cb (gpointer user_data)
{
  Probe *probe = user_data;
  double now = mh_bench_now ();

  if (g_file_test (probe->shot, G_FILE_TEST_EXISTS))
    {
      mh_bench_print ("loaded_seconds", "%.6f", now - probe->start);
      mh_bench_print ("max_stall_seconds", "%.6f", probe->max_stall);
      mh_bench_print ("max_stall_ended_seconds", "%.6f", probe->max_stall_end - probe->start);
      mh_bench_print ("max_stall_after_rows_seconds", "%.6f", probe->max_stall_rows);
      probe->tick = 0;
      return G_SOURCE_REMOVE;
    }
  /* Start-up (GTK, the window, its first frame) is not loading: the main
   * loop cannot answer a user before the window is there. That time is the
   * first-frame figure; stalls count once the window has painted. */
  if (probe->first_paint != 0 && probe->last_tick >= probe->first_paint &&
      now - probe->last_tick > probe->max_stall)
    {
      probe->max_stall = now - probe->last_tick;
      probe->max_stall_end = now;
    }
  /* The same, from the first frame with rows on: what is left once GTK has
   * drawn the list for the first time (fonts, glyphs, the first layout). */
  if (probe->first_rows != 0 && probe->last_tick >= probe->first_rows &&
      now - probe->last_tick > probe->max_stall_rows)
    probe->max_stall_rows = now - probe->last_tick;
  probe->last_tick = now;
  return G_SOURCE_CONTINUE;
}

gboolean
mh_bench_window_app_available (void)
{
  return TRUE;
}

int
mh_bench_measure_window_app (const MhBenchOptions *options)
{
  const char *start_env = g_getenv ("MH_BENCH_START_USEC");
  const char *shot = g_getenv ("MH_BENCH_SCREENSHOT");
  g_autofree char *shot_arg = NULL;
  g_autoptr(MhApplication) app = NULL;
  Probe probe = { 0 };
  char *argv[4];
  int status;

  if (shot == NULL)
    {
      mh_bench_print ("not_measured", "window-app needs MH_BENCH_SCREENSHOT");
      return 2;
    }
  probe.start = start_env ? g_ascii_strtoll (start_env, NULL, 10) / (double) G_USEC_PER_SEC
                          : mh_bench_now ();
  probe.shot = shot;
  probe.last_tick = mh_bench_now ();

  /* What masthead's main() does, with the arguments the real binary gets. */
  shot_arg = g_strdup_printf ("--screenshot=%s", shot);
  argv[0] = (char *) "masthead";
  argv[1] = shot_arg;
  argv[2] = (char *) options->dir;
  argv[3] = NULL;
  app = mh_application_new (G_APPLICATION_HANDLES_OPEN);
  probe.added_id = g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &probe);
  probe.tick = g_timeout_add (1, tick_cb, &probe);
  status = g_application_run (G_APPLICATION (app), 3, argv);
  g_clear_handle_id (&probe.tick, g_source_remove);

  if (probe.first_rows == 0)
    mh_bench_print ("not_measured", "no frame with rows was drawn (exit status %d)", status);
  mh_bench_print_rss ();
  return 0;
}


typedef struct
{
  double last_tick;
  double max_stall;
  double max_stall_end;
} Stall;

static gboolean
stall_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  double now = mh_bench_now ();

  if (now - stall->last_tick > stall->max_stall)
    {
      stall->max_stall = now - stall->last_tick;
      stall->max_stall_end = now;
    }
  stall->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
window_loaded (MhWindow *window)
{
  MhCollection *collection = _mh_window_get_collection (window);

  return collection != NULL && !mh_collection_get_loading (collection)
         && gtk_sort_list_model_get_pending (window->sort_model) == 0
         && g_list_model_get_n_items (G_LIST_MODEL (collection)) > 0;
}

int
mh_bench_measure_window_save_all (const MhBenchOptions *options)
{
  g_autoptr(MhApplication) app = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (options->dir);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MhBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  MhCollection *collection;
  MhWindow *window;
  Stall stall = { 0 };
  double start;
  guint id;

  gtk_init ();
  app = mh_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = mh_window_new (GTK_APPLICATION (app), NULL);
  mh_window_open_folder (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  while (!window_loaded (window))
    g_main_context_iteration (NULL, TRUE);
  collection = _mh_window_get_collection (window);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (collection)); i++)
    g_ptr_array_add (articles, g_list_model_get_item (G_LIST_MODEL (collection), i));
  mh_bench_print ("records", "%u", articles->len);

  start = mh_bench_now ();
  batch = mh_batch_new_add_item (articles, "topics", "Masthead benchmark");
  if (!mh_batch_apply (batch, mh_collection_get_history (collection), &error))
    g_printerr ("masthead-bench: the batch did not apply: %s\n", error->message);
  mh_bench_print ("batch_apply_seconds", "%.6f", mh_bench_now () - start);
  mh_bench_print ("modified", "%u", mh_collection_get_n_modified (collection));

  /* A frame or two first: what the apply queued is not the save's stall. */
  for (double until = mh_bench_now () + 0.5; mh_bench_now () < until;)
    g_main_context_iteration (NULL, FALSE);
  stall.last_tick = mh_bench_now ();
  id = g_timeout_add (1, stall_tick_cb, &stall);
  start = mh_bench_now ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-all", NULL);
  while (mh_save_progress_is_running (_mh_window_get_save_progress (window)))
    g_main_context_iteration (NULL, TRUE);
  mh_bench_print ("save_all_seconds", "%.6f", mh_bench_now () - start);
  g_source_remove (id);
  mh_bench_print ("save_all_max_stall_seconds", "%.6f", stall.max_stall);
  /* On the monotonic clock (perf record -k CLOCK_MONOTONIC finds what ran then). */
  mh_bench_print ("save_all_max_stall_ended_at", "%.6f", stall.max_stall_end);
  mh_bench_print ("left_modified", "%u", mh_collection_get_n_modified (collection));
  mh_bench_print ("failed", "%u",
                  mh_save_progress_get_failures (_mh_window_get_save_progress (window))->len);
  gtk_window_destroy (GTK_WINDOW (window));
  mh_bench_print_rss ();
  return 0;
}

#else /* !MH_BENCH_HAVE_UI */

gboolean
mh_bench_window_app_available (void)
{
  return FALSE;
}

int
mh_bench_measure_window_app (const MhBenchOptions *options)
{
  mh_bench_print ("not_measured", "built without the window (no GTK)");
  return 0;
}

int
mh_bench_measure_window_save_all (const MhBenchOptions *options)
{
  mh_bench_print ("not_measured", "built without the window (no GTK)");
  return 0;
}

#endif
