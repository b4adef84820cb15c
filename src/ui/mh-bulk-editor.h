/* mh-bulk-editor.h: the right pane when several records are selected: one change to all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-bulk-preview.h"
#include "mh-collection.h"

G_BEGIN_DECLS

#define MH_TYPE_BULK_EDITOR (mh_bulk_editor_get_type ())

G_DECLARE_FINAL_TYPE (MhBulkEditor, mh_bulk_editor, MH, BULK_EDITOR, GtkWidget)

/* What the "Change" drop-down offers, in its order. */
typedef enum
{
  MH_BULK_ADD_TOPIC,
  MH_BULK_REMOVE_TOPIC,
  MH_BULK_SET_FIELD,
  MH_BULK_CLEAR_FIELD,
} MhBulkAction;

GtkWidget     *mh_bulk_editor_new            (void);
void           mh_bulk_editor_set_collection (MhBulkEditor *self,
                                              MhCollection *collection);
/* The selected records (element-type MhArticle; copied). */
void           mh_bulk_editor_set_articles   (MhBulkEditor *self,
                                              GPtrArray    *articles);
/* Computes the preview now instead of after the typing pause. */
void           mh_bulk_editor_update_now     (MhBulkEditor *self);

/* For tests: the widgets a curator uses. Returns: (transfer none) */
GtkDropDown   *mh_bulk_editor_get_action     (MhBulkEditor *self);
/* Its items are the schema paths of the fields, in the order shown. */
GtkDropDown   *mh_bulk_editor_get_field      (MhBulkEditor *self);
GtkEditable   *mh_bulk_editor_get_value      (MhBulkEditor *self);
MhBulkPreview *mh_bulk_editor_get_preview    (MhBulkEditor *self);
/* Selects the field with schema path @path in the field drop-down. */
gboolean       mh_bulk_editor_select_field   (MhBulkEditor *self,
                                              const char   *path);

G_END_DECLS
