/* mh-cli.h: what masthead-cli's verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

int mh_cli_check      (int    argc,
                       char **argv);
int mh_cli_duplicates (int    argc,
                       char **argv);

/* Appends @text as a JSON string. */
void mh_cli_append_json_string (GString    *out,
                                const char *text);

/* Reads every record under PATH... (and `--json`) as `check` does, into
 * @index_out with each folder's `.masthead/not-duplicates`; what could not be
 * read is reported on stderr. @index_out is left unset on bad usage.
 * Returns: the exit status so far. */
int mh_cli_read_collection (const char      *verb,
                            int              argc,
                            char           **argv,
                            gboolean        *json,
                            MhHealthIndex  **index_out);

G_END_DECLS
