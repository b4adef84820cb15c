/* mh-record-form-field.c: one field of the form: its widget, bound to a key path, read and written
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

/* The schema's range for an integer at @path (`images[0].width`). */
static void
int_range (const char *path,
           double     *lower,
           double     *upper)
{
  g_autoptr(MhPath) parsed = mh_path_parse (path, NULL);
  g_autofree char *schema_path = parsed != NULL ? mh_path_to_schema (parsed) : NULL;
  const MhField *field = schema_path != NULL ? mh_schema_lookup (schema_path) : NULL;

  *lower = G_MININT32;
  *upper = G_MAXINT32;
  if (field != NULL && field->type == MH_FIELD_INT && field->min <= field->max)
    {
      *lower = MAX (field->min, G_MININT32);
      *upper = MIN (field->max, G_MAXINT32);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Reading values into widgets */

char *
_mh_record_form_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
parse_bool (const char *value)
{
  return value != NULL
         && (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0
             || g_ascii_strcasecmp (value, "on") == 0);
}

static void
binding_show_problems (Binding *b)
{
  MhRecordForm *self = b->self;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *readonly = NULL;
  gboolean error = FALSE;

  if (b->local_error != NULL)
    {
      g_string_append (text, b->local_error);
      error = TRUE;
    }
  else if (b->extra == NULL)
    {
      problems = mh_article_dup_problems_for_path (self->article, b->path);
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          const MhProblem *problem = g_ptr_array_index (problems, i);

          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, problem->message);
          error |= problem->severity == MH_SEVERITY_ERROR;
        }
    }

  /* A path behind an alias or a merge is shown but cannot be edited safely. */
  if (mh_article_get_readonly_reason (self->article) == NULL)
    {
      readonly = b->extra != NULL
                 ? mh_extra_field_get_readonly_reason (MH_EXTRA_FIELD (b->extra))
                 : mh_article_get_path_readonly_reason (self->article, b->path);
      if (b->kind != KIND_SOURCE)
        gtk_widget_set_sensitive (b->widget, readonly == NULL);
      if (readonly != NULL)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, readonly);
        }
    }

  gtk_label_set_text (GTK_LABEL (b->problem), text->str);
  gtk_widget_set_visible (b->problem, text->len > 0);
  gtk_widget_remove_css_class (b->problem, "mh-problem-warning");
  gtk_widget_remove_css_class (b->problem, "mh-problem-error");
  gtk_widget_remove_css_class (b->problem, "mh-problem-note");
  /* Why a list cannot be edited as text is a note, not a problem with the record. */
  if (error)
    gtk_widget_add_css_class (b->problem, "mh-problem-error");
  else if (b->kind == KIND_SOURCE && (problems == NULL || problems->len == 0))
    gtk_widget_add_css_class (b->problem, "mh-problem-note");
  else
    gtk_widget_add_css_class (b->problem, "mh-problem-warning");
  if (error)
    gtk_widget_add_css_class (b->widget, "error");
  else
    gtk_widget_remove_css_class (b->widget, "error");
}

void
_mh_record_form_binding_refresh (Binding *b)
{
  MhRecordForm *self = b->self;
  const char *value;

  /* The widget holds newer text than the article: it is about to be written. */
  if (b->write_id != 0)
    return;

  if (b->extra != NULL)
    value = mh_extra_field_get_text (MH_EXTRA_FIELD (b->extra));
  else
    value = mh_article_get_value (self->article, b->path);

  switch (b->kind)
    {
    case KIND_ENTRY:
    case KIND_URL:
    case KIND_DATETIME:
    case KIND_EXTRA:
      /* Leave a refused date the user is still fixing where it is. */
      if (b->local_error == NULL
          && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (b->widget)), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (b->widget), value ? value : "");
      if (b->open != NULL)
        gtk_widget_set_sensitive (b->open, value != NULL && value[0] != '\0');
      break;

    case KIND_TEXT:
      {
        g_autofree char *shown = _mh_record_form_text_view_dup_text (GTK_TEXT_VIEW (b->widget));

        if (g_strcmp0 (shown, value ? value : "") != 0)
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->widget)),
                                    value ? value : "", -1);
      }
      break;

    case KIND_INT:
      {
        double number = value != NULL ? g_ascii_strtod (value, NULL) : 0;
        double lower, upper;

        /* The range stretches to show what the file holds (quality 140 shows
         * 140, with its problem under it), never a clamped value. */
        int_range (b->path, &lower, &upper);
        gtk_spin_button_set_range (GTK_SPIN_BUTTON (b->widget), MIN (lower, number),
                                   MAX (upper, number));
        if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (b->widget)) != number)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (b->widget), number);
      }
      break;

    case KIND_SOURCE:
      gtk_label_set_text (GTK_LABEL (b->widget), value ? value : "");
      break;

    case KIND_BOOL:
      if (gtk_switch_get_active (GTK_SWITCH (b->widget)) != parse_bool (value))
        gtk_switch_set_active (GTK_SWITCH (b->widget), parse_bool (value));
      break;

    default:
      g_assert_not_reached ();
    }

  binding_show_problems (b);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing widgets into the article */

