/* test-cli-health.c: `check` with the collection rules and `duplicates`, on copies of the seeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "../mh-test-files.h"

#define SEED_NYPD     "000_6a22c6f8e948ba59.txt"
#define SEED_EU       "001_5836575090c4a738.txt"
#define SEED_GLACIERS "002_dbc67e46220468be.txt"
#define SEED_HEISE    "003_03f9acb2056ebc5a.txt"
#define SEED_PRIVACY  "009_707b1fbbad0875b6.txt"

#define NYPD_URL "https://www.technologyreview.com/2021/04/09/1022240/clearview-ai-nypd-emails/"

/* A related link to the NYPD record under an old title. */
#define STALE_RELATED \
  "---\n" \
  "title: Notes on surveillance\n" \
  "webUrl: \"https://example.org/notes\"\n" \
  "related:\n" \
  "  - title: \"NYPD and facial recognition: the old headline\"\n" \
  "    webUrl: \"http://technologyreview.com/2021/04/09/1022240/clearview-ai-nypd-emails\"\n" \
  "---\n"

typedef struct
{
  char *top;   /* the temporary folder, the CLI's working folder */
  char *dir;   /* top/col, the collection */
} Fixture;

static char *cli_path;

static char *
read_bytes (const char *path,
            gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static void
write_in (const char *dir,
          const char *name,
          const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
seed_text (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("MH_SOURCE_ROOT"), "seeds", name, NULL);

  return read_bytes (path, NULL);
}

/* @text with every @old (which must occur) replaced by @new. */
static char *
replace_all (const char *text,
             const char *old,
             const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  return g_strjoinv (new, parts);
}

/* The seed @name under @as, with up to two replacements. */
static void
copy_seed (const char *dir,
           const char *name,
           const char *as,
           const char *old1,
           const char *new1,
           const char *old2,
           const char *new2)
{
  g_autofree char *text = seed_text (name);

  if (old1 != NULL)
    {
      char *next = replace_all (text, old1, new1);

      g_free (text);
      text = next;
    }
  if (old2 != NULL)
    {
      char *next = replace_all (text, old2, new2);

      g_free (text);
      text = next;
    }
  write_in (dir, as != NULL ? as : name, text);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->top = g_dir_make_tmp ("mh-test-cli-health-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dir = g_build_filename (fixture->top, "col", NULL);
  g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);

  /* Untouched seeds: 001 links to 000 under its title (no problem); 009
   * spells the topic Privacy as "privacy". */
  copy_seed (fixture->dir, SEED_NYPD, NULL, NULL, NULL, NULL, NULL);
  copy_seed (fixture->dir, SEED_EU, NULL, NULL, NULL, NULL, NULL);
  copy_seed (fixture->dir, SEED_GLACIERS, NULL, NULL, NULL, NULL, NULL);
  copy_seed (fixture->dir, SEED_HEISE, NULL, NULL, NULL, NULL, NULL);
  copy_seed (fixture->dir, SEED_PRIVACY, NULL, NULL, NULL, NULL, NULL);
  /* The NYPD record again under another title, its URLs spelled otherwise:
   * http, no `www.`, host case, no trailing slash, tracking parameters. */
  copy_seed (fixture->dir, SEED_NYPD, "dup-url.txt",
             "title: \"The NYPD used a controversial facial recognition tool. Here’s what you "
             "need to know.\"",
             "title: \"Clearview emails show how widely officers tried it\"",
             NYPD_URL "\"",
             "http://TechnologyReview.com/2021/04/09/1022240/clearview-ai-nypd-emails"
             "?utm_source=feed&fbclid=abc#comments\"");
  /* The glaciers record with one word changed and its own URLs. */
  copy_seed (fixture->dir, SEED_GLACIERS, "dup-title.txt",
             "Record heat pushed", "Record heat pushes",
             "theguardian.com/environment/2023/sep/28/swiss-glaciers-melt-record-heat",
             "example.org/glaciers");
  /* A title sharing the glaciers' first words, then another story. */
  copy_seed (fixture->dir, SEED_GLACIERS, "prefix.txt",
             "glaciers to their fastest melt on record", "farmers to sell their cattle early",
             "theguardian.com/environment/2023/sep/28/swiss-glaciers-melt-record-heat",
             "example.org/farmers");
  write_in (fixture->dir, "stale-related.md", STALE_RELATED);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mh_test_remove_tree (fixture->top);
  g_free (fixture->dir);
  g_free (fixture->top);
}

/* Runs masthead-cli in the fixture's top folder. */
static int
run_in (Fixture            *fixture,
        const char * const *args,
        char              **out,
        char              **err)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_strv_builder_add (builder, cli_path);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (fixture->top, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

#define CLI(fixture, out, err, ...) \
  run_in (fixture, (const char * const []) { __VA_ARGS__, NULL }, out, err)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every file's bytes and times, and the folder's entries. */
static char *
folder_state (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  GString *state = g_string_new (NULL);

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *bytes = NULL;
      g_autofree char *sum = NULL;
      GStatBuf st;
      gsize len = 0;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          g_autofree char *inner = folder_state (path);

          g_ptr_array_add (lines, g_strdup_printf ("%s/ {%s}", name, inner));
          continue;
        }
      bytes = read_bytes (path, &len);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s %ld.%09ld %ld.%09ld", name, sum,
                                               (long) st.st_mtim.tv_sec,
                                               (long) st.st_mtim.tv_nsec,
                                               (long) st.st_ctim.tv_sec,
                                               (long) st.st_ctim.tv_nsec));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (state, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (state, FALSE);
}

