/* mh-diff.h: a small line diff (LCS): the form's "Changes" view and unified diffs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MH_DIFF_CONTEXT,  /* the same on both sides */
  MH_DIFF_REMOVED,
  MH_DIFF_ADDED,
  MH_DIFF_HUNK,     /* a hunk header: text is "@@ -a,n +b,m @@" */
} MhDiffKind;

typedef struct
{
  MhDiffKind  kind;
  char       *text;   /* the line without its line break (a CR is kept visible as such) */
} MhDiffLine;

void       mh_diff_line_free (MhDiffLine *line);

/* Returns: (transfer full) (element-type MhDiffLine): the hunks that turn
 * @old into @new, each with @context lines around it; empty when equal. */
GPtrArray *mh_diff_lines     (const char *old_text,
                              gsize       old_len,
                              const char *new_text,
                              gsize       new_len,
                              guint       context);

/* The diff -u of @old into @new: `--- a/NAME`, `+++ b/NAME`, then `@@`
 * hunks with @context lines around each change; lines keep their bytes (a
 * CR included), and a last line without a line break is followed by
 * `\ No newline at end of file`. Returns: (transfer full) (nullable): %NULL
 * when the texts are equal */
char      *mh_diff_unified   (const char *name,
                              const char *old_text,
                              gsize       old_len,
                              const char *new_text,
                              gsize       new_len,
                              guint       context);

G_END_DECLS
