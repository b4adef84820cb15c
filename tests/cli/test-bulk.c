/* test-bulk.c: the many-record verbs through the real binary, on folders of real-style records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * list, stats, topics, rename-topic and set|unset|add|remove --where: exact
 * output, exact bytes of every file after a write, --dry-run's diffs with
 * nothing written, a refusal anywhere writing nothing, and files the command
 * does not change keeping their bytes and their mtime.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "../mh-test-files.h"

static char *cli_path;
static char *seeds_path;

/* The mini folder: each record a style the engine must keep. */
#define CRLF_MD "---\r\ntitle: Drones\r\nquality: 40\r\ntopics: [ai, Drones]\r\n---\r\nBody\r\n"
#define COMMENTS_MD \
  "---\n# head\ntitle: \"Quoted\"  # trailing\ntopics:\n  # list comment\n  - 'AI'\n" \
  "  - Privacy\nquality: 70\n---\n"
#define DASH_MD "---\ntitle: Dash\ntopics:\n- A.I.\n- Climate\n---\n"
#define ALIAS_MD "---\ntitle: Alias\nanchor: &t [AI, Space]\ntopics: *t\n---\n"
#define MULTI_MD \
  "---\ntitle: \"Tab\\there\"\nexcerpt: |\n  Line one\n  Line two\nquality: 7\nprovider:\n" \
  "  name: Le Monde\npublishedDateTime: 2024-02-01T10:00:00Z\n---\n"
#define NOTES_TXT "just text\n"

typedef struct
{
  char *dir;
} Fixture;

/* Every file's bytes and stat under a folder, to compare after a run. */
typedef struct
{
  GHashTable *bytes;   /* relative path → contents */
  GHashTable *stats;   /* relative path → GStatBuf */
} Tree;

/* Runs @argv (NULL-terminated, masthead-cli first); *@out and *@err are
 * replaced (freed first), so one pair of variables serves many runs. */
static int
spawn (const char * const *argv,
       char              **out,
       char              **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static int
cli (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, cli_path);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return spawn ((const char * const *) argv->pdata, out, err);
}

static char *
path_in (const char *dir,
         const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
put (const char *dir,
     const char *name,
     const char *text)
{
  g_autofree char *path = path_in (dir, name);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
slurp (const char *dir,
       const char *name)
{
  g_autofree char *path = path_in (dir, name);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
tree_scan (Tree       *tree,
           const char *root,
           const char *relative)
{
  g_autofree char *folder = relative[0] ? path_in (root, relative) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *rel = relative[0] ? g_build_filename (relative, name, NULL)
                                         : g_strdup (name);
      g_autofree char *full = path_in (root, rel);
      GStatBuf *st = g_new0 (GStatBuf, 1);
      char *text = NULL;

      g_assert_cmpint (g_lstat (full, st), ==, 0);
      if (S_ISDIR (st->st_mode))
        {
          g_free (st);
          tree_scan (tree, root, rel);
          continue;
        }
      g_assert_true (g_file_get_contents (full, &text, NULL, NULL));
      g_hash_table_insert (tree->bytes, g_strdup (rel), text);
      g_hash_table_insert (tree->stats, g_strdup (rel), st);
    }
}

static void
tree_take (Tree       *tree,
           const char *root)
{
  tree->bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tree->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tree_scan (tree, root, "");
}

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->bytes, g_hash_table_unref);
  g_clear_pointer (&tree->stats, g_hash_table_unref);
}

/* Every file of @before is now as it was (bytes, inode, mtime), except
 * those @changed (NULL-terminated pairs name, bytes) names, which hold
 * exactly those bytes; no file came or went (no temporary left behind). */
static void
tree_assert (Tree               *before,
             const char         *root,
             const char * const *changed)
{
  Tree after = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  tree_take (&after, root);
  g_assert_cmpuint (g_hash_table_size (after.bytes), ==, g_hash_table_size (before->bytes));

  for (guint i = 0; changed != NULL && changed[i] != NULL; i += 2)
    {
      const char *now = g_hash_table_lookup (after.bytes, changed[i]);

      if (g_strcmp0 (now, changed[i + 1]) != 0)
        g_error ("%s holds ‹%s›, expected ‹%s›", changed[i], now, changed[i + 1]);
    }

  g_hash_table_iter_init (&iter, before->bytes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const GStatBuf *was = g_hash_table_lookup (before->stats, key);
      const GStatBuf *is = g_hash_table_lookup (after.stats, key);
      gboolean listed = FALSE;

      for (guint i = 0; changed != NULL && changed[i] != NULL && !listed; i += 2)
        listed = strcmp (changed[i], key) == 0;
      g_assert_nonnull (is);
      if (listed)
        continue;
      if (g_strcmp0 (g_hash_table_lookup (after.bytes, key), value) != 0)
        g_error ("%s changed", (char *) key);
      g_assert_cmpuint (is->st_ino, ==, was->st_ino);
      g_assert_cmpint (is->st_mtim.tv_sec, ==, was->st_mtim.tv_sec);
      g_assert_cmpint (is->st_mtim.tv_nsec, ==, was->st_mtim.tv_nsec);
    }
  tree_clear (&after);
}

