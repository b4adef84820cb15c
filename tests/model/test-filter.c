/* test-filter.c: search, facets and sort keys over a loaded folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-filter.h"
#include "mh-test-util.h"

#define R1 "---\ntitle: \"Élan vital\"\nexcerpt: \"About privacy\"\ncategory: news\n" \
           "provider:\n  name: Gazette\nquality: 80\npublished: true\n" \
           "topics:\n  - AI\n  - Privacy\n---\n"
#define R2 "---\ntitle: \"Zebra crossing\"\ncategory: news\nprovider:\n  name: Post\n" \
           "quality: 20\npublished: false\ntopics: [AI]\n---\n"
#define R3 "---\ntitle: \"apple pie\"\ncategory: food\nprovider:\n  name: Gazette\n" \
           "quality: 150\ntopics:\n  - Cooking\n  - Cooking\n---\n"
#define R4 "---\nexcerpt: no title, no quality\n---\n"

typedef struct
{
  char         *dir;
  MhCollection *collection;
  MhArticle    *r[4];
  MhFilter     *filter;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *texts[] = { R1, R2, R3, R4 };

  fixture->dir = mh_test_make_dir ();
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i + 1);
      g_free (mh_test_write (fixture->dir, name, texts[i]));
    }
  fixture->collection = mh_test_load (fixture->dir);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i + 1);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      fixture->r[i] = mh_test_lookup (fixture->collection, path);
      g_assert_nonnull (fixture->r[i]);
    }
  fixture->filter = mh_filter_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->collection);
  mh_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static guint
count (Fixture *fixture)
{
  return mh_collection_count_matches (fixture->collection, fixture->filter);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_true (mh_filter_is_empty (fixture->filter));
  g_assert_cmpuint (count (fixture), ==, 4);

  mh_filter_set_search_text (fixture->filter, "ELAN");
  g_assert_false (mh_filter_is_empty (fixture->filter));
  g_assert_cmpuint (count (fixture), ==, 1);
  g_assert_true (mh_filter_match (fixture->filter, fixture->r[0]));

  /* Excerpt, provider and topics are searched; every word must match. */
  mh_filter_set_search_text (fixture->filter, "privacy");
  g_assert_cmpuint (count (fixture), ==, 1);
  mh_filter_set_search_text (fixture->filter, "gazette");
  g_assert_cmpuint (count (fixture), ==, 2);
  mh_filter_set_search_text (fixture->filter, "gazette  pie");
  g_assert_cmpuint (count (fixture), ==, 1);
  mh_filter_set_search_text (fixture->filter, "cooking");
  g_assert_cmpuint (count (fixture), ==, 1);
  mh_filter_set_search_text (fixture->filter, "nothing like this");
  g_assert_cmpuint (count (fixture), ==, 0);
  mh_filter_reset (fixture->filter);
  g_assert_cmpuint (count (fixture), ==, 4);
}

static void
visit (MhCollection *collection,
       guint         position)
{
  g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (collection), position);
  guint found = G_MAXUINT;

  g_assert_true (mh_collection_find (collection, article, &found));
  g_assert_cmpuint (found, ==, position);
}

/* Asks for every item in a scrambled order (@step prime to the count),
 * twice, as a sort model refiltering does: the collection reads ahead along
 * the last order. Then every third of them (a narrower refilter), a few
 * stray rows, and the whole order again. */
static void
visit_scrambled (MhCollection *collection,
                 guint         step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (collection));

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      visit (collection, (i * step + 1) % n);
  for (guint i = 0; i < n; i += 3)
    visit (collection, (i * step + 1) % n);
  for (guint i = 0; i < MIN (n, 5); i++)
    visit (collection, n - 1 - i);
  for (guint i = 0; i < n; i++)
    visit (collection, (i * step + 1) % n);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (collection), n));
}

static gboolean
has_n_items (gpointer data)
{
  GListModel *model = data;

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (g_object_get_data (data, "n"));
}

/* Enough records for the collection to read ahead, in changing orders,
 * while records come and go. */
