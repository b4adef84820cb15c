/* test-containment.c: symlinks in, out, dangling, looping and to folders; where a block is added
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-file.h"
#include "../model/mh-test-util.h"
#include "mh-fault-util.h"

#define RECORD   "---\ntitle: Hello\n---\nBody\n"
#define PASSWD   "root:x:0:0:root:/root:/bin/bash\n"

typedef struct
{
  char *dir;      /* the folder that is opened */
  char *outside;  /* a folder beside it */
  char *before;   /* snapshot of both */
} Fixture;

static char *
snapshot_both (Fixture *fixture)
{
  g_autofree char *a = mh_fault_snapshot (fixture->dir);
  g_autofree char *b = mh_fault_snapshot (fixture->outside);

  return g_strconcat (a, "--\n", b, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = mh_fault_make_dir ();
  fixture->outside = mh_fault_make_dir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mh_test_remove_tree (fixture->dir);
  mh_test_remove_tree (fixture->outside);
  g_free (fixture->dir);
  g_free (fixture->outside);
  g_free (fixture->before);
}

static void
remember (Fixture *fixture)
{
  g_free (fixture->before);
  fixture->before = snapshot_both (fixture);
}

static void
assert_nothing_written (Fixture *fixture)
{
  g_autofree char *now = snapshot_both (fixture);

  g_assert_cmpstr (now, ==, fixture->before);
}

static char *
link_in (Fixture    *fixture,
         const char *name,
         const char *target)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
  return path;
}

/* The CLI refuses with exit 2 and says @needle; nothing anywhere changes. */
static void
assert_cli_refuses (Fixture    *fixture,
                    const char *path,
                    const char *needle)
{
  g_autofree char *err = NULL;
  const char *args[] = { "set", path, "title", "Written", NULL };

  remember (fixture);
  g_assert_cmpint (mh_fault_run_cli (NULL, args, NULL, NULL, &err), ==, 2);
  g_assert_true (g_str_has_prefix (err, "masthead-cli: ") || strstr (err, ": error: ") != NULL);
  g_assert_nonnull (strstr (err, needle));
  assert_nothing_written (fixture);
}

static MhFileContents *
load (const char  *path,
      const char  *root,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = root != NULL ? g_file_new_for_path (root) : NULL;

  return mh_file_load_in (file, folder, NULL, error);
}

/* A link to a record of the same folder is saved through: the link stays. */
static void
test_link_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *record = mh_fault_write (fixture->dir, "record.md", RECORD, -1);
  g_autofree char *link = link_in (fixture, "link.md", "record.md");
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *args[] = { "set", link, "title", "Linked", NULL };

  contents = load (link, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_null (contents->readonly_reason);

  g_assert_cmpint (mh_fault_run_cli (NULL, args, NULL, NULL, NULL), ==, 0);
  mh_fault_assert_bytes (record, "---\ntitle: Linked\n---\nBody\n", -1);
  text = g_file_read_link (link, NULL);
  g_assert_cmpstr (text, ==, "record.md");
}

/* The case: post.md is a link to a password file outside. It is read
 * (get works), never written: the CLI refuses, the collection shows it
 * read-only with the reason, and no byte of either folder changes. */
