/* test-schema.c: the schema table and the per-record rules the CLI and the model share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-schema.h"
#include "mh-validate.h"

static void
test_lookup (void)
{
  const MhField *fields;
  guint n_fields;
  const MhField *field;
  const char *columns[] = { "title", "provider.name", "publishedDateTime", "quality", "heat",
                            "topics", "published" };
  guint n_columns = 0;

  fields = mh_schema_get_fields (&n_fields);
  g_assert_cmpuint (n_fields, >, 30);

  field = mh_schema_lookup ("title");
  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, MH_FIELD_STRING);
  g_assert_true (field->flags & MH_FIELD_FLAG_REQUIRED);

  field = mh_schema_lookup ("quality");
  g_assert_cmpint (field->type, ==, MH_FIELD_INT);
  g_assert_cmpint (field->min, ==, 0);
  g_assert_cmpint (field->max, ==, 100);
  g_assert_cmpint (mh_field_scalar_type (field), ==, MH_SCALAR_INT);

  field = mh_schema_lookup ("heat");
  g_assert_cmpint (field->min, ==, -1);
  g_assert_cmpint (field->max, ==, G_MAXINT64);

  g_assert_cmpint (mh_schema_lookup ("published")->type, ==, MH_FIELD_BOOL);
  g_assert_cmpint (mh_field_scalar_type (mh_schema_lookup ("publishedDateTime")), ==,
                   MH_SCALAR_TIMESTAMP);
  g_assert_cmpint (mh_schema_lookup ("cdnAmpWebUrl")->type, ==, MH_FIELD_URL);
  g_assert_cmpint (mh_schema_lookup ("provider")->type, ==, MH_FIELD_MAPPING);
  g_assert_cmpint (mh_schema_lookup ("provider.domain")->type, ==, MH_FIELD_HOSTNAME);
  g_assert_cmpint (mh_schema_lookup ("topics")->type, ==, MH_FIELD_STRING_LIST);
  g_assert_cmpint (mh_schema_lookup ("images")->type, ==, MH_FIELD_MAPPING_LIST);
  g_assert_cmpint (mh_schema_lookup ("images[].isCached")->type, ==, MH_FIELD_BOOL);
  g_assert_cmpint (mh_schema_lookup ("related[].images[].width")->type, ==, MH_FIELD_INT);
  g_assert_cmpint (mh_schema_lookup ("related[].images[].width")->min, ==, 0);
  g_assert_cmpint (mh_schema_lookup ("related[].provider.domain")->type, ==,
                   MH_FIELD_HOSTNAME);
  g_assert_cmpint (mh_schema_lookup ("secured")->type, ==, MH_FIELD_OPAQUE);
  g_assert_true (mh_schema_lookup ("category")->flags & MH_FIELD_FLAG_SUGGESTED);
  g_assert_cmpint (mh_schema_lookup ("excerpt")->type, ==, MH_FIELD_TEXT);

  g_assert_null (mh_schema_lookup ("nothing"));
  g_assert_null (mh_schema_lookup ("related[].secured"));
  g_assert_null (mh_schema_lookup ("images.url"));

  for (guint i = 0; i < n_fields; i++)
    {
      /* Every row can be found by its path, and has a label. */
      g_assert_true (mh_schema_lookup (fields[i].path) == &fields[i]);
      g_assert_nonnull (fields[i].label);
      if (fields[i].flags & MH_FIELD_FLAG_LIST_COLUMN)
        {
          gboolean listed = FALSE;

          for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
            listed |= strcmp (columns[j], fields[i].path) == 0;
          g_assert_true (listed);
          n_columns++;
        }
    }
  g_assert_cmpuint (n_columns, ==, G_N_ELEMENTS (columns));
}

static void
test_parse (void)
{
  gint64 value = 0;
  GDateTime *dt;

  g_assert_true (mh_field_parse_int ("52", &value));
  g_assert_cmpint (value, ==, 52);
  g_assert_true (mh_field_parse_int ("-1", &value));
  g_assert_cmpint (value, ==, -1);
  g_assert_true (mh_field_parse_int ("0x1F", &value));
  g_assert_cmpint (value, ==, 31);
  g_assert_true (mh_field_parse_int ("0o17", &value));
  g_assert_cmpint (value, ==, 15);
  g_assert_false (mh_field_parse_int ("0x", NULL));
  g_assert_false (mh_field_parse_int ("0x0x1", NULL));
  g_assert_false (mh_field_parse_int ("0o8", NULL));
  g_assert_false (mh_field_parse_int ("0x-1", NULL));
  g_assert_false (mh_field_parse_int ("", NULL));
  g_assert_false (mh_field_parse_int ("1.5", NULL));
  g_assert_false (mh_field_parse_int (" 1", NULL));
  g_assert_false (mh_field_parse_int ("99999999999999999999", NULL));
  g_assert_true (mh_field_parse_int ("+5", &value));
  g_assert_cmpint (value, ==, 5);
  g_assert_true (mh_field_parse_int ("-9223372036854775808", &value));
  g_assert_cmpint (value, ==, G_MININT64);
  g_assert_true (mh_field_parse_int ("9223372036854775807", &value));
  g_assert_cmpint (value, ==, G_MAXINT64);
  g_assert_false (mh_field_parse_int ("9223372036854775808", NULL));
  g_assert_true (mh_field_parse_int ("0x7fffffffffffffff", &value));
  g_assert_cmpint (value, ==, G_MAXINT64);
  g_assert_false (mh_field_parse_int ("0x8000000000000000", NULL));
  g_assert_false (mh_field_parse_int ("-", NULL));
  g_assert_false (mh_field_parse_int ("-0x1", NULL));
  g_assert_false (mh_field_parse_int ("1 ", NULL));

  dt = mh_field_parse_datetime ("2021-04-09T12:58:00Z");
  g_assert_nonnull (dt);
  g_date_time_unref (dt);
  dt = mh_field_parse_datetime ("2021-04-09T12:58:00+02:00");
  g_assert_nonnull (dt);
  g_date_time_unref (dt);
  /* No zone: read as UTC. */
  dt = mh_field_parse_datetime ("2021-04-09T12:58:00");
  g_assert_nonnull (dt);
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
  g_date_time_unref (dt);
  g_assert_null (mh_field_parse_datetime ("2021-04-09"));
  g_assert_null (mh_field_parse_datetime ("yesterday"));
  g_assert_null (mh_field_parse_datetime ("2021-13-09T12:58:00Z"));
}

