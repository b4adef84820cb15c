/* mh-bulk-editor.c: the right pane when several records are selected: one change to all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-a11y.h"
#include "mh-bulk-editor.h"
#include "mh-schema.h"

/* The fields a selection can set or clear, in the order the drop-down shows them. */
static const struct
{
  const char *path;
  const char *label;        /* translatable; NULL: the schema's */
  MhFacet     completion;   /* MH_N_FACETS: none */
} fields[] = {
  { "category", NULL, MH_FACET_CATEGORY },
  { "type", NULL, MH_FACET_TYPE },
  { "quality", NULL, MH_N_FACETS },
  { "heat", NULL, MH_N_FACETS },
  { "published", NULL, MH_N_FACETS },
  { "provider.name", N_("Provider name"), MH_FACET_PROVIDER },
  { "provider.domain", N_("Provider domain"), MH_N_FACETS },
};

struct _MhBulkEditor
{
  GtkWidget      parent_instance;

  MhCollection  *collection;
  GPtrArray     *articles;
  GtkListStore  *completions;

  /* Template children */
  GtkLabel      *title_label;
  GtkDropDown   *action_dropdown;
  GtkWidget     *field_label;
  GtkDropDown   *field_dropdown;
  GtkWidget     *value_label;
  GtkEntry      *value_entry;
  MhBulkPreview *preview;
};

G_DEFINE_FINAL_TYPE (MhBulkEditor, mh_bulk_editor, GTK_TYPE_WIDGET)

static const MhField *
current_field (MhBulkEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->field_dropdown);

  return i < G_N_ELEMENTS (fields) ? mh_schema_lookup (fields[i].path) : NULL;
}

/* Why @text is not a value of @field, or NULL. */
static const char *
check_value (const MhField *field,
             const char    *text)
{
  gint64 number;

  switch (field->type)
    {
    case MH_FIELD_INT:
      if (!mh_field_parse_int (text, &number))
        return _("Type a whole number.");
      return NULL;

    case MH_FIELD_BOOL:
      if (!g_str_equal (text, "true") && !g_str_equal (text, "false"))
        return _("Type true or false.");
      return NULL;

    case MH_FIELD_STRING:
    case MH_FIELD_TEXT:
    case MH_FIELD_DATETIME:
    case MH_FIELD_URL:
    case MH_FIELD_HOSTNAME:
    case MH_FIELD_STRING_LIST:
    case MH_FIELD_MAPPING:
    case MH_FIELD_MAPPING_LIST:
    case MH_FIELD_OPAQUE:
    default:
      return NULL;
    }
}

static MhBulkPlan *
build_plan (gpointer      owner,
            const char  **hint)
{
  MhBulkEditor *self = owner;
  MhBulkAction action = gtk_drop_down_get_selected (self->action_dropdown);
  const MhField *field = current_field (self);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_entry))));

  *hint = NULL;
  if (self->articles == NULL || self->articles->len == 0)
    return NULL;

  switch (action)
    {
    case MH_BULK_ADD_TOPIC:
    case MH_BULK_REMOVE_TOPIC:
      if (*text == '\0')
        {
          *hint = action == MH_BULK_ADD_TOPIC ? _("Type the topic to add.")
                                              : _("Type the topic to remove.");
          return NULL;
        }
      return action == MH_BULK_ADD_TOPIC
             ? mh_bulk_plan_new_add_item (self->articles, "topics", text)
             : mh_bulk_plan_new_remove_item (self->articles, "topics", text);

    case MH_BULK_SET_FIELD:
      if (field == NULL)
        return NULL;
      if (*text == '\0')
        {
          *hint = _("Type the value to set.");
          return NULL;
        }
      if ((*hint = check_value (field, text)) != NULL)
        return NULL;
      return mh_bulk_plan_new_set (self->articles, field->path, text);

    case MH_BULK_CLEAR_FIELD:
      return field != NULL ? mh_bulk_plan_new_set (self->articles, field->path, NULL) : NULL;

    default:
      return NULL;
    }
}

void
mh_bulk_editor_update_now (MhBulkEditor *self)
{
  g_return_if_fail (MH_IS_BULK_EDITOR (self));

  mh_bulk_preview_update (self->preview);
}

static void
fill_completions (MhBulkEditor *self)
{
  MhBulkAction action = gtk_drop_down_get_selected (self->action_dropdown);
  guint i = gtk_drop_down_get_selected (self->field_dropdown);
  MhFacet facet = action == MH_BULK_SET_FIELD && i < G_N_ELEMENTS (fields) ? fields[i].completion
                  : action == MH_BULK_SET_FIELD ? MH_N_FACETS : MH_FACET_TOPIC;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree gpointer *values = NULL;
  guint n = 0;
  GtkTreeIter iter;

  gtk_list_store_clear (self->completions);
  if (self->collection == NULL || facet == MH_N_FACETS)
    return;
  counts = mh_collection_count_facets (self->collection, facet, NULL);
  values = g_hash_table_get_keys_as_array (counts, &n);
  for (guint k = 0; k < n; k++)
    if (*(const char *) values[k] != '\0')
      gtk_list_store_insert_with_values (self->completions, &iter, -1, 0, values[k], -1);
}

