/* mh-record-form.c: the selected record's form: building, refreshing, body and pending changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mh-diff.h"
#include "mh-extra-field.h"
#include "mh-image.h"
#include "mh-record-form-private.h"
#include "mh-related.h"
#include "mh-schema.h"

G_DEFINE_FINAL_TYPE (MhRecordForm, mh_record_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_COLLECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mh_record_form_queue_refresh (MhRecordForm *self);

static void
binding_free (Binding *b)
{
  g_clear_handle_id (&b->write_id, g_source_remove);
  g_clear_object (&b->extra);
  g_free (b->local_error);
  g_free (b->path);
  g_free (b);
}

/* ------------------------------------------------------------------------------------------ */
/* Body and changes */

static void
mh_record_form_update_body (MhRecordForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  gsize len = 0;
  const char *body = mh_article_get_body (self->article, &len);
  g_autofree char *valid = body != NULL ? g_utf8_make_valid (body, len) : g_strdup ("");

  gtk_text_buffer_set_text (buffer, valid, -1);
}

static void
mh_record_form_update_diff (MhRecordForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  GBytes *loaded = mh_article_get_loaded_bytes (self->article);
  GBytes *current = mh_article_get_bytes (self->article);
  g_autoptr(GPtrArray) lines = NULL;
  GtkWidget *changes_page = gtk_stack_get_child_by_name (self->view_stack, "changes");
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);
  /* A dot on the Changes tab says there is something to look at before saving. */
  gtk_stack_page_set_needs_attention (gtk_stack_get_page (self->view_stack, changes_page),
                                      loaded != NULL && current != NULL
                                      && !g_bytes_equal (loaded, current));
  if (loaded == NULL || current == NULL || g_bytes_equal (loaded, current))
    {
      gtk_label_set_text (self->changes_label, _("No unsaved changes."));
      return;
    }

  lines = mh_diff_lines (g_bytes_get_data (loaded, NULL), g_bytes_get_size (loaded),
                         g_bytes_get_data (current, NULL), g_bytes_get_size (current), 3);
  {
    guint added = 0;
    guint removed = 0;
    g_autofree char *summary = NULL;

    for (guint i = 0; i < lines->len; i++)
      {
        const MhDiffLine *line = g_ptr_array_index (lines, i);

        added += line->kind == MH_DIFF_ADDED;
        removed += line->kind == MH_DIFF_REMOVED;
      }
    /* Translators: the Changes view: "2 lines added, 1 removed, not saved yet" */
    summary = g_strdup_printf (_("%u lines added, %u removed, not saved yet."), added, removed);
    gtk_label_set_text (self->changes_label, summary);
  }

  for (guint i = 0; i < lines->len; i++)
    {
      const MhDiffLine *line = g_ptr_array_index (lines, i);
      static const char *prefix[] = { " ", "-", "+", "" };
      static const char *tags[] = { NULL, "removed", "added", "hunk" };
      g_autofree char *text = g_strconcat (prefix[line->kind], line->text, "\n", NULL);

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (tags[line->kind] != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tags[line->kind], NULL);
      else
        gtk_text_buffer_insert (buffer, &end, text, -1);
    }
}

