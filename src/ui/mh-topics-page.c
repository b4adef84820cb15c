/* mh-topics-page.c: every item of a list key with its count and spellings; rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-fold.h"
#include "mh-topics-page.h"

typedef struct
{
  char       *variant_key;
  char       *value;       /* the most common spelling */
  GHashTable *spellings;   /* spelling → GUINT_TO_POINTER (items) */
  GPtrArray  *articles;    /* MhArticle with any spelling (owned refs) */
  char       *folded;      /* of every spelling, for the search */
} Topic;

struct _MhTopicsPage
{
  GtkWidget      parent_instance;

  MhCollection  *collection;
  char          *key;
  GHashTable    *topics;       /* variant key → Topic */

  /* Template children */
  GtkLabel      *title_label;
  GtkEntry      *key_entry;
  GtkSearchEntry *search_entry;
  GtkDropDown   *sort_dropdown;
  GtkListBox    *list;
  GtkLabel      *selection_label;
  GtkDropDown   *action_dropdown;
  GtkEntry      *new_entry;
  MhBulkPreview *preview;
};

G_DEFINE_FINAL_TYPE (MhTopicsPage, mh_topics_page, GTK_TYPE_WIDGET)

static void
topic_free (Topic *topic)
{
  g_free (topic->variant_key);
  g_free (topic->value);
  g_free (topic->folded);
  g_hash_table_unref (topic->spellings);
  g_ptr_array_unref (topic->articles);
  g_free (topic);
}

/* ------------------------------------------------------------------------------------------ */
/* Counting */

static void
count_item (MhTopicsPage *self,
            MhArticle    *article,
            const char   *item,
            GHashTable   *seen)
{
  g_autofree char *key = mh_fold_variant_key (item, -1);
  Topic *topic;
  guint n;

  if (*key == '\0')
    return;
  topic = g_hash_table_lookup (self->topics, key);
  if (topic == NULL)
    {
      topic = g_new0 (Topic, 1);
      topic->variant_key = g_strdup (key);
      topic->spellings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      topic->articles = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->topics, topic->variant_key, topic);
    }
  n = GPOINTER_TO_UINT (g_hash_table_lookup (topic->spellings, item));
  g_hash_table_insert (topic->spellings, g_strdup (item), GUINT_TO_POINTER (n + 1));
  if (g_hash_table_add (seen, g_steal_pointer (&key)))
    g_ptr_array_add (topic->articles, g_object_ref (article));
}

/* The items of the list at the page's key: the summary's topics, or the document's list for
 * any other key (read from the file when the record is not held). */
static void
count_article (MhTopicsPage *self,
               MhArticle    *article)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  MhNode *list;

  if (g_str_equal (self->key, "topics"))
    {
      const char * const *topics = mh_article_get_topics (article);

      for (guint i = 0; topics[i] != NULL; i++)
        count_item (self, article, topics[i], seen);
      return;
    }

  if (!mh_article_hold (article, NULL))
    return;
  list = mh_article_get_document (article) != NULL
         ? mh_document_lookup (mh_article_get_document (article), self->key, NULL) : NULL;
  for (guint i = 0; list != NULL && list->kind == MH_NODE_SEQUENCE
       && i < mh_node_get_n_items (list); i++)
    {
      MhNode *item = mh_node_get_item (list, i);

      if (item->kind == MH_NODE_SCALAR && item->value != NULL && *item->value != '\0')
        count_item (self, article, item->value, seen);
    }
  mh_article_release (article);
}

static void
finish_topic (Topic *topic)
{
  GHashTableIter iter;
  gpointer spelling;
  gpointer count;
  guint best = 0;
  g_autoptr(GString) folded = g_string_new (NULL);

  g_hash_table_iter_init (&iter, topic->spellings);
  while (g_hash_table_iter_next (&iter, &spelling, &count))
    {
      /* Ties go to the first in sort order, so the choice does not depend on hashing. */
      if (GPOINTER_TO_UINT (count) > best
          || (GPOINTER_TO_UINT (count) == best && g_strcmp0 (spelling, topic->value) < 0))
        {
          best = GPOINTER_TO_UINT (count);
          g_free (topic->value);
          topic->value = g_strdup (spelling);
        }
      mh_fold_append (folded, spelling, strlen (spelling));
      g_string_append_c (folded, '\n');
    }
  topic->folded = g_string_free (g_steal_pointer (&folded), FALSE);
}

