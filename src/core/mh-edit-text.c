/* mh-edit-text.c: where an edit reads positions in the text, and the text it renders for new nodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document-edit-private.h"

/* Lines and columns ----------------------------------------------------- */

gsize
_mh_edit_line_start (const Edit *e,
                     gsize       p)
{
  while (p > 0 && e->data[p - 1] != '\n')
    p--;
  return p;
}

gsize
_mh_edit_next_line_start (const Edit *e,
                          gsize       p)
{
  const char *nl = p < e->len ? memchr (e->data + p, '\n', e->len - p) : NULL;

  return nl ? (gsize) (nl - e->data) + 1 : e->len;
}

guint
_mh_edit_column (const Edit *e,
                 gsize       p)
{
  return p - _mh_edit_line_start (e, p);
}

static gboolean
only_blanks (const Edit *e,
             gsize       from,
             gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (e->data[i] != ' ' && e->data[i] != '\t')
      return FALSE;
  return TRUE;
}

gboolean
_mh_edit_starts_line (const Edit *e,
                      gsize       p)
{
  return only_blanks (e, _mh_edit_line_start (e, p), p);
}

gsize
_mh_edit_skip_blanks (const Edit *e,
                      gsize       p)
{
  while (p < e->len && (e->data[p] == ' ' || e->data[p] == '\t'))
    p++;
  return p;
}

/* Whether the rest of the line after @p is blank or a comment. */
gboolean
_mh_edit_rest_is_blank (const Edit *e,
                        gsize       p)
{
  p = _mh_edit_skip_blanks (e, p);
  return p >= e->len || e->data[p] == '\n' || e->data[p] == '\r' || e->data[p] == '#';
}

char *
_mh_edit_spaces (guint n)
{
  char *s = g_malloc (n + 1);

  memset (s, ' ', n);
  s[n] = '\0';
  return s;
}

/* The first byte of a node's own text, past an anchor or a tag. */
gsize
_mh_edit_content_start (const Edit   *e,
                        const MhNode *node)
{
  gsize p = node->start;

  while (p < node->end && (e->data[p] == '&' || e->data[p] == '!'))
    {
      while (p < node->end && e->data[p] != ' ' && e->data[p] != '\t' &&
             e->data[p] != '\n' && e->data[p] != '\r')
        p++;
      while (p < node->end && (e->data[p] == ' ' || e->data[p] == '\t' ||
                               e->data[p] == '\n' || e->data[p] == '\r'))
        p++;
    }
  return p;
}

/* The `:` after a block mapping's key, or G_MAXSIZE. */
gsize
_mh_edit_find_colon (const Edit   *e,
                     const MhNode *key)
{
  gsize p = key->end;

  while (p < e->len && (e->data[p] == ' ' || e->data[p] == '\t'))
    p++;
  return p < e->len && e->data[p] == ':' ? p : G_MAXSIZE;
}

gboolean
_mh_edit_inside_scalar (const MhNode *node,
                        gsize         offset)
{
  if (node == NULL)
    return FALSE;
  if (node->kind == MH_NODE_SCALAR)
    return node->start < offset && offset < node->end;
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      if (_mh_edit_inside_scalar (g_ptr_array_index (node->children, i), offset))
        return TRUE;
  return FALSE;
}