static void
view_changed_cb (MhRecordForm *self)
{
  if (self->article != NULL)
    mh_record_form_refresh (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Refresh */

static gboolean
problem_has_field (MhRecordForm    *self,
                   const MhProblem *problem)
{
  if (problem->path == NULL)
    return FALSE;
  if (mh_path_text_is_under (problem->path, "topics"))
    return TRUE;
  for (guint i = 0; i < self->bindings->len; i++)
    if (mh_path_text_is_under (problem->path,
                               ((Binding *) g_ptr_array_index (self->bindings, i))->path))
      return TRUE;
  for (guint i = 0; i < self->list_bindings->len; i++)
    if (mh_path_text_is_under (problem->path,
                               ((Binding *) g_ptr_array_index (self->list_bindings, i))->path))
      return TRUE;
  return FALSE;
}

/* Problems of the whole record (a duplicate URL in the collection, a wrong type on a list) have
 * no field to sit under: they are listed at the top, with an edit that could not apply. */
static void
mh_record_form_update_notes (MhRecordForm *self)
{
  GPtrArray *problems = mh_article_get_problems (self->article);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean error = self->edit_error != NULL;

  if (self->edit_error != NULL)
    g_string_append (text, self->edit_error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MhProblem *problem = g_ptr_array_index (problems, i);

      if (problem_has_field (self, problem))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (problem->path != NULL)
        g_string_append_printf (text, "%s: %s", problem->path, problem->message);
      else
        g_string_append (text, problem->message);
      /* The line is what a curator looks for in another editor. */
      if (problem->offset != G_MAXSIZE && mh_article_get_document (self->article) != NULL)
        {
          guint line = 0;
          guint column = 0;

          mh_document_get_position (mh_article_get_document (self->article), problem->offset,
                                    &line, &column);
          /* Translators: after a problem's message: " (line 12)" */
          g_string_append_printf (text, _(" (line %u)"), line);
        }
      error |= problem->severity == MH_SEVERITY_ERROR;
    }

  gtk_label_set_text (GTK_LABEL (self->notes_label), text->str);
  gtk_widget_set_visible (self->notes_label, text->len > 0);
  gtk_widget_remove_css_class (self->notes_label,
                               error ? "mh-problem-warning" : "mh-problem-error");
  gtk_widget_add_css_class (self->notes_label, error ? "mh-problem-error" : "mh-problem-warning");
}

static void
edit_failed_cb (MhRecordForm *self,
                const GError *error,
                MhArticle    *article)
{
  g_free (self->edit_error);
  /* Translators: shown at the top of the form when a change could not be made */
  self->edit_error = g_strdup_printf (_("Not changed: %s"), error->message);
  if (self->article != NULL)
    mh_record_form_update_notes (self);
}

/**
 * mh_record_form_flush:
 *
 * Writes what the user typed and the form has not written yet (before saving, undoing,
 * closing or switching records).
 */
void
mh_record_form_flush (MhRecordForm *self)
{
  g_return_if_fail (MH_IS_RECORD_FORM (self));

  for (guint i = 0; i < self->bindings->len; i++)
    _mh_record_form_binding_flush (g_ptr_array_index (self->bindings, i));
  for (guint i = 0; i < self->list_bindings->len; i++)
    _mh_record_form_binding_flush (g_ptr_array_index (self->list_bindings, i));
}

void
mh_record_form_refresh (MhRecordForm *self)
{
  const char *reason;
  const char *page;

  g_return_if_fail (MH_IS_RECORD_FORM (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->article == NULL)
    return;

  reason = mh_article_get_readonly_reason (self->article);
  gtk_widget_set_visible (self->banner, reason != NULL);
  if (reason != NULL)
    {
      guint line = mh_article_get_readonly_line (self->article);
      g_autofree char *text = line > 0
        /* Translators: a banner above a read-only record's form */
        ? g_strdup_printf (_("This record is read-only: %s (line %u). Masthead never rewrites "
                             "what it cannot edit safely."), reason, line)
        : g_strdup_printf (_("This record is read-only: %s. Masthead never rewrites what it "
                             "cannot edit safely."), reason);

      gtk_label_set_text (self->banner_label, text);
    }
  gtk_widget_set_sensitive (self->editable_box, reason == NULL);
  gtk_label_set_text (self->file_label, mh_article_get_display_name (self->article));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label),
                               mh_article_get_display_name (self->article));

  self->updating = TRUE;
  for (guint i = 0; i < self->bindings->len; i++)
    _mh_record_form_binding_refresh (g_ptr_array_index (self->bindings, i));
  for (guint i = 0; i < self->list_bindings->len; i++)
    _mh_record_form_binding_refresh (g_ptr_array_index (self->list_bindings, i));
  _mh_record_form_topics_refresh (self);
  mh_record_form_update_notes (self);
  self->updating = FALSE;

  page = gtk_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (page, "body") == 0)
    mh_record_form_update_body (self);
  mh_record_form_update_diff (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  MhRecordForm *self = user_data;

  self->refresh_id = 0;
  mh_record_form_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
mh_record_form_queue_refresh (MhRecordForm *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, refresh_idle_cb, self, NULL);
}

static void
article_changed_cb (MhRecordForm *self,
                    MhArticle    *article)
{
  if (article == self->article)
    {
      /* A change went through: an earlier refusal is no longer news. */
      g_clear_pointer (&self->edit_error, g_free);
      mh_record_form_queue_refresh (self);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Construction */

static void
mh_record_form_build (MhRecordForm *self)
{
  GtkWidget *box = self->editable_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid;
  GtkWidget *topics_box;
  GtkWidget *label;
  GtkEventController *focus;
  Binding *b;

  gtk_box_append (GTK_BOX (self->fields_box), box);

  self->notes_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->notes_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->notes_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->notes_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->notes_label), TRUE);
  gtk_widget_set_visible (self->notes_label, FALSE);
  gtk_widget_set_margin_bottom (self->notes_label, 6);
  gtk_box_append (GTK_BOX (box), self->notes_label);

  _mh_record_form_section_heading_new (box, _("Basics"));
  grid = _mh_record_form_grid_new (box);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_ENTRY, "title", _("_Title"), NULL);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_TEXT, "excerpt", _("_Excerpt"), NULL);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_DATETIME, "publishedDateTime", _("_Date"), NULL);

  _mh_record_form_section_heading_new (box, _("Links"));
  grid = _mh_record_form_grid_new (box);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_URL, "webUrl", _("_Web URL"), NULL);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_URL, "originalUrl", _("_Original URL"), NULL);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_URL, "ampWebUrl", _("_AMP URL"), NULL);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_URL, "cdnAmpWebUrl", _("C_DN AMP URL"), NULL);

  _mh_record_form_section_heading_new (box, _("Classification"));
  grid = _mh_record_form_grid_new (box);
  b = _mh_record_form_add_field (self, self->bindings, grid, KIND_ENTRY, "category", _("Cate_gory"), NULL);
  _mh_record_form_add_completion (self, b->widget, self->category_completions, MH_FACET_CATEGORY);
  b = _mh_record_form_add_field (self, self->bindings, grid, KIND_ENTRY, "type", _("T_ype"), NULL);
  _mh_record_form_add_completion (self, b->widget, self->type_completions, MH_FACET_TYPE);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_INT, "quality", _("_Quality"), NULL);
  b = _mh_record_form_add_field (self, self->bindings, grid, KIND_INT, "heat", _("_Heat"), NULL);
  gtk_widget_set_tooltip_text (b->widget, _("−1 means unknown"));
  _mh_record_form_add_field (self, self->bindings, grid, KIND_BOOL, "published", _("_Published"), NULL);

  /* Topics: chips, then an entry that adds one. */
  label = gtk_label_new_with_mnemonic (_("To_pics"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "mh-field-label");
  gtk_size_group_add_widget (self->label_group, label);
  topics_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->topics_flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->topics_flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->topics_flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->topics_flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->topics_flow), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->topics_flow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Topics"), -1);
  self->topic_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->topic_entry), _("Add a topic…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->topic_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a topic"), -1);
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->topic_entry), GTK_ENTRY_ICON_SECONDARY,
                                     "list-add-symbolic");
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (self->topic_entry), GTK_ENTRY_ICON_SECONDARY,
                                   _("Add Topic"));
  g_signal_connect (self->topic_entry, "activate", G_CALLBACK (_mh_record_form_topic_entry_activate_cb), self);
  g_signal_connect_swapped (self->topic_entry, "icon-release",
                            G_CALLBACK (_mh_record_form_topic_entry_activate_cb), self);
  _mh_record_form_add_completion (self, self->topic_entry, self->topic_completions, MH_FACET_TOPIC);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->topic_entry);
  self->topics_problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->topics_problem), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->topics_problem), TRUE);
  gtk_widget_add_css_class (self->topics_problem, "mh-problem-warning");
  gtk_box_append (GTK_BOX (topics_box), self->topics_flow);
  gtk_box_append (GTK_BOX (topics_box), self->topic_entry);
  gtk_box_append (GTK_BOX (topics_box), self->topics_problem);
  gtk_grid_attach (GTK_GRID (grid), label, 0, _mh_record_form_grid_next_row (grid), 1, 1);
  gtk_grid_attach (GTK_GRID (grid), topics_box, 1, _mh_record_form_grid_next_row (grid), 1, 1);
  _mh_record_form_grid_take_rows (grid, 1);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (_mh_record_form_focus_leave_cb), self);
  gtk_widget_add_controller (self->topic_entry, focus);

  _mh_record_form_section_heading_new (box, _("Provider"));
  grid = _mh_record_form_grid_new (box);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_ENTRY, "provider.name", _("_Name"), NULL);
  _mh_record_form_add_field (self, self->bindings, grid, KIND_ENTRY, "provider.domain", _("Do_main"), NULL);

  _mh_record_form_section_heading_new (box, _("Images"));
  self->images_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->images_box);
  gtk_box_append (GTK_BOX (box), _mh_record_form_add_button_new (self, _("Add _Image"), "images",
                                                                 G_CALLBACK (_mh_record_form_add_image_cb)));

  _mh_record_form_section_heading_new (box, _("Related Records"));
  self->related_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->related_box);
  gtk_box_append (GTK_BOX (box), _mh_record_form_add_button_new (self, _("Add _Related Record"), "related",
                                                                 G_CALLBACK (_mh_record_form_add_related_cb)));

  self->extra_heading = _mh_record_form_section_heading_new (box, _("Other Fields"));
  self->extra_grid = _mh_record_form_grid_new (box);
  self->secured_title = gtk_label_new (_("secured"));
  gtk_label_set_xalign (GTK_LABEL (self->secured_title), 0.0);
  gtk_widget_add_css_class (self->secured_title, "mh-field-label");
  gtk_size_group_add_widget (self->label_group, self->secured_title);
  self->secured_label = gtk_label_new (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->secured_label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (self->secured_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (self->secured_label), 0.0);
  gtk_widget_set_hexpand (self->secured_label, TRUE);
  gtk_widget_add_css_class (self->secured_label, "monospace");
  gtk_widget_add_css_class (self->secured_label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->secured_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("secured (read-only)"), -1);
  gtk_grid_attach (GTK_GRID (self->extra_grid), self->secured_title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->extra_grid), self->secured_label, 1, 0, 1, 1);
  label = gtk_label_new (_("Kept as it is: never edited."));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  g_object_bind_property (self->secured_label, "visible", label, "visible", G_BINDING_SYNC_CREATE);
  gtk_grid_attach (GTK_GRID (self->extra_grid), label, 1, 1, 1, 1);
  _mh_record_form_grid_take_rows (self->extra_grid, 2);
}

