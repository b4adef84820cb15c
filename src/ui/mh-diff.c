/* mh-diff.c: a small line diff (LCS) for the form's "Changes" view
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
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (Op));
  guint prefix = 0;
  guint suffix = 0;
  guint i = 0;

  while (prefix < a->len && prefix < b->len
         && line_equal (&g_array_index (a, Line, prefix), &g_array_index (b, Line, prefix)))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix
         && line_equal (&g_array_index (a, Line, a->len - 1 - suffix),
                        &g_array_index (b, Line, b->len - 1 - suffix)))
    suffix++;

  for (i = 0; i < prefix; i++)
    add_op (ops, MH_DIFF_CONTEXT, i, i);
  diff_middle (ops, a, prefix, a->len - suffix, b, prefix, b->len - suffix);
  for (i = 0; i < suffix; i++)
    add_op (ops, MH_DIFF_CONTEXT, a->len - suffix + i, b->len - suffix + i);

  /* Group changed ops with their context into hunks. */
  i = 0;
  while (i < ops->len)
    {
      guint first_change = i;
      guint hunk_start;
      guint hunk_end;
      guint old_count = 0;
      guint new_count = 0;
      const Op *start_op;

      while (first_change < ops->len
             && g_array_index (ops, Op, first_change).kind == MH_DIFF_CONTEXT)
        first_change++;
      if (first_change == ops->len)
        break;

      hunk_start = first_change > context ? first_change - context : 0;
      if (hunk_start < i)
        hunk_start = i;

      /* Extend while the next change is within 2 * context lines. */
      hunk_end = first_change;
      while (hunk_end < ops->len)
        {
          guint run = 0;

          while (hunk_end < ops->len && g_array_index (ops, Op, hunk_end).kind != MH_DIFF_CONTEXT)
            hunk_end++;
          while (hunk_end + run < ops->len
                 && g_array_index (ops, Op, hunk_end + run).kind == MH_DIFF_CONTEXT)
            run++;
          if (hunk_end + run == ops->len || run > 2 * context)
            {
              hunk_end += MIN (run, context);
              break;
            }
          hunk_end += run;
        }

      for (guint k = hunk_start; k < hunk_end; k++)
        {
          MhDiffKind kind = g_array_index (ops, Op, k).kind;

          if (kind != MH_DIFF_ADDED)
            old_count++;
          if (kind != MH_DIFF_REMOVED)
            new_count++;
        }

      start_op = &g_array_index (ops, Op, hunk_start);
      {
        MhDiffLine *header = g_new0 (MhDiffLine, 1);

        header->kind = MH_DIFF_HUNK;
        header->text = g_strdup_printf ("@@ -%u,%u +%u,%u @@",
                                        start_op->old_index + 1, old_count,
                                        start_op->new_index + 1, new_count);
        g_ptr_array_add (result, header);
      }

      for (guint k = hunk_start; k < hunk_end; k++)
        {
          const Op *op = &g_array_index (ops, Op, k);
          const Line *line = op->kind == MH_DIFF_ADDED
                             ? &g_array_index (b, Line, op->new_index)
                             : &g_array_index (a, Line, op->old_index);

          g_ptr_array_add (result, diff_line_new (op->kind, line));
        }

      i = hunk_end;
    }

  return result;
}
