/* mh-journal-private.h: the journal's line format, shared by its writer and its reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-journal.h"

G_BEGIN_DECLS

#define MH_JOURNAL_MAGIC    "masthead-journal"
#define MH_JOURNAL_VERSION  "1"
/* A longer line is skipped unread: no edit is that large. */
#define MH_JOURNAL_MAX_LINE (16 * 1024 * 1024)
/* Past this a journal is read no further (the rest counts as torn). */
#define MH_JOURNAL_MAX_READ (256 * 1024 * 1024)

/* Appends one line (checksum, the fields joined by tabs, a line feed) to
 * @out; each field is escaped unless @raw says it is already. */
void     _mh_journal_add_line      (GString            *out,
                                    const char * const *fields,
                                    const gboolean     *raw,
                                    guint               n_fields);
/* One entry for @edits of @record, the @seq-th of it since it was loaded. */
void     _mh_journal_add_op        (GString            *out,
                                    const char         *record,
                                    guint               seq,
                                    const char         *etag,
                                    const char         *hash,
                                    const MhEdit * const *edits,
                                    guint               n_edits);
void     _mh_journal_add_forget    (GString            *out,
                                    const char         *record);
void     _mh_journal_add_header    (GString            *out,
                                    const char         *folder);

/* mh-collection-journal.c: the collection's side. */
typedef struct _MhArticle    MhArticle;
typedef struct _MhCollection MhCollection;

void             _mh_collection_journal_keep    (MhJournal    *journal,
                                                 MhArticle    *article);
guint            _mh_collection_journal_restore (MhCollection *collection,
                                                 MhJournal    *journal,
                                                 GPtrArray   **failed);

MhJournalRecord *_mh_journal_record_new  (const char *record,
                                          const char *etag,
                                          const char *hash);
void             _mh_journal_record_free (MhJournalRecord *record);

G_END_DECLS
