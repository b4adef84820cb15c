/* mh-saved-views.c: searches kept as named views in the sidebar, per folder, in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-saved-views.h"

typedef struct
{
  char *name;
  char *search;
} View;

struct _MhSavedViews
{
  GtkWidget   parent_instance;

  GSettings  *settings;
  char       *folder_uri;
  char       *search;
  GPtrArray  *views;        /* View, in the order kept */

  GtkWidget  *keep_button;
  GtkWidget  *name_entry;
  GtkWidget  *rows;
};

G_DEFINE_FINAL_TYPE (MhSavedViews, mh_saved_views, GTK_TYPE_WIDGET)

enum {
  VIEW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
view_free (View *view)
{
  g_free (view->name);
  g_free (view->search);
  g_free (view);
}

static View *
find_view (MhSavedViews *self,
           const char   *name,
           guint        *index)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      View *view = g_ptr_array_index (self->views, i);

      if (g_str_equal (view->name, name))
        {
          if (index != NULL)
            *index = i;
          return view;
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* GSettings: folder URI → [(name, search)] */

static void
mh_saved_views_store (MhSavedViews *self)
{
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariantBuilder) all = NULL;
  GVariantIter iter;
  const char *uri;
  GVariant *list;

  if (self->settings == NULL || self->folder_uri == NULL)
    return;

  old = g_settings_get_value (self->settings, "saved-views");
  all = g_variant_builder_new (G_VARIANT_TYPE ("a{sa(ss)}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s@a(ss)}", &uri, &list))
    {
      if (!g_str_equal (uri, self->folder_uri))
        g_variant_builder_add (all, "{s@a(ss)}", uri, list);
      g_variant_unref (list);
    }
  if (self->views->len > 0)
    {
      g_autoptr(GVariantBuilder) views = g_variant_builder_new (G_VARIANT_TYPE ("a(ss)"));

      for (guint i = 0; i < self->views->len; i++)
        {
          View *view = g_ptr_array_index (self->views, i);

          g_variant_builder_add (views, "(ss)", view->name, view->search);
        }
      g_variant_builder_add (all, "{sa(ss)}", self->folder_uri, views);
    }
  g_settings_set_value (self->settings, "saved-views", g_variant_builder_end (all));
}

static void
mh_saved_views_load (MhSavedViews *self)
{
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) list = NULL;
  GVariantIter iter;
  const char *name;
  const char *search;

  g_ptr_array_set_size (self->views, 0);
  if (self->settings == NULL || self->folder_uri == NULL)
    return;
  all = g_settings_get_value (self->settings, "saved-views");
  list = g_variant_lookup_value (all, self->folder_uri, G_VARIANT_TYPE ("a(ss)"));
  if (list == NULL)
    return;
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &search))
    if (*name != '\0' && find_view (self, name, NULL) == NULL)
      {
        View *view = g_new0 (View, 1);

        view->name = g_strdup (name);
        view->search = g_strdup (search);
        g_ptr_array_add (self->views, view);
      }
}

/* ------------------------------------------------------------------------------------------ */
/* Rows */

static void mh_saved_views_rebuild (MhSavedViews *self);

static void
view_clicked_cb (GtkButton    *button,
                 MhSavedViews *self)
{
  View *view = find_view (self, g_object_get_data (G_OBJECT (button), "mh-view"), NULL);

  if (view != NULL)
    g_signal_emit (self, signals[VIEW_ACTIVATED], 0, view->search);
}

/* Deferred: the handlers run inside the popover about to be destroyed by the rebuild. */
typedef struct
{
  MhSavedViews *self;
  char         *name;
  char         *new_name;   /* NULL: remove */
} Change;

static gboolean
apply_change_cb (gpointer user_data)
{
  Change *change = user_data;

  if (change->new_name != NULL)
    mh_saved_views_rename (change->self, change->name, change->new_name);
  else
    mh_saved_views_remove (change->self, change->name);
  g_object_unref (change->self);
  g_free (change->name);
  g_free (change->new_name);
  g_free (change);
  return G_SOURCE_REMOVE;
}

