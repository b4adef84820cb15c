/* mh-facet-sidebar.c: the facets with counts (topics, provider, …) that narrow the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-a11y.h"
#include "mh-facet-sidebar.h"

/* Long facets (a collection has hundreds of topics) show their most common values first. */
#define SHORT_LIMIT 8

typedef struct
{
  MhFacetSidebar *self;       /* borrowed */
  MhFacet         facet;
  const char     *heading;    /* translatable */
  GtkWidget      *rows;       /* box of check buttons */
  GtkWidget      *more;       /* "Show all" button, or NULL */
  GHashTable     *buttons;    /* value → GtkCheckButton (owned by rows) */
  GHashTable     *counts;     /* value → GtkLabel */
  GPtrArray      *order;      /* values, most common first */
  gboolean        expanded;
  gboolean        limited;
} Section;

struct _MhFacetSidebar
{
  GtkWidget     parent_instance;

  MhFilter     *filter;
  MhCollection *collection;
  Section       sections[MH_N_FACETS];

  GtkWidget    *content;
  GtkWidget    *published_any;
  GtkSpinButton *quality_min;
  GtkSpinButton *quality_max;
  guint         refresh_id;
  guint         work_id;
  guint         pending_rebuild;   /* bit per facet */
  guint         pending_refresh;   /* bit per facet */
  /* The count under way, a slice of records per main-loop iteration. */
  GHashTable   *job_counts;
  guint         job_facet;
  guint         job_position;
  gboolean      job_rebuild;

  guint         syncing : 1;
};

G_DEFINE_FINAL_TYPE (MhFacetSidebar, mh_facet_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLLECTION,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  MhFacet     facet;
  const char *heading;
  gboolean    limited;
} section_info[] = {
  { MH_FACET_TOPIC, N_("Topics"), TRUE },
  { MH_FACET_PROVIDER, N_("Provider"), TRUE },
  { MH_FACET_CATEGORY, N_("Category"), TRUE },
  { MH_FACET_TYPE, N_("Type"), TRUE },
  { MH_FACET_PUBLISHED, N_("Published"), FALSE },
  { MH_FACET_MODIFIED, N_("Modified"), FALSE },
  { MH_FACET_PROBLEMS, N_("Problems"), FALSE },
};

static const char *
value_label (MhFacet     facet,
             const char *value)
{
  switch (facet)
    {
    case MH_FACET_PUBLISHED:
      return g_str_equal (value, "true") ? _("Yes") : _("No");

    case MH_FACET_MODIFIED:
      return g_str_equal (value, "true") ? _("Modified") : _("Unmodified");

    case MH_FACET_PROBLEMS:
      if (g_str_equal (value, "error"))
        return _("Errors");
      if (g_str_equal (value, "warning"))
        return _("Warnings only");
      return _("No problems");

    case MH_FACET_TOPIC:
    case MH_FACET_PROVIDER:
    case MH_FACET_CATEGORY:
    case MH_FACET_TYPE:
    case MH_N_FACETS:
    default:
      return value[0] == '\0' ? _("(none)") : value;
    }
}

static void
check_toggled_cb (GtkCheckButton *button,
                  Section        *section)
{
  MhFacetSidebar *self = section->self;
  const char *value = g_object_get_data (G_OBJECT (button), "mh-facet-value");

  if (self->syncing || self->filter == NULL)
    return;

  if (section->facet == MH_FACET_PUBLISHED)
    {
      /* Radio buttons: one value, or any. */
      if (!gtk_check_button_get_active (button))
        return;
      mh_filter_clear_facet (self->filter, MH_FACET_PUBLISHED);
      if (value != NULL)
        mh_filter_set_facet_value (self->filter, MH_FACET_PUBLISHED, value, TRUE);
      return;
    }

  mh_filter_set_facet_value (self->filter, section->facet, value,
                             gtk_check_button_get_active (button));
}

static GtkWidget *
section_add_row (Section    *section,
                 const char *value)
{
  MhFacetSidebar *self = section->self;
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (value_label (section->facet, value));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, value_label (section->facet, value));
  gtk_widget_add_css_class (count, "mh-facet-count");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  value_label (section->facet, value), -1);

  g_object_set_data_full (G_OBJECT (button), "mh-facet-value", g_strdup (value), g_free);
  if (section->facet == MH_FACET_PUBLISHED)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button),
                                GTK_CHECK_BUTTON (self->published_any));
  if (self->filter != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                                 mh_filter_get_facet_value (self->filter, section->facet, value));
  g_signal_connect (button, "toggled", G_CALLBACK (check_toggled_cb), section);

  gtk_box_append (GTK_BOX (section->rows), button);
  g_hash_table_insert (section->buttons, g_strdup (value), button);
  g_hash_table_insert (section->counts, g_strdup (value), count);
  return button;
}

