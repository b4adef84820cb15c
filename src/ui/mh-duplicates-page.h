/* mh-duplicates-page.h: probable duplicates side by side: keep one, or "not a duplicate"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-window.h"

G_BEGIN_DECLS

#define MH_TYPE_DUPLICATES_PAGE (mh_duplicates_page_get_type ())

G_DECLARE_FINAL_TYPE (MhDuplicatesPage, mh_duplicates_page, MH, DUPLICATES_PAGE, GtkWindow)

MhDuplicatesPage *mh_duplicates_page_new          (MhWindow         *window);
/* The groups as listed: `reasons: file, file…`. */
GListModel       *mh_duplicates_page_get_groups   (MhDuplicatesPage *self);
void              mh_duplicates_page_select_group (MhDuplicatesPage *self,
                                                   guint             position);
/* The comparison of the selected group, a line a field: the field's name
 * then each record's value, tab-separated; a value that differs from the
 * first record's is marked `≠ `. */
char             *mh_duplicates_page_dup_comparison (MhDuplicatesPage *self);
/* Keeps record @index of the selected group; the others go to the trash
 * (g_file_trash()). Undoable with mh_duplicates_page_undo() while the page
 * lives. */
gboolean          mh_duplicates_page_keep         (MhDuplicatesPage *self,
                                                   guint             index,
                                                   GError          **error);
/* Stores every pair of the selected group in `.masthead/not-duplicates`. */
gboolean          mh_duplicates_page_not_duplicate (MhDuplicatesPage *self,
                                                    GError          **error);
/* Writes the records the last keep sent to the trash back, byte for byte. */
gboolean          mh_duplicates_page_undo         (MhDuplicatesPage *self,
                                                   GError          **error);
void              mh_duplicates_page_refresh      (MhDuplicatesPage *self);

G_END_DECLS
