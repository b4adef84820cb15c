/* mh-application.h: the GtkApplication: command line, actions, accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MH_TYPE_APPLICATION (mh_application_get_type ())

G_DECLARE_FINAL_TYPE (MhApplication, mh_application, MH, APPLICATION, GtkApplication)

/* @flags: added to G_APPLICATION_HANDLES_OPEN (tests pass G_APPLICATION_NON_UNIQUE). */
MhApplication *mh_application_new          (GApplicationFlags  flags);
GSettings     *mh_application_get_settings (MhApplication     *self);

G_END_DECLS