/* Where a mapping entry's text starts: its key, or the `?` before it. */
gsize
_mh_edit_entry_start (const Edit   *e,
                      const MhNode *mapping,
                      guint         pair)
{
  const MhNode *key = g_ptr_array_index (mapping->children, pair * 2);
  gsize p = key->start;
  gsize floor;
  gsize q;

  /* A `?` before the previous entry's end is that entry's. */
  if (pair == 0)
    floor = mapping->start;
  else
    {
      const MhNode *prev_key = g_ptr_array_index (mapping->children, pair * 2 - 2);
      const MhNode *prev_value = g_ptr_array_index (mapping->children, pair * 2 - 1);

      floor = MAX (prev_key->end, prev_value->end);
    }

  /* Back over blanks, line breaks and a comment after the `?`: the key may
   * sit on the line below a lone `?`. */
  for (;;)
    {
      gsize line, hash;

      while (p > 0 && (e->data[p - 1] == ' ' || e->data[p - 1] == '\t' ||
                       e->data[p - 1] == '\n' || e->data[p - 1] == '\r'))
        p--;
      if (p == 0 || p <= floor)
        break;
      line = _mh_edit_line_start (e, p - 1);
      for (hash = line; hash < p; hash++)
        if (e->data[hash] == '#' && (hash == line || e->data[hash - 1] == ' ' ||
                                     e->data[hash - 1] == '\t'))
          break;
      if (hash >= p || hash < floor || _mh_edit_inside_scalar (e->doc->root, hash))
        break;
      p = hash;
    }
  if (p == 0 || e->data[p - 1] != '?' || p - 1 < floor)
    return key->start;
  q = p - 1;
  /* Only an indicator: blanks before it on its line, and a blank or a break after it. */
  if (!only_blanks (e, _mh_edit_line_start (e, q), q) ||
      (q + 1 < e->len && e->data[q + 1] != ' ' && e->data[q + 1] != '\t' &&
       e->data[q + 1] != '\n' && e->data[q + 1] != '\r'))
    return key->start;
  return q;
}

/* The `-` in front of a block sequence item. */
gsize
_mh_edit_find_dash (const Edit   *e,
                    const MhNode *item)
{
  gsize p = item->start;

  if (item->start == item->end && p > 0 && e->data[p - 1] == '-')
    return p - 1;
  while (p > 0)
    {
      gsize line, text, hash;

      p--;
      if (e->data[p] == '-')
        return p;
      if (e->data[p] == ' ' || e->data[p] == '\t' || e->data[p] == '\n' || e->data[p] == '\r')
        continue;

      /* A comment between the dash and the item (`- # c` above it, or a
       * comment line): look at what the line holds before its `#`. */
      line = _mh_edit_line_start (e, p);
      text = _mh_edit_skip_blanks (e, line);
      for (hash = text; hash < p && e->data[hash] != '#'; hash++)
        ;
      if (hash >= p || (hash > line && e->data[hash - 1] != ' ' && e->data[hash - 1] != '\t'))
        break;
      if (text == hash)
        {
          /* A comment line: keep going up. */
          p = line;
          continue;
        }
      if (e->data[text] == '-' && only_blanks (e, text + 1, hash))
        return text;
      break;
    }
  return G_MAXSIZE;
}

gboolean
_mh_edit_in_flow (const MhNode *node)
{
  for (const MhNode *n = node->parent; n != NULL; n = n->parent)
    if (n->style == MH_STYLE_FLOW)
      return TRUE;
  return FALSE;
}

/* The column a node's own entries start at: the key's for a mapping value,
 * the dash's for a list item, 0 for the root. */
guint
_mh_edit_owner_column (const Edit   *e,
                       const MhNode *node)
{
  const MhNode *parent = node->parent;

  if (parent == NULL)
    return 0;
  if (parent->kind == MH_NODE_MAPPING)
    for (guint i = 1; i < parent->children->len; i += 2)
      if (g_ptr_array_index (parent->children, i) == node)
        return _mh_edit_column (e, ((MhNode *) g_ptr_array_index (parent->children, i - 1))->start);
  if (parent->kind == MH_NODE_SEQUENCE && parent->style == MH_STYLE_BLOCK)
    {
      gsize dash = _mh_edit_find_dash (e, node);

      if (dash != G_MAXSIZE)
        return _mh_edit_column (e, dash);
    }
  return _mh_edit_column (e, node->start);
}

void
_mh_edit_splice (Edit       *e,
                 gsize       start,
                 gsize       end,
                 char       *text)
{
  Splice s = { start, end, text };

  g_assert (start <= end && end <= e->len);
  g_array_append_val (e->splices, s);
}

static gsize
pair_end (const MhNode *mapping,
          guint         pair)
{
  const MhNode *key = g_ptr_array_index (mapping->children, pair * 2);
  const MhNode *value = g_ptr_array_index (mapping->children, pair * 2 + 1);

  return MAX (key->end, value->end);
}

