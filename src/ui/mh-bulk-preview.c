/* mh-bulk-preview.c: what a many-record change would do, each diff a click away, and Apply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-bulk-preview.h"

/* Rows listed; a change over more records says how many more there are. */
#define MAX_ROWS 200
/* Refusals named in the summary line. */
#define MAX_NAMED 3
/* The preview follows typing after this pause. */
#define UPDATE_DELAY_MS 250

struct _MhBulkPreview
{
  GtkWidget      parent_instance;

  MhBulkPlan    *plan;
  MhHistory     *history;
  GArray        *rows;      /* the batch index of each row */
  MhBulkPlanner  planner;
  gpointer       owner;     /* borrowed: it owns this widget */
  guint          update_id;

  GtkLabel      *summary;
  GtkWidget     *scroller;
  GtkListBox    *list;
  GtkWidget     *diff_scroller;
  GtkTextView   *diff_view;
  GtkLabel      *error_label;
  GtkWidget     *apply_button;
};

G_DEFINE_FINAL_TYPE (MhBulkPreview, mh_bulk_preview, GTK_TYPE_WIDGET)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_diff (MhBulkPreview *self,
           MhBatch       *batch,
           guint          index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autofree char *diff = NULL;
  g_auto(GStrv) lines = NULL;
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_widget_set_visible (self->diff_scroller, TRUE);
  if (mh_batch_get_outcome (batch, index) == MH_BATCH_REFUSED)
    {
      gtk_text_buffer_set_text (buffer, mh_batch_get_reason (batch, index), -1);
      return;
    }
  diff = mh_batch_dup_diff (batch, index);
  lines = g_strsplit (diff != NULL ? diff : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *tag = g_str_has_prefix (line, "+++") || g_str_has_prefix (line, "---") ? "hunk"
                        : line[0] == '+' ? "added"
                        : line[0] == '-' ? "removed"
                        : line[0] == '@' ? "hunk" : NULL;

      if (*line == '\0' && lines[i + 1] == NULL)
        break;
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, -1, tag, NULL);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
    }
}

static void
row_activated_cb (MhBulkPreview *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->plan == NULL || index < 0 || (guint) index >= self->rows->len)
    return;
  show_diff (self, mh_bulk_plan_get_batch (self->plan), g_array_index (self->rows, guint, index));
}

static GtkWidget *
change_row_new (MhBatch *batch,
                guint    index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (mh_article_get_display_name (mh_batch_get_article (batch,
                                                                                      index)));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (box), name);
  if (mh_batch_get_outcome (batch, index) == MH_BATCH_REFUSED)
    {
      GtkWidget *reason = gtk_label_new (_("would refuse"));

      gtk_widget_add_css_class (reason, "mh-problem-error");
      gtk_widget_set_tooltip_text (reason, mh_batch_get_reason (batch, index));
      gtk_box_append (GTK_BOX (box), reason);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Show the changes of this record"));
  return row;
}

static char *
summary_text (MhBulkPlan *plan)
{
  MhBatch *batch = mh_bulk_plan_get_batch (plan);
  guint n = mh_batch_get_n_records (batch);
  guint n_changes = mh_bulk_plan_get_n_changes (plan);
  guint n_refusals = mh_bulk_plan_get_n_refusals (plan);
  g_autofree char *change_text = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint named = 0;

  if (n_changes == 0 && n_refusals == 0)
    return g_strdup (_("No record would change."));

  change_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record changes",
                                              "%u records change", n_changes), n_changes);
  if (n_refusals == 0)
    return g_strconcat (change_text, ".", NULL);

  for (guint i = 0; i < n && named < MAX_NAMED; i++)
    {
      if (mh_batch_get_outcome (batch, i) != MH_BATCH_REFUSED)
        continue;
      if (named++ > 0)
        g_string_append (names, ", ");
      /* Translators: a record that would refuse and why: "a.md (duplicate key …)" */
      g_string_append_printf (names, _("%s (%s)"),
                              mh_article_get_display_name (mh_batch_get_article (batch, i)),
                              mh_batch_get_reason (batch, i));
    }
  if (n_refusals > named)
    g_string_append (names, _(", …"));
  /* Translators: "312 records change, 3 would refuse: a.md (…), b.md (…)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u would refuse: %s",
                                       "%s, %u would refuse: %s", n_refusals),
                          change_text, n_refusals, names->str);
}

void
mh_bulk_preview_set_plan (MhBulkPreview *self,
                          MhBulkPlan    *plan,
                          const char    *hint)
{
  GtkWidget *child;
  MhBatch *batch;
  guint more = 0;
  g_autofree char *summary = NULL;

  g_return_if_fail (MH_IS_BULK_PREVIEW (self));

  g_clear_pointer (&self->plan, mh_bulk_plan_free);
  self->plan = plan;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->rows, 0);
  gtk_widget_set_visible (self->diff_scroller, FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (plan == NULL)
    {
      gtk_label_set_text (self->summary, hint != NULL ? hint : "");
      gtk_widget_set_visible (self->scroller, FALSE);
      gtk_widget_set_sensitive (self->apply_button, FALSE);
      return;
    }

  batch = mh_bulk_plan_get_batch (plan);
  summary = summary_text (plan);
  gtk_label_set_text (self->summary, summary);
  for (guint i = 0; i < mh_batch_get_n_records (batch); i++)
    {
      MhBatchOutcome outcome = mh_batch_get_outcome (batch, i);

      if (outcome != MH_BATCH_CHANGE && outcome != MH_BATCH_REFUSED)
        continue;
      if (self->rows->len == MAX_ROWS)
        {
          more++;
          continue;
        }
      g_array_append_val (self->rows, i);
      gtk_list_box_append (self->list, change_row_new (batch, i));
    }
  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (_("… and %u more"), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
  gtk_widget_set_visible (self->scroller, self->rows->len > 0);
  gtk_widget_set_sensitive (self->apply_button,
                            self->history != NULL && mh_bulk_plan_get_n_changes (plan) > 0);
}

void
mh_bulk_preview_set_planner (MhBulkPreview *self,
                             MhBulkPlanner  planner,
                             gpointer       owner)
{
  g_return_if_fail (MH_IS_BULK_PREVIEW (self));

  self->planner = planner;
  self->owner = owner;
}

void
mh_bulk_preview_update (MhBulkPreview *self)
{
  const char *hint = NULL;
  MhBulkPlan *plan;

  g_return_if_fail (MH_IS_BULK_PREVIEW (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->planner == NULL)
    return;
  plan = self->planner (self->owner, &hint);
  mh_bulk_preview_set_plan (self, plan, hint);
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  MhBulkPreview *self = user_data;

  self->update_id = 0;
  mh_bulk_preview_update (self);
  return G_SOURCE_REMOVE;
}

void
mh_bulk_preview_queue_update (MhBulkPreview *self)
{
  g_return_if_fail (MH_IS_BULK_PREVIEW (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
}

gboolean
mh_bulk_preview_apply (MhBulkPreview *self)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_return_val_if_fail (MH_IS_BULK_PREVIEW (self), FALSE);

  if (self->plan == NULL || self->history == NULL || mh_bulk_plan_get_n_changes (self->plan) == 0)
    return FALSE;
  if (!mh_bulk_plan_apply (self->plan, self->history, &n_changed, &error))
    {
      /* Inline, as the preview is: the curator reads it beside what it is about. */
      g_autofree char *text = g_strdup_printf (_("Nothing was changed: %s"), error->message);

      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  g_signal_emit (self, signals[APPLIED], 0, n_changed);
  return TRUE;
}

