/* mh-window.c: the main window: facets, record list, form, status bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-a11y.h"
#include "mh-record-cell.h"
#include "mh-window-private.h"

G_DEFINE_FINAL_TYPE (MhWindow, mh_window, GTK_TYPE_APPLICATION_WINDOW)

/* The list's columns, in MhRecordCellKind order: id (the schema key stored in GSettings),
 * title, sort column. */
static const struct
{
  const char   *id;
  const char   *title;         /* translatable */
  const char   *a11y;          /* translatable, for marker columns whose title is a symbol */
  MhSortColumn  sort;
  int           fixed_width;   /* -1: natural */
  gboolean      expand;
} columns[MH_RECORD_CELL_N_KINDS] = {
  { "modified", "●", N_("Modified"), MH_SORT_MODIFIED, 32, FALSE },
  { "problems", "⚠", N_("Problems"), MH_SORT_PROBLEMS, 32, FALSE },
  { "title", N_("Title"), NULL, MH_SORT_TITLE, -1, TRUE },
  { "provider", N_("Provider"), NULL, MH_SORT_PROVIDER, -1, FALSE },
  { "publishedDateTime", N_("Date"), NULL, MH_SORT_DATE, -1, FALSE },
  { "quality", N_("Quality"), NULL, MH_SORT_QUALITY, -1, FALSE },
  { "heat", N_("Heat"), NULL, MH_SORT_HEAT, -1, FALSE },
  { "topics", N_("Topics"), NULL, MH_SORT_TOPICS, -1, FALSE },
  { "published", N_("Published"), NULL, MH_SORT_PUBLISHED, -1, FALSE },
};

/* ------------------------------------------------------------------------------------------ */
/* Cells */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, mh_record_cell_new (GPOINTER_TO_UINT (user_data)));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  mh_record_cell_set_article (MH_RECORD_CELL (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  mh_record_cell_set_article (MH_RECORD_CELL (gtk_list_item_get_child (item)), NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Sorting and filtering */

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  MhSortProbe *probe = user_data;
  MhWindow *self = probe->window;

  /* GTK 4.8 cannot tell which column sorts: the column view sorter asks its primary column
   * first, so a compare of two sentinels reveals it, and its answer reveals the direction. */
  if (a == self->probe_a || a == self->probe_b)
    {
      self->probed_column = probe->id;
      return a == self->probe_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }

  return mh_article_compare_by ((MhArticle *) a, (MhArticle *) b, probe->column);
}

static gboolean
filter_match_cb (gpointer item,
                 gpointer user_data)
{
  MhWindow *self = user_data;

  /* The column view may refilter while it is torn down, after the filter is gone. */
  if (self->filter == NULL || self->collection == NULL)
    return TRUE;
  return mh_collection_match (self->collection, self->filter, item)
         && (self->query == NULL || mh_article_query_match (self->query, item));
}

static void
column_view_sorter_changed_cb (MhWindow  *self,
                               GtkSorterChange change,
                               GtkSorter *sorter)
{
  _mh_window_sort_changed (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Status, title, empty states */

static void
mh_window_update_status (MhWindow *self)
{
  guint n_total = self->collection ? g_list_model_get_n_items (G_LIST_MODEL (self->collection))
                                   : 0;
  guint n_shown = self->filter_model ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model))
                                     : 0;
  guint n_modified = self->collection ? mh_collection_get_n_modified (self->collection) : 0;
  guint n_problems = self->collection ? mh_collection_get_n_problems (self->collection) : 0;
  GFile *folder = self->collection ? mh_collection_get_folder (self->collection) : NULL;
  g_autofree char *records = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *modified = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *status = NULL;

  /* The ' flag groups thousands as the locale does (12,345 or 12.345). */
  records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u record", "%'u records", n_total),
                             n_total);
  shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u shown", "%'u shown", n_shown),
                           n_shown);
  modified = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u modified", "%'u modified",
                                           n_modified), n_modified);
  problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u with problems",
                                           "%'u with problems", n_problems), n_problems);
  /* Translators: the status bar: "13 records · 2 shown · 2 modified · 1 with problems" */
  status = g_strdup_printf (_("%s · %s · %s · %s"), records, shown, modified, problems);
  if (self->pane_articles != NULL && self->pane_articles->len > 1)
    {
      guint n_selected = self->pane_articles->len;
      g_autofree char *with_selected = NULL;

      /* Translators: appended to the status bar: "… · 3 selected" */
      with_selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u selected",
                                                    "%s · %u selected", n_selected),
                                       status, n_selected);
      g_free (status);
      status = g_steal_pointer (&with_selected);
    }
  gtk_label_set_text (self->status_label, folder != NULL ? status : "");
  /* The empty state has nothing to count or search. */
  gtk_widget_set_visible (self->status_bar, folder != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), folder != NULL);

  if (folder != NULL)
    {
      g_autofree char *name = g_file_get_basename (folder);
      g_autofree char *counts = NULL;
      g_autofree char *title = NULL;

      if (n_modified > 0)
        /* Translators: in the window title: "13 records, 2 modified" */
        counts = g_strdup_printf (_("%s, %s"), records, modified);
      else
        counts = g_strdup (records);
      /* Translators: the window title: "Masthead — seeds (13 records, 2 modified)" */
      title = g_strdup_printf (_("Masthead — %s (%s)"), name, counts);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Masthead"));

  gtk_stack_set_visible_child_name (self->list_stack,
                                    n_shown == 0 && n_total > 0 ? "no-results" : "list");
}

