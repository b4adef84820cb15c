/* test-cli.c: masthead-cli through the real binary: verbs, exit statuses, messages, bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "../mh-test-files.h"

/* An unprivileged user for the permission cases: root ignores file modes. */
#define NOBODY_UID 65534

#define RECORD \
  "---\n" \
  "# The article\n" \
  "title: Hello\n" \
  "quality: 52\n" \
  "heat: -1\n" \
  "published: false\n" \
  "publishedDateTime: 2021-04-09T12:58:00Z\n" \
  "webUrl: \"https://example.com/a\"\n" \
  "provider:\n" \
  "  name: Example\n" \
  "  domain: example.com\n" \
  "topics:\n" \
  "  - AI\n" \
  "  - Privacy\n" \
  "  - AI\n" \
  "count: 5\n" \
  "empty:\n" \
  "secured: \"abc==\"\n" \
  "---\n" \
  "Body text\n"

typedef struct
{
  char *dir;
  char *path;   /* dir/record.md, holding RECORD */
} Fixture;

/* What must not change when the CLI fails. */
typedef struct
{
  char      *bytes;
  gsize      len;
  GStatBuf   st;
  guint      n_entries;
} Snapshot;

static char *cli_path;

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
write_in (const char *dir,
          const char *name,
          const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  write_file (path, text);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
snapshot_take (Snapshot   *snapshot,
               const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_true (g_file_get_contents (path, &snapshot->bytes, &snapshot->len, NULL));
  g_assert_cmpint (g_stat (path, &snapshot->st), ==, 0);
  snapshot->n_entries = count_entries (dir);
}

/* The bytes, the inode, the times and the folder (no temporary left
 * behind) are all as they were. */
static void
snapshot_assert_unchanged (Snapshot   *snapshot,
                           const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, len, snapshot->bytes, snapshot->len);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_ino, ==, snapshot->st.st_ino);
  g_assert_cmpint (st.st_mtim.tv_sec, ==, snapshot->st.st_mtim.tv_sec);
  g_assert_cmpint (st.st_mtim.tv_nsec, ==, snapshot->st.st_mtim.tv_nsec);
  g_assert_cmpint (st.st_ctim.tv_sec, ==, snapshot->st.st_ctim.tv_sec);
  g_assert_cmpint (st.st_ctim.tv_nsec, ==, snapshot->st.st_ctim.tv_nsec);
  g_assert_cmpuint (count_entries (dir), ==, snapshot->n_entries);
  g_clear_pointer (&snapshot->bytes, g_free);
}

/* Runs masthead-cli with @args (NULL-terminated), optionally as nobody. */
static int
run_as (gboolean            as_nobody,
        const char * const *args,
        char              **out,
        char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int wait_status = 0;

  if (as_nobody)
    {
      g_ptr_array_add (argv, (char *) "setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=65534");
      g_ptr_array_add (argv, (char *) "--regid=65534");
      g_ptr_array_add (argv, (char *) "--clear-groups");
    }
  g_ptr_array_add (argv, cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                as_nobody ? G_SPAWN_SEARCH_PATH : G_SPAWN_DEFAULT,
                NULL, NULL, &stdout_text, &stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));

  if (g_test_verbose ())
    g_test_message ("masthead-cli %s → %d\nstdout: %s\nstderr: %s",
                    args[0], WEXITSTATUS (wait_status), stdout_text, stderr_text);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  return WEXITSTATUS (wait_status);
}

static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  return run_as (FALSE, args, out, err);
}

#define CLI(out, err, ...) run ((const char * const []) { __VA_ARGS__, NULL }, out, err)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("mh-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "record.md", NULL);
  write_file (fixture->path, RECORD);
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mh_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* RECORD with @old (which must occur once) replaced by @new. */
static char *
record_with (const char *old,
             const char *new)
{
  const char *at = strstr (RECORD, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - RECORD), RECORD, new, at + strlen (old));
}

static void
assert_has_prefix (const char *text,
                   const char *prefix)
{
  g_autofree char *start = g_strndup (text, strlen (prefix));

  /* Compared as strings, so a failure shows both. */
  g_assert_cmpstr (start, ==, prefix);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    {
      g_test_message ("'%s' does not contain '%s'", text, part);
      g_assert_not_reached ();
    }
}

/* A failed edit: the status, one `PREFIX…` message, and nothing touched. */
static void
assert_edit_fails (Fixture            *fixture,
                   int                 expected_status,
                   const char         *stderr_prefix,
                   const char * const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Snapshot snapshot = { 0 };

  snapshot_take (&snapshot, fixture->path);
  g_assert_cmpint (run (args, &out, &err), ==, expected_status);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");
  g_assert_true (g_str_has_suffix (err, "\n"));
  if (stderr_prefix != NULL)
    assert_has_prefix (err, stderr_prefix);
  snapshot_assert_unchanged (&snapshot, fixture->path);
}

#define FAILS(fixture, status, prefix, ...) \
  assert_edit_fails (fixture, status, prefix, (const char * const []) { __VA_ARGS__, NULL })

/* A successful edit: status 0, the exact new bytes, a new inode (atomic
 * replace), and @stderr_part in the warnings (or none). */
static void
assert_edit_gives (Fixture            *fixture,
                   const char         *expected,
                   const char         *stderr_part,
                   const char * const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bytes = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  if (stderr_part == NULL)
    g_assert_cmpstr (err, ==, "");
  else
    assert_contains (err, stderr_part);
  bytes = read_file (fixture->path);
  g_assert_cmpstr (bytes, ==, expected);
}