static void
binding_write (Binding    *b,
               const char *text)
{
  MhRecordForm *self = b->self;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->article == NULL)
    return;

  if (b->kind == KIND_DATETIME && text[0] != '\0')
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, utc);

      g_clear_pointer (&b->local_error, g_free);
      if (parsed == NULL)
        {
          /* Not written: the file keeps its last valid date until this one parses. */
          b->local_error = g_strdup (_("Not an ISO 8601 date-time, like 2021-04-09T12:58:00Z"));
          binding_show_problems (b);
          return;
        }
    }
  else
    g_clear_pointer (&b->local_error, g_free);

  if (b->kind == KIND_EXTRA)
    {
      mh_extra_field_set_text (MH_EXTRA_FIELD (b->extra), text);
      return;
    }

  if (!mh_article_set_value (self->article, b->path, text, &error))
    {
      b->local_error = g_strdup (error->message);
      binding_show_problems (b);
    }
}

void
_mh_record_form_binding_flush (Binding *b)
{
  g_autofree char *text = NULL;

  if (b->write_id == 0)
    return;
  g_clear_handle_id (&b->write_id, g_source_remove);
  if (b->kind == KIND_TEXT)
    text = _mh_record_form_text_view_dup_text (GTK_TEXT_VIEW (b->widget));
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->widget)));
  binding_write (b, text);
}

static gboolean
write_idle_cb (gpointer data)
{
  Binding *b = data;

  _mh_record_form_binding_flush (b);
  return G_SOURCE_REMOVE;
}

/* Replacing a selection is a delete then an insert: writing the empty text in between would
 * make the engine quote the value (an empty plain scalar cannot stay plain) and keep that
 * style. So text is written once the change is complete, before anything else runs. */
static void
text_changed_cb (Binding *b)
{
  if (b->self->updating || b->self->article == NULL)
    return;
  if (b->write_id == 0)
    b->write_id = g_idle_add_full (G_PRIORITY_HIGH, write_idle_cb, b, NULL);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Binding     *b)
{
  text_changed_cb (b);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   Binding       *b)
{
  text_changed_cb (b);
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 Binding       *b)
{
  char text[32];

  g_snprintf (text, sizeof text, "%d", gtk_spin_button_get_value_as_int (spin));
  binding_write (b, text);
}

static void
switch_changed_cb (GtkSwitch  *widget,
                   GParamSpec *pspec,
                   Binding    *b)
{
  binding_write (b, gtk_switch_get_active (widget) ? "true" : "false");
}

void
_mh_record_form_focus_leave_cb (GtkEventControllerFocus *controller,
                                MhRecordForm            *self)
{
  /* Typing coalesces into one undo step; leaving the field ends it. */
  if (self->collection != NULL)
    mh_history_break_merge (mh_collection_get_history (self->collection));
}

static void
open_link_cb (GtkButton *button,
              Binding   *b)
{
  const char *uri = gtk_editable_get_text (GTK_EDITABLE (b->widget));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (uri[0] != '\0')
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* ------------------------------------------------------------------------------------------ */
/* Building fields */

GtkWidget *
_mh_record_form_section_heading_new (GtkWidget  *box,
                                     const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "mh-form-heading");
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

GtkWidget *
_mh_record_form_grid_new (GtkWidget *box)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (box), grid);
  return grid;
}

int
_mh_record_form_grid_next_row (GtkWidget *grid)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (grid), "mh-rows"));
}

void
_mh_record_form_grid_take_rows (GtkWidget *grid,
                                int        n)
{
  g_object_set_data (G_OBJECT (grid), "mh-rows", GINT_TO_POINTER (_mh_record_form_grid_next_row (grid) + n));
}

