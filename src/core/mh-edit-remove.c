/* mh-edit-remove.c: edits that take text out: deleting keys and items, emptying, moving items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document-edit-private.h"

/* Removals ----------------------------------------------------------------- */


/* The first byte of an entry's own lines: its line, and the comment lines
 * directly above at the same indentation. */
static gsize
own_lines_start (const Edit *e,
                 gsize       first)
{
  gsize start = _mh_edit_line_start (e, first);
  guint col = first - start;

  while (start > e->doc->split.block_start)
    {
      gsize prev = _mh_edit_line_start (e, start - 1);
      gsize p = _mh_edit_skip_blanks (e, prev);

      /* A `#` line inside a quoted scalar is no comment. */
      if (p - prev != col || p >= start || e->data[p] != '#' ||
          _mh_edit_inside_scalar (e->doc->root, p))
        break;
      start = prev;
    }
  return start;
}

/* Empties a block collection: `key: []`, `key: {}`, `- {}`, or an empty root. */
static gboolean
empty_block (Edit         *e,
             const MhNode *collection)
{
  const char *empty = collection->kind == MH_NODE_MAPPING ? "{}" : "[]";
  MhNode *parent = collection->parent;
  const MhNode *first = g_ptr_array_index (collection->children, 0);
  gsize first_start = collection->kind == MH_NODE_SEQUENCE ? _mh_edit_find_dash (e, first)
                                                            : _mh_edit_entry_start (e, collection, 0);
  gsize lines_end = _mh_edit_next_line_start (e, collection->end);

  if (first_start == G_MAXSIZE)
    return FALSE;

  if (parent == NULL)
    {
      _mh_edit_splice (e, own_lines_start (e, first_start), lines_end, g_strdup (""));
      return TRUE;
    }

  if (!_mh_edit_starts_line (e, first_start))
    {
      /* `- a: 1` or `- - a`: the collection starts after a dash. */
      _mh_edit_splice (e, first_start, collection->end, g_strdup (empty));
      return TRUE;
    }

  if (parent->kind == MH_NODE_MAPPING)
    {
      for (guint i = 1; i < parent->children->len; i += 2)
        if (g_ptr_array_index (parent->children, i) == collection)
          {
            gsize colon = _mh_edit_find_colon (e, g_ptr_array_index (parent->children, i - 1));

            if (colon != G_MAXSIZE && colon < first_start)
              {
                g_autoptr(GString) props = g_string_new (NULL);
                gsize p = collection->start;

                if (collection->start <= colon || collection->start >= first_start)
                  {
                    _mh_edit_splice (e, colon + 1, colon + 1, g_strconcat (" ", empty, NULL));
                    _mh_edit_splice (e, own_lines_start (e, first_start), lines_end, g_strdup (""));
                    return TRUE;
                  }

                /* An anchor or a tag before the entries (maybe on lines of
                 * their own) stays, on the key's line: `key: &a !!map {}`. */
                while (p < first_start && (e->data[p] == '&' || e->data[p] == '!'))
                  {
                    gsize token = p;

                    while (p < e->len && e->data[p] != ' ' && e->data[p] != '\t' &&
                           e->data[p] != '\n' && e->data[p] != '\r')
                      p++;
                    g_string_append_len (props, e->data + token, p - token);
                    g_string_append_c (props, ' ');
                    while (p < first_start && (e->data[p] == ' ' || e->data[p] == '\t' ||
                                               e->data[p] == '\n' || e->data[p] == '\r'))
                      p++;
                  }
                g_string_append (props, empty);
                g_string_append (props, e->nl);
                _mh_edit_splice (e, collection->start, lines_end, g_string_free (g_steal_pointer (&props), FALSE));
                return TRUE;
              }
          }
    }

  /* A collection alone under a dash on its own line. */
  _mh_edit_splice (e, own_lines_start (e, first_start), lines_end, g_strconcat (empty, e->nl, NULL));
  return TRUE;
}

static void
flow_remove (Edit         *e,
             const MhNode *flow,
             guint         i)
{
  guint n = mh_node_get_n_items (flow);
  gsize start = _mh_edit_flow_item_start (flow, i);
  gsize end = _mh_edit_flow_item_end (flow, i);
  gsize after = _mh_edit_skip_blanks (e, end);
  gboolean own_line = _mh_edit_starts_line (e, start) &&
                      (_mh_edit_rest_is_blank (e, end) ||
                       (after < e->len && e->data[after] == ',' && _mh_edit_rest_is_blank (e, after + 1)));

  if (own_line)
    {
      _mh_edit_splice (e, _mh_edit_line_start (e, start), _mh_edit_next_line_start (e, end), g_strdup (""));
      return;
    }
  if (n == 1)
    {
      if (after < e->len && e->data[after] == ',')
        end = after + 1;
      /* `[ x ]` gives back `[ ]`: one of the two paddings goes with the item. */
      else if (start > 0 && (e->data[start - 1] == ' ' || e->data[start - 1] == '\t') &&
               end + 1 < e->len && e->data[end] == ' ' &&
               (e->data[end + 1] == ']' || e->data[end + 1] == '}'))
        end++;
      _mh_edit_splice (e, start, end, g_strdup (""));
      return;
    }
  if (i + 1 < n)
    _mh_edit_splice (e, start, _mh_edit_flow_item_start (flow, i + 1), g_strdup (""));
  else
    _mh_edit_splice (e, _mh_edit_flow_item_end (flow, i - 1), end, g_strdup (""));
}