static int
compare_by_count (gconstpointer a,
                  gconstpointer b)
{
  const Topic *x = *(const Topic **) a;
  const Topic *y = *(const Topic **) b;

  if (x->articles->len != y->articles->len)
    return x->articles->len > y->articles->len ? -1 : 1;
  return g_utf8_collate (x->value, y->value);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const Topic *x = *(const Topic **) a;
  const Topic *y = *(const Topic **) b;

  return g_utf8_collate (x->value, y->value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The other spellings, sorted. Returns: (transfer full) */
static GStrv
topic_dup_variants (const Topic *topic)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gpointer *spellings = NULL;
  guint n = 0;

  spellings = g_hash_table_get_keys_as_array (topic->spellings, &n);
  qsort (spellings, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (spellings[i], topic->value))
      g_strv_builder_add (builder, spellings[i]);
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------------------------ */
/* The list */

static GtkWidget *
topic_row_new (const Topic *topic)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *value = gtk_label_new (topic->value);
  GtkWidget *count;
  g_auto(GStrv) variants = topic_dup_variants (topic);
  g_autofree char *count_text = g_strdup_printf ("%u", topic->articles->len);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), value);
  if (variants[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", variants);
      /* Translators: the other spellings of a topic: "also ai, A.I." */
      g_autofree char *text = g_strdup_printf (_("also %s"), joined);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, _("Spellings that differ only in case, accents, "
                                            "spacing or punctuation"));
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_hexpand (gtk_widget_get_last_child (box), TRUE);
  count = gtk_label_new (count_text);
  gtk_widget_add_css_class (count, "mh-facet-count");
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "mh-topic", (gpointer) topic);
  return row;
}

static void
clear_rows (MhTopicsPage *self)
{
  GtkWidget *child;

  /* Rows point at their topic: they go before the topics do. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
mh_topics_page_fill (MhTopicsPage *self)
{
  g_autofree char *search = mh_fold_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                          -1);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  clear_rows (self);

  g_hash_table_iter_init (&iter, self->topics);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Topic *topic = value;

      if (*search == '\0' || strstr (topic->folded, search) != NULL)
        g_ptr_array_add (shown, topic);
    }
  g_ptr_array_sort (shown, gtk_drop_down_get_selected (self->sort_dropdown) == 1
                           ? compare_by_name : compare_by_count);
  for (guint i = 0; i < shown->len; i++)
    gtk_list_box_append (self->list, topic_row_new (g_ptr_array_index (shown, i)));
}

void
mh_topics_page_refresh (MhTopicsPage *self)
{
  GListModel *records;
  guint n;
  g_autofree char *title = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (MH_IS_TOPICS_PAGE (self));

  clear_rows (self);
  g_hash_table_remove_all (self->topics);
  records = self->collection != NULL ? G_LIST_MODEL (self->collection) : NULL;
  n = records != NULL ? g_list_model_get_n_items (records) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (records, i);

      count_article (self, article);
    }
  g_hash_table_iter_init (&iter, self->topics);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    finish_topic (value);

  n = g_hash_table_size (self->topics);
  /* Translators: the Topics page's title: "12 Items of “topics”" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Item of “%s”", "%u Items of “%s”",
                                        n), n, self->key);
  gtk_label_set_text (self->title_label, title);
  mh_topics_page_fill (self);
  mh_topics_page_update_now (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Rename, merge, delete */

static GPtrArray *
selected_topics (MhTopicsPage *self)
{
  GPtrArray *topics = g_ptr_array_new ();
  GList *rows = gtk_list_box_get_selected_rows (self->list);

  for (GList *l = rows; l != NULL; l = l->next)
    g_ptr_array_add (topics, g_object_get_data (l->data, "mh-topic"));
  g_list_free (rows);
  return topics;
}

static MhBulkPlan *
build_plan (gpointer      owner,
            const char  **hint)
{
  MhTopicsPage *self = owner;
  g_autoptr(GPtrArray) topics = selected_topics (self);
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GStrvBuilder) olds = g_strv_builder_new ();
  g_auto(GStrv) old_values = NULL;
  gboolean delete = gtk_drop_down_get_selected (self->action_dropdown) == MH_TOPICS_DELETE;
  g_autofree char *new_value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_entry))));

  *hint = NULL;
  if (topics->len == 0)
    {
      *hint = _("Select the topics to rename, merge or delete.");
      return NULL;
    }
  if (!delete && *new_value == '\0')
    {
      *hint = _("Type the new name.");
      return NULL;
    }
  for (guint i = 0; i < topics->len; i++)
    {
      Topic *topic = g_ptr_array_index (topics, i);

      g_strv_builder_add (olds, topic->value);
      for (guint k = 0; k < topic->articles->len; k++)
        if (g_hash_table_add (seen, g_ptr_array_index (topic->articles, k)))
          g_ptr_array_add (articles, g_ptr_array_index (topic->articles, k));
    }
  old_values = g_strv_builder_end (olds);
  return mh_bulk_plan_new_rename (articles, self->key, (const char * const *) old_values,
                                  delete ? NULL : new_value);
}