static void
test_read_ahead (void)
{
  g_autofree char *dir = mh_test_make_dir ();
  g_autoptr(MhCollection) collection = NULL;

  for (guint i = 0; i < 97; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%03u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Record %u\n---\n", i);

      g_free (mh_test_write (dir, name, text));
    }
  collection = mh_test_load (dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 97);

  for (guint i = 0; i < 97; i++)
    visit (collection, i);
  visit_scrambled (collection, 7);
  visit_scrambled (collection, 11);

  /* Records removed (positions move) and appended. */
  for (guint i = 0; i < 97; i += 10)
    {
      g_autofree char *name = g_strdup_printf ("r%03u.md", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_object_set_data (G_OBJECT (collection), "n", GUINT_TO_POINTER (87));
  g_assert_true (mh_test_wait (has_n_items, collection));
  visit_scrambled (collection, 5);
  g_free (mh_test_write (dir, "s1.md", "---\ntitle: Added\n---\n"));
  g_free (mh_test_write (dir, "s2.md", "---\ntitle: Added too\n---\n"));
  g_object_set_data (G_OBJECT (collection), "n", GUINT_TO_POINTER (89));
  g_assert_true (mh_test_wait (has_n_items, collection));
  visit_scrambled (collection, 7);

  g_clear_object (&collection);
  mh_test_remove_tree (dir);
}

static gboolean
has_five_items (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 5;
}

static gboolean
lost_r3 (gpointer data)
{
  Fixture *fixture = data;

  return !mh_collection_find (fixture->collection, fixture->r[2], NULL);
}

/* Matching scans the collection's texts once per search and answers from
 * that: records edited, appended or removed since must still be judged on
 * their text now, and narrowing or widening the words must agree with a
 * fresh filter. */
static void
test_search_follows_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const typed[] = {
    "g", "ga", "gaz", "gazette", "gazette pie", "gazette", "ga", "", "ai", "ai privacy", "ai",
    "zebra", "ze", "e", "vital élan", "élan",
  };
  g_autofree char *added = NULL;
  g_autoptr(GFile) removed = NULL;
  g_autoptr(MhArticle) kept = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(MhFilter) fresh = mh_filter_new ();

      mh_filter_set_search_text (fixture->filter, typed[i]);
      mh_filter_set_search_text (fresh, typed[i]);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpint (mh_filter_match (fixture->filter, fixture->r[j]), ==,
                         mh_filter_match (fresh, fixture->r[j]));
    }

  mh_filter_set_search_text (fixture->filter, "zebra");
  g_assert_cmpuint (count (fixture), ==, 1);
  g_assert_true (mh_filter_match (fixture->filter, fixture->r[1]));

  /* An edit after the scan. */
  mh_article_set_title (fixture->r[1], "Quagga crossing");
  g_assert_false (mh_filter_match (fixture->filter, fixture->r[1]));
  g_assert_cmpuint (count (fixture), ==, 0);
  mh_filter_set_search_text (fixture->filter, "quagga");
  g_assert_cmpuint (count (fixture), ==, 1);
  /* Narrowing retests only what matched; the edited record still counts. */
  mh_filter_set_search_text (fixture->filter, "quagga cross");
  g_assert_cmpuint (count (fixture), ==, 1);
  mh_article_set_title (fixture->r[1], "Quagga");
  g_assert_cmpuint (count (fixture), ==, 0);
  /* Widening retests only what did not match. */
  mh_filter_set_search_text (fixture->filter, "quagga");
  g_assert_cmpuint (count (fixture), ==, 1);

  /* A record appended after the scan, then one removed. */
  mh_filter_set_search_text (fixture->filter, "gazette");
  g_assert_cmpuint (count (fixture), ==, 2);
  added = mh_test_write (fixture->dir, "r5.md", "---\ntitle: Gazette again\n---\n");
  g_assert_true (mh_test_wait (has_five_items, fixture->collection));
  visit_scrambled (fixture->collection, 3);
  g_assert_cmpuint (count (fixture), ==, 3);
  mh_filter_set_search_text (fixture->filter, "gazette again");
  g_assert_cmpuint (count (fixture), ==, 1);

  kept = g_object_ref (fixture->r[2]);
  removed = g_object_ref (mh_article_get_file (kept));
  g_assert_true (g_file_delete (removed, NULL, NULL));
  mh_filter_set_search_text (fixture->filter, "gazette");
  g_assert_cmpuint (count (fixture), ==, 3);
  g_assert_true (mh_test_wait (lost_r3, fixture));
  visit_scrambled (fixture->collection, 3);
  g_assert_cmpuint (count (fixture), ==, 2);
  /* A record out of its collection is judged on its own text. */
  g_assert_true (mh_filter_match (fixture->filter, kept));
  mh_filter_set_search_text (fixture->filter, "gazette pie");
  g_assert_true (mh_filter_match (fixture->filter, kept));
  g_assert_cmpuint (count (fixture), ==, 0);
}