/* Where a flow collection's item @i starts and ends (past its value). */
gsize
_mh_edit_flow_item_start (const MhNode *flow,
                          guint         i)
{
  if (flow->kind == MH_NODE_MAPPING)
    return ((MhNode *) g_ptr_array_index (flow->children, i * 2))->start;
  return ((MhNode *) g_ptr_array_index (flow->children, i))->start;
}

gsize
_mh_edit_flow_item_end (const MhNode *flow,
                        guint         i)
{
  if (flow->kind == MH_NODE_MAPPING)
    return pair_end (flow, i);
  return ((MhNode *) g_ptr_array_index (flow->children, i))->end;
}

/* Rendering trees --------------------------------------------------------- */

gboolean
_mh_edit_fail_render (const MhNode  *value,
                      GError       **error)
{
  g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
               _("“%s” cannot be written as that type"), value->value ? value->value : "");
  return FALSE;
}

gboolean
_mh_edit_render_flow (Edit          *e,
                      GString       *out,
                      const MhNode  *value,
                      GError       **error)
{
  switch (value->kind)
    {
    case MH_NODE_SCALAR:
      {
        g_autofree char *text = _mh_render_scalar (value, e->forced, 0, TRUE, e->nl);

        if (text == NULL)
          return _mh_edit_fail_render (value, error);
        g_string_append (out, text);
        return TRUE;
      }

    case MH_NODE_SEQUENCE:
      g_string_append_c (out, '[');
      for (guint i = 0; i < value->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (!_mh_edit_render_flow (e, out, g_ptr_array_index (value->children, i), error))
            return FALSE;
        }
      g_string_append_c (out, ']');
      return TRUE;

    case MH_NODE_MAPPING:
      g_string_append_c (out, '{');
      for (guint i = 0; i < value->children->len; i += 2)
        {
          MhNode *key = g_ptr_array_index (value->children, i);
          g_autofree char *key_text = _mh_render_key (key->value, TRUE);

          if (key_text == NULL)
            return _mh_edit_fail_render (key, error);
          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, key_text);
          g_string_append (out, ": ");
          if (!_mh_edit_render_flow (e, out, g_ptr_array_index (value->children, i + 1), error))
            return FALSE;
        }
      g_string_append_c (out, '}');
      return TRUE;

    case MH_NODE_ALIAS:
    default:
      return _mh_edit_fail_render (value, error);
    }
}

/* A list item's text after `- `, whose dash is at @dash_col. */
gboolean
_mh_edit_render_block_item (Edit          *e,
                            GString       *out,
                            const MhNode  *item,
                            guint          dash_col,
                            GError       **error)
{
  if (item->kind == MH_NODE_MAPPING && item->children->len > 0)
    return _mh_edit_render_block_entries (e, out, item, dash_col + 2, TRUE, error);

  if (item->kind == MH_NODE_SEQUENCE && item->children->len > 0)
    {
      for (guint i = 0; i < item->children->len; i++)
        {
          if (i > 0)
            {
              g_autofree char *indent = _mh_edit_spaces (dash_col + 2);

              g_string_append (out, indent);
            }
          g_string_append (out, "- ");
          if (!_mh_edit_render_block_item (e, out, g_ptr_array_index (item->children, i),
                                           dash_col + 2, error))
            return FALSE;
          if (i + 1 < item->children->len)
            g_string_append (out, e->nl);
        }
      return TRUE;
    }

  if (item->kind == MH_NODE_SCALAR)
    {
      g_autofree char *text = _mh_render_scalar (item, e->forced, dash_col + 2, FALSE, e->nl);

      if (text == NULL)
        return _mh_edit_fail_render (item, error);
      g_string_append (out, text);
      return TRUE;
    }

  return _mh_edit_render_flow (e, out, item, error);
}

/* `key: value` for block context, with nested lines; no final line break.
 * The first line carries no indentation (the caller writes it). */
