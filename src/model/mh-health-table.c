/* mh-health-table.c: an open-addressing hash table from 64-bit hashes to pointers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-health-table.h"

#define MIN_SIZE 64

static inline gsize
home_of (const MhHealthTable *table,
         guint64              key)
{
  /* The keys are hashes already; fold the high half in for small tables. */
  return (gsize) (key ^ (key >> 29) ^ (key >> 47)) & table->mask;
}

void
mh_health_table_init (MhHealthTable *table)
{
  table->slots = g_new0 (MhHealthSlot, MIN_SIZE);
  table->mask = MIN_SIZE - 1;
  table->n_used = 0;
}

void
mh_health_table_clear (MhHealthTable *table)
{
  g_clear_pointer (&table->slots, g_free);
  table->mask = 0;
  table->n_used = 0;
}

gpointer
mh_health_table_lookup (MhHealthTable *table,
                        guint64        key)
{
  g_assert (key != 0);

  for (gsize i = home_of (table, key);; i = (i + 1) & table->mask)
    {
      const MhHealthSlot *slot = &table->slots[i];

      if (slot->key == key)
        return slot->value;
      if (slot->key == 0)
        return NULL;
    }
}

static void
grow (MhHealthTable *table)
{
  MhHealthSlot *old = table->slots;
  gsize old_size = table->mask + 1;

  table->slots = g_new0 (MhHealthSlot, old_size * 2);
  table->mask = old_size * 2 - 1;
  for (gsize j = 0; j < old_size; j++)
    if (old[j].key != 0)
      {
        gsize i = home_of (table, old[j].key);

        while (table->slots[i].key != 0)
          i = (i + 1) & table->mask;
        table->slots[i] = old[j];
      }
  g_free (old);
}

gpointer *
mh_health_table_insert (MhHealthTable *table,
                        guint64        key)
{
  gsize i;

  g_assert (key != 0);

  /* At most half full: probes stay short. */
  if ((table->n_used + 1) * 2 > table->mask + 1)
    grow (table);
  for (i = home_of (table, key); table->slots[i].key != 0; i = (i + 1) & table->mask)
    if (table->slots[i].key == key)
      return &table->slots[i].value;
  table->slots[i].key = key;
  table->slots[i].value = NULL;
  table->n_used++;
  return &table->slots[i].value;
}

void
mh_health_table_remove (MhHealthTable *table,
                        guint64        key)
{
  gsize i = home_of (table, key);
  gsize j;

  while (table->slots[i].key != key)
    {
      if (table->slots[i].key == 0)
        return;
      i = (i + 1) & table->mask;
    }

  /* Backward shift: move up every later slot of the run whose home is not
   * between the hole and itself, so no lookup stops early. */
  for (j = (i + 1) & table->mask; table->slots[j].key != 0; j = (j + 1) & table->mask)
    {
      gsize home = home_of (table, table->slots[j].key);
      gboolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);

      if (!stays)
        {
          table->slots[i] = table->slots[j];
          i = j;
        }
    }
  table->slots[i].key = 0;
  table->slots[i].value = NULL;
  table->n_used--;
}

gboolean
mh_health_table_next (MhHealthTable  *table,
                      gsize          *i,
                      MhHealthSlot  **slot)
{
  for (; *i <= table->mask; (*i)++)
    if (table->slots[*i].key != 0)
      {
        *slot = &table->slots[(*i)++];
        return TRUE;
      }
  return FALSE;
}