void
mh_topics_page_update_now (MhTopicsPage *self)
{
  g_return_if_fail (MH_IS_TOPICS_PAGE (self));

  mh_bulk_preview_update (self->preview);
}

static void
new_name_changed_cb (MhTopicsPage *self)
{
  mh_bulk_preview_queue_update (self->preview);
}

static void
selection_changed_cb (MhTopicsPage *self)
{
  g_autoptr(GPtrArray) topics = selected_topics (self);
  g_autofree char *text = NULL;

  if (topics->len == 0)
    text = g_strdup (_("No topic selected"));
  else if (topics->len == 1)
    {
      Topic *topic = g_ptr_array_index (topics, 0);

      /* Translators: the selected topic and how many records have it: "AI, in 6 records" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s”, in %u record",
                                           "“%s”, in %u records", topic->articles->len),
                              topic->value, topic->articles->len);
      /* The usual start of a rename: the spelling there is. */
      gtk_editable_set_text (GTK_EDITABLE (self->new_entry), topic->value);
    }
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < topics->len; i++)
        g_string_append_printf (names, i == 0 ? "“%s”" : ", “%s”",
                                ((Topic *) g_ptr_array_index (topics, i))->value);
      /* Translators: the topics a merge takes: "2 topics: “Privacy”, “Computer Vision”" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic: %s", "%u topics: %s",
                                           topics->len), topics->len, names->str);
    }
  gtk_label_set_text (self->selection_label, text);
  mh_topics_page_update_now (self);
}

static void
action_changed_cb (MhTopicsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_entry),
                          gtk_drop_down_get_selected (self->action_dropdown) == MH_TOPICS_RENAME);
  mh_topics_page_update_now (self);
}

static void
applied_cb (MhTopicsPage *self)
{
  mh_topics_page_refresh (self);
}

static void
key_activate_cb (MhTopicsPage *self)
{
  mh_topics_page_set_key (self, gtk_editable_get_text (GTK_EDITABLE (self->key_entry)));
}

/* ------------------------------------------------------------------------------------------ */
/* API */

void
mh_topics_page_set_collection (MhTopicsPage *self,
                               MhCollection *collection)
{
  g_return_if_fail (MH_IS_TOPICS_PAGE (self));

  g_set_object (&self->collection, collection);
  mh_bulk_preview_set_history (self->preview,
                               collection != NULL ? mh_collection_get_history (collection) : NULL);
  clear_rows (self);
  g_hash_table_remove_all (self->topics);
  mh_topics_page_fill (self);
}

const char *
mh_topics_page_get_key (MhTopicsPage *self)
{
  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);
  return self->key;
}

