/* mh-save-progress.c: Save All in steps, with progress, Cancel, and the records that failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-save-progress.h"

struct _MhSaveProgress
{
  GtkWidget       parent_instance;

  MhCollection   *collection;
  GCancellable   *cancellable;   /* while saving */
  GPtrArray      *failures;      /* MhSaveFailure */
  guint           n_total;

  GtkLabel       *label;
  GtkProgressBar *bar;
  GtkWidget      *cancel_button;
};

G_DEFINE_FINAL_TYPE (MhSaveProgress, mh_save_progress, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
progress_cb (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  MhSaveProgress *self = user_data;
  g_autofree char *text = NULL;

  /* A save that outlives the window goes on without showing it. */
  if (self->label == NULL)
    return;
  /* Translators: the status bar while saving: "Saving 12 of 40…" */
  text = g_strdup_printf (_("Saving %u of %u…"), MIN (n_done + 1, n_total), n_total);
  gtk_label_set_text (self->label, text);
  gtk_progress_bar_set_fraction (self->bar, n_total > 0 ? (double) n_done / n_total : 0.0);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MhSaveProgress) self = user_data;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;
  guint n_saved;

  n_saved = mh_collection_save_all_finish (MH_COLLECTION (object), result, &failures, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  self->failures = failures != NULL ? g_steal_pointer (&failures)
                                    : g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                      mh_save_failure_free);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[FINISHED], 0, n_saved, cancelled);
}

void
mh_save_progress_start (MhSaveProgress *self,
                        MhCollection   *collection)
{
  g_return_if_fail (MH_IS_SAVE_PROGRESS (self));
  g_return_if_fail (MH_IS_COLLECTION (collection));
  g_return_if_fail (!mh_save_progress_is_running (self));

  g_set_object (&self->collection, collection);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->failures, 0);
  progress_cb (0, mh_collection_get_n_modified (collection), self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  mh_collection_save_all_async (collection, progress_cb, self, self->cancellable, saved_cb,
                                g_object_ref (self));
}

void
mh_save_progress_cancel (MhSaveProgress *self)
{
  g_return_if_fail (MH_IS_SAVE_PROGRESS (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
mh_save_progress_is_running (MhSaveProgress *self)
{
  g_return_val_if_fail (MH_IS_SAVE_PROGRESS (self), FALSE);
  return self->cancellable != NULL;
}

GPtrArray *
mh_save_progress_get_failures (MhSaveProgress *self)
{
  g_return_val_if_fail (MH_IS_SAVE_PROGRESS (self), NULL);
  return self->failures;
}

GtkWidget *
mh_save_progress_get_cancel_button (MhSaveProgress *self)
{
  g_return_val_if_fail (MH_IS_SAVE_PROGRESS (self), NULL);
  return self->cancel_button;
}

const char *
mh_save_progress_get_text (MhSaveProgress *self)
{
  g_return_val_if_fail (MH_IS_SAVE_PROGRESS (self), NULL);
  return gtk_label_get_text (self->label);
}

GtkWidget *
mh_save_progress_new (void)
{
  return g_object_new (MH_TYPE_SAVE_PROGRESS, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* The failures */

typedef struct
{
  GPtrArray  *failures;
  void      (*select) (gpointer data, MhArticle *article);
  gpointer    data;
} FailuresData;

static void
failures_data_free (FailuresData *data)
{
  g_ptr_array_unref (data->failures);
  g_free (data);
}

static void
failure_activated_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      FailuresData  *data)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < data->failures->len)
    data->select (data->data,
                  ((MhSaveFailure *) g_ptr_array_index (data->failures, index))->article);
}

static GtkWidget *
failure_row_new (const MhSaveFailure *failure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (mh_article_get_display_name (failure->article));
  GtkWidget *reason = gtk_label_new (failure->error != NULL ? failure->error->message : "");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason, "mh-problem-error");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

GtkWidget *
mh_save_failures_present (GtkWindow  *parent,
                          GPtrArray  *failures,
                          void      (*select) (gpointer data, MhArticle *article),
                          gpointer    data)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              g_dngettext (GETTEXT_PACKAGE,
                                                           "%u record could not be saved",
                                                           "%u records could not be saved",
                                                           failures->len),
                                              failures->len);
  GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  FailuresData *fdata = g_new0 (FailuresData, 1);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The other records were saved. Choose a record "
                                              "to show it; saving it alone asks what to do "
                                              "about a file changed on disk."));
  fdata->failures = g_ptr_array_ref (failures);
  fdata->select = select;
  fdata->data = data;
  for (guint i = 0; i < failures->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), failure_row_new (g_ptr_array_index (failures, i)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Records that could not be saved"), -1);
  g_signal_connect_data (list, "row-activated", G_CALLBACK (failure_activated_cb), fdata,
                         (GClosureNotify) (void (*) (void)) failures_data_free, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "mh-textview-frame");
  gtk_box_append (GTK_BOX (area), scroller);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
mh_save_progress_dispose (GObject *object)
{
  MhSaveProgress *self = MH_SAVE_PROGRESS (object);
  GtkWidget *child;

  /* A save under way finishes on its own (it holds the widget); it just stops early. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_object (&self->collection);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->label = NULL;
  self->bar = NULL;
  self->cancel_button = NULL;

  G_OBJECT_CLASS (mh_save_progress_parent_class)->dispose (object);
}

static void
mh_save_progress_class_init (MhSaveProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_save_progress_dispose;

  /**
   * MhSaveProgress::finished:
   * @n_saved: the records written
   * @cancelled: whether Cancel stopped it
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                                    G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-save-progress");
}

static void
mh_save_progress_init (MhSaveProgress *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_save_failure_free);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  self->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->bar), 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saving progress"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->bar), GTK_WIDGET (self));

  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_add_css_class (self->cancel_button, "flat");
  gtk_widget_add_css_class (self->cancel_button, "caption");
  gtk_widget_set_tooltip_text (self->cancel_button,
                               _("Stop saving: the records saved so far stay saved"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (mh_save_progress_cancel),
                            self);
  gtk_widget_set_parent (self->cancel_button, GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