typedef struct
{
  const char *path;
  gsize       offset;
  MhSeverity  severity;
  const char *rule_id;
} Expected;

static void
assert_problems (const char     *text,
                 const Expected *expected,
                 guint           n_expected)
{
  g_autoptr(MhDocument) document = mh_document_new_from_data (text, strlen (text));
  g_autoptr(GPtrArray) problems = mh_validate_document (document);

  for (guint i = 0; i < problems->len; i++)
    {
      const MhProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%s @%" G_GSIZE_FORMAT " %s: %s", p->path, p->offset, p->rule_id,
                      p->message);
    }

  g_assert_cmpuint (problems->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const MhProblem *p = g_ptr_array_index (problems, i);

      g_assert_cmpstr (p->path, ==, expected[i].path);
      g_assert_cmpuint (p->offset, ==, expected[i].offset);
      g_assert_cmpint (p->severity, ==, expected[i].severity);
      g_assert_cmpstr (p->rule_id, ==, expected[i].rule_id);
      g_assert_nonnull (p->message);
    }
}

static void
test_validate_clean (void)
{
  assert_problems ("---\n"
                   "title: T\n"
                   "quality: 0\n"
                   "heat: -1\n"
                   "published: true\n"
                   "publishedDateTime: 2021-04-09T12:58:00Z\n"
                   "webUrl: http://example.com\n"
                   "provider: {name: P, domain: xn--caf-dma.example}\n"
                   "topics: [a, b]\n"
                   "images: [{url: 'https://e.com/i', width: 0, height: 10, isCached: false}]\n"
                   "related: []\n"
                   "unknown: {anything: [1, 2]}\n"
                   "secured: whatever\n"
                   "---\n",
                   NULL, 0);
  /* Nulls are absent values, not wrong types. */
  assert_problems ("---\ntitle: T\nquality:\npublished: ~\ntopics:\nprovider:\n---\n", NULL, 0);
}

static void
test_validate_rules (void)
{
  const char *text =
    "---\n"
    "quality: \"52\"\n"
    "heat: 1.5\n"
    "topics: a\n"
    "provider: [x]\n"
    "images:\n"
    "  - 5\n"
    "  - {width: x}\n"
    "related:\n"
    "  - provider: {domain: -bad-}\n"
    "    publishedDateTime: 2021-02-30T00:00:00Z\n"
    "---\n";
  /* Offsets of the values: a missing title points at the block. */
  const Expected expected[] = {
    { "title", 4, MH_SEVERITY_ERROR, "required" },
    { "quality", 13, MH_SEVERITY_ERROR, "type" },
    { "heat", 24, MH_SEVERITY_ERROR, "type" },
    { "topics", 36, MH_SEVERITY_ERROR, "type" },
    { "provider", 48, MH_SEVERITY_ERROR, "type" },
    { "images[0]", 64, MH_SEVERITY_ERROR, "type" },
    { "images[1].width", 78, MH_SEVERITY_ERROR, "type" },
    { "related[0].provider.domain", 113, MH_SEVERITY_WARNING, "hostname" },
    { "related[0].publishedDateTime", 143, MH_SEVERITY_ERROR, "datetime" },
  };

  assert_problems (text, expected, G_N_ELEMENTS (expected));
}

static void
test_validate_aliases (void)
{
  /* A merge provides the title; an alias's value is checked as read. */
  const char *text =
    "---\n"
    "base: &b {title: From merge}\n"
    "<<: *b\n"
    "q: &q 500\n"
    "quality: *q\n"
    "---\n";
  g_autoptr(MhDocument) document = mh_document_new_from_data (text, strlen (text));
  g_autoptr(GPtrArray) problems = mh_validate_document (document);
  const MhProblem *p;

  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->path, ==, "quality");
  g_assert_cmpstr (p->rule_id, ==, "range");
  g_assert_cmpstr (p->message, ==, "quality must be between 0 and 100, not 500");
}

static void
test_validate_no_block (void)
{
  const Expected missing[] = { { "title", 0, MH_SEVERITY_ERROR, "required" } };
  const Expected missing_bom[] = { { "title", 3, MH_SEVERITY_ERROR, "required" } };

  assert_problems ("Just a body\n", missing, 1);
  assert_problems ("\xef\xbb\xbfJust a body\n", missing_bom, 1);
  assert_problems ("---\n---\n", missing, 1);
  /* A root that is not a mapping is the CLI's `yaml` error, not more. */
  assert_problems ("---\n- a\n---\n", NULL, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/lookup", test_lookup);
  g_test_add_func ("/schema/parse", test_parse);
  g_test_add_func ("/validate/clean", test_validate_clean);
  g_test_add_func ("/validate/rules", test_validate_rules);
  g_test_add_func ("/validate/aliases", test_validate_aliases);
  g_test_add_func ("/validate/no-block", test_validate_no_block);

  return g_test_run ();
}