#define GIVES(fixture, expected, warning, ...) \
  assert_edit_gives (fixture, expected, warning, (const char * const []) { __VA_ARGS__, NULL })

/* A no-op: status 0 and not a byte or a time changed. */
static void
assert_no_op (Fixture            *fixture,
              const char * const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Snapshot snapshot = { 0 };

  snapshot_take (&snapshot, fixture->path);
  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  snapshot_assert_unchanged (&snapshot, fixture->path);
}

#define NO_OP(fixture, ...) \
  assert_no_op (fixture, (const char * const []) { __VA_ARGS__, NULL })

static void
assert_get (Fixture    *fixture,
            const char *key,
            const char *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Snapshot snapshot = { 0 };

  snapshot_take (&snapshot, fixture->path);
  g_assert_cmpint (CLI (&out, &err, "get", fixture->path, key), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  snapshot_assert_unchanged (&snapshot, fixture->path);
}

/* ---- usage ---- */

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (CLI (&out, &err, "--version"), ==, 0);
  g_assert_cmpstr (out, ==, "masthead-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (CLI (&out, &err, "--help"), ==, 0);
  assert_has_prefix (out, "Usage:\n");
  for (guint i = 0; i < 6; i++)
    assert_contains (out, (const char *[]) { "get", "set", "unset", "add", "remove",
                                             "check" }[i]);
  g_assert_cmpstr (err, ==, "");
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run ((const char * const []) { NULL }, &out, &err), ==, 2);
  assert_has_prefix (err, "masthead-cli: ");

  FAILS (fixture, 2, "masthead-cli: ", "frobnicate", fixture->path, "title");
  FAILS (fixture, 2, "masthead-cli: ", "set", fixture->path, "title");
  FAILS (fixture, 2, "masthead-cli: ", "set", fixture->path, "title", "a", "b");
  FAILS (fixture, 2, "masthead-cli: ", "get", fixture->path);
  FAILS (fixture, 2, "masthead-cli: ", "unset", fixture->path, "title", "x");
  FAILS (fixture, 2, "masthead-cli: ", "add", fixture->path, "topics");
  FAILS (fixture, 2, "masthead-cli: ", "check");
  FAILS (fixture, 2, "masthead-cli: ", "check", "--frobnicate", fixture->path);
  /* A key path that does not parse. */
  FAILS (fixture, 2, "masthead-cli: ", "set", fixture->path, "topics[", "x");
  FAILS (fixture, 2, "masthead-cli: ", "get", fixture->path, "a..b");
  /* Not UTF-8. */
  FAILS (fixture, 2, "masthead-cli: ", "set", fixture->path, "title", "caf\xe9");
  FAILS (fixture, 2, "masthead-cli: ", "add", fixture->path, "topics", "caf\xe9");
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.md", NULL);
  const char *verbs[][5] = {
    { "get", missing, "title", NULL },
    { "set", missing, "title", "x" },
    { "unset", missing, "title", NULL },
    { "add", missing, "topics", "x" },
    { "remove", missing, "topics", "x" },
    { "check", missing, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *prefix = g_strdup_printf ("masthead-cli: %s: ", missing);

      g_assert_cmpint (run (verbs[i], &out, &err), ==, 2);
      assert_has_prefix (err, prefix);
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }
}

/* ---- get ---- */

static void
test_get (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  assert_get (fixture, "title", "Hello\n");
  assert_get (fixture, "quality", "52\n");
  assert_get (fixture, "heat", "-1\n");
  assert_get (fixture, "published", "false\n");
  assert_get (fixture, "webUrl", "https://example.com/a\n");
  assert_get (fixture, "publishedDateTime", "2021-04-09T12:58:00Z\n");
  assert_get (fixture, "provider.name", "Example\n");
  assert_get (fixture, "topics[1]", "Privacy\n");
  assert_get (fixture, "empty", "\n");
  assert_get (fixture, "secured", "abc==\n");
  assert_get (fixture, "topics", "[\"AI\", \"Privacy\", \"AI\"]\n");
  assert_get (fixture, "provider", "{\"name\": \"Example\", \"domain\": \"example.com\"}\n");

  /* Paths that do not resolve: 1, a message, nothing on stdout. */
  g_assert_cmpint (CLI (&out, &err, "get", fixture->path, "nothing"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_has_prefix (err, "masthead-cli: ");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (CLI (&out, &err, "get", fixture->path, "topics[3]"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (CLI (&out, &err, "get", fixture->path, "provider.nothing"), ==, 1);
  g_assert_cmpstr (err, !=, "");
}

static void
test_get_decoded (Fixture       *fixture,
                  gconstpointer  data)
{
  write_file (fixture->path,
              "---\n"
              "a: 'it''s'\n"
              "b: \"tab\\there \\u00e9\"\n"
              "c: |\n"
              "  line 1\n"
              "  line 2\n"
              "d: ~\n"
              "e: [1, 0x1F, 1.5, true, null, \"x\"]\n"
              "base: &b shared\n"
              "ref: *b\n"
              "---\n");
  assert_get (fixture, "a", "it's\n");
  assert_get (fixture, "b", "tab\there é\n");
  assert_get (fixture, "c", "line 1\nline 2\n\n");
  assert_get (fixture, "d", "\n");
  assert_get (fixture, "e", "[1, 31, 1.5, true, null, \"x\"]\n");
  assert_get (fixture, "ref", "shared\n");
}

/* ---- set ---- */

static void
test_set (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *e1 = record_with ("title: Hello", "title: Good bye");
  g_autofree char *e2 = NULL;
  g_autofree char *e3 = NULL;
  g_autofree char *e4 = NULL;
  g_autofree char *e5 = NULL;

  GIVES (fixture, e1, NULL, "set", fixture->path, "title", "Good bye");

  /* Integers, booleans and dates typed by the schema. */
  write_file (fixture->path, RECORD);
  e2 = record_with ("quality: 52", "quality: 7");
  GIVES (fixture, e2, NULL, "set", fixture->path, "quality", "7");

  /* Integers are written plain and decimal, read alike by YAML 1.1 and 1.2. */
  write_file (fixture->path, RECORD);
  GIVES (fixture, e2, NULL, "set", fixture->path, "quality", "007");
  write_file (fixture->path, RECORD);
  GIVES (fixture, e2, NULL, "set", fixture->path, "quality", "+7");

  write_file (fixture->path, RECORD);
  e3 = record_with ("published: false", "published: true");
  GIVES (fixture, e3, NULL, "set", fixture->path, "published", "true");

  write_file (fixture->path, RECORD);
  e4 = record_with ("publishedDateTime: 2021-04-09T12:58:00Z",
                    "publishedDateTime: 2024-01-31T08:00:00+02:00");
  GIVES (fixture, e4, NULL, "set", fixture->path, "publishedDateTime", "2024-01-31T08:00:00+02:00");

  /* A string field keeps string type even when the value looks like a number,
   * keeping the old quotes. */
  write_file (fixture->path, RECORD);
  e5 = record_with ("webUrl: \"https://example.com/a\"", "webUrl: \"https://example.com/b\"");
  GIVES (fixture, e5, NULL, "set", fixture->path, "webUrl", "https://example.com/b");

  write_file (fixture->path, RECORD);
  g_assert_cmpint (CLI (NULL, NULL, "set", fixture->path, "title", "123"), ==, 0);
  assert_get (fixture, "title", "123\n");
  {
    g_autofree char *bytes = read_file (fixture->path);
    g_assert_null (strstr (bytes, "title: 123\n"));
  }
}

static void
test_set_new_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *e1 = record_with ("secured: \"abc==\"\n",
                                     "secured: \"abc==\"\n"
                                     "params:\n"
                                     "  author:\n"
                                     "    name: Ann\n");
  g_autofree char *e2 = record_with ("  domain: example.com\n",
                                     "  domain: example.com\n"
                                     "  url: https://example.com\n");

  GIVES (fixture, e1, NULL, "set", fixture->path, "params.author.name", "Ann");
  assert_get (fixture, "params", "{\"author\": {\"name\": \"Ann\"}}\n");

  write_file (fixture->path, RECORD);
  GIVES (fixture, e2, NULL, "set", fixture->path, "provider.url", "https://example.com");
}

static void
test_set_no_op (Fixture       *fixture,
                gconstpointer  data)
{
  NO_OP (fixture, "set", fixture->path, "title", "Hello");
  NO_OP (fixture, "set", fixture->path, "quality", "52");
  NO_OP (fixture, "set", fixture->path, "webUrl", "https://example.com/a");
}

static void
test_set_wrong_type (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *at_quality = g_strdup_printf ("%s:4:10: error: ", fixture->path);
  g_autofree char *at_published = g_strdup_printf ("%s:6:12: error: ", fixture->path);

  FAILS (fixture, 2, at_quality, "set", fixture->path, "quality", "abc");
  FAILS (fixture, 2, at_quality, "set", fixture->path, "quality", "5.5");
  FAILS (fixture, 2, at_quality, "set", fixture->path, "quality", "");
  FAILS (fixture, 2, at_quality, "set", fixture->path, "quality", " 5");
  FAILS (fixture, 2, at_published, "set", fixture->path, "published", "maybe");
  FAILS (fixture, 2, at_published, "set", fixture->path, "published", "yes");
  FAILS (fixture, 2, NULL, "set", fixture->path, "publishedDateTime", "yesterday");
  FAILS (fixture, 2, NULL, "set", fixture->path, "images[0].width", "wide");
  FAILS (fixture, 2, NULL, "set", fixture->path, "related[0].quality", "high");
  FAILS (fixture, 2, NULL, "set", fixture->path, "related[0].images[0].isCached", "1");
}

static void
test_set_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *at_topics = g_strdup_printf ("%s:13:3: error: ", fixture->path);

  /* Opaque, never edited. */
  FAILS (fixture, 2, NULL, "set", fixture->path, "secured", "x");
  FAILS (fixture, 2, NULL, "unset", fixture->path, "secured");
  /* A list or a mapping. */
  FAILS (fixture, 2, at_topics, "set", fixture->path, "topics", "x");
  FAILS (fixture, 2, NULL, "set", fixture->path, "provider", "x");
  /* set creates keys and parents, never list items. */
  FAILS (fixture, 2, NULL, "set", fixture->path, "topics[3]", "x");
  FAILS (fixture, 2, NULL, "set", fixture->path, "images[0].url", "https://example.com/i.png");
  /* A step through a scalar. */
  FAILS (fixture, 2, NULL, "set", fixture->path, "title.sub", "x");
}

static void
test_set_rule_warning (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *e1 = record_with ("quality: 52", "quality: 150");
  g_autofree char *e2 = record_with ("webUrl: \"https://example.com/a\"",
                                     "webUrl: \"example.com/a\"");
  g_autofree char *e3 = record_with ("heat: -1", "heat: -5");
  g_autofree char *warning = g_strdup_printf ("%s:4:10: warning: ", fixture->path);
  g_autofree char *err = NULL;

  GIVES (fixture, e1, warning, "set", fixture->path, "quality", "150");
  GIVES (fixture, e1, "[range]", "set", fixture->path, "quality", "150");
  write_file (fixture->path, RECORD);
  GIVES (fixture, e2, "[url]", "set", fixture->path, "webUrl", "example.com/a");
  write_file (fixture->path, RECORD);
  GIVES (fixture, e3, "[range]", "set", fixture->path, "heat", "-5");

  /* No warning about problems elsewhere in the file. */
  g_assert_cmpint (CLI (NULL, &err, "set", fixture->path, "title", "Fine"), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static void
test_set_unknown_key_type (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *e1 = record_with ("count: 5", "count: 7");
  g_autofree char *bytes = NULL;

  /* An integer stays an integer when VALUE is one. */
  GIVES (fixture, e1, NULL, "set", fixture->path, "count", "7");
  assert_get (fixture, "count", "7\n");
  GIVES (fixture, e1, NULL, "set", fixture->path, "count", "07");

  /* Otherwise it becomes a string, quoted so it reads back as one. */
  g_assert_cmpint (CLI (NULL, NULL, "set", fixture->path, "count", "yes"), ==, 0);
  assert_get (fixture, "count", "yes\n");
  bytes = read_file (fixture->path);
  g_assert_null (strstr (bytes, "count: yes\n"));
  g_clear_pointer (&bytes, g_free);

  /* A new key is a string, even when VALUE looks like a number. */
  g_assert_cmpint (CLI (NULL, NULL, "set", fixture->path, "zip", "01234"), ==, 0);
  assert_get (fixture, "zip", "01234\n");
  bytes = read_file (fixture->path);
  g_assert_null (strstr (bytes, "zip: 01234\n"));
}

/* ---- unset ---- */

static void
test_unset (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *e1 = record_with ("count: 5\n", "");
  g_autofree char *e2 = record_with ("  - Privacy\n", "");
  g_autofree char *e3 = record_with ("  domain: example.com\n", "");

  GIVES (fixture, e1, NULL, "unset", fixture->path, "count");
  write_file (fixture->path, RECORD);
  GIVES (fixture, e2, "[duplicate-topic]", "unset", fixture->path, "topics[1]");
  write_file (fixture->path, RECORD);
  GIVES (fixture, e3, NULL, "unset", fixture->path, "provider.domain");

  /* Removing the title is allowed, with a warning. */
  write_file (fixture->path, RECORD);
  g_assert_cmpint (CLI (NULL, NULL, "unset", fixture->path, "title"), ==, 0);

  write_file (fixture->path, RECORD);
  FAILS (fixture, 2, "masthead-cli: ", "unset", fixture->path, "nothing");
  FAILS (fixture, 2, NULL, "unset", fixture->path, "topics[3]");
  FAILS (fixture, 2, NULL, "unset", fixture->path, "provider.nothing");
}

/* ---- add and remove ---- */

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *e1 = record_with ("  - AI\ncount", "  - AI\n  - Security\ncount");
  g_autofree char *e2 = record_with ("secured: \"abc==\"\n",
                                     "secured: \"abc==\"\ntags:\n  - new\n");

  /* The list already held a duplicate: the warning says so. */
  GIVES (fixture, e1, "[duplicate-topic]", "add", fixture->path, "topics", "Security");

  write_file (fixture->path, RECORD);
  GIVES (fixture, e2, NULL, "add", fixture->path, "tags", "new");

  /* A duplicate topic is written, with a warning. */
  write_file (fixture->path, RECORD);
  g_assert_cmpint (CLI (NULL, NULL, "add", fixture->path, "topics", "Privacy"), ==, 0);
  assert_get (fixture, "topics", "[\"AI\", \"Privacy\", \"AI\", \"Privacy\"]\n");

  write_file (fixture->path, RECORD);
  FAILS (fixture, 2, NULL, "add", fixture->path, "title", "x");
  FAILS (fixture, 2, NULL, "add", fixture->path, "provider", "x");
  FAILS (fixture, 2, NULL, "add", fixture->path, "images", "x");
  FAILS (fixture, 2, NULL, "add", fixture->path, "secured", "x");
}

static void
test_add_duplicate_warning (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *e1 = record_with ("  - AI\ncount", "  - AI\n  - Privacy\ncount");

  GIVES (fixture, e1, "[duplicate-topic]", "add", fixture->path, "topics", "Privacy");
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *e1 = record_with ("  - AI\n  - Privacy\n  - AI\n", "  - Privacy\n");

  /* Every equal item goes. */
  GIVES (fixture, e1, NULL, "remove", fixture->path, "topics", "AI");

  /* No equal item: nothing to do. */
  write_file (fixture->path, RECORD);
  NO_OP (fixture, "remove", fixture->path, "topics", "Nothing");
  NO_OP (fixture, "remove", fixture->path, "topics", "ai");

  FAILS (fixture, 2, NULL, "remove", fixture->path, "nothing", "x");
  FAILS (fixture, 2, NULL, "remove", fixture->path, "title", "Hello");
  FAILS (fixture, 2, NULL, "remove", fixture->path, "provider", "Example");
}

static void
test_flow_list (Fixture       *fixture,
                gconstpointer  data)
{
  write_file (fixture->path, "---\ntitle: T\ntopics: [a, b, a]\n---\n");
  GIVES (fixture, "---\ntitle: T\ntopics: [a, b, a, c]\n---\n", "[duplicate-topic]",
         "add", fixture->path, "topics", "c");
  GIVES (fixture, "---\ntitle: T\ntopics: [b, c]\n---\n", NULL,
         "remove", fixture->path, "topics", "a");
}

static void
test_crlf_bom (Fixture       *fixture,
               gconstpointer  data)
{
  write_file (fixture->path, "\xef\xbb\xbf---\r\ntitle: T  \r\ntopics: [a]\r\n---\r\nBody");
  GIVES (fixture, "\xef\xbb\xbf---\r\ntitle: U  \r\ntopics: [a]\r\n---\r\nBody", NULL,
         "set", fixture->path, "title", "U");
  GIVES (fixture, "\xef\xbb\xbf---\r\ntitle: U  \r\ntopics: [a]\r\nquality: 5\r\n---\r\nBody",
         NULL, "set", fixture->path, "quality", "5");
  GIVES (fixture, "\xef\xbb\xbf---\r\ntitle: U  \r\ntopics: [a, b]\r\nquality: 5\r\n---\r\nBody",
         NULL, "add", fixture->path, "topics", "b");
  GIVES (fixture, "\xef\xbb\xbf---\r\ntitle: U  \r\ntopics: [a, b]\r\n---\r\nBody", NULL,
         "unset", fixture->path, "quality");
  assert_get (fixture, "title", "U\n");
}

static void
test_no_front_matter (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_file (fixture->path, "Just a body\n");
  g_assert_cmpint (CLI (&out, &err, "get", fixture->path, "title"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");
  FAILS (fixture, 2, "masthead-cli: ", "unset", fixture->path, "title");
  FAILS (fixture, 2, "masthead-cli: ", "remove", fixture->path, "topics", "x");
  /* The first edit adds a block. */
  GIVES (fixture, "---\ntitle: Added\n---\nJust a body\n", NULL,
         "set", fixture->path, "title", "Added");
}

/* ---- read-only files and paths ---- */

static void
test_yaml_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_file (fixture->path, "---\ntitle: x\nbad: [unclosed\nother: 1\n---\n");
  FAILS (fixture, 2, fixture->path, "set", fixture->path, "title", "y");
  FAILS (fixture, 2, fixture->path, "unset", fixture->path, "title");
  FAILS (fixture, 2, fixture->path, "add", fixture->path, "topics", "y");
  FAILS (fixture, 2, fixture->path, "remove", fixture->path, "topics", "y");

  g_assert_cmpint (CLI (&out, &err, "check", fixture->path), ==, 1);
  assert_has_prefix (out, fixture->path);
  assert_contains (out, ": error: ");
  assert_contains (out, "[yaml]\n");
  g_assert_cmpstr (err, ==, "masthead-cli: 1 error, 0 warnings (1 record checked)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* What parsed before the error can be read, with a warning. */
  g_assert_cmpint (CLI (&out, &err, "get", fixture->path, "title"), ==, 0);
  g_assert_cmpstr (out, ==, "x\n");
  assert_has_prefix (err, fixture->path);
  assert_contains (err, ": warning: ");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A root that is not a mapping has no keys to read. */
  write_file (fixture->path, "---\n- a\n- b\n---\n");
  FAILS (fixture, 2, fixture->path, "get", fixture->path, "title");
  FAILS (fixture, 2, fixture->path, "set", fixture->path, "title", "x");
  g_assert_cmpint (CLI (&out, &err, "check", fixture->path), ==, 1);
  assert_contains (out, "[yaml]\n");
}

static void
test_duplicate_keys (Fixture       *fixture,
                     gconstpointer  data)
{
  write_file (fixture->path, "---\ntitle: a\ntitle: b\n---\n");
  FAILS (fixture, 2, fixture->path, "set", fixture->path, "title", "c");
}

static void
test_alias_path (Fixture       *fixture,
                 gconstpointer  data)
{
  write_file (fixture->path, "---\ntitle: T\nbase: &b shared\nref: *b\nother: 1\n---\n");
  assert_get (fixture, "ref", "shared\n");
  FAILS (fixture, 2, fixture->path, "set", fixture->path, "ref", "x");
  FAILS (fixture, 2, fixture->path, "set", fixture->path, "base", "x");
  /* The rest of the file stays editable. */
  GIVES (fixture, "---\ntitle: T\nbase: &b shared\nref: *b\nother: 2\n---\n", NULL,
         "set", fixture->path, "other", "2");
}

static void
test_hard_link (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.md", NULL);
  g_autofree char *prefix = g_strdup_printf ("masthead-cli: %s: ", fixture->path);

  g_assert_cmpint (link (fixture->path, other), ==, 0);
  FAILS (fixture, 2, prefix, "set", fixture->path, "title", "x");
  FAILS (fixture, 2, prefix, "unset", fixture->path, "count");
  FAILS (fixture, 2, prefix, "add", fixture->path, "topics", "x");
  FAILS (fixture, 2, prefix, "remove", fixture->path, "topics", "AI");
  /* Reading is fine. */
  assert_get (fixture, "title", "Hello\n");
}

static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (fixture->dir, "link.md", NULL);
  g_autofree char *expected = record_with ("title: Hello", "title: Linked");
  g_autofree char *target = NULL;
  g_autofree char *bytes = NULL;
  GStatBuf st;

  g_assert_cmpint (symlink ("record.md", link_path), ==, 0);
  g_assert_cmpint (CLI (NULL, NULL, "set", link_path, "title", "Linked"), ==, 0);

  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link_path, NULL);
  g_assert_cmpstr (target, ==, "record.md");
  bytes = read_file (fixture->path);
  g_assert_cmpstr (bytes, ==, expected);
}

static void
test_mode_kept (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *expected = record_with ("title: Hello", "title: Mode");
  GStatBuf before, after;

  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);
  GIVES (fixture, expected, NULL, "set", fixture->path, "title", "Mode");
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_cmpint (after.st_mode & 07777, ==, 0640);
}

/* Whether this process can act as nobody on files in @dir. */
static gboolean
can_run_as_nobody (void)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *out = NULL;

  if (geteuid () != 0 || setpriv == NULL)
    return FALSE;

  /* nobody must be able to reach the binary through the build folder. */
  return run_as (TRUE, (const char * const []) { "--version", NULL }, &out, NULL) == 0;
}

/* As nobody, in a folder nobody may enter: a file it owns but may not
 * write, a file in a folder it may not write, and a file it may not read. */
static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *sealed = g_build_filename (fixture->dir, "sealed", NULL);
  g_autofree char *readonly = g_build_filename (locked, "readonly.md", NULL);
  g_autofree char *in_sealed = g_build_filename (sealed, "record.md", NULL);
  g_autofree char *unreadable = g_build_filename (locked, "unreadable.md", NULL);
  const char *cases[] = { readonly, in_sealed };

  if (!can_run_as_nobody ())
    {
      g_test_skip ("needs root and setpriv to run as an unprivileged user");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (locked, 0755), ==, 0);
  g_assert_cmpint (chown (locked, NOBODY_UID, NOBODY_UID), ==, 0);
  g_assert_cmpint (g_mkdir (sealed, 0755), ==, 0);

  write_file (readonly, RECORD);
  g_assert_cmpint (chown (readonly, NOBODY_UID, NOBODY_UID), ==, 0);
  g_assert_cmpint (g_chmod (readonly, 0444), ==, 0);
  write_file (in_sealed, RECORD);
  g_assert_cmpint (chown (in_sealed, NOBODY_UID, NOBODY_UID), ==, 0);
  write_file (unreadable, RECORD);
  g_assert_cmpint (chown (unreadable, NOBODY_UID, NOBODY_UID), ==, 0);
  g_assert_cmpint (g_chmod (unreadable, 0000), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *prefix = g_strdup_printf ("masthead-cli: %s: ", cases[i]);
      Snapshot snapshot = { 0 };

      snapshot_take (&snapshot, cases[i]);
      g_assert_cmpint (run_as (TRUE, (const char * const []) { "set", cases[i], "title", "x",
                                                               NULL }, &out, &err), ==, 2);
      assert_has_prefix (err, prefix);
      snapshot_assert_unchanged (&snapshot, cases[i]);
      g_clear_pointer (&out, g_free);

      /* Reading a read-only file is fine. */
      g_assert_cmpint (run_as (TRUE, (const char * const []) { "get", cases[i], "title", NULL },
                               &out, NULL), ==, 0);
      g_assert_cmpstr (out, ==, "Hello\n");
    }

  {
    g_autofree char *err = NULL;
    g_autofree char *prefix = g_strdup_printf ("masthead-cli: %s: ", unreadable);

    g_assert_cmpint (run_as (TRUE, (const char * const []) { "get", unreadable, "title", NULL },
                             NULL, &err), ==, 2);
    assert_has_prefix (err, prefix);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_as (TRUE, (const char * const []) { "check", unreadable, NULL },
                             NULL, &err), ==, 2);
    g_assert_cmpstr (err, !=, "");
  }
}

