/* mh-search-index.c: a collection's search texts side by side, and the matches of the last search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-filter.h"
#include "mh-search-index.h"

#define TEXT_BLOCK_SIZE (1024 * 1024)

#define BIT_GET(bits, i) (((bits)[(i) / 64] >> ((i) % 64)) & 1)
#define BIT_SET(bits, i) ((bits)[(i) / 64] |= G_GUINT64_CONSTANT (1) << ((i) % 64))
#define BIT_CLEAR(bits, i) ((bits)[(i) / 64] &= ~(G_GUINT64_CONSTANT (1) << ((i) % 64)))

struct _MhSearchIndex
{
  GPtrArray *texts;        /* by slot: into the blocks, NULL when gone */
  GPtrArray *blocks;
  gsize      block_used;   /* in the last block */
  gsize      block_size;   /* of the last block */

  /* The last scan. */
  guint64   *bits;         /* n_scanned bits: all words found */
  guint      n_scanned;
  guint      scan_serial;  /* texts built after this one are tested directly */
  char     **words;        /* what the bits are for */
  guint      words_serial;
};

MhSearchIndex *
mh_search_index_new (void)
{
  MhSearchIndex *self = g_new0 (MhSearchIndex, 1);

  self->texts = g_ptr_array_new ();
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static void
scan_clear (MhSearchIndex *self)
{
  g_clear_pointer (&self->bits, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  self->n_scanned = 0;
  self->words_serial = 0;
}

void
mh_search_index_free (MhSearchIndex *self)
{
  if (self == NULL)
    return;
  scan_clear (self);
  g_ptr_array_unref (self->texts);
  g_ptr_array_unref (self->blocks);
  g_free (self);
}

static const char *
store (MhSearchIndex *self,
       const char    *text)
{
  gsize len;
  char *copy;

  if (text == NULL)
    text = "";
  len = strlen (text) + 1;
  if (self->blocks->len == 0 || self->block_used + len > self->block_size)
    {
      self->block_size = MAX (TEXT_BLOCK_SIZE, len);
      self->block_used = 0;
      g_ptr_array_add (self->blocks, g_malloc (self->block_size));
    }
  copy = (char *) g_ptr_array_index (self->blocks, self->blocks->len - 1) + self->block_used;
  memcpy (copy, text, len);
  self->block_used += len;
  return copy;
}

guint
mh_search_index_append (MhSearchIndex  *self,
                        const char     *text,
                        const char    **copy)
{
  const char *stored = store (self, text);

  g_ptr_array_add (self->texts, (gpointer) stored);
  if (copy != NULL)
    *copy = stored;
  return self->texts->len - 1;
}

const char *
mh_search_index_replace (MhSearchIndex *self,
                         guint          slot,
                         const char    *text)
{
  const char *stored;

  g_return_val_if_fail (slot < self->texts->len, NULL);

  stored = store (self, text);
  g_ptr_array_index (self->texts, slot) = (gpointer) stored;
  return stored;
}

void
mh_search_index_forget (MhSearchIndex *self,
                        guint          slot)
{
  if (slot < self->texts->len)
    g_ptr_array_index (self->texts, slot) = NULL;
}

guint
mh_search_index_get_n_slots (MhSearchIndex *self)
{
  return self->texts->len;
}

void
mh_search_index_clear (MhSearchIndex *self)
{
  scan_clear (self);
  g_ptr_array_set_size (self->texts, 0);
  g_ptr_array_set_size (self->blocks, 0);
  self->block_used = self->block_size = 0;
}

/* Retests the slots whose bit is @value: narrowing words can only clear
 * bits, widening ones only set them. Bits of texts rebuilt since the scan
 * are never read, so the scan's serial stands. */
static void
retest (MhSearchIndex      *self,
        const char * const *words,
        gboolean            value)
{
  const char * const *texts = (const char * const *) self->texts->pdata;

  for (guint i = 0; i < self->n_scanned; i++)
    {
      if (texts[i] == NULL || BIT_GET (self->bits, i) != (guint64) value)
        continue;
      if (mh_filter_text_has_words (texts[i], words) != value)
        {
          if (value)
            BIT_CLEAR (self->bits, i);
          else
            BIT_SET (self->bits, i);
        }
    }
}

static void
bring_to (MhSearchIndex      *self,
          const char * const *words,
          guint               words_serial,
          guint               serial_now)
{
  const char * const *texts = (const char * const *) self->texts->pdata;
  const char * const *old = (const char * const *) self->words;
  gboolean same_texts = self->bits != NULL && self->n_scanned == self->texts->len;

  if (same_texts && mh_filter_words_imply (words, old))
    {
      if (!mh_filter_words_imply (old, words))
        retest (self, words, TRUE);
    }
  else if (same_texts && mh_filter_words_imply (old, words))
    retest (self, words, FALSE);
  else
    {
      scan_clear (self);
      /* Numbered before the scan: a text rebuilt meanwhile is newer. */
      self->scan_serial = serial_now;
      self->n_scanned = self->texts->len;
      self->bits = g_new0 (guint64, self->n_scanned / 64 + 1);
      for (guint i = 0; i < self->n_scanned; i++)
        if (texts[i] != NULL && mh_filter_text_has_words (texts[i], words))
          BIT_SET (self->bits, i);
    }

  g_strfreev (self->words);
  self->words = g_strdupv ((char **) words);
  self->words_serial = words_serial;
}

gboolean
mh_search_index_lookup (MhSearchIndex      *self,
                        const char * const *words,
                        guint               words_serial,
                        guint               slot,
                        guint               text_serial,
                        guint               serial_now,
                        gboolean           *matches)
{
  if (self->bits == NULL || self->words_serial != words_serial)
    bring_to (self, words, words_serial, serial_now);

  /* A record appended or rebuilt after the scan is tested directly. */
  if (slot >= self->n_scanned || text_serial > self->scan_serial)
    return FALSE;
  *matches = BIT_GET (self->bits, slot);
  return TRUE;
}
