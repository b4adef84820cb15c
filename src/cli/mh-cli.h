/* mh-cli.h: what masthead-cli's verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"

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

int mh_cli_check (int    argc,
                  char **argv);

/* main.c: the single-file edit, for the many-record commands. */
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