/* Rows a sort in one go handles within about 20 ms (measured: 10,000 in 3.5 ms). */
#define INCREMENTAL_SORT_FROM 40000

static void
mh_window_update_progress (MhWindow *self)
{
  gboolean loading = self->collection != NULL && mh_collection_get_loading (self->collection);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), loading);
  if (loading)
    {
      double progress = mh_collection_get_progress (self->collection);
      guint n_total = mh_collection_get_n_total (self->collection);
      /* Translators: the status bar while a folder loads: "Loading 1,200 of 13,000…" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loading %'u of %'u…",
                                                            "Loading %'u of %'u…", n_total),
                                               mh_collection_get_n_loaded (self->collection),
                                               n_total);

      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (progress, 0.0, 1.0));
      gtk_label_set_text (self->progress_label, text);
    }
}

static void
collection_notify_cb (MhWindow   *self,
                      GParamSpec *pspec,
                      gpointer    collection)
{
  mh_window_update_progress (self);
  mh_window_update_status (self);
  _mh_window_update_actions (self);
}

static void
shown_items_changed_cb (MhWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  mh_window_update_status (self);
}

static void
article_changed_cb (MhWindow     *self,
                    MhArticle    *article,
                    MhCollection *collection)
{
  /* An edited record may now match or stop matching: the next refilter
   * looks at every record, not only at the shown or hidden ones. */
  self->filter_stale = TRUE;
  _mh_window_update_actions (self);
  mh_window_update_status (self);
}

static gboolean
same_articles (GPtrArray *a,
               GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

/* One record selected: its form; several: the bulk editor; none: the form's empty state. */
static void
mh_window_update_pane (MhWindow *self)
{
  g_autoptr(GPtrArray) selected = _mh_window_dup_selected (self);

  if (same_articles (selected, self->pane_articles))
    return;
  g_clear_pointer (&self->pane_articles, g_ptr_array_unref);
  self->pane_articles = g_ptr_array_ref (selected);
  if (selected->len > 1)
    {
      mh_record_form_set_article (self->record_form, NULL);
      mh_bulk_editor_set_articles (self->bulk_editor, selected);
      gtk_stack_set_visible_child_name (self->pane_stack, "bulk");
    }
  else
    {
      mh_bulk_editor_set_articles (self->bulk_editor, NULL);
      mh_record_form_set_article (self->record_form,
                                  selected->len == 1 ? g_ptr_array_index (selected, 0) : NULL);
      gtk_stack_set_visible_child_name (self->pane_stack, "form");
    }
  mh_window_update_status (self);
  _mh_window_update_actions (self);
}

static void
selection_changed_cb (MhWindow *self)
{
  mh_window_update_pane (self);
}

static void
filter_changed_cb (MhWindow *self,
                   MhFilter *filter)
{
  GtkFilter *current = gtk_filter_list_model_get_filter (self->filter_model);

  /* No search and no facet: no filter at all, so that sorting and loading
   * pass straight through the filter model. */
  if (mh_filter_is_empty (filter) && self->query == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, NULL);
  else if (current == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->custom_filter));
  else
    gtk_filter_changed (GTK_FILTER (self->custom_filter),
                        self->filter_stale ? GTK_FILTER_CHANGE_DIFFERENT
                                           : (GtkFilterChange) mh_filter_get_last_change (filter));
  self->filter_stale = FALSE;
  _mh_window_update_actions (self);
}