/* Root opening a file that belongs to someone else: GLib would rewrite it
 * in place, so it is read-only. */
static void
test_foreign_owned (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *prefix = g_strdup_printf ("masthead-cli: %s: ", fixture->path);

  if (geteuid () != 0)
    {
      g_test_skip ("needs root to give a file away");
      return;
    }

  g_assert_cmpint (chown (fixture->path, NOBODY_UID, NOBODY_UID), ==, 0);
  FAILS (fixture, 2, prefix, "set", fixture->path, "title", "x");
  assert_get (fixture, "title", "Hello\n");
}

/* ---- check ---- */

#define BAD_RECORD \
  "---\n" \
  "title: \"\"\n" \
  "quality: 150\n" \
  "heat: -2\n" \
  "published: maybe\n" \
  "publishedDateTime: yesterday\n" \
  "webUrl: example.com/a\n" \
  "provider:\n" \
  "  domain: \"not a host\"\n" \
  "topics: [AI, AI, \"\"]\n" \
  "images:\n" \
  "  - url: https://example.com/i.png\n" \
  "    width: -3\n" \
  "    isCached: 1\n" \
  "related:\n" \
  "  - title: R\n" \
  "    quality: abc\n" \
  "    images:\n" \
  "      - height: -1\n" \
  "---\n"

