/* mh-window-actions.c: the window's actions (open, save, undo, navigation, sort) and questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-duplicates-page.h"
#include "mh-problems-page.h"
#include "mh-window-private.h"

/* ------------------------------------------------------------------------------------------ */
/* The unsaved-changes question */

typedef struct
{
  MhWindow       *self;
  void          (*then) (MhWindow *self, gpointer data);
  gpointer        data;
  GDestroyNotify  data_destroy;
} Continuation;

static void
continuation_free (Continuation *c)
{
  if (c->data_destroy != NULL)
    c->data_destroy (c->data);
  g_object_unref (c->self);
  g_free (c);
}

static gboolean
mh_window_save_all (MhWindow *self)
{
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;

  mh_collection_save_all (self->collection, &failed, NULL, &error);
  if (failed != NULL && failed->len > 0)
    {
      g_autofree char *primary =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record could not be saved",
                                      "%u records could not be saved", failed->len),
                         failed->len);

      _mh_window_show_error (self, primary, error);
      _mh_window_select_article (self, g_ptr_array_index (failed, 0));
      return FALSE;
    }
  if (error != NULL)
    {
      _mh_window_show_error (self, _("Could not save"), error);
      return FALSE;
    }
  return TRUE;
}

static void
confirm_response_cb (GtkDialog    *dialog,
                     int           response,
                     Continuation *c)
{
  MhWindow *self = c->self;
  gboolean proceed = FALSE;

  self->close_dialog = NULL;
  /* The dialog outlives this handler (the emission holds it) and the window may be gone by
   * then: let go of the window first. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case GTK_RESPONSE_ACCEPT:
      proceed = mh_window_save_all (self);
      break;

    case GTK_RESPONSE_REJECT:
      /* Discarded on purpose: the journal must not offer them again. */
      if (self->collection != NULL)
        mh_collection_revert_all (self->collection);
      proceed = TRUE;
      break;

    default:
      break;
    }

  if (proceed)
    c->then (self, c->data);
  continuation_free (c);
}

void
_mh_window_confirm_discard (MhWindow       *self,
                            void          (*then) (MhWindow *self, gpointer data),
                            gpointer        data,
                            GDestroyNotify  data_destroy)
{
  Continuation *c;
  GtkWidget *dialog;
  GtkWidget *discard;
  guint n_modified;

  mh_record_form_flush (self->record_form);
  n_modified = self->collection ? mh_collection_get_n_modified (self->collection) : 0;
  if (n_modified == 0)
    {
      then (self, data);
      if (data_destroy != NULL)
        data_destroy (data);
      return;
    }

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      if (data_destroy != NULL)
        data_destroy (data);
      return;
    }

  c = g_new0 (Continuation, 1);
  c->self = g_object_ref (self);
  c->then = then;
  c->data = data;
  c->data_destroy = data_destroy;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "Save the changes to %u record?",
                                                "Save the changes to %u records?", n_modified),
                                   n_modified);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Unsaved changes are lost if you discard them."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_REJECT);
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Save All"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), c);

  self->close_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------ */
/* Open */

static void
load_then (MhWindow *self,
           gpointer  folder)
{
  _mh_window_load_folder (self, folder);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  MhWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        _mh_window_confirm_discard (self, load_then, folder, g_object_unref);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->collection != NULL && mh_collection_get_folder (self->collection) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser),
                               mh_collection_get_folder (self->collection), NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------------------------ */
/* Save, and conflicts */

typedef struct
{
  MhWindow  *self;
  MhArticle *article;
} ConflictData;

static void
conflict_data_free (ConflictData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->article);
  g_free (data);
}

static void
resolve (ConflictData     *data,
         MhConflictChoice  choice,
         GFile            *save_as)
{
  g_autoptr(GError) error = NULL;

  if (!mh_collection_resolve_conflict (data->self->collection, data->article, choice, save_as,
                                       &error))
    _mh_window_show_error (data->self, _("Could not resolve the conflict"), error);
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ConflictData    *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      resolve (data, MH_CONFLICT_SAVE_AS, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  conflict_data_free (data);
}

enum { RESPONSE_RELOAD = 1, RESPONSE_KEEP_MINE, RESPONSE_SAVE_AS };

static void
conflict_response_cb (GtkDialog    *dialog,
                      int           response,
                      ConflictData *data)
{
  data->self->conflict_dialog = NULL;
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case RESPONSE_RELOAD:
      resolve (data, MH_CONFLICT_RELOAD, NULL);
      break;

    case RESPONSE_KEEP_MINE:
      resolve (data, MH_CONFLICT_KEEP_MINE, NULL);
      break;

    case RESPONSE_SAVE_AS:
      {
        GtkFileChooserNative *chooser =
          gtk_file_chooser_native_new (_("Save Record As"), GTK_WINDOW (data->self),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

        gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
        g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb), data);
        gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      }
      return;

    default:
      break;
    }
  conflict_data_free (data);
}