static void
mh_bulk_editor_sync_widgets (MhBulkEditor *self)
{
  MhBulkAction action = gtk_drop_down_get_selected (self->action_dropdown);
  gboolean field_shown = action == MH_BULK_SET_FIELD || action == MH_BULK_CLEAR_FIELD;
  const MhField *field = current_field (self);

  gtk_widget_set_visible (self->field_label, field_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->field_dropdown), field_shown);
  gtk_widget_set_visible (self->value_label, action != MH_BULK_CLEAR_FIELD);
  gtk_widget_set_visible (GTK_WIDGET (self->value_entry), action != MH_BULK_CLEAR_FIELD);
  if (action == MH_BULK_ADD_TOPIC || action == MH_BULK_REMOVE_TOPIC)
    gtk_entry_set_placeholder_text (self->value_entry, _("A topic"));
  else if (field != NULL && field->type == MH_FIELD_BOOL)
    gtk_entry_set_placeholder_text (self->value_entry, _("true or false"));
  else if (field != NULL && field->type == MH_FIELD_INT)
    gtk_entry_set_placeholder_text (self->value_entry, _("A whole number"));
  else
    gtk_entry_set_placeholder_text (self->value_entry, NULL);
}

static void
choice_changed_cb (MhBulkEditor *self)
{
  mh_bulk_editor_sync_widgets (self);
  fill_completions (self);
  mh_bulk_editor_update_now (self);
}

static void
value_changed_cb (MhBulkEditor *self)
{
  mh_bulk_preview_queue_update (self->preview);
}

static void
value_activate_cb (MhBulkEditor *self)
{
  mh_bulk_editor_update_now (self);
  mh_bulk_preview_apply (self->preview);
}

static void
applied_cb (MhBulkEditor *self,
            guint         n_changed)
{
  /* The records have new bytes: what the same change would do now (usually nothing). */
  mh_bulk_editor_update_now (self);
}

void
mh_bulk_editor_set_collection (MhBulkEditor *self,
                               MhCollection *collection)
{
  g_return_if_fail (MH_IS_BULK_EDITOR (self));

  g_set_object (&self->collection, collection);
  mh_bulk_preview_set_history (self->preview,
                               collection != NULL ? mh_collection_get_history (collection) : NULL);
  fill_completions (self);
}

void
mh_bulk_editor_set_articles (MhBulkEditor *self,
                             GPtrArray    *articles)
{
  g_autofree char *title = NULL;
  guint n;

  g_return_if_fail (MH_IS_BULK_EDITOR (self));

  g_clear_pointer (&self->articles, g_ptr_array_unref);
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (articles, i)));
  n = self->articles->len;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Record Selected",
                                        "%u Records Selected", n), n);
  gtk_label_set_text (self->title_label, title);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mh_bulk_preview_queue_update (self->preview);
  else
    mh_bulk_editor_update_now (self);
}

GtkDropDown *
mh_bulk_editor_get_action (MhBulkEditor *self)
{
  g_return_val_if_fail (MH_IS_BULK_EDITOR (self), NULL);
  return self->action_dropdown;
}

GtkDropDown *
mh_bulk_editor_get_field (MhBulkEditor *self)
{
  g_return_val_if_fail (MH_IS_BULK_EDITOR (self), NULL);
  return self->field_dropdown;
}

GtkEditable *
mh_bulk_editor_get_value (MhBulkEditor *self)
{
  g_return_val_if_fail (MH_IS_BULK_EDITOR (self), NULL);
  return GTK_EDITABLE (self->value_entry);
}

MhBulkPreview *
mh_bulk_editor_get_preview (MhBulkEditor *self)
{
  g_return_val_if_fail (MH_IS_BULK_EDITOR (self), NULL);
  return self->preview;
}

gboolean
mh_bulk_editor_select_field (MhBulkEditor *self,
                             const char   *path)
{
  g_return_val_if_fail (MH_IS_BULK_EDITOR (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].path, path))
      {
        gtk_drop_down_set_selected (self->field_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
mh_bulk_editor_new (void)
{
  return g_object_new (MH_TYPE_BULK_EDITOR, NULL);
}

static void
mh_bulk_editor_dispose (GObject *object)
{
  MhBulkEditor *self = MH_BULK_EDITOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MH_TYPE_BULK_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_object (&self->collection);
  g_clear_object (&self->completions);

  G_OBJECT_CLASS (mh_bulk_editor_parent_class)->dispose (object);
}

static void
mh_bulk_editor_class_init (MhBulkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_bulk_editor_dispose;

  g_type_ensure (MH_TYPE_BULK_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/masthead/Masthead/mh-bulk-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, field_label);
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, value_label);
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, value_entry);
  gtk_widget_class_bind_template_child (widget_class, MhBulkEditor, preview);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-bulk-editor");
}

/* A drop-down's button is what a screen reader lands on: it gets the drop-down's name. */
static void
name_dropdown (GtkDropDown *dropdown,
               const char  *name)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if (button != NULL && GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

static void
mh_bulk_editor_init (MhBulkEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkEntryCompletion *completion;

  gtk_widget_init_template (GTK_WIDGET (self));
  name_dropdown (self->action_dropdown, _("Change"));
  name_dropdown (self->field_dropdown, _("Field"));
  /* Named once: not also by the mnemonic labels beside them. */
  mh_a11y_label_only (GTK_WIDGET (self->action_dropdown));
  mh_a11y_label_only (GTK_WIDGET (self->field_dropdown));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_string_list_append (labels, _(fields[i].label != NULL ? fields[i].label
                                                              : mh_schema_lookup (fields[i].path)->label));
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (labels));

  self->completions = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (self->value_entry, completion);
  g_object_unref (completion);

  g_signal_connect_swapped (self->action_dropdown, "notify::selected",
                            G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->field_dropdown, "notify::selected",
                            G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->value_entry, "changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect_swapped (self->value_entry, "activate", G_CALLBACK (value_activate_cb), self);
  g_signal_connect_swapped (self->preview, "applied", G_CALLBACK (applied_cb), self);
  mh_bulk_preview_set_planner (self->preview, build_plan, self);
  mh_bulk_editor_sync_widgets (self);
}