#define CHECK_TEXT \
  "col/000_6a22c6f8e948ba59.txt:6:14: warning: Same URL as col/dup-url.txt [duplicate-url]\n" \
  "col/000_6a22c6f8e948ba59.txt:8:12: warning: Same URL as col/dup-url.txt [duplicate-url]\n" \
  "col/000_6a22c6f8e948ba59.txt:9:15: warning: Same URL as col/dup-url.txt [duplicate-url]\n" \
  "col/002_dbc67e46220468be.txt:3:8: warning: Nearly the same title as col/dup-title.txt [duplicate-title]\n" \
  "col/009_707b1fbbad0875b6.txt:22:3: warning: Topic “privacy” is a variant of “Privacy”, used by 2 records such as col/001_5836575090c4a738.txt [topic-variant]\n" \
  "col/dup-title.txt:3:8: warning: Nearly the same title as col/002_dbc67e46220468be.txt [duplicate-title]\n" \
  "col/dup-url.txt:6:14: warning: Same URL as col/000_6a22c6f8e948ba59.txt [duplicate-url]\n" \
  "col/dup-url.txt:8:12: warning: Same URL as col/000_6a22c6f8e948ba59.txt [duplicate-url]\n" \
  "col/dup-url.txt:9:15: warning: Same URL as col/000_6a22c6f8e948ba59.txt [duplicate-url]\n" \
  "col/stale-related.md:5:12: warning: Related link title “NYPD and facial recognition: the old headline” differs from the title of col/000_6a22c6f8e948ba59.txt, “The NYPD used a controversial facial recognition tool. Here’s what you need to know.” [related-title]\n"