static void
test_last_change (Fixture       *fixture,
                  gconstpointer  data)
{
  MhFilter *filter = fixture->filter;

  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_DIFFERENT);

  /* Typing on narrows, deleting widens, another word is different. */
  mh_filter_set_search_text (filter, "fa");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_search_text (filter, "fac");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_search_text (filter, "fac rec");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_search_text (filter, "fac");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);
  mh_filter_set_search_text (filter, "zurich");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_DIFFERENT);
  mh_filter_set_search_text (filter, "ZÜRICH");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_search_text (filter, "");
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);

  /* Values OR within a facet. */
  mh_filter_set_facet_value (filter, MH_FACET_TOPIC, "AI", TRUE);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_facet_value (filter, MH_FACET_TOPIC, "Cooking", TRUE);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);
  mh_filter_set_facet_value (filter, MH_FACET_TOPIC, "Cooking", FALSE);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_facet_value (filter, MH_FACET_TOPIC, "AI", FALSE);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);
  mh_filter_set_facet_value (filter, MH_FACET_TOPIC, "AI", TRUE);
  mh_filter_clear_facet (filter, MH_FACET_TOPIC);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);

  /* The full quality range also lets records without quality through. */
  mh_filter_set_quality_range (filter, 10, 90);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_quality_range (filter, 20, 90);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_MORE_STRICT);
  mh_filter_set_quality_range (filter, 10, 95);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);
  mh_filter_set_quality_range (filter, 50, 100);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_DIFFERENT);
  mh_filter_set_quality_range (filter, 0, 100);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);

  mh_filter_set_search_text (filter, "x");
  mh_filter_reset (filter);
  g_assert_cmpint (mh_filter_get_last_change (filter), ==, MH_FILTER_CHANGE_LESS_STRICT);
}

static void
test_facets (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GHashTable) topics = NULL;
  g_autoptr(GHashTable) providers = NULL;
  g_autoptr(GHashTable) published = NULL;
  g_autoptr(GHashTable) problems = NULL;

  topics = mh_collection_count_facets (fixture->collection, MH_FACET_TOPIC, NULL);
  g_assert_cmpuint (g_hash_table_size (topics), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (topics, "AI")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (topics, "Cooking")), ==, 1);

  providers = mh_collection_count_facets (fixture->collection, MH_FACET_PROVIDER, NULL);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (providers, "Gazette")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (providers, "")), ==, 1);

  /* Values OR within a facet, facets AND. */
  mh_filter_set_facet_value (fixture->filter, MH_FACET_TOPIC, "AI", TRUE);
  g_assert_cmpuint (count (fixture), ==, 2);
  mh_filter_set_facet_value (fixture->filter, MH_FACET_TOPIC, "Cooking", TRUE);
  g_assert_cmpuint (count (fixture), ==, 3);
  mh_filter_set_facet_value (fixture->filter, MH_FACET_PROVIDER, "Gazette", TRUE);
  g_assert_cmpuint (count (fixture), ==, 2);

  /* A facet's own counts ignore its selection; others' counts follow it. */
  g_clear_pointer (&topics, g_hash_table_unref);
  topics = mh_collection_count_facets (fixture->collection, MH_FACET_TOPIC, fixture->filter);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (topics, "AI")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (topics, "Privacy")), ==, 1);

  published = mh_collection_count_facets (fixture->collection, MH_FACET_PUBLISHED,
                                          fixture->filter);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (published, "true")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (published, "false")), ==, 1);

  mh_filter_reset (fixture->filter);
  mh_filter_set_facet_value (fixture->filter, MH_FACET_PROBLEMS, "none", TRUE);
  problems = mh_collection_count_facets (fixture->collection, MH_FACET_PROBLEMS, NULL);
  /* Quality 150 and a missing title are errors; a duplicate topic a warning. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (problems, "none")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (problems, "error")), ==, 2);
  g_assert_cmpuint (count (fixture), ==, 2);
  g_assert_true (mh_filter_match (fixture->filter, fixture->r[1]));

  /* Modified follows edits. */
  mh_filter_reset (fixture->filter);
  mh_filter_set_facet_value (fixture->filter, MH_FACET_MODIFIED, "true", TRUE);
  g_assert_cmpuint (count (fixture), ==, 0);
  mh_article_set_title (fixture->r[3], "Now titled");
  g_assert_cmpuint (count (fixture), ==, 1);
}

