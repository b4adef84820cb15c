/* test-split.c: the byte-level front-matter split, before any YAML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "mh-split.h"

static void
split_str (const char *data,
           MhSplit    *split)
{
  memset (split, 0xAA, sizeof *split);
  mh_split (data, strlen (data), split);
}

static void
assert_closed (const MhSplit *s,
               gsize          bom_len,
               gsize          block_start,
               gsize          block_end,
               gsize          close_end,
               gboolean       crlf)
{
  g_assert_cmpint (s->kind, ==, MH_SPLIT_CLOSED);
  g_assert_cmpuint (s->bom_len, ==, bom_len);
  g_assert_cmpuint (s->open_start, ==, bom_len);
  g_assert_cmpuint (s->block_start, ==, block_start);
  g_assert_cmpuint (s->block_end, ==, block_end);
  g_assert_cmpuint (s->close_end, ==, close_end);
  g_assert_cmpuint (s->body_start, ==, close_end);
  g_assert_cmpint (!!s->crlf, ==, !!crlf);
}

static void
test_split_plain (void)
{
  MhSplit s;

  /* "---\n" 0-3, "a: 1\n" 4-8, "---\n" 9-12, body 13 */
  split_str ("---\na: 1\n---\nbody\n", &s);
  assert_closed (&s, 0, 4, 9, 13, FALSE);
  g_assert_cmpstr (mh_split_newline (&s), ==, "\n");
}

static void
test_split_bom (void)
{
  MhSplit s;

  split_str ("\xEF\xBB\xBF---\na: 1\n---\nbody\n", &s);
  assert_closed (&s, 3, 7, 12, 16, FALSE);
}

static void
test_split_crlf (void)
{
  MhSplit s;

  /* "---\r\n" 0-4, "a: 1\r\n" 5-10, "---\r\n" 11-15, body 16 */
  split_str ("---\r\na: 1\r\n---\r\nbody\r\n", &s);
  assert_closed (&s, 0, 5, 11, 16, TRUE);
  g_assert_cmpstr (mh_split_newline (&s), ==, "\r\n");
}

static void
test_split_bom_crlf (void)
{
  MhSplit s;

  split_str ("\xEF\xBB\xBF---\r\na: 1\r\n---\r\nbody", &s);
  assert_closed (&s, 3, 8, 14, 19, TRUE);
}

static void
test_split_open_trailing_spaces (void)
{
  MhSplit s;

  /* "--- \n" is still the opening line */
  split_str ("--- \na: 1\n---\n", &s);
  assert_closed (&s, 0, 5, 10, 14, FALSE);

  split_str ("---   \na: 1\n---  \nbody\n", &s);
  assert_closed (&s, 0, 7, 12, 18, FALSE);
}

