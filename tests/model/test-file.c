/* test-file.c: loading a record with its etag, and saving it atomically or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "../mh-test-files.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mh-file.h"

#define RECORD "---\ntitle: Hello\n---\nBody\n"
#define EDITED "---\ntitle: Bye\n---\nBody\n"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
assert_file_bytes (const char *path,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (data, len, expected, strlen (expected));
}

/* Moves the file's times into the past, so a rewrite would show. */
static void
age_file (const char *path,
          long        seconds_ago)
{
  struct timeval times[2];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  times[0].tv_sec = times[1].tv_sec = now - seconds_ago;
  times[0].tv_usec = times[1].tv_usec = 0;
  g_assert_cmpint (utimes (path, times), ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("mh-test-file-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "record.md", NULL);
  write_file (fixture->path, RECORD);
  age_file (fixture->path, 3600);
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mh_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static MhFileContents *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MhFileContents *contents;

  contents = mh_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contents);
  return contents;
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(MhFileContents) contents = load_path (fixture->path);
  g_autofree char *target = g_file_get_path (contents->target);
  g_autofree char *real = realpath (fixture->path, NULL);

  g_assert_cmpmem (g_bytes_get_data (contents->bytes, NULL), g_bytes_get_size (contents->bytes),
                   RECORD, strlen (RECORD));
  g_assert_nonnull (contents->etag);
  g_assert_cmpstr (target, ==, real);
  g_assert_null (contents->readonly_reason);
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhFileContents) contents = mh_file_load (file, NULL, &error);

  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_save_unchanged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MhFileContents) contents = load_path (fixture->path);
  g_autoptr(GBytes) same = bytes_of (RECORD);
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;
  gboolean written = TRUE;

  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);
  g_assert_true (mh_file_save (contents, same, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (written);
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (before.st_ctime, ==, after.st_ctime);
  assert_file_bytes (fixture->path, RECORD);
}

static void
test_save_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GBytes) edited = bytes_of (EDITED);
  g_autoptr(GBytes) again = bytes_of (RECORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_etag = NULL;
  GStatBuf before, after;
  gboolean written = FALSE;

  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  contents = load_path (fixture->path);
  old_etag = g_strdup (contents->etag);

  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);
  g_assert_true (mh_file_save (contents, edited, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);

  assert_file_bytes (fixture->path, EDITED);
  /* A temporary file renamed over the old one: a new inode, same mode. */
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_cmpint (after.st_mode & 07777, ==, 0640);
  g_assert_true (g_bytes_equal (contents->bytes, edited));
  g_assert_nonnull (contents->etag);
  g_assert_cmpstr (contents->etag, !=, old_etag);

  /* The stored etag is the new one: a second save goes through. */
  g_assert_true (mh_file_save (contents, again, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  assert_file_bytes (fixture->path, RECORD);
}

static void
test_save_wrong_etag (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MhFileContents) contents = load_path (fixture->path);
  g_autoptr(GBytes) edited = bytes_of (EDITED);
  g_autoptr(GError) error = NULL;
  const char *external = "---\ntitle: Changed elsewhere\n---\n";
  gboolean written = TRUE;

  /* Another program rewrites the file; its new times change the etag. */
  write_file (fixture->path, external);
  age_file (fixture->path, 60);

  g_assert_false (mh_file_save (contents, edited, &written, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_false (written);
  assert_file_bytes (fixture->path, external);
  /* The caller still holds what it loaded, to merge against. */
  g_assert_cmpmem (g_bytes_get_data (contents->bytes, NULL), g_bytes_get_size (contents->bytes),
                   RECORD, strlen (RECORD));
}

static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (fixture->dir, "link.md", NULL);
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GBytes) edited = bytes_of (EDITED);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *real = realpath (fixture->path, NULL);
  g_autofree char *link_text = NULL;
  GStatBuf st;
  gboolean written = FALSE;

  g_assert_cmpint (symlink ("record.md", link_path), ==, 0);
  contents = load_path (link_path);
  target = g_file_get_path (contents->target);
  g_assert_cmpstr (target, ==, real);
  g_assert_null (contents->readonly_reason);

  g_assert_true (mh_file_save (contents, edited, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (written);

  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  link_text = g_file_read_link (link_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link_text, ==, "record.md");
  assert_file_bytes (fixture->path, EDITED);
}

static void
test_hard_link (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.md", NULL);
  g_autoptr(MhFileContents) contents = NULL;

  g_assert_cmpint (link (fixture->path, other), ==, 0);
  contents = load_path (fixture->path);
  g_assert_cmpstr (contents->readonly_reason, ==,
                   "The file has other hard links; saving would not be atomic");
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MhFileContents) contents = NULL;

  if (geteuid () == 0)
    {
      /* Root ignores file modes; the CLI tests cover this as nobody. */
      g_test_skip ("running as root");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  contents = load_path (fixture->path);
  g_assert_nonnull (contents->readonly_reason);
}

static void
test_is_record (void)
{
  g_assert_true (mh_file_is_hidden (".git"));
  g_assert_true (mh_file_is_hidden (".goutputstream-ABC123"));
  g_assert_false (mh_file_is_hidden ("record.md"));

  g_assert_true (mh_file_is_record ("a.yaml", "---\ntitle: x\n", 13));
  g_assert_true (mh_file_is_record ("a", "\xef\xbb\xbf---\r\n", 8));
  g_assert_true (mh_file_is_record ("a", "---  \n", 6));
  g_assert_true (mh_file_is_record ("notes.md", "Just text\n", 10));
  g_assert_true (mh_file_is_record ("notes.markdown", "", 0));
  g_assert_true (mh_file_is_record ("notes.txt", NULL, 0));
  g_assert_false (mh_file_is_record ("image.png", "\x89PNG", 4));
  g_assert_false (mh_file_is_record ("rule", "----\n", 5));
  g_assert_false (mh_file_is_record ("data.json", "{}", 2));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/file/load", test_load);
  ADD ("/file/load-missing", test_load_missing);
  ADD ("/file/save-unchanged", test_save_unchanged);
  ADD ("/file/save-changed", test_save_changed);
  ADD ("/file/save-wrong-etag", test_save_wrong_etag);
  ADD ("/file/symlink", test_symlink);
  ADD ("/file/hard-link", test_hard_link);
  ADD ("/file/unwritable", test_unwritable);
#undef ADD
  g_test_add_func ("/file/is-record", test_is_record);

  return g_test_run ();
}
