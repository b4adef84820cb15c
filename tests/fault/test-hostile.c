/* test-hostile.c: folders that try to hang, crash or trick the loader; nothing is ever written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define BIG (64 * 1024 * 1024)

/* A hang fails the test instead of the suite's timeout. */
static void
watchdog (guint seconds)
{
  alarm (seconds);
}

static char *
make_fifo (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
  return path;
}

static char *
make_socket (const char *dir,
             const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  close (fd);
  return path;
}

static char *
write_big (const char *dir,
           const char *name,
           const char *head,
           char        fill,
           const char *tail)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = g_malloc (BIG);
  gsize head_len = strlen (head), tail_len = strlen (tail);

  memcpy (data, head, head_len);
  memset (data + head_len, fill, BIG - head_len - tail_len);
  memcpy (data + BIG - tail_len, tail, tail_len);
  g_free (mh_fault_write (dir, name, data, BIG));
  return path;
}

/* `x: [[[[…]]]]` past any depth cap, and the same as indented lists. */
static char *
write_deep (const char *dir)
{
  GString *text = g_string_new ("---\nflow: ");
  char *path;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "\nblock:\n");
  for (guint i = 0; i < 2000; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append_c (text, ' ');
      g_string_append (text, "-\n");
    }
  g_string_append (text, "---\n");
  path = mh_fault_write (dir, "deep.md", text->str, (gssize) text->len);
  g_string_free (text, TRUE);
  return path;
}

static const char bomb[] =
  "---\n"
  "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
  "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
  "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
  "title: Bomb\n"
  "---\n";

static int
cli (const char * const *args,
     char              **err)
{
  int status = mh_fault_run_cli (NULL, args, NULL, NULL, err);

  g_assert_cmpint (status, <=, 2);
  return status;
}

/* One folder of everything at once: FIFOs (one named like a record),
 * a socket, a device node (root), link loops, a 64 MB record, a 64 MB
 * block, nesting past every cap, an alias bomb, invalid UTF-8 and NUL
 * bytes. Loading finishes, nothing is written, every regular file that is
 * a record opens read-only with a reason or edits safely, and the CLI
 * answers each one at once with a clear message. */
static void
test_hostile_folder (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *fifo = make_fifo (dir, "pipe.md");
  g_autofree char *fifo2 = make_fifo (dir, "pipe");
  g_autofree char *sock = make_socket (dir, "sock.md");
  g_autofree char *device = g_build_filename (dir, "zero.md", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop.md", NULL);
  g_autofree char *big = write_big (dir, "big.md", "---\ntitle: Big\n---\n", 'x', "\n");
  g_autofree char *big_block = write_big (dir, "big-block.md", "---\nk: ", 'y', "\n---\n");
  g_autofree char *deep = write_deep (dir);
  g_autofree char *bomb_path = mh_fault_write (dir, "bomb.md", bomb, -1);
  g_autofree char *utf8 = mh_fault_write (dir, "utf8.md", "---\ntitle: \xff\xfe\xc3(\n---\n", -1);
  g_autofree char *nul = mh_fault_write (dir, "nul.md", "---\ntitle: a\0b\n---\nbody\0\n", 23);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MhCollection) collection = NULL;
  gboolean have_device;
  struct
  {
    const char *path;
    const char *message;
  } refused[] = {
    { fifo, "named pipe" },
    { sock, "socket" },
    { loop, "loop of symbolic links" },
    { device, "device" },
  };
  const char *read_only[] = { big_block, deep, utf8, nul };

  have_device = geteuid () == 0 && mknod (device, S_IFCHR | 0644, makedev (1, 5)) == 0;
  if (!have_device)
    g_test_message ("no device node: mknod needs root");
  g_assert_cmpint (symlink ("loop.md", loop), ==, 0);

  before = mh_fault_snapshot (dir);
  watchdog (300);

  collection = mh_test_load (dir);
  for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
    {
      MhArticle *article = mh_test_lookup (collection, read_only[i]);

      g_assert_nonnull (article);
      g_test_message ("%s: %s", read_only[i], mh_article_get_readonly_reason (article));
      g_assert_nonnull (mh_article_get_readonly_reason (article));
    }
  /* The 64 MB body is fine: its small block edits. */
  g_assert_nonnull (mh_test_lookup (collection, big));
  /* No regular files, never read (nothing blocks): named like a record,
   * they are listed read-only with what they are; otherwise skipped. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      MhArticle *article = mh_test_lookup (collection, refused[i].path);

      if (refused[i].path == device && !have_device)
        continue;
      g_assert_nonnull (article);
      g_assert_nonnull (strstr (mh_article_get_readonly_reason (article), refused[i].message));
    }
  g_assert_null (mh_test_lookup (collection, fifo2));
  g_clear_object (&collection);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *get[] = { "get", refused[i].path, "title", NULL };
      const char *set[] = { "set", refused[i].path, "title", "X", NULL };
      g_autofree char *err = NULL;
      g_autofree char *err2 = NULL;

      if (refused[i].path == device && !have_device)
        continue;
      g_assert_cmpint (cli (get, &err), ==, 2);
      g_assert_nonnull (strstr (err, refused[i].message));
      g_assert_cmpint (cli (set, &err2), ==, 2);
      g_assert_nonnull (strstr (err2, refused[i].message));
    }
  for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
    {
      const char *set[] = { "set", read_only[i], "title", "X", NULL };
      g_autofree char *err = NULL;

      g_assert_cmpint (cli (set, &err), ==, 2);
      g_assert_nonnull (strstr (err, "is read-only: "));
    }
  {
    const char *get[] = { "get", bomb_path, "i", NULL };
    const char *check[] = { "check", dir, NULL };

    /* The bomb is never expanded: a clear refusal, at once. */
    cli (get, NULL);
    cli (check, NULL);
  }

  alarm (0);
  after = mh_fault_snapshot (dir);
  g_assert_cmpstr (after, ==, before);
  mh_test_remove_tree (dir);
}