static void
apply_clicked_cb (MhBulkPreview *self)
{
  mh_bulk_preview_apply (self);
}

void
mh_bulk_preview_set_history (MhBulkPreview *self,
                             MhHistory     *history)
{
  g_return_if_fail (MH_IS_BULK_PREVIEW (self));

  self->history = history;
  gtk_widget_set_sensitive (self->apply_button,
                            history != NULL && self->plan != NULL
                            && mh_bulk_plan_get_n_changes (self->plan) > 0);
}

GtkWidget *
mh_bulk_preview_get_apply_button (MhBulkPreview *self)
{
  g_return_val_if_fail (MH_IS_BULK_PREVIEW (self), NULL);
  return self->apply_button;
}

GtkListBox *
mh_bulk_preview_get_list (MhBulkPreview *self)
{
  g_return_val_if_fail (MH_IS_BULK_PREVIEW (self), NULL);
  return self->list;
}

const char *
mh_bulk_preview_get_summary (MhBulkPreview *self)
{
  g_return_val_if_fail (MH_IS_BULK_PREVIEW (self), NULL);
  return gtk_label_get_text (self->summary);
}

char *
mh_bulk_preview_dup_diff_text (MhBulkPreview *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (MH_IS_BULK_PREVIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GtkWidget *
mh_bulk_preview_new (void)
{
  return g_object_new (MH_TYPE_BULK_PREVIEW, NULL);
}

static void
mh_bulk_preview_dispose (GObject *object)
{
  MhBulkPreview *self = MH_BULK_PREVIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_pointer (&self->plan, mh_bulk_plan_free);
  g_clear_pointer (&self->rows, g_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mh_bulk_preview_parent_class)->dispose (object);
}

static void
mh_bulk_preview_class_init (MhBulkPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_bulk_preview_dispose;

  /**
   * MhBulkPreview::applied:
   * @n_changed: how many records the step changed
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-bulk-preview");
}

static void
mh_bulk_preview_init (MhBulkPreview *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkTextBuffer *buffer;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_wrap_mode (self->summary, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->summary, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->summary), GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Records the change touches"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), 60);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_widget_add_css_class (self->scroller, "mh-textview-frame");
  gtk_widget_set_visible (self->scroller, FALSE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->diff_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->diff_view, FALSE);
  gtk_text_view_set_cursor_visible (self->diff_view, FALSE);
  gtk_text_view_set_monospace (self->diff_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->diff_view), "mh-diff-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->diff_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes of the chosen record"), -1);
  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (buffer, "added", "foreground", "#26a269",
                              "paragraph-background", "rgba(38,162,105,0.12)", NULL);
  gtk_text_buffer_create_tag (buffer, "removed", "foreground", "#c01c28",
                              "paragraph-background", "rgba(192,28,40,0.10)", NULL);
  gtk_text_buffer_create_tag (buffer, "hunk", "foreground", "#1c71d8",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  self->diff_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->diff_scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->diff_scroller),
                                 GTK_WIDGET (self->diff_view));
  gtk_widget_add_css_class (self->diff_scroller, "mh-textview-frame");
  gtk_widget_set_visible (self->diff_scroller, FALSE);
  gtk_widget_set_parent (self->diff_scroller, GTK_WIDGET (self));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "mh-problem-error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->error_label), GTK_WIDGET (self));

  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_set_halign (self->apply_button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (self->apply_button, 6);
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_widget_set_parent (self->apply_button, GTK_WIDGET (self));
}
