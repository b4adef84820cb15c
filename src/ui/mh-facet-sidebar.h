/* mh-facet-sidebar.h: the facets with counts (topics, provider, …) that narrow the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-collection.h"
#include "mh-filter.h"

G_BEGIN_DECLS

#define MH_TYPE_FACET_SIDEBAR (mh_facet_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (MhFacetSidebar, mh_facet_sidebar, MH, FACET_SIDEBAR, GtkWidget)

GtkWidget *mh_facet_sidebar_new            (void);
void       mh_facet_sidebar_set_filter     (MhFacetSidebar *self,
                                            MhFilter       *filter);
void       mh_facet_sidebar_set_collection (MhFacetSidebar *self,
                                            MhCollection   *collection);
/* Rebuilds every section, ordering values by count (after a load), one per idle iteration. */
void       mh_facet_sidebar_rebuild        (MhFacetSidebar *self);
/* Puts the widgets back in line with the filter (after it was reset). */
void       mh_facet_sidebar_sync           (MhFacetSidebar *self);
/* Whether counts are still being taken or a recount is queued. */
gboolean   mh_facet_sidebar_is_busy        (MhFacetSidebar *self);
/* The check (or radio) button of @value in @facet, or NULL when not shown.
 * Returns: (transfer none) (nullable) */
GtkWidget *mh_facet_sidebar_get_button     (MhFacetSidebar *self,
                                            MhFacet         facet,
                                            const char     *value);
/* The spin buttons of the quality range. Returns: (transfer none) */
GtkWidget *mh_facet_sidebar_get_quality_spin (MhFacetSidebar *self,
                                              gboolean        maximum);
/* The count shown next to @value, or -1. */
int        mh_facet_sidebar_get_count      (MhFacetSidebar *self,
                                            MhFacet         facet,
                                            const char     *value);

G_END_DECLS
