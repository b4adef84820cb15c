/* test-query.c: the query language, parsed and matched over records, and its malformed cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-query.h"

/* Three records, each query below says which of them match (a, b, c). */
static const char *const records[] = {
  /* a */
  "---\n"
  "title: Police drones over Paris\n"
  "excerpt: |\n"
  "  The city tests drones.\n"
  "quality: 07\n"
  "heat: -1\n"
  "published: true\n"
  "publishedDateTime: 2024-01-01T00:00:00Z\n"
  "provider:\n"
  "  name: Le Monde\n"
  "  domain: lemonde.fr\n"
  "topics: [Sécurité, AI]\n"
  "images:\n"
  "  - url: https://example.com/1.jpg\n"
  "    width: 640\n"
  "  - url: https://example.com/2.jpg\n"
  "    width: 1280\n"
  "count: \"42\"\n"
  "---\n"
  "Body\n",
  /* b */
  "---\r\n"
  "title: \"The NYPD used a controversial tool\"\r\n"
  "quality: 52\r\n"
  "published: false\r\n"
  "publishedDateTime: 2023-12-31T23:30:00-01:00\r\n"
  "provider: {name: MIT Technology Review, domain: technologyreview.com}\r\n"
  "topics:\r\n"
  "  - Computer Vision\r\n"
  "  - ai\r\n"
  "related:\r\n"
  "  - title: Other\r\n"
  "    images:\r\n"
  "      - width: 300\r\n"
  "empty:\r\n"
  "list: []\r\n"
  "ratio: 0.5\r\n"
  "---\r\n",
  /* c: no quality, no provider, a problem (no title) */
  "---\n"
  "excerpt: Nothing here about \"drones\"\n"
  "publishedDateTime: 2023-06-01\n"
  "topics: []\n"
  "---\n",
};

typedef struct
{
  const char *expr;
  const char *matches;   /* the records that match, "abc" order */
} MatchCase;

static const MatchCase match_cases[] = {
  /* empty */
  { "", "abc" },
  { "   ", "abc" },
  /* bare words: title, excerpt, provider name, topics; folded */
  { "drones", "ac" },
  { "DRONES", "ac" },
  { "securite", "a" },
  { "monde", "a" },
  { "lemonde", "" },   /* the domain is not free text */
  { "vision", "b" },
  { "nypd tool", "b" },
  { "nypd drones", "" },
  { "\"used a controversial\"", "b" },
  { "\"\"", "abc" },
  /* = on text: folded, whole value */
  { "title=\"police drones over paris\"", "a" },
  { "title=police", "" },
  { "provider.name=\"le monde\"", "a" },
  { "topics=ai", "ab" },
  { "topics=AI", "ab" },
  { "topics=securite", "a" },
  { "topics=\"computer vision\"", "b" },
  /* = on integers and bools compares values */
  { "quality=7", "a" },
  { "quality=07", "a" },
  { "quality=0x7", "a" },
  { "quality=52", "b" },
  { "count=42", "a" },          /* a quoted "42" is text, equal as text */
  { "count=042", "" },          /* and not as a number */
  { "published=true", "a" },
  { "published=TRUE", "a" },
  { "published=false", "b" },
  { "ratio=0.50", "b" },
  /* != : the key is there and no value equals */
  { "quality!=7", "b" },
  { "topics!=ai", "" },
  { "topics!=securite", "b" },
  { "not topics=ai", "c" },
  /* ~ contains */
  { "title~nypd", "b" },
  { "title~DRONE", "a" },
  { "provider.domain~.fr", "a" },
  { "topics~vis", "b" },
  { "excerpt~drones", "ac" },
  /* < <= > >= on integers */
  { "quality<50", "a" },
  { "quality<=52", "ab" },
  { "quality>7", "b" },
  { "quality>=7", "ab" },
  { "heat<0", "a" },
  { "quality>-100", "ab" },     /* c has no quality: never matches */
  { "not quality<50", "bc" },
  { "ratio<1", "b" },
  { "title<5", "" },            /* text never compares as a number */
  { "quality=nan", "" },        /* a word, not a number that equals all */
  { "ratio=.5", "b" },
  /* dates as instants */
  { "publishedDateTime>=2024-01-01", "ab" },   /* b is 2024-01-01T00:30Z */
  { "publishedDateTime<2024-01-01", "c" },
  { "publishedDateTime>2024-01-01T00:00:00Z", "b" },
  { "publishedDateTime<=2023-06-01", "c" },
  { "publishedDateTime>2024-01-01T01:00:00+02:00", "ab" },
  { "publishedDateTime~2023", "bc" },
  /* lists and nested keys: any item */
  { "images.width=1280", "a" },
  { "images.width>1000", "a" },
  { "images.width<100", "" },
  { "related.images.width=300", "b" },
  { "related.title=other", "b" },
  /* has: */
  { "has:quality", "ab" },
  { "has:provider", "ab" },
  { "has:provider.name", "ab" },
  { "has:topics", "ab" },       /* c's empty list has nothing */
  { "has:empty", "" },          /* a null is absent */
  { "has:list", "" },
  { "has:images.width", "a" },
  { "has:nothing", "" },
  /* is: */
  { "is:problem", "c" },
  { "not is:problem", "ab" },
  { "is:read-only", "" },
  /* combinations and precedence: not > and > or */
  { "drones or vision", "abc" },
  { "drones and quality=7", "a" },
  { "drones quality=7", "a" },
  { "vision or drones quality=7", "ab" },
  { "(vision or drones) quality=7", "a" },
  { "not drones", "b" },
  { "not not drones", "ac" },
  { "not (drones or vision)", "" },
  { "not drones or vision", "b" },
  { "drones AND NOT is:problem", "a" },
  { "quality<50 OR quality>50", "ab" },
  { "((drones))", "ac" },
  /* keywords quoted are words */
  { "\"not\"", "c" },           /* a word: c's "Nothing" holds it */
};

