/* mh-record-form-lists.c: the form's topics and lists: chips, images, related records, other fields
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

void
_mh_record_form_topic_entry_activate_cb (GtkEntry     *entry,
                                         MhRecordForm *self)
{
  g_autofree char *topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (self->article == NULL || topic[0] == '\0')
    return;
  mh_article_add_topic (self->article, topic);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

void
_mh_record_form_topics_refresh (MhRecordForm *self)
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

void
_mh_record_form_add_completion (MhRecordForm *self,
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
                                        G_CALLBACK (_mh_record_form_queue_lists), self);
  g_array_append_val (self->list_connections, c);
}

void
_mh_record_form_unwatch_lists (MhRecordForm *self)
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
      grid = _mh_record_form_grid_new (card);
      g_object_set_data (G_OBJECT (grid), "mh-card", GINT_TO_POINTER (TRUE));
      _mh_record_form_add_field (self, self->list_bindings, grid, KIND_URL, url, _("_URL"), NULL);
      _mh_record_form_add_field (self, self->list_bindings, grid, KIND_INT, width, _("_Width"), NULL);
      _mh_record_form_add_field (self, self->list_bindings, grid, KIND_INT, height, _("_Height"), NULL);
      _mh_record_form_add_field (self, self->list_bindings, grid, KIND_BOOL, cached, _("_Cached"), NULL);
      gtk_box_append (GTK_BOX (box), card);
    }
}

void
_mh_record_form_add_image_cb (GtkButton    *button,
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

GtkWidget *
_mh_record_form_add_button_new (MhRecordForm *self,
                                const char   *label,
                                const char   *list_path,
                                GCallback     callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

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
      grid = _mh_record_form_grid_new (card);
      g_object_set_data (G_OBJECT (grid), "mh-card", GINT_TO_POINTER (TRUE));
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", base, fields[f].key);

          _mh_record_form_add_field (self, self->list_bindings, grid, fields[f].kind, path, _(fields[f].label),
                                     NULL);
        }

      build_images (self, images, mh_related_get_images (item), images_path);
      gtk_widget_set_margin_start (images, 12);
      gtk_box_append (GTK_BOX (card), images);
      add = _mh_record_form_add_button_new (self, _("Add _Image"), images_path, G_CALLBACK (_mh_record_form_add_image_cb));
      g_object_set_data_full (G_OBJECT (add), "mh-related", g_object_ref (item), g_object_unref);
      gtk_widget_add_css_class (add, "flat");
      gtk_box_append (GTK_BOX (card), add);
      gtk_box_append (GTK_BOX (self->related_box), card);
    }
}

void
_mh_record_form_add_related_cb (GtkButton    *button,
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
      _mh_record_form_add_field (self, self->list_bindings, self->extra_grid,
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

void
_mh_record_form_build_lists (MhRecordForm *self)
{
  GtkWidget *child;

  _mh_record_form_unwatch_lists (self);
  for (guint i = 0; i < self->list_bindings->len; i++)
    _mh_record_form_binding_flush (g_ptr_array_index (self->list_bindings, i));
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
    _mh_record_form_binding_refresh (g_ptr_array_index (self->list_bindings, i));
  self->updating = FALSE;
}

static gboolean
lists_idle_cb (gpointer user_data)
{
  MhRecordForm *self = user_data;

  self->lists_id = 0;
  _mh_record_form_build_lists (self);
  return G_SOURCE_REMOVE;
}

void
_mh_record_form_queue_lists (MhRecordForm *self)
{
  if (self->lists_id == 0)
    self->lists_id = g_idle_add (lists_idle_cb, self);
}
