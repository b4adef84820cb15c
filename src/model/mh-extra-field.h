/* mh-extra-field.h: a top-level key outside the schema, editable as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-record-item.h"

G_BEGIN_DECLS

#define MH_TYPE_EXTRA_FIELD (mh_extra_field_get_type ())

G_DECLARE_FINAL_TYPE (MhExtraField, mh_extra_field, MH, EXTRA_FIELD, MhRecordItem)

/* Properties: key, text, editable, readonly-reason.
 * text: a scalar's decoded value; a list or mapping's YAML source as written
 * (then editable is FALSE). Setting text on a scalar keeps its YAML type
 * when the text parses as that type, else writes a string. */
MhArticle   *mh_extra_field_get_article         (MhExtraField *self);  /* transfer none */
const char  *mh_extra_field_get_key             (MhExtraField *self);
const char  *mh_extra_field_get_text            (MhExtraField *self);
void         mh_extra_field_set_text            (MhExtraField *self,
                                                 const char   *text);
gboolean     mh_extra_field_get_editable        (MhExtraField *self);
/* NULL when editable. */
const char  *mh_extra_field_get_readonly_reason (MhExtraField *self);

/* The record's keys outside the schema (held only). Returns: (transfer none) */
GListModel  *mh_article_get_extra_fields        (MhArticle    *self);

G_END_DECLS
