/* mh-diff.c: a small line diff (LCS): the form's "Changes" view and unified diffs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-diff.h"

/* Past this many cells of the LCS table, the middle part is shown as all removed then all added:
 * a record's front matter is small, and a huge rewrite is no longer worth a fine diff. */
#define MAX_LCS_CELLS (4 * 1024 * 1024)

typedef struct
{
  const char *start;
  gsize       len;
} Line;

void
mh_diff_line_free (MhDiffLine *line)
{
  if (line == NULL)
    return;
  g_free (line->text);
  g_free (line);
}

static GArray *
split_lines (const char *text,
             gsize       len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize start = 0;

  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        Line line = { text + start, i + 1 - start };

        g_array_append_val (lines, line);
        start = i + 1;
      }
  if (start < len)
    {
      Line line = { text + start, len - start };

      g_array_append_val (lines, line);
    }
  return lines;
}

static gboolean
line_equal (const Line *a,
            const Line *b)
{
  return a->len == b->len && memcmp (a->start, b->start, a->len) == 0;
}

typedef struct
{
  MhDiffKind kind;
  guint      old_index;  /* line in old (context, removed) */
  guint      new_index;  /* line in new (context, added) */
} Op;

static void
add_op (GArray     *ops,
        MhDiffKind  kind,
        guint       old_index,
        guint       new_index)
{
  Op op = { kind, old_index, new_index };

  g_array_append_val (ops, op);
}

/* The edit script of old[lo_a, hi_a) against new[lo_b, hi_b), by a full LCS table. */
static void
diff_middle (GArray *ops,
             GArray *a,
             guint   lo_a,
             guint   hi_a,
             GArray *b,
             guint   lo_b,
             guint   hi_b)
{
  guint n = hi_a - lo_a;
  guint m = hi_b - lo_b;
  g_autofree guint *table = NULL;
  guint i = 0;
  guint j = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_LCS_CELLS)
    {
      for (i = lo_a; i < hi_a; i++)
        add_op (ops, MH_DIFF_REMOVED, i, lo_b);
      for (j = lo_b; j < hi_b; j++)
        add_op (ops, MH_DIFF_ADDED, hi_a, j);
      return;
    }

  /* table[i][j]: LCS length of the suffixes old[i..] and new[j..]. */
  table = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  for (i = n; i-- > 0;)
    for (j = m; j-- > 0;)
      {
        const Line *la = &g_array_index (a, Line, lo_a + i);
        const Line *lb = &g_array_index (b, Line, lo_b + j);

        if (line_equal (la, lb))
          table[i * (m + 1) + j] = table[(i + 1) * (m + 1) + j + 1] + 1;
        else
          table[i * (m + 1) + j] = MAX (table[(i + 1) * (m + 1) + j],
                                        table[i * (m + 1) + j + 1]);
      }

  i = j = 0;
  while (i < n || j < m)
    {
      if (i < n && j < m
          && line_equal (&g_array_index (a, Line, lo_a + i), &g_array_index (b, Line, lo_b + j)))
        {
          add_op (ops, MH_DIFF_CONTEXT, lo_a + i, lo_b + j);
          i++, j++;
        }
      else if (i < n && (j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]))
        {
          add_op (ops, MH_DIFF_REMOVED, lo_a + i, lo_b + j);
          i++;
        }
      else
        {
          add_op (ops, MH_DIFF_ADDED, lo_a + i, lo_b + j);
          j++;
        }
    }
}

static MhDiffLine *
diff_line_new (MhDiffKind  kind,
               const Line *line)
{
  MhDiffLine *ret = g_new0 (MhDiffLine, 1);
  gsize len = line->len;

  if (len > 0 && line->start[len - 1] == '\n')
    len--;
  ret->kind = kind;
  /* Show a CRLF file's CR instead of hiding what may be the very change. */
  if (len > 0 && line->start[len - 1] == '\r')
    {
      g_autofree char *body = g_utf8_make_valid (line->start, len - 1);

      ret->text = g_strconcat (body, "␍", NULL);
    }
  else
    ret->text = g_utf8_make_valid (line->start, len);
  return ret;
}

/* The edit script of @a against @b: the common prefix and suffix as
 * context, the middle by LCS. */