static void
test_check_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  const char *p = fixture->path;

  /* The fixture has only a duplicate topic: a warning, status 0. */
  g_assert_cmpint (CLI (&out, &err, "check", p), ==, 0);
  expected = g_strdup_printf ("%s:15:5: warning: “AI” is already in topics [duplicate-topic]\n",
                              p);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  write_file (p, BAD_RECORD);
  g_assert_cmpint (CLI (&out, &err, "check", p), ==, 1);
  expected = g_strjoin ("",
    p, ":2:8: error: title is empty [required]\n",
    p, ":3:10: error: quality must be between 0 and 100, not 150 [range]\n",
    p, ":4:7: error: heat must be -1 or more, not -2 [range]\n",
    p, ":5:12: error: published must be true or false, not “maybe” [type]\n",
    p, ":6:20: error: publishedDateTime must be an ISO 8601 date and time, not “yesterday” "
       "[datetime]\n",
    p, ":7:9: error: webUrl must be a full web address starting with http:// or https:// "
       "[url]\n",
    p, ":9:11: warning: domain “not a host” is not a host name [hostname]\n",
    p, ":10:14: warning: “AI” is already in topics [duplicate-topic]\n",
    p, ":10:18: warning: topics has an empty item [empty-topic]\n",
    p, ":13:12: error: width must be 0 or more, not -3 [range]\n",
    p, ":14:15: error: isCached must be true or false, not “1” [type]\n",
    p, ":17:14: error: quality must be a whole number, not “abc” [type]\n",
    p, ":19:17: error: height must be 0 or more, not -1 [range]\n",
    NULL);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "masthead-cli: 10 errors, 3 warnings (1 record checked)\n");
}

