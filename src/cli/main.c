/* main.c: masthead-cli, edit and check records from scripts and CI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mh-cli.h"

static void
print_help (void)
{
  fputs (_("Usage:\n"
           "  masthead-cli get    FILE KEY           print a value: a scalar decoded, a list or "
           "mapping as JSON\n"
           "  masthead-cli set    FILE KEY VALUE     set a scalar, creating the key\n"
           "  masthead-cli unset  FILE KEY           remove a key or list item\n"
           "  masthead-cli add    FILE KEY VALUE     append VALUE to the list at KEY\n"
           "  masthead-cli remove FILE KEY VALUE     remove every item equal to VALUE\n"
           "  masthead-cli set|unset|add|remove --where EXPR PATH... KEY [VALUE] [--dry-run]\n"
           "                                         the same edit on every record EXPR matches\n"
           "  masthead-cli check  PATH... [--json]   validate files and folders\n"
           "  masthead-cli list   PATH... [--where EXPR] [--fields=a,b] [--json]\n"
           "                                         the matching records, one a line\n"
           "  masthead-cli stats  PATH... [--where EXPR] [--json]\n"
           "                                         counts: records, read-only, problems, values\n"
           "  masthead-cli topics PATH... [--key KEY] [--json]\n"
           "                                         every item of the list KEY with its count\n"
           "  masthead-cli rename-topic PATH... OLD NEW [--key KEY] [--dry-run]\n"
           "                                         rename or merge a topic everywhere\n"
           "  masthead-cli duplicates PATH... [--json]   groups of probable duplicates\n"
           "  masthead-cli --help | --version\n"
           "\n"
           "KEY is a dotted path with indices: title, provider.name, topics[2],\n"
           "related[0].images[1].width. --key defaults to topics.\n"
           "\n"
           "EXPR: KEY=VALUE, KEY!=VALUE, KEY~TEXT (contains), KEY<N, KEY<=N, KEY>N, KEY>=N,\n"
           "has:KEY, is:problem, is:read-only and bare words (title, excerpt, provider,\n"
           "topics), joined with and, or, not and parentheses; side by side means and.\n"
           "KEY is dotted without indices and matches when any list item does; text\n"
           "compares ignoring case and accents; \"quoted values\" hold spaces. Example:\n"
           "  --where 'provider.name=\"Le Monde\" publishedDateTime>=2023-01-01 not has:heat'\n"
           "\n"
           "A command over many records plans every edit first: if one record refuses,\n"
           "nothing is written. --dry-run prints a unified diff per file instead.\n"
           "\n"
           "Exit status: 0 done (also when nothing changed), 1 get found no value or\n"
           "check found an error, 2 anything else (nothing is written).\n"),
         stdout);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("masthead-cli");

  if (argc < 2)
    return mh_cli_usage_error ("%s", _("Missing command"));

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help ();
      return MH_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      fputs ("masthead-cli " PACKAGE_VERSION "\n", stdout);
      return MH_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "check") == 0)
    return mh_cli_check (argc - 2, argv + 2);
  if (strcmp (argv[1], "duplicates") == 0)
    return mh_cli_duplicates (argc - 2, argv + 2);

  if (strcmp (argv[1], "list") == 0)
    return mh_cli_list (argc - 2, argv + 2);
  if (strcmp (argv[1], "stats") == 0)
    return mh_cli_stats (argc - 2, argv + 2);
  if (strcmp (argv[1], "topics") == 0)
    return mh_cli_topics (argc - 2, argv + 2);
  if (strcmp (argv[1], "rename-topic") == 0)
    return mh_cli_rename_topic (argc - 2, argv + 2);

  if (mh_cli_is_edit_verb (argv[1]) && mh_cli_args_have_where (argc - 2, argv + 2))
    return mh_cli_edit_where (argv[1], argc - 2, argv + 2);
  status = mh_cli_file_verb (argv[1], argc - 2, argv + 2);
  if (status >= 0)
    return status;

  return mh_cli_usage_error (_("Unknown command “%s”"), argv[1]);
}