gboolean
_mh_edit_delete_child (Edit          *e,
                       MhNode        *collection,
                       MhNode        *expected,
                       guint          i,
                       GError       **error)
{
  gboolean mapping = collection->kind == MH_NODE_MAPPING;
  guint n = mh_node_get_n_items (collection);

  if (collection->style == MH_STYLE_FLOW)
    flow_remove (e, collection, i);
  else if (n == 1)
    {
      if (!empty_block (e, collection))
        {
          g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                               _("The list's layout could not be read"));
          return FALSE;
        }
    }
  else
    {
      const MhNode *child = mapping ? g_ptr_array_index (collection->children, i * 2)
                                    : g_ptr_array_index (collection->children, i);
      const MhNode *value = mapping ? g_ptr_array_index (collection->children, i * 2 + 1) : child;
      gsize first = mapping ? _mh_edit_entry_start (e, collection, i) : _mh_edit_find_dash (e, child);

      if (first == G_MAXSIZE)
        {
          g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                               _("The item's lines could not be found"));
          return FALSE;
        }

      if (!_mh_edit_starts_line (e, first) && i + 1 < n)
        {
          /* The first entry sits after a dash: the next one moves up onto its line. */
          const MhNode *next = mapping ? g_ptr_array_index (collection->children, i * 2 + 2)
                                       : g_ptr_array_index (collection->children, i + 1);
          gsize next_first = mapping ? _mh_edit_entry_start (e, collection, i + 1) : _mh_edit_find_dash (e, next);

          _mh_edit_splice (e, first, next_first, g_strdup (""));
        }
      else
        _mh_edit_splice (e, own_lines_start (e, first), _mh_edit_next_line_start (e, value->end), g_strdup (""));
    }

  if (mapping)
    g_ptr_array_remove_range (expected->children, i * 2, 2);
  else
    g_ptr_array_remove_index (expected->children, i);
  return TRUE;
}

/* Moves -------------------------------------------------------------------- */

gboolean
_mh_edit_move_item (Edit          *e,
                    MhNode        *sequence,
                    MhNode        *expected,
                    guint          from,
                    guint          to,
                    GError       **error)
{
  guint n = sequence->children->len;
  MhNode *moved;

  if (from >= n || to >= n)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INDEX,
                   _("The list has no item [%u]: it has %u"), MAX (from, to), n);
      return FALSE;
    }
  if (from == to)
    return TRUE;

  if (sequence->style == MH_STYLE_FLOW)
    {
      /* Items trade places; the separators between them stay. */
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (order, g_ptr_array_index (sequence->children, i));
      moved = g_ptr_array_steal_index (order, from);
      g_ptr_array_insert (order, to, moved);

      for (guint i = 0; i < n; i++)
        {
          const MhNode *slot = g_ptr_array_index (sequence->children, i);
          const MhNode *item = g_ptr_array_index (order, i);

          g_string_append_len (text, e->data + item->start, item->end - item->start);
          if (i + 1 < n)
            {
              const MhNode *next = g_ptr_array_index (sequence->children, i + 1);

              g_string_append_len (text, e->data + slot->end, next->start - slot->end);
            }
        }
      _mh_edit_splice (e, ((MhNode *) g_ptr_array_index (sequence->children, 0))->start,
                       ((MhNode *) g_ptr_array_index (sequence->children, n - 1))->end,
                       g_string_free (g_steal_pointer (&text), FALSE));
    }
  else
    {
      /* Each item's own lines (its comments above included) trade places;
       * what lies between items (blank lines, other comments) stays put, so
       * a move and the move back give the same bytes. */
      g_autofree gsize *seg_start = g_new (gsize, n);
      g_autofree gsize *seg_end = g_new (gsize, n);
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          const MhNode *item = g_ptr_array_index (sequence->children, i);
          gsize dash = _mh_edit_find_dash (e, item);

          if (dash == G_MAXSIZE || !_mh_edit_starts_line (e, dash))
            {
              g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                                   _("Items that share a line cannot be moved"));
              return FALSE;
            }
          seg_start[i] = own_lines_start (e, dash);
          seg_end[i] = _mh_edit_next_line_start (e, item->end);
          g_ptr_array_add (order, GUINT_TO_POINTER (i));
        }

      moved = g_ptr_array_steal_index (order, from);
      g_ptr_array_insert (order, to, moved);

      for (guint i = 0; i < n; i++)
        {
          guint k = GPOINTER_TO_UINT (g_ptr_array_index (order, i));
          gsize len = seg_end[k] - seg_start[k];

          g_string_append_len (text, e->data + seg_start[k], len);
          /* The last item may end without a line break (end of a block that
           * ends without one): others get the file's. */
          if (len > 0 && e->data[seg_end[k] - 1] != '\n' && i + 1 < n)
            g_string_append (text, e->nl);
          if (i + 1 < n)
            g_string_append_len (text, e->data + seg_end[i], seg_start[i + 1] - seg_end[i]);
        }
      _mh_edit_splice (e, seg_start[0], seg_end[n - 1], g_string_free (g_steal_pointer (&text), FALSE));
    }

  moved = g_ptr_array_steal_index (expected->children, from);
  g_ptr_array_insert (expected->children, to, moved);
  return TRUE;
}