static void
test_quality_range (Fixture       *fixture,
                    gconstpointer  data)
{
  mh_filter_set_quality_range (fixture->filter, 50, 100);
  g_assert_cmpuint (count (fixture), ==, 1);
  mh_filter_set_quality_range (fixture->filter, 0, 100);
  g_assert_cmpuint (count (fixture), ==, 4);
  mh_filter_set_quality_range (fixture->filter, 0, 50);
  g_assert_cmpuint (count (fixture), ==, 1);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  MhArticle **r = fixture->r;

  /* Case- and accent-insensitive: apple < Élan < Zebra. */
  g_assert_cmpint (mh_article_compare_by (r[2], r[0], MH_SORT_TITLE), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[0], r[1], MH_SORT_TITLE), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[1], r[0], MH_SORT_QUALITY), <, 0);
  /* No quality sorts lowest. */
  g_assert_cmpint (mh_article_compare_by (r[3], r[1], MH_SORT_QUALITY), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[0], r[1], MH_SORT_PROVIDER), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[1], r[0], MH_SORT_PUBLISHED), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[0], r[0], MH_SORT_TITLE), ==, 0);

  /* Keys follow edits. */
  mh_article_set_title (r[1], "aardvark");
  g_assert_cmpint (mh_article_compare_by (r[1], r[2], MH_SORT_TITLE), <, 0);

  /* Keys compare by their first 8 bytes first: longer shared starts, and
   * one title a prefix of the other, still order by the whole key. */
  mh_article_set_title (r[1], "Aardvarks and ants b");
  mh_article_set_title (r[2], "aardvarks and ants a");
  g_assert_cmpint (mh_article_compare_by (r[2], r[1], MH_SORT_TITLE), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[1], r[2], MH_SORT_TITLE), >, 0);
  mh_article_set_title (r[2], "aardvarks");
  g_assert_cmpint (mh_article_compare_by (r[2], r[1], MH_SORT_TITLE), <, 0);
  mh_article_set_title (r[2], "aardv");
  mh_article_set_title (r[1], "aardva");
  g_assert_cmpint (mh_article_compare_by (r[2], r[1], MH_SORT_TITLE), <, 0);
  /* Equal titles fall back to the file name (r2.md < r3.md). */
  mh_article_set_title (r[2], "Same");
  mh_article_set_title (r[1], "same");
  g_assert_cmpint (mh_article_compare_by (r[1], r[2], MH_SORT_TITLE), <, 0);
  g_assert_cmpint (mh_article_compare_by (r[2], r[1], MH_SORT_TITLE), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/filter/search", test_search);
  ADD ("/filter/search-follows-changes", test_search_follows_changes);
  ADD ("/filter/last-change", test_last_change);
  ADD ("/filter/facets", test_facets);
  g_test_add_func ("/filter/read-ahead", test_read_ahead);
  ADD ("/filter/quality-range", test_quality_range);
  ADD ("/filter/sort", test_sort);

  return g_test_run ();
}