void
mh_record_form_set_collection (MhRecordForm *self,
                               MhCollection *collection)
{
  g_return_if_fail (MH_IS_RECORD_FORM (self));

  if (self->collection == collection)
    return;
  mh_record_form_set_article (self, NULL);
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_set_object (&self->collection, collection);
  if (collection != NULL)
    g_signal_connect_object (collection, "article-changed", G_CALLBACK (article_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTION]);
}

MhArticle *
mh_record_form_get_article (MhRecordForm *self)
{
  g_return_val_if_fail (MH_IS_RECORD_FORM (self), NULL);

  return self->article;
}

void
mh_record_form_set_article (MhRecordForm *self,
                            MhArticle    *article)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_RECORD_FORM (self));
  g_return_if_fail (article == NULL || MH_IS_ARTICLE (article));

  if (self->article == article)
    return;

  mh_record_form_flush (self);
  if (self->collection != NULL)
    mh_history_break_merge (mh_collection_get_history (self->collection));
  if (self->article != NULL)
    mh_article_release (self->article);
  g_clear_pointer (&self->edit_error, g_free);
  g_set_object (&self->article, article);
  g_signal_group_set_target (self->article_signals, article);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
  g_clear_pointer (&self->shown_topics, g_strfreev);
  for (guint i = 0; i < self->bindings->len; i++)
    g_clear_pointer (&((Binding *) g_ptr_array_index (self->bindings, i))->local_error, g_free);

  if (article == NULL)
    {
      _mh_record_form_unwatch_lists (self);
      g_clear_handle_id (&self->lists_id, g_source_remove);
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  mh_article_hold (article, &error);
  gtk_stack_set_visible_child_name (self->stack, "record");
  g_clear_handle_id (&self->lists_id, g_source_remove);
  _mh_record_form_build_lists (self);
  mh_record_form_refresh (self);
  mh_record_form_update_body (self);
  if (error != NULL)
    {
      gtk_label_set_text (self->banner_label, error->message);
      gtk_widget_set_visible (self->banner, TRUE);
      gtk_widget_set_sensitive (self->editable_box, FALSE);
    }
}

