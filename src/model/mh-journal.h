/* mh-journal.h: a collection's unsaved edits, kept on disk until saved or undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-document.h"

G_BEGIN_DECLS

/* One record's unsaved edits, as a journal lists them. */
typedef struct
{
  char      *record;      /* path relative to the folder (bytes, maybe not UTF-8) */
  char      *etag;        /* the etag the record was loaded with ("" when unknown) */
  char      *hash;        /* hash of the bytes the edits apply to ("" when unknown) */
  GPtrArray *edits;       /* MhEdit, in the order they were applied */
  gboolean   incomplete;  /* entries of this record were lost: @edits is a prefix */
} MhJournalRecord;

/* What a journal file holds. Reading never fails: what cannot be read is
 * counted and skipped. */
typedef struct
{
  GPtrArray *records;        /* MhJournalRecord with edits, in order of first entry */
  char      *folder;         /* the folder the header names, or NULL (no header) */
  guint      n_damaged;      /* lines that did not read (checksum, syntax, UTF-8, size) */
  gboolean   torn;           /* the last line was cut short (a kill, a power cut) */
} MhJournalContents;

void               mh_journal_contents_free      (MhJournalContents *contents);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhJournalContents, mh_journal_contents_free)

/* Reads journal bytes (any bytes: torn, garbage, huge lines, invalid
 * UTF-8). Never warns. Returns: (transfer full) */
MhJournalContents *mh_journal_parse              (const char        *data,
                                                  gsize              len);
/* What a user is told about damage, or NULL when everything read.
 * Returns: (transfer full) (nullable) */
char              *mh_journal_contents_dup_damage (const MhJournalContents *contents);

typedef struct _MhJournal MhJournal;

/* The journal file of @folder: `$XDG_STATE_HOME/masthead/HASH-NAME.journal`.
 * Returns: (transfer full) */
char              *mh_journal_dup_path_for_folder (GFile            *folder);

/* Opens (creating) the journal of @folder and reads what a previous session
 * left there. G_IO_ERROR_BUSY when another process holds it. Blocking. */
MhJournal         *mh_journal_open               (GFile             *folder,
                                                  GError           **error);
/* What the previous session left unsaved, as read at open.
 * Returns: (transfer none) */
const MhJournalContents *mh_journal_get_pending  (MhJournal         *self);
const char        *mh_journal_get_path           (MhJournal         *self);

/* Appends edits just applied to @record (relative path), which was loaded
 * with @etag and bytes of @hash, and flushes them to the disk (one entry,
 * written whole or not at all). The first append for a record in a session
 * supersedes what the previous session left for it. */
gboolean           mh_journal_append             (MhJournal         *self,
                                                  const char        *record,
                                                  const char        *etag,
                                                  const char        *hash,
                                                  const MhEdit * const *edits,
                                                  guint              n_edits,
                                                  GError           **error);
/* @edits are now all that is unsaved of @record: replaces its entries. */
gboolean           mh_journal_set                (MhJournal         *self,
                                                  const char        *record,
                                                  const char        *etag,
                                                  const char        *hash,
                                                  const MhEdit * const *edits,
                                                  guint              n_edits,
                                                  GError           **error);
/* @record was saved, reverted or undone to its saved state: nothing this
 * session journaled of it is pending any more. */
gboolean           mh_journal_forget             (MhJournal         *self,
                                                  const char        *record,
                                                  GError           **error);
/* The user declined to restore: forgets what the previous session left,
 * except records this session has appended to since. */
gboolean           mh_journal_discard_pending    (MhJournal         *self,
                                                  GError           **error);
/* Between these, appends are collected and written (and flushed) once at
 * the end: a step over many records is one write. Nested calls count. */
void               mh_journal_begin_batch        (MhJournal         *self);
gboolean           mh_journal_end_batch          (MhJournal         *self,
                                                  GError           **error);
/* Closes, removing the file when nothing is pending. */
void               mh_journal_close              (MhJournal         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhJournal, mh_journal_close)

G_END_DECLS
