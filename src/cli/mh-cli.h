/* mh-cli.h: what masthead-cli's verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