static void
test_link_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *passwd = mh_fault_write (fixture->outside, "passwd", PASSWD, -1);
  g_autofree char *other = mh_fault_write (fixture->outside, "other.md", RECORD, -1);
  g_autofree char *post = link_in (fixture, "post.md", passwd);
  g_autofree char *rec = link_in (fixture, "rec.md", other);
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *get[] = { "get", rec, "title", NULL };
  MhArticle *article;

  contents = load (rec, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents->readonly_reason, "outside the collection folder"));
  g_clear_pointer (&contents, mh_file_contents_free);
  contents = load (rec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents->readonly_reason, "outside the file’s own folder"));

  assert_cli_refuses (fixture, post, "outside the file’s own folder");
  assert_cli_refuses (fixture, rec, "outside the file’s own folder");
  g_assert_cmpint (mh_fault_run_cli (NULL, get, NULL, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Hello\n");

  remember (fixture);
  collection = mh_test_load (fixture->dir);
  article = mh_test_lookup (collection, rec);
  g_assert_nonnull (article);
  g_assert_nonnull (strstr (mh_article_get_readonly_reason (article), "outside"));
  mh_article_set_title (article, "Written");
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpuint (mh_collection_save_all (collection, NULL, NULL, NULL), ==, 0);
  g_clear_object (&collection);
  assert_nothing_written (fixture);
}

/* Inside the collection a link may climb to a sibling folder; the CLI, which
 * knows only the file's own folder, refuses the same link. */
static void
test_link_within_root (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *b = mh_fault_write (fixture->dir, "b.md", RECORD, -1);
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *a = g_build_filename (sub, "a.md", NULL);
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (symlink ("../b.md", a), ==, 0);
  contents = load (a, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_null (contents->readonly_reason);
  assert_cli_refuses (fixture, a, "outside the file’s own folder");
}

/* A dangling link is an error that says where it points; nothing is created. */
static void
test_dangling (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *link = link_in (fixture, "link.md", "missing.md");
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = load (link, fixture->dir, &error);
  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "It is a link to “missing.md”, which does not exist");
  assert_cli_refuses (fixture, link, "which does not exist");
}

/* A loop of links is an error that names it; it never hangs. */
static void
test_loop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *a = link_in (fixture, "a.md", "b.md");
  g_autofree char *b = link_in (fixture, "b.md", "a.md");
  g_autofree char *self = link_in (fixture, "self.md", "self.md");
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  contents = load (a, fixture->dir, &error);
  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  assert_cli_refuses (fixture, a, "loop of symbolic links");
  assert_cli_refuses (fixture, self, "loop of symbolic links");

  remember (fixture);
  collection = mh_test_load (fixture->dir);
  g_clear_object (&collection);
  assert_nothing_written (fixture);
}

/* A link to a folder is no record: refused by name, and not followed by the
 * folder scan (the record inside it is not listed twice). */
