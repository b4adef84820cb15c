/* mh-health-table.h: an open-addressing hash table from 64-bit hashes to pointers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rule indexes hold millions of keys that are already hashes: one
 * array of (key, value) slots probed linearly costs one cache line a
 * lookup, where GHashTable's three arrays cost three. Key 0 means an empty
 * slot: callers never use it. */
typedef struct
{
  guint64  key;
  gpointer value;
} MhHealthSlot;

typedef struct
{
  MhHealthSlot *slots;
  gsize         mask;    /* size - 1, the size a power of two */
  gsize         n_used;
} MhHealthTable;

void      mh_health_table_init    (MhHealthTable *table);
void      mh_health_table_clear   (MhHealthTable *table);
/* The value of @key, or NULL. */
gpointer  mh_health_table_lookup  (MhHealthTable *table,
                                   guint64        key);
/* The value slot of @key, added (holding NULL) when missing; valid until
 * the next insertion or removal. */
gpointer *mh_health_table_insert  (MhHealthTable *table,
                                   guint64        key);
void      mh_health_table_remove  (MhHealthTable *table,
                                   guint64        key);

/* for (gsize i = 0; mh_health_table_next (table, &i, &slot);) visits every
 * used slot. */
gboolean  mh_health_table_next    (MhHealthTable  *table,
                                   gsize          *i,
                                   MhHealthSlot  **slot);

G_END_DECLS
