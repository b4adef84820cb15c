/* mh-record-form.c: the selected record's form, body preview and pending changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mh-a11y.h"
#include "mh-diff.h"
#include "mh-extra-field.h"
#include "mh-image.h"
#include "mh-record-form.h"
#include "mh-related.h"
#include "mh-schema.h"

typedef enum
{
  KIND_ENTRY,      /* one-line string (and host names) */
  KIND_URL,        /* entry with an open-link button */
  KIND_DATETIME,   /* entry validated as ISO 8601 */
  KIND_TEXT,       /* multi-line text view */
  KIND_INT,        /* spin button */
  KIND_BOOL,       /* switch */
  KIND_EXTRA,      /* an unknown key's text, through MhExtraField */
  KIND_SOURCE,     /* an unknown list or mapping: its YAML source, read-only */
} Kind;

typedef struct
{
  struct _MhRecordForm *self;  /* borrowed */
  Kind                  kind;
  char                 *path;
  GtkWidget            *widget;     /* entry, text view, spin button or switch */
  GtkWidget            *problem;    /* the label under the field */
  GtkWidget            *open;       /* KIND_URL: the open-link button */
  GObject              *extra;      /* KIND_EXTRA: the MhExtraField (owned) */
  char                 *local_error; /* a value the form refused (a bad date), shown until fixed */
  guint                 write_id;    /* a pending write of the widget's text */
} Binding;

typedef struct
{
  GObject *instance;  /* owned */
  gulong   handler;
} Connection;

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

struct _MhRecordForm
{
  GtkWidget     parent_instance;

  MhCollection *collection;
  MhArticle    *article;
  GSignalGroup *article_signals;   /* follows the shown article */
  GPtrArray    *bindings;          /* Binding: the fixed fields */
  GPtrArray    *list_bindings;     /* Binding: images, related, other fields */
  GArray       *list_connections;  /* Connection: items-changed of the shown lists */
  GStrv         shown_topics;
  GtkListStore *topic_completions;
  GtkListStore *category_completions;
  GtkListStore *type_completions;
  GtkSizeGroup *label_group;       /* aligns the label column across sections */

  /* Template children */
  GtkStack     *stack;
  GtkWidget    *banner;
  GtkLabel     *banner_label;
  GtkLabel     *file_label;
  GtkStack     *view_stack;
  GtkWidget    *fields_box;
  GtkTextView  *body_view;
  GtkTextView  *diff_view;
  GtkLabel     *changes_label;

  /* Built in code */
  GtkWidget    *editable_box;      /* everything editable: insensitive for read-only records */
  GtkWidget    *notes_label;       /* problems no field shows, and edits that failed */
  char         *edit_error;
  GtkWidget    *topics_flow;
  GtkWidget    *topic_entry;
  GtkWidget    *topics_problem;
  GtkWidget    *images_box;
  GtkWidget    *related_box;
  GtkWidget    *extra_grid;
  GtkWidget    *extra_heading;
  GtkWidget    *secured_label;
  GtkWidget    *secured_title;

  guint         refresh_id;
  guint         lists_id;
  guint         updating : 1;
};

G_DEFINE_FINAL_TYPE (MhRecordForm, mh_record_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_COLLECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mh_record_form_queue_refresh (MhRecordForm *self);
static void mh_record_form_queue_lists   (MhRecordForm *self);

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
/* Reading values into widgets */

static char *
text_view_dup_text (GtkTextView *view)
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

static void
binding_refresh (Binding *b)
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
        g_autofree char *shown = text_view_dup_text (GTK_TEXT_VIEW (b->widget));

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

static void
binding_flush (Binding *b)
{
  g_autofree char *text = NULL;

  if (b->write_id == 0)
    return;
  g_clear_handle_id (&b->write_id, g_source_remove);
  if (b->kind == KIND_TEXT)
    text = text_view_dup_text (GTK_TEXT_VIEW (b->widget));
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->widget)));
  binding_write (b, text);
}