static void
search_changed_cb (MhWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *current = mh_filter_get_search_text (self->filter);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhQuery) query = NULL;
  guint column = 0;

  mh_saved_views_set_search (self->saved_views, text);
  query = mh_query_parse_full (text, &column, &error);
  /* Wrong: said under the field, where the curator types; the list stays as it was. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_error), query == NULL);
  if (query == NULL)
    {
      /* Translators: a malformed search: "Column 7: a value is missing after “=”" */
      g_autofree char *message = g_strdup_printf (_("Column %u: %s"), column, error->message);

      gtk_label_set_text (self->search_error, message);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");

  /* Plain words search as they always did (and fast); anything else is a query. */
  if (mh_query_is_plain_text (query))
    {
      gboolean had_query = self->query != NULL;
      gboolean same = g_strcmp0 (current != NULL ? current : "", text) == 0;

      g_clear_pointer (&self->query, mh_query_free);
      if (had_query)
        self->filter_stale = TRUE;
      mh_filter_set_search_text (self->filter, text);
      /* The words did not change, the query went: refilter all the same. */
      if (had_query && same)
        filter_changed_cb (self, self->filter);
      return;
    }
  g_clear_pointer (&self->query, mh_query_free);
  self->query = g_steal_pointer (&query);
  self->filter_stale = TRUE;
  if (current != NULL && *current != '\0')
    mh_filter_set_search_text (self->filter, "");
  else
    filter_changed_cb (self, self->filter);
}

static void
view_activated_cb (MhWindow   *self,
                   const char *search)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

static void
stop_search_cb (MhWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* ------------------------------------------------------------------------------------------ */
/* Loading */

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MhWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mh_collection_load_finish (MH_COLLECTION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mh_window_show_error (self, _("Could not open the folder"), error);
    }
  if (MH_COLLECTION (object) != self->collection)
    return;

  self->loaded = TRUE;
  if (error == NULL)
    _mh_window_offer_restore (self);
  /* Sorting starts now, in steps: while loading, each batch of rows would
   * make GTK finish a pending sort of everything at once. */
  /* In one go when that is quicker than a frame or two; in steps otherwise,
   * though each step makes the view take a large change of rows. */
  gtk_sort_list_model_set_incremental (self->sort_model,
                                       g_list_model_get_n_items (G_LIST_MODEL (self->collection))
                                       > INCREMENTAL_SORT_FROM);
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  /* Rows sorted in above the first visible one while loading pushed the view down: start at
   * the top, unless the user already picked a record. */
  if (_mh_window_get_first_selected (self) == GTK_INVALID_LIST_POSITION
      && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    _mh_window_scroll_to (self, 0);
  if (self->initial_selection != NULL)
    {
      GFile *folder = mh_collection_get_folder (self->collection);
      g_autoptr(GFile) file = g_file_resolve_relative_path (folder, self->initial_selection);
      MhArticle *article = mh_collection_lookup (self->collection, file);

      if (article == NULL || !_mh_window_select_article (self, article))
        g_printerr (_("masthead: no record %s in the folder\n"), self->initial_selection);
      g_clear_pointer (&self->initial_selection, g_free);
    }
  mh_facet_sidebar_rebuild (self->facet_sidebar);
  mh_window_update_progress (self);
  mh_window_update_status (self);
  _mh_window_update_actions (self);
  _mh_window_maybe_screenshot (self);
}

void
_mh_window_load_folder (MhWindow *self,
                        GFile    *folder)
{
  g_autoptr(MhCollection) collection = mh_collection_new ();

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  mh_record_form_set_article (self->record_form, NULL);

  g_set_object (&self->collection, collection);
  gtk_sort_list_model_set_sorter (self->sort_model, NULL);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->collection));
  g_signal_group_set_target (self->collection_signals, self->collection);
  g_signal_group_set_target (self->history_signals, mh_collection_get_history (self->collection));

  mh_record_form_set_collection (self->record_form, self->collection);
  mh_bulk_editor_set_collection (self->bulk_editor, self->collection);
  mh_topics_page_set_collection (self->topics_page, self->collection);
  mh_facet_sidebar_set_collection (self->facet_sidebar, self->collection);

  self->loaded = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "collection");

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      g_settings_set_string (self->settings, "last-folder", uri);
    }
  mh_saved_views_set_folder (self->saved_views, folder);

  _mh_window_start_measuring (self);
  mh_collection_load_async (self->collection, folder, self->load_cancellable, load_ready_cb,
                            g_object_ref (self));
  mh_window_update_progress (self);
  mh_window_update_status (self);
  _mh_window_update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Window state */