static gboolean
test_record_matches (MhQuery    *query,
                     const char *text)
{
  g_autoptr(MhDocument) document = mh_document_new_from_data (text, strlen (text));
  MhQueryDocumentRecord record;
  gboolean matched;

  mh_query_document_record_init (&record, document);
  matched = mh_query_match (query, &record.record);
  mh_query_document_record_clear (&record);
  return matched;
}

static void
test_match_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      const MatchCase *c = &match_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(MhQuery) query = mh_query_parse (c->expr, &error);
      char got[4] = { 0 };
      guint n = 0;

      g_assert_no_error (error);
      g_assert_nonnull (query);
      for (guint r = 0; r < G_N_ELEMENTS (records); r++)
        if (test_record_matches (query, records[r]))
          got[n++] = (char) ('a' + r);
      if (g_strcmp0 (got, c->matches) != 0)
        g_error ("query ‹%s› matched “%s”, expected “%s”", c->expr, got, c->matches);
    }
}

typedef struct
{
  const char *expr;
  guint       column;
  const char *message;
} ErrorCase;

/* Every malformed case: a syntax error, its column (characters, 1-based)
 * and message. */
static const ErrorCase error_cases[] = {
  { "(", 2, "expected a term" },
  { "(drones", 1, "this “(” is never closed" },
  { "a (b or c", 3, "this “(” is never closed" },
  { ")", 1, "unexpected “)”" },
  { "drones)", 7, "unexpected “)”" },
  { "()", 2, "unexpected “)”" },
  { "and", 1, "unexpected “and”" },
  { "or drones", 1, "unexpected “or”" },
  { "drones and", 11, "expected a term after “and”" },
  { "drones or", 10, "expected a term after “or”" },
  { "drones or or x", 11, "expected a term after “or”, not “or”" },
  { "drones and or x", 12, "expected a term after “and”, not “or”" },
  { "not", 4, "expected a term after “not”" },
  { "not )", 5, "expected a term after “not”, not “)”" },
  { "\"open", 1, "this quote is never closed" },
  { "title=\"open", 7, "this quote is never closed" },
  { "=x", 1, "expected a key before “=”" },
  { "~x", 1, "expected a key before “~”" },
  { "title=", 7, "expected a value after “=”" },
  { "title!=", 8, "expected a value after “!=”" },
  { "quality>=", 10, "expected a value after “>=”" },
  { "title= x", 7, "expected a value after “=”" },
  { "wow!", 4, "expected “!=”" },
  { "title!x", 6, "expected “!=”" },
  { "quality<high", 9, "expected a number or a date after “<”, not “high”" },
  { "quality>inf", 9, "expected a number or a date after “>”, not “inf”" },
  { "publishedDateTime>2024-13-45", 19,
    "expected a number or a date after “>”, not “2024-13-45”" },
  { "topics[0]=ai", 7, "a query key has no list indices: “images.width” matches any image" },
  { "provider..name=x", 10, "a key step is empty here" },
  { ".title=x", 1, "a key step is empty here" },
  { "title.=x", 7, "a key step is empty here" },
  { "has:", 5, "expected a key after “has:”" },
  { "has:a..b", 7, "a key step is empty here" },
  { "is:", 4, "expected “is:problem” or “is:read-only”" },
  { "is:modified", 4, "expected “is:problem” or “is:read-only”" },
  /* columns count characters, not bytes */
  { "sécurité (", 11, "expected a term" },
  { "é\xff", 2, "the query is not valid UTF-8" },
};