static gboolean
write_idle_cb (gpointer data)
{
  Binding *b = data;

  binding_flush (b);
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

static void
focus_leave_cb (GtkEventControllerFocus *controller,
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

static GtkWidget *
section_heading_new (GtkWidget  *box,
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

static GtkWidget *
grid_new (GtkWidget *box)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (box), grid);
  return grid;
}

static int
grid_next_row (GtkWidget *grid)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (grid), "mh-rows"));
}

static void
grid_take_rows (GtkWidget *grid,
                int        n)
{
  g_object_set_data (G_OBJECT (grid), "mh-rows", GINT_TO_POINTER (grid_next_row (grid) + n));
}

/* Adds a labelled field for @path to @grid. */
static Binding *
add_field (MhRecordForm *self,
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
  int row = grid_next_row (grid);

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
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
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
  /* The mnemonic label names the widget (labelled-by) for assistive technology; a label
   * property as well would make GTK say the name twice. */

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
  grid_take_rows (grid, 2);

  g_object_set_data (G_OBJECT (b->widget), "mh-binding", b);
  g_ptr_array_add (bindings, b);
  return b;
}

/* ------------------------------------------------------------------------------------------ */
/* Topics */

static void
topic_remove_cb (GtkButton    *button,
                 MhRecordForm *self)
{
  const char *topic = g_object_get_data (G_OBJECT (button), "mh-topic");

  if (self->article != NULL && topic != NULL)
    mh_article_remove_topic (self->article, topic);
}

static void
topic_entry_activate_cb (GtkEntry     *entry,
                         MhRecordForm *self)
{
  g_autofree char *topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (self->article == NULL || topic[0] == '\0')
    return;
  mh_article_add_topic (self->article, topic);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
topics_refresh (MhRecordForm *self)
{
  const char * const *topics = mh_article_get_topics (self->article);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *child;

  if (self->shown_topics == NULL || !g_strv_equal ((const char * const *) self->shown_topics,
                                                   topics))
    {
      while ((child = gtk_widget_get_first_child (self->topics_flow)) != NULL)
        gtk_flow_box_remove (GTK_FLOW_BOX (self->topics_flow), child);

      for (guint i = 0; topics[i] != NULL; i++)
        {
          GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
          GtkWidget *label = gtk_label_new (topics[i]);
          GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
          g_autofree char *a11y = g_strdup_printf (_("Remove topic “%s”"), topics[i]);

          gtk_widget_add_css_class (chip, "mh-chip");
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_add_css_class (remove, "circular");
          gtk_widget_set_tooltip_text (remove, a11y);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          a11y, -1);
          g_object_set_data_full (G_OBJECT (remove), "mh-topic", g_strdup (topics[i]), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (topic_remove_cb), self);
          gtk_box_append (GTK_BOX (chip), label);
          gtk_box_append (GTK_BOX (chip), remove);
          gtk_flow_box_append (GTK_FLOW_BOX (self->topics_flow), chip);
          /* The chip's flow box child is only a container: focus goes to its button. */
          gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
        }
      g_strfreev (self->shown_topics);
      self->shown_topics = g_strdupv ((char **) topics);
    }
  gtk_widget_set_visible (self->topics_flow, topics[0] != NULL);

  problems = mh_article_dup_problems_for_path (self->article, "topics");
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MhProblem *problem = g_ptr_array_index (problems, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
  gtk_label_set_text (GTK_LABEL (self->topics_problem), text->str);
  gtk_widget_set_visible (self->topics_problem, text->len > 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_completions (GtkListStore *store,
                  MhCollection *collection,
                  MhFacet       facet)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  gtk_list_store_clear (store);
  if (collection == NULL)
    return;
  counts = mh_collection_count_facets (collection, facet, NULL);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (((const char *) key)[0] != '\0')
      g_ptr_array_add (values, key);
  g_ptr_array_sort (values, compare_strings);
  for (guint i = 0; i < values->len; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, g_ptr_array_index (values, i), -1);
}

static void
completion_focus_enter_cb (GtkEventControllerFocus *controller,
                           MhRecordForm            *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkListStore *store = g_object_get_data (G_OBJECT (entry), "mh-completion-store");
  MhFacet facet = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "mh-completion-facet"));

  /* Filled when needed: the values change as the curator edits, and counting is a pass over
   * the whole collection. */
  fill_completions (store, self->collection, facet);
}