#define CHECK_JSON \
  "[\n" \
  "  {\"file\": \"col/000_6a22c6f8e948ba59.txt\", \"line\": 6, \"column\": 14, \"severity\": \"warning\", \"message\": \"Same URL as col/dup-url.txt\", \"rule\": \"duplicate-url\"},\n" \
  "  {\"file\": \"col/000_6a22c6f8e948ba59.txt\", \"line\": 8, \"column\": 12, \"severity\": \"warning\", \"message\": \"Same URL as col/dup-url.txt\", \"rule\": \"duplicate-url\"},\n" \
  "  {\"file\": \"col/000_6a22c6f8e948ba59.txt\", \"line\": 9, \"column\": 15, \"severity\": \"warning\", \"message\": \"Same URL as col/dup-url.txt\", \"rule\": \"duplicate-url\"},\n" \
  "  {\"file\": \"col/002_dbc67e46220468be.txt\", \"line\": 3, \"column\": 8, \"severity\": \"warning\", \"message\": \"Nearly the same title as col/dup-title.txt\", \"rule\": \"duplicate-title\"},\n" \
  "  {\"file\": \"col/009_707b1fbbad0875b6.txt\", \"line\": 22, \"column\": 3, \"severity\": \"warning\", \"message\": \"Topic “privacy” is a variant of “Privacy”, used by 2 records such as col/001_5836575090c4a738.txt\", \"rule\": \"topic-variant\"},\n" \
  "  {\"file\": \"col/dup-title.txt\", \"line\": 3, \"column\": 8, \"severity\": \"warning\", \"message\": \"Nearly the same title as col/002_dbc67e46220468be.txt\", \"rule\": \"duplicate-title\"},\n" \
  "  {\"file\": \"col/dup-url.txt\", \"line\": 6, \"column\": 14, \"severity\": \"warning\", \"message\": \"Same URL as col/000_6a22c6f8e948ba59.txt\", \"rule\": \"duplicate-url\"},\n" \
  "  {\"file\": \"col/dup-url.txt\", \"line\": 8, \"column\": 12, \"severity\": \"warning\", \"message\": \"Same URL as col/000_6a22c6f8e948ba59.txt\", \"rule\": \"duplicate-url\"},\n" \
  "  {\"file\": \"col/dup-url.txt\", \"line\": 9, \"column\": 15, \"severity\": \"warning\", \"message\": \"Same URL as col/000_6a22c6f8e948ba59.txt\", \"rule\": \"duplicate-url\"},\n" \
  "  {\"file\": \"col/stale-related.md\", \"line\": 5, \"column\": 12, \"severity\": \"warning\", \"message\": \"Related link title “NYPD and facial recognition: the old headline” differs from the title of col/000_6a22c6f8e948ba59.txt, “The NYPD used a controversial facial recognition tool. Here’s what you need to know.”\", \"rule\": \"related-title\"}\n" \
  "]\n"
#define GROUPS_TEXT \
  "url\tcol/000_6a22c6f8e948ba59.txt\tcol/dup-url.txt\n" \
  "title\tcol/002_dbc67e46220468be.txt\tcol/dup-title.txt\n"
#define GROUPS_JSON \
  "[\n" \
  "  {\"files\": [\"col/000_6a22c6f8e948ba59.txt\", \"col/dup-url.txt\"], \"reasons\": [\"url\"]},\n" \
  "  {\"files\": [\"col/002_dbc67e46220468be.txt\", \"col/dup-title.txt\"], \"reasons\": [\"title\"]}\n" \
  "]\n"

static void
test_check_collection (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = folder_state (fixture->top);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Collection rules are warnings: exit 0, nothing on stderr. */
  g_assert_cmpint (CLI (fixture, &out, &err, "check", "col"), ==, 0);
  g_assert_cmpstr (out, ==, CHECK_TEXT);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (CLI (fixture, &out, &err, "check", "--json", "col"), ==, 0);
  g_assert_cmpstr (out, ==, CHECK_JSON);
  g_assert_cmpstr (err, ==, "");

  /* Reading writes nothing: same bytes, same times, no `.masthead/`. */
  after = folder_state (fixture->top);
  g_assert_cmpstr (after, ==, before);
}

static void
test_check_with_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A record error among collection warnings: exit 1, sorted by file and
   * line, both kinds in one list. */
  write_in (fixture->dir, "dup-url.txt", "---\ntitle: \"\"\nwebUrl: \"" NYPD_URL "\"\n---\n");
  g_assert_cmpint (CLI (fixture, &out, &err, "check", "col/dup-url.txt", "col/" SEED_NYPD), ==,
                   1);
  g_assert_cmpstr (out, ==, "col/000_6a22c6f8e948ba59.txt:6:14: warning: Same URL as col/dup-url.txt [duplicate-url]\n"
                            "col/dup-url.txt:2:8: error: title is empty [required]\n"
                            "col/dup-url.txt:3:9: warning: Same URL as col/000_6a22c6f8e948ba59.txt [duplicate-url]\n");
  g_assert_cmpstr (err, ==, "masthead-cli: 1 error, 2 warnings (2 records checked)\n");
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = folder_state (fixture->top);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "col"), ==, 0);
  g_assert_cmpstr (out, ==, GROUPS_TEXT);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "col", "--json"), ==, 0);
  g_assert_cmpstr (out, ==, GROUPS_JSON);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  after = folder_state (fixture->top);
  g_assert_cmpstr (after, ==, before);

  /* No duplicates: an empty list, still exit 0. */
  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "--json", "col/" SEED_HEISE), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "col/" SEED_HEISE), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