static void
section_set_count (Section    *section,
                   const char *value,
                   guint       count)
{
  GtkWidget *button = g_hash_table_lookup (section->buttons, value);
  GtkLabel *label = g_hash_table_lookup (section->counts, value);
  g_autofree char *text = g_strdup_printf ("%'u", count);

  if (label == NULL)
    return;
  gtk_label_set_text (label, text);
  g_object_set_data (G_OBJECT (label), "mh-count", GUINT_TO_POINTER (count));
  /* A value no record matches stays visible (its count says why the list is empty), but dim. */
  gtk_widget_set_opacity (button,
                          count == 0 && !gtk_check_button_get_active (GTK_CHECK_BUTTON (button))
                          ? 0.55 : 1.0);
}

static void
section_update_more (Section *section)
{
  guint n = section->order->len;

  if (section->more == NULL)
    return;
  gtk_widget_set_visible (section->more, section->limited && n > SHORT_LIMIT);
  if (section->expanded)
    gtk_button_set_label (GTK_BUTTON (section->more), _("Show fewer"));
  else
    {
      /* Translators: a button under a facet's first values: "Show all 14" */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show all %'u",
                                                             "Show all %'u", n), n);

      gtk_button_set_label (GTK_BUTTON (section->more), label);
    }
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  const char *va = *(const char * const *) a;
  const char *vb = *(const char * const *) b;
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (counts, va));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, vb));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return g_utf8_collate (va, vb);
}

static gboolean
section_shows (Section    *section,
               guint       index,
               const char *value)
{
  if (!section->limited || section->expanded || index < SHORT_LIMIT)
    return TRUE;
  /* A selected value always stays in reach, to be unselected. */
  return section->self->filter != NULL
         && mh_filter_get_facet_value (section->self->filter, section->facet, value);
}

static void
section_rebuild (Section    *section,
                 GHashTable *counts)
{
  MhFacetSidebar *self = section->self;
  g_autoptr(GHashTable) own_counts = NULL;
  GtkWidget *child;
  GHashTableIter iter;
  gpointer key;

  while ((child = gtk_widget_get_first_child (section->rows)) != NULL)
    gtk_box_remove (GTK_BOX (section->rows), child);
  g_hash_table_remove_all (section->buttons);
  g_hash_table_remove_all (section->counts);
  g_ptr_array_set_size (section->order, 0);

  if (self->collection == NULL)
    return;

  if (counts == NULL)
    counts = own_counts = mh_collection_count_facets (self->collection, section->facet,
                                                      self->filter);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (section->order, g_strdup (key));

  if (section->facet == MH_FACET_PUBLISHED || section->facet == MH_FACET_MODIFIED
      || section->facet == MH_FACET_PROBLEMS)
    {
      /* Fixed values, in a fixed order: the radio group reads as a sentence. */
      static const char *fixed_published[] = { "true", "false", NULL };
      static const char *fixed_modified[] = { "true", NULL };
      static const char *fixed_problems[] = { "error", "warning", "none", NULL };
      const char **fixed = section->facet == MH_FACET_PUBLISHED ? fixed_published
                           : section->facet == MH_FACET_MODIFIED ? fixed_modified
                           : fixed_problems;

      g_ptr_array_set_size (section->order, 0);
      for (guint i = 0; fixed[i] != NULL; i++)
        g_ptr_array_add (section->order, g_strdup (fixed[i]));
    }
  else
    g_ptr_array_sort_with_data (section->order, compare_counts, counts);

  for (guint i = 0; i < section->order->len; i++)
    {
      const char *value = g_ptr_array_index (section->order, i);

      if (section_shows (section, i, value))
        {
          section_add_row (section, value);
          section_set_count (section, value,
                             GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)));
        }
    }
  section_update_more (section);
}

static void
section_refresh (Section    *section,
                 GHashTable *counts)
{
  MhFacetSidebar *self = section->self;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  gboolean grew = FALSE;

  if (self->collection == NULL)
    return;

  /* Keep the order the user sees stable while counts change; new values go last. */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_ptr_array_find_with_equal_func (section->order, key, g_str_equal, NULL))
      {
        g_ptr_array_add (section->order, g_strdup (key));
        if (section_shows (section, section->order->len - 1, key))
          section_add_row (section, key);
        grew = TRUE;
      }

  g_hash_table_iter_init (&iter, section->counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    section_set_count (section, key, GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)));
  if (grew)
    section_update_more (section);
}