static void
mh_window_save_state (MhWindow *self)
{
  g_autoptr(GVariantBuilder) widths = NULL;
  GListModel *view_columns;
  int width;
  int height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* Positions are only meaningful once the panes have been laid out. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->outer_paned)))
    {
      g_settings_set_int (self->settings, "sidebar-position",
                          gtk_paned_get_position (self->outer_paned));
      g_settings_set_int (self->settings, "form-position",
                          gtk_paned_get_position (self->inner_paned));
    }

  widths = g_variant_builder_new (G_VARIANT_TYPE ("a{si}"));
  view_columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      int fixed = gtk_column_view_column_get_fixed_width (column);

      if (fixed > 0 && columns[i].fixed_width != fixed)
        g_variant_builder_add (widths, "{si}", columns[i].id, fixed);
    }
  g_settings_set_value (self->settings, "column-widths", g_variant_builder_end (widths));
  g_settings_apply (self->settings);
}

static void
mh_window_save_visible_columns (MhWindow *self)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) visible = NULL;

  if (self->settings == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      if (i != MH_RECORD_CELL_MODIFIED && i != MH_RECORD_CELL_PROBLEMS
          && gtk_column_view_column_get_visible (column))
        g_strv_builder_add (builder, columns[i].id);
    }
  visible = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "visible-columns", (const char * const *) visible);
}

static void
column_action_change_state_cb (GSimpleAction *action,
                               GVariant      *state,
                               gpointer       user_data)
{
  MhWindow *self = user_data;
  const char *id = g_action_get_name (G_ACTION (action));
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  g_simple_action_set_state (action, state);
  for (guint i = 0; i < MH_RECORD_CELL_N_KINDS; i++)
    if (g_str_equal (columns[i].id, id))
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

        gtk_column_view_column_set_visible (column, g_variant_get_boolean (state));
      }
  mh_window_save_visible_columns (self);
}

/* A "columns" action group: one boolean action per column that can be hidden, for the menu. */
static void
mh_window_add_column_actions (MhWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  for (guint i = 0; i < MH_RECORD_CELL_N_KINDS; i++)
    {
      g_autoptr(GSimpleAction) action = NULL;

      if (i == MH_RECORD_CELL_MODIFIED || i == MH_RECORD_CELL_PROBLEMS || i == MH_RECORD_CELL_TITLE)
        continue;
      action = g_simple_action_new_stateful (columns[i].id, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect (action, "change-state", G_CALLBACK (column_action_change_state_cb), self);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (self), "mh-column-actions", g_object_ref (group),
                          g_object_unref);
}

static void
mh_window_restore_state (MhWindow *self)
{
  g_auto(GStrv) visible = NULL;
  g_autoptr(GVariant) widths = NULL;
  g_autofree char *sort = NULL;
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->outer_paned,
                          g_settings_get_int (self->settings, "sidebar-position"));
  gtk_paned_set_position (self->inner_paned,
                          g_settings_get_int (self->settings, "form-position"));

  visible = g_settings_get_strv (self->settings, "visible-columns");
  widths = g_settings_get_value (self->settings, "column-widths");
  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      int width;

      /* The markers and the title are not columns a curator would hide: they are how a
       * record and its changes show. */
      if (i != MH_RECORD_CELL_MODIFIED && i != MH_RECORD_CELL_PROBLEMS && i != MH_RECORD_CELL_TITLE)
        {
          GActionMap *group = g_object_get_data (G_OBJECT (self), "mh-column-actions");
          gboolean shown = g_strv_contains ((const char * const *) visible, columns[i].id);

          gtk_column_view_column_set_visible (column, shown);
          g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (group,
                                                                                  columns[i].id)),
                                     g_variant_new_boolean (shown));
        }
      if (g_variant_lookup (widths, columns[i].id, "i", &width) && width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
    }

  sort = g_settings_get_string (self->settings, "sort-column");
  _mh_window_apply_sort (self, sort, g_settings_get_boolean (self->settings, "sort-descending"));
}

