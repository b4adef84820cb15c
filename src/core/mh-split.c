/* mh-split.c: find the front-matter block in a record's bytes, before any YAML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mh-split.h"

#include <string.h>

/* If a delimiter line (@marker, then spaces or tabs, then a line break or
 * the end) starts at @pos, return the offset after its break. */
static gboolean
match_delimiter (const char *data,
                 gsize       len,
                 gsize       pos,
                 const char *marker,
                 gsize      *line_end,
                 gboolean   *crlf)
{
  gsize p = pos;

  if (len - pos < 3 || memcmp (data + pos, marker, 3) != 0)
    return FALSE;

  p += 3;
  while (p < len && (data[p] == ' ' || data[p] == '\t'))
    p++;

  if (p == len)
    {
      *line_end = p;
      *crlf = FALSE;
      return TRUE;
    }
  if (data[p] == '\n')
    {
      *line_end = p + 1;
      *crlf = FALSE;
      return TRUE;
    }
  if (data[p] == '\r' && p + 1 < len && data[p + 1] == '\n')
    {
      *line_end = p + 2;
      *crlf = TRUE;
      return TRUE;
    }

  return FALSE;
}

void
mh_split (const char *data,
          gsize       len,
          MhSplit    *split)
{
  gsize pos = 0;
  gsize line_end;
  gboolean crlf = FALSE;
  gboolean ignored;

  memset (split, 0, sizeof *split);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    split->bom_len = 3;

  split->open_start = split->bom_len;

  if (!match_delimiter (data, len, split->bom_len, "---", &line_end, &crlf))
    {
      split->kind = MH_SPLIT_NONE;
      split->block_start = split->block_end = split->bom_len;
      split->close_end = split->body_start = split->bom_len;
      return;
    }

  split->crlf = crlf;
  split->block_start = line_end;

  /* An opening line at the very end, with no break, has no block at all. */
  pos = line_end;
  if (pos == len && (pos == 0 || data[pos - 1] != '\n'))
    {
      split->kind = MH_SPLIT_UNCLOSED;
      split->block_end = split->close_end = split->body_start = len;
      return;
    }

  while (pos < len)
    {
      const char *nl;

      if (match_delimiter (data, len, pos, "---", &line_end, &ignored) ||
          match_delimiter (data, len, pos, "...", &line_end, &ignored))
        {
          split->kind = MH_SPLIT_CLOSED;
          split->block_end = pos;
          split->close_end = split->body_start = line_end;
          return;
        }

      nl = memchr (data + pos, '\n', len - pos);
      if (nl == NULL)
        break;
      pos = (nl - data) + 1;
    }

  split->kind = MH_SPLIT_UNCLOSED;
  split->block_end = split->close_end = split->body_start = len;
}

const char *
mh_split_newline (const MhSplit *split)
{
  return split->crlf ? "\r\n" : "\n";
}