static void
mini_set_up (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  fixture->dir = g_dir_make_tmp ("mh-test-bulk-XXXXXX", &error);
  g_assert_no_error (error);
  put (fixture->dir, "a-crlf.md", CRLF_MD);
  put (fixture->dir, "b-comments.md", COMMENTS_MD);
  put (fixture->dir, "c-dash.md", DASH_MD);
  put (fixture->dir, "d-alias.md", ALIAS_MD);
  put (fixture->dir, "sub/e-multi.md", MULTI_MD);
  put (fixture->dir, "notes.txt", NOTES_TXT);
  /* Neither is a record: skipped by every verb. */
  put (fixture->dir, "image.png", "\x89PNG\r\n");
  put (fixture->dir, ".hidden.md", "---\ntitle: Hidden\ntopics: [ai]\n---\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;
  mh_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  const char *d = fixture->dir;

  (void) data;
  g_assert_cmpint (cli (&out, &err, "list", d, NULL), ==, 0);
  expected = g_strdup_printf (
    "%s/a-crlf.md\tDrones\t\t\t40\t[\"ai\", \"Drones\"]\n"
    "%s/b-comments.md\tQuoted\t\t\t70\t[\"AI\", \"Privacy\"]\n"
    "%s/c-dash.md\tDash\t\t\t\t[\"A.I.\", \"Climate\"]\n"
    "%s/d-alias.md\tAlias\t\t\t\t[\"AI\", \"Space\"]\n"
    "%s/notes.txt\t\t\t\t\t\n"
    /* a tab and line breaks inside a value are escaped: one line a record */
    "%s/sub/e-multi.md\tTab\\there\t2024-02-01T10:00:00Z\tLe Monde\t7\t\n",
    d, d, d, d, d, d);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (cli (&out, &err, "list", d, "--where", "topics=ai quality>=50",
                        "--fields=title,excerpt", NULL), ==, 0);
  expected = g_strdup_printf ("%s/b-comments.md\tQuoted\t\n", d);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (cli (&out, &err, "list", d, "--where", "quality<50 or title~dash", "--json",
                        "--fields", "title,quality,provider,topics[1],excerpt", NULL), ==, 0);
  expected = g_strdup_printf (
    "[\n"
    "  {\"file\": \"%s/a-crlf.md\", \"title\": \"Drones\", \"quality\": 40, "
    "\"topics[1]\": \"Drones\"},\n"
    "  {\"file\": \"%s/c-dash.md\", \"title\": \"Dash\", \"topics[1]\": \"Climate\"},\n"
    "  {\"file\": \"%s/sub/e-multi.md\", \"title\": \"Tab\\there\", \"quality\": 7, "
    "\"provider\": {\"name\": \"Le Monde\"}, \"excerpt\": \"Line one\\nLine two\\n\"}\n"
    "]\n", d, d, d);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (&out, &err, "list", d, "--where", "nothing-matches-this", "--json",
                        NULL), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  (void) data;
  put (fixture->dir, "f-broken.md", "---\ntitle: x\n\tbad: tab\n---\n");
  g_assert_cmpint (cli (&out, &err, "stats", fixture->dir, NULL), ==, 0);
  /* notes.txt has no title: a problem; f-broken is read-only */
  g_assert_cmpstr (out, ==,
                   "records\t7\nread-only\t1\nproblems\t2\n"
                   "values\ttitle\t5\nvalues\ttopics\t4\nvalues\tquality\t3\n"
                   "values\tanchor\t1\nvalues\texcerpt\t1\nvalues\tprovider\t1\n"
                   "values\tpublishedDateTime\t1\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (&out, &err, "stats", fixture->dir, "--where", "topics=ai", "--json",
                        NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "{\"records\": 3, \"read-only\": 0, \"problems\": 0, \"values\": "
                   "{\"title\": 3, \"topics\": 3, \"quality\": 2, \"anchor\": 1}}\n");
}

static void
test_topics (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  (void) data;
  put (fixture->dir, "g-tags.md",
       "---\ntitle: Tags\ntags: [Go, go, GO, Rust]\ntopics: [Café]\n---\n");
  put (fixture->dir, "h-tags.md", "---\ntitle: Tags 2\ntags:\n  - Rust\n  - rust\n---\n");

  g_assert_cmpint (cli (&out, &err, "topics", fixture->dir, NULL), ==, 0);
  /* "ai", "AI" and "A.I." are one topic of four records: the most used
   * spelling leads, the others by use, then by bytes. */
  g_assert_cmpstr (out, ==,
                   "AI\t4\tA.I.\tai\nCafé\t1\nClimate\t1\nDrones\t1\nPrivacy\t1\nSpace\t1\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (&out, &err, "topics", fixture->dir, "--key", "tags", "--json", NULL),
                   ==, 0);
  /* A record counts once per topic, whatever its spellings. */
  g_assert_cmpstr (out, ==,
                   "[\n"
                   "  {\"value\": \"Rust\", \"count\": 2, \"variants\": [\"rust\"]},\n"
                   "  {\"value\": \"GO\", \"count\": 1, \"variants\": [\"Go\", \"go\"]}\n"
                   "]\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (&out, &err, "topics", fixture->dir, "--key", "none", "--json", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
}

#define CRLF_RENAMED \
  "---\r\ntitle: Drones\r\nquality: 40\r\ntopics: [Artificial Intelligence, Drones]\r\n" \
  "---\r\nBody\r\n"
#define COMMENTS_RENAMED \
  "---\n# head\ntitle: \"Quoted\"  # trailing\ntopics:\n  # list comment\n" \
  "  - 'Artificial Intelligence'\n  - Privacy\nquality: 70\n---\n"

static void
test_rename_topic (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *alias = path_in (fixture->dir, "d-alias.md");
  g_autofree char *prefix = NULL;
  g_autofree char *expected = NULL;
  Tree before = { 0 };

  (void) data;
  /* d-alias's topics are an alias: it refuses, so nothing is written. */
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "ai",
                        "Artificial Intelligence", NULL), ==, 2);
  prefix = g_strdup_printf ("%s:4:9: error: topics[0] is read-only: ", alias);
  g_assert_true (g_str_has_prefix (err, prefix));
  g_assert_cmpstr (out, ==, "");
  tree_assert (&before, fixture->dir, NULL);
  tree_clear (&before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (g_unlink (alias), ==, 0);
  tree_take (&before, fixture->dir);

  /* --dry-run: the diffs, CRs and all, and nothing written */
  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "ai",
                        "Artificial Intelligence", "--dry-run", NULL), ==, 0);
  expected = g_strdup_printf (
    "--- a/%s/a-crlf.md\n+++ b/%s/a-crlf.md\n"
    "@@ -1,6 +1,6 @@\n ---\r\n title: Drones\r\n quality: 40\r\n-topics: [ai, Drones]\r\n"
    "+topics: [Artificial Intelligence, Drones]\r\n ---\r\n Body\r\n"
    "--- a/%s/b-comments.md\n+++ b/%s/b-comments.md\n"
    "@@ -3,7 +3,7 @@\n title: \"Quoted\"  # trailing\n topics:\n   # list comment\n"
    "-  - 'AI'\n+  - 'Artificial Intelligence'\n   - Privacy\n quality: 70\n ---\n",
    fixture->dir, fixture->dir, fixture->dir, fixture->dir);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  tree_assert (&before, fixture->dir, NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* "A.I." folds to "a.i.", not "ai": c-dash is not touched */
  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "ai",
                        "Artificial Intelligence", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  tree_assert (&before, fixture->dir, (const char * const []) {
    "a-crlf.md", CRLF_RENAMED, "b-comments.md", COMMENTS_RENAMED, NULL });
  tree_clear (&before);
  g_clear_pointer (&out, g_free);

  /* A merge: NEW is in the list already, so OLD goes. */
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "PRIVACY",
                        "artificial intelligence", NULL), ==, 0);
  tree_assert (&before, fixture->dir, (const char * const []) {
    "b-comments.md",
    "---\n# head\ntitle: \"Quoted\"  # trailing\ntopics:\n  # list comment\n"
    "  - 'Artificial Intelligence'\nquality: 70\n---\n", NULL });
  tree_clear (&before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A rename to a variant of itself keeps one item, NEW's spelling; a
   * topic no record has is a no-op that touches nothing. */
  put (fixture->dir, "c-dash.md", "---\ntitle: Dash\ntopics:\n- a.i.\n- Climate\n- A.I.\n---\n");
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "a.i.", "A.I.", NULL), ==, 0);
  tree_assert (&before, fixture->dir, (const char * const []) {
    "c-dash.md", "---\ntitle: Dash\ntopics:\n- Climate\n- A.I.\n---\n", NULL });
  tree_clear (&before);
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "Nobody", "Nothing",
                        "--key", "tags", NULL), ==, 0);
  tree_assert (&before, fixture->dir, NULL);
  tree_clear (&before);
}