static void
close_then (MhWindow *self,
            gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
mh_window_close_request (GtkWindow *window)
{
  MhWindow *self = MH_WINDOW (window);

  mh_record_form_flush (self->record_form);
  if (!self->close_confirmed && self->collection != NULL
      && mh_collection_get_n_modified (self->collection) > 0)
    {
      _mh_window_confirm_discard (self, close_then, NULL, NULL);
      return TRUE;
    }

  mh_window_save_state (self);
  g_cancellable_cancel (self->load_cancellable);
  mh_save_progress_cancel (self->save_progress);

  return GTK_WINDOW_CLASS (mh_window_parent_class)->close_request (window);
}

void
_mh_window_show_error (MhWindow     *self,
                       const char   *primary,
                       const GError *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", primary);

  if (error != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------ */
/* Public and layer API */

void
_mh_window_scroll_to (MhWindow *self,
                      guint     position)
{
  /* No scroll_to on GTK 4.8: the inner list view's own action scrolls the row into view. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

guint
_mh_window_get_first_selected (MhWindow *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return GTK_INVALID_LIST_POSITION;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return gtk_bitset_is_empty (selected) ? GTK_INVALID_LIST_POSITION
                                        : gtk_bitset_get_minimum (selected);
}

GPtrArray *
_mh_window_dup_selected (MhWindow *self)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return articles;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (articles, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return articles;
}

MhArticle *
_mh_window_get_selected (MhWindow *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(MhArticle) article = NULL;

  if (self->selection == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  /* Borrowed: the collection holds its records. */
  article = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                   gtk_bitset_get_minimum (selected));
  return article;
}

gboolean
_mh_window_select_article (MhWindow  *self,
                           MhArticle *article)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MhArticle) item = g_list_model_get_item (model, i);

      if (item == article)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          _mh_window_scroll_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

MhCollection *
_mh_window_get_collection (MhWindow *self)
{
  return self->collection;
}

GListModel *
_mh_window_get_shown (MhWindow *self)
{
  return G_LIST_MODEL (self->selection);
}

MhRecordForm *
_mh_window_get_form (MhWindow *self)
{
  return self->record_form;
}

MhBulkEditor *
_mh_window_get_bulk_editor (MhWindow *self)
{
  return self->bulk_editor;
}

MhTopicsPage *
_mh_window_get_topics_page (MhWindow *self)
{
  return self->topics_page;
}

MhSaveProgress *
_mh_window_get_save_progress (MhWindow *self)
{
  return self->save_progress;
}

MhSavedViews *
_mh_window_get_saved_views (MhWindow *self)
{
  return self->saved_views;
}

GtkWidget *
_mh_window_get_failures_dialog (MhWindow *self)
{
  return self->failures_dialog;
}

const char *
_mh_window_get_pane (MhWindow *self)
{
  return gtk_stack_get_visible_child_name (self->pane_stack);
}

GtkWidget *
_mh_window_get_close_dialog (MhWindow *self)
{
  return self->close_dialog;
}

GtkWidget *
_mh_window_get_conflict_dialog (MhWindow *self)
{
  return self->conflict_dialog;
}

GtkSearchEntry *
_mh_window_get_search_entry (MhWindow *self)
{
  return self->search_entry;
}

MhFacetSidebar *
_mh_window_get_facet_sidebar (MhWindow *self)
{
  return self->facet_sidebar;
}

/**
 * mh_window_new:
 * @application: the application that will own the window
 * @settings: (nullable): where the window keeps its size, panes, columns and
 *   last folder; NULL when the schema is not installed
 *
 * Returns: (transfer none): a new window, owned by @application
 */
MhWindow *
mh_window_new (GtkApplication *application,
               GSettings      *settings)
{
  MhWindow *self = g_object_new (MH_TYPE_WINDOW, "application", application, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      mh_window_restore_state (self);
      mh_saved_views_set_settings (self->saved_views, settings);
    }
  return self;
}

void
mh_window_open_folder (MhWindow *self,
                       GFile    *folder)
{
  g_return_if_fail (MH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  _mh_window_load_folder (self, folder);
}

gboolean
mh_window_has_folder (MhWindow *self)
{
  g_return_val_if_fail (MH_IS_WINDOW (self), FALSE);

  return self->collection != NULL;
}

void
mh_window_set_initial_selection (MhWindow   *self,
                                 const char *name)
{
  g_return_if_fail (MH_IS_WINDOW (self));

  g_free (self->initial_selection);
  self->initial_selection = g_strdup (name);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
mh_window_add_columns (MhWindow *self)
{
  self->probes = g_new0 (MhSortProbe, MH_RECORD_CELL_N_KINDS);

  for (guint i = 0; i < MH_RECORD_CELL_N_KINDS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      self->probes[i].window = self;
      self->probes[i].column = columns[i].sort;
      self->probes[i].id = columns[i].id;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), NULL);

      column = gtk_column_view_column_new (columns[i].a11y != NULL ? columns[i].title
                                                                   : _(columns[i].title),
                                           g_steal_pointer (&factory));
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, &self->probes[i], NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
activate_row_cb (MhWindow      *self,
                 guint          position,
                 GtkColumnView *view)
{
  mh_record_form_focus_first (self->record_form);
}

static void
mh_window_dispose (GObject *object)
{
  MhWindow *self = MH_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->restore_bar);
  if (self->screenshot_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->screenshot_tick);
      self->screenshot_tick = 0;
    }
  if (self->rows_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rows_tick);
      self->rows_tick = 0;
    }
  g_clear_handle_id (&self->probe_id, g_source_remove);
  if (self->failures_dialog != NULL)
    {
      GtkWidget *dialog = self->failures_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->failures_dialog);
      self->failures_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  /* Nothing may call back into a half-disposed window. */
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->collection_signals != NULL)
    g_signal_group_set_target (self->collection_signals, NULL);
  if (self->history_signals != NULL)
    g_signal_group_set_target (self->history_signals, NULL);
  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_sorter (self->sort_model, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MH_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_pointer (&self->pane_articles, g_ptr_array_unref);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->query, mh_query_free);
  g_clear_object (&self->collection);
  g_clear_object (&self->collection_signals);
  g_clear_object (&self->history_signals);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (mh_window_parent_class)->dispose (object);
}

