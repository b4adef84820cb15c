/* mh-query.h: the query language of DESIGN §4, parsed once, matched over any record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"

G_BEGIN_DECLS

#define MH_QUERY_ERROR (mh_query_error_quark ())

/* The message says what is wrong and where ("column 7: …"). */
typedef enum
{
  MH_QUERY_ERROR_SYNTAX,
} MhQueryError;

/* One value a dotted path reaches in a record. */
typedef struct
{
  const char   *text;       /* decoded scalar (NULL for a mapping) */
  gsize         len;
  MhScalarType  type;       /* YAML 1.2 core type; MH_SCALAR_STRING when unknown */
  gboolean      is_mapping; /* a non-empty mapping: counts for has:, never compares */
} MhQueryValue;

/* Returns TRUE to stop the walk. */
typedef gboolean (*MhQueryValueFunc) (const MhQueryValue *value,
                                      gpointer            user_data);

/*
 * What a query needs from a record, so the CLI (over an MhDocument) and the
 * window (over its compact rows) evaluate the same language.
 *
 * foreach_value: calls @func with every value @keys (a dotted path split at
 *   its dots, NULL-terminated; @path is the same path as text) reaches: the
 *   scalars, a list's items (a list under a step is expanded too, at any
 *   depth), a null as MH_SCALAR_NULL, a non-empty mapping with is_mapping.
 *   An absent key or an empty list reaches nothing. Stops when @func returns
 *   TRUE.
 * get_text: the free text (title, excerpt, provider name, topics), folded
 *   with mh_fold_text(); transfer none, valid while the record is.
 * is_problem, is_readonly: the record has a problem / is read-only.
 */
typedef struct
{
  void        (*foreach_value) (gpointer             user_data,
                                const char * const  *keys,
                                const char          *path,
                                MhQueryValueFunc     func,
                                gpointer             func_data);
  const char *(*get_text)      (gpointer             user_data);
  gboolean    (*is_problem)    (gpointer             user_data);
  gboolean    (*is_readonly)   (gpointer             user_data);
} MhQueryRecordClass;

typedef struct
{
  const MhQueryRecordClass *klass;
  gpointer                  user_data;
} MhQueryRecord;

typedef struct _MhQuery MhQuery;

GQuark    mh_query_error_quark       (void);

/* NULL with MH_QUERY_ERROR_SYNTAX for a malformed @expr. An empty @expr (or
 * only spaces) matches every record. Returns: (transfer full) */
MhQuery  *mh_query_parse             (const char          *expr,
                                      GError             **error);
/* The same; on error *@column is the 1-based column (in characters) where
 * @expr is wrong and the message does not repeat it. */
MhQuery  *mh_query_parse_full        (const char          *expr,
                                      guint               *column,
                                      GError             **error);
void      mh_query_free              (MhQuery             *query);

gboolean  mh_query_match             (MhQuery             *query,
                                      const MhQueryRecord *record);
/* Only bare words (and nothing, or `and` between them): the window keeps its
 * substring search for these. */
gboolean  mh_query_is_plain_text     (MhQuery             *query);
/* Whether matching asks is_problem (so a caller can skip validation). */
gboolean  mh_query_needs_problems    (MhQuery             *query);

/* A record over a document. The problems are computed on first need with
 * mh_validate_document() unless given (set_problem). Not thread-safe, but
 * each document may have its own adapter in its own thread. */
typedef struct
{
  MhQueryRecord  record;
  MhDocument    *document;   /* borrowed */
  char          *text;       /* free text, folded on first need */
  gint           is_problem; /* -1: not known yet */
} MhQueryDocumentRecord;

void      mh_query_document_record_init   (MhQueryDocumentRecord *self,
                                           MhDocument            *document);
void      mh_query_document_record_set_problem (MhQueryDocumentRecord *self,
                                                gboolean               is_problem);
void      mh_query_document_record_clear  (MhQueryDocumentRecord *self);

/* The free text of a document as the adapter folds it (the window's
 * search text is the same four fields). Returns: (transfer full) */
char     *mh_query_document_dup_text      (MhDocument            *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhQuery, mh_query_free)

G_END_DECLS