static void
queue_change (MhSavedViews *self,
              GtkWidget    *source,
              const char   *new_name)
{
  Change *change = g_new0 (Change, 1);
  GtkWidget *popover = gtk_widget_get_ancestor (source, GTK_TYPE_POPOVER);

  change->self = g_object_ref (self);
  change->name = g_strdup (g_object_get_data (G_OBJECT (source), "mh-view"));
  change->new_name = g_strdup (new_name);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_idle_add (apply_change_cb, change);
}

static void
rename_activate_cb (GtkEntry     *entry,
                    MhSavedViews *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*name != '\0')
    queue_change (self, GTK_WIDGET (entry), name);
}

static void
remove_clicked_cb (GtkButton    *button,
                   MhSavedViews *self)
{
  queue_change (self, GTK_WIDGET (button), NULL);
}

static GtkWidget *
view_menu_new (MhSavedViews *self,
               View         *view)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove View"));
  g_autofree char *a11y = g_strdup_printf (_("Rename or remove the view “%s”"), view->name);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (menu), FALSE);
  gtk_widget_set_tooltip_text (menu, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), view->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New name of the view (Enter renames)"), -1);
  g_object_set_data_full (G_OBJECT (entry), "mh-view", g_strdup (view->name), g_free);
  g_object_set_data_full (G_OBJECT (remove), "mh-view", g_strdup (view->name), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (rename_activate_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  return menu;
}

static void
mh_saved_views_rebuild (MhSavedViews *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
  for (guint i = 0; i < self->views->len; i++)
    {
      View *view = g_ptr_array_index (self->views, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (view->name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_hexpand (button, TRUE);
      gtk_widget_set_tooltip_text (button, view->search);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      view->name, -1);
      g_object_set_data_full (G_OBJECT (button), "mh-view", g_strdup (view->name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (view_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), button);
      gtk_box_append (GTK_BOX (row), view_menu_new (self, view));
      gtk_box_append (GTK_BOX (self->rows), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->views->len > 0 || (self->search != NULL && *self->search != '\0'));
}

/* ------------------------------------------------------------------------------------------ */
/* Keeping the current search */

static void
keep_cb (MhSavedViews *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->keep_button));

  if (*name == '\0' || self->search == NULL || *self->search == '\0')
    return;
  mh_saved_views_add (self, name, self->search);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_popover_popdown (popover);
}

static void
keep_shown_cb (MhSavedViews *self)
{
  /* The search itself is a good first name. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->name_entry)) == '\0' && self->search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), self->search);
  gtk_widget_grab_focus (self->name_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}

/* ------------------------------------------------------------------------------------------ */
/* API */

void
mh_saved_views_set_settings (MhSavedViews *self,
                             GSettings    *settings)
{
  g_return_if_fail (MH_IS_SAVED_VIEWS (self));

  g_set_object (&self->settings, settings);
  mh_saved_views_load (self);
  mh_saved_views_rebuild (self);
}

void
mh_saved_views_set_folder (MhSavedViews *self,
                           GFile        *folder)
{
  g_return_if_fail (MH_IS_SAVED_VIEWS (self));

  g_free (self->folder_uri);
  self->folder_uri = folder != NULL ? g_file_get_uri (folder) : NULL;
  mh_saved_views_load (self);
  mh_saved_views_rebuild (self);
}

void
mh_saved_views_set_search (MhSavedViews *self,
                           const char   *search)
{
  g_autofree char *stripped = g_strstrip (g_strdup (search != NULL ? search : ""));

  g_return_if_fail (MH_IS_SAVED_VIEWS (self));

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  gtk_widget_set_sensitive (self->keep_button, *self->search != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self), self->views->len > 0 || *self->search != '\0');
}

void
mh_saved_views_add (MhSavedViews *self,
                    const char   *name,
                    const char   *search)
{
  View *view;

  g_return_if_fail (MH_IS_SAVED_VIEWS (self));
  g_return_if_fail (name != NULL && *name != '\0' && search != NULL);

  view = find_view (self, name, NULL);
  if (view == NULL)
    {
      view = g_new0 (View, 1);
      view->name = g_strdup (name);
      g_ptr_array_add (self->views, view);
    }
  g_free (view->search);
  view->search = g_strdup (search);
  mh_saved_views_store (self);
  mh_saved_views_rebuild (self);
}

gboolean
mh_saved_views_rename (MhSavedViews *self,
                       const char   *name,
                       const char   *new_name)
{
  View *view;
  guint other;

  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), FALSE);
  g_return_val_if_fail (new_name != NULL && *new_name != '\0', FALSE);

  view = find_view (self, name, NULL);
  if (view == NULL)
    return FALSE;
  if (g_str_equal (name, new_name))
    return TRUE;
  /* Taking another view's name replaces that view. */
  if (find_view (self, new_name, &other) != NULL)
    g_ptr_array_remove_index (self->views, other);
  g_free (view->name);
  view->name = g_strdup (new_name);
  mh_saved_views_store (self);
  mh_saved_views_rebuild (self);
  return TRUE;
}

