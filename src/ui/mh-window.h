/* mh-window.h: the main window: facets, record list, form, status bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MH_TYPE_WINDOW (mh_window_get_type ())

G_DECLARE_FINAL_TYPE (MhWindow, mh_window, MH, WINDOW, GtkApplicationWindow)

MhWindow *mh_window_new                 (GtkApplication *application,
                                         GSettings      *settings);
void      mh_window_open_folder         (MhWindow       *self,
                                         GFile          *folder);
/* Once the records are loaded and drawn, save the window as a PNG and close it. */
void      mh_window_set_screenshot_file (MhWindow       *self,
                                         const char     *path);

/* Whether a folder is open (else the window shows its empty state). */
gboolean  mh_window_has_folder          (MhWindow       *self);
/* Once the records are loaded, select @name (a path relative to the folder). */
void      mh_window_set_initial_selection (MhWindow   *self,
                                           const char *name);

G_END_DECLS
