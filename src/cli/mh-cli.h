/* mh-cli.h: what masthead-cli's verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"
#include "mh-health-index.h"

G_BEGIN_DECLS

/* DESIGN §4: 0 done (a no-op included), 1 `get` found no value or `check`
 * found an error, 2 everything else. With several paths the highest wins. */
enum
{
  MH_CLI_EXIT_OK        = 0,
  MH_CLI_EXIT_NOT_FOUND = 1,
  MH_CLI_EXIT_PROBLEMS  = 1,
  MH_CLI_EXIT_FAILURE   = 2,
};

/* mh-cli-output.c: `masthead-cli: message` and the --help hint, status 2;
 * @text as a JSON string, appended to @out. */
int  mh_cli_usage_error        (const char *format,
                                ...) G_GNUC_PRINTF (1, 2);
void mh_cli_append_json_string (GString    *out,
                                const char *text,
                                gsize       len);

int mh_cli_check      (int    argc,
                       char **argv);
int mh_cli_duplicates (int    argc,
                       char **argv);

/* Reads every record under PATH... (and `--json`) as `check` does, into
 * @index_out with each folder's `.masthead/not-duplicates`; what could not be
 * read is reported on stderr. @index_out is left unset on bad usage.
 * Returns: the exit status so far. */
int mh_cli_read_collection (const char      *verb,
                            int              argc,
                            char           **argv,
                            gboolean        *json,
                            MhHealthIndex  **index_out);

/* mh-cli-edit.c: get, set, unset, add, remove on one file; -1 when @name is
 * none of them. */
int      mh_cli_file_verb        (const char *name,
                                  int         argc,
                                  char      **argv);
/* set, unset, add or remove; and the single-file edit, for the many-record
 * commands. */
gboolean mh_cli_is_edit_verb     (const char *verb_name);
gboolean mh_cli_edit_takes_value (const char *verb_name);
int      mh_cli_edit_document    (const char *verb_name,
                                  const char *filename,
                                  MhDocument *document,
                                  const char *key,
                                  const char *value);
void     mh_cli_warn_edited      (const char *filename,
                                  MhDocument *document,
                                  const char *key);

/* mh-cli-where.c: set|unset|add|remove --where EXPR PATH... KEY [VALUE] */
gboolean mh_cli_args_have_where  (int         argc,
                                  char      **argv);
int      mh_cli_edit_where       (const char *verb_name,
                                  int         argc,
                                  char      **argv);
/* mh-cli-list.c: list and stats */
int      mh_cli_list             (int         argc,
                                  char      **argv);
int      mh_cli_stats            (int         argc,
                                  char      **argv);
/* mh-cli-topics.c: topics and rename-topic */
int      mh_cli_topics           (int         argc,
                                  char      **argv);
int      mh_cli_rename_topic     (int         argc,
                                  char      **argv);

G_END_DECLS