static void
more_clicked_cb (GtkButton *button,
                 Section   *section)
{
  section->expanded = !section->expanded;
  section_rebuild (section, NULL);
}

#define COUNT_SLICE 20000

/* Drops the count under way (it would mix records from before and after a
 * change) and puts its facet back in the queue. */
static void
job_clear (MhFacetSidebar *self)
{
  if (self->job_counts == NULL)
    return;
  if (self->job_rebuild)
    self->pending_rebuild |= 1u << self->job_facet;
  else
    self->pending_refresh |= 1u << self->job_facet;
  g_clear_pointer (&self->job_counts, g_hash_table_unref);
}

static gboolean
work_cb (gpointer user_data)
{
  MhFacetSidebar *self = user_data;
  guint n;

  /* A facet's count is a pass over every record, tens of ms at 100,000: it
   * goes a slice per main-loop iteration, so no frame waits for it. */
  if (self->job_counts == NULL)
    {
      guint i;

      for (i = 0; i < MH_N_FACETS; i++)
        if ((self->pending_rebuild | self->pending_refresh) & (1u << i))
          break;
      if (i == MH_N_FACETS || self->collection == NULL)
        {
          self->pending_rebuild = self->pending_refresh = 0;
          self->work_id = 0;
          return G_SOURCE_REMOVE;
        }
      self->job_facet = i;
      self->job_position = 0;
      self->job_rebuild = (self->pending_rebuild & (1u << i)) != 0;
      self->pending_rebuild &= ~(1u << i);
      self->pending_refresh &= ~(1u << i);
      self->job_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->collection));
  mh_collection_count_facets_range (self->collection, self->job_facet, self->filter,
                                    self->job_counts, self->job_position,
                                    self->job_position + COUNT_SLICE);
  self->job_position += COUNT_SLICE;
  if (self->job_position < n)
    return G_SOURCE_CONTINUE;

  if (self->job_rebuild)
    {
      self->syncing = TRUE;
      section_rebuild (&self->sections[self->job_facet], self->job_counts);
      self->syncing = FALSE;
    }
  else
    section_refresh (&self->sections[self->job_facet], self->job_counts);
  g_clear_pointer (&self->job_counts, g_hash_table_unref);
  return G_SOURCE_CONTINUE;
}

static void
queue_work (MhFacetSidebar *self)
{
  if (self->work_id == 0)
    self->work_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, work_cb, self, NULL);
}

