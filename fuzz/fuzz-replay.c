/* fuzz-replay.c: replay the checked-in fuzz corpus through the fuzz target, as a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with any compiler, so gcc builds run every corpus file too. Usage:
 * fuzz-replay CORPUS-FOLDER-OR-FILE... (a crash or abort() fails the test).
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  /* a copy of exactly len bytes, so reading past the end is caught by ASan */
  {
    g_autofree uint8_t *copy = g_memdup2 (contents, len);

    g_assert_cmpint (LLVMFuzzerTestOneInput (copy, len), ==, 0);
  }
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_ptr_array_add (files, g_strdup (argv[i]));
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (files, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (files, compare_strings);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (file);
      g_autofree char *test = g_strconcat ("/fuzz/replay/", base, NULL);

      g_test_add_data_func (test, file, replay_file);
    }

  return g_test_run ();
}
