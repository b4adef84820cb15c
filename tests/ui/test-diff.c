/* test-diff.c: the line diff behind the form's "Changes" view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-diff.h"

static char *
render (const char *a,
        const char *b,
        guint       context)
{
  g_autoptr(GPtrArray) lines = mh_diff_lines (a, strlen (a), b, strlen (b), context);
  GString *out = g_string_new (NULL);
  static const char *prefix[] = { " ", "-", "+", "" };

  for (guint i = 0; i < lines->len; i++)
    {
      const MhDiffLine *line = g_ptr_array_index (lines, i);

      g_string_append_printf (out, "%s%s\n", prefix[line->kind], line->text);
    }
  return g_string_free (out, FALSE);
}

static void
test_equal (void)
{
  g_autofree char *out = render ("a\nb\n", "a\nb\n", 3);

  g_assert_cmpstr (out, ==, "");
}

static void
test_change (void)
{
  g_autofree char *out = render ("---\ntitle: a\nquality: 1\nheat: 2\n---\n",
                                 "---\ntitle: b\nquality: 1\nheat: 2\n---\n", 1);

  g_assert_cmpstr (out, ==, "@@ -1,3 +1,3 @@\n ---\n-title: a\n+title: b\n quality: 1\n");
}

static void
test_insert_and_delete (void)
{
  g_autofree char *out = render ("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
                                 "a\nc\nd\ne\nf\ng\nh\ni\nX\nj\n", 1);

  g_assert_cmpstr (out, ==,
                   "@@ -1,3 +1,2 @@\n a\n-b\n c\n"
                   "@@ -9,2 +8,3 @@\n i\n+X\n j\n");
}

static void
test_crlf_and_no_final_newline (void)
{
  g_autofree char *out = render ("k: v\r\nx: 1", "k: w\r\nx: 1", 0);

  g_assert_cmpstr (out, ==, "@@ -1,1 +1,1 @@\n-k: v␍\n+k: w␍\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/diff/equal", test_equal);
  g_test_add_func ("/ui/diff/change", test_change);
  g_test_add_func ("/ui/diff/insert-and-delete", test_insert_and_delete);
  g_test_add_func ("/ui/diff/crlf-and-no-final-newline", test_crlf_and_no_final_newline);

  return g_test_run ();
}