static void
test_not_duplicates (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *masthead = g_build_filename (fixture->dir, ".masthead", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Either order on the line; a stale pair (gone.txt) is ignored. */
  g_assert_cmpint (g_mkdir (masthead, 0700), ==, 0);
  write_in (masthead, "not-duplicates",
            "dup-url.txt\t" SEED_NYPD "\n"
            SEED_GLACIERS "\tgone.txt\n");
  before = folder_state (fixture->top);

  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "col"), ==, 0);
  g_assert_cmpstr (out, ==, "title\tcol/" SEED_GLACIERS "\tcol/dup-title.txt\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* check no longer pairs them; the related link's title still disagrees. */
  g_assert_cmpint (CLI (fixture, &out, &err, "check", "col"), ==, 0);
  g_assert_cmpstr (out, ==, "col/002_dbc67e46220468be.txt:3:8: warning: Nearly the same title as col/dup-title.txt [duplicate-title]\n"
                            "col/009_707b1fbbad0875b6.txt:22:3: warning: Topic “privacy” is a variant of “Privacy”, used by 2 records such as col/001_5836575090c4a738.txt [topic-variant]\n"
                            "col/dup-title.txt:3:8: warning: Nearly the same title as col/002_dbc67e46220468be.txt [duplicate-title]\n"
                            "col/stale-related.md:5:12: warning: Related link title “NYPD and facial recognition: the old headline” differs from the title of col/000_6a22c6f8e948ba59.txt, “The NYPD used a controversial facial recognition tool. Here’s what you need to know.” [related-title]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  after = folder_state (fixture->top);
  g_assert_cmpstr (after, ==, before);

  /* A malformed file: exit 2, the line named, the file left alone. */
  write_in (masthead, "not-duplicates", "dup-url.txt\t" SEED_NYPD "\njust-one-path\n");
  g_clear_pointer (&before, g_free);
  before = folder_state (fixture->top);
  g_assert_cmpint (CLI (fixture, NULL, &err, "duplicates", "col"), ==, 2);
  g_assert_cmpstr (err, ==, "masthead-cli: col/.masthead/not-duplicates:2: not two paths "
                   "separated by one tab\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (CLI (fixture, NULL, &err, "check", "col"), ==, 2);
  g_assert_cmpstr (err, ==, "masthead-cli: col/.masthead/not-duplicates:2: not two paths "
                   "separated by one tab\n");
  g_clear_pointer (&after, g_free);
  after = folder_state (fixture->top);
  g_assert_cmpstr (after, ==, before);
}

static void
test_duplicates_usage (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates"), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "masthead-cli: “duplicates” takes at least one PATH\n"
                   "Try “masthead-cli --help” for more information.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "--fast", "col"), ==, 2);
  g_assert_cmpstr (err, ==, "masthead-cli: Unknown option for “duplicates”\n"
                   "Try “masthead-cli --help” for more information.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A missing path: exit 2, the others still read. */
  g_assert_cmpint (CLI (fixture, &out, &err, "duplicates", "missing", "col/" SEED_HEISE), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "masthead-cli: missing: No such file or directory\n");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Messages are compared in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  cli_path = g_build_filename (g_getenv ("MH_BUILD_ROOT"), "src", "cli", "masthead-cli", NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/health/check", test_check_collection);
  ADD ("/cli/health/check-errors", test_check_with_errors);
  ADD ("/cli/health/duplicates", test_duplicates);
  ADD ("/cli/health/not-duplicates", test_not_duplicates);
  ADD ("/cli/health/usage", test_duplicates_usage);
#undef ADD

  status = g_test_run ();
  g_free (cli_path);
  return status;
}