/* Adds a labelled field for @path to @grid. */
Binding *
_mh_record_form_add_field (MhRecordForm *self,
                           GPtrArray    *bindings,
                           GtkWidget    *grid,
                           Kind          kind,
                           const char   *path,
                           const char   *label_text,
                           GObject      *extra)
{
  Binding *b = g_new0 (Binding, 1);
  /* Unknown keys are the user's text: an underscore in them is no mnemonic. */
  GtkWidget *label = extra != NULL ? gtk_label_new (label_text)
                                   : gtk_label_new_with_mnemonic (label_text);
  GtkWidget *holder;
  GtkEventController *focus;
  int row = _mh_record_form_grid_next_row (grid);

  b->self = self;
  b->kind = kind;
  b->path = g_strdup (path);
  b->extra = extra != NULL ? g_object_ref (extra) : NULL;

  switch (kind)
    {
    case KIND_ENTRY:
    case KIND_URL:
    case KIND_DATETIME:
    case KIND_EXTRA:
      b->widget = gtk_entry_new ();
      gtk_widget_set_hexpand (b->widget, TRUE);
      if (kind == KIND_DATETIME)
        {
          gtk_entry_set_placeholder_text (GTK_ENTRY (b->widget), "2021-04-09T12:58:00Z");
          gtk_widget_add_css_class (b->widget, "numeric");
        }
      if (kind == KIND_URL)
        {
          gtk_entry_set_input_purpose (GTK_ENTRY (b->widget), GTK_INPUT_PURPOSE_URL);
          gtk_entry_set_placeholder_text (GTK_ENTRY (b->widget), "https://");
        }
      g_signal_connect (b->widget, "changed", G_CALLBACK (entry_changed_cb), b);
      break;

    case KIND_TEXT:
      b->widget = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (b->widget), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (b->widget), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (b->widget), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (b->widget), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (b->widget), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (b->widget), 8);
      gtk_widget_set_hexpand (b->widget, TRUE);
      gtk_widget_add_css_class (b->widget, "mh-excerpt");
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->widget)), "changed",
                        G_CALLBACK (buffer_changed_cb), b);
      break;

    case KIND_INT:
      {
        double lower, upper;

        int_range (path, &lower, &upper);
        b->widget = gtk_spin_button_new_with_range (lower, upper, 1);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (b->widget), TRUE);
        gtk_editable_set_width_chars (GTK_EDITABLE (b->widget), 6);
        gtk_widget_set_halign (b->widget, GTK_ALIGN_START);
        g_signal_connect (b->widget, "value-changed", G_CALLBACK (spin_changed_cb), b);
      }
      break;

    case KIND_SOURCE:
      b->widget = gtk_label_new (NULL);
      gtk_label_set_selectable (GTK_LABEL (b->widget), TRUE);
      gtk_label_set_wrap (GTK_LABEL (b->widget), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (b->widget), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (b->widget), 0.0);
      gtk_widget_set_hexpand (b->widget, TRUE);
      gtk_widget_add_css_class (b->widget, "monospace");
      gtk_widget_add_css_class (b->widget, "mh-source");
      break;

    case KIND_BOOL:
      b->widget = gtk_switch_new ();
      gtk_widget_set_halign (b->widget, GTK_ALIGN_START);
      gtk_widget_set_valign (b->widget, GTK_ALIGN_CENTER);
      g_signal_connect (b->widget, "notify::active", G_CALLBACK (switch_changed_cb), b);
      break;

    default:
      g_assert_not_reached ();
    }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (_mh_record_form_focus_leave_cb), self);
  gtk_widget_add_controller (b->widget, focus);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), b->widget);
  /* Cards are indented: their labels align among themselves, not with the sections'. */
  if (g_object_get_data (G_OBJECT (grid), "mh-card") == NULL)
    gtk_size_group_add_widget (self->label_group, label);
  gtk_widget_add_css_class (label, "mh-field-label");
  gtk_widget_set_valign (label, kind == KIND_TEXT || kind == KIND_SOURCE ? GTK_ALIGN_START
                                                                          : GTK_ALIGN_CENTER);
  if (kind == KIND_TEXT)
    gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  /* The mnemonic label names the widget for assistive technology; say it also for those
   * (spin buttons, switches) that some readers only announce by role. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (b->widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);

  if (kind == KIND_TEXT)
    {
      /* Grows with its text up to a point, then scrolls: an excerpt can be a whole paragraph. */
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 96);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 180);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), b->widget);
      holder = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (holder), scroller);
    }
  else if (kind == KIND_URL)
    {
      g_autofree char *a11y = g_strdup_printf (_("Open %s"),
                                               gtk_label_get_text (GTK_LABEL (label)));

      holder = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      b->open = gtk_button_new_from_icon_name ("send-to-symbolic");
      gtk_widget_set_tooltip_text (b->open, _("Open Link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (b->open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y, -1);
      g_signal_connect (b->open, "clicked", G_CALLBACK (open_link_cb), b);
      gtk_box_append (GTK_BOX (holder), b->widget);
      gtk_box_append (GTK_BOX (holder), b->open);
    }
  else
    holder = b->widget;
  gtk_widget_set_hexpand (holder, TRUE);
  gtk_grid_attach (GTK_GRID (grid), holder, 1, row, 1, 1);

  b->problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (b->problem), 0.0);
  gtk_label_set_wrap (GTK_LABEL (b->problem), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (b->problem), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (b->problem, FALSE);
  gtk_grid_attach (GTK_GRID (grid), b->problem, 1, row + 1, 1, 1);
  _mh_record_form_grid_take_rows (grid, 2);

  g_object_set_data (G_OBJECT (b->widget), "mh-binding", b);
  g_ptr_array_add (bindings, b);
  return b;
}

