/* mh-cli-where.c: `set|unset|add|remove --where EXPR PATH... KEY [VALUE] [--dry-run]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mh-cli.h"
#include "mh-cli-records.h"
#include "mh-path.h"

gboolean
mh_cli_args_have_where (int    argc,
                        char **argv)
{
  for (int i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        return FALSE;
      if (strcmp (argv[i], "--where") == 0 || strncmp (argv[i], "--where=", 8) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Matching records are kept for the plan, which runs in order in the main
 * thread so that refusals are named in the order of the files. */
static void
keep_match_cb (MhCliRecord *record,
               gpointer     user_data)
{
  (void) user_data;
  record->keep = TRUE;
}

/**
 * mh_cli_edit_where:
 * @verb_name: set, unset, add or remove
 * @argc: the number of arguments after the verb
 * @argv: `--where EXPR PATH... KEY [VALUE] [--dry-run]`
 *
 * The single-file edit on every record under the PATHs that EXPR matches:
 * planned and verified on all of them in memory first, then saved one by
 * one, or nothing written when one refuses.
 *
 * Returns: the exit status
 */
int
mh_cli_edit_where (const char  *verb_name,
                   int          argc,
                   char       **argv)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(MhPath) path = NULL;
  g_autoptr(GError) error = NULL;
  const char *where = NULL;
  gboolean dry_run = FALSE;
  const MhCliOption options[] = {
    { "--where", &where, NULL },
    { "--dry-run", NULL, &dry_run },
    { NULL, NULL, NULL },
  };
  guint n_tail = mh_cli_edit_takes_value (verb_name) ? 2 : 1;
  const char *key;
  const char *value = NULL;
  int status;

  status = mh_cli_parse_options (verb_name, argc, argv, options, positional);
  if (status != MH_CLI_EXIT_OK)
    return status;
  if (positional->len < n_tail + 1)
    return mh_cli_usage_error (n_tail == 2 ? _("“%s --where” takes EXPR PATH... KEY VALUE")
                                           : _("“%s --where” takes EXPR PATH... KEY"),
                               verb_name);

  key = g_ptr_array_index (positional, positional->len - n_tail);
  if (n_tail == 2)
    value = g_ptr_array_index (positional, positional->len - 1);
  g_ptr_array_set_size (positional, positional->len - n_tail);

  /* Usage errors before any file is read. */
  path = mh_path_parse (key, &error);
  if (path == NULL)
    return mh_cli_usage_error ("%s", error->message);
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return mh_cli_usage_error ("%s", _("VALUE is not valid UTF-8"));

  records = mh_cli_records_scan_paths (verb_name, positional, where, keep_match_cb, NULL,
                                       &status);
  if (records == NULL)
    return status;
  /* A file that cannot be read could be one that matches. */
  if (status != MH_CLI_EXIT_OK)
    return status;

  for (guint i = 0; i < records->len; i++)
    {
      MhCliRecord *record = g_ptr_array_index (records, i);

      if (record->document == NULL)
        continue;
      if (mh_cli_edit_document (verb_name, record->filename, record->document, key, value)
          != MH_CLI_EXIT_OK)
        record->refused = TRUE;
    }

  return mh_cli_records_commit (records, dry_run, key);
}
