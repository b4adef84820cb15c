/* mh-cli-output.c: what every verb writes the same way: usage errors, JSON strings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "mh-cli.h"

int
mh_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "masthead-cli: %s\n%s\n", message,
           _("Try “masthead-cli --help” for more information."));
  return MH_CLI_EXIT_FAILURE;
}

void
mh_cli_append_json_string (GString    *out,
                           const char *text,
                           gsize       len)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;

      if (named != NULL)
        g_string_append (out, named);
      else if (c < 0x20)
        {
          char escape[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], '\0' };

          g_string_append (out, escape);
        }
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}