void
mh_topics_page_set_key (MhTopicsPage *self,
                        const char   *key)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (MH_IS_TOPICS_PAGE (self));

  stripped = g_strstrip (g_strdup (key != NULL ? key : ""));
  g_free (self->key);
  self->key = g_strdup (*stripped != '\0' ? stripped : "topics");
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->key_entry)), self->key))
    gtk_editable_set_text (GTK_EDITABLE (self->key_entry), self->key);
  mh_topics_page_refresh (self);
}

static Topic *
find_topic (MhTopicsPage *self,
            const char   *value)
{
  g_autofree char *key = mh_fold_variant_key (value, -1);

  return g_hash_table_lookup (self->topics, key);
}

GtkListBoxRow *
mh_topics_page_find_row (MhTopicsPage *self,
                         const char   *value)
{
  Topic *topic;

  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);

  topic = find_topic (self, value);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (topic != NULL && g_object_get_data (G_OBJECT (row), "mh-topic") == topic)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

guint
mh_topics_page_get_count (MhTopicsPage *self,
                          const char   *value)
{
  Topic *topic;

  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), 0);

  topic = find_topic (self, value);
  return topic != NULL ? topic->articles->len : 0;
}

GStrv
mh_topics_page_dup_variants (MhTopicsPage *self,
                             const char   *value)
{
  Topic *topic;

  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);

  topic = find_topic (self, value);
  return topic != NULL ? topic_dup_variants (topic) : g_new0 (char *, 1);
}

GtkListBox *
mh_topics_page_get_list (MhTopicsPage *self)
{
  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);
  return self->list;
}

GtkDropDown *
mh_topics_page_get_action (MhTopicsPage *self)
{
  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);
  return self->action_dropdown;
}

GtkEditable *
mh_topics_page_get_new_name (MhTopicsPage *self)
{
  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);
  return GTK_EDITABLE (self->new_entry);
}

GtkEditable *
mh_topics_page_get_search (MhTopicsPage *self)
{
  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

MhBulkPreview *
mh_topics_page_get_preview (MhTopicsPage *self)
{
  g_return_val_if_fail (MH_IS_TOPICS_PAGE (self), NULL);
  return self->preview;
}

GtkWidget *
mh_topics_page_new (void)
{
  return g_object_new (MH_TYPE_TOPICS_PAGE, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
mh_topics_page_dispose (GObject *object)
{
  MhTopicsPage *self = MH_TOPICS_PAGE (object);
  GtkWidget *child;

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->list, self);
      clear_rows (self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MH_TYPE_TOPICS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->collection);
  g_clear_pointer (&self->topics, g_hash_table_unref);

  G_OBJECT_CLASS (mh_topics_page_parent_class)->dispose (object);
}

static void
mh_topics_page_finalize (GObject *object)
{
  MhTopicsPage *self = MH_TOPICS_PAGE (object);

  g_free (self->key);

  G_OBJECT_CLASS (mh_topics_page_parent_class)->finalize (object);
}

static void
mh_topics_page_class_init (MhTopicsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_topics_page_dispose;
  object_class->finalize = mh_topics_page_finalize;

  g_type_ensure (MH_TYPE_BULK_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/masthead/Masthead/mh-topics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, key_entry);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, list);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, new_entry);
  gtk_widget_class_bind_template_child (widget_class, MhTopicsPage, preview);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-topics-page");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.show-records", NULL);
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
mh_topics_page_init (MhTopicsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_dropdown (self->sort_dropdown, _("Sort topics"));
  name_dropdown (self->action_dropdown, _("What to do with the selected topics"));

  self->key = g_strdup ("topics");
  self->topics = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) topic_free);
  g_signal_connect_swapped (self->list, "selected-rows-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (mh_topics_page_fill), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (mh_topics_page_fill), self);
  g_signal_connect_swapped (self->action_dropdown, "notify::selected",
                            G_CALLBACK (action_changed_cb), self);
  g_signal_connect_swapped (self->new_entry, "changed", G_CALLBACK (new_name_changed_cb), self);
  g_signal_connect_swapped (self->key_entry, "activate", G_CALLBACK (key_activate_cb), self);
  g_signal_connect_swapped (self->preview, "applied", G_CALLBACK (applied_cb), self);
  mh_bulk_preview_set_planner (self->preview, build_plan, self);
  selection_changed_cb (self);
}