/* mh_test_load() with time for a very large folder. */
static MhCollection *
load_slow (const char *dir)
{
  g_autoptr(MhCollection) collection = mh_collection_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  mh_collection_load_async (collection, folder, NULL, mh_test_load_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  return g_steal_pointer (&collection);
}

/* 100,000 small records in one folder: loading finishes, every one is
 * listed, nothing is written. (Speed is the benchmark's business.) */
static void
test_many_files (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autoptr(MhCollection) collection = NULL;
  const guint n = 100000;
  GStatBuf st_before, st_after;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/r%06u.md", dir, i);
      int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (write (fd, "---\ntitle: T\n---\n", 17), ==, 17);
      close (fd);
    }
  g_assert_cmpint (g_stat (dir, &st_before), ==, 0);

  watchdog (600);
  start = g_get_monotonic_time ();
  collection = load_slow (dir);
  g_test_message ("%u records loaded in %.1f s", n,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  alarm (0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, n);
  g_clear_object (&collection);
  g_assert_cmpint (g_stat (dir, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_mtim.tv_nsec, ==, st_before.st_mtim.tv_nsec);
  g_assert_cmpint (st_after.st_mtim.tv_sec, ==, st_before.st_mtim.tv_sec);
  mh_test_remove_tree (dir);
}

static gpointer
grow_cb (gpointer data)
{
  const char *path = data;
  int fd = open (path, O_WRONLY | O_APPEND | O_CLOEXEC);
  char chunk[4096];
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  memset (chunk, 'z', sizeof chunk);
  chunk[sizeof chunk - 1] = '\n';
  /* A few MB a second: a log being written, not a disk being filled (past
   * 256 MB a file is refused, which is right, but not this test's case). */
  while (fd >= 0 && g_get_monotonic_time () < end)
    {
      if (write (fd, chunk, sizeof chunk) != (gssize) sizeof chunk)
        break;
      g_usleep (500);
    }
  if (fd >= 0)
    close (fd);
  return NULL;
}

/* A file that grows while it is read: loading and the CLI finish, and an
 * edit of it is never saved over what grew since it was read. */
static void
test_growing_file (void)
{
  g_autofree char *dir = mh_fault_make_dir ();
  g_autofree char *path = mh_fault_write (dir, "grow.md", "---\ntitle: Grows\n---\n", -1);
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  const char *get[] = { "get", path, "title", NULL };
  GThread *thread;
  MhArticle *article;
  MhSaveOutcome outcome;
  gsize len;

  watchdog (120);
  thread = g_thread_new ("grow", grow_cb, path);
  collection = mh_test_load (dir);
  g_assert_cmpint (cli (get, NULL), ==, 0);
  article = mh_test_lookup (collection, path);
  g_assert_nonnull (article);
  mh_article_set_title (article, "Edited");
  g_thread_join (thread);

  /* The save merges onto the grown file or stops at the conflict: either
   * way no byte that grew is lost. */
  if (!mh_collection_save (collection, article, &outcome, NULL, &error))
    g_test_message ("save of a grown file: %s", error->message);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  g_assert_cmpint (bytes[len - 1], ==, '\n');
  g_assert_cmpint (bytes[len - 2], ==, 'z');
  alarm (0);
  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/folder", test_hostile_folder);
  g_test_add_func ("/hostile/many-files", test_many_files);
  g_test_add_func ("/hostile/growing-file", test_growing_file);

  return g_test_run ();
}
