/* mh-split.h: find the front-matter block in a record's bytes, before any YAML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MH_SPLIT_NONE,      /* no opening `---` line: a record without front matter */
  MH_SPLIT_CLOSED,    /* opening and closing line found */
  MH_SPLIT_UNCLOSED,  /* opening line but no closing line: read-only */
} MhSplitKind;

/* All offsets are bytes from the start of the file (BOM included). */
typedef struct
{
  MhSplitKind kind;
  gsize       bom_len;      /* 0 or 3 */
  gsize       open_start;   /* the opening `---` line */
  gsize       block_start;  /* first byte after the opening line's break */
  gsize       block_end;    /* start of the closing line (or end of data when unclosed) */
  gsize       close_end;    /* first byte after the closing line's break */
  gsize       body_start;   /* == close_end */
  gboolean    crlf;         /* the opening line ends with CRLF */
} MhSplit;

void        mh_split         (const char *data,
                              gsize       len,
                              MhSplit    *split);
const char *mh_split_newline (const MhSplit *split);

G_END_DECLS