static gboolean
refresh_cb (gpointer user_data)
{
  MhFacetSidebar *self = user_data;

  self->refresh_id = 0;
  job_clear (self);
  self->pending_refresh = (1u << MH_N_FACETS) - 1;
  queue_work (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MhFacetSidebar *self)
{
  /* Batch bursts of changes (typing, bulk edits) before counting. */
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (150, refresh_cb, self);
}

static void
quality_changed_cb (MhFacetSidebar *self,
                    GtkSpinButton  *spin)
{
  gint64 min = gtk_spin_button_get_value_as_int (self->quality_min);
  gint64 max = gtk_spin_button_get_value_as_int (self->quality_max);

  if (self->syncing || self->filter == NULL)
    return;
  mh_filter_set_quality_range (self->filter, min, MAX (min, max));
}

static GtkWidget *
heading_new (const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  GtkWidget *label = gtk_label_new (upper);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "mh-facet-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return label;
}

static GtkWidget *
quality_spin_new (MhFacetSidebar *self,
                  double          value,
                  const char     *a11y)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (quality_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return spin;
}

static void
mh_facet_sidebar_build (MhFacetSidebar *self)
{
  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->content, 10);
  gtk_widget_set_margin_end (self->content, 10);
  gtk_widget_set_margin_bottom (self->content, 12);

  for (guint i = 0; i < G_N_ELEMENTS (section_info); i++)
    {
      Section *section = &self->sections[section_info[i].facet];

      section->self = self;
      section->facet = section_info[i].facet;
      section->heading = section_info[i].heading;
      section->limited = section_info[i].limited;
      section->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      section->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      section->order = g_ptr_array_new_with_free_func (g_free);

      if (section->facet == MH_FACET_PROBLEMS)
        {
          /* The quality range sits with the other record-level facets, before problems. */
          GtkWidget *range = gtk_grid_new ();
          /* No mnemonics: Alt+T and Alt+F belong to the form's Title and Fields. */
          GtkWidget *from = gtk_label_new (_("From"));
          GtkWidget *to = gtk_label_new (_("To"));

          gtk_grid_set_row_spacing (GTK_GRID (range), 4);
          gtk_grid_set_column_spacing (GTK_GRID (range), 8);
          gtk_box_append (GTK_BOX (self->content), heading_new (_("Quality")));
          self->quality_min = GTK_SPIN_BUTTON (quality_spin_new (self, 0, _("Minimum quality")));
          self->quality_max = GTK_SPIN_BUTTON (quality_spin_new (self, 100,
                                                                 _("Maximum quality")));
          gtk_label_set_mnemonic_widget (GTK_LABEL (from), GTK_WIDGET (self->quality_min));
          gtk_label_set_mnemonic_widget (GTK_LABEL (to), GTK_WIDGET (self->quality_max));
          mh_a11y_label_only (GTK_WIDGET (self->quality_min));
          mh_a11y_label_only (GTK_WIDGET (self->quality_max));
          gtk_label_set_xalign (GTK_LABEL (from), 0.0);
          gtk_label_set_xalign (GTK_LABEL (to), 0.0);
          gtk_grid_attach (GTK_GRID (range), from, 0, 0, 1, 1);
          gtk_grid_attach (GTK_GRID (range), GTK_WIDGET (self->quality_min), 1, 0, 1, 1);
          gtk_grid_attach (GTK_GRID (range), to, 0, 1, 1, 1);
          gtk_grid_attach (GTK_GRID (range), GTK_WIDGET (self->quality_max), 1, 1, 1, 1);
          gtk_widget_set_margin_start (range, 4);
          gtk_box_append (GTK_BOX (self->content), range);
        }

      gtk_box_append (GTK_BOX (self->content), heading_new (_(section->heading)));
      if (section->facet == MH_FACET_PUBLISHED)
        {
          self->published_any = gtk_check_button_new_with_label (_("Any"));
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->published_any), TRUE);
          g_signal_connect (self->published_any, "toggled", G_CALLBACK (check_toggled_cb),
                            section);
          gtk_box_append (GTK_BOX (self->content), self->published_any);
        }
      section->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (self->content), section->rows);
      if (section->limited)
        {
          section->more = gtk_button_new_with_label ("");
          gtk_widget_add_css_class (section->more, "flat");
          gtk_widget_set_halign (section->more, GTK_ALIGN_START);
          gtk_widget_set_visible (section->more, FALSE);
          g_signal_connect (section->more, "clicked", G_CALLBACK (more_clicked_cb), section);
          gtk_box_append (GTK_BOX (self->content), section->more);
        }
    }
}

static void
collection_changed_cb (MhFacetSidebar *self)
{
  /* While loading, records arrive in batches and every count is a pass over all of them:
   * the window rebuilds the facets once the load is done instead. */
  if (self->collection != NULL && mh_collection_get_loading (self->collection))
    return;
  queue_refresh (self);
}