static void
test_error_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autoptr(MhQuery) query = NULL;
      g_autoptr(MhQuery) query2 = NULL;
      g_autofree char *with_column = NULL;
      guint column = 0;

      query = mh_query_parse_full (c->expr, &column, &error);
      g_assert_null (query);
      g_assert_error (error, MH_QUERY_ERROR, MH_QUERY_ERROR_SYNTAX);
      if (column != c->column || strcmp (error->message, c->message) != 0)
        g_error ("query ‹%s›: column %u “%s”, expected column %u “%s”", c->expr, column,
                 error->message, c->column, c->message);

      query2 = mh_query_parse (c->expr, &error2);
      g_assert_null (query2);
      with_column = g_strdup_printf ("column %u: %s", c->column, c->message);
      g_assert_cmpstr (error2->message, ==, with_column);
    }
}

static void
test_nesting_cap (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) nots = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhQuery) query = NULL;
  guint column = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (deep, '(');
  query = mh_query_parse_full (deep->str, &column, &error);
  g_assert_null (query);
  g_assert_error (error, MH_QUERY_ERROR, MH_QUERY_ERROR_SYNTAX);
  g_assert_cmpuint (column, ==, 101);
  g_clear_error (&error);

  for (guint i = 0; i < 99; i++)
    g_string_append (nots, "not ");
  g_string_append (nots, "drones");
  query = mh_query_parse (nots->str, &error);
  g_assert_no_error (error);
  /* 99 times not: odd, so it matches what does not hold "drones" */
  g_assert_false (test_record_matches (query, records[0]));
  g_assert_true (test_record_matches (query, records[1]));
}

static void
test_plain_text (void)
{
  static const struct
  {
    const char *expr;
    gboolean    plain;
    gboolean    problems;
  } cases[] = {
    { "", TRUE, FALSE },
    { "drones", TRUE, FALSE },
    { "police drones", TRUE, FALSE },
    { "police and drones", TRUE, FALSE },
    { "\"police drones\"", FALSE, FALSE },
    { "police or drones", FALSE, FALSE },
    { "not drones", FALSE, FALSE },
    { "quality=7", FALSE, FALSE },
    { "has:title", FALSE, FALSE },
    { "is:problem", FALSE, TRUE },
    { "a or (b not is:problem)", FALSE, TRUE },
    { "is:read-only", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MhQuery) query = mh_query_parse (cases[i].expr, NULL);

      g_assert_nonnull (query);
      g_assert_cmpint (mh_query_is_plain_text (query), ==, cases[i].plain);
      g_assert_cmpint (mh_query_needs_problems (query), ==, cases[i].problems);
    }
}

/* The window's rows are not documents: a record of fixed values through
 * the vtable alone. */
typedef struct
{
  const char *quality;
  const char *text;
} Row;

static void
row_foreach_value (gpointer             user_data,
                   const char * const  *keys,
                   const char          *path,
                   MhQueryValueFunc     func,
                   gpointer             func_data)
{
  const Row *row = user_data;
  MhQueryValue value = { row->quality, strlen (row->quality), MH_SCALAR_INT, FALSE };

  g_assert_cmpstr (keys[0], ==, "quality");
  g_assert_null (keys[1]);
  g_assert_cmpstr (path, ==, "quality");
  func (&value, func_data);
}

static const char *
row_get_text (gpointer user_data)
{
  return ((const Row *) user_data)->text;
}

static gboolean
row_is_problem (gpointer user_data)
{
  (void) user_data;
  return TRUE;
}

static gboolean
row_is_readonly (gpointer user_data)
{
  (void) user_data;
  return FALSE;
}

static void
test_custom_record (void)
{
  static const MhQueryRecordClass klass = {
    row_foreach_value, row_get_text, row_is_problem, row_is_readonly,
  };
  Row row = { "10", "police\ndrones\n" };
  MhQueryRecord record = { &klass, &row };
  g_autoptr(MhQuery) query = mh_query_parse ("drones quality>=10 is:problem not is:read-only",
                                             NULL);

  g_assert_true (mh_query_match (query, &record));
  row.quality = "9";
  g_assert_false (mh_query_match (query, &record));
}

static void
test_read_only (void)
{
  static const char text[] = "---\ntitle: x\n\tbad: tab\n---\n";
  g_autoptr(MhQuery) query = mh_query_parse ("is:read-only", NULL);

  g_assert_true (test_record_matches (query, text));
  g_assert_false (test_record_matches (query, records[0]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/query/match", test_match_table);
  g_test_add_func ("/core/query/errors", test_error_table);
  g_test_add_func ("/core/query/nesting-cap", test_nesting_cap);
  g_test_add_func ("/core/query/plain-text", test_plain_text);
  g_test_add_func ("/core/query/custom-record", test_custom_record);
  g_test_add_func ("/core/query/read-only", test_read_only);

  return g_test_run ();
}
