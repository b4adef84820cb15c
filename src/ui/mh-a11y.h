/* mh-a11y.h: one accessible name per control, said without mnemonic underscores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *mh_a11y_strip_mnemonic (const char *text);
void  mh_a11y_name_once      (GtkWidget  *button);
void  mh_a11y_label_only     (GtkWidget  *widget);
void  mh_a11y_fix_names      (GtkWidget  *root);

G_END_DECLS