gboolean
_mh_edit_render_block_entry (Edit          *e,
                             GString       *out,
                             const char    *key,
                             const MhNode  *value,
                             guint          col,
                             GError       **error)
{
  g_autofree char *key_text = _mh_render_key (key, FALSE);

  if (key_text == NULL)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INVALID_PATH,
                   _("The key “%s” cannot be written on one line"), key);
      return FALSE;
    }
  g_string_append (out, key_text);

  if (value->kind == MH_NODE_MAPPING && value->children->len > 0)
    {
      g_string_append_c (out, ':');
      g_string_append (out, e->nl);
      return _mh_edit_render_block_entries (e, out, value, col + e->map_step, FALSE, error);
    }

  if (value->kind == MH_NODE_SEQUENCE && value->children->len > 0)
    {
      guint dash_col = col + e->seq_offset;

      g_string_append_c (out, ':');
      g_string_append (out, e->nl);
      for (guint i = 0; i < value->children->len; i++)
        {
          g_autofree char *indent = _mh_edit_spaces (dash_col);

          g_string_append (out, indent);
          g_string_append (out, "- ");
          if (!_mh_edit_render_block_item (e, out, g_ptr_array_index (value->children, i), dash_col, error))
            return FALSE;
          if (i + 1 < value->children->len)
            g_string_append (out, e->nl);
        }
      return TRUE;
    }

  g_string_append (out, ": ");
  if (value->kind == MH_NODE_SCALAR)
    {
      g_autofree char *text = _mh_render_scalar (value, e->forced, col + 2, FALSE, e->nl);

      if (text == NULL)
        return _mh_edit_fail_render (value, error);
      g_string_append (out, text);
      return TRUE;
    }
  return _mh_edit_render_flow (e, out, value, error);
}

gboolean
_mh_edit_render_block_entries (Edit          *e,
                               GString       *out,
                               const MhNode  *mapping,
                               guint          col,
                               gboolean       first_inline,
                               GError       **error)
{
  for (guint i = 0; i < mapping->children->len; i += 2)
    {
      MhNode *key = g_ptr_array_index (mapping->children, i);

      if (i > 0 || !first_inline)
        {
          g_autofree char *indent = _mh_edit_spaces (col);

          g_string_append (out, indent);
        }
      if (!_mh_edit_render_block_entry (e, out, key->value, g_ptr_array_index (mapping->children, i + 1),
                                        col, error))
        return FALSE;
      if (i + 2 < mapping->children->len)
        g_string_append (out, e->nl);
    }
  return TRUE;
}

/* Detects how the file indents nested mappings and lists. */
void
_mh_edit_detect_style (Edit         *e,
                       const MhNode *node,
                       gboolean     *found_map,
                       gboolean     *found_seq)
{
  if (node == NULL || node->children == NULL || node->style != MH_STYLE_BLOCK)
    return;

  if (node->kind == MH_NODE_MAPPING)
    for (guint i = 0; i < node->children->len && !(*found_map && *found_seq); i += 2)
      {
        MhNode *key = g_ptr_array_index (node->children, i);
        MhNode *value = g_ptr_array_index (node->children, i + 1);
        guint key_col = _mh_edit_column (e, key->start);

        if (value->style == MH_STYLE_BLOCK && value->children->len > 0 &&
            !_mh_edit_starts_line (e, key->start))
          {
            /* A key sharing the line with a dash: skip, its column is not an indent. */
          }
        else if (value->kind == MH_NODE_MAPPING && value->style == MH_STYLE_BLOCK &&
                 value->children->len > 0 && !*found_map)
          {
            guint child_col = _mh_edit_column (e, ((MhNode *) g_ptr_array_index (value->children, 0))->start);

            if (child_col > key_col)
              {
                e->map_step = child_col - key_col;
                *found_map = TRUE;
              }
          }
        else if (value->kind == MH_NODE_SEQUENCE && value->style == MH_STYLE_BLOCK &&
                 value->children->len > 0 && !*found_seq)
          {
            gsize dash = _mh_edit_find_dash (e, g_ptr_array_index (value->children, 0));

            if (dash != G_MAXSIZE && _mh_edit_column (e, dash) >= key_col)
              {
                e->seq_offset = _mh_edit_column (e, dash) - key_col;
                *found_seq = TRUE;
              }
          }
        _mh_edit_detect_style (e, value, found_map, found_seq);
      }
  else
    for (guint i = 0; i < node->children->len && !(*found_map && *found_seq); i++)
      _mh_edit_detect_style (e, g_ptr_array_index (node->children, i), found_map, found_seq);
}