gboolean
mh_saved_views_remove (MhSavedViews *self,
                       const char   *name)
{
  guint index;

  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), FALSE);

  if (find_view (self, name, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (self->views, index);
  mh_saved_views_store (self);
  mh_saved_views_rebuild (self);
  return TRUE;
}

const char *
mh_saved_views_lookup (MhSavedViews *self,
                       const char   *name)
{
  View *view;

  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), NULL);

  view = find_view (self, name, NULL);
  return view != NULL ? view->search : NULL;
}

GStrv
mh_saved_views_dup_names (MhSavedViews *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), NULL);

  for (guint i = 0; i < self->views->len; i++)
    g_strv_builder_add (builder, ((View *) g_ptr_array_index (self->views, i))->name);
  return g_strv_builder_end (builder);
}

GtkWidget *
mh_saved_views_get_button (MhSavedViews *self,
                           const char   *name)
{
  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (self->rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = gtk_widget_get_first_child (row);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "mh-view"), name) == 0)
        return button;
    }
  return NULL;
}

GtkWidget *
mh_saved_views_get_keep_button (MhSavedViews *self)
{
  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), NULL);
  return self->keep_button;
}

GtkEditable *
mh_saved_views_get_name_entry (MhSavedViews *self)
{
  g_return_val_if_fail (MH_IS_SAVED_VIEWS (self), NULL);
  return GTK_EDITABLE (self->name_entry);
}

GtkWidget *
mh_saved_views_new (void)
{
  return g_object_new (MH_TYPE_SAVED_VIEWS, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
mh_saved_views_dispose (GObject *object)
{
  MhSavedViews *self = MH_SAVED_VIEWS (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mh_saved_views_parent_class)->dispose (object);
}

static void
mh_saved_views_finalize (GObject *object)
{
  MhSavedViews *self = MH_SAVED_VIEWS (object);

  g_ptr_array_unref (self->views);
  g_free (self->folder_uri);
  g_free (self->search);

  G_OBJECT_CLASS (mh_saved_views_parent_class)->finalize (object);
}

static void
mh_saved_views_class_init (MhSavedViewsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_saved_views_dispose;
  object_class->finalize = mh_saved_views_finalize;

  /**
   * MhSavedViews::view-activated:
   * @search: the view's search
   */
  signals[VIEW_ACTIVATED] = g_signal_new ("view-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-saved-views");
}

static void
mh_saved_views_init (MhSavedViews *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *heading_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (_("VIEWS"));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) view_free);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "mh-facet-heading");
  /* In line with the facets' headings below. */
  gtk_widget_set_margin_start (heading, 4);
  gtk_box_append (GTK_BOX (heading_row), heading);

  self->name_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->name_entry), _("Name of the view"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the view"), -1);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (keep_cb), self);
  g_signal_connect_swapped (keep, "clicked", G_CALLBACK (keep_cb), self);
  gtk_widget_add_css_class (keep, "suggested-action");
  gtk_box_append (GTK_BOX (box), self->name_entry);
  gtk_box_append (GTK_BOX (box), keep);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (keep_shown_cb), self);

  self->keep_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->keep_button), "list-add-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->keep_button), popover);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->keep_button), FALSE);
  gtk_widget_set_valign (self->keep_button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (self->keep_button, _("Keep the Search as a View"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep the Search as a View"),
                                  -1);
  gtk_widget_set_sensitive (self->keep_button, FALSE);
  gtk_box_append (GTK_BOX (heading_row), self->keep_button);
  gtk_widget_set_parent (heading_row, GTK_WIDGET (self));

  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->rows, GTK_WIDGET (self));
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
