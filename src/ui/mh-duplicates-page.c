/* mh-duplicates-page.c: probable duplicates side by side: keep one, or "not a duplicate"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-collection.h"
#include "mh-duplicates-page.h"
#include "mh-window-private.h"

/* A record the last keep sent to the trash: enough to write it back. */
typedef struct
{
  GFile  *file;
  GBytes *bytes;
} Trashed;

struct _MhDuplicatesPage
{
  GtkWindow           parent_instance;

  MhCollection       *collection;   /* owned */
  GtkStringList      *groups;       /* one line a group */
  GPtrArray          *group_ids;    /* GStrv of each group's display names */
  GtkSingleSelection *selection;
  GPtrArray          *trashed;      /* Trashed, of the last keep */
  gulong              health_handler;
  guint               refresh_id;

  /* Template children */
  GtkListView        *group_view;
  GtkGrid            *comparison;
  GtkWidget          *not_duplicate_button;
  GtkWidget          *undo_button;
};

G_DEFINE_FINAL_TYPE (MhDuplicatesPage, mh_duplicates_page, GTK_TYPE_WINDOW)

static void
trashed_free (Trashed *trashed)
{
  g_object_unref (trashed->file);
  g_bytes_unref (trashed->bytes);
  g_free (trashed);
}

/* The fields compared, as the form names them. */
static const struct
{
  const char *label;
  const char *(*get) (MhArticle *article);
} fields[] = {
  { N_("Title"), mh_article_get_title },
  { N_("Web URL"), mh_article_get_web_url },
  { N_("Original URL"), mh_article_get_original_url },
  { N_("Published"), mh_article_get_published_date_time },
  { N_("Provider"), mh_article_get_provider_name },
};

static MhArticle *
lookup (MhDuplicatesPage *self,
        const char       *name)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (mh_collection_get_folder (self->collection),
                                                        name);

  return mh_collection_lookup (self->collection, file);
}

static const char * const *
selected_ids (MhDuplicatesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->group_ids->len)
    return NULL;
  return g_ptr_array_index (self->group_ids, position);
}

static char *
topics_text (MhArticle *article)
{
  const char * const *topics = mh_article_get_topics (article);

  return topics != NULL ? g_strjoinv (", ", (char **) topics) : g_strdup ("");
}

/* The value of field @f (or the topics, past the table) of @article. */
static char *
field_text (MhArticle *article,
            guint      f)
{
  const char *value;

  if (f >= G_N_ELEMENTS (fields))
    return topics_text (article);
  value = fields[f].get (article);
  return g_strdup (value != NULL ? value : "");
}

char *
mh_duplicates_page_dup_comparison (MhDuplicatesPage *self)
{
  const char * const *ids;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (MH_IS_DUPLICATES_PAGE (self), NULL);

  ids = selected_ids (self);
  for (guint f = 0; ids != NULL && f <= G_N_ELEMENTS (fields); f++)
    {
      g_autofree char *first = NULL;

      g_string_append (out, f < G_N_ELEMENTS (fields) ? _(fields[f].label) : _("Topics"));
      for (guint i = 0; ids[i] != NULL; i++)
        {
          MhArticle *article = lookup (self, ids[i]);
          g_autofree char *value = NULL;

          /* The URLs are read from the document: hold it while reading. */
          if (article != NULL && mh_article_hold (article, NULL))
            {
              value = field_text (article, f);
              mh_article_release (article);
            }
          else
            value = g_strdup ("");

          if (i == 0)
            first = g_strdup (value);
          g_string_append_printf (out, "\t%s%s", i > 0 && strcmp (value, first) != 0 ? "≠ " : "",
                                  value);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void keep_clicked_cb (GtkButton        *button,
                             MhDuplicatesPage *self);

/* Fills the grid: a column a record, a row a field, differences marked. */
static void
show_comparison (MhDuplicatesPage *self)
{
  g_autofree char *text = mh_duplicates_page_dup_comparison (self);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char * const *ids = selected_ids (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comparison))) != NULL)
    gtk_grid_remove (self->comparison, child);
  gtk_widget_set_sensitive (self->not_duplicate_button, ids != NULL);
  if (ids == NULL)
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Keep This One"));
      GtkWidget *name = gtk_label_new (ids[i]);

      gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (self->comparison, name, (int) i + 1, 0, 1, 1);
      g_object_set_data (G_OBJECT (button), "mh-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (keep_clicked_cb), self);
      gtk_grid_attach (self->comparison, button, (int) i + 1, 1, 1, 1);
    }
  for (guint row = 0; lines[row] != NULL && lines[row][0] != '\0'; row++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[row], "\t", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          gboolean differs = g_str_has_prefix (cells[c], "≠ ");
          GtkWidget *label = gtk_label_new (differs ? cells[c] + strlen ("≠ ") : cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_selectable (GTK_LABEL (label), c > 0);
          if (c == 0)
            gtk_widget_add_css_class (label, "dim-label");
          if (differs)
            gtk_widget_add_css_class (label, "warning");
          gtk_grid_attach (self->comparison, label, (int) c, (int) row + 2, 1, 1);
        }
    }
}

