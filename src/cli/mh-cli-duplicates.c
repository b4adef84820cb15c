/* mh-cli-duplicates.c: `masthead-cli duplicates`, the groups of records that are probably one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>


#include "mh-cli.h"
#include "mh-cli-records.h"

static void
append_json_list (GString    *out,
                  const char *name,
                  GStrv       items)
{
  g_string_append_printf (out, "\"%s\": [", name);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      mh_cli_append_json_string (out, items[i], strlen (items[i]));
    }
  g_string_append_c (out, ']');
}

/* Text: one group a line, its reasons (comma-separated) then its files,
 * tab-separated. JSON: an array of {"files": […], "reasons": […]}. */
static char *
format_groups (GPtrArray *groups,
               gboolean   json)
{
  GString *out = g_string_new (json ? "[" : NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      const MhDuplicateGroup *group = g_ptr_array_index (groups, i);
      g_auto(GStrv) reasons = mh_duplicate_reasons_to_strv (group->reasons);

      if (json)
        {
          g_string_append (out, i > 0 ? ",\n  {" : "\n  {");
          append_json_list (out, "files", group->ids);
          g_string_append (out, ", ");
          append_json_list (out, "reasons", reasons);
          g_string_append_c (out, '}');
          continue;
        }

      {
        g_autofree char *names = g_strjoinv (",", reasons);
        g_autofree char *files = g_strjoinv ("\t", group->ids);

        g_string_append_printf (out, "%s\t%s\n", names, files);
      }
    }
  if (json)
    g_string_append (out, groups->len > 0 ? "\n]\n" : "]\n");
  return g_string_free (out, FALSE);
}

/**
 * mh_cli_duplicates:
 * @argc: the number of arguments after `duplicates`
 * @argv: PATH... and `--json`
 *
 * Prints the groups of records that are probably one article: the same URL
 * or (nearly) the same title, pairs marked "not a duplicate" left apart.
 * Finding some is not an error: 0 unless a path could not be read.
 *
 * Returns: the exit status
 */
int
mh_cli_duplicates (int    argc,
                   char **argv)
{
  g_autoptr(MhHealthIndex) index = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int status;

  status = mh_cli_read_collection ("duplicates", argc, argv, &json, &index);
  if (index == NULL)
    return status;

  groups = mh_health_index_dup_groups (index);
  text = format_groups (groups, json);
  fputs (text, stdout);
  return status;
}