static void
mh_window_finalize (GObject *object)
{
  MhWindow *self = MH_WINDOW (object);

  g_free (self->probes);
  g_free (self->screenshot);
  g_free (self->initial_selection);

  G_OBJECT_CLASS (mh_window_parent_class)->finalize (object);
}

static void
mh_window_class_init (MhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mh_window_dispose;
  object_class->finalize = mh_window_finalize;
  window_class->close_request = mh_window_close_request;

  g_type_ensure (MH_TYPE_FACET_SIDEBAR);
  g_type_ensure (MH_TYPE_RECORD_FORM);
  g_type_ensure (MH_TYPE_BULK_EDITOR);
  g_type_ensure (MH_TYPE_TOPICS_PAGE);
  g_type_ensure (MH_TYPE_SAVE_PROGRESS);
  g_type_ensure (MH_TYPE_SAVED_VIEWS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/masthead/Masthead/mh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MhWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, search_error);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, facet_sidebar);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, record_form);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, bulk_editor);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, topics_page);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, save_progress);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, saved_views);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MhWindow, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  _mh_window_class_add_actions (widget_class);
}

static void
mh_window_init (MhWindow *self)
{
  GtkSorter *view_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  mh_a11y_fix_names (GTK_WIDGET (self));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  self->collection_signals = g_signal_group_new (MH_TYPE_COLLECTION);
  g_signal_group_connect_swapped (self->collection_signals, "notify",
                                  G_CALLBACK (collection_notify_cb), self);
  g_signal_group_connect_swapped (self->collection_signals, "article-changed",
                                  G_CALLBACK (article_changed_cb), self);
  self->history_signals = g_signal_group_new (MH_TYPE_HISTORY);
  g_signal_group_connect_swapped (self->history_signals, "changed",
                                  G_CALLBACK (_mh_window_update_actions), self);

  self->filter = mh_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  mh_facet_sidebar_set_filter (self->facet_sidebar, self->filter);

  mh_window_add_columns (self);
  mh_window_add_column_actions (self);
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (column_view_sorter_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Filter over sort (STYLE): a keystroke refilters the sorted rows instead of re-sorting. */
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (view_sorter));
  /* Sorting 100,000 rows takes longer than a frame: in steps, the window keeps drawing. */
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  self->custom_filter = gtk_custom_filter_new (filter_match_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  NULL);
  /* Click, Ctrl+click, Shift+click and Ctrl+A (the list view's select-all) over the rows shown. */
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* Rows filtered out leave the selection without a selection-changed. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (shown_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_row_cb), self,
                           G_CONNECT_SWAPPED);

  g_object_bind_property (self->search_bar, "search-mode-enabled", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  _mh_window_init_actions (self);
  g_signal_connect_object (self->saved_views, "view-activated", G_CALLBACK (view_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  mh_window_update_status (self);
  _mh_window_update_actions (self);
}