void
mh_duplicates_page_refresh (MhDuplicatesPage *self)
{
  g_autoptr(GPtrArray) groups = mh_health_index_dup_groups (mh_collection_get_health (self->collection));
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;

  g_return_if_fail (MH_IS_DUPLICATES_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_ptr_array_set_size (self->group_ids, 0);
  for (guint i = 0; i < groups->len; i++)
    {
      MhDuplicateGroup *group = g_ptr_array_index (groups, i);
      g_auto(GStrv) reasons = mh_duplicate_reasons_to_strv (group->reasons);
      g_autofree char *names = g_strjoinv (", ", reasons);
      g_autofree char *files = g_strjoinv (", ", group->ids);
      g_autofree char *line = g_strdup_printf ("%s: %s", names, files);

      g_strv_builder_add (lines, line);
      g_ptr_array_add (self->group_ids, g_steal_pointer (&group->ids));
    }
  texts = g_strv_builder_end (lines);
  gtk_string_list_splice (self->groups, 0, g_list_model_get_n_items (G_LIST_MODEL (self->groups)),
                          (const char * const *) texts);
  show_comparison (self);
}

static gboolean
refresh_cb (gpointer data)
{
  MhDuplicatesPage *self = data;

  self->refresh_id = 0;
  mh_duplicates_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
health_changed_cb (MhDuplicatesPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (200, refresh_cb, self);
}

GListModel *
mh_duplicates_page_get_groups (MhDuplicatesPage *self)
{
  g_return_val_if_fail (MH_IS_DUPLICATES_PAGE (self), NULL);

  return G_LIST_MODEL (self->groups);
}

void
mh_duplicates_page_select_group (MhDuplicatesPage *self,
                                 guint             position)
{
  g_return_if_fail (MH_IS_DUPLICATES_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
  show_comparison (self);
}

gboolean
mh_duplicates_page_keep (MhDuplicatesPage  *self,
                         guint              index,
                         GError           **error)
{
  const char * const *ids;
  g_autoptr(GPtrArray) trashed = g_ptr_array_new_with_free_func ((GDestroyNotify) trashed_free);

  g_return_val_if_fail (MH_IS_DUPLICATES_PAGE (self), FALSE);

  ids = selected_ids (self);
  if (ids == NULL || index >= g_strv_length ((char **) ids))
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      MhArticle *article = lookup (self, ids[i]);
      Trashed *item;
      g_autofree char *data = NULL;
      gsize len = 0;

      if (i == index || article == NULL)
        continue;
      item = g_new0 (Trashed, 1);
      item->file = g_object_ref (mh_article_get_file (article));
      /* The bytes on disk, which the trash holds too: undo writes them back. */
      if (!g_file_load_contents (item->file, NULL, &data, &len, NULL, error))
        {
          g_object_unref (item->file);
          g_free (item);
          return FALSE;
        }
      item->bytes = g_bytes_new_take (g_steal_pointer (&data), len);
      if (!g_file_trash (item->file, NULL, error))
        {
          trashed_free (item);
          return FALSE;
        }
      g_ptr_array_add (trashed, item);
    }
  g_clear_pointer (&self->trashed, g_ptr_array_unref);
  self->trashed = g_steal_pointer (&trashed);
  gtk_widget_set_sensitive (self->undo_button, TRUE);
  return TRUE;
}

gboolean
mh_duplicates_page_undo (MhDuplicatesPage  *self,
                         GError           **error)
{
  g_return_val_if_fail (MH_IS_DUPLICATES_PAGE (self), FALSE);

  for (guint i = 0; self->trashed != NULL && i < self->trashed->len; i++)
    {
      Trashed *item = g_ptr_array_index (self->trashed, i);
      gsize len = 0;
      const char *data = g_bytes_get_data (item->bytes, &len);

      /* Only where nothing took its place meanwhile. */
      if (!g_file_replace_contents (item->file, data, len, NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
        return FALSE;
    }
  g_clear_pointer (&self->trashed, g_ptr_array_unref);
  gtk_widget_set_sensitive (self->undo_button, FALSE);
  return TRUE;
}

gboolean
mh_duplicates_page_not_duplicate (MhDuplicatesPage  *self,
                                  GError           **error)
{
  const char * const *ids;

  g_return_val_if_fail (MH_IS_DUPLICATES_PAGE (self), FALSE);

  ids = selected_ids (self);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    for (guint j = i + 1; ids[j] != NULL; j++)
      {
        MhArticle *a = lookup (self, ids[i]);
        MhArticle *b = lookup (self, ids[j]);

        if (a != NULL && b != NULL
            && !mh_collection_mark_not_duplicate (self->collection, a, b, error))
          return FALSE;
      }
  mh_duplicates_page_refresh (self);
  return TRUE;
}

static void
report (MhDuplicatesPage *self,
        GError           *error)
{
  MhWindow *window = MH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self)));

  if (error != NULL && window != NULL)
    _mh_window_show_error (window, _("Could not change the duplicates"), error);
}

static void
keep_clicked_cb (GtkButton        *button,
                 MhDuplicatesPage *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "mh-index"));

  if (!mh_duplicates_page_keep (self, index, &error))
    report (self, error);
}