static void
test_check_missing_title (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  write_file (fixture->path, "---\nquality: 5\n---\n");
  g_assert_cmpint (CLI (&out, NULL, "check", fixture->path), ==, 1);
  expected = g_strdup_printf ("%s:2:1: error: title is missing [required]\n", fixture->path);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&expected, g_free);

  write_file (fixture->path, "No front matter\n");
  g_assert_cmpint (CLI (&out, NULL, "check", fixture->path), ==, 1);
  expected = g_strdup_printf ("%s:1:1: error: title is missing [required]\n", fixture->path);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_check_json (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *quoted = g_strescape (fixture->path, "");

  write_file (fixture->path, "---\ntitle: \"Say \\\"hi\\\"\"\nquality: 101\ntopics: [x, x]\n---\n");
  g_assert_cmpint (CLI (&out, &err, "check", "--json", fixture->path), ==, 1);
  expected = g_strdup_printf (
    "[\n"
    "  {\"file\": \"%s\", \"line\": 3, \"column\": 10, \"severity\": \"error\", "
    "\"message\": \"quality must be between 0 and 100, not 101\", \"rule\": \"range\"},\n"
    "  {\"file\": \"%s\", \"line\": 4, \"column\": 13, \"severity\": \"warning\", "
    "\"message\": \"“x” is already in topics\", \"rule\": \"duplicate-topic\"}\n"
    "]\n", quoted, quoted);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "masthead-cli: 1 error, 1 warning (1 record checked)\n");
  g_clear_pointer (&out, g_free);

  write_file (fixture->path, "---\ntitle: Fine\n---\n");
  g_assert_cmpint (CLI (&out, NULL, "check", fixture->path, "--json"), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
}

