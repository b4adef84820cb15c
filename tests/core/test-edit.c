/* test-edit.c: the nasty cases of lossless editing, each with its exact expected bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected outputs follow DESIGN §1 promise 2 and §2 "The document engine":
 * they are the spec. Where two spellings are equally right (single or double
 * quotes for a value the old plain style cannot hold) a case lists both.
 */
#include <string.h>

#include <glib.h>

#include "mh-document.h"

/* Helpers ---------------------------------------------------------------- */

static char *
escape_bytes (const char *data,
              gsize       len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = data[i];

      if (c == '\n')
        g_string_append (s, "\\n");
      else if (c == '\r')
        g_string_append (s, "\\r");
      else if (c == '\t')
        g_string_append (s, "\\t");
      else if (c == '\\')
        g_string_append (s, "\\\\");
      else if (c == '"')
        g_string_append (s, "\\\"");
      else if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (s, "\\x%02X", c);
      else
        g_string_append_c (s, c);
    }

  return g_string_free (s, FALSE);
}

static MhDocument *
doc_new (const char *text)
{
  return mh_document_new_from_data (text, strlen (text));
}

static MhDocument *
doc_new_len (const char *text,
             gsize       len)
{
  return mh_document_new_from_data (text, len);
}

static gboolean
bytes_are (MhDocument *doc,
           const char *expected,
           gsize       expected_len)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (mh_document_get_bytes (doc), &len);

  return len == expected_len && (len == 0 || memcmp (data, expected, len) == 0);
}

/* Asserts the document's bytes are @expected (or @alt when not NULL). */
static void
assert_bytes_len (MhDocument *doc,
                  const char *expected,
                  gsize       expected_len,
                  const char *alt)
{
  gsize len = 0;
  const char *data;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  if (bytes_are (doc, expected, expected_len))
    return;
  if (alt != NULL && bytes_are (doc, alt, strlen (alt)))
    return;

  data = g_bytes_get_data (mh_document_get_bytes (doc), &len);
  got = escape_bytes (data, len);
  want = escape_bytes (expected, expected_len);
  if (alt != NULL)
    {
      g_autofree char *alt_esc = escape_bytes (alt, strlen (alt));
      g_test_message ("also acceptable: \"%s\"", alt_esc);
    }
  g_assert_cmpstr (got, ==, want);
}

static void
assert_bytes (MhDocument *doc,
              const char *expected,
              const char *alt)
{
  assert_bytes_len (doc, expected, strlen (expected), alt);
}

static void
assert_editable (MhDocument *doc)
{
  const char *reason = mh_document_get_readonly_reason (doc, NULL);

  if (reason != NULL)
    g_test_message ("unexpected read-only reason: %s", reason);
  g_assert_null (reason);
}

/* The new bytes must open editable and hold the same data as @doc. */
static void
assert_reparses (MhDocument *doc)
{
  g_autoptr(MhDocument) fresh = mh_document_new (mh_document_get_bytes (doc));
  MhNode *a = mh_document_get_root (doc);
  MhNode *b = mh_document_get_root (fresh);

  assert_editable (fresh);
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == NULL || mh_node_get_n_items (a) == 0);
      g_assert_true (b == NULL || mh_node_get_n_items (b) == 0);
      return;
    }
  if (!mh_node_equal (a, b))
    {
      g_autofree char *ja = mh_node_to_json (a);
      g_autofree char *jb = mh_node_to_json (b);

      g_assert_cmpstr (ja, ==, jb);
    }
}

static MhEdit *
edit_set (const char *path,
          const char *value)
{
  return mh_edit_new (MH_EDIT_SET, path, mh_node_new_scalar (value, MH_SCALAR_STRING));
}

static MhEdit *
edit_set_typed (const char   *path,
                const char   *value,
                MhScalarType  type)
{
  return mh_edit_new (MH_EDIT_SET, path, mh_node_new_scalar (value, type));
}

static MhEdit *
edit_delete (const char *path)
{
  return mh_edit_new (MH_EDIT_DELETE, path, NULL);
}