static GArray *
compute_ops (GArray *a,
             GArray *b)
{
  GArray *ops = g_array_new (FALSE, FALSE, sizeof (Op));
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < a->len && prefix < b->len
         && line_equal (&g_array_index (a, Line, prefix), &g_array_index (b, Line, prefix)))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix
         && line_equal (&g_array_index (a, Line, a->len - 1 - suffix),
                        &g_array_index (b, Line, b->len - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    add_op (ops, MH_DIFF_CONTEXT, i, i);
  diff_middle (ops, a, prefix, a->len - suffix, b, prefix, b->len - suffix);
  for (guint i = 0; i < suffix; i++)
    add_op (ops, MH_DIFF_CONTEXT, a->len - suffix + i, b->len - suffix + i);
  return ops;
}

typedef struct
{
  guint start;      /* first op of the hunk */
  guint end;        /* past its last op */
  guint old_start;  /* 0-based first line on each side */
  guint old_count;
  guint new_start;
  guint new_count;
} Hunk;

/* The next hunk from op *@i on: changes with @context lines around them,
 * merged when less than 2 * @context + 1 lines apart. FALSE at the end. */
static gboolean
next_hunk (GArray *ops,
           guint  *i,
           guint   context,
           Hunk   *hunk)
{
  guint first_change = *i;
  const Op *start_op;

  while (first_change < ops->len && g_array_index (ops, Op, first_change).kind == MH_DIFF_CONTEXT)
    first_change++;
  if (first_change == ops->len)
    return FALSE;

  hunk->start = first_change > context ? first_change - context : 0;
  if (hunk->start < *i)
    hunk->start = *i;

  hunk->end = first_change;
  while (hunk->end < ops->len)
    {
      guint run = 0;

      while (hunk->end < ops->len && g_array_index (ops, Op, hunk->end).kind != MH_DIFF_CONTEXT)
        hunk->end++;
      while (hunk->end + run < ops->len
             && g_array_index (ops, Op, hunk->end + run).kind == MH_DIFF_CONTEXT)
        run++;
      if (hunk->end + run == ops->len || run > 2 * context)
        {
          hunk->end += MIN (run, context);
          break;
        }
      hunk->end += run;
    }

  hunk->old_count = hunk->new_count = 0;
  for (guint k = hunk->start; k < hunk->end; k++)
    {
      MhDiffKind kind = g_array_index (ops, Op, k).kind;

      if (kind != MH_DIFF_ADDED)
        hunk->old_count++;
      if (kind != MH_DIFF_REMOVED)
        hunk->new_count++;
    }
  start_op = &g_array_index (ops, Op, hunk->start);
  hunk->old_start = start_op->old_index;
  hunk->new_start = start_op->new_index;
  *i = hunk->end;
  return TRUE;
}

static const Line *
op_line (const Op *op,
         GArray   *a,
         GArray   *b)
{
  return op->kind == MH_DIFF_ADDED ? &g_array_index (b, Line, op->new_index)
                                   : &g_array_index (a, Line, op->old_index);
}

/**
 * mh_diff_lines:
 *
 * Returns: (transfer full) (element-type MhDiffLine): hunks with @context lines around them
 */
GPtrArray *
mh_diff_lines (const char *old_text,
               gsize       old_len,
               const char *new_text,
               gsize       new_len,
               guint       context)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_diff_line_free);
  g_autoptr(GArray) a = split_lines (old_text, old_len);
  g_autoptr(GArray) b = split_lines (new_text, new_len);
  g_autoptr(GArray) ops = compute_ops (a, b);
  guint i = 0;
  Hunk hunk;

  while (next_hunk (ops, &i, context, &hunk))
    {
      MhDiffLine *header = g_new0 (MhDiffLine, 1);

      header->kind = MH_DIFF_HUNK;
      header->text = g_strdup_printf ("@@ -%u,%u +%u,%u @@", hunk.old_start + 1, hunk.old_count,
                                      hunk.new_start + 1, hunk.new_count);
      g_ptr_array_add (result, header);

      for (guint k = hunk.start; k < hunk.end; k++)
        {
          const Op *op = &g_array_index (ops, Op, k);

          g_ptr_array_add (result, diff_line_new (op->kind, op_line (op, a, b)));
        }
    }

  return result;
}

/* `-a,n` as diff -u writes it: `,1` left out, and an empty side names the
 * line before. */
static void
append_range (GString *out,
              char     sign,
              guint    start,
              guint    count)
{
  if (count == 1)
    g_string_append_printf (out, "%c%u", sign, start + 1);
  else
    g_string_append_printf (out, "%c%u,%u", sign, count == 0 ? start : start + 1, count);
}

/**
 * mh_diff_unified:
 *
 * Returns: (transfer full) (nullable): the unified diff, or %NULL when equal
 */
char *
mh_diff_unified (const char *name,
                 const char *old_text,
                 gsize       old_len,
                 const char *new_text,
                 gsize       new_len,
                 guint       context)
{
  g_autoptr(GArray) a = split_lines (old_text, old_len);
  g_autoptr(GArray) b = split_lines (new_text, new_len);
  g_autoptr(GArray) ops = compute_ops (a, b);
  g_autoptr(GString) out = g_string_new (NULL);
  static const char signs[] = { ' ', '-', '+' };
  guint i = 0;
  Hunk hunk;

  g_return_val_if_fail (name != NULL, NULL);

  while (next_hunk (ops, &i, context, &hunk))
    {
      if (out->len == 0)
        g_string_append_printf (out, "--- a/%s\n+++ b/%s\n", name, name);
      g_string_append (out, "@@ ");
      append_range (out, '-', hunk.old_start, hunk.old_count);
      g_string_append_c (out, ' ');
      append_range (out, '+', hunk.new_start, hunk.new_count);
      g_string_append (out, " @@\n");

      for (guint k = hunk.start; k < hunk.end; k++)
        {
          const Op *op = &g_array_index (ops, Op, k);
          const Line *line = op_line (op, a, b);

          g_string_append_c (out, signs[op->kind]);
          g_string_append_len (out, line->start, (gssize) line->len);
          if (line->len == 0 || line->start[line->len - 1] != '\n')
            g_string_append (out, "\n\\ No newline at end of file\n");
        }
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}