static void
test_where_edits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *other = NULL;
  g_autofree char *linked = path_in (fixture->dir, "f-linked.md");
  g_autofree char *link_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  Tree before = { 0 };

  (void) data;
  /* A hard-linked file is read-only (saving it would not be atomic). */
  put (fixture->dir, "f-linked.md", "---\ntitle: Linked\nquality: 10\n---\n");
  other = g_dir_make_tmp ("mh-test-bulk-link-XXXXXX", &error);
  g_assert_no_error (error);
  link_path = path_in (other, "link.md");
  g_assert_cmpint (link (linked, link_path), ==, 0);

  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "set", "--where", "quality<50", fixture->dir, "heat", "5",
                        NULL), ==, 2);
  expected = g_strdup_printf ("masthead-cli: %s: heat is read-only: The file has other hard "
                              "links; saving would not be atomic\n", linked);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpstr (out, ==, "");
  tree_assert (&before, fixture->dir, NULL);
  tree_clear (&before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  /* The same edit where it cannot refuse: the new key in each file's style. */
  g_assert_cmpint (g_unlink (link_path), ==, 0);
  mh_test_remove_tree (other);
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "set", "--where", "quality<50", fixture->dir, "heat", "5",
                        NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  tree_assert (&before, fixture->dir, (const char * const []) {
    "a-crlf.md",
    "---\r\ntitle: Drones\r\nquality: 40\r\ntopics: [ai, Drones]\r\nheat: 5\r\n---\r\nBody\r\n",
    "f-linked.md", "---\ntitle: Linked\nquality: 10\nheat: 5\n---\n",
    "sub/e-multi.md",
    "---\ntitle: \"Tab\\there\"\nexcerpt: |\n  Line one\n  Line two\nquality: 7\nprovider:\n"
    "  name: Le Monde\npublishedDateTime: 2024-02-01T10:00:00Z\nheat: 5\n---\n", NULL });
  tree_clear (&before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* add with --dry-run: the diff only */
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "add", "--where=title=dash", fixture->dir, "topics",
                        "Weather", "--dry-run", NULL), ==, 0);
  expected = g_strdup_printf ("--- a/%s/c-dash.md\n+++ b/%s/c-dash.md\n"
                              "@@ -3,4 +3,5 @@\n topics:\n - A.I.\n - Climate\n+- Weather\n"
                              " ---\n", fixture->dir, fixture->dir);
  g_assert_cmpstr (out, ==, expected);
  tree_assert (&before, fixture->dir, NULL);
  g_clear_pointer (&out, g_free);

  /* remove, then unset: matched records only */
  g_assert_cmpint (cli (&out, &err, "remove", "--where", "topics=drones", fixture->dir, "topics",
                        "Drones", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "unset", "--where", "heat=5 not title~linked",
                        fixture->dir, "heat", NULL), ==, 0);
  tree_assert (&before, fixture->dir, (const char * const []) {
    "a-crlf.md", "---\r\ntitle: Drones\r\nquality: 40\r\ntopics: [ai]\r\n---\r\nBody\r\n",
    "sub/e-multi.md", MULTI_MD, NULL });
  tree_clear (&before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* unset on a record without the key refuses, as for one file: nothing
   * written, even in the records that have it */
  tree_take (&before, fixture->dir);
  g_assert_cmpint (cli (&out, &err, "unset", "--where", "has:title", fixture->dir, "heat",
                        NULL), ==, 2);
  g_assert_true (strstr (err, "a-crlf.md") != NULL);
  g_assert_true (strstr (err, "b-comments.md") != NULL);
  tree_assert (&before, fixture->dir, NULL);
  tree_clear (&before);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct
  {
    const char *args[8];
    const char *err;   /* exact, or NULL: any message */
  } cases[] = {
    { { "list", "DIR", "--where", "quality<", NULL },
      "masthead-cli: --where: column 9: expected a value after “<”\n" },
    { { "stats", "DIR", "--where", "(a or b", NULL },
      "masthead-cli: --where: column 1: this “(” is never closed\n" },
    { { "set", "--where", "sécurité and", "DIR", "heat", "1", NULL },
      "masthead-cli: --where: column 13: expected a term after “and”\n" },
    { { "list", NULL }, NULL },
    { { "list", "DIR", "--bogus", NULL }, NULL },
    { { "list", "DIR", "--where", NULL }, NULL },
    { { "list", "DIR", "--fields=topics[x]", NULL }, NULL },
    { { "topics", "DIR", "--key", "a..b", NULL }, NULL },
    { { "rename-topic", "DIR", "ai", NULL }, NULL },
    { { "rename-topic", "DIR", "", "x", NULL }, NULL },
    { { "set", "--where", "has:title", "DIR", "heat", NULL }, NULL },
    { { "set", "--where", "has:title", "DIR", "topics[", "1", NULL }, NULL },
    { { "unset", "--where", "has:title", "heat", NULL }, NULL },
    { { "set", "--where", "has:title", "DIR", "secured", "x", NULL }, NULL },
    { { "set", "--where", "has:title", "DIR", "quality", "high", NULL }, NULL },
    { { "list", "DIR/missing", NULL }, NULL },
  };
  Tree before = { 0 };

  (void) data;
  tree_take (&before, fixture->dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      g_ptr_array_add (argv, g_strdup (cli_path));
      for (guint k = 0; cases[i].args[k] != NULL; k++)
        {
          const char *arg = cases[i].args[k];

          g_ptr_array_add (argv, g_str_has_prefix (arg, "DIR")
                                 ? g_strconcat (fixture->dir, arg + 3, NULL) : g_strdup (arg));
        }
      g_ptr_array_add (argv, NULL);
      status = spawn ((const char * const *) argv->pdata, &out, &err);
      if (status != 2)
        g_error ("case %u: exit %d", i, status);
      if (cases[i].err != NULL)
        g_assert_cmpstr (err, ==, cases[i].err);
      g_assert_true (g_str_has_prefix (err, "masthead-cli: ") || strstr (err, ": error: "));
      g_assert_cmpstr (out, ==, "");
    }
  tree_assert (&before, fixture->dir, NULL);
  tree_clear (&before);
}