static gboolean
apply_ok (MhDocument *doc,
          MhEdit     *edit_owned)
{
  g_autoptr(MhEdit) edit = edit_owned;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = mh_document_apply (doc, edit, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return ok;
}

/* The edit is refused with @code (or any code when -1) and nothing changes. */
static void
apply_refused (MhDocument *doc,
               MhEdit     *edit_owned,
               int         code)
{
  g_autoptr(MhEdit) edit = edit_owned;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = g_bytes_ref (mh_document_get_bytes (doc));
  gboolean was_modified = mh_document_is_modified (doc);
  gboolean ok;

  ok = mh_document_apply (doc, edit, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  if (error != NULL)
    {
      g_assert_true (error->domain == MH_DOCUMENT_ERROR);
      if (code >= 0)
        g_assert_cmpint (error->code, ==, code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
  g_assert_true (g_bytes_equal (before, mh_document_get_bytes (doc)));
  g_assert_cmpint (!!was_modified, ==, !!mh_document_is_modified (doc));
}

static void
assert_lookup (MhDocument *doc,
               const char *path,
               const char *value)
{
  g_autoptr(GError) error = NULL;
  MhNode *node = mh_document_lookup (doc, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  if (node == NULL)
    return;
  g_assert_cmpint (node->kind, ==, MH_NODE_SCALAR);
  g_assert_cmpstr (node->value, ==, value);
}

/* Table-driven single edits -------------------------------------------- */

typedef struct
{
  const char  *name;
  const char  *input;
  MhEditVerb   verb;
  const char  *path;
  const char  *value;     /* SET, APPEND: a scalar */
  int          type1;     /* MhScalarType + 1; 0: a string */
  const char  *expected;  /* NULL: refused, nothing changes */
  const char  *alt;       /* another acceptable output */
  guint        from;      /* MOVE */
  guint        to;
  MhNode     *(*make_value) (void);  /* APPEND, INSERT: a tree */
  int          error1;    /* refused: MhDocumentError + 1; 0: any */
} EditCase;

#define T(t) ((t) + 1)
#define E(e) ((e) + 1)

static MhNode *
make_name_hr_mapping (void)
{
  MhNode *m = mh_node_new_mapping ();

  mh_node_mapping_append (m, "name", mh_node_new_scalar ("d", MH_SCALAR_STRING));
  mh_node_mapping_append (m, "hr", mh_node_new_scalar ("4", MH_SCALAR_INT));
  return m;
}

static MhNode *
make_ab_sequence (void)
{
  MhNode *l = mh_node_new_sequence ();

  mh_node_sequence_append (l, mh_node_new_scalar ("a", MH_SCALAR_STRING));
  mh_node_sequence_append (l, mh_node_new_scalar ("b", MH_SCALAR_STRING));
  return l;
}

#define FM(x) "---\n" x "---\n"

static const EditCase edit_cases[] = {
  /* Setting an empty `key:`: what YAML 1.1 or 1.2 reads as a non-string is quoted. */
  { "set-empty/x", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "x", 0, FM ("key: x\nz: 1\n") },
  { "set-empty/empty-string", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "", 0,
    FM ("key: ''\nz: 1\n"), FM ("key: \"\"\nz: 1\n") },
  { "set-empty/yes", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "yes", 0,
    FM ("key: 'yes'\nz: 1\n"), FM ("key: \"yes\"\nz: 1\n") },
  { "set-empty/no", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "no", 0,
    FM ("key: 'no'\nz: 1\n"), FM ("key: \"no\"\nz: 1\n") },
  { "set-empty/on", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "on", 0,
    FM ("key: 'on'\nz: 1\n"), FM ("key: \"on\"\nz: 1\n") },
  { "set-empty/Off", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "Off", 0,
    FM ("key: 'Off'\nz: 1\n"), FM ("key: \"Off\"\nz: 1\n") },
  { "set-empty/y", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "y", 0,
    FM ("key: 'y'\nz: 1\n"), FM ("key: \"y\"\nz: 1\n") },
  { "set-empty/N", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "N", 0,
    FM ("key: 'N'\nz: 1\n"), FM ("key: \"N\"\nz: 1\n") },
  { "set-empty/true", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "true", 0,
    FM ("key: 'true'\nz: 1\n"), FM ("key: \"true\"\nz: 1\n") },
  { "set-empty/123", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "123", 0,
    FM ("key: '123'\nz: 1\n"), FM ("key: \"123\"\nz: 1\n") },
  { "set-empty/-17", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "-17", 0,
    FM ("key: '-17'\nz: 1\n"), FM ("key: \"-17\"\nz: 1\n") },
  { "set-empty/1.5", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "1.5", 0,
    FM ("key: '1.5'\nz: 1\n"), FM ("key: \"1.5\"\nz: 1\n") },
  { "set-empty/0x1F", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "0x1F", 0,
    FM ("key: '0x1F'\nz: 1\n"), FM ("key: \"0x1F\"\nz: 1\n") },
  { "set-empty/0o17", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "0o17", 0,
    FM ("key: '0o17'\nz: 1\n"), FM ("key: \"0o17\"\nz: 1\n") },
  { "set-empty/017", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "017", 0,
    FM ("key: '017'\nz: 1\n"), FM ("key: \"017\"\nz: 1\n") },
  { "set-empty/1e3", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "1e3", 0,
    FM ("key: '1e3'\nz: 1\n"), FM ("key: \"1e3\"\nz: 1\n") },
  { "set-empty/.inf", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", ".inf", 0,
    FM ("key: '.inf'\nz: 1\n"), FM ("key: \".inf\"\nz: 1\n") },
  { "set-empty/.NaN", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", ".NaN", 0,
    FM ("key: '.NaN'\nz: 1\n"), FM ("key: \".NaN\"\nz: 1\n") },
  { "set-empty/1_000", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "1_000", 0,
    FM ("key: '1_000'\nz: 1\n"), FM ("key: \"1_000\"\nz: 1\n") },
  { "set-empty/sexagesimal", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "12:30", 0,
    FM ("key: '12:30'\nz: 1\n"), FM ("key: \"12:30\"\nz: 1\n") },
  { "set-empty/date", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "2024-01-01", 0,
    FM ("key: '2024-01-01'\nz: 1\n"), FM ("key: \"2024-01-01\"\nz: 1\n") },
  { "set-empty/datetime", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "2024-01-01T10:00:00Z", 0,
    FM ("key: '2024-01-01T10:00:00Z'\nz: 1\n"), FM ("key: \"2024-01-01T10:00:00Z\"\nz: 1\n") },
  { "set-empty/tilde", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "~", 0,
    FM ("key: '~'\nz: 1\n"), FM ("key: \"~\"\nz: 1\n") },
  { "set-empty/null", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "null", 0,
    FM ("key: 'null'\nz: 1\n"), FM ("key: \"null\"\nz: 1\n") },
  { "set-empty/NULL", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "NULL", 0,
    FM ("key: 'NULL'\nz: 1\n"), FM ("key: \"NULL\"\nz: 1\n") },
  /* ... and what no YAML reads as anything but a string stays plain */
  { "set-empty/plain-words", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "hello world", 0,
    FM ("key: hello world\nz: 1\n") },
  { "set-empty/yesterday", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "yesterday", 0,
    FM ("key: yesterday\nz: 1\n") },
  { "set-empty/no-way", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "no way", 0,
    FM ("key: no way\nz: 1\n") },
  { "set-empty/1a", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "1a", 0,
    FM ("key: 1a\nz: 1\n") },
  { "set-empty/on-site", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "on-site", 0,
    FM ("key: on-site\nz: 1\n") },
  { "set-empty/int-typed", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "123", T (MH_SCALAR_INT),
    FM ("key: 123\nz: 1\n") },
  { "set-empty/bool-typed", FM ("key:\nz: 1\n"), MH_EDIT_SET, "key", "true", T (MH_SCALAR_BOOL),
    FM ("key: true\nz: 1\n") },

  /* Values with indicators, comments, quotes and odd whitespace */
  { "set-special/colon-space", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "a: b", 0,
    FM ("key: 'a: b'\nz: 1\n"), FM ("key: \"a: b\"\nz: 1\n") },
  { "set-special/colon-inside", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "a:b", 0,
    FM ("key: a:b\nz: 1\n"), FM ("key: 'a:b'\nz: 1\n") },
  { "set-special/url", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "https://e.org/a?b=c#d", 0,
    FM ("key: https://e.org/a?b=c#d\nz: 1\n"), FM ("key: 'https://e.org/a?b=c#d'\nz: 1\n") },
  { "set-special/space-hash", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "a #b", 0,
    FM ("key: 'a #b'\nz: 1\n"), FM ("key: \"a #b\"\nz: 1\n") },
  { "set-special/hash-first", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "#b", 0,
    FM ("key: '#b'\nz: 1\n"), FM ("key: \"#b\"\nz: 1\n") },
  { "set-special/dash", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "-", 0,
    FM ("key: '-'\nz: 1\n"), FM ("key: \"-\"\nz: 1\n") },
  { "set-special/dash-space", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "- item", 0,
    FM ("key: '- item'\nz: 1\n"), FM ("key: \"- item\"\nz: 1\n") },
  { "set-special/dash-word", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "-x", 0,
    FM ("key: -x\nz: 1\n"), FM ("key: '-x'\nz: 1\n") },
  { "set-special/star", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "*star", 0,
    FM ("key: '*star'\nz: 1\n"), FM ("key: \"*star\"\nz: 1\n") },
  { "set-special/ampersand", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "&amp", 0,
    FM ("key: '&amp'\nz: 1\n"), FM ("key: \"&amp\"\nz: 1\n") },
  { "set-special/bang", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "!bang", 0,
    FM ("key: '!bang'\nz: 1\n"), FM ("key: \"!bang\"\nz: 1\n") },
  { "set-special/percent", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "%pct", 0,
    FM ("key: '%pct'\nz: 1\n"), FM ("key: \"%pct\"\nz: 1\n") },
  { "set-special/at", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "@at", 0,
    FM ("key: '@at'\nz: 1\n"), FM ("key: \"@at\"\nz: 1\n") },
  { "set-special/backtick", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "`tick", 0,
    FM ("key: '`tick'\nz: 1\n"), FM ("key: \"`tick\"\nz: 1\n") },
  { "set-special/single-quote", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "'sq", 0,
    FM ("key: '''sq'\nz: 1\n"), FM ("key: \"'sq\"\nz: 1\n") },
  { "set-special/double-quote", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "\"dq", 0,
    FM ("key: '\"dq'\nz: 1\n"), FM ("key: \"\\\"dq\"\nz: 1\n") },
  { "set-special/brackets", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "[x]", 0,
    FM ("key: '[x]'\nz: 1\n"), FM ("key: \"[x]\"\nz: 1\n") },
  { "set-special/braces", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "{x}", 0,
    FM ("key: '{x}'\nz: 1\n"), FM ("key: \"{x}\"\nz: 1\n") },
  { "set-special/question", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "? q", 0,
    FM ("key: '? q'\nz: 1\n"), FM ("key: \"? q\"\nz: 1\n") },
  { "set-special/pipe", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "|", 0,
    FM ("key: '|'\nz: 1\n"), FM ("key: \"|\"\nz: 1\n") },
  { "set-special/greater", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", ">", 0,
    FM ("key: '>'\nz: 1\n"), FM ("key: \">\"\nz: 1\n") },
  { "set-special/comma", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "a, b", 0,
    FM ("key: a, b\nz: 1\n"), FM ("key: 'a, b'\nz: 1\n") },
  { "set-special/trailing-space", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "trailing ", 0,
    FM ("key: 'trailing '\nz: 1\n"), FM ("key: \"trailing \"\nz: 1\n") },
  { "set-special/leading-space", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", " leading", 0,
    FM ("key: ' leading'\nz: 1\n"), FM ("key: \" leading\"\nz: 1\n") },
  { "set-special/tab", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "tab\there", 0,
    FM ("key: \"tab\\there\"\nz: 1\n"), FM ("key: 'tab\there'\nz: 1\n") },
  { "set-special/backslash", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "C:\\dir", 0,
    FM ("key: C:\\dir\nz: 1\n"), FM ("key: 'C:\\dir'\nz: 1\n") },
  { "set-special/non-ascii", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "Café € 日本", 0,
    FM ("key: Café € 日本\nz: 1\n") },

  /* The old quoting style is kept where it can hold the value */
  { "style/double-kept", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key: \"new\"\nz: 1\n") },
  { "style/single-kept", FM ("key: 'old'\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key: 'new'\nz: 1\n") },
  { "style/single-apostrophe", FM ("key: 'old'\nz: 1\n"), MH_EDIT_SET, "key", "it's", 0,
    FM ("key: 'it''s'\nz: 1\n") },
  { "style/double-apostrophe", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "it's", 0,
    FM ("key: \"it's\"\nz: 1\n") },
  { "style/double-yes", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "yes", 0,
    FM ("key: \"yes\"\nz: 1\n") },
  { "style/double-empty", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "", 0,
    FM ("key: \"\"\nz: 1\n") },
  { "style/single-number", FM ("key: 'old'\nz: 1\n"), MH_EDIT_SET, "key", "123", 0,
    FM ("key: '123'\nz: 1\n") },
  { "style/double-quote-inside", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "a\"b", 0,
    FM ("key: \"a\\\"b\"\nz: 1\n") },
  { "style/double-non-ascii", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "Café €", 0,
    FM ("key: \"Café €\"\nz: 1\n") },
  { "style/double-newline", FM ("key: \"old\"\nz: 1\n"), MH_EDIT_SET, "key", "a\nb", 0,
    FM ("key: \"a\\nb\"\nz: 1\n") },
  { "style/single-tab", FM ("key: 'old'\nz: 1\n"), MH_EDIT_SET, "key", "a\tb", 0,
    FM ("key: \"a\\tb\"\nz: 1\n"), FM ("key: 'a\tb'\nz: 1\n") },
  { "style/plain-to-plain", FM ("key: old\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key: new\nz: 1\n") },
  { "style/literal-kept", FM ("key: |\n  old\nz: 1\n"), MH_EDIT_SET, "key", "new\nline\n", 0,
    FM ("key: |\n  new\n  line\nz: 1\n") },
  { "style/literal-4-spaces", FM ("key: |\n    old\nz: 1\n"), MH_EDIT_SET, "key", "a\nb\n", 0,
    FM ("key: |\n    a\n    b\nz: 1\n") },
  { "style/folded-kept", FM ("key: >\n  old\nz: 1\n"), MH_EDIT_SET, "key", "new text\n", 0,
    FM ("key: >\n  new text\nz: 1\n") },
  { "style/anchor-kept", FM ("k: &a v\nc: 1\n"), MH_EDIT_SET, "k", "w", 0,
    FM ("k: &a w\nc: 1\n") },
  { "style/int-typed", FM ("quality: 52\n"), MH_EDIT_SET, "quality", "60", T (MH_SCALAR_INT),
    FM ("quality: 60\n") },
  { "style/bool-typed", FM ("published: false\n"), MH_EDIT_SET, "published", "true",
    T (MH_SCALAR_BOOL), FM ("published: true\n") },
  { "style/timestamp-typed", FM ("d: 2021-04-09T12:58:00Z\n"), MH_EDIT_SET, "d",
    "2022-01-01T00:00:00Z", T (MH_SCALAR_TIMESTAMP), FM ("d: 2022-01-01T00:00:00Z\n") },
  { "style/timestamp-as-string", FM ("d: old\n"), MH_EDIT_SET, "d",
    "2022-01-01T00:00:00Z", 0, FM ("d: '2022-01-01T00:00:00Z'\n"),
    FM ("d: \"2022-01-01T00:00:00Z\"\n") },

  /* What sits around a value stays */
  { "around/trailing-comment", FM ("key: old # note\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key: new # note\nz: 1\n") },
  { "around/tab-value-tab-comment", FM ("key:\tvalue\t# c\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key:\tnew\t# c\nz: 1\n") },
  { "around/comment-then-value", FM ("key: # c\n  value\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key: # c\n  new\nz: 1\n") },
  { "around/trailing-spaces", FM ("key: old   \nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key: new   \nz: 1\n") },
  { "around/multi-line-plain", FM ("a: one\n  two\n  three\nb: 1\n"), MH_EDIT_SET, "a", "x", 0,
    FM ("a: x\nb: 1\n") },
  { "around/multi-line-double", FM ("a: \"one\n  two\"\nb: 1\n"), MH_EDIT_SET, "a", "x", 0,
    FM ("a: \"x\"\nb: 1\n") },
  { "around/non-ascii-before", FM ("title: Café €\nb: 1\n"), MH_EDIT_SET, "b", "two", 0,
    FM ("title: Café €\nb: two\n") },
  { "around/non-ascii-insert", FM ("title: Café €\nb: 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("title: Café €\nb: 1\nnew: x\n") },
  { "around/non-ascii-self", FM ("title: Café €\nb: 1\n"), MH_EDIT_SET, "title", "Crème brûlée", 0,
    FM ("title: Crème brûlée\nb: 1\n") },
  { "around/u2028-before", FM ("a: \"x\xE2\x80\xA8y\"\nb: 1\n"), MH_EDIT_SET, "b", "two", 0,
    FM ("a: \"x\xE2\x80\xA8y\"\nb: two\n") },
  { "around/emoji-before", FM ("a: \"\xF0\x9F\x98\x80 x\"\nb: 1\n"), MH_EDIT_SET, "b", "two", 0,
    FM ("a: \"\xF0\x9F\x98\x80 x\"\nb: two\n") },
  { "around/opening-trailing-space", "--- \na: 1\n---\n", MH_EDIT_SET, "a", "x", 0,
    "--- \na: x\n---\n" },
  { "around/closing-dots", "---\na: 1\n...\nbody\n", MH_EDIT_SET, "a", "x", 0,
    "---\na: x\n...\nbody\n" },
  { "around/body-rules", "---\na: 1\n---\nbody\n---\nmore\n---\n", MH_EDIT_SET, "a", "x", 0,
    "---\na: x\n---\nbody\n---\nmore\n---\n" },
  { "around/quoted-key", FM ("\"a b\": 1\nc: 2\n"), MH_EDIT_SET, "a b", "x", 0,
    FM ("\"a b\": x\nc: 2\n") },
  { "around/single-quoted-key", FM ("'k': 1\nc: 2\n"), MH_EDIT_SET, "k", "x", 0,
    FM ("'k': x\nc: 2\n") },
  { "around/explicit-key", FM ("? a\n: 1\nb: 2\n"), MH_EDIT_SET, "a", "x", 0,
    FM ("? a\n: x\nb: 2\n") },
  { "around/after-explicit-key", FM ("? a\n: 1\nb: 2\n"), MH_EDIT_SET, "b", "x", 0,
    FM ("? a\n: 1\nb: x\n") },
  { "around/crlf-set", "---\r\na: 1\r\nb: 2\r\n---\r\n", MH_EDIT_SET, "a", "x", 0,
    "---\r\na: x\r\nb: 2\r\n---\r\n" },
  { "around/bom-crlf-set", "\xEF\xBB\xBF---\r\ntitle: Hello  \r\nb: 1\r\n---\r\nbody",
    MH_EDIT_SET, "title", "World", 0,
    "\xEF\xBB\xBF---\r\ntitle: World  \r\nb: 1\r\n---\r\nbody" },

  /* Inserting keys: after the last entry's value, before trailing blank lines and comments */
  { "insert/simple", FM ("a: 1\n"), MH_EDIT_SET, "new", "x", 0, FM ("a: 1\nnew: x\n") },
  { "insert/before-trailing-comments", FM ("a: 1\n\n# trailing\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: 1\nnew: x\n\n# trailing\n") },
  { "insert/before-trailing-blank", FM ("a: 1\n\n\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: 1\nnew: x\n\n\n") },
  { "insert/yaml11-bool-key", FM ("a: 1\n"), MH_EDIT_SET, "n", "x", 0, FM ("a: 1\n'n': x\n"),
    FM ("a: 1\n\"n\": x\n") },
  { "insert/number-key", FM ("a: 1\n"), MH_EDIT_SET, "12", "x", 0, FM ("a: 1\n'12': x\n"),
    FM ("a: 1\n\"12\": x\n") },
  { "insert/empty-block", "---\n---\n", MH_EDIT_SET, "new", "x", 0, "---\nnew: x\n---\n" },
  { "insert/empty-block-eof", "---\n---", MH_EDIT_SET, "new", "x", 0, "---\nnew: x\n---" },
  { "insert/empty-block-body", "---\n---\nbody\n", MH_EDIT_SET, "new", "x", 0,
    "---\nnew: x\n---\nbody\n" },
  { "insert/comment-only", FM ("# c1\n# c2\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("new: x\n# c1\n# c2\n") },
  { "insert/blank-only", FM ("\n"), MH_EDIT_SET, "new", "x", 0, FM ("new: x\n\n") },
  { "insert/comment-only-crlf", "---\r\n# c\r\n---\r\n", MH_EDIT_SET, "new", "x", 0,
    "---\r\nnew: x\r\n# c\r\n---\r\n" },
  { "insert/after-literal", FM ("a: |\n  text\n\n# c\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: |\n  text\nnew: x\n\n# c\n") },
  { "insert/after-literal-then-key", FM ("a: |\n  text\n\n# c\nb: 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: |\n  text\n\n# c\nb: 1\nnew: x\n") },
  { "insert/after-keep-before-close", "---\na: |+\n  text\n\n---\nbody\n", MH_EDIT_SET,
    "new", "x", 0, "---\na: |+\n  text\n\nnew: x\n---\nbody\n" },
  { "insert/after-keep-no-blank", FM ("a: |+\n  text\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: |+\n  text\nnew: x\n") },
  { "insert/after-strip", FM ("a: |-\n  text\n\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: |-\n  text\nnew: x\n\n") },
  { "insert/after-nested", FM ("a:\n  b: 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a:\n  b: 1\nnew: x\n") },
  { "insert/after-dash-list", FM ("a:\n- 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a:\n- 1\nnew: x\n") },
  { "insert/indented-root", FM ("  a: 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("  a: 1\n  new: x\n") },
  { "insert/closing-dots", "---\na: 1\n...\nbody\n", MH_EDIT_SET, "new", "x", 0,
    "---\na: 1\nnew: x\n...\nbody\n" },
  { "insert/eof-after-close", "---\na: 1\n---", MH_EDIT_SET, "new", "x", 0,
    "---\na: 1\nnew: x\n---" },
  { "insert/body-rules", "---\na: 1\n---\nbody\n---\nmore\n---\n", MH_EDIT_SET, "new", "x", 0,
    "---\na: 1\nnew: x\n---\nbody\n---\nmore\n---\n" },
  { "insert/flow-root", FM ("{a: 1}\n"), MH_EDIT_SET, "new", "x", 0, FM ("{a: 1, new: x}\n") },
  { "insert/nested", FM ("p:\n  a: 1\nz: 2\n"), MH_EDIT_SET, "p.b", "x", 0,
    FM ("p:\n  a: 1\n  b: x\nz: 2\n") },
  { "insert/nested-4-spaces", FM ("p:\n    a: 1\n"), MH_EDIT_SET, "p.b", "x", 0,
    FM ("p:\n    a: 1\n    b: x\n") },
  { "insert/crlf", "---\r\na: 1\r\n---\r\n", MH_EDIT_SET, "new", "x", 0,
    "---\r\na: 1\r\nnew: x\r\n---\r\n" },
  { "insert/bom-crlf-no-final-newline",
    "\xEF\xBB\xBF---\r\ntitle: Hello  \r\nlist:\r\n  - x\r\n---\r\nbody", MH_EDIT_SET,
    "new", "x", 0,
    "\xEF\xBB\xBF---\r\ntitle: Hello  \r\nlist:\r\n  - x\r\nnew: x\r\n---\r\nbody" },
  { "insert/bom-crlf-parents",
    "\xEF\xBB\xBF---\r\ntitle: Hello  \r\n---\r\nbody", MH_EDIT_SET, "p.a", "x", 0,
    "\xEF\xBB\xBF---\r\ntitle: Hello  \r\np:\r\n  a: x\r\n---\r\nbody" },
  { "insert/after-explicit-key-next-line", FM ("?\n  b\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("?\n  b\nnew: x\n") },
  { "insert/after-explicit-key-next-line-value", FM ("?\n  b\n: 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("?\n  b\n: 1\nnew: x\n") },
  { "insert/after-explicit-key-comment-next-line", FM ("? # c\n  x\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("? # c\n  x\nnew: x\n") },
  { "insert/after-explicit-tag-only-key", FM ("? # c\n !\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("? # c\n !\nnew: x\n") },
  { "insert/after-explicit-key", FM ("b: 2\n? a\n: 1\n"), MH_EDIT_SET, "new", "x", 0,
    FM ("b: 2\n? a\n: 1\nnew: x\n") },

  /* Missing parents */
  { "parents/absent", FM ("title: t\n"), MH_EDIT_SET, "params.author.name", "x", 0,
    FM ("title: t\nparams:\n  author:\n    name: x\n") },
  { "parents/null", FM ("params:\ntitle: t\n"), MH_EDIT_SET, "params.author.name", "x", 0,
    FM ("params:\n  author:\n    name: x\ntitle: t\n") },
  { "parents/tilde", FM ("params: ~\ntitle: t\n"), MH_EDIT_SET, "params.author.name", "x", 0,
    FM ("params:\n  author:\n    name: x\ntitle: t\n") },
  { "parents/empty-flow", FM ("params: {}\ntitle: t\n"), MH_EDIT_SET, "params.author.name", "x", 0,
    FM ("params: {author: {name: x}}\ntitle: t\n") },
  { "parents/existing", FM ("params:\n  other: 1\n"), MH_EDIT_SET, "params.author.name", "x", 0,
    FM ("params:\n  other: 1\n  author:\n    name: x\n") },
  { "parents/through-scalar", FM ("params: 3\n"), MH_EDIT_SET, "params.author.name", "x", 0,
    NULL, .error1 = E (MH_DOCUMENT_ERROR_NOT_SCALAR) },
  { "parents/through-list", FM ("params:\n  - a\n"), MH_EDIT_SET, "params.author", "x", 0,
    NULL },
  { "parents/no-list-items", FM ("k: [a]\n"), MH_EDIT_SET, "k[3]", "x", 0,
    NULL, .error1 = E (MH_DOCUMENT_ERROR_INDEX) },

  /* Records without front matter: the first SET adds a block */
  { "no-fm/body", "Hello body\n", MH_EDIT_SET, "title", "x", 0,
    "---\ntitle: x\n---\nHello body\n" },
  { "no-fm/empty", "", MH_EDIT_SET, "title", "x", 0, "---\ntitle: x\n---\n" },
  { "no-fm/crlf", "Hello\r\nworld\r\n", MH_EDIT_SET, "title", "x", 0,
    "---\r\ntitle: x\r\n---\r\nHello\r\nworld\r\n" },
  { "no-fm/bom", "\xEF\xBB\xBFHello\n", MH_EDIT_SET, "title", "x", 0,
    "\xEF\xBB\xBF---\ntitle: x\n---\nHello\n" },
  { "no-fm/four-dashes", "----\na: 1\n----\n", MH_EDIT_SET, "title", "x", 0,
    "---\ntitle: x\n---\n----\na: 1\n----\n" },
  { "no-fm/delete", "Hello\n", MH_EDIT_DELETE, "title", NULL, 0, NULL,
    .error1 = E (MH_DOCUMENT_ERROR_NOT_FOUND) },

  { "no-fm/bom-crlf", "\xEF\xBB\xBFHello\r\n", MH_EDIT_SET, "title", "x", 0,
    "\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nHello\r\n" },
  { "no-fm/parents", "", MH_EDIT_SET, "p.q", "x", 0, "---\np:\n  q: x\n---\n" },
  { "no-fm/append", "Hello\n", MH_EDIT_APPEND, "topics", "a", 0,
    "---\ntopics:\n  - a\n---\nHello\n", "---\ntopics:\n- a\n---\nHello\n" },
  { "insert/before-blank-spaces-line", FM ("a: 1\n   \n"), MH_EDIT_SET, "new", "x", 0,
    FM ("a: 1\nnew: x\n   \n") },
  { "insert/closing-dots-crlf", "---\r\na: 1\r\n...\r\nbody\r\n", MH_EDIT_SET, "new", "x", 0,
    "---\r\na: 1\r\nnew: x\r\n...\r\nbody\r\n" },

  /* Deleting keys: a key's own lines include the comment lines directly above it */
  { "delete/comment-above", FM ("a: 1\n# about b\nb: 2\nc: 3\n"), MH_EDIT_DELETE, "b", NULL, 0,
    FM ("a: 1\nc: 3\n") },
  { "delete/comments-above", FM ("a: 1\n# one\n# two\nb: 2\nc: 3\n"), MH_EDIT_DELETE, "b", NULL, 0,
    FM ("a: 1\nc: 3\n") },
  { "delete/blank-separated-comment", FM ("a: 1\n# section\n\nb: 2\nc: 3\n"), MH_EDIT_DELETE, "b",
    NULL, 0, FM ("a: 1\n# section\n\nc: 3\n") },
  { "delete/next-key-comment", FM ("a: 1\nb: 2\n# about c\nc: 3\n"), MH_EDIT_DELETE, "b", NULL, 0,
    FM ("a: 1\n# about c\nc: 3\n") },
  { "delete/line-comment", FM ("a: 1\nb: 2 # x\nc: 3\n"), MH_EDIT_DELETE, "b", NULL, 0,
    FM ("a: 1\nc: 3\n") },
  { "delete/nested-value", FM ("a: 1\nb:\n  x: 1\n  y: [1, 2]\nc: 3\n"), MH_EDIT_DELETE, "b", NULL,
    0, FM ("a: 1\nc: 3\n") },
  { "delete/last-before-trailing", FM ("a: 1\nb: 2\n\n# end\n"), MH_EDIT_DELETE, "b", NULL, 0,
    FM ("a: 1\n\n# end\n") },
  { "delete/multi-line-plain", FM ("a: one\n  two\nb: 1\n"), MH_EDIT_DELETE, "a", NULL, 0,
    FM ("b: 1\n") },
  { "delete/value-on-next-line", FM ("key: # c\n  value\nz: 1\n"), MH_EDIT_DELETE, "key", NULL, 0,
    FM ("z: 1\n") },
  { "delete/literal", FM ("a: |\n  text\n\n# c\nb: 1\n"), MH_EDIT_DELETE, "a", NULL, 0,
    FM ("\n# c\nb: 1\n") },
  { "delete/keep", FM ("a: |+\n  t\n\nb: 1\n"), MH_EDIT_DELETE, "a", NULL, 0, FM ("b: 1\n") },
  { "delete/root-emptied", "---\na: 1\n---\nbody\n", MH_EDIT_DELETE, "a", NULL, 0,
    "---\n---\nbody\n" },
  { "delete/root-emptied-comments", FM ("# c\n\na: 1\n"), MH_EDIT_DELETE, "a", NULL, 0,
    FM ("# c\n\n") },
  { "delete/nested-last", FM ("p:\n  a: 1\nb: 2\n"), MH_EDIT_DELETE, "p.a", NULL, 0,
    FM ("p: {}\nb: 2\n") },
  { "delete/nested-last-deep", FM ("p:\n  q:\n    a: 1\n  r: 2\n"), MH_EDIT_DELETE, "p.q.a", NULL,
    0, FM ("p:\n  q: {}\n  r: 2\n") },
  { "delete/flow-first", FM ("p: {a: 1, b: 2}\n"), MH_EDIT_DELETE, "p.a", NULL, 0,
    FM ("p: {b: 2}\n") },
  { "delete/flow-last", FM ("p: {a: 1, b: 2}\n"), MH_EDIT_DELETE, "p.b", NULL, 0,
    FM ("p: {a: 1}\n") },
  { "delete/flow-only", FM ("p: {a: x}\n"), MH_EDIT_DELETE, "p.a", NULL, 0, FM ("p: {}\n") },
  { "delete/flow-root", FM ("{a: 1, b: 2}\n"), MH_EDIT_DELETE, "a", NULL, 0, FM ("{b: 2}\n") },
  { "delete/quoted-key", FM ("\"a b\": 1\nc: 2\n"), MH_EDIT_DELETE, "a b", NULL, 0, FM ("c: 2\n") },
  { "delete/explicit-key", FM ("? a\n: 1\nb: 2\n"), MH_EDIT_DELETE, "a", NULL, 0, FM ("b: 2\n") },
  { "delete/after-empty-explicit-key", FM ("?\nnew: x\n"), MH_EDIT_DELETE, "new", NULL, 0,
    FM ("?\n") },
  { "delete/after-empty-explicit-key-spaces", FM ("?  \nnew: x\n"), MH_EDIT_DELETE, "new", NULL, 0,
    FM ("?  \n") },
  /* found by the fuzzer: a quoted scalar's continuation line that looks like a comment */
  { "delete/after-quoted-hash-line", FM ("k:\n  - 'x\n#'\nnew: x\n"), MH_EDIT_DELETE, "new", NULL,
    0, FM ("k:\n  - 'x\n#'\n") },
  { "delete/after-double-quoted-hash-line", FM ("a: \"x\n# y\"\nnew: x\n"), MH_EDIT_DELETE, "new",
    NULL, 0, FM ("a: \"x\n# y\"\n") },
  { "delete/crlf", "---\r\na: 1\r\nb: 2\r\n---\r\n", MH_EDIT_DELETE, "a", NULL, 0,
    "---\r\nb: 2\r\n---\r\n" },
  { "delete/missing", FM ("a: 1\n"), MH_EDIT_DELETE, "b", NULL, 0, NULL,
    .error1 = E (MH_DOCUMENT_ERROR_NOT_FOUND) },

  /* Block lists: dash at the key's column vs indented */
  { "list/append-dash-column", FM ("k:\n- a\n- b\n"), MH_EDIT_APPEND, "k", "c", 0,
    FM ("k:\n- a\n- b\n- c\n") },
  { "list/append-indented", FM ("k:\n  - a\n  - b\n"), MH_EDIT_APPEND, "k", "c", 0,
    FM ("k:\n  - a\n  - b\n  - c\n") },
  { "list/append-quoted-needed", FM ("k:\n  - a\n"), MH_EDIT_APPEND, "k", "yes", 0,
    FM ("k:\n  - a\n  - 'yes'\n"), FM ("k:\n  - a\n  - \"yes\"\n") },
  { "list/append-before-next-key", FM ("k:\n  - a\nz: 1\n"), MH_EDIT_APPEND, "k", "c", 0,
    FM ("k:\n  - a\n  - c\nz: 1\n") },
  { "list/append-new-dash-column", FM ("k:\n- a\n"), MH_EDIT_APPEND, "new", "x", 0,
    FM ("k:\n- a\nnew:\n- x\n") },
  { "list/append-new-indented", FM ("k:\n  - a\n"), MH_EDIT_APPEND, "new", "x", 0,
    FM ("k:\n  - a\nnew:\n  - x\n") },
  { "list/append-to-null", FM ("k:\n  - a\nnew:\nz: 1\n"), MH_EDIT_APPEND, "new", "x", 0,
    FM ("k:\n  - a\nnew:\n  - x\nz: 1\n") },
  { "list/append-to-scalar", FM ("n: 1\n"), MH_EDIT_APPEND, "n", "x", 0, NULL,
    .error1 = E (MH_DOCUMENT_ERROR_NOT_SEQUENCE) },
  { "list/delete-first-dash-column", FM ("k:\n- a\n- b\n"), MH_EDIT_DELETE, "k[0]", NULL, 0,
    FM ("k:\n- b\n") },
  { "list/delete-middle", FM ("k:\n  - a\n  - b\n  - c\n"), MH_EDIT_DELETE, "k[1]", NULL, 0,
    FM ("k:\n  - a\n  - c\n") },
  { "list/delete-last-item", FM ("k:\n  - a\nz: 1\n"), MH_EDIT_DELETE, "k[0]", NULL, 0,
    FM ("k: []\nz: 1\n") },
  { "list/delete-last-item-dash-column", FM ("k:\n- a\n"), MH_EDIT_DELETE, "k[0]", NULL, 0,
    FM ("k: []\n") },
  { "list/delete-out-of-range", FM ("k:\n- a\n"), MH_EDIT_DELETE, "k[1]", NULL, 0, NULL },
  { "list/set-item", FM ("k:\n  - a\n  - b\n"), MH_EDIT_SET, "k[1]", "x", 0,
    FM ("k:\n  - a\n  - x\n") },
  { "list/crlf-append", "---\r\nk:\r\n  - a\r\n---\r\n", MH_EDIT_APPEND, "k", "b", 0,
    "---\r\nk:\r\n  - a\r\n  - b\r\n---\r\n" },
  { "list/bom-crlf-append", "\xEF\xBB\xBF---\r\nlist:\r\n  - x\r\n---\r\nbody",
    MH_EDIT_APPEND, "list", "z", 0, "\xEF\xBB\xBF---\r\nlist:\r\n  - x\r\n  - z\r\n---\r\nbody" },

  /* Lists of mappings */
  { "records/set-second-key", FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n    hr: 2\n"),
    MH_EDIT_SET, "items[1].name", "c", 0,
    FM ("items:\n  - name: a\n    hr: 1\n  - name: c\n    hr: 2\n") },
  { "records/append", FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n    hr: 2\n"),
    MH_EDIT_APPEND, "items", NULL, 0,
    FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n    hr: 2\n  - name: d\n    hr: 4\n"),
    .make_value = make_name_hr_mapping },
  { "records/append-dash-column", FM ("items:\n- name: a\n  hr: 1\n"), MH_EDIT_APPEND, "items",
    NULL, 0, FM ("items:\n- name: a\n  hr: 1\n- name: d\n  hr: 4\n"),
    .make_value = make_name_hr_mapping },
  { "records/append-new-list", FM ("title: t\n"), MH_EDIT_APPEND, "items", NULL, 0,
    FM ("title: t\nitems:\n  - name: d\n    hr: 4\n"),
    FM ("title: t\nitems:\n- name: d\n  hr: 4\n"),
    .make_value = make_name_hr_mapping },
  { "records/append-flow", FM ("items: [{name: a}]\n"), MH_EDIT_APPEND, "items", NULL, 0,
    FM ("items: [{name: a}, {name: d, hr: 4}]\n"), .make_value = make_name_hr_mapping },
  { "records/delete-first-key", FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n    hr: 2\n"),
    MH_EDIT_DELETE, "items[0].name", NULL, 0,
    FM ("items:\n  - hr: 1\n  - name: b\n    hr: 2\n") },
  { "records/delete-first-key-dash-column", FM ("items:\n- name: a\n  hr: 1\n"), MH_EDIT_DELETE,
    "items[0].name", NULL, 0, FM ("items:\n- hr: 1\n") },
  { "records/delete-second-key", FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n"),
    MH_EDIT_DELETE, "items[0].hr", NULL, 0, FM ("items:\n  - name: a\n  - name: b\n") },
  { "records/delete-only-key", FM ("items:\n  - name: a\n  - name: b\n"), MH_EDIT_DELETE,
    "items[0].name", NULL, 0, FM ("items:\n  - {}\n  - name: b\n") },
  { "records/delete-item", FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n    hr: 2\n"),
    MH_EDIT_DELETE, "items[1]", NULL, 0, FM ("items:\n  - name: a\n    hr: 1\n") },
  { "records/insert-key", FM ("items:\n  - name: a\n    hr: 1\n  - name: b\n"), MH_EDIT_SET,
    "items[0].x", "v", 0, FM ("items:\n  - name: a\n    hr: 1\n    x: v\n  - name: b\n") },
  { "records/insert-nested-key", FM ("items:\n  - name: a\n"), MH_EDIT_SET,
    "items[0].p.q", "v", 0, FM ("items:\n  - name: a\n    p:\n      q: v\n") },

  /* Flow collections */
  { "flow/append-trailing-comma", FM ("k: [a, \"b\",]\n"), MH_EDIT_APPEND, "k", "c", 0,
    FM ("k: [a, \"b\", c,]\n") },
  { "flow/append", FM ("k: [a, b]\n"), MH_EDIT_APPEND, "k", "c", 0, FM ("k: [a, b, c]\n") },
  { "flow/append-quoted", FM ("k: [a, b]\n"), MH_EDIT_APPEND, "k", "c, d", 0,
    FM ("k: [a, b, 'c, d']\n"), FM ("k: [a, b, \"c, d\"]\n") },
  { "flow/append-empty", FM ("k: []\n"), MH_EDIT_APPEND, "k", "a", 0, FM ("k: [a]\n") },
  { "flow/append-empty-spaced", FM ("k: [ ]\n"), MH_EDIT_APPEND, "k", "a", 0, FM ("k: [a]\n"),
    FM ("k: [ a ]\n") },
  { "flow/remove-only", FM ("k: [a]\n"), MH_EDIT_DELETE, "k[0]", NULL, 0, FM ("k: []\n") },
  { "flow/remove-first", FM ("k: [a, b, c]\n"), MH_EDIT_DELETE, "k[0]", NULL, 0,
    FM ("k: [b, c]\n") },
  { "flow/remove-middle", FM ("k: [a, b, c]\n"), MH_EDIT_DELETE, "k[1]", NULL, 0,
    FM ("k: [a, c]\n") },
  { "flow/remove-last", FM ("k: [a, b, c]\n"), MH_EDIT_DELETE, "k[2]", NULL, 0,
    FM ("k: [a, b]\n") },
  { "flow/remove-last-trailing-comma", FM ("k: [a, \"b\",]\n"), MH_EDIT_DELETE, "k[1]", NULL, 0,
    FM ("k: [a,]\n"), FM ("k: [a]\n") },
  { "flow/multi-line-own-lines", FM ("k: [\n  a,\n  b,\n]\n"), MH_EDIT_APPEND, "k", "c", 0,
    FM ("k: [\n  a,\n  b,\n  c,\n]\n") },
  { "flow/multi-line-last-on-line", FM ("k: [\n  a,\n  b\n]\n"), MH_EDIT_APPEND, "k", "c", 0,
    FM ("k: [\n  a,\n  b, c\n]\n") },
  { "flow/set-item-quoted", FM ("k: [a, b]\n"), MH_EDIT_SET, "k[1]", "yes", 0,
    FM ("k: [a, 'yes']\n"), FM ("k: [a, \"yes\"]\n") },
  { "flow/set-item-comma", FM ("k: [a, b]\n"), MH_EDIT_SET, "k[1]", "x,y", 0,
    FM ("k: [a, 'x,y']\n"), FM ("k: [a, \"x,y\"]\n") },
  { "flow/set-item-bracket", FM ("k: [a, b]\n"), MH_EDIT_SET, "k[0]", "x]", 0,
    FM ("k: ['x]', b]\n"), FM ("k: [\"x]\", b]\n") },
  { "flow/map-insert-empty", FM ("m: {}\n"), MH_EDIT_SET, "m.a", "x", 0, FM ("m: {a: x}\n") },
  { "flow/map-insert", FM ("m: {a: 1, b: 2}\n"), MH_EDIT_SET, "m.c", "x", 0,
    FM ("m: {a: 1, b: 2, c: x}\n") },
  { "flow/map-multi-line-own-lines", FM ("m: {\n  a: 1,\n  b: 2,\n}\n"), MH_EDIT_SET, "m.c", "x", 0,
    FM ("m: {\n  a: 1,\n  b: 2,\n  c: x,\n}\n") },
  { "flow/map-multi-line", FM ("m: {a: 1,\n  b: 2}\n"), MH_EDIT_SET, "m.c", "x", 0,
    FM ("m: {a: 1,\n  b: 2, c: x}\n") },
  { "flow/map-set", FM ("m: {a: 1, b: 2}\n"), MH_EDIT_SET, "m.a", "x y", 0,
    FM ("m: {a: x y, b: 2}\n") },
  { "flow/map-set-colon", FM ("m: {a: 1, b: 2}\n"), MH_EDIT_SET, "m.a", "x: y", 0,
    FM ("m: {a: 'x: y', b: 2}\n"), FM ("m: {a: \"x: y\", b: 2}\n") },
  { "flow/map-set-comma", FM ("m: {a: 1, b: 2}\n"), MH_EDIT_SET, "m.a", "a,b", 0,
    FM ("m: {a: 'a,b', b: 2}\n"), FM ("m: {a: \"a,b\", b: 2}\n") },
  { "flow/map-insert-after-empty-value", FM ("m: {a: 1, b: }\n"), MH_EDIT_SET, "m.c", "x", 0,
    FM ("m: {a: 1, b: , c: x}\n") },
  { "flow/map-insert-after-empty-value-own-line", FM ("{\na: 1,\nb:\n}\n"), MH_EDIT_SET,
    "c", "x", 0, FM ("{\na: 1,\nb:\n, c: x\n}\n") },
  { "flow/map-delete-after-empty-value", FM ("k: {a: , b: 1}\n"), MH_EDIT_DELETE, "k.b", NULL, 0,
    FM ("k: {a: }\n") },
  { "flow/map-insert-after-empty-value-line-end", FM ("{\na: \n}\n"), MH_EDIT_SET, "c", "x", 0,
    FM ("{\na: , c: x\n}\n") },
  { "flow/map-delete-after-empty-value-line-end", FM ("{\na: , c: x\n}\n"), MH_EDIT_DELETE, "c",
    NULL, 0, FM ("{\na: \n}\n") },
  { "flow/map-delete-multi-line", FM ("m: {\n  a: 1,\n  b: 2,\n}\n"), MH_EDIT_DELETE, "m.b",
    NULL, 0, FM ("m: {\n  a: 1,\n}\n") },

  /* Comments and nesting around inserts and deletes */
  { "nested/delete-comment-above", FM ("p:\n  a: 1\n  # about b\n  b: 2\nz: 1\n"), MH_EDIT_DELETE,
    "p.b", NULL, 0, FM ("p:\n  a: 1\nz: 1\n") },
  { "nested/delete-keeps-other-column-comment", FM ("a: 1\n  # odd\nb: 2\n"), MH_EDIT_DELETE,
    "b", NULL, 0, FM ("a: 1\n  # odd\n") },
  { "nested/insert-before-outer-comment", FM ("p:\n  a: 1\n# top\nz: 1\n"), MH_EDIT_SET, "p.b",
    "x", 0, FM ("p:\n  a: 1\n  b: x\n# top\nz: 1\n") },
  { "nested/append-before-comment", FM ("k:\n  - a\n  # end of list\nz: 1\n"), MH_EDIT_APPEND,
    "k", "b", 0, FM ("k:\n  - a\n  - b\n  # end of list\nz: 1\n") },
  { "nested/append-after-block-scalar-item", FM ("k:\n  - |\n    text\n  - x\nz: 1\n"),
    MH_EDIT_APPEND, "k", "b", 0, FM ("k:\n  - |\n    text\n  - x\n  - b\nz: 1\n") },
  { "nested/append-after-literal-item", FM ("k:\n  - |\n    text\nz: 1\n"), MH_EDIT_APPEND, "k",
    "b", 0, FM ("k:\n  - |\n    text\n  - b\nz: 1\n") },
  { "nested/append-in-record", FM ("items:\n  - name: a\n    tags:\n      - x\n  - name: b\n"),
    MH_EDIT_APPEND, "items[0].tags", "yy", 0,
    FM ("items:\n  - name: a\n    tags:\n      - x\n      - yy\n  - name: b\n") },
  { "nested/set-list-of-lists", FM ("m:\n  - [a, b]\n  - - c\n    - d\n"), MH_EDIT_SET, "m[1][1]",
    "e", 0, FM ("m:\n  - [a, b]\n  - - c\n    - e\n") },
  { "nested/delete-in-list-of-lists", FM ("m:\n  - [a, b]\n  - - c\n    - d\n"), MH_EDIT_DELETE,
    "m[0][0]", NULL, 0, FM ("m:\n  - [b]\n  - - c\n    - d\n") },
  { "nested/escaped-dot-key", FM ("\"a.b\": 1\nc: 2\n"), MH_EDIT_SET, "a\\.b", "x", 0,
    FM ("\"a.b\": x\nc: 2\n") },
  { "nested/escaped-bracket-key", FM ("\"a[0]\": 1\n"), MH_EDIT_DELETE, "a\\[0]", NULL, 0,
    FM ("") },

  /* Empty and null values with company on their line */
  { "null/comment-after-empty", FM ("key: # c\nz: 1\n"), MH_EDIT_SET, "key", "x", 0,
    FM ("key: x # c\nz: 1\n") },
  { "null/tilde", FM ("key: ~\nz: 1\n"), MH_EDIT_SET, "key", "x", 0, FM ("key: x\nz: 1\n") },
  { "null/null-comment", FM ("key: null # c\nz: 1\n"), MH_EDIT_SET, "key", "x", 0,
    FM ("key: x # c\nz: 1\n") },
  { "null/last-key-empty", FM ("z: 1\nkey:\n"), MH_EDIT_SET, "key", "x", 0, FM ("z: 1\nkey: x\n") },
  { "null/last-key-empty-crlf", "---\r\nkey:\r\n---\r\n", MH_EDIT_SET, "key", "x", 0,
    "---\r\nkey: x\r\n---\r\n" },
  { "null/wide-colon", FM ("key:   old\nz: 1\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key:   new\nz: 1\n") },
  { "null/space-before-colon", FM ("key : old\n"), MH_EDIT_SET, "key", "new", 0,
    FM ("key : new\n") },

  /* Whole trees */
  { "tree/insert-mapping", FM ("a: 1\n"), MH_EDIT_INSERT, "provider", NULL, 0,
    FM ("a: 1\nprovider:\n  name: d\n  hr: 4\n"), .make_value = make_name_hr_mapping },
  { "tree/insert-mapping-crlf", "---\r\na: 1\r\n---\r\n", MH_EDIT_INSERT, "provider", NULL, 0,
    "---\r\na: 1\r\nprovider:\r\n  name: d\r\n  hr: 4\r\n---\r\n",
    .make_value = make_name_hr_mapping },
  { "tree/insert-into-record", FM ("items:\n  - name: a\n"), MH_EDIT_INSERT, "items[0].p", NULL, 0,
    FM ("items:\n  - name: a\n    p:\n      name: d\n      hr: 4\n"),
    .make_value = make_name_hr_mapping },
  { "tree/insert-into-flow", FM ("m: {a: 1}\n"), MH_EDIT_INSERT, "m.p", NULL, 0,
    FM ("m: {a: 1, p: {name: d, hr: 4}}\n"), .make_value = make_name_hr_mapping },

  /* CRLF inside what an edit writes */
  { "crlf/literal", "---\r\nkey: |\r\n  old\r\nz: 1\r\n---\r\n", MH_EDIT_SET, "key", "a\nb\n", 0,
    "---\r\nkey: |\r\n  a\r\n  b\r\nz: 1\r\n---\r\n" },
  { "crlf/parents", "---\r\nz: 1\r\n---\r\n", MH_EDIT_SET, "p.q.r", "x", 0,
    "---\r\nz: 1\r\np:\r\n  q:\r\n    r: x\r\n---\r\n" },
  { "crlf/delete-comment-above", "---\r\na: 1\r\n# c\r\nb: 2\r\n---\r\n", MH_EDIT_DELETE, "b",
    NULL, 0, "---\r\na: 1\r\n---\r\n" },
  { "crlf/list-emptied", "---\r\nk:\r\n  - a\r\nz: 1\r\n---\r\n", MH_EDIT_DELETE, "k[0]", NULL,
    0, "---\r\nk: []\r\nz: 1\r\n---\r\n" },

  /* More moves */
  { "move/flow-trailing-comma", FM ("k: [a, b, c,]\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k: [b, c, a,]\n"), NULL, 0, 2 },
  { "move/block-with-comment-line", FM ("k:\n  - a # first\n  - b\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k:\n  - b\n  - a # first\n"), NULL, 0, 1 },

  /* Odds and ends */
  { "more/append-mapping-to-scalar-list", FM ("k:\n  - a\n"), MH_EDIT_APPEND, "k", NULL, 0,
    FM ("k:\n  - a\n  - name: d\n    hr: 4\n"), .make_value = make_name_hr_mapping },
  { "more/insert-list-tree", FM ("k:\n  - x\n"), MH_EDIT_INSERT, "topics", NULL, 0,
    FM ("k:\n  - x\ntopics:\n  - a\n  - b\n"), .make_value = make_ab_sequence },
  { "more/insert-list-tree-dash-column", FM ("k:\n- x\n"), MH_EDIT_INSERT, "topics", NULL, 0,
    FM ("k:\n- x\ntopics:\n- a\n- b\n"), .make_value = make_ab_sequence },
  { "more/flow-own-lines-crlf", "---\r\nm: {\r\n  a: 1,\r\n}\r\n---\r\n", MH_EDIT_SET, "m.b",
    "x", 0, "---\r\nm: {\r\n  a: 1,\r\n  b: x,\r\n}\r\n---\r\n" },
  { "more/unicode-key", FM ("ключ: 1\nz: 2\n"), MH_EDIT_SET, "ключ", "значение", 0,
    FM ("ключ: значение\nz: 2\n") },
  { "more/colon-in-quoted-key", FM ("\"a: b\": 1\n"), MH_EDIT_SET, "a: b", "x", 0,
    FM ("\"a: b\": x\n") },
  { "more/new-key-needs-quotes", FM ("a: 1\n"), MH_EDIT_SET, "b: c", "x", 0,
    FM ("a: 1\n'b: c': x\n"), FM ("a: 1\n\"b: c\": x\n") },
  { "more/set-empty-flow-map", FM ("m: {}\n"), MH_EDIT_SET, "m", "x", 0, NULL,
    .error1 = E (MH_DOCUMENT_ERROR_NOT_SCALAR) },
  { "more/set-empty-flow-list", FM ("k: []\n"), MH_EDIT_SET, "k", "x", 0, NULL,
    .error1 = E (MH_DOCUMENT_ERROR_NOT_SCALAR) },

  /* Moving list items */
  { "move/block-first-to-last", FM ("k:\n  - a\n  - b\n  - c\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k:\n  - b\n  - c\n  - a\n"), NULL, 0, 2 },
  { "move/block-last-to-first", FM ("k:\n  - a\n  - b\n  - c\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k:\n  - c\n  - a\n  - b\n"), NULL, 2, 0 },
  { "move/block-dash-column", FM ("k:\n- a\n- b\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k:\n- b\n- a\n"), NULL, 1, 0 },
  { "move/block-records", FM ("k:\n  - n: a\n    x: 1\n  - n: b\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k:\n  - n: b\n  - n: a\n    x: 1\n"), NULL, 1, 0 },
  { "move/flow-first-to-last", FM ("k: [a, b, c]\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k: [b, c, a]\n"), NULL, 0, 2 },
  { "move/flow-last-to-first", FM ("k: [a, b, c]\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k: [c, a, b]\n"), NULL, 2, 0 },
  { "move/same-place", FM ("k: [a, b, c]\n"), MH_EDIT_MOVE, "k", NULL, 0,
    FM ("k: [a, b, c]\n"), NULL, 1, 1 },
  { "move/out-of-range", FM ("k: [a, b, c]\n"), MH_EDIT_MOVE, "k", NULL, 0,
    NULL, NULL, 0, 3, .error1 = E (MH_DOCUMENT_ERROR_INDEX) },
  { "move/not-a-list", FM ("k: a\n"), MH_EDIT_MOVE, "k", NULL, 0,
    NULL, NULL, 0, 0, .error1 = E (MH_DOCUMENT_ERROR_NOT_SEQUENCE) },
};

static MhEdit *
edit_from_case (const EditCase *c)
{
  MhNode *value = NULL;
  MhScalarType type = c->type1 ? (MhScalarType) (c->type1 - 1) : MH_SCALAR_STRING;

  if (c->verb == MH_EDIT_MOVE)
    return mh_edit_new_move (c->path, c->from, c->to);
  if (c->make_value != NULL)
    value = c->make_value ();
  else if (c->value != NULL)
    value = mh_node_new_scalar (c->value, type);
  return mh_edit_new (c->verb, c->path, value);
}

static void
run_edit_case (gconstpointer data)
{
  const EditCase *c = data;
  g_autoptr(MhDocument) doc = doc_new (c->input);

  if (c->expected == NULL)
    {
      apply_refused (doc, edit_from_case (c), c->error1 ? c->error1 - 1 : -1);
      assert_bytes (doc, c->input, NULL);
      return;
    }

  assert_editable (doc);
  if (!apply_ok (doc, edit_from_case (c)))
    return;
  assert_bytes (doc, c->expected, c->alt);
  g_assert_cmpint (!!mh_document_is_modified (doc), ==, !!(strcmp (c->input, c->expected) != 0));
  assert_reparses (doc);

  if (c->verb == MH_EDIT_SET)
    {
      g_autoptr(GBytes) before = g_bytes_ref (mh_document_get_bytes (doc));

      assert_lookup (doc, c->path, c->value);
      /* setting the same value again is a no-op */
      apply_ok (doc, edit_from_case (c));
      g_assert_true (g_bytes_equal (before, mh_document_get_bytes (doc)));
    }
}

/* Custom cases ----------------------------------------------------------- */

#define BOM_CRLF_FILE "\xEF\xBB\xBF---\r\ntitle: Hello  \r\nb: 1\r\ntags: [a, b]  \r\n---\r\nbody  "

static void
test_noop_bom_crlf (void)
{
  g_autoptr(MhDocument) doc = doc_new (BOM_CRLF_FILE);

  assert_editable (doc);
  assert_bytes (doc, BOM_CRLF_FILE, NULL);
  g_assert_false (mh_document_is_modified (doc));

  /* the same values, spelled as they are: nothing changes */
  apply_ok (doc, edit_set ("title", "Hello"));
  apply_ok (doc, edit_set_typed ("b", "1", MH_SCALAR_INT));
  apply_ok (doc, edit_set ("tags[1]", "b"));
  assert_bytes (doc, BOM_CRLF_FILE, NULL);
  g_assert_false (mh_document_is_modified (doc));

  /* a change and its undo give back the original bytes */
  apply_ok (doc, edit_set ("title", "Other"));
  g_assert_true (mh_document_is_modified (doc));
  apply_ok (doc, edit_set ("title", "Hello"));
  assert_bytes (doc, BOM_CRLF_FILE, NULL);
  g_assert_false (mh_document_is_modified (doc));

  /* inserting and deleting a key gives back the original bytes */
  apply_ok (doc, edit_set ("probe", "x"));
  assert_bytes (doc, "\xEF\xBB\xBF---\r\ntitle: Hello  \r\nb: 1\r\ntags: [a, b]  \r\nprobe: x\r\n"
                "---\r\nbody  ", NULL);
  apply_ok (doc, edit_delete ("probe"));
  assert_bytes (doc, BOM_CRLF_FILE, NULL);
}

static void
test_noop_styles (void)
{
  const char *input = FM ("a: one\n  two\nb: 'it''s'\nc: \"x\\ty\"\nd: |\n  l1\n  l2\n"
                          "e: [1, 'two']\nf: 2021-04-09T12:58:00Z\ng: 0x1F\n");
  g_autoptr(MhDocument) doc = doc_new (input);

  assert_editable (doc);
  apply_ok (doc, edit_set ("a", "one two"));
  apply_ok (doc, edit_set ("b", "it's"));
  apply_ok (doc, edit_set ("c", "x\ty"));
  apply_ok (doc, edit_set ("d", "l1\nl2\n"));
  apply_ok (doc, edit_set ("e[1]", "two"));
  apply_ok (doc, edit_set_typed ("e[0]", "1", MH_SCALAR_INT));
  apply_ok (doc, edit_set_typed ("f", "2021-04-09T12:58:00Z", MH_SCALAR_TIMESTAMP));
  assert_bytes (doc, input, NULL);
  g_assert_false (mh_document_is_modified (doc));
}

static void
test_multi_line_plain_and_back (void)
{
  g_autoptr(MhDocument) doc = doc_new (FM ("a: one\n  two\n  three\nb: 1\n"));

  apply_ok (doc, edit_set ("a", "x"));
  assert_bytes (doc, FM ("a: x\nb: 1\n"), NULL);
  apply_ok (doc, edit_set ("a", "one two three"));
  assert_bytes (doc, FM ("a: one two three\nb: 1\n"), NULL);
  assert_lookup (doc, "a", "one two three");
  assert_reparses (doc);
}

static void
test_non_ascii_spans (void)
{
  /* libyaml marks count code points: spans must be bytes */
  g_autoptr(MhDocument) doc = doc_new (FM ("title: Café €\nb: 1\n"));
  g_autoptr(MhDocument) bom = doc_new ("\xEF\xBB\xBF---\r\ntitle: Café €\r\nb: 1\r\n---\r\n");
  MhNode *node;
  guint line = 0, column = 0;

  node = mh_document_lookup (doc, "title", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    {
      g_assert_cmpuint (node->start, ==, 11);
      g_assert_cmpuint (node->end, ==, 20);
    }
  node = mh_document_lookup (doc, "b", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    g_assert_cmpuint (node->start, ==, 24);

  mh_document_get_position (doc, 17, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 13);
  mh_document_get_position (doc, 21, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 1);

  node = mh_document_lookup (bom, "title", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    {
      g_assert_cmpuint (node->start, ==, 15);
      g_assert_cmpuint (node->end, ==, 24);
    }
  node = mh_document_lookup (bom, "b", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    g_assert_cmpuint (node->start, ==, 29);

  apply_ok (bom, edit_set ("b", "zwei"));
  assert_bytes (bom, "\xEF\xBB\xBF---\r\ntitle: Café €\r\nb: zwei\r\n---\r\n", NULL);
}

/* 500 characters: written on one line, whatever the style */
static void
test_long_value (void)
{
  static const char *const inputs[] = {
    FM ("key: old\nz: 1\n"), FM ("key: \"old\"\nz: 1\n"), FM ("key: 'old'\nz: 1\n"),
  };
  static const char *const quotes[] = { "", "\"", "'" };
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) solid = g_string_new (NULL);

  while (words->len < 500)
    g_string_append (words, "word ");
  g_string_truncate (words, 499);
  while (solid->len < 500)
    g_string_append_c (solid, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(MhDocument) doc = doc_new (inputs[i]);
      g_autoptr(MhDocument) doc2 = doc_new (inputs[i]);
      g_autofree char *expected = g_strdup_printf ("---\nkey: %s%s%s\nz: 1\n---\n", quotes[i],
                                                   words->str, quotes[i]);
      g_autofree char *expected2 = g_strdup_printf ("---\nkey: %s%s%s\nz: 1\n---\n", quotes[i],
                                                    solid->str, quotes[i]);

      apply_ok (doc, edit_set ("key", words->str));
      assert_bytes (doc, expected, NULL);
      apply_ok (doc2, edit_set ("key", solid->str));
      assert_bytes (doc2, expected2, NULL);
    }

  /* a folded scalar keeps its style, and its one long line */
  {
    g_autoptr(MhDocument) doc = doc_new (FM ("key: >\n  old\nz: 1\n"));
    g_autofree char *value = g_strconcat (words->str, "\n", NULL);
    g_autofree char *expected = g_strdup_printf ("---\nkey: >\n  %s\nz: 1\n---\n", words->str);

    apply_ok (doc, edit_set ("key", value));
    assert_bytes (doc, expected, NULL);
  }
}

static void
test_body_and_positions (void)
{
  g_autoptr(MhDocument) doc = doc_new ("---\r\na: 1\r\nbb: 2\r\n---\r\nbody\r\n---\r\n");
  g_autoptr(MhDocument) none = doc_new ("\xEF\xBB\xBFHello\n");
  const char *body;
  gsize len = 0;
  guint line = 0, column = 0;

  body = mh_document_get_body (doc, &len);
  g_assert_cmpuint (len, ==, 11);
  g_assert_true (body != NULL && memcmp (body, "body\r\n---\r\n", 11) == 0);
  mh_document_get_position (doc, 11, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 1);
  mh_document_get_position (doc, 15, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 5);

  body = mh_document_get_body (none, &len);
  g_assert_true (body != NULL && len >= 6 && memcmp (body + len - 6, "Hello\n", 6) == 0);
  g_assert_null (mh_document_get_root (none));
  g_assert_null (mh_document_get_readonly_reason (none, NULL));
  g_assert_null (mh_document_lookup (none, "title", NULL));
}

/* libyaml skips a BOM at the start of any line, and breaks lines at a lone CR:
 * the engine either handles such bytes or opens the file read-only. */
/* Runs @body in a child process, so that a crash fails this test alone. */
static void
run_apart (GTestDataFunc body,
           gconstpointer data)
{
  if (g_test_subprocess ())
    {
      body (data);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
mid_stream_bom (gconstpointer data)
{
  const char *input = FM ("k:\n-\n\xEF\xBB\xBF  0\nz: 1\n");
  g_autoptr(MhDocument) doc = doc_new (input);
  g_autoptr(MhEdit) edit = edit_delete ("k[0]");
  g_autoptr(GError) error = NULL;

  if (mh_document_get_readonly_reason (doc, NULL) != NULL)
    return;
  if (mh_document_apply (doc, edit, &error))
    assert_bytes (doc, FM ("k: []\nz: 1\n"), NULL);
  else
    assert_bytes (doc, input, NULL);
}

static void
test_mid_stream_bom (void)
{
  /* found by the fuzzer as a crash: run apart */
  run_apart (mid_stream_bom, NULL);
}

/* A list item whose mapping starts on the line after a comment at its dash
 * (found by the fuzzer as a crash: run apart). */
static void
item_after_dash_comment (gconstpointer data)
{
  const char *input = FM ("ems:\n- # c\n  hr: 5\n  x: 1\nz: 1\n");
  g_autoptr(MhDocument) del = doc_new (input);
  g_autoptr(MhDocument) set = doc_new (input);
  g_autoptr(MhDocument) ins = doc_new (input);

  assert_editable (del);
  apply_ok (del, edit_delete ("ems[0]"));
  assert_bytes (del, FM ("ems: []\nz: 1\n"), NULL);
  apply_ok (set, edit_set ("ems[0].hr", "six"));
  assert_bytes (set, FM ("ems:\n- # c\n  hr: six\n  x: 1\nz: 1\n"), NULL);
  apply_ok (ins, edit_set ("ems[0].nn", "v"));
  assert_bytes (ins, FM ("ems:\n- # c\n  hr: 5\n  x: 1\n  nn: v\nz: 1\n"), NULL);
}

static void
test_item_after_dash_comment (void)
{
  run_apart (item_after_dash_comment, NULL);
}

/* A line or paragraph separator breaks lines for libyaml: handled, or read-only */
static void
test_separator_breaks (void)
{
  static const char *const inputs[] = {
    FM ("? \xE2\x80\xA8 1\n"),
    FM ("a: 1\xE2\x80\xA9" "b: 2\n"),
    FM ("a: 1\xC2\x85" "b: 2\n"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(MhDocument) doc = doc_new (inputs[i]);

      if (mh_document_get_readonly_reason (doc, NULL) != NULL)
        continue;
      if (!apply_ok (doc, edit_set ("new", "x")))
        continue;
      assert_reparses (doc);
      if (!apply_ok (doc, edit_delete ("new")))
        continue;
      assert_bytes (doc, inputs[i], NULL);
    }
}

/* Blanks inside empty flow collections: adding an item and removing it gives
 * the bytes back (found by the fuzzer with `{\t}`) */
static void
test_empty_flow_padding (void)
{
  static const char *const maps[] = {
    FM ("m: {\t}\n"), FM ("m: { }\n"), FM ("m: {  }\n"), FM ("m: {\n}\n"),
  };
  static const char *const lists[] = {
    FM ("m: [\t]\n"), FM ("m: [ ]\n"), FM ("m: [  ]\n"), FM ("m: [\n]\n"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    {
      g_autoptr(MhDocument) doc = doc_new (maps[i]);

      if (!apply_ok (doc, edit_set ("m.new", "x")))
        continue;
      assert_lookup (doc, "m.new", "x");
      if (!apply_ok (doc, edit_delete ("m.new")))
        continue;
      assert_bytes (doc, maps[i], NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(MhDocument) doc = doc_new (lists[i]);

      if (!apply_ok (doc, mh_edit_new (MH_EDIT_APPEND, "m",
                                       mh_node_new_scalar ("x", MH_SCALAR_STRING))))
        continue;
      assert_lookup (doc, "m[0]", "x");
      if (!apply_ok (doc, edit_delete ("m[0]")))
        continue;
      assert_bytes (doc, lists[i], NULL);
    }
}

/* Moving an item and moving it back gives the bytes back, whatever separates
 * the items (found by the fuzzer with a blank line between two items) */
static void
test_move_round_trip (void)
{
  static const char *const inputs[] = {
    FM ("k:\n- a\n\n- b\n"),
    FM ("k:\n  - a\n  # about b\n  - b\n  - c\n"),
    FM ("k:\n- a\n- b\n\n- c\nz: 1\n"),
    FM ("k: [a,\n  b, c]\n"),
    FM ("k:\n  - n: a\n\n    x: 1\n  - n: b\n"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    for (guint from = 0; from < 3; from++)
      for (guint to = 0; to < 3; to++)
        {
          g_autoptr(MhDocument) doc = doc_new (inputs[i]);
          MhNode *list = mh_document_lookup (doc, "k", NULL);

          if (list == NULL || from >= mh_node_get_n_items (list) ||
              to >= mh_node_get_n_items (list))
            continue;
          if (!apply_ok (doc, mh_edit_new_move ("k", from, to)))
            continue;
          assert_reparses (doc);
          if (!apply_ok (doc, mh_edit_new_move ("k", to, from)))
            continue;
          assert_bytes (doc, inputs[i], NULL);
        }
}

static void
test_lone_cr (void)
{
  static const char *const inputs[] = {
    "---\na:\n#\r-\n---",
    FM ("a: 1\r" "b: 2\n"),
    FM ("a: |\n  text\n\n# c\rb: 1\n"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(MhDocument) doc = doc_new (inputs[i]);

      if (mh_document_get_readonly_reason (doc, NULL) != NULL)
        continue;
      if (!apply_ok (doc, edit_set ("new", "x")))
        continue;
      assert_reparses (doc);
      if (!apply_ok (doc, edit_delete ("new")))
        continue;
      assert_bytes (doc, inputs[i], NULL);
    }
}

/* The original seed record: each field edited in place, the rest untouched */
static char *
seed_path (const char *name)
{
  const char *root = g_getenv ("MH_SOURCE_ROOT");

  return root != NULL ? g_build_filename (root, "seeds", name, NULL) : NULL;
}

static void
seed_case_alt (const char *text,
               MhEdit     *edit_owned,
               const char *old_text,
               const char *new_text,
               const char *alt_text)
{
  g_autoptr(MhDocument) doc = doc_new (text);
  g_autoptr(GString) expected = g_string_new (text);
  g_autoptr(GString) alt = g_string_new (text);

  g_assert_nonnull (strstr (text, old_text));
  g_string_replace (expected, old_text, new_text, 1);
  g_string_replace (alt, old_text, alt_text ? alt_text : new_text, 1);
  if (apply_ok (doc, edit_owned))
    {
      assert_bytes (doc, expected->str, alt->str);
      assert_reparses (doc);
    }
}

static void
seed_case (const char *text,
           MhEdit     *edit_owned,
           const char *old_text,
           const char *new_text)
{
  seed_case_alt (text, edit_owned, old_text, new_text, NULL);
}

static void
test_seed_record (void)
{
  g_autofree char *path = seed_path ("000_6a22c6f8e948ba59.txt");
  g_autofree char *text = NULL;
  const char *related;
  const char *secured;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("no seeds/ under MH_SOURCE_ROOT");
      return;
    }

  seed_case (text, edit_set ("title", "New title"),
             "\ntitle: \"The NYPD used a controversial facial recognition tool. Here’s what you need "
             "to know.\"\n", "\ntitle: \"New title\"\n");
  seed_case (text, edit_set_typed ("quality", "60", MH_SCALAR_INT), "\nquality: 52\n",
             "\nquality: 60\n");
  seed_case (text, edit_set_typed ("published", "true", MH_SCALAR_BOOL), "\npublished: false\n",
             "\npublished: true\n");
  seed_case (text, edit_set_typed ("publishedDateTime", "2022-01-01T00:00:00Z", MH_SCALAR_TIMESTAMP),
             "\npublishedDateTime: 2021-04-09T12:58:00Z\n",
             "\npublishedDateTime: 2022-01-01T00:00:00Z\n");
  seed_case (text, mh_edit_new (MH_EDIT_APPEND, "topics",
                                mh_node_new_scalar ("Privacy", MH_SCALAR_STRING)),
             "  - AI\n", "  - AI\n  - Privacy\n");
  seed_case (text, mh_edit_new_move ("topics", 1, 0), "  - Computer Vision\n  - AI\n",
             "  - AI\n  - Computer Vision\n");
  seed_case (text, edit_delete ("images[0].isCached"), "    height: 460\n    isCached: true\n",
             "    height: 460\n");
  seed_case (text, edit_set ("provider.name", "MIT TR"), "  name: MIT Technology Review\n",
             "  name: MIT TR\n");
  seed_case (text, edit_set ("related[0].provider.url", "https://nypost.com"),
             "      domain: nypost.com\n",
             "      domain: nypost.com\n      url: https://nypost.com\n");
  seed_case_alt (text, edit_set ("related[0].images[0].width", "1200"), "        width: 1200\n",
                 "        width: '1200'\n", "        width: \"1200\"\n");

  /* the only related record goes: the list becomes [] and the blank line stays */
  related = strstr (text, "\nrelated:\n");
  secured = strstr (text, "\n\nsecured:");
  g_assert_nonnull (related);
  g_assert_nonnull (secured);
  if (related != NULL && secured != NULL)
    {
      g_autoptr(MhDocument) doc = doc_new (text);
      g_autofree char *head = g_strndup (text, related - text);
      g_autofree char *expected = g_strconcat (head, "\nrelated: []", secured, NULL);

      if (apply_ok (doc, edit_delete ("related[0]")))
        assert_bytes (doc, expected, NULL);
    }
}

/* Every seed record: editable ones give their bytes back after a key goes in
 * and out; the broken one is read-only with its line. */
static void
test_seed_records (void)
{
  const char *root = g_getenv ("MH_SOURCE_ROOT");
  g_autofree char *dir_path = root ? g_build_filename (root, "seeds", NULL) : NULL;
  g_autoptr(GDir) dir = dir_path ? g_dir_open (dir_path, 0, NULL) : NULL;
  const char *name;
  guint n = 0;

  if (dir == NULL)
    {
      g_test_skip ("no seeds/ under MH_SOURCE_ROOT");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autoptr(MhDocument) doc = NULL;
      const char *reason;
      gsize offset = 0;

      if (name[0] == '.' || !g_file_get_contents (path, &text, &len, NULL))
        continue;
      n++;
      doc = doc_new_len (text, len);
      reason = mh_document_get_readonly_reason (doc, &offset);
      if (strstr (name, "broken") != NULL)
        {
          g_assert_nonnull (reason);
          g_assert_cmpuint (offset, !=, G_MAXSIZE);
          continue;
        }
      if (reason != NULL)
        g_test_message ("%s: %s", name, reason);
      g_assert_null (reason);
      if (reason != NULL || mh_document_get_split (doc)->kind != MH_SPLIT_CLOSED)
        continue;
      if (!apply_ok (doc, edit_set ("mh_probe_key", "probe")))
        continue;
      assert_reparses (doc);
      if (!apply_ok (doc, edit_delete ("mh_probe_key")))
        continue;
      assert_bytes_len (doc, text, len, NULL);
    }
  g_assert_cmpuint (n, >=, 13);
}

static void
test_keep_span (void)
{
  /* mh-node.h: `end` excludes the node's final line break; a `|+` scalar ends
   * before the break of its last kept line */
  g_autoptr(MhDocument) doc = doc_new (FM ("a: |+\n  t\n\nb: 1\n"));
  g_autoptr(MhDocument) two = doc_new (FM ("a: |+\n  t\n\n\nb: 1\n"));
  g_autoptr(MhDocument) clip = doc_new (FM ("a: |\n  t\n\nb: 1\n"));
  MhNode *node = mh_document_lookup (doc, "a", NULL);

  g_assert_nonnull (node);
  if (node != NULL)
    {
      g_assert_cmpuint (node->start, ==, 7);
      g_assert_cmpuint (node->end, ==, 14);
    }
  node = mh_document_lookup (two, "a", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    g_assert_cmpuint (node->end, ==, 15);
  /* a clipped one ends with its last content line, trailing break excluded */
  node = mh_document_lookup (clip, "a", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    g_assert_cmpuint (node->end, ==, 12);
}

static void
test_sequence_of_edits (void)
{
  g_autoptr(MhDocument) doc = doc_new ("\xEF\xBB\xBF---\r\ntitle: A  \r\n# topics\r\ntopics:\r\n"
                                       "- x\r\n- y\r\nq: 1\r\n---\r\nbody\r\n");

  apply_ok (doc, edit_set ("title", "B"));
  apply_ok (doc, mh_edit_new (MH_EDIT_APPEND, "topics",
                              mh_node_new_scalar ("z", MH_SCALAR_STRING)));
  apply_ok (doc, edit_delete ("topics[0]"));
  apply_ok (doc, mh_edit_new_move ("topics", 1, 0));
  apply_ok (doc, edit_set ("p.name", "Nm"));
  apply_ok (doc, edit_delete ("q"));
  apply_ok (doc, edit_set_typed ("q", "2", MH_SCALAR_INT));
  assert_bytes (doc, "\xEF\xBB\xBF---\r\ntitle: B  \r\n# topics\r\ntopics:\r\n- z\r\n- y\r\n"
                "p:\r\n  name: Nm\r\nq: 2\r\n---\r\nbody\r\n", NULL);
  assert_reparses (doc);

  /* and back, step by step */
  apply_ok (doc, edit_delete ("p"));
  apply_ok (doc, edit_delete ("topics"));
  apply_ok (doc, edit_delete ("title"));
  apply_ok (doc, edit_delete ("q"));
  assert_bytes (doc, "\xEF\xBB\xBF---\r\n---\r\nbody\r\n", NULL);
}

static void
test_u2028_value (void)
{
  const char *value = "x\xE2\x80\xA8y";
  g_autoptr(MhDocument) doc = doc_new (FM ("a: old\nb: 1\n"));
  gsize len = 0;
  const char *data;
  const char *head = "---\na: ";
  const char *tail = "\nb: 1\n---\n";

  apply_ok (doc, edit_set ("a", value));
  assert_lookup (doc, "a", value);
  assert_reparses (doc);

  /* the value stays on its line: no LF breaks it (as `"x\Ly"` or quoted raw) */
  data = g_bytes_get_data (mh_document_get_bytes (doc), &len);
  g_assert_cmpuint (len, >, strlen (head) + strlen (tail));
  if (len <= strlen (head) + strlen (tail))
    return;
  g_assert_true (memcmp (data, head, strlen (head)) == 0);
  g_assert_true (memcmp (data + len - strlen (tail), tail, strlen (tail)) == 0);
  g_assert_null (memchr (data + strlen (head), '\n', len - strlen (head) - strlen (tail)));

  /* and an edit after it lands in the right place */
  apply_ok (doc, edit_set ("b", "two"));
  data = g_bytes_get_data (mh_document_get_bytes (doc), &len);
  g_assert_true (g_str_has_suffix (data, "\nb: two\n---\n"));
  assert_lookup (doc, "a", value);
}

static void
test_anchor_alias (void)
{
  const char *input = FM ("k: &a v\nb: *a\nc: 1\n");
  g_autoptr(MhDocument) doc = doc_new (input);
  gsize offset = 0;
  const char *reason;

  assert_editable (doc);
  /* reading resolves the alias */
  assert_lookup (doc, "b", "v");
  assert_lookup (doc, "k", "v");

  /* the alias, and the anchored node it refers to, are read-only */
  reason = mh_document_get_path_readonly_reason (doc, "b", &offset);
  g_assert_nonnull (reason);
  g_assert_cmpuint (offset, ==, 15);  /* the `*a` */
  reason = mh_document_get_path_readonly_reason (doc, "k", &offset);
  g_assert_nonnull (reason);
  g_assert_cmpuint (offset, >=, 4);
  g_assert_cmpuint (offset, <=, 10);
  g_assert_null (mh_document_get_path_readonly_reason (doc, "c", NULL));

  apply_refused (doc, edit_set ("b", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_set ("k", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_delete ("b"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_delete ("k"), MH_DOCUMENT_ERROR_READ_ONLY);
  assert_bytes (doc, input, NULL);

  /* the rest of the file stays editable */
  apply_ok (doc, edit_set ("c", "x"));
  apply_ok (doc, edit_set ("new", "v"));
  assert_bytes (doc, FM ("k: &a v\nb: *a\nc: x\nnew: v\n"), NULL);
  assert_reparses (doc);
}

static void
test_anchor_collection (void)
{
  const char *input = FM ("base: &b\n  x: 1\n  y: [1, 2]\nother: *b\nz: 1\n");
  g_autoptr(MhDocument) doc = doc_new (input);

  assert_editable (doc);
  assert_lookup (doc, "other.x", "1");
  assert_lookup (doc, "other.y[1]", "2");
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "base", NULL));
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "base.x", NULL));
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "base.y[0]", NULL));
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "other.x", NULL));
  apply_refused (doc, edit_set ("base.x", "2"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_set ("other.x", "2"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, mh_edit_new (MH_EDIT_APPEND, "base.y",
                                   mh_node_new_scalar ("3", MH_SCALAR_INT)),
                 MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_set ("base.new", "2"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_ok (doc, edit_set ("z", "2"));
  assert_bytes (doc, FM ("base: &b\n  x: 1\n  y: [1, 2]\nother: *b\nz: '2'\n"),
                FM ("base: &b\n  x: 1\n  y: [1, 2]\nother: *b\nz: \"2\"\n"));
}

static void
test_merge (void)
{
  const char *input = FM ("base: &b\n  x: 1\nd:\n  <<: *b\n  y: 2\ne: 3\n");
  g_autoptr(MhDocument) doc = doc_new (input);
  g_autoptr(MhDocument) over = doc_new (input);
  gsize offset = 0;

  assert_editable (doc);
  /* reading resolves the merge */
  assert_lookup (doc, "d.x", "1");
  assert_lookup (doc, "d.y", "2");
  /* the merge itself and what it refers to are read-only */
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "d.<<", &offset));
  g_assert_cmpuint (offset, !=, G_MAXSIZE);
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "base.x", NULL));
  g_assert_null (mh_document_get_path_readonly_reason (doc, "e", NULL));
  apply_refused (doc, edit_set ("base.x", "5"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_delete ("d.<<"), MH_DOCUMENT_ERROR_READ_ONLY);
  assert_bytes (doc, input, NULL);
  apply_ok (doc, edit_set ("e", "x"));
  assert_bytes (doc, FM ("base: &b\n  x: 1\nd:\n  <<: *b\n  y: 2\ne: x\n"), NULL);

  /* a merged key: either read-only, or set as the mapping's own key that
   * overrides the merge, the anchored mapping untouched */
  if (mh_document_get_path_readonly_reason (over, "d.x", NULL) != NULL)
    apply_refused (over, edit_set ("d.x", "5"), MH_DOCUMENT_ERROR_READ_ONLY);
  else
    {
      apply_ok (over, edit_set ("d.x", "five"));
      assert_bytes (over, FM ("base: &b\n  x: 1\nd:\n  <<: *b\n  y: 2\n  x: five\ne: 3\n"), NULL);
      assert_lookup (over, "d.x", "five");
      assert_lookup (over, "base.x", "1");
    }
}

static void
test_billion_laughs (void)
{
  g_autoptr(GString) s = g_string_new ("---\n"
                                       "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
  g_autoptr(GString) expected = NULL;
  g_autoptr(MhDocument) doc = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  MhNode *node;

  for (char c = 'b'; c <= 'i'; c++)
    g_string_append_printf (s, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                            c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  g_string_append (s, "title: t\n---\n");

  doc = doc_new (s->str);
  assert_editable (doc);
  /* lookups resolve aliases without expanding the whole tree */
  node = mh_document_lookup (doc, "i[8][8][8][8][8][8][8][8][8]", NULL);
  g_assert_nonnull (node);
  if (node != NULL)
    g_assert_cmpstr (node->value, ==, "lol");
  /* aliases, and the anchored nodes they refer to, are read-only */
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "i[0]", NULL));
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "h", NULL));
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "a", NULL));
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "a[0]", NULL));

  apply_ok (doc, edit_set ("title", "x"));
  expected = g_string_new (s->str);
  g_string_replace (expected, "title: t\n", "title: x\n", 1);
  assert_bytes (doc, expected->str, NULL);
  g_test_message ("billion laughs: %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

static void
test_many_aliases (void)
{
  g_autoptr(GString) s = g_string_new ("---\na: &a x\nl: [");
  g_autoptr(MhDocument) doc = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();

  /* past the node cap */
  for (guint i = 0; i < MH_DOCUMENT_MAX_NODES + 10; i++)
    g_string_append (s, i ? ", *a" : "*a");
  g_string_append (s, "]\n---\n");

  doc = doc_new (s->str);
  g_assert_nonnull (mh_document_get_readonly_reason (doc, NULL));
  apply_refused (doc, edit_set ("n", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
  g_test_message ("%u aliases: %.3f s", MH_DOCUMENT_MAX_NODES + 10, g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

static void
assert_deep_read_only (GString *s)
{
  g_autoptr(MhDocument) doc = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *reason;

  doc = doc_new_len (s->str, s->len);
  reason = mh_document_get_readonly_reason (doc, NULL);
  g_assert_nonnull (reason);
  if (reason != NULL)
    g_test_message ("reason: %s", reason);
  apply_refused (doc, edit_set ("n", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
  (void) mh_document_lookup (doc, "a", NULL);
  g_test_message ("%zu bytes: %.3f s", s->len, g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

static void
test_deep_flow_sequence (void)
{
  g_autoptr(GString) s = g_string_new ("---\na: ");

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "\n---\n");
  assert_deep_read_only (s);
}

static void
test_deep_flow_mapping (void)
{
  g_autoptr(GString) s = g_string_new ("---\na: ");

  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "{a: ");
  g_string_append_c (s, 'x');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, '}');
  g_string_append (s, "\n---\n");
  assert_deep_read_only (s);
}

static void
test_deep_block_mapping (void)
{
  g_autoptr(GString) s = g_string_new ("---\n");

  /* 2,500 levels at one space each (~3 MB, under the size cap) */
  for (guint i = 0; i < 2500; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append_c (s, ' ');
      g_string_append (s, "a:\n");
    }
  g_string_append (s, "---\n");
  assert_deep_read_only (s);
}

static void
test_deep_block_sequence (void)
{
  g_autoptr(GString) s = g_string_new ("---\na:\n  ");

  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "- ");
  g_string_append (s, "x\n---\n");
  assert_deep_read_only (s);
}

static void
test_too_big (void)
{
  g_autoptr(GString) s = g_string_new ("---\n");

  while (s->len <= MH_DOCUMENT_MAX_BLOCK_SIZE)
    g_string_append_printf (s, "k%zu: value\n", s->len);
  g_string_append (s, "---\n");
  assert_deep_read_only (s);
}

/* Malformed and read-only files: each says why, and where when it can */

typedef struct
{
  const char *name;
  const char *input;
  gsize       len;   /* 0: strlen */
  guint       line;  /* 0: no line asserted */
} ReadOnlyCase;

#define NUL_INPUT "---\na: x\0y\n---\n"

static const ReadOnlyCase read_only_cases[] = {
  { "tab-indentation", FM ("a:\n\tb: 1\n"), 0, 3 },
  { "tab-indentation-list", FM ("a:\n  - x\n\t- y\n"), 0, 4 },
  { "no-closing", "---\na: 1\nb: 2\n", 0, 0 },
  { "no-closing-dashes-only", "---\n", 0, 0 },
  { "duplicate-keys", FM ("a: 1\nb: 2\na: 3\n"), 0, 4 },
  { "duplicate-keys-quoted", FM ("a: 1\n\"a\": 2\n"), 0, 3 },
  { "duplicate-keys-nested", FM ("p:\n  x: 1\n  x: 2\n"), 0, 4 },
  /* found by the fuzzer: an anchor or a tag on the key hid the duplicate */
  { "duplicate-keys-anchored", FM ("&a items: 6\nitems: 7\n"), 0, 3 },
  { "duplicate-keys-tagged", FM ("items: 6\n!!str items: 7\n"), 0, 3 },
  { "unclosed-double-quote", FM ("a: \"x\nb: 1\n"), 0, 0 },
  { "unclosed-flow", FM ("a: [1, 2\nb: 3\n"), 0, 0 },
  { "bad-indentation", FM ("a: 1\n  b: 2\n"), 0, 3 },
  { "undefined-alias", FM ("a: 1\nb: *nope\n"), 0, 3 },
  { "invalid-utf8", FM ("a: \xff\xfe\n"), 0, 0 },
  { "nul-byte", NUL_INPUT, sizeof (NUL_INPUT) - 1, 0 },
  { "control-char", FM ("a: x\x01y\n"), 0, 0 },
  { "root-sequence", FM ("- a\n- b\n"), 0, 0 },
  { "root-scalar", FM ("hello\n"), 0, 0 },
  { "directive", FM ("%YAML 1.2\na: 1\n"), 0, 0 },
  { "second-document", FM ("a: 1\n--- b\n"), 0, 0 },
  { "block-scalar-bad-indent", FM ("a: |\n    x\n  y\nb: 1\n"), 0, 0 },
  { "key-without-value", FM ("a: 1\nb\n"), 0, 0 },
  /* found by the fuzzer: a YAML error right after a `<<` key */
  { "merge-then-error", FM ("<<: ]\n"), 0, 0 },
  { "merge-then-error-flow", FM ("<<:\n}\n"), 0, 0 },
  { "merge-then-error-nested", FM ("a:\n  <<: ]\n"), 0, 0 },
};

static void run_read_only_case_body (gconstpointer data);

/* Malformed input must never crash: each case runs in a child process, so a
 * crash fails that case alone. */
static void
run_read_only_case (gconstpointer data)
{
  run_apart (run_read_only_case_body, data);
}

static void
run_read_only_case_body (gconstpointer data)
{
  const ReadOnlyCase *c = data;
  gsize len = c->len ? c->len : strlen (c->input);
  g_autoptr(MhDocument) doc = doc_new_len (c->input, len);
  const char *reason;
  gsize offset = 0;

  /* the bytes are kept as they are */
  assert_bytes_len (doc, c->input, len, NULL);
  reason = mh_document_get_readonly_reason (doc, &offset);
  g_assert_nonnull (reason);
  if (reason == NULL)
    return;
  g_assert_cmpstr (reason, !=, "");
  g_test_message ("%s: %s (offset %" G_GSIZE_FORMAT ")", c->name, reason,
                  offset == G_MAXSIZE ? 0 : offset);
  if (offset != G_MAXSIZE)
    g_assert_cmpuint (offset, <=, len);
  if (c->line != 0)
    {
      guint line = 0, column = 0;

      g_assert_cmpuint (offset, !=, G_MAXSIZE);
      if (offset == G_MAXSIZE)
        return;
      mh_document_get_position (doc, offset, &line, &column);
      g_assert_cmpuint (line, ==, c->line);
      g_assert_cmpuint (column, >=, 1);
    }

  /* every path says the same, and nothing can be edited */
  g_assert_nonnull (mh_document_get_path_readonly_reason (doc, "a", NULL));
  apply_refused (doc, edit_set ("a", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_set ("title", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, edit_delete ("a"), MH_DOCUMENT_ERROR_READ_ONLY);
  apply_refused (doc, mh_edit_new (MH_EDIT_APPEND, "l", mh_node_new_scalar ("x", MH_SCALAR_STRING)),
                 MH_DOCUMENT_ERROR_READ_ONLY);
  assert_bytes_len (doc, c->input, len, NULL);
  g_assert_false (mh_document_is_modified (doc));
}

static void
test_external_read_only (void)
{
  g_autoptr(MhDocument) doc = doc_new (FM ("a: 1\n"));
  gsize offset = 0;

  mh_document_set_readonly_reason (doc, "The file has other hard links");
  g_assert_cmpstr (mh_document_get_readonly_reason (doc, &offset), ==,
                   "The file has other hard links");
  g_assert_cmpuint (offset, ==, G_MAXSIZE);
  apply_refused (doc, edit_set ("a", "x"), MH_DOCUMENT_ERROR_READ_ONLY);
}

static void
test_invalid_paths (void)
{
  g_autoptr(MhDocument) doc = doc_new (FM ("a: 1\nk: [x]\n"));

  apply_refused (doc, edit_set ("", "x"), -1);
  apply_refused (doc, edit_set ("a..b", "x"), MH_DOCUMENT_ERROR_INVALID_PATH);
  apply_refused (doc, edit_set ("k[", "x"), MH_DOCUMENT_ERROR_INVALID_PATH);
  apply_refused (doc, edit_set ("k[x]", "x"), MH_DOCUMENT_ERROR_INVALID_PATH);
  apply_refused (doc, edit_set ("k", "x"), MH_DOCUMENT_ERROR_NOT_SCALAR);
  apply_refused (doc, edit_set ("a.b", "x"), MH_DOCUMENT_ERROR_NOT_SCALAR);
  g_assert_null (mh_document_lookup (doc, "nope", NULL));
  g_assert_null (mh_document_lookup (doc, "k[1]", NULL));
}

/* Engine bugs still open when this suite was last run against the engine:
 * those tests report TODO (incomplete) instead of failing. Each entry names
 * the bug in /tmp/engine-bugs.md's numbering, for the lead. */
static const struct
{
  const char *path;
  const char *reason;
} open_engine_bugs[] = {
  { NULL, NULL },
};

static const char *
open_bug (const char *path)
{
  for (gsize i = 0; open_engine_bugs[i].path != NULL; i++)
    if (strcmp (open_engine_bugs[i].path, path) == 0)
      return open_engine_bugs[i].reason;
  return NULL;
}

static void
report_open_bug (gconstpointer data)
{
  g_test_incomplete (data);
}

static void
add_test (const char *path,
          GTestFunc   func)
{
  const char *reason = open_bug (path);

  if (reason != NULL)
    g_test_add_data_func (path, reason, report_open_bug);
  else
    g_test_add_func (path, func);
}

static void
add_data_test (const char       *path,
               gconstpointer     data,
               GTestDataFunc     func)
{
  const char *reason = open_bug (path);

  if (reason != NULL)
    g_test_add_data_func (path, reason, report_open_bug);
  else
    g_test_add_data_func (path, data, func);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* one wrong case must not hide the others */
  g_test_set_nonfatal_assertions ();

  for (gsize i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/edit/", edit_cases[i].name, NULL);
      add_data_test (path, &edit_cases[i], run_edit_case);
    }

  add_test ("/edit/noop/bom-crlf-trailing-spaces-no-newline", test_noop_bom_crlf);
  add_test ("/edit/noop/styles", test_noop_styles);
  add_test ("/edit/multi-line-plain-and-back", test_multi_line_plain_and_back);
  add_test ("/edit/non-ascii-spans", test_non_ascii_spans);
  add_test ("/edit/u2028-value", test_u2028_value);
  add_test ("/edit/spans/keep-kept-lines", test_keep_span);
  add_test ("/edit/seed/record", test_seed_record);
  add_test ("/edit/seed/all-records", test_seed_records);
  add_test ("/edit/bytes/mid-stream-bom", test_mid_stream_bom);
  add_test ("/edit/bytes/lone-cr", test_lone_cr);
  add_test ("/edit/move/round-trip", test_move_round_trip);
  add_test ("/edit/flow/empty-padding-round-trip", test_empty_flow_padding);
  add_test ("/edit/bytes/separator-breaks", test_separator_breaks);
  add_test ("/edit/records/item-after-dash-comment", test_item_after_dash_comment);
  add_test ("/edit/long-value-never-wrapped", test_long_value);
  add_test ("/edit/body-and-positions", test_body_and_positions);
  add_test ("/edit/sequence-of-edits", test_sequence_of_edits);
  add_test ("/edit/alias/scalar", test_anchor_alias);
  add_test ("/edit/alias/collection", test_anchor_collection);
  add_test ("/edit/alias/merge", test_merge);
  add_test ("/edit/alias/billion-laughs", test_billion_laughs);
  add_test ("/edit/caps/many-aliases", test_many_aliases);
  add_test ("/edit/caps/deep-flow-sequence", test_deep_flow_sequence);
  add_test ("/edit/caps/deep-flow-mapping", test_deep_flow_mapping);
  add_test ("/edit/caps/deep-block-mapping", test_deep_block_mapping);
  add_test ("/edit/caps/deep-block-sequence", test_deep_block_sequence);
  add_test ("/edit/caps/too-big", test_too_big);
  add_test ("/edit/read-only/external", test_external_read_only);
  add_test ("/edit/invalid-paths", test_invalid_paths);

  for (gsize i = 0; i < G_N_ELEMENTS (read_only_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/edit/read-only/", read_only_cases[i].name, NULL);
      add_data_test (path, &read_only_cases[i], run_read_only_case);
    }

  return g_test_run ();
}