static void
test_check_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *hidden = g_build_filename (fixture->dir, ".git", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  const char *d = fixture->dir;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (hidden, 0755), ==, 0);
  write_file (fixture->path, "---\ntitle: Fine\n---\n");
  /* Records: front matter whatever the name, or a .md/.markdown/.txt name. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/sub/r%02u.yml", d, i);
      /* Titles of their own: equal ones would be duplicates. */
      g_autofree char *text = g_strdup_printf (i % 10 == 3 ? "---\nquality: 500\ntitle: Q%u\n---\n"
                                                           : "---\ntitle: Fine%u\n---\n", i);

      write_file (name, text);
    }
  write_in (sub, "notes.txt", "no front matter\n");
  /* Not records, or skipped. */
  write_in (d, "image.png", "\x89PNG");
  write_in (d, ".hidden.md", "---\nbad: [\n---\n");
  write_in (hidden, "x.md", "---\nbad: [\n---\n");

  g_assert_cmpint (CLI (&out, &err, "check", d), ==, 1);
  expected = g_strjoin ("",
    d, "/sub/notes.txt:1:1: error: title is missing [required]\n",
    d, "/sub/r03.yml:2:10: error: quality must be between 0 and 100, not 500 [range]\n",
    d, "/sub/r13.yml:2:10: error: quality must be between 0 and 100, not 500 [range]\n",
    d, "/sub/r23.yml:2:10: error: quality must be between 0 and 100, not 500 [range]\n",
    NULL);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "masthead-cli: 4 errors, 0 warnings (32 records checked)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Several paths: the highest status wins. */
  g_assert_cmpint (CLI (&out, &err, "check", fixture->path, missing), ==, 2);
  g_assert_cmpstr (out, ==, "");
  assert_has_prefix (err, "masthead-cli: ");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (CLI (&out, &err, "check", fixture->path, sub), ==, 1);
}

