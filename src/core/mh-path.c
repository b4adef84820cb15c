/* mh-path.c: dotted key paths with indices, `related[0].images[1].width`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document.h"
#include "mh-path.h"

/**
 * mh_path_parse:
 *
 * Keys are separated by dots and followed by any number of `[N]` indices.
 * A key may hold any character but `.` and `[`; a backslash escapes one.
 *
 * Returns: (transfer full) (nullable): the path, or NULL with @error set
 */
MhPath *
mh_path_parse (const char  *text,
               GError     **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (MhPathStep));
  g_autoptr(MhPath) path = g_new0 (MhPath, 1);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  if (*p == '\0')
    goto invalid;

  while (*p != '\0')
    {
      g_autoptr(GString) key = g_string_new (NULL);
      MhPathStep step = { 0 };

      while (*p != '\0' && *p != '.' && *p != '[')
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          g_string_append_c (key, *p++);
        }

      /* A leading index (`[0]`) addresses a root that is a list: not ours. */
      if (key->len == 0)
        goto invalid;

      step.key = g_string_free (g_steal_pointer (&key), FALSE);
      g_array_append_val (steps, step);

      while (*p == '[')
        {
          guint64 index = 0;

          /* Digits by hand: g_ascii_strtoull() is not safe to call first
           * from two threads at once in GLib 2.74. */
          p++;
          if (!g_ascii_isdigit (*p))
            goto invalid;
          while (g_ascii_isdigit (*p))
            {
              index = index * 10 + (*p++ - '0');
              if (index > G_MAXINT)
                goto invalid;
            }
          if (*p != ']')
            goto invalid;
          p++;

          step.key = NULL;
          step.index = index;
          g_array_append_val (steps, step);
        }

      if (*p == '.')
        {
          p++;
          if (*p == '\0')
            goto invalid;
        }
      else if (*p != '\0')
        goto invalid;
    }

  path->n_steps = steps->len;
  path->steps = (MhPathStep *) g_array_free (g_steal_pointer (&steps), FALSE);
  return g_steal_pointer (&path);

invalid:
  for (guint i = 0; i < steps->len; i++)
    g_free (g_array_index (steps, MhPathStep, i).key);
  g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INVALID_PATH,
               _("“%s” is not a key path (like title, provider.name or topics[0])"), text);
  return NULL;
}

void
mh_path_free (MhPath *path)
{
  if (path == NULL)
    return;
  for (guint i = 0; i < path->n_steps; i++)
    g_free (path->steps[i].key);
  g_free (path->steps);
  g_free (path);
}

static char *
path_to_string (const MhPath *path,
                gboolean      schema)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < path->n_steps; i++)
    {
      const MhPathStep *step = &path->steps[i];

      if (step->key == NULL)
        {
          if (schema)
            g_string_append (out, "[]");
          else
            g_string_append_printf (out, "[%u]", step->index);
          continue;
        }

      if (i > 0)
        g_string_append_c (out, '.');
      for (const char *c = step->key; *c; c++)
        {
          if (*c == '.' || *c == '[' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
    }

  return g_string_free (out, FALSE);
}

/* Returns: (transfer full): the path in the form mh_path_parse() reads */
char *
mh_path_to_string (const MhPath *path)
{
  return path_to_string (path, FALSE);
}

/* Returns: (transfer full): the path with every index written `[]` */
char *
mh_path_to_schema (const MhPath *path)
{
  return path_to_string (path, TRUE);
}

gboolean
mh_path_text_is_under (const char *path,
                       const char *prefix)
{
  gsize len = strlen (prefix);

  return strncmp (path, prefix, len) == 0 &&
         (path[len] == '\0' || path[len] == '.' || path[len] == '[');
}