static void
test_link_to_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *inner = mh_fault_write (fixture->outside, "inner.md", RECORD, -1);
  g_autofree char *link = link_in (fixture, "folder.md", fixture->outside);
  g_autofree char *self = link_in (fixture, "up", ".");
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(MhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  contents = load (link, fixture->dir, &error);
  g_assert_null (contents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  assert_cli_refuses (fixture, link, "It is a folder");

  remember (fixture);
  collection = mh_test_load (fixture->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 0);
  g_clear_object (&collection);
  assert_nothing_written (fixture);
}

/* A block is added only to a regular .md/.markdown/.txt file: not to a file
 * of another name, nor through a link whose name or target lacks one. */
static void
test_block_only_for_records (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *notes = mh_fault_write (fixture->dir, "notes", "plain text\n", -1);
  g_autofree char *md = mh_fault_write (fixture->dir, "plain.md", "plain text\n", -1);
  g_autofree char *txt = mh_fault_write (fixture->dir, "plain.txt", "plain text\n", -1);
  g_autofree char *to_notes = link_in (fixture, "to-notes.md", "notes");
  g_autofree char *named_x = link_in (fixture, "x", "plain.txt");
  g_autofree char *with_block = mh_fault_write (fixture->dir, "config", RECORD, -1);
  const char *set_md[] = { "set", md, "title", "T", NULL };
  const char *set_block[] = { "set", with_block, "title", "T", NULL };

  assert_cli_refuses (fixture, notes, "a block is only ever added to");
  assert_cli_refuses (fixture, to_notes, "a block is only ever added to");
  assert_cli_refuses (fixture, named_x, "a block is only ever added to");

  /* A record's own name: the block is added. */
  g_assert_cmpint (mh_fault_run_cli (NULL, set_md, NULL, NULL, NULL), ==, 0);
  mh_fault_assert_bytes (md, "---\ntitle: T\n---\nplain text\n", -1);
  /* A file that has front matter is a record whatever its name. */
  g_assert_cmpint (mh_fault_run_cli (NULL, set_block, NULL, NULL, NULL), ==, 0);
  mh_fault_assert_bytes (with_block, "---\ntitle: T\n---\nBody\n", -1);
}

/* Between load and save the file is replaced by a link out of the folder:
 * the save refuses (as a change on disk) and writes nothing anywhere; a
 * reload then contains the link. */
static void
test_replaced_by_link (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *record = mh_fault_write (fixture->dir, "record.md", RECORD, -1);
  g_autofree char *victim = mh_fault_write (fixture->outside, "victim.md", RECORD, -1);
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GBytes) edited = g_bytes_new_static ("---\ntitle: X\n---\n", 17);
  g_autoptr(GError) error = NULL;
  gboolean written = TRUE;

  contents = load (record, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (record), ==, 0);
  g_assert_cmpint (symlink (victim, record), ==, 0);
  remember (fixture);
  g_assert_false (mh_file_save (contents, edited, &written, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_false (written);
  assert_nothing_written (fixture);

  g_clear_error (&error);
  g_clear_pointer (&contents, mh_file_contents_free);
  contents = load (record, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contents->readonly_reason);
  g_assert_false (mh_file_save (contents, edited, &written, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  assert_nothing_written (fixture);
}

/* What a folder scan does with each kind of entry. */
static void
test_classify (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *record = mh_fault_write (fixture->dir, "record.md", RECORD, -1);
  g_autofree char *other = mh_fault_write (fixture->dir, "image.png", "PNG", -1);
  g_autofree char *hidden = mh_fault_write (fixture->dir, ".goutputstream-X1", RECORD, -1);
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.md", NULL);
  g_autofree char *fifo2 = g_build_filename (fixture->dir, "pipe", NULL);
  g_autofree char *to_file = link_in (fixture, "to-file.md", "record.md");
  g_autofree char *to_folder = link_in (fixture, "to-folder", fixture->outside);
  g_autofree char *to_folder_md = link_in (fixture, "to-folder.md", fixture->outside);
  g_autofree char *loop = link_in (fixture, "loop.md", "loop.md");
  g_autofree char *loop2 = link_in (fixture, "loop", "loop");
  g_autofree char *dangling = link_in (fixture, "gone.md", "missing.md");
  g_autofree char *out = link_in (fixture, "out.txt", "/etc/hostname");
  struct
  {
    const char  *path;
    GFileType    type;
    MhFileEntry  expected;
  } cases[] = {
    { record, G_FILE_TYPE_REGULAR, MH_FILE_ENTRY_FILE },
    { other, G_FILE_TYPE_REGULAR, MH_FILE_ENTRY_FILE },
    { hidden, G_FILE_TYPE_REGULAR, MH_FILE_ENTRY_SKIP },
    { sub, G_FILE_TYPE_DIRECTORY, MH_FILE_ENTRY_FOLDER },
    { fifo, G_FILE_TYPE_SPECIAL, MH_FILE_ENTRY_FILE },
    { fifo2, G_FILE_TYPE_SPECIAL, MH_FILE_ENTRY_SKIP },
    { to_file, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_FILE },
    { to_folder, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_SKIP },
    { to_folder_md, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_SKIP },
    { loop, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_FILE },
    { loop2, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_SKIP },
    { dangling, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_FILE },
    { out, G_FILE_TYPE_SYMBOLIC_LINK, MH_FILE_ENTRY_FILE },
  };

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (mkfifo (fifo2, 0644), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      g_autofree char *name = g_file_get_basename (file);

      /* The type is the one the scan's enumerator reports. */
      g_assert_cmpint (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL),
                       ==, cases[i].type);
      g_assert_cmpint (mh_file_classify_entry (cases[i].path, name, cases[i].type), ==,
                       cases[i].expected);
    }
}

static const struct
{
  const char  *name;
  void       (*func) (Fixture *fixture, gconstpointer data);
} tests[] = {
  { "link-in", test_link_in },
  { "link-out", test_link_out },
  { "link-within-root", test_link_within_root },
  { "dangling", test_dangling },
  { "loop", test_loop },
  { "link-to-folder", test_link_to_folder },
  { "block-only-for-records", test_block_only_for_records },
  { "replaced-by-link", test_replaced_by_link },
  { "classify", test_classify },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strconcat ("/containment/", tests[i].name, NULL);

      /* What g_test_add() does, from a table. */
      g_test_add_vtable (path, sizeof (Fixture), NULL, (GTestFixtureFunc) fixture_set_up,
                         (GTestFixtureFunc) tests[i].func, (GTestFixtureFunc) fixture_tear_down);
    }

  return g_test_run ();
}