void
mh_facet_sidebar_set_collection (MhFacetSidebar *self,
                                 MhCollection   *collection)
{
  g_return_if_fail (MH_IS_FACET_SIDEBAR (self));

  if (self->collection == collection)
    return;
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_set_object (&self->collection, collection);
  if (collection != NULL)
    {
      g_signal_connect_object (collection, "items-changed", G_CALLBACK (collection_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (collection, "article-changed", G_CALLBACK (collection_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  mh_facet_sidebar_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTION]);
}

void
mh_facet_sidebar_set_filter (MhFacetSidebar *self,
                             MhFilter       *filter)
{
  g_return_if_fail (MH_IS_FACET_SIDEBAR (self));

  if (self->filter == filter)
    return;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (collection_changed_cb), self,
                             G_CONNECT_SWAPPED);
  mh_facet_sidebar_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

void
mh_facet_sidebar_rebuild (MhFacetSidebar *self)
{
  g_return_if_fail (MH_IS_FACET_SIDEBAR (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  job_clear (self);
  self->pending_rebuild = (1u << MH_N_FACETS) - 1;
  queue_work (self);
}

void
mh_facet_sidebar_sync (MhFacetSidebar *self)
{
  g_return_if_fail (MH_IS_FACET_SIDEBAR (self));

  if (self->filter == NULL)
    return;

  self->syncing = TRUE;
  for (guint i = 0; i < MH_N_FACETS; i++)
    {
      Section *section = &self->sections[i];
      GHashTableIter iter;
      gpointer key;
      gpointer button;

      g_hash_table_iter_init (&iter, section->buttons);
      while (g_hash_table_iter_next (&iter, &key, &button))
        gtk_check_button_set_active (button,
                                     mh_filter_get_facet_value (self->filter, section->facet, key));
    }
  if (!mh_filter_get_facet_value (self->filter, MH_FACET_PUBLISHED, "true")
      && !mh_filter_get_facet_value (self->filter, MH_FACET_PUBLISHED, "false"))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->published_any), TRUE);
  gtk_spin_button_set_value (self->quality_min, mh_filter_get_quality_min (self->filter));
  gtk_spin_button_set_value (self->quality_max, mh_filter_get_quality_max (self->filter));
  self->syncing = FALSE;
}

/**
 * mh_facet_sidebar_get_button:
 *
 * Returns: (transfer none) (nullable): the button of @value in @facet
 */
gboolean
mh_facet_sidebar_is_busy (MhFacetSidebar *self)
{
  g_return_val_if_fail (MH_IS_FACET_SIDEBAR (self), FALSE);

  return self->work_id != 0 || self->refresh_id != 0;
}

GtkWidget *
mh_facet_sidebar_get_button (MhFacetSidebar *self,
                             MhFacet         facet,
                             const char     *value)
{
  g_return_val_if_fail (MH_IS_FACET_SIDEBAR (self), NULL);
  g_return_val_if_fail (facet < MH_N_FACETS, NULL);

  if (facet == MH_FACET_PUBLISHED && value == NULL)
    return self->published_any;
  return g_hash_table_lookup (self->sections[facet].buttons, value);
}

GtkWidget *
mh_facet_sidebar_get_quality_spin (MhFacetSidebar *self,
                                   gboolean        maximum)
{
  g_return_val_if_fail (MH_IS_FACET_SIDEBAR (self), NULL);

  return GTK_WIDGET (maximum ? self->quality_max : self->quality_min);
}

int
mh_facet_sidebar_get_count (MhFacetSidebar *self,
                            MhFacet         facet,
                            const char     *value)
{
  GtkLabel *label;

  g_return_val_if_fail (MH_IS_FACET_SIDEBAR (self), -1);
  g_return_val_if_fail (facet < MH_N_FACETS, -1);

  label = g_hash_table_lookup (self->sections[facet].counts, value);
  return label != NULL ? (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "mh-count"))
                       : -1;
}

static void
mh_facet_sidebar_dispose (GObject *object)
{
  MhFacetSidebar *self = MH_FACET_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->work_id, g_source_remove);
  job_clear (self);
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  g_clear_object (&self->collection);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (mh_facet_sidebar_parent_class)->dispose (object);
}

static void
mh_facet_sidebar_finalize (GObject *object)
{
  MhFacetSidebar *self = MH_FACET_SIDEBAR (object);

  for (guint i = 0; i < MH_N_FACETS; i++)
    {
      g_clear_pointer (&self->sections[i].buttons, g_hash_table_unref);
      g_clear_pointer (&self->sections[i].counts, g_hash_table_unref);
      g_clear_pointer (&self->sections[i].order, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (mh_facet_sidebar_parent_class)->finalize (object);
}

static void
mh_facet_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MhFacetSidebar *self = MH_FACET_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      g_value_set_object (value, self->collection);
      break;

    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_facet_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MhFacetSidebar *self = MH_FACET_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      mh_facet_sidebar_set_collection (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      mh_facet_sidebar_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_facet_sidebar_class_init (MhFacetSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mh_facet_sidebar_dispose;
  object_class->finalize = mh_facet_sidebar_finalize;
  object_class->get_property = mh_facet_sidebar_get_property;
  object_class->set_property = mh_facet_sidebar_set_property;

  /**
   * MhFacetSidebar:collection:
   *
   * The records whose values and counts the facets show.
   */
  properties[PROP_COLLECTION] =
    g_param_spec_object ("collection", NULL, NULL, MH_TYPE_COLLECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MhFacetSidebar:filter:
   *
   * The filter the facets select values in (shared with the record list).
   */
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, MH_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-facet-sidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mh_facet_sidebar_init (MhFacetSidebar *self)
{
  mh_facet_sidebar_build (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filters"), -1);
}

GtkWidget *
mh_facet_sidebar_new (void)
{
  return g_object_new (MH_TYPE_FACET_SIDEBAR, NULL);
}
