/* test-health.c: the collection rules' indexes and the not-duplicates file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mh-duplicates-file.h"
#include "mh-health-index.h"

#include "../mh-test-files.h"

/* A record as the seeds spell one: URLs quoted, topics in a block list. */
static char *
record_text (const char *title,
             const char *url,
             const char *topics,   /* "A,B" or NULL */
             const char *related)  /* "title|url" or NULL */
{
  GString *text = g_string_new ("---\ncategory: news\n");

  g_string_append_printf (text, "title: \"%s\"\n", title);
  if (url != NULL)
    g_string_append_printf (text, "webUrl: \"%s\"\n", url);
  g_string_append (text, "quality: 52\n");
  if (topics != NULL)
    {
      g_auto(GStrv) items = g_strsplit (topics, ",", -1);

      g_string_append (text, "topics:\n");
      for (guint i = 0; items[i] != NULL; i++)
        g_string_append_printf (text, "  - %s\n", items[i]);
    }
  if (related != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (related, "|", 2);

      g_string_append_printf (text, "related:\n  - title: \"%s\"\n    webUrl: \"%s\"\n",
                              parts[0], parts[1]);
    }
  g_string_append (text, "---\nBody\n");
  return g_string_free (text, FALSE);
}

static MhHealthRecord *
record_new (const char *id,
            const char *title,
            const char *url,
            const char *topics,
            const char *related)
{
  g_autofree char *text = record_text (title, url, topics, related);
  g_autoptr(MhDocument) document = mh_document_new_from_data (text, strlen (text));

  return mh_health_record_new_from_document (id, document);
}

static void
add (MhHealthIndex *index,
     const char    *id,
     const char    *title,
     const char    *url,
     const char    *topics,
     const char    *related)
{
  mh_health_index_update (index, record_new (id, title, url, topics, related), NULL);
}

/* @id's problems as "LINE:COLUMN path rule: message [others]" lines. */
static char *
problems_text (MhHealthIndex *index,
               const char    *id)
{
  g_autoptr(GPtrArray) problems = mh_health_index_dup_problems (index, id);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const MhHealthProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *others = g_strjoinv (",", problem->others);

      g_assert_cmpint (problem->severity, ==, MH_SEVERITY_WARNING);
      g_string_append_printf (text, "%u:%u %s %s: %s [%s]\n", problem->line, problem->column,
                              problem->path, problem->rule_id, problem->message, others);
    }
  return g_string_free (text, FALSE);
}

static void
assert_problems (MhHealthIndex *index,
                 const char    *id,
                 const char    *expected)
{
  g_autofree char *text = problems_text (index, id);

  g_assert_cmpstr (text, ==, expected);
}

/* The groups as "a,b (url title)" lines. */
static char *
groups_text (MhHealthIndex *index)
{
  g_autoptr(GPtrArray) groups = mh_health_index_dup_groups (index);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      const MhDuplicateGroup *group = g_ptr_array_index (groups, i);
      g_auto(GStrv) reasons = mh_duplicate_reasons_to_strv (group->reasons);
      g_autofree char *ids = g_strjoinv (",", group->ids);
      g_autofree char *names = g_strjoinv (" ", reasons);

      g_string_append_printf (text, "%s (%s)\n", ids, names);
    }
  return g_string_free (text, FALSE);
}

