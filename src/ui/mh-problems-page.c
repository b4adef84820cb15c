/* mh-problems-page.c: every problem of the collection, grouped by rule, one click from its field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-collection.h"
#include "mh-problems-page.h"
#include "mh-record-form.h"
#include "mh-validate.h"
#include "mh-window-private.h"

/* What a row leads to; rule lines have no article. */
typedef struct
{
  MhArticle *article;   /* owned */
  char      *path;      /* the field's key path, or NULL */
} Target;

/* One problem, while grouping. */
typedef struct
{
  char   *text;
  Target  target;
} Entry;

struct _MhProblemsPage
{
  GtkWindow      parent_instance;

  MhWindow      *window;      /* borrowed: the page lives as its transient */
  MhCollection  *collection;  /* owned */
  GtkStringList *rows;
  GArray        *targets;     /* Target, one per row */
  gulong         health_handler;
  gulong         changed_handler;
  guint          refresh_id;

  /* Template children */
  GtkLabel      *summary_label;
  GtkListView   *list_view;
};

G_DEFINE_FINAL_TYPE (MhProblemsPage, mh_problems_page, GTK_TYPE_WINDOW)

static void
target_clear (Target *target)
{
  g_clear_object (&target->article);
  g_clear_pointer (&target->path, g_free);
}

static void
entry_free (Entry *entry)
{
  g_free (entry->text);
  target_clear (&entry->target);
  g_free (entry);
}

static void
add_entry (GHashTable *by_rule,
           const char *rule_id,
           MhArticle  *article,
           const char *path,
           char       *text)
{
  GPtrArray *entries = g_hash_table_lookup (by_rule, rule_id);
  Entry *entry = g_new0 (Entry, 1);

  if (entries == NULL)
    {
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
      g_hash_table_insert (by_rule, g_strdup (rule_id), entries);
    }
  entry->text = text;
  entry->target.article = g_object_ref (article);
  entry->target.path = g_strdup (path);
  g_ptr_array_add (entries, entry);
}

/* Every problem of @article, record rules then collection rules. */
static void
collect_article (MhProblemsPage *self,
                 MhArticle      *article,
                 GHashTable     *by_rule)
{
  MhHealthIndex *health = mh_collection_get_health (self->collection);
  const char *name = mh_article_get_display_name (article);
  GPtrArray *problems = mh_article_get_problems (article);
  g_autoptr(GPtrArray) collection_problems = mh_health_index_dup_problems (health, name);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MhProblem *problem = g_ptr_array_index (problems, i);

      add_entry (by_rule, problem->rule_id, article, problem->path,
                 g_strdup_printf ("%s: %s: %s", name, problem->path ? problem->path : "—",
                                  problem->message));
    }
  for (guint i = 0; i < collection_problems->len; i++)
    {
      const MhHealthProblem *problem = g_ptr_array_index (collection_problems, i);

      add_entry (by_rule, problem->rule_id, article, problem->path,
                 g_strdup_printf ("%s:%u:%u: %s", name, problem->line, problem->column,
                                  problem->message));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

void
mh_problems_page_refresh (MhProblemsPage *self)
{
  g_autoptr(GHashTable) by_rule = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *summary = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_problems = 0;
  guint n_items;

  g_return_if_fail (MH_IS_PROBLEMS_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->collection));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (self->collection), i);

      collect_article (self, article, by_rule);
    }

  g_array_set_size (self->targets, 0);
  g_hash_table_iter_init (&iter, by_rule);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (rules, key);
  g_ptr_array_sort (rules, compare_strings);
  for (guint r = 0; r < rules->len; r++)
    {
      GPtrArray *entries = g_hash_table_lookup (by_rule, g_ptr_array_index (rules, r));
      Target none = { NULL, NULL };

      g_autofree char *heading = g_strdup_printf ("%s (%u)",
                                                  (char *) g_ptr_array_index (rules, r),
                                                  entries->len);

      g_strv_builder_add (texts, heading);
      g_array_append_val (self->targets, none);
      for (guint i = 0; i < entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (entries, i);

          g_strv_builder_add (texts, entry->text);
          /* The target moves from the entry to the row. */
          g_array_append_val (self->targets, entry->target);
          entry->target.article = NULL;
          entry->target.path = NULL;
        }
      n_problems += entries->len;
    }

  lines = g_strv_builder_end (texts);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          (const char * const *) lines);
  summary = g_strdup_printf (ngettext ("%u problem", "%u problems", n_problems), n_problems);
  gtk_label_set_text (self->summary_label, summary);
}