/* The big folder: three copies of every seed (CRLF, BOM, flow and block
 * lists, comments, a broken one) under names that sort as a, b, c. */
static void
big_set_up (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (seeds_path, 0, NULL);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  (void) data;
  g_assert_nonnull (dir);
  fixture->dir = g_dir_make_tmp ("mh-test-bulk-big-XXXXXX", &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *text = slurp (seeds_path, name);

      for (char copy = 'a'; copy <= 'c'; copy++)
        {
          g_autofree char *target = g_strdup_printf ("%c/%s", copy, name);

          put (fixture->dir, target, text);
          n++;
        }
    }
  g_assert_cmpuint (n, >=, 30);
}

/* What the single-file command gives on a copy of @name's bytes. */
static char *
single_file_result (const char         *name,
                    const char         *text,
                    const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("mh-test-bulk-one-XXXXXX", &error);
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *path = path_in (tmp, base);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *result;

  g_assert_no_error (error);
  put (tmp, base, text);
  g_assert_cmpint (cli (&out, &err, args[0], path, args[1], args[2], NULL), ==, 0);
  result = slurp (tmp, base);
  mh_test_remove_tree (tmp);
  return result;
}

/* The topics of a record as `get` prints them, one JSON line. */
static char *
get_topics (const char *dir,
            const char *name)
{
  g_autofree char *path = path_in (dir, name);
  g_autofree char *err = NULL;
  char *out = NULL;

  if (cli (&out, &err, "get", path, "topics", NULL) != 0)
    g_clear_pointer (&out, g_free);
  return out;
}