static void
assert_groups (MhHealthIndex *index,
               const char    *expected)
{
  g_autofree char *text = groups_text (index);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_health_urls (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();

  /* One address spelled five ways: scheme, www., host case, slash, utm_*. */
  add (index, "a.md", "Alpha one", "https://www.example.com/story/", NULL, NULL);
  add (index, "b.md", "Beta two", "http://Example.com/story?utm_source=feed", NULL, NULL);
  add (index, "c.md", "Gamma three", "https://EXAMPLE.com/story#comments", NULL, NULL);
  /* A different path, a different query, another scheme: not the same. */
  add (index, "d.md", "Delta four", "https://example.com/story2", NULL, NULL);
  add (index, "e.md", "Epsilon five", "https://example.com/story?id=2", NULL, NULL);
  add (index, "f.md", "Zeta six", "ftp://example.com/story", NULL, NULL);

  /* The position is the webUrl value's (line 4, after its key). */
  assert_problems (index, "a.md",
                   "4:9 webUrl duplicate-url: Same URL as b.md and 1 other record [b.md,c.md]\n");
  assert_problems (index, "b.md",
                   "4:9 webUrl duplicate-url: Same URL as a.md and 1 other record [a.md,c.md]\n");
  assert_problems (index, "c.md",
                   "4:9 webUrl duplicate-url: Same URL as a.md and 1 other record [a.md,b.md]\n");
  assert_problems (index, "d.md", "");
  assert_problems (index, "e.md", "");
  assert_problems (index, "f.md", "");
  assert_problems (index, "unknown.md", "");
  assert_groups (index, "a.md,b.md,c.md (url)\n");
}

static void
test_health_titles (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();

  /* Case, accents, punctuation and spacing fold away. */
  add (index, "t1.md", "Police drones are coming to your neighbourhood", NULL, NULL, NULL);
  add (index, "t2.md", "POLICE  Drones are coming to your neighbourhood!", NULL, NULL, NULL);
  /* A word added, a word changed: still near. */
  add (index, "t3.md", "Police drones are coming to your neighbourhood soon", NULL, NULL, NULL);
  add (index, "t4.md", "Police drones are flying to your neighbourhood", NULL, NULL, NULL);
  /* Unrelated titles sharing a prefix: two words apart, or too short. */
  add (index, "u1.md", "Police drones are coming back from the war", NULL, NULL, NULL);
  add (index, "u2.md", "How to build a house", NULL, NULL, NULL);
  add (index, "u3.md", "How to build a boat", NULL, NULL, NULL);
  /* Equal short titles are the same title. */
  add (index, "s1.md", "Café", NULL, NULL, NULL);
  add (index, "s2.md", "cafe.", NULL, NULL, NULL);

  assert_problems (index, "t1.md",
                   "3:8 title duplicate-title: Nearly the same title as t2.md and 2 other "
                   "records [t2.md,t3.md,t4.md]\n");
  /* t3 (one more word) and t4 (one other word) are two edits apart. */
  assert_problems (index, "t3.md",
                   "3:8 title duplicate-title: Nearly the same title as t1.md and 1 other "
                   "record [t1.md,t2.md]\n");
  assert_problems (index, "t4.md",
                   "3:8 title duplicate-title: Nearly the same title as t1.md and 1 other "
                   "record [t1.md,t2.md]\n");
  assert_problems (index, "u1.md", "");
  assert_problems (index, "u2.md", "");
  assert_problems (index, "u3.md", "");
  assert_problems (index, "s1.md", "3:8 title duplicate-title: Same title as s2.md [s2.md]\n");
  assert_groups (index,
                 "s1.md,s2.md (title)\n"
                 "t1.md,t2.md,t3.md,t4.md (title)\n");
}

static void
test_health_topics (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();

  add (index, "a.md", "One", NULL, "AI,Privacy", NULL);
  add (index, "b.md", "Two", NULL, "AI", NULL);
  add (index, "c.md", "Three", NULL, "ai,Machine Learning", NULL);
  add (index, "d.md", "Four", NULL, "A.I.,machine-learning,A.I.", NULL);
  add (index, "e.md", "Five", NULL, "Privacy", NULL);

  /* The most used spelling is the main one; ties go to the smaller. A
   * repeated item is reported once (the record rules report the repeat). */
  assert_problems (index, "a.md", "");
  assert_problems (index, "b.md", "");
  assert_problems (index, "c.md",
                   "6:5 topics[0] topic-variant: Topic “ai” is a variant of “AI”, used by 2 "
                   "records such as a.md [a.md]\n");
  assert_problems (index, "d.md",
                   "6:5 topics[0] topic-variant: Topic “A.I.” is a variant of “AI”, used by 2 "
                   "records such as a.md [a.md]\n"
                   "7:5 topics[1] topic-variant: Topic “machine-learning” is a variant of "
                   "“Machine Learning”, used by 1 record such as c.md [c.md]\n");
  assert_problems (index, "e.md", "");
  /* Topics are not duplicates. */
  assert_groups (index, "");
}

static void
test_health_related (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();

  add (index, "target.md", "The target story", "https://example.com/target", NULL, NULL);
  /* The same title folded, a URL spelled otherwise: fine. */
  add (index, "agrees.md", "One", "https://example.com/1", NULL,
       "THE TARGET STORY!|http://www.example.com/target/");
  add (index, "stale.md", "Two", "https://example.com/2", NULL,
       "An old title|https://example.com/target?utm_medium=x");
  /* A link out of the collection has nothing to disagree with. */
  add (index, "outside.md", "Three", "https://example.com/3", NULL,
       "Whatever|https://elsewhere.org/x");

  assert_problems (index, "agrees.md", "");
  assert_problems (index, "stale.md",
                   "7:12 related[0].title related-title: Related link title “An old title” "
                   "differs from the title of target.md, “The target story” [target.md]\n");
  assert_problems (index, "outside.md", "");
  assert_problems (index, "target.md", "");

  /* The target's title changes to the link's: the problem goes, and the
   * linking record is among those the update says it affected. */
  {
    g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);

    mh_health_index_update (index, record_new ("target.md", "An old title",
                                               "https://example.com/target", NULL, NULL),
                            affected);
    g_assert_true (g_ptr_array_find_with_equal_func (affected, "stale.md", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (affected, "agrees.md", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (affected, "target.md", g_str_equal, NULL));
    g_assert_false (g_ptr_array_find_with_equal_func (affected, "outside.md", g_str_equal,
                                                      NULL));
  }
  assert_problems (index, "stale.md", "");
  assert_problems (index, "agrees.md",
                   "7:12 related[0].title related-title: Related link title “THE TARGET STORY!” "
                   "differs from the title of target.md, “An old title” [target.md]\n");
}

static void
test_health_incremental (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();
  g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);

  add (index, "a.md", "Police drones are coming to your neighbourhood",
       "https://example.com/a", "AI", NULL);
  add (index, "b.md", "Police drones are coming to your neighbourhood soon",
       "https://example.com/a/", "AI", NULL);
  add (index, "c.md", "Something else entirely", "https://example.com/c", "ai", NULL);
  add (index, "d.md", "Nothing in common", "https://example.com/d", "Privacy", NULL);
  g_assert_cmpuint (mh_health_index_get_n_records (index), ==, 4);
  assert_groups (index, "a.md,b.md (url title)\n");

  /* b gets its own URL: still the title. */
  mh_health_index_update (index, record_new ("b.md",
                                             "Police drones are coming to your neighbourhood soon",
                                             "https://example.com/b", "AI", NULL), affected);
  g_assert_true (g_ptr_array_find_with_equal_func (affected, "a.md", g_str_equal, NULL));
  /* c spells b's topic otherwise, but b's topics did not change. */
  g_assert_false (g_ptr_array_find_with_equal_func (affected, "c.md", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (affected, "d.md", g_str_equal, NULL));
  assert_groups (index, "a.md,b.md (title)\n");
  assert_problems (index, "a.md",
                   "3:8 title duplicate-title: Nearly the same title as b.md [b.md]\n");

  /* And a title two words away: no longer a duplicate at all. A topic
   * added: c, which spells b's other topic otherwise, counts b anew. */
  g_ptr_array_set_size (affected, 0);
  mh_health_index_update (index, record_new ("b.md", "Police drones are leaving your town soon",
                                             "https://example.com/b", "AI,Drones", NULL),
                          affected);
  g_assert_true (g_ptr_array_find_with_equal_func (affected, "a.md", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (affected, "c.md", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (affected, "d.md", g_str_equal, NULL));
  assert_problems (index, "a.md", "");
  assert_problems (index, "b.md", "");
  assert_groups (index, "");

  /* The topic variant goes with the record that had it; the main spelling's
   * records are not affected by it. */
  assert_problems (index, "c.md",
                   "7:5 topics[0] topic-variant: Topic “ai” is a variant of “AI”, used by 2 "
                   "records such as a.md [a.md]\n");
  g_ptr_array_set_size (affected, 0);
  g_assert_true (mh_health_index_remove (index, "a.md", affected));
  g_assert_false (mh_health_index_remove (index, "a.md", NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (affected, "c.md", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (affected, "b.md", g_str_equal, NULL));
  assert_problems (index, "c.md",
                   "7:5 topics[0] topic-variant: Topic “ai” is a variant of “AI”, used by 1 "
                   "record such as b.md [b.md]\n");
  mh_health_index_remove (index, "b.md", NULL);
  assert_problems (index, "c.md", "");
  g_assert_null (mh_health_index_lookup (index, "b.md"));
  g_assert_nonnull (mh_health_index_lookup (index, "c.md"));
}

static void
test_health_not_duplicates (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();

  add (index, "a.md", "One story", "https://example.com/x", NULL, NULL);
  add (index, "b.md", "Two story", "https://example.com/x", NULL, NULL);
  add (index, "c.md", "Three story", "https://example.com/x", NULL, NULL);
  mh_health_index_add_not_duplicate (index, "c.md", "a.md");
  g_assert_true (mh_health_index_is_not_duplicate (index, "a.md", "c.md"));
  g_assert_false (mh_health_index_is_not_duplicate (index, "a.md", "b.md"));

  assert_problems (index, "a.md", "4:9 webUrl duplicate-url: Same URL as b.md [b.md]\n");
  assert_problems (index, "c.md", "4:9 webUrl duplicate-url: Same URL as b.md [b.md]\n");
  /* b ties them into one group still. */
  assert_groups (index, "a.md,b.md,c.md (url)\n");
  mh_health_index_add_not_duplicate (index, "a.md", "b.md");
  mh_health_index_add_not_duplicate (index, "b.md", "c.md");
  assert_problems (index, "b.md", "");
  assert_groups (index, "");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* At 5,000 records, one edit touches only the records it shares a value
 * with: the affected set stays that small. */
static void
test_health_affected_small (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();
  g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%04u.md", i);
      g_autofree char *title = g_strdup_printf ("Story number %u about something", i);
      g_autofree char *url = g_strdup_printf ("https://example.com/%u", i);

      add (index, id, title, url, "AI,Privacy", NULL);
    }
  add (index, "x.md", "Story number 7 about something", "https://example.com/8", "ai", NULL);
  mh_health_index_update (index, record_new ("x.md", "Another one", "https://example.com/y",
                                             "ai", NULL), affected);
  g_ptr_array_sort (affected, compare_strings);
  g_assert_cmpuint (affected->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (affected, 0), ==, "r0007.md");
  g_assert_cmpstr (g_ptr_array_index (affected, 1), ==, "r0008.md");
  g_assert_cmpstr (g_ptr_array_index (affected, 2), ==, "x.md");
}

/* Many records with one title: the others are capped, their count is not. */
static void
test_health_others_capped (void)
{
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();
  g_autoptr(GPtrArray) problems = NULL;
  const MhHealthProblem *problem;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%02u.md", i);

      add (index, id, "Daily briefing", NULL, NULL, NULL);
    }
  problems = mh_health_index_dup_problems (index, "r07.md");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->n_others, ==, 39);
  g_assert_cmpuint (g_strv_length (problem->others), ==, MH_HEALTH_MAX_OTHERS);
  g_assert_cmpstr (problem->others[0], ==, "r00.md");
  g_assert_cmpstr (problem->others[7], ==, "r08.md");
  g_assert_cmpstr (problem->message, ==, "Same title as r00.md and 38 other records");
}

/* The not-duplicates file ---------------------------------------------------- */

static void
test_duplicates_file_parse (void)
{
  static const struct
  {
    const char *text;
    const char *error;   /* NULL: parses */
  } cases[] = {
    { "", NULL },
    { "\n\n", NULL },
    { "b.md\ta.md\r\n", NULL },
    { "a.md\tb.md", NULL },
    { "a.md b.md\n", "f:1: not two paths separated by one tab" },
    { "\na.md\tb.md\tc.md\n", "f:2: not two paths separated by one tab" },
    { "a.md\t\n", "f:1: an empty path" },
    { "/tmp/a.md\tb.md\n", "f:1: an absolute path" },
    { "a.md\t../b.md\n", "f:1: a path out of the folder" },
    { "a.md\tsub/../../b.md\n", "f:1: a path out of the folder" },
    { "a.md\ta.md\n", "f:1: a path paired with itself" },
    { "a.md\t\xff.md\n", "f: not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pairs = mh_duplicates_file_parse (cases[i].text,
                                                             strlen (cases[i].text), "f",
                                                             &error);

      if (cases[i].error == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (pairs);
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_cmpstr (error->message, ==, cases[i].error);
          g_assert_null (pairs);
        }
    }

  {
    const char *text = "z.md\ta.md\nb.md\tsub/c.md\n\na.md\tz.md\n";
    g_autoptr(GPtrArray) pairs = mh_duplicates_file_parse (text, strlen (text), "f", NULL);
    g_autofree char *formatted = mh_duplicates_file_format (pairs);

    /* Each pair sorted, the lines sorted, the repeat dropped. */
    g_assert_cmpstr (formatted, ==, "a.md\tz.md\nb.md\tsub/c.md\n");
  }
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_duplicates_file_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mh-health-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *path = g_build_filename (dir, ".masthead", "not-duplicates", NULL);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *text = NULL;
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();

  g_assert_no_error (error);

  /* No file: no pairs, nothing created by reading. */
  pairs = mh_duplicates_file_read (folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
  g_clear_pointer (&pairs, g_ptr_array_unref);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Adding creates `.masthead/` and writes sorted lines. */
  g_assert_true (mh_duplicates_file_add (folder, "z.md", "b.md", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mh_duplicates_file_add (folder, "sub/c.md", "a.md", NULL, &error));
  g_assert_true (mh_duplicates_file_add (folder, "b.md", "z.md", NULL, &error));
  g_assert_true (mh_duplicates_file_add (folder, "gone.md", "a.md", NULL, &error));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "a.md\tgone.md\na.md\tsub/c.md\nb.md\tz.md\n");
  g_clear_pointer (&text, g_free);

  /* A pair that cannot be stored leaves the file as it was. */
  g_assert_false (mh_duplicates_file_add (folder, "a.md", "../x.md", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Read back (a reload): the same pairs; the stale one, for a file that
   * does not exist, names no record and changes nothing. */
  pairs = mh_duplicates_file_read (folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);
  add (index, "a.md", "Same story", NULL, NULL, NULL);
  add (index, "sub/c.md", "Same story", NULL, NULL, NULL);
  add (index, "d.md", "Same story", NULL, NULL, NULL);
  for (guint i = 0; i < pairs->len; i++)
    {
      const MhPathPair *pair = g_ptr_array_index (pairs, i);

      mh_health_index_add_not_duplicate (index, pair->a, pair->b);
    }
  assert_groups (index, "a.md,d.md,sub/c.md (title)\n");
  assert_problems (index, "a.md", "3:8 title duplicate-title: Same title as d.md [d.md]\n");
  g_clear_pointer (&pairs, g_ptr_array_unref);

  /* A malformed file: an error naming the line, and adding does not
   * overwrite what the curator wrote. */
  g_assert_true (g_file_set_contents (path, "a.md\tb.md\nbroken\n", -1, NULL));
  pairs = mh_duplicates_file_read (folder, NULL, &error);
  g_assert_null (pairs);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_suffix (error->message, "not-duplicates:2: not two paths separated "
                                   "by one tab"));
  g_clear_error (&error);
  g_assert_false (mh_duplicates_file_add (folder, "a.md", "d.md", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "a.md\tb.md\nbroken\n");

  mh_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health/urls", test_health_urls);
  g_test_add_func ("/health/titles", test_health_titles);
  g_test_add_func ("/health/topics", test_health_topics);
  g_test_add_func ("/health/related", test_health_related);
  g_test_add_func ("/health/incremental", test_health_incremental);
  g_test_add_func ("/health/not-duplicates", test_health_not_duplicates);
  g_test_add_func ("/health/affected-small", test_health_affected_small);
  g_test_add_func ("/health/others-capped", test_health_others_capped);
  g_test_add_func ("/health/file/parse", test_duplicates_file_parse);
  g_test_add_func ("/health/file/folder", test_duplicates_file_folder);

  return g_test_run ();
}