static void
not_duplicate_clicked_cb (MhDuplicatesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!mh_duplicates_page_not_duplicate (self, &error))
    report (self, error);
}

static void
undo_clicked_cb (MhDuplicatesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!mh_duplicates_page_undo (self, &error))
    report (self, error);
}

static void
selection_changed_cb (MhDuplicatesPage *self)
{
  show_comparison (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

MhDuplicatesPage *
mh_duplicates_page_new (MhWindow *window)
{
  MhDuplicatesPage *self;
  MhCollection *collection;

  g_return_val_if_fail (MH_IS_WINDOW (window), NULL);

  collection = _mh_window_get_collection (window);
  g_return_val_if_fail (collection != NULL, NULL);

  self = g_object_new (MH_TYPE_DUPLICATES_PAGE, "transient-for", window,
                       "destroy-with-parent", TRUE, NULL);
  self->collection = g_object_ref (collection);
  self->health_handler = g_signal_connect_swapped (collection, "health-changed",
                                                   G_CALLBACK (health_changed_cb), self);
  mh_duplicates_page_refresh (self);
  return self;
}

static void
mh_duplicates_page_dispose (GObject *object)
{
  MhDuplicatesPage *self = MH_DUPLICATES_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->collection != NULL)
    {
      g_clear_signal_handler (&self->health_handler, self->collection);
      g_clear_object (&self->collection);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MH_TYPE_DUPLICATES_PAGE);

  G_OBJECT_CLASS (mh_duplicates_page_parent_class)->dispose (object);
}

static void
mh_duplicates_page_finalize (GObject *object)
{
  MhDuplicatesPage *self = MH_DUPLICATES_PAGE (object);

  g_clear_pointer (&self->group_ids, g_ptr_array_unref);
  g_clear_pointer (&self->trashed, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (mh_duplicates_page_parent_class)->finalize (object);
}

static void
mh_duplicates_page_class_init (MhDuplicatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_duplicates_page_dispose;
  object_class->finalize = mh_duplicates_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/masthead/Masthead/"
                                               "mh-duplicates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MhDuplicatesPage, group_view);
  gtk_widget_class_bind_template_child (widget_class, MhDuplicatesPage, comparison);
  gtk_widget_class_bind_template_child (widget_class, MhDuplicatesPage, not_duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, MhDuplicatesPage, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, not_duplicate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);
}

static void
mh_duplicates_page_init (MhDuplicatesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = gtk_string_list_new (NULL);
  self->group_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->groups)));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->group_view, factory);
  gtk_list_view_set_model (self->group_view, GTK_SELECTION_MODEL (g_object_ref (self->selection)));
}