static void
mh_window_ask_conflict (MhWindow     *self,
                        MhArticle    *article,
                        const GError *error)
{
  ConflictData *data = g_new0 (ConflictData, 1);
  GtkWidget *dialog;

  data->self = g_object_ref (self);
  data->article = g_object_ref (article);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("“%s” changed on disk"),
                                   mh_article_get_display_name (article));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Reload"), RESPONSE_RELOAD);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("Save _As…"), RESPONSE_SAVE_AS);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Keep Mine"), RESPONSE_KEEP_MINE);
  g_signal_connect (dialog, "response", G_CALLBACK (conflict_response_cb), data);
  self->conflict_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);
  MhArticle *article = _mh_window_get_selected (self);
  g_autoptr(GError) error = NULL;
  MhSaveOutcome outcome;

  mh_record_form_flush (self->record_form);

  if (article == NULL || self->collection == NULL)
    return;

  if (!mh_collection_save (self->collection, article, &outcome, NULL, &error))
    {
      if (g_error_matches (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT))
        mh_window_ask_conflict (self, article, error);
      else
        _mh_window_show_error (self, _("Could not save the record"), error);
    }
  _mh_window_update_actions (self);
}

static void
save_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);

  mh_record_form_flush (self->record_form);

  if (self->collection == NULL || mh_save_progress_is_running (self->save_progress))
    return;
  if (mh_collection_get_n_modified (self->collection) > 0)
    mh_save_progress_start (self->save_progress, self->collection);
  _mh_window_update_actions (self);
}

static void
select_failed_cb (gpointer   data,
                  MhArticle *article)
{
  MhWindow *self = data;

  gtk_stack_set_visible_child_name (self->main_stack, "collection");
  _mh_window_select_article (self, article);
}

static void
save_finished_cb (MhWindow       *self,
                  guint           n_saved,
                  gboolean        cancelled,
                  MhSaveProgress *progress)
{
  GPtrArray *failures = mh_save_progress_get_failures (progress);

  _mh_window_update_actions (self);
  if (failures->len == 0)
    return;
  if (self->failures_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->failures_dialog));
  self->failures_dialog = mh_save_failures_present (GTK_WINDOW (self), failures, select_failed_cb,
                                                    self);
  g_object_add_weak_pointer (G_OBJECT (self->failures_dialog),
                             (gpointer *) &self->failures_dialog);
}

void
_mh_window_init_actions (MhWindow *self)
{
  g_signal_connect_object (self->save_progress, "finished", G_CALLBACK (save_finished_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);
  MhArticle *article = _mh_window_get_selected (self);

  mh_record_form_flush (self->record_form);

  if (article != NULL)
    mh_article_revert (article);
  _mh_window_update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Undo, search, navigation */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);

  mh_record_form_flush (self->record_form);

  if (self->collection == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    mh_history_undo (mh_collection_get_history (self->collection));
  else
    mh_history_redo (mh_collection_get_history (self->collection));
  _mh_window_update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  mh_filter_reset (self->filter);
  mh_facet_sidebar_sync (self->facet_sidebar);
}

static void
move_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = _mh_window_get_first_selected (self);
  gboolean next = g_str_equal (action_name, "win.next-record");
  guint target;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    target = next ? 0 : n - 1;
  else if (next)
    target = MIN (selected + 1, n - 1);
  else
    target = selected > 0 ? selected - 1 : 0;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), target, TRUE);
  _mh_window_scroll_to (self, target);
}

/* ------------------------------------------------------------------------------------------ */
/* Pages */

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MhWindow *self = MH_WINDOW (widget);

  mh_record_form_flush (self->record_form);
  if (self->collection == NULL)
    return;
  if (g_str_equal (action_name, "win.show-topics"))
    {
      mh_topics_page_refresh (self->topics_page);
      gtk_stack_set_visible_child_name (self->main_stack, "topics");
      gtk_widget_grab_focus (GTK_WIDGET (self->topics_page));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "collection");
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
  _mh_window_update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Sort: kept in our own state (GSettings), since GTK 4.8 cannot read the column view's back */

