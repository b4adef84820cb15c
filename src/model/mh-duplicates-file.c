/* mh-duplicates-file.c: `.masthead/not-duplicates`, the pairs a curator said are not duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-duplicates-file.h"

void
mh_path_pair_free (MhPathPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->a);
  g_free (pair->b);
  g_free (pair);
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const MhPathPair *pa = *(MhPathPair * const *) a;
  const MhPathPair *pb = *(MhPathPair * const *) b;
  int cmp = strcmp (pa->a, pb->a);

  return cmp != 0 ? cmp : strcmp (pa->b, pb->b);
}

/* Sorts @pairs and drops repeated ones. */
static void
normalise_pairs (GPtrArray *pairs)
{
  g_ptr_array_sort (pairs, compare_pairs);
  for (guint i = pairs->len; i > 1; i--)
    if (compare_pairs (&pairs->pdata[i - 1], &pairs->pdata[i - 2]) == 0)
      g_ptr_array_remove_index (pairs, i - 1);
}

/* Why @path cannot be one side of a pair, or NULL. */
static const char *
check_path (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (*path == '\0')
    return _("an empty path");
  if (g_path_is_absolute (path))
    return _("an absolute path");
  if (strchr (path, '\n') != NULL || strchr (path, '\t') != NULL)
    return _("a path with a tab or a line break");
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return _("a path out of the folder");
  return NULL;
}

static MhPathPair *
pair_new (const char *a,
          const char *b)
{
  MhPathPair *pair = g_new0 (MhPathPair, 1);

  if (strcmp (a, b) > 0)
    {
      const char *swap = a;

      a = b;
      b = swap;
    }
  pair->a = g_strdup (a);
  pair->b = g_strdup (b);
  return pair;
}

GPtrArray *
mh_duplicates_file_parse (const char  *text,
                          gsize        len,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_path_pair_free);
  const char *end = text + len;
  const char *line = text;
  guint number = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: not valid UTF-8"), name);
      return NULL;
    }

  while (line < end)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *stop = newline != NULL ? newline : end;
      g_autofree char *copy = NULL;
      g_auto(GStrv) paths = NULL;
      const char *reason = NULL;

      number++;
      if (stop > line && stop[-1] == '\r')
        stop--;
      copy = g_strndup (line, (gsize) (stop - line));
      line = newline != NULL ? newline + 1 : end;
      if (*copy == '\0')
        continue;

      paths = g_strsplit (copy, "\t", -1);
      if (g_strv_length (paths) != 2)
        reason = _("not two paths separated by one tab");
      else if ((reason = check_path (paths[0])) == NULL
               && (reason = check_path (paths[1])) == NULL
               && strcmp (paths[0], paths[1]) == 0)
        reason = _("a path paired with itself");
      if (reason != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: %s", name, number,
                       reason);
          return NULL;
        }
      g_ptr_array_add (pairs, pair_new (paths[0], paths[1]));
    }

  normalise_pairs (pairs);
  return g_steal_pointer (&pairs);
}

char *
mh_duplicates_file_format (GPtrArray *pairs)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (pairs != NULL, NULL);

  for (guint i = 0; i < pairs->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (pairs, i));
  g_ptr_array_sort (sorted, compare_pairs);
  for (guint i = 0; i < sorted->len; i++)
    {
      const MhPathPair *pair = g_ptr_array_index (sorted, i);

      if (i > 0 && compare_pairs (&sorted->pdata[i], &sorted->pdata[i - 1]) == 0)
        continue;
      g_string_append_printf (text, "%s\t%s\n", pair->a, pair->b);
    }
  return g_string_free (text, FALSE);
}

GPtrArray *
mh_duplicates_file_read (GFile        *folder,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  file = g_file_resolve_relative_path (folder, MH_DUPLICATES_FILE_NAME);
  if (!g_file_load_contents (file, cancellable, &text, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_ptr_array_new_with_free_func ((GDestroyNotify) mh_path_pair_free);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  name = g_file_get_parse_name (file);
  return mh_duplicates_file_parse (text, len, name, error);
}

gboolean
mh_duplicates_file_add (GFile        *folder,
                        const char   *a,
                        const char   *b,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  const char *reason;

  g_return_val_if_fail (G_IS_FILE (folder) && a != NULL && b != NULL, FALSE);

  if ((reason = check_path (a)) != NULL || (reason = check_path (b)) != NULL
      || (strcmp (a, b) == 0 && (reason = _("a path paired with itself")) != NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot store “%s” and “%s” as not duplicates: %s"), a, b, reason);
      return FALSE;
    }

  pairs = mh_duplicates_file_read (folder, cancellable, error);
  if (pairs == NULL)
    return FALSE;
  g_ptr_array_add (pairs, pair_new (a, b));
  text = mh_duplicates_file_format (pairs);

  file = g_file_resolve_relative_path (folder, MH_DUPLICATES_FILE_NAME);
  parent = g_file_get_parent (file);
  if (!g_file_make_directory (parent, cancellable, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A temporary file renamed over the old one: never half written. */
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}