void
mh_record_form_focus_first (MhRecordForm *self)
{
  g_return_if_fail (MH_IS_RECORD_FORM (self));

  if (self->article != NULL && self->bindings->len > 0)
    {
      gtk_stack_set_visible_child_name (self->view_stack, "fields");
      gtk_widget_grab_focus (((Binding *) g_ptr_array_index (self->bindings, 0))->widget);
    }
}

GtkWidget *
mh_record_form_get_field (MhRecordForm *self,
                          const char   *path)
{
  g_return_val_if_fail (MH_IS_RECORD_FORM (self), NULL);

  for (guint i = 0; i < self->bindings->len; i++)
    if (g_str_equal (((Binding *) g_ptr_array_index (self->bindings, i))->path, path))
      return ((Binding *) g_ptr_array_index (self->bindings, i))->widget;
  for (guint i = 0; i < self->list_bindings->len; i++)
    if (g_str_equal (((Binding *) g_ptr_array_index (self->list_bindings, i))->path, path))
      return ((Binding *) g_ptr_array_index (self->list_bindings, i))->widget;
  return NULL;
}

void
mh_record_form_show_view (MhRecordForm *self,
                          const char   *view)
{
  g_return_if_fail (MH_IS_RECORD_FORM (self));

  gtk_stack_set_visible_child_name (self->view_stack, view);
}