static void
add_completion (MhRecordForm *self,
                GtkWidget    *entry,
                GtkListStore *store,
                MhFacet       facet)
{
  GtkEntryCompletion *completion = gtk_entry_completion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_completion_set_popup_completion (completion, TRUE);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (GTK_ENTRY (entry), completion);
  g_object_unref (completion);

  g_object_set_data (G_OBJECT (entry), "mh-completion-store", store);
  g_object_set_data (G_OBJECT (entry), "mh-completion-facet", GINT_TO_POINTER (facet));
  g_signal_connect (focus, "enter", G_CALLBACK (completion_focus_enter_cb), self);
  gtk_widget_add_controller (entry, focus);
}

/* ------------------------------------------------------------------------------------------ */
/* Lists: images, related records, other fields */

static void
list_button_cb (GtkButton    *button,
                MhRecordForm *self)
{
  const char *list_path = g_object_get_data (G_OBJECT (button), "mh-list");
  const char *verb = g_object_get_data (G_OBJECT (button), "mh-verb");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "mh-index"));

  if (self->article == NULL)
    return;

  if (g_str_equal (verb, "remove"))
    mh_article_remove_item (self->article, list_path, index);
  else if (g_str_equal (verb, "up") && index > 0)
    mh_article_move_item (self->article, list_path, index, index - 1);
  else if (g_str_equal (verb, "down"))
    mh_article_move_item (self->article, list_path, index, index + 1);
}

