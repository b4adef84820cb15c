/* mh-window-screenshot.c: the window's screenshot (build-aux/dev run, --screenshot) and its
 * frame measurements (the benchmark)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-window-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Screenshot (build-aux/dev run under Xvfb) */

gboolean
_mh_window_save_screenshot (MhWindow   *self,
                            const char *path)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    {
      g_printerr (_("masthead: could not render the window\n"));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr (_("masthead: could not write %s\n"), path);
      return FALSE;
    }
  return TRUE;
}

#define PROBE_INTERVAL_MS 5

static gboolean
stall_probe_cb (gpointer user_data)
{
  MhWindow *self = user_data;
  gint64 now = g_get_monotonic_time ();

  /* How late this timeout fires is how long the main loop was busy with something else. */
  if (self->last_probe != 0)
    self->longest_stall = MAX (self->longest_stall,
                               now - self->last_probe - PROBE_INTERVAL_MS * 1000);
  self->last_probe = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
rows_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  MhWindow *self = MH_WINDOW (widget);

  /* The frame after the one that first had rows to lay out has drawn them. */
  if (self->rows_seen)
    {
      self->first_rows_drawn = g_get_monotonic_time ();
      self->rows_tick = 0;
      return G_SOURCE_REMOVE;
    }
  self->rows_seen = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0;
  return G_SOURCE_CONTINUE;
}

void
_mh_window_start_measuring (MhWindow *self)
{
  if (self->screenshot == NULL)
    return;

  self->load_started = g_get_monotonic_time ();
  self->first_rows_drawn = 0;
  self->longest_stall = 0;
  self->last_probe = 0;
  self->rows_seen = FALSE;
  g_clear_handle_id (&self->probe_id, g_source_remove);
  self->probe_id = g_timeout_add (PROBE_INTERVAL_MS, stall_probe_cb, self);
  if (self->rows_tick == 0)
    self->rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), rows_tick_cb, NULL, NULL);
}

static void
mh_window_print_measures (MhWindow *self)
{
  gint64 now = g_get_monotonic_time ();

  g_clear_handle_id (&self->probe_id, g_source_remove);
  if (self->load_started == 0)
    return;
  /* key value lines on stdout: for the benchmark, not for people. */
  if (self->first_rows_drawn != 0)
    g_print ("first_rows_drawn_seconds %.6f\n",
             (self->first_rows_drawn - self->load_started) / (double) G_USEC_PER_SEC);
  g_print ("screenshot_seconds %.6f\n", (now - self->load_started) / (double) G_USEC_PER_SEC);
  g_print ("longest_main_loop_stall_ms %.1f\n", MAX (self->longest_stall, 0) / 1000.0);
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
screenshot_after_paint_cb (GdkFrameClock *clock,
                           MhWindow      *self)
{
  /* After the paint phase the allocation is current, so the snapshot is the frame just drawn
   * (at the tick, a widget that queued a resize would snapshot to nothing). */
  g_signal_handlers_disconnect_by_func (clock, screenshot_after_paint_cb, self);
  mh_window_print_measures (self);
  if (_mh_window_save_screenshot (self, self->screenshot))
    g_print ("%s\n", self->screenshot);
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  MhWindow *self = MH_WINDOW (widget);

  /* A few frames after the rows arrive: the column view sizes its rows in a later frame, an
   * incremental sort may still be placing rows, and the facets count in idle slices (for
   * ten seconds of frames at most). */
  if (++self->screenshot_frames < 6 || gtk_sort_list_model_get_pending (self->sort_model) > 0
      || (mh_facet_sidebar_is_busy (self->facet_sidebar) && self->screenshot_frames < 600))
    return G_SOURCE_CONTINUE;

  self->screenshot_tick = 0;
  g_signal_connect (clock, "after-paint", G_CALLBACK (screenshot_after_paint_cb), self);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

void
_mh_window_maybe_screenshot (MhWindow *self)
{
  if (self->screenshot == NULL || self->screenshot_tick != 0)
    return;

  /* Show a record in the form: the screenshot is of the whole window at work. */
  if (self->selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0
      && _mh_window_get_first_selected (self) == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  self->screenshot_frames = 0;
  self->screenshot_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), screenshot_tick_cb,
                                                        NULL, NULL);
}

static void
screenshot_map_cb (MhWindow *self)
{
  /* No folder to wait for: the empty state is what there is to show. */
  if (self->collection == NULL)
    _mh_window_maybe_screenshot (self);
}

void
mh_window_set_screenshot_file (MhWindow   *self,
                               const char *path)
{
  g_return_if_fail (MH_IS_WINDOW (self));

  g_free (self->screenshot);
  self->screenshot = g_strdup (path);
  if (self->loaded)
    _mh_window_maybe_screenshot (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (screenshot_map_cb), NULL);
}
