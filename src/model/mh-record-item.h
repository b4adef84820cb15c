/* mh-record-item.h: a view of (record, path), the base of images, related records and extra keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-article.h"

G_BEGIN_DECLS

#define MH_TYPE_RECORD_ITEM (mh_record_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (MhRecordItem, mh_record_item, MH, RECORD_ITEM, GObject)

/*
 * A nested record is no copy of data: it is a record and a path into its
 * document (`images[2]`, `related[0]`, `related[0].images[1]`, or a
 * top-level key for an extra field), and reads and writes through the
 * record's public API, so every write is an undoable edit like any other.
 * Properties (construct-only): article (weak), path, index. When the
 * document changes the lists below notify every property of their items
 * (the values may have moved under the same index).
 */
struct _MhRecordItemClass
{
  GObjectClass parent_class;
};

/* Returns: (transfer none) (nullable): the record, NULL once it is gone. */
MhArticle   *mh_record_item_get_article  (MhRecordItem *self);
const char  *mh_record_item_get_path     (MhRecordItem *self);
/* The position in the list (0 for an extra field). */
guint        mh_record_item_get_index    (MhRecordItem *self);
/* `@path.@key`, or the item's own path when @key is NULL. */
char        *mh_record_item_dup_key_path (MhRecordItem *self,
                                          const char   *key);
/* Reads under the item (NULL / FALSE when absent or not held). */
const char  *mh_record_item_get_string   (MhRecordItem *self,
                                          const char   *key);
gboolean     mh_record_item_get_int      (MhRecordItem *self,
                                          const char   *key,
                                          gint64       *value);
gboolean     mh_record_item_get_bool     (MhRecordItem *self,
                                          const char   *key,
                                          gboolean     *value);
/* Writes under the item through the record (failures: ::edit-failed on
 * the record; a NULL string removes the key). */
void         mh_record_item_set_string   (MhRecordItem *self,
                                          const char   *key,
                                          const char   *value);
void         mh_record_item_set_int      (MhRecordItem *self,
                                          const char   *key,
                                          gint64        value);
void         mh_record_item_set_bool     (MhRecordItem *self,
                                          const char   *key,
                                          gboolean      value);

/* A GListModel of @item_type (a subclass) items, one per entry of the list
 * at @list_path, kept in step with the document (items-changed after add,
 * remove, move, undo; empty while the record holds no document). One model
 * per (record, path), created on demand. Returns: (transfer none) */
GListModel  *mh_record_item_list_get     (MhArticle    *article,
                                          const char   *list_path,
                                          GType         item_type);
/* The same over the top-level keys outside the schema, in file order. */
GListModel  *mh_record_item_list_get_extra (MhArticle  *article,
                                            GType       item_type);

G_END_DECLS
