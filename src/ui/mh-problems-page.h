/* mh-problems-page.h: every problem of the collection, grouped by rule, one click from its field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-window.h"

G_BEGIN_DECLS

#define MH_TYPE_PROBLEMS_PAGE (mh_problems_page_get_type ())

G_DECLARE_FINAL_TYPE (MhProblemsPage, mh_problems_page, MH, PROBLEMS_PAGE, GtkWindow)

MhProblemsPage *mh_problems_page_new       (MhWindow       *window);
/* The rows as shown: a line per rule (`rule (count)`) then one per problem
 * (`FILE:LINE:COLUMN: message` or `FILE: path: message`). */
GListModel     *mh_problems_page_get_rows  (MhProblemsPage *self);
/* What activating row @position does: select its record in the window and
 * focus its field. FALSE for a rule's line. */
gboolean        mh_problems_page_activate  (MhProblemsPage *self,
                                            guint           position);
/* Rebuilds the rows now rather than from the next idle. */
void            mh_problems_page_refresh   (MhProblemsPage *self);

G_END_DECLS