static gboolean
refresh_cb (gpointer data)
{
  MhProblemsPage *self = data;

  self->refresh_id = 0;
  mh_problems_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MhProblemsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (200, refresh_cb, self);
}

static void
health_changed_cb (MhProblemsPage *self)
{
  queue_refresh (self);
}

/* The form's widget for @path, trying `topics[2]` then `topics`. */
static GtkWidget *
find_field (MhRecordForm *form,
            const char   *path)
{
  g_autofree char *top = NULL;
  GtkWidget *widget;

  if (path == NULL)
    return NULL;
  if ((widget = mh_record_form_get_field (form, path)) != NULL)
    return widget;
  top = g_strndup (path, strcspn (path, ".["));
  return mh_record_form_get_field (form, top);
}

gboolean
mh_problems_page_activate (MhProblemsPage *self,
                           guint           position)
{
  const Target *target;
  MhRecordForm *form;
  GtkWidget *widget;

  g_return_val_if_fail (MH_IS_PROBLEMS_PAGE (self), FALSE);

  if (position >= self->targets->len)
    return FALSE;
  target = &g_array_index (self->targets, Target, position);
  if (target->article == NULL || self->window == NULL
      || !_mh_window_select_article (self->window, target->article))
    return FALSE;

  form = _mh_window_get_form (self->window);
  gtk_window_present (GTK_WINDOW (self->window));
  widget = find_field (form, target->path);
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
  else
    mh_record_form_focus_first (form);
  return TRUE;
}

static void
list_activate_cb (MhProblemsPage *self,
                  guint           position)
{
  mh_problems_page_activate (self, position);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  MhProblemsPage *self = data;
  GtkStringObject *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint position = gtk_list_item_get_position (item);
  gboolean header = position < self->targets->len
                    && g_array_index (self->targets, Target, position).article == NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (label), gtk_string_object_get_string (row));
  if (header)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
  gtk_list_item_set_activatable (item, !header);
}

MhProblemsPage *
mh_problems_page_new (MhWindow *window)
{
  MhProblemsPage *self;
  MhCollection *collection;

  g_return_val_if_fail (MH_IS_WINDOW (window), NULL);

  collection = _mh_window_get_collection (window);
  g_return_val_if_fail (collection != NULL, NULL);

  self = g_object_new (MH_TYPE_PROBLEMS_PAGE, "transient-for", window,
                       "destroy-with-parent", TRUE, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->collection = g_object_ref (collection);
  self->health_handler = g_signal_connect_swapped (collection, "health-changed",
                                                   G_CALLBACK (health_changed_cb), self);
  self->changed_handler = g_signal_connect_swapped (collection, "article-changed",
                                                    G_CALLBACK (health_changed_cb), self);
  mh_problems_page_refresh (self);
  return self;
}

GListModel *
mh_problems_page_get_rows (MhProblemsPage *self)
{
  g_return_val_if_fail (MH_IS_PROBLEMS_PAGE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

static void
mh_problems_page_dispose (GObject *object)
{
  MhProblemsPage *self = MH_PROBLEMS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->collection != NULL)
    {
      g_clear_signal_handler (&self->health_handler, self->collection);
      g_clear_signal_handler (&self->changed_handler, self->collection);
      g_clear_object (&self->collection);
    }
  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MH_TYPE_PROBLEMS_PAGE);

  G_OBJECT_CLASS (mh_problems_page_parent_class)->dispose (object);
}

static void
mh_problems_page_finalize (GObject *object)
{
  MhProblemsPage *self = MH_PROBLEMS_PAGE (object);

  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (mh_problems_page_parent_class)->finalize (object);
}

static void
mh_problems_page_class_init (MhProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_problems_page_dispose;
  object_class->finalize = mh_problems_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/masthead/Masthead/mh-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MhProblemsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MhProblemsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
mh_problems_page_init (MhProblemsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = gtk_string_list_new (NULL);
  self->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (self->targets, (GDestroyNotify) target_clear);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->rows)))));
}