/* Checks run on several threads: GLib 2.74 made the first concurrent
 * number parses fail at random (about one run in eighty). */
static void
test_check_threads (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);

      g_autofree char *text = g_strdup_printf ("---\ntitle: T%u\nquality: 52\nheat: -1\n---\n", i);

      write_in (fixture->dir, name, text);
    }

  for (guint run_no = 0; run_no < 150; run_no++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (CLI (&out, &err, "check", fixture->dir), ==, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, "");
    }
}

/* ---- the original seed record ---- */

/* @original with @old (once, after @after when given) replaced by @new. */
static char *
replace_once (const char *original,
              const char *after,
              const char *old,
              const char *new)
{
  const char *from = after != NULL ? strstr (original, after) : original;
  const char *at;

  g_assert_nonnull (from);
  at = strstr (from, old);
  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - original), original, new, at + strlen (old));
}

static void
test_seed (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *seed_path = NULL;
  g_autofree char *seed = NULL;
  struct {
    const char *args[3];
    const char *after;
    const char *old;
    const char *new;
  } edits[] = {
    { { "set", "title", "Clearview AI and the NYPD" }, NULL,
      "\"The NYPD used a controversial facial recognition tool. Here\u2019s what you need to "
      "know.\"", "\"Clearview AI and the NYPD\"" },
    { { "set", "quality", "60" }, NULL, "quality: 52", "quality: 60" },
    { { "set", "published", "true" }, NULL, "published: false", "published: true" },
    { { "set", "provider.domain", "example.org" }, NULL,
      "domain: technologyreview.com", "domain: example.org" },
    { { "add", "topics", "Privacy" }, NULL, "  - AI\n", "  - AI\n  - Privacy\n" },
    { { "remove", "topics", "AI" }, NULL, "  - AI\n", "" },
    { { "set", "related[0].quality", "80" }, NULL, "quality: 72", "quality: 80" },
    { { "set", "related[0].images[0].width", "640" }, "related:", "width: 1200", "width: 640" },
    { { "unset", "related[0].images[0].isCached" }, "related:", "        isCached: true\n", "" },
    { { "unset", "related[0].excerpt" }, "related:",
      "    excerpt: \"The head of the NYPD\u2019s Internal Affairs Bureau apparently ordered the "
      "use of\u00a0controversial facial recognition software\u00a0to investigate cops who were "
      "drinking before a slain colleague\u2019s\"\n", "" },
  };

  seed_path = g_build_filename (g_getenv ("MH_SOURCE_ROOT"), "seeds",
                                "000_6a22c6f8e948ba59.txt", NULL);
  if (!g_file_get_contents (seed_path, &seed, NULL, NULL))
    {
      g_test_skip ("seeds/000_6a22c6f8e948ba59.txt is missing");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *expected = replace_once (seed, edits[i].after, edits[i].old, edits[i].new);
      const char *args[] = { edits[i].args[0], fixture->path, edits[i].args[1], edits[i].args[2],
                             NULL };

      write_file (fixture->path, seed);
      assert_edit_gives (fixture, expected, NULL, args);
    }

  /* Every promise 1 case: reading and checking write nothing. */
  write_file (fixture->path, seed);
  NO_OP (fixture, "set", fixture->path, "quality", "52");
  assert_get (fixture, "related[0].provider.name", "New York Post\n");
  assert_get (fixture, "images[0].width", "932\n");
  {
    g_autofree char *out = NULL;
    Snapshot snapshot = { 0 };

    snapshot_take (&snapshot, fixture->path);
    g_assert_cmpint (CLI (&out, NULL, "check", fixture->path), ==, 0);
    g_assert_cmpstr (out, ==, "");
    snapshot_assert_unchanged (&snapshot, fixture->path);
  }
}