static void
test_big_add_where (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Tree before = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  guint n_changed = 0;

  (void) data;
  tree_take (&before, fixture->dir);
  /* The expected bytes: the single-file `add` on each record whose topics
   * hold "AI" in any case (the seeds' topics have no accents). */
  g_hash_table_iter_init (&iter, before.bytes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *topics = get_topics (fixture->dir, key);
      g_autofree char *folded = topics != NULL ? g_ascii_strdown (topics, -1) : NULL;

      if (folded == NULL || strstr (folded, "\"ai\"") == NULL)
        continue;
      g_ptr_array_add (changed, g_strdup (key));
      g_ptr_array_add (changed, single_file_result (key, value, (const char * const []) {
        "add", "topics", "Curated" }));
      n_changed++;
    }
  g_ptr_array_add (changed, NULL);
  g_assert_cmpuint (n_changed, >=, 15);

  g_assert_cmpint (cli (&out, &err, "add", "--where", "topics=ai", fixture->dir, "topics",
                        "Curated", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  tree_assert (&before, fixture->dir, (const char * const *) changed->pdata);
  tree_clear (&before);
}

static void
test_big_rename (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dry = NULL;
  Tree before = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  (void) data;
  tree_take (&before, fixture->dir);
  /* The expected bytes: `set topics[N] "Data Privacy"` on the item that is
   * "privacy" in any case (the seeds hold it once at most, and never with
   * "Data Privacy"). */
  g_hash_table_iter_init (&iter, before.bytes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *topics = get_topics (fixture->dir, key);
      g_auto(GStrv) items = NULL;
      g_autofree char *item_key = NULL;
      gint index = -1;

      if (topics == NULL || topics[0] != '[')
        continue;
      g_strstrip (topics);
      topics[strlen (topics) - 1] = '\0';
      items = g_strsplit (topics + 1, ", ", -1);
      for (guint i = 0; items[i] != NULL; i++)
        if (g_ascii_strcasecmp (items[i], "\"privacy\"") == 0)
          index = (gint) i;
      if (index < 0)
        continue;
      item_key = g_strdup_printf ("topics[%d]", index);
      g_ptr_array_add (changed, g_strdup (key));
      g_ptr_array_add (changed, single_file_result (key, value, (const char * const []) {
        "set", item_key, "Data Privacy" }));
    }
  g_ptr_array_add (changed, NULL);
  g_assert_cmpuint (changed->len, >=, 2 * 9 + 1);

  g_assert_cmpint (cli (&dry, &err, "rename-topic", fixture->dir, "privacy", "Data Privacy",
                        "--dry-run", NULL), ==, 0);
  for (guint i = 0; i + 1 < changed->len; i += 2)
    {
      g_autofree char *header = g_strdup_printf ("--- a/%s/%s\n", fixture->dir,
                                                 (char *) g_ptr_array_index (changed, i));

      g_assert_nonnull (strstr (dry, header));
    }
  tree_assert (&before, fixture->dir, NULL);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (&out, &err, "rename-topic", fixture->dir, "privacy", "Data Privacy",
                        NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  tree_assert (&before, fixture->dir, (const char * const *) changed->pdata);
  tree_clear (&before);
}

int
main (int   argc,
      char *argv[])
{
  const char *build_root = g_getenv ("MH_BUILD_ROOT");
  const char *source_root = g_getenv ("MH_SOURCE_ROOT");
  int status;

  g_test_init (&argc, &argv, NULL);
  if (build_root == NULL || source_root == NULL)
    {
      g_printerr ("MH_BUILD_ROOT or MH_SOURCE_ROOT is not set: run through meson test\n");
      return 77;
    }
  cli_path = g_build_filename (build_root, "src", "cli", "masthead-cli", NULL);
  seeds_path = g_build_filename (source_root, "seeds", NULL);

  g_test_add ("/cli/bulk/list", Fixture, NULL, mini_set_up, test_list, fixture_tear_down);
  g_test_add ("/cli/bulk/stats", Fixture, NULL, mini_set_up, test_stats, fixture_tear_down);
  g_test_add ("/cli/bulk/topics", Fixture, NULL, mini_set_up, test_topics, fixture_tear_down);
  g_test_add ("/cli/bulk/rename-topic", Fixture, NULL, mini_set_up, test_rename_topic,
              fixture_tear_down);
  g_test_add ("/cli/bulk/where-edits", Fixture, NULL, mini_set_up, test_where_edits,
              fixture_tear_down);
  g_test_add ("/cli/bulk/errors", Fixture, NULL, mini_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli/bulk/big-add-where", Fixture, NULL, big_set_up, test_big_add_where,
              fixture_tear_down);
  g_test_add ("/cli/bulk/big-rename", Fixture, NULL, big_set_up, test_big_rename,
              fixture_tear_down);

  status = g_test_run ();

  g_free (cli_path);
  g_free (seeds_path);
  return status;
}