GtkWidget *
mh_record_form_get_topic_entry (MhRecordForm *self)
{
  g_return_val_if_fail (MH_IS_RECORD_FORM (self), NULL);

  return self->topic_entry;
}

GtkWidget *
mh_record_form_get_topic_remove (MhRecordForm *self,
                                 const char   *topic)
{
  g_return_val_if_fail (MH_IS_RECORD_FORM (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->topics_flow); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *remove = gtk_widget_get_last_child (chip);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (remove), "mh-topic"), topic) == 0)
        return remove;
    }
  return NULL;
}

char *
mh_record_form_dup_diff_text (MhRecordForm *self)
{
  g_return_val_if_fail (MH_IS_RECORD_FORM (self), NULL);

  return _mh_record_form_text_view_dup_text (self->diff_view);
}

static void
mh_record_form_dispose (GObject *object)
{
  MhRecordForm *self = MH_RECORD_FORM (object);

  if (self->article_signals != NULL)
    g_signal_group_set_target (self->article_signals, NULL);
  if (self->article != NULL)
    mh_article_release (self->article);
  g_clear_object (&self->article);
  g_clear_object (&self->article_signals);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->lists_id, g_source_remove);
  if (self->list_connections != NULL)
    _mh_record_form_unwatch_lists (self);
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_clear_object (&self->collection);

  gtk_widget_dispose_template (GTK_WIDGET (self), MH_TYPE_RECORD_FORM);

  G_OBJECT_CLASS (mh_record_form_parent_class)->dispose (object);
}

