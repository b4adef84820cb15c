/* mh-cli-records.h: the records under PATH... that the many-record verbs read, on all cores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"
#include "mh-file.h"
#include "mh-query.h"

G_BEGIN_DECLS

typedef struct
{
  char           *filename;   /* as given, or the folder joined with the path below it */
  MhFileContents *contents;   /* what was read, with its etag: while kept */
  MhDocument     *document;   /* over contents->bytes: while kept */
  char           *error;      /* why it could not be read (printed as is) */
  gpointer        data;       /* the verb's result for this record */
  GDestroyNotify  data_free;
  guint           named : 1;     /* named on the command line: read even if not a record */
  guint           is_record : 1; /* read and parsed */
  guint           matched : 1;   /* the query matched */
  guint           keep : 1;      /* set by the verb: keep the document after its call */
  guint           refused : 1;   /* its edit was refused (and reported) */
  guint           saved : 1;     /* written by mh_cli_records_commit() */
} MhCliRecord;

/* Runs in a worker thread, for each record the query matches. */
typedef void (*MhCliRecordFunc) (MhCliRecord *record,
                                 gpointer     user_data);

/* The files under @paths (folders recursively, dot-entries skipped, symlinked
 * folders not followed), sorted by filename. A path that does not exist is
 * reported and makes *@status 2. Returns: (transfer full) (element-type MhCliRecord) */
GPtrArray *mh_cli_records_collect (char       **paths,
                                   guint        n_paths,
                                   int         *status);
/* Reads and parses every record, matches @query (NULL: all) and calls @func
 * on the matches, on all cores; documents not kept are dropped at once. */
void       mh_cli_records_scan    (GPtrArray   *records,
                                   MhQuery     *query,
                                   MhCliRecordFunc func,
                                   gpointer     user_data);
/* Collects the records under the positional PATHs (at least one), parses
 * @where (NULL: every record) and scans them, reporting what it cannot read.
 * NULL with *@status 2 for a usage error or a malformed EXPR. */
GPtrArray *mh_cli_records_scan_paths (const char      *verb,
                                      GPtrArray       *positional,
                                      const char      *where,
                                      MhCliRecordFunc  func,
                                      gpointer         user_data,
                                      int             *status);
/* Prints the read errors of @records; 2 if there was one, else 0. */
int        mh_cli_records_report_errors (GPtrArray *records);

/* "Many records, one plan": when any record is refused, writes nothing and
 * returns 2. Else each record whose document's bytes differ from what was
 * read is saved through mh_file_save() (or, with @dry_run, printed as a
 * unified diff), then the warnings about @warn_key (NULL: none) printed. */
int        mh_cli_records_commit  (GPtrArray   *records,
                                   gboolean     dry_run,
                                   const char  *warn_key);

/* Options of the many-record verbs. */
typedef struct
{
  const char   *name;      /* "--where" */
  const char  **value;     /* for an option with a value, else NULL */
  gboolean     *flag;      /* for a flag, else NULL */
} MhCliOption;

/* Splits @argv into options (`--name VALUE`, `--name=VALUE`, `--flag`; `--`
 * ends them) and positional arguments. Reports a usage error and returns 2
 * for an unknown option or a missing value. */
int        mh_cli_parse_options   (const char        *verb,
                                   int                argc,
                                   char             **argv,
                                   const MhCliOption *options,
                                   GPtrArray         *positional);
/* `masthead-cli: message` and the --help hint, status 2. */
int        mh_cli_usage_error     (const char        *format,
                                   ...) G_GNUC_PRINTF (1, 2);
/* Parses --where's EXPR; reports `masthead-cli: --where: column N: message`. */
MhQuery   *mh_cli_parse_where     (const char        *expr,
                                   int               *status);

/* @text as a JSON string, appended to @out. */
void       mh_cli_append_json_string (GString    *out,
                                      const char *text,
                                      gsize       len);

G_END_DECLS
