/* mh-record-cell.h: one cell of the record list, showing one column of one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-article.h"

G_BEGIN_DECLS

typedef enum
{
  MH_RECORD_CELL_MODIFIED,   /* ● while the record has unsaved edits */
  MH_RECORD_CELL_PROBLEMS,   /* error, warning or read-only icon */
  MH_RECORD_CELL_TITLE,
  MH_RECORD_CELL_PROVIDER,
  MH_RECORD_CELL_DATE,
  MH_RECORD_CELL_QUALITY,
  MH_RECORD_CELL_HEAT,
  MH_RECORD_CELL_TOPICS,
  MH_RECORD_CELL_PUBLISHED,
  MH_RECORD_CELL_N_KINDS
} MhRecordCellKind;

#define MH_TYPE_RECORD_CELL (mh_record_cell_get_type ())

G_DECLARE_FINAL_TYPE (MhRecordCell, mh_record_cell, MH, RECORD_CELL, GtkWidget)

GtkWidget        *mh_record_cell_new         (MhRecordCellKind  kind);
MhRecordCellKind  mh_record_cell_get_kind    (MhRecordCell     *self);
MhArticle        *mh_record_cell_get_article (MhRecordCell     *self);
void              mh_record_cell_set_article (MhRecordCell     *self,
                                              MhArticle        *article);

G_END_DECLS