static void
mh_record_form_finalize (GObject *object)
{
  MhRecordForm *self = MH_RECORD_FORM (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->list_bindings, g_ptr_array_unref);
  g_clear_pointer (&self->list_connections, g_array_unref);
  g_clear_pointer (&self->shown_topics, g_strfreev);
  g_clear_pointer (&self->edit_error, g_free);
  g_clear_object (&self->topic_completions);
  g_clear_object (&self->category_completions);
  g_clear_object (&self->type_completions);
  g_clear_object (&self->label_group);

  G_OBJECT_CLASS (mh_record_form_parent_class)->finalize (object);
}

static void
mh_record_form_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MhRecordForm *self = MH_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, mh_record_form_get_article (self));
      break;

    case PROP_COLLECTION:
      g_value_set_object (value, self->collection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_record_form_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MhRecordForm *self = MH_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      mh_record_form_set_article (self, g_value_get_object (value));
      break;

    case PROP_COLLECTION:
      mh_record_form_set_collection (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_record_form_class_init (MhRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_record_form_dispose;
  object_class->finalize = mh_record_form_finalize;
  object_class->get_property = mh_record_form_get_property;
  object_class->set_property = mh_record_form_set_property;

  /**
   * MhRecordForm:article:
   *
   * The record the form shows and edits, or %NULL for the "Select a Record" state.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, MH_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MhRecordForm:collection:
   *
   * The collection the article belongs to: completions, undo steps and change signals.
   */
  properties[PROP_COLLECTION] =
    g_param_spec_object ("collection", NULL, NULL, MH_TYPE_COLLECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/masthead/Masthead/mh-record-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, stack);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, banner);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, file_label);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, fields_box);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, body_view);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, diff_view);
  gtk_widget_class_bind_template_child (widget_class, MhRecordForm, changes_label);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
}

static void
mh_record_form_init (MhRecordForm *self)
{
  GtkTextBuffer *diff;

  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);
  self->list_bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);
  self->list_connections = g_array_new (FALSE, FALSE, sizeof (Connection));
  self->topic_completions = gtk_list_store_new (1, G_TYPE_STRING);
  self->category_completions = gtk_list_store_new (1, G_TYPE_STRING);
  self->type_completions = gtk_list_store_new (1, G_TYPE_STRING);
  self->label_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->article_signals = g_signal_group_new (MH_TYPE_ARTICLE);
  g_signal_group_connect_swapped (self->article_signals, "edit-failed",
                                  G_CALLBACK (edit_failed_cb), self);

  gtk_widget_init_template (GTK_WIDGET (self));

  diff = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (diff, "added", "foreground", "#26a269",
                              "paragraph-background", "rgba(38,162,105,0.12)", NULL);
  gtk_text_buffer_create_tag (diff, "removed", "foreground", "#c01c28",
                              "paragraph-background", "rgba(192,28,40,0.10)", NULL);
  gtk_text_buffer_create_tag (diff, "hunk", "foreground", "#1c71d8", "weight", PANGO_WEIGHT_BOLD,
                              NULL);

  mh_record_form_build (self);
}

GtkWidget *
mh_record_form_new (void)
{
  return g_object_new (MH_TYPE_RECORD_FORM, NULL);
}