static void
test_split_four_dashes (void)
{
  MhSplit s;

  /* `----` is not a delimiter: no front matter at all */
  split_str ("----\na: 1\n----\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  g_assert_cmpuint (s.bom_len, ==, 0);

  /* nor does it close a block: the next `---` does */
  split_str ("---\na: |\n----\n---\nbody\n", &s);
  assert_closed (&s, 0, 4, 14, 18, FALSE);
}

static void
test_split_not_openings (void)
{
  MhSplit s;

  split_str ("---x\na: 1\n---\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  split_str (" ---\na: 1\n---\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  split_str ("\n---\na: 1\n---\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  split_str ("...\na: 1\n---\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  split_str ("# Title\n\ntext\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
}

static void
test_split_dots_close (void)
{
  MhSplit s;

  split_str ("---\na: 1\n...\nbody\n", &s);
  assert_closed (&s, 0, 4, 9, 13, FALSE);
  split_str ("---\na: 1\n... \nbody\n", &s);
  assert_closed (&s, 0, 4, 9, 14, FALSE);
}

static void
test_split_not_closings (void)
{
  MhSplit s;

  /* indented, longer or followed by text: not a closing line */
  split_str ("---\na: |\n  ---\nb: ---x\n--- x\n---\n", &s);
  assert_closed (&s, 0, 4, 29, 33, FALSE);
}

static void
test_split_unclosed (void)
{
  MhSplit s;

  split_str ("---\na: 1\nb: 2\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_UNCLOSED);
  g_assert_cmpuint (s.block_start, ==, 4);
  g_assert_cmpuint (s.block_end, ==, 14);
}

static void
test_split_empty (void)
{
  MhSplit s;

  split_str ("", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  g_assert_cmpuint (s.bom_len, ==, 0);
  g_assert_cmpuint (s.body_start, ==, 0);

  split_str ("\xEF\xBB\xBF", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  g_assert_cmpuint (s.bom_len, ==, 3);

  split_str ("\xEF\xBB\xBFHello\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_NONE);
  g_assert_cmpuint (s.bom_len, ==, 3);
}

static void
test_split_dashes_only (void)
{
  MhSplit s;

  /* an opening line and nothing else: unclosed */
  split_str ("---", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_UNCLOSED);
  split_str ("---\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_UNCLOSED);
  g_assert_cmpuint (s.block_start, ==, 4);
  g_assert_cmpuint (s.block_end, ==, 4);

  /* an empty block */
  split_str ("---\n---\n", &s);
  assert_closed (&s, 0, 4, 4, 8, FALSE);
}

static void
test_split_eof_after_close (void)
{
  MhSplit s;

  split_str ("---\na: 1\n---", &s);
  assert_closed (&s, 0, 4, 9, 12, FALSE);
  split_str ("---\r\na: 1\r\n---", &s);
  assert_closed (&s, 0, 5, 11, 14, TRUE);
  split_str ("---\na: 1\n...", &s);
  assert_closed (&s, 0, 4, 9, 12, FALSE);
}

static void
test_split_body_rules (void)
{
  MhSplit s;

  /* the first later `---` closes; the body's rules are the body's */
  split_str ("---\na: 1\n---\nbody\n---\nmore\n---\n", &s);
  assert_closed (&s, 0, 4, 9, 13, FALSE);
}

static void
test_split_mixed_breaks (void)
{
  MhSplit s;

  /* CRLF follows the opening line's break */
  split_str ("---\na: 1\r\n---\r\n", &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_CLOSED);
  g_assert_false (s.crlf);
  g_assert_cmpuint (s.block_end, ==, 10);
  g_assert_cmpuint (s.close_end, ==, 15);
}

static void
test_split_not_nul_terminated (void)
{
  MhSplit s;
  g_autofree char *data = g_malloc (8);

  /* the data is not NUL-terminated: nothing may read past len */
  memcpy (data, "---\n---\n", 8);
  mh_split (data, 7, &s);
  g_assert_cmpint (s.kind, ==, MH_SPLIT_CLOSED);
  g_assert_cmpuint (s.block_end, ==, 4);
  g_assert_cmpuint (s.close_end, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/split/plain", test_split_plain);
  g_test_add_func ("/split/bom", test_split_bom);
  g_test_add_func ("/split/crlf", test_split_crlf);
  g_test_add_func ("/split/bom-crlf", test_split_bom_crlf);
  g_test_add_func ("/split/open-trailing-spaces", test_split_open_trailing_spaces);
  g_test_add_func ("/split/four-dashes", test_split_four_dashes);
  g_test_add_func ("/split/not-openings", test_split_not_openings);
  g_test_add_func ("/split/dots-close", test_split_dots_close);
  g_test_add_func ("/split/not-closings", test_split_not_closings);
  g_test_add_func ("/split/unclosed", test_split_unclosed);
  g_test_add_func ("/split/empty", test_split_empty);
  g_test_add_func ("/split/dashes-only", test_split_dashes_only);
  g_test_add_func ("/split/eof-after-close", test_split_eof_after_close);
  g_test_add_func ("/split/body-rules", test_split_body_rules);
  g_test_add_func ("/split/mixed-breaks", test_split_mixed_breaks);
  g_test_add_func ("/split/not-nul-terminated", test_split_not_nul_terminated);

  return g_test_run ();
}
