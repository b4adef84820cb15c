/* fuzz-journal.c: a libFuzzer target over the journal reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the input as a journal file and aborts when a promise breaks: the
 * reader never warns or crashes on any bytes; whatever it read, written
 * again as a journal, reads back with no damage and encodes to the very
 * same bytes (nothing is half-read); and a journal cut anywhere reads as a
 * prefix of what the whole one holds, with no damage but a torn tail.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mh-journal-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GString *
encode_all (const MhJournalContents *contents)
{
  GString *out = g_string_new (NULL);

  _mh_journal_add_header (out, contents->folder != NULL ? contents->folder : "/");
  for (guint i = 0; i < contents->records->len; i++)
    {
      const MhJournalRecord *record = g_ptr_array_index (contents->records, i);

      if (record->edits->len > 0)
        _mh_journal_add_op (out, record->record, 0, record->etag, record->hash,
                            (const MhEdit * const *) record->edits->pdata, record->edits->len);
    }
  return out;
}

static guint
n_with_edits (const MhJournalContents *contents)
{
  guint n = 0;

  for (guint i = 0; i < contents->records->len; i++)
    if (((MhJournalRecord *) g_ptr_array_index (contents->records, i))->edits->len > 0)
      n++;
  return n;
}

static gboolean
any_incomplete (const MhJournalContents *contents)
{
  for (guint i = 0; i < contents->records->len; i++)
    if (((MhJournalRecord *) g_ptr_array_index (contents->records, i))->incomplete)
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MhJournalContents) contents = mh_journal_parse ((const char *) data, size);
  g_autoptr(MhJournalContents) again = NULL;
  g_autofree char *damage = mh_journal_contents_dup_damage (contents);
  GString *first = encode_all (contents);
  GString *second;

  /* Damage is reported exactly when something was not read. */
  if ((damage == NULL)
      != (contents->n_damaged == 0 && !contents->torn && !any_incomplete (contents)))
    abort ();

  /* What was read writes and reads back exactly. */
  again = mh_journal_parse (first->str, first->len);
  if (again->n_damaged != 0 || again->torn || again->records->len != n_with_edits (contents))
    abort ();
  second = encode_all (again);
  if (!g_string_equal (first, second))
    abort ();

  /* Cut the clean journal in the middle of its last line: the rest reads. */
  if (first->len > 1)
    {
      g_autoptr(MhJournalContents) cut = mh_journal_parse (first->str, first->len - 1);

      if (cut->n_damaged != 0 || !cut->torn || cut->records->len > again->records->len)
        abort ();
    }

  g_string_free (first, TRUE);
  g_string_free (second, TRUE);
  return 0;
}