void
_mh_window_sort_changed (MhWindow *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;

  if (self->applying_sort || self->settings == NULL)
    return;

  self->probed_column = NULL;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed_column == NULL)
    return;

  g_settings_set_string (self->settings, "sort-column", self->probed_column);
  g_settings_set_boolean (self->settings, "sort-descending", order == GTK_ORDERING_LARGER);
}

void
_mh_window_apply_sort (MhWindow   *self,
                       const char *column_id,
                       gboolean    descending)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    if (g_strcmp0 (self->probes[i].id, column_id) == 0)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

        self->applying_sort = TRUE;
        gtk_column_view_sort_by_column (self->column_view, column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        self->applying_sort = FALSE;
        if (self->settings != NULL)
          {
            g_settings_set_string (self->settings, "sort-column", column_id);
            g_settings_set_boolean (self->settings, "sort-descending", descending);
          }
        return;
      }
}

static void
sort_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *column_id;
  gboolean descending;

  g_variant_get (parameter, "(&sb)", &column_id, &descending);
  _mh_window_apply_sort (MH_WINDOW (widget), column_id, descending);
}

/* ------------------------------------------------------------------------------------------ */

void
_mh_window_update_actions (MhWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  MhArticle *article = self->selection ? _mh_window_get_selected (self) : NULL;
  MhHistory *history = self->collection ? mh_collection_get_history (self->collection) : NULL;
  gboolean has_folder = self->collection != NULL;
  guint n_shown = self->selection ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
  gboolean article_modified = article != NULL && mh_article_get_modified (article);

  gtk_widget_action_set_enabled (widget, "win.save", article_modified);
  gtk_widget_action_set_enabled (widget, "win.revert", article_modified);
  gtk_widget_action_set_enabled (widget, "win.save-all",
                                 has_folder && mh_collection_get_n_modified (self->collection) > 0
                                 && (self->save_progress == NULL
                                     || !mh_save_progress_is_running (self->save_progress)));
  gtk_widget_action_set_enabled (widget, "win.undo",
                                 history != NULL && mh_history_get_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 history != NULL && mh_history_get_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.search", has_folder);
  gtk_widget_action_set_enabled (widget, "win.previous-record", n_shown > 0);
  gtk_widget_action_set_enabled (widget, "win.next-record", n_shown > 0);
  gtk_widget_action_set_enabled (widget, "win.show-topics", has_folder);
  gtk_widget_action_set_enabled (widget, "win.show-records", has_folder);
  gtk_widget_action_set_enabled (widget, "win.clear-filters",
                                 self->filter != NULL && !mh_filter_is_empty (self->filter));
}

static void
page_destroyed_cb (GtkWidget *page,
                   MhWindow  *self)
{
  g_object_set_data (G_OBJECT (self), g_object_get_data (G_OBJECT (page), "mh-key"), NULL);
}

/* A page (one per window, under @key), presented again when open. */
static void
show_page (MhWindow   *self,
           const char *key,
           GtkWindow *(*page_new) (MhWindow *window))
{
  GtkWindow *page;

  if (_mh_window_get_collection (self) == NULL)
    return;
  page = g_object_get_data (G_OBJECT (self), key);
  if (page == NULL)
    {
      page = page_new (self);
      g_object_set_data (G_OBJECT (self), key, page);
      g_object_set_data (G_OBJECT (page), "mh-key", (gpointer) key);
      g_signal_connect_object (page, "destroy", G_CALLBACK (page_destroyed_cb), self, 0);
    }
  gtk_window_present (page);
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_page (MH_WINDOW (widget), "mh-problems-page",
             (GtkWindow *(*) (MhWindow *)) mh_problems_page_new);
}

static void
show_duplicates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_page (MH_WINDOW (widget), "mh-duplicates-page",
             (GtkWindow *(*) (MhWindow *)) mh_duplicates_page_new);
}

void
_mh_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-all", NULL, save_all_action);
  gtk_widget_class_install_action (widget_class, "win.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.previous-record", NULL,
                                   move_selection_action);
  gtk_widget_class_install_action (widget_class, "win.next-record", NULL, move_selection_action);
  gtk_widget_class_install_action (widget_class, "win.sort-by", "(sb)", sort_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.show-duplicates", NULL,
                                   show_duplicates_action);
  gtk_widget_class_install_action (widget_class, "win.show-topics", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-records", NULL, show_page_action);
}