static void
add_test (const char *name,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  const char *build_root;

  g_test_init (&argc, &argv, NULL);

  build_root = g_getenv ("MH_BUILD_ROOT");
  if (build_root == NULL)
    {
      g_printerr ("MH_BUILD_ROOT is not set: run through meson test\n");
      return 77;
    }
  cli_path = g_build_filename (build_root, "src", "cli", "masthead-cli", NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  add_test ("/cli/usage-errors", test_usage_errors);
  add_test ("/cli/missing-file", test_missing_file);
  add_test ("/cli/get", test_get);
  add_test ("/cli/get-decoded", test_get_decoded);
  add_test ("/cli/set", test_set);
  add_test ("/cli/set-new-key", test_set_new_key);
  add_test ("/cli/set-no-op", test_set_no_op);
  add_test ("/cli/set-wrong-type", test_set_wrong_type);
  add_test ("/cli/set-refused", test_set_refused);
  add_test ("/cli/set-rule-warning", test_set_rule_warning);
  add_test ("/cli/set-unknown-key-type", test_set_unknown_key_type);
  add_test ("/cli/unset", test_unset);
  add_test ("/cli/add", test_add);
  add_test ("/cli/add-duplicate-warning", test_add_duplicate_warning);
  add_test ("/cli/remove", test_remove);
  add_test ("/cli/flow-list", test_flow_list);
  add_test ("/cli/crlf-bom", test_crlf_bom);
  add_test ("/cli/no-front-matter", test_no_front_matter);
  add_test ("/cli/yaml-error", test_yaml_error);
  add_test ("/cli/duplicate-keys", test_duplicate_keys);
  add_test ("/cli/alias-path", test_alias_path);
  add_test ("/cli/hard-link", test_hard_link);
  add_test ("/cli/symlink", test_symlink);
  add_test ("/cli/mode-kept", test_mode_kept);
  add_test ("/cli/permissions", test_permissions);
  add_test ("/cli/foreign-owned", test_foreign_owned);
  add_test ("/cli/check-file", test_check_file);
  add_test ("/cli/check-missing-title", test_check_missing_title);
  add_test ("/cli/check-json", test_check_json);
  add_test ("/cli/check-folder", test_check_folder);
  add_test ("/cli/check-threads", test_check_threads);
  add_test ("/cli/seed", test_seed);

  return g_test_run ();
}
