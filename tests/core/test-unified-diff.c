/* test-unified-diff.c: the unified diffs `--dry-run` prints, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-diff.h"

static char *
unified (const char *a,
         const char *b)
{
  return mh_diff_unified ("dir/x.md", a, strlen (a), b, strlen (b), 3);
}

static void
test_equal (void)
{
  g_autofree char *out = unified ("a\nb\n", "a\nb\n");

  g_assert_null (out);
}

static void
test_one_change (void)
{
  g_autofree char *out = unified ("---\ntitle: a\nq: 1\nh: 2\nx: 3\ny: 4\n---\nbody\n",
                                  "---\ntitle: a\nq: 1\nh: 5\nx: 3\ny: 4\n---\nbody\n");

  g_assert_cmpstr (out, ==,
                   "--- a/dir/x.md\n+++ b/dir/x.md\n"
                   "@@ -1,7 +1,7 @@\n ---\n title: a\n q: 1\n-h: 2\n+h: 5\n x: 3\n y: 4\n ---\n");
}

static void
test_two_hunks_and_merge (void)
{
  const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n";
  g_autofree char *apart = unified (a, "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nY\n16\n");
  /* six lines between the changes: one hunk */
  g_autofree char *close = unified (a, "1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n11\n12\n13\n14\n15\n16\n");

  g_assert_cmpstr (apart, ==,
                   "--- a/dir/x.md\n+++ b/dir/x.md\n"
                   "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n"
                   "@@ -12,5 +12,5 @@\n 12\n 13\n 14\n-15\n+Y\n 16\n");
  g_assert_cmpstr (close, ==,
                   "--- a/dir/x.md\n+++ b/dir/x.md\n"
                   "@@ -1,12 +1,12 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+Y\n"
                   " 10\n 11\n 12\n");
}

static void
test_insert_delete_counts (void)
{
  g_autofree char *insert = unified ("a\n", "a\nb\n");
  g_autofree char *from_empty = unified ("", "a\n");
  g_autofree char *to_empty = unified ("a\n", "");

  g_assert_cmpstr (insert, ==, "--- a/dir/x.md\n+++ b/dir/x.md\n@@ -1 +1,2 @@\n a\n+b\n");
  g_assert_cmpstr (from_empty, ==, "--- a/dir/x.md\n+++ b/dir/x.md\n@@ -0,0 +1 @@\n+a\n");
  g_assert_cmpstr (to_empty, ==, "--- a/dir/x.md\n+++ b/dir/x.md\n@@ -1 +0,0 @@\n-a\n");
}

static void
test_crlf_and_no_final_newline (void)
{
  g_autofree char *out = unified ("k: v\r\nx: 1", "k: w\r\nx: 1");
  g_autofree char *last = unified ("k: v\r\nx: 1", "k: v\r\nx: 2");

  /* The CR stays: the diff applies to the file's real bytes. */
  g_assert_cmpstr (out, ==,
                   "--- a/dir/x.md\n+++ b/dir/x.md\n"
                   "@@ -1,2 +1,2 @@\n-k: v\r\n+k: w\r\n x: 1\n\\ No newline at end of file\n");
  g_assert_cmpstr (last, ==,
                   "--- a/dir/x.md\n+++ b/dir/x.md\n"
                   "@@ -1,2 +1,2 @@\n k: v\r\n-x: 1\n\\ No newline at end of file\n"
                   "+x: 2\n\\ No newline at end of file\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/unified-diff/equal", test_equal);
  g_test_add_func ("/core/unified-diff/one-change", test_one_change);
  g_test_add_func ("/core/unified-diff/two-hunks-and-merge", test_two_hunks_and_merge);
  g_test_add_func ("/core/unified-diff/insert-delete-counts", test_insert_delete_counts);
  g_test_add_func ("/core/unified-diff/crlf-and-no-final-newline", test_crlf_and_no_final_newline);

  return g_test_run ();
}
