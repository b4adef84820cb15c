/* mh-saved-views.h: searches kept as named views in the sidebar, per folder, in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MH_TYPE_SAVED_VIEWS (mh_saved_views_get_type ())

G_DECLARE_FINAL_TYPE (MhSavedViews, mh_saved_views, MH, SAVED_VIEWS, GtkWidget)

/*
 * The views of the open folder, in the order they were kept, stored in the
 * "saved-views" key (folder URI → list of (name, search)). Clicking a view
 * emits ::view-activated with its search; the "+" button keeps the current
 * search under a name; each view's menu renames or removes it.
 */
GtkWidget  *mh_saved_views_new          (void);
/* @settings: (nullable): without them views last while the window does. */
void        mh_saved_views_set_settings (MhSavedViews *self,
                                         GSettings    *settings);
void        mh_saved_views_set_folder   (MhSavedViews *self,
                                         GFile        *folder);
/* The search in the search field now: what "+" would keep. */
void        mh_saved_views_set_search   (MhSavedViews *self,
                                         const char   *search);

/* Keeps @search as @name (replacing a view of that name). */
void        mh_saved_views_add          (MhSavedViews *self,
                                         const char   *name,
                                         const char   *search);
gboolean    mh_saved_views_rename       (MhSavedViews *self,
                                         const char   *name,
                                         const char   *new_name);
gboolean    mh_saved_views_remove       (MhSavedViews *self,
                                         const char   *name);
/* The search of @name, or NULL. */
const char *mh_saved_views_lookup       (MhSavedViews *self,
                                         const char   *name);
/* The names, in order. Returns: (transfer full) */
GStrv       mh_saved_views_dup_names    (MhSavedViews *self);

/* For tests. Returns: (transfer none) (nullable) */
GtkWidget  *mh_saved_views_get_button   (MhSavedViews *self,
                                         const char   *name);
GtkWidget  *mh_saved_views_get_keep_button (MhSavedViews *self);
/* The entry of the "keep" popover and its Keep button. */
GtkEditable *mh_saved_views_get_name_entry (MhSavedViews *self);

G_END_DECLS