static GtkWidget *
item_toolbar_new (MhRecordForm *self,
                  const char   *list_path,
                  guint         index,
                  guint         n_items,
                  const char   *title)
{
  static const struct {
    const char *verb;
    const char *icon;
    const char *tip;
  } buttons[] = {
    { "up", "go-up-symbolic", N_("Move Up") },
    { "down", "go-down-symbolic", N_("Move Down") },
    { "remove", "user-trash-symbolic", N_("Remove") },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (buttons[i].icon);
      g_autofree char *a11y = g_strdup_printf ("%s: %s", _(buttons[i].tip), title);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _(buttons[i].tip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y, -1);
      g_object_set_data_full (G_OBJECT (button), "mh-list", g_strdup (list_path), g_free);
      g_object_set_data (G_OBJECT (button), "mh-verb", (gpointer) buttons[i].verb);
      g_object_set_data (G_OBJECT (button), "mh-index", GUINT_TO_POINTER (index));
      if ((g_str_equal (buttons[i].verb, "up") && index == 0)
          || (g_str_equal (buttons[i].verb, "down") && index + 1 >= n_items))
        gtk_widget_set_sensitive (button, FALSE);
      g_signal_connect (button, "clicked", G_CALLBACK (list_button_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static void
watch_list (MhRecordForm *self,
            GListModel   *list)
{
  Connection c;

  c.instance = g_object_ref (G_OBJECT (list));
  c.handler = g_signal_connect_swapped (list, "items-changed",
                                        G_CALLBACK (mh_record_form_queue_lists), self);
  g_array_append_val (self->list_connections, c);
}

static void
unwatch_lists (MhRecordForm *self)
{
  for (guint i = 0; i < self->list_connections->len; i++)
    {
      Connection *c = &g_array_index (self->list_connections, Connection, i);

      g_signal_handler_disconnect (c->instance, c->handler);
      g_object_unref (c->instance);
    }
  g_array_set_size (self->list_connections, 0);
}

static void
build_images (MhRecordForm *self,
              GtkWidget    *box,
              GListModel   *images,
              const char   *list_path)
{
  guint n = g_list_model_get_n_items (images);

  watch_list (self, images);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *grid;
      g_autofree char *title = g_strdup_printf (_("Image %u"), i + 1);
      g_autofree char *base = g_strdup_printf ("%s[%u]", list_path, i);
      g_autofree char *url = g_strconcat (base, ".url", NULL);
      g_autofree char *width = g_strconcat (base, ".width", NULL);
      g_autofree char *height = g_strconcat (base, ".height", NULL);
      g_autofree char *cached = g_strconcat (base, ".isCached", NULL);

      gtk_widget_add_css_class (card, "mh-item-card");
      gtk_box_append (GTK_BOX (card), item_toolbar_new (self, list_path, i, n, title));
      grid = grid_new (card);
      g_object_set_data (G_OBJECT (grid), "mh-card", GINT_TO_POINTER (TRUE));
      add_field (self, self->list_bindings, grid, KIND_URL, url, _("_URL"), NULL);
      add_field (self, self->list_bindings, grid, KIND_INT, width, _("_Width"), NULL);
      add_field (self, self->list_bindings, grid, KIND_INT, height, _("_Height"), NULL);
      add_field (self, self->list_bindings, grid, KIND_BOOL, cached, _("_Cached"), NULL);
      gtk_box_append (GTK_BOX (box), card);
    }
}

static void
add_image_cb (GtkButton    *button,
              MhRecordForm *self)
{
  const char *list_path = g_object_get_data (G_OBJECT (button), "mh-list");

  if (self->article == NULL)
    return;
  if (g_str_equal (list_path, "images"))
    mh_article_add_image (self->article, "", 0, 0, FALSE);
  else
    {
      MhRelated *related = g_object_get_data (G_OBJECT (button), "mh-related");

      mh_related_add_image (related, "", 0, 0, FALSE);
    }
}

static GtkWidget *
add_button_new (MhRecordForm *self,
                const char   *label,
                const char   *list_path,
                GCallback     callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  mh_a11y_name_once (button);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (button), "mh-list", g_strdup (list_path), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
build_related (MhRecordForm *self)
{
  GListModel *related = mh_article_get_related (self->article);
  guint n = g_list_model_get_n_items (related);
  static const struct {
    Kind        kind;
    const char *key;
    const char *label;
  } fields[] = {
    { KIND_ENTRY, "title", N_("_Title") },
    { KIND_TEXT, "excerpt", N_("_Excerpt") },
    { KIND_DATETIME, "publishedDateTime", N_("_Date") },
    { KIND_URL, "webUrl", N_("_Web URL") },
    { KIND_URL, "originalUrl", N_("_Original URL") },
    { KIND_URL, "ampWebUrl", N_("_AMP URL") },
    { KIND_URL, "cdnAmpWebUrl", N_("C_DN AMP URL") },
    { KIND_ENTRY, "type", N_("T_ype") },
    { KIND_ENTRY, "provider.name", N_("_Provider") },
    { KIND_ENTRY, "provider.domain", N_("Do_main") },
    { KIND_INT, "quality", N_("_Quality") },
  };

  watch_list (self, related);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MhRelated) item = g_list_model_get_item (related, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *grid;
      GtkWidget *images = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *add;
      g_autofree char *title = g_strdup_printf (_("Related record %u"), i + 1);
      g_autofree char *base = g_strdup_printf ("related[%u]", i);
      g_autofree char *images_path = g_strconcat (base, ".images", NULL);

      gtk_widget_add_css_class (card, "mh-item-card");
      gtk_box_append (GTK_BOX (card), item_toolbar_new (self, "related", i, n, title));
      grid = grid_new (card);
      g_object_set_data (G_OBJECT (grid), "mh-card", GINT_TO_POINTER (TRUE));
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", base, fields[f].key);

          add_field (self, self->list_bindings, grid, fields[f].kind, path, _(fields[f].label),
                     NULL);
        }

      build_images (self, images, mh_related_get_images (item), images_path);
      gtk_widget_set_margin_start (images, 12);
      gtk_box_append (GTK_BOX (card), images);
      add = add_button_new (self, _("Add _Image"), images_path, G_CALLBACK (add_image_cb));
      g_object_set_data_full (G_OBJECT (add), "mh-related", g_object_ref (item), g_object_unref);
      gtk_widget_add_css_class (add, "flat");
      gtk_box_append (GTK_BOX (card), add);
      gtk_box_append (GTK_BOX (self->related_box), card);
    }
}

static void
add_related_cb (GtkButton    *button,
                MhRecordForm *self)
{
  if (self->article != NULL)
    mh_article_add_related (self->article, "", NULL);
}

static void
build_extra (MhRecordForm *self)
{
  GListModel *extra = mh_article_get_extra_fields (self->article);
  guint n = g_list_model_get_n_items (extra);
  const char *secured = mh_article_get_secured (self->article);

  watch_list (self, extra);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MhExtraField) field = g_list_model_get_item (extra, i);
      const char *key = mh_extra_field_get_key (field);

      /* A list or a mapping shows its source as written: editing it as one text would be a
       * second YAML serializer. */
      add_field (self, self->list_bindings, self->extra_grid,
                 mh_extra_field_get_editable (field) ? KIND_EXTRA : KIND_SOURCE, key, key,
                 G_OBJECT (field));
    }

  gtk_widget_set_visible (self->secured_title, secured != NULL);
  gtk_widget_set_visible (self->secured_label, secured != NULL);
  gtk_label_set_text (GTK_LABEL (self->secured_label), secured ? secured : "");
  gtk_widget_set_tooltip_text (self->secured_label, secured);
  gtk_widget_set_visible (self->extra_heading, n > 0 || secured != NULL);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static void
mh_record_form_build_lists (MhRecordForm *self)
{
  GtkWidget *child;

  unwatch_lists (self);
  for (guint i = 0; i < self->list_bindings->len; i++)
    binding_flush (g_ptr_array_index (self->list_bindings, i));
  g_ptr_array_set_size (self->list_bindings, 0);
  clear_box (self->images_box);
  clear_box (self->related_box);
  /* The extra grid keeps its first two rows: the `secured` label. */
  while ((child = gtk_grid_get_child_at (GTK_GRID (self->extra_grid), 0, 2)) != NULL
         || (child = gtk_grid_get_child_at (GTK_GRID (self->extra_grid), 1, 2)) != NULL)
    gtk_grid_remove_row (GTK_GRID (self->extra_grid), 2);
  g_object_set_data (G_OBJECT (self->extra_grid), "mh-rows", GINT_TO_POINTER (2));

  if (self->article == NULL)
    return;

  self->updating = TRUE;
  build_images (self, self->images_box, mh_article_get_images (self->article), "images");
  build_related (self);
  build_extra (self);
  for (guint i = 0; i < self->list_bindings->len; i++)
    binding_refresh (g_ptr_array_index (self->list_bindings, i));
  self->updating = FALSE;
}

static gboolean
lists_idle_cb (gpointer user_data)
{
  MhRecordForm *self = user_data;

  self->lists_id = 0;
  mh_record_form_build_lists (self);
  return G_SOURCE_REMOVE;
}

static void
mh_record_form_queue_lists (MhRecordForm *self)
{
  if (self->lists_id == 0)
    self->lists_id = g_idle_add (lists_idle_cb, self);
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
    g_autofree char *added_text = NULL;
    g_autofree char *removed_text = NULL;

    for (guint i = 0; i < lines->len; i++)
      {
        const MhDiffLine *line = g_ptr_array_index (lines, i);

        added += line->kind == MH_DIFF_ADDED;
        removed += line->kind == MH_DIFF_REMOVED;
      }
    added_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u line added",
                                               "%'u lines added", added), added);
    removed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u removed", "%'u removed",
                                                 removed), removed);

    /* Translators: the Changes view: "2 lines added, 1 removed, not saved yet." */
    summary = g_strdup_printf (_("%s, %s, not saved yet."), added_text, removed_text);
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
    binding_flush (g_ptr_array_index (self->bindings, i));
  for (guint i = 0; i < self->list_bindings->len; i++)
    binding_flush (g_ptr_array_index (self->list_bindings, i));
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
    binding_refresh (g_ptr_array_index (self->bindings, i));
  for (guint i = 0; i < self->list_bindings->len; i++)
    binding_refresh (g_ptr_array_index (self->list_bindings, i));
  topics_refresh (self);
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

  section_heading_new (box, _("Basics"));
  grid = grid_new (box);
  add_field (self, self->bindings, grid, KIND_ENTRY, "title", _("_Title"), NULL);
  add_field (self, self->bindings, grid, KIND_TEXT, "excerpt", _("_Excerpt"), NULL);
  add_field (self, self->bindings, grid, KIND_DATETIME, "publishedDateTime", _("_Date"), NULL);

  section_heading_new (box, _("Links"));
  grid = grid_new (box);
  add_field (self, self->bindings, grid, KIND_URL, "webUrl", _("_Web URL"), NULL);
  add_field (self, self->bindings, grid, KIND_URL, "originalUrl", _("_Original URL"), NULL);
  add_field (self, self->bindings, grid, KIND_URL, "ampWebUrl", _("_AMP URL"), NULL);
  add_field (self, self->bindings, grid, KIND_URL, "cdnAmpWebUrl", _("C_DN AMP URL"), NULL);

  section_heading_new (box, _("Classification"));
  grid = grid_new (box);
  b = add_field (self, self->bindings, grid, KIND_ENTRY, "category", _("Cate_gory"), NULL);
  add_completion (self, b->widget, self->category_completions, MH_FACET_CATEGORY);
  b = add_field (self, self->bindings, grid, KIND_ENTRY, "type", _("T_ype"), NULL);
  add_completion (self, b->widget, self->type_completions, MH_FACET_TYPE);
  add_field (self, self->bindings, grid, KIND_INT, "quality", _("_Quality"), NULL);
  b = add_field (self, self->bindings, grid, KIND_INT, "heat", _("_Heat"), NULL);
  gtk_widget_set_tooltip_text (b->widget, _("−1 means unknown"));
  add_field (self, self->bindings, grid, KIND_BOOL, "published", _("_Published"), NULL);

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
  g_signal_connect (self->topic_entry, "activate", G_CALLBACK (topic_entry_activate_cb), self);
  g_signal_connect_swapped (self->topic_entry, "icon-release",
                            G_CALLBACK (topic_entry_activate_cb), self);
  add_completion (self, self->topic_entry, self->topic_completions, MH_FACET_TOPIC);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->topic_entry);
  mh_a11y_label_only (self->topic_entry);
  self->topics_problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->topics_problem), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->topics_problem), TRUE);
  gtk_widget_add_css_class (self->topics_problem, "mh-problem-warning");
  gtk_box_append (GTK_BOX (topics_box), self->topics_flow);
  gtk_box_append (GTK_BOX (topics_box), self->topic_entry);
  gtk_box_append (GTK_BOX (topics_box), self->topics_problem);
  gtk_grid_attach (GTK_GRID (grid), label, 0, grid_next_row (grid), 1, 1);
  gtk_grid_attach (GTK_GRID (grid), topics_box, 1, grid_next_row (grid), 1, 1);
  grid_take_rows (grid, 1);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->topic_entry, focus);

  section_heading_new (box, _("Provider"));
  grid = grid_new (box);
  add_field (self, self->bindings, grid, KIND_ENTRY, "provider.name", _("_Name"), NULL);
  add_field (self, self->bindings, grid, KIND_ENTRY, "provider.domain", _("Do_main"), NULL);

  section_heading_new (box, _("Images"));
  self->images_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->images_box);
  gtk_box_append (GTK_BOX (box), add_button_new (self, _("Add _Image"), "images",
                                                 G_CALLBACK (add_image_cb)));

  section_heading_new (box, _("Related Records"));
  self->related_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->related_box);
  gtk_box_append (GTK_BOX (box), add_button_new (self, _("Add _Related Record"), "related",
                                                 G_CALLBACK (add_related_cb)));

  self->extra_heading = section_heading_new (box, _("Other Fields"));
  self->extra_grid = grid_new (box);
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
  grid_take_rows (self->extra_grid, 2);
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
      unwatch_lists (self);
      g_clear_handle_id (&self->lists_id, g_source_remove);
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  mh_article_hold (article, &error);
  gtk_stack_set_visible_child_name (self->stack, "record");
  g_clear_handle_id (&self->lists_id, g_source_remove);
  mh_record_form_build_lists (self);
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

  return text_view_dup_text (self->diff_view);
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
    unwatch_lists (self);
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
  mh_a11y_fix_names (GTK_WIDGET (self));
}

GtkWidget *
mh_record_form_new (void)
{
  return g_object_new (MH_TYPE_RECORD_FORM, NULL);
}
