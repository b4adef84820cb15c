/* mh-document-edit.c: edit operations as byte splices, verified by re-parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document-edit-private.h"

/* The expected data ------------------------------------------------------- */

static MhNode *
expected_at (Edit        *e,
             const Walk  *walk)
{
  MhNode *node = e->expected;

  for (guint i = 0; i < walk->trail->len; i++)
    node = g_ptr_array_index (node->children, g_array_index (walk->trail, guint, i));
  return node;
}

static MhNode *
data_copy (const MhNode *value)
{
  MhNode *copy = mh_node_copy (value);

  if (copy->kind == MH_NODE_SCALAR && copy->type == MH_SCALAR_TIMESTAMP)
    copy->type = MH_SCALAR_STRING;
  if (copy->children != NULL)
    for (guint i = 0; i < copy->children->len; i++)
      {
        MhNode *child = g_ptr_array_index (copy->children, i);

        if (child->kind == MH_NODE_SCALAR && child->type == MH_SCALAR_TIMESTAMP)
          child->type = MH_SCALAR_STRING;
        else if (child->children != NULL)
          {
            MhNode *fixed = data_copy (child);

            fixed->parent = copy;
            g_ptr_array_index (copy->children, i) = fixed;
            mh_node_free (child);
          }
      }
  return copy;
}

/* Turns @node (a null scalar) into a copy of @tree, in place. */
static void
become (MhNode       *node,
        const MhNode *tree)
{
  g_autoptr(MhNode) copy = data_copy (tree);

  g_free (node->value);
  node->value = g_steal_pointer (&copy->value);
  node->value_len = copy->value_len;
  node->kind = copy->kind;
  node->type = copy->type;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  node->children = g_steal_pointer (&copy->children);
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      ((MhNode *) g_ptr_array_index (node->children, i))->parent = node;
}

/* Walking ------------------------------------------------------------------ */

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->trail, g_array_unref);
}

static gboolean
read_only_error (Edit          *e,
                 const MhNode  *node,
                 GError       **error)
{
  const char *reason;

  if (node->kind == MH_NODE_ALIAS)
    reason = _("The value is an alias (*name) of another value");
  else if (node->anchor != NULL)
    reason = _("The value is anchored (&name) and referred to elsewhere");
  else
    reason = _("The value is part of an alias, an anchor or a “<<” merge");
  g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY, reason);
  return FALSE;
}

static const MhNode *
find_readonly (const MhNode *node)
{
  if (node->readonly)
    return node;
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      {
        const MhNode *found = find_readonly (g_ptr_array_index (node->children, i));

        if (found != NULL)
          return found;
      }
  return NULL;
}

static gboolean
walk_path (Edit          *e,
           const MhPath  *path,
           Walk          *walk,
           GError       **error)
{
  MhNode *node = mh_document_get_root (e->doc);

  walk->trail = g_array_new (FALSE, FALSE, sizeof (guint));
  walk->missing = 0;
  walk->node = node;

  if (node != NULL && node->readonly)
    return read_only_error (e, node, error);

  for (guint i = 0; i < path->n_steps; i++)
    {
      const MhPathStep *step = &path->steps[i];

      if (node == NULL)
        {
          /* An empty front matter: everything is missing below the root. */
          walk->missing = i;
          return TRUE;
        }

      if (step->key != NULL)
        {
          guint pair;
          MhNode *child;

          if (mh_node_is_null (node) && node->kind == MH_NODE_SCALAR)
            {
              walk->missing = i;
              return TRUE;
            }
          if (node->kind != MH_NODE_MAPPING)
            {
              g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                           _("“%s” cannot be set: what holds it is not a mapping"), step->key);
              return FALSE;
            }
          child = mh_node_lookup_key (node, step->key, &pair);
          if (child == NULL)
            {
              walk->missing = i;
              return TRUE;
            }
          g_array_append_val (walk->trail, (guint) { pair * 2 + 1 });
          node = child;
        }
      else
        {
          if (node->kind != MH_NODE_SEQUENCE)
            {
              g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SEQUENCE,
                           _("[%u] cannot be used: the value is not a list"), step->index);
              return FALSE;
            }
          if (step->index >= node->children->len)
            {
              g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INDEX,
                           _("The list has no item [%u]: it has %u"),
                           step->index, node->children->len);
              return FALSE;
            }
          g_array_append_val (walk->trail, step->index);
          node = g_ptr_array_index (node->children, step->index);
        }

      if (node->readonly)
        return read_only_error (e, node, error);
      walk->node = node;
    }

  walk->missing = path->n_steps;
  return TRUE;
}

/* Insertions --------------------------------------------------------------- */

static gsize
flow_open (const Edit   *e,
           const MhNode *flow)
{
  gsize p = _mh_edit_content_start (e, flow);

  while (p < flow->end && e->data[p] != '[' && e->data[p] != '{')
    p++;
  return p;
}

/* Whether each item of a flow collection starts its own line and ends it
 * with a comma. */
static gboolean
flow_items_on_own_lines (const Edit   *e,
                         const MhNode *flow)
{
  guint n = mh_node_get_n_items (flow);

  for (guint i = 0; i < n; i++)
    {
      gsize end = _mh_edit_skip_blanks (e, _mh_edit_flow_item_end (flow, i));

      if (!_mh_edit_starts_line (e, _mh_edit_flow_item_start (flow, i)))
        return FALSE;
      if (end >= e->len || e->data[end] != ',' || !_mh_edit_rest_is_blank (e, end + 1))
        return FALSE;
    }
  return n > 0;
}

static void
flow_insert (Edit         *e,
             const MhNode *flow,
             char         *text)
{
  guint n = mh_node_get_n_items (flow);

  if (n == 0)
    {
      gsize open = flow_open (e, flow) + 1;
      gsize inside = _mh_edit_skip_blanks (e, open);

      /* `[ ]` becomes `[ a ]`: the padding stays on both sides. */
      if (inside > open && inside < e->len && (e->data[inside] == ']' || e->data[inside] == '}'))
        {
          _mh_edit_splice (e, inside, inside, g_strconcat (text, " ", NULL));
          g_free (text);
        }
      else
        _mh_edit_splice (e, open, open, text);
      return;
    }

  if (flow_items_on_own_lines (e, flow))
    {
      gsize last = _mh_edit_flow_item_start (flow, n - 1);
      gsize at = _mh_edit_next_line_start (e, _mh_edit_flow_item_end (flow, n - 1));
      g_autofree char *indent = g_strndup (e->data + _mh_edit_line_start (e, last), _mh_edit_column (e, last));

      _mh_edit_splice (e, at, at, g_strconcat (indent, text, ",", e->nl, NULL));
      g_free (text);
      return;
    }

  {
    gsize at = _mh_edit_flow_item_end (flow, n - 1);
    const char *separator = ", ";

    /* After an empty value (`b:`) the `,` needs a blank before it; at the
     * end of a line it goes on the next one, so that removing the new item
     * again gives back `b:` and not `b: `. */
    if (e->data[at - 1] == ':')
      separator = at < e->len && (e->data[at] == '\n' || e->data[at] == '\r') ? NULL : " , ";
    if (separator == NULL)
      _mh_edit_splice (e, at, at, g_strconcat (e->nl, ", ", text, NULL));
    else
      _mh_edit_splice (e, at, at, g_strconcat (separator, text, NULL));
  }
  g_free (text);
}

/* Where a new entry goes in a block mapping or list: after the last
 * entry's value, before trailing blank lines and comments. */
static gsize
block_append_point (const Edit   *e,
                    const MhNode *collection)
{
  const MhNode *last = g_ptr_array_index (collection->children, collection->children->len - 1);

  return _mh_edit_next_line_start (e, last->end);
}

static gboolean
ensure_line_break_before (Edit    *e,
                          gsize    at,
                          GString *text)
{
  /* Only the end of an unclosed block could lack one; those are read-only. */
  if (at > 0 && e->data[at - 1] != '\n')
    {
      g_string_prepend (text, e->nl);
      return TRUE;
    }
  return FALSE;
}

static gboolean
insert_entry (Edit          *e,
              MhNode        *mapping,     /* NULL: the empty root */
              MhNode        *expected,
              const char    *key,
              const MhNode  *value,
              GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (mapping == NULL || (mapping->style == MH_STYLE_BLOCK && mapping->children->len > 0))
    {
      guint col = 0;
      gsize at;

      if (mapping == NULL)
        at = e->doc->split.block_start;
      else
        {
          col = _mh_edit_column (e, _mh_edit_entry_start (e, mapping, 0));
          at = block_append_point (e, mapping);
        }

      {
        g_autofree char *indent = _mh_edit_spaces (col);

        g_string_append (text, indent);
      }
      if (!_mh_edit_render_block_entry (e, text, key, value, col, error))
        return FALSE;
      g_string_append (text, e->nl);
      ensure_line_break_before (e, at, text);
      _mh_edit_splice (e, at, at, g_string_free (g_steal_pointer (&text), FALSE));
    }
  else
    {
      g_autofree char *key_text = _mh_render_key (key, TRUE);

      if (key_text == NULL)
        {
          g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INVALID_PATH,
                       _("The key “%s” cannot be written on one line"), key);
          return FALSE;
        }
      g_string_append_printf (text, "%s: ", key_text);
      if (!_mh_edit_render_flow (e, text, value, error))
        return FALSE;
      flow_insert (e, mapping, g_string_free (g_steal_pointer (&text), FALSE));
    }

  mh_node_mapping_append (expected, key, data_copy (value));
  return TRUE;
}

/* Replaces a null scalar with a collection (or any tree). */
static gboolean
replace_null (Edit          *e,
              MhNode        *null,
              MhNode        *expected,
              const MhNode  *tree,
              GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  MhNode *parent = null->parent;
  gboolean block_value = parent != NULL && parent->kind == MH_NODE_MAPPING &&
                         parent->style == MH_STYLE_BLOCK && !_mh_edit_in_flow (null);

  if (tree->kind != MH_NODE_SCALAR && tree->children->len > 0 && block_value)
    {
      guint key_col = _mh_edit_owner_column (e, null);
      gsize cstart = _mh_edit_content_start (e, null);
      gboolean no_colon = FALSE;
      gsize at;

      for (guint i = 1; i < parent->children->len; i += 2)
        if (g_ptr_array_index (parent->children, i) == null)
          {
            /* An explicit `? key` counts from its `?`, and may have no `:` yet. */
            key_col = _mh_edit_column (e, _mh_edit_entry_start (e, parent, i / 2));
            no_colon = _mh_edit_find_colon (e, g_ptr_array_index (parent->children, i - 1)) == G_MAXSIZE;
          }

      /* The value's text goes (with a blank before it), the comment stays,
       * the new lines go below the key's line. */
      if (null->end > cstart)
        {
          gsize from = cstart;

          while (from > 0 && (e->data[from - 1] == ' ' || e->data[from - 1] == '\t'))
            from--;
          _mh_edit_splice (e, from, null->end, g_strdup (""));
        }
      at = _mh_edit_next_line_start (e, null->end > cstart ? null->end : cstart);
      if (no_colon)
        {
          g_autofree char *indent = _mh_edit_spaces (key_col);

          at = null->end;
          g_string_append_printf (text, "%s%s:%s", e->nl, indent, e->nl);
        }

      if (tree->kind == MH_NODE_MAPPING)
        {
          if (!_mh_edit_render_block_entries (e, text, tree, key_col + e->map_step, FALSE, error))
            return FALSE;
        }
      else
        {
          guint dash_col = key_col + e->seq_offset;

          for (guint i = 0; i < tree->children->len; i++)
            {
              g_autofree char *indent = _mh_edit_spaces (dash_col);

              g_string_append_printf (text, "%s- ", indent);
              if (!_mh_edit_render_block_item (e, text, g_ptr_array_index (tree->children, i),
                                               dash_col, error))
                return FALSE;
              if (i + 1 < tree->children->len)
                g_string_append (text, e->nl);
            }
        }
      if (!no_colon)
        {
          g_string_append (text, e->nl);
          ensure_line_break_before (e, at, text);
        }
      _mh_edit_splice (e, at, at, g_string_free (g_steal_pointer (&text), FALSE));
    }
  else
    {
      gsize cstart = _mh_edit_content_start (e, null);
      gboolean need_space = null->end == cstart && cstart > 0 &&
                            (e->data[cstart - 1] == ':' || e->data[cstart - 1] == '-');
      const MhNode *key = NULL;
      guint pair = 0;
      gboolean no_colon;

      if (parent != NULL && parent->kind == MH_NODE_MAPPING)
        for (guint i = 1; i < parent->children->len; i += 2)
          if (g_ptr_array_index (parent->children, i) == null)
            {
              key = g_ptr_array_index (parent->children, i - 1);
              pair = i / 2;
            }
      no_colon = key != NULL && null->end == cstart && _mh_edit_find_colon (e, key) == G_MAXSIZE;

      if (no_colon && _mh_edit_in_flow (null))
        g_string_append (text, ": ");
      else if (no_colon)
        {
          /* `? key` alone: the value goes on a line of its own under the `?`. */
          g_autofree char *indent = _mh_edit_spaces (_mh_edit_column (e, _mh_edit_entry_start (e, parent, pair)));

          g_string_append_printf (text, "%s%s: ", e->nl, indent);
        }
      else if (need_space)
        g_string_append_c (text, ' ');
      if (tree->kind == MH_NODE_SCALAR)
        {
          g_autofree char *scalar = _mh_render_scalar (tree, e->forced, _mh_edit_owner_column (e, null) + 2,
                                                       _mh_edit_in_flow (null), e->nl);

          if (scalar == NULL)
            return _mh_edit_fail_render (tree, error);
          g_string_append (text, scalar);
        }
      else if (!_mh_edit_render_flow (e, text, tree, error))
        return FALSE;
      _mh_edit_splice (e, cstart, null->end, g_string_free (g_steal_pointer (&text), FALSE));
    }

  become (expected, tree);
  return TRUE;
}

/* Builds the tree that creates path steps [from, n_steps) holding @leaf. */
static MhNode *
missing_tree (const MhPath *path,
              guint         from,
              const MhNode *leaf)
{
  MhNode *tree = mh_node_copy (leaf);

  for (guint i = path->n_steps - 1; i > from; i--)
    {
      MhNode *mapping = mh_node_new_mapping ();

      mh_node_mapping_append (mapping, path->steps[i].key, tree);
      tree = mapping;
    }
  return tree;
}

/* Sets the missing part of a path to @leaf, creating parent mappings. */
static gboolean
create_missing (Edit          *e,
                const MhPath  *path,
                const Walk    *walk,
                const MhNode  *leaf,
                GError       **error)
{
  g_autoptr(MhNode) tree = NULL;
  MhNode *holder = walk->node;
  MhNode *expected;

  for (guint i = walk->missing; i < path->n_steps; i++)
    if (path->steps[i].key == NULL)
      {
        g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INDEX,
                     _("The list at “%s” does not exist: items are not created"),
                     path->steps[i - 1].key);
        return FALSE;
      }

  tree = missing_tree (path, walk->missing, leaf);

  if (holder == NULL)
    {
      /* The empty root. */
      if (e->expected == NULL)
        e->expected = mh_node_new_mapping ();
      return insert_entry (e, NULL, e->expected, path->steps[walk->missing].key, tree, error);
    }

  expected = expected_at (e, walk);
  if (holder->kind == MH_NODE_SCALAR)
    {
      g_autoptr(MhNode) mapping = mh_node_new_mapping ();

      mh_node_mapping_append (mapping, path->steps[walk->missing].key, g_steal_pointer (&tree));
      return replace_null (e, holder, expected, mapping, error);
    }
  return insert_entry (e, holder, expected, path->steps[walk->missing].key, tree, error);
}

/* Setting a scalar ----------------------------------------------------------- */

/* The column a scalar's continuation lines start at: a block scalar's own
 * content indentation where it has one, else two past its owner's. */
static guint
block_indent (const Edit   *e,
              const MhNode *node)
{
  if (node->style == MH_STYLE_LITERAL || node->style == MH_STYLE_FOLDED)
    {
      gsize p = _mh_edit_next_line_start (e, node->start);

      while (p < node->end)
        {
          gsize text = _mh_edit_skip_blanks (e, p);

          if (text < node->end && e->data[text] != '\n' && e->data[text] != '\r')
            return text - p;
          p = _mh_edit_next_line_start (e, p);
        }
    }
  return _mh_edit_owner_column (e, node) + 2;
}

static gboolean
set_scalar (Edit          *e,
            MhNode        *node,
            MhNode        *expected,
            const MhNode  *value,
            GError       **error)
{
  g_autofree char *text = NULL;
  gsize cstart;
  MhStyle style;

  if (node->kind != MH_NODE_SCALAR)
    {
      g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                           _("The value is a list or a mapping, not a single value"));
      return FALSE;
    }

  /* The value is already there: nothing to write. */
  if ((node->type == value->type ||
       (node->type == MH_SCALAR_STRING && value->type == MH_SCALAR_TIMESTAMP)) &&
      node->value_len == value->value_len &&
      memcmp (node->value, value->value, value->value_len) == 0)
    return TRUE;

  if (mh_node_is_null (node) && node->start == node->end)
    return replace_null (e, node, expected, value, error);

  style = e->forced != MH_STYLE_ANY ? e->forced : node->style;
  text = _mh_render_scalar (value, style, block_indent (e, node), _mh_edit_in_flow (node), e->nl);
  if (text == NULL)
    return _mh_edit_fail_render (value, error);

  cstart = _mh_edit_content_start (e, node);
  if (node->tag != NULL &&
      !(g_str_equal (node->tag, YAML_STR_TAG) && value->type == MH_SCALAR_STRING))
    {
      /* A tag that would contradict the new value goes with the old one. */
      gsize tag = node->start;

      while (tag < cstart && e->data[tag] != '!')
        tag++;
      if (tag < cstart)
        cstart = tag;
      g_clear_pointer (&expected->tag, g_free);
    }
  if (cstart == node->end && cstart > 0 && e->data[cstart - 1] != ' ' &&
      e->data[cstart - 1] != '\t' && e->data[cstart - 1] != '\n')
    {
      /* An empty value right after a tag or an indicator. */
      char *spaced = g_strconcat (" ", text, NULL);

      g_free (text);
      text = spaced;
    }
  _mh_edit_splice (e, cstart, node->end, g_steal_pointer (&text));

  g_free (expected->value);
  expected->value = g_strndup (value->value, value->value_len);
  expected->value_len = value->value_len;
  expected->type = value->type == MH_SCALAR_TIMESTAMP ? MH_SCALAR_STRING : value->type;
  return TRUE;
}

/* Appending to a list -------------------------------------------------------- */

static gboolean
append_item (Edit          *e,
             MhNode        *sequence,
             MhNode        *expected,
             const MhNode  *value,
             GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (sequence->style == MH_STYLE_FLOW || sequence->children->len == 0)
    {
      if (!_mh_edit_render_flow (e, text, value, error))
        return FALSE;
      flow_insert (e, sequence, g_string_free (g_steal_pointer (&text), FALSE));
    }
  else
    {
      gsize dash = _mh_edit_find_dash (e, g_ptr_array_index (sequence->children, 0));
      gsize at = block_append_point (e, sequence);
      guint dash_col;

      if (dash == G_MAXSIZE)
        {
          g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                               _("The list's layout could not be read"));
          return FALSE;
        }
      dash_col = _mh_edit_column (e, dash);
      {
        g_autofree char *indent = _mh_edit_spaces (dash_col);

        g_string_append_printf (text, "%s- ", indent);
      }
      if (!_mh_edit_render_block_item (e, text, value, dash_col, error))
        return FALSE;
      g_string_append (text, e->nl);
      ensure_line_break_before (e, at, text);
      _mh_edit_splice (e, at, at, g_string_free (g_steal_pointer (&text), FALSE));
    }

  mh_node_sequence_append (expected, data_copy (value));
  return TRUE;
}

/* Applying ----------------------------------------------------------------- */

static int
compare_splices (gconstpointer a,
                 gconstpointer b)
{
  const Splice *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* An insertion before a removal at the same place. */
  return (x->end > y->end) - (x->end < y->end);
}

static GBytes *
build_bytes (Edit    *e,
             GError **error)
{
  g_autoptr(GString) out = g_string_sized_new (e->len + 256);
  gsize pos = 0;

  g_array_sort (e->splices, compare_splices);
  for (guint i = 0; i < e->splices->len; i++)
    {
      Splice *s = &g_array_index (e->splices, Splice, i);

      if (s->start < pos)
        {
          g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                               _("The edit touches the same bytes twice"));
          return NULL;
        }
      g_string_append_len (out, e->data + pos, s->start - pos);
      g_string_append (out, s->text);
      pos = s->end;
    }
  g_string_append_len (out, e->data + pos, e->len - pos);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* The first record of a file without front matter gets a block. */
static gboolean
add_front_matter (Edit          *e,
                  const MhPath  *path,
                  const MhEdit  *edit,
                  GError       **error)
{
  g_autoptr(GString) text = g_string_new ("---");
  g_autoptr(MhNode) leaf = NULL;
  g_autoptr(MhNode) tree = NULL;
  gsize at = e->doc->split.bom_len;

  for (guint i = 0; i < path->n_steps; i++)
    if (path->steps[i].key == NULL)
      {
        g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INDEX,
                     _("The list at “%s” does not exist: items are not created"),
                     i > 0 ? path->steps[i - 1].key : "");
        return FALSE;
      }

  if (edit->verb == MH_EDIT_APPEND)
    {
      leaf = mh_node_new_sequence ();
      mh_node_sequence_append (leaf, mh_node_copy (edit->value));
    }
  else
    leaf = mh_node_copy (edit->value);

  tree = missing_tree (path, 0, leaf);
  g_string_append (text, e->nl);
  if (!_mh_edit_render_block_entry (e, text, path->steps[0].key, tree, 0, error))
    return FALSE;
  g_string_append (text, e->nl);
  g_string_append (text, "---");
  g_string_append (text, e->nl);
  _mh_edit_splice (e, at, at, g_string_free (g_steal_pointer (&text), FALSE));

  e->expected = mh_node_new_mapping ();
  mh_node_mapping_append (e->expected, path->steps[0].key, data_copy (tree));
  return TRUE;
}

static gboolean
plan_edit (Edit          *e,
           const MhPath  *path,
           const MhEdit  *edit,
           GError       **error)
{
  Walk walk = { 0 };
  gboolean ok = FALSE;
  MhNode *expected;

  if (e->doc->split.kind == MH_SPLIT_NONE)
    {
      if (edit->verb == MH_EDIT_DELETE || edit->verb == MH_EDIT_MOVE)
        {
          g_autofree char *text = mh_path_to_string (path);

          g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_FOUND,
                       _("“%s” is not in the front matter"), text);
          return FALSE;
        }
      return add_front_matter (e, path, edit, error);
    }

  if (!walk_path (e, path, &walk, error))
    goto out;

  if (walk.missing < path->n_steps)
    {
      g_autoptr(MhNode) leaf = NULL;

      switch (edit->verb)
        {
        case MH_EDIT_SET:
        case MH_EDIT_INSERT:
          ok = create_missing (e, path, &walk, edit->value, error);
          goto out;

        case MH_EDIT_APPEND:
          leaf = mh_node_new_sequence ();
          mh_node_sequence_append (leaf, mh_node_copy (edit->value));
          ok = create_missing (e, path, &walk, leaf, error);
          goto out;

        case MH_EDIT_DELETE:
        case MH_EDIT_MOVE:
        default:
          {
            g_autofree char *text = mh_path_to_string (path);

            g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_FOUND,
                         _("“%s” is not in the front matter"), text);
            goto out;
          }
        }
    }

  expected = expected_at (e, &walk);

  switch (edit->verb)
    {
    case MH_EDIT_SET:
      ok = set_scalar (e, walk.node, expected, edit->value, error);
      break;

    case MH_EDIT_INSERT:
      if (mh_node_is_null (walk.node) && walk.node->kind == MH_NODE_SCALAR)
        ok = replace_null (e, walk.node, expected, edit->value, error);
      else if (edit->value->kind == MH_NODE_SCALAR)
        ok = set_scalar (e, walk.node, expected, edit->value, error);
      else
        g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                             _("The key already holds a value"));
      break;

    case MH_EDIT_APPEND:
      if (mh_node_is_null (walk.node) && walk.node->kind == MH_NODE_SCALAR)
        {
          g_autoptr(MhNode) list = mh_node_new_sequence ();

          mh_node_sequence_append (list, mh_node_copy (edit->value));
          ok = replace_null (e, walk.node, expected, list, error);
        }
      else if (walk.node->kind != MH_NODE_SEQUENCE)
        g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SEQUENCE,
                             _("The value is not a list"));
      else
        ok = append_item (e, walk.node, expected, edit->value, error);
      break;

    case MH_EDIT_MOVE:
      if (find_readonly (walk.node) != NULL)
        ok = read_only_error (e, find_readonly (walk.node), error);
      else if (walk.node->kind != MH_NODE_SEQUENCE)
        g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SEQUENCE,
                             _("The value is not a list"));
      else
        ok = _mh_edit_move_item (e, walk.node, expected, edit->index, edit->to, error);
      break;

    case MH_EDIT_DELETE:
      {
        MhNode *parent = walk.node->parent;
        const MhNode *readonly;
        guint last;

        if (path->n_steps == 0 || parent == NULL)
          {
            g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INVALID_PATH,
                                 _("The whole front matter cannot be removed"));
            break;
          }
        if (parent->readonly)
          {
            ok = read_only_error (e, parent, error);
            break;
          }
        last = g_array_index (walk.trail, guint, walk.trail->len - 1);
        readonly = find_readonly (walk.node);
        if (readonly == NULL && parent->kind == MH_NODE_MAPPING)
          readonly = find_readonly (g_ptr_array_index (parent->children, last - 1));
        if (readonly != NULL)
          {
            /* Removing an anchor that an alias refers to would break the alias. */
            ok = read_only_error (e, readonly, error);
            break;
          }
        {
          Walk up = walk;
          MhNode *expected_parent;

          up.trail = g_array_copy (walk.trail);
          g_array_set_size (up.trail, up.trail->len - 1);
          expected_parent = expected_at (e, &up);
          g_array_unref (up.trail);
          ok = _mh_edit_delete_child (e, parent, expected_parent,
                                      parent->kind == MH_NODE_MAPPING ? last / 2 : last, error);
        }
      }
      break;

    default:
      g_assert_not_reached ();
    }

out:
  walk_clear (&walk);
  return ok;
}

/* Returns: (transfer full) (nullable): the new bytes' document when they
 * pass, so the caller takes its parse instead of parsing again. */
static MhDocument *
verify (Edit        *e,
        GBytes      *bytes,
        GError     **error)
{
  g_autoptr(MhDocument) check = mh_document_new (bytes);
  const char *reason = mh_document_get_readonly_reason (check, NULL);
  gsize new_len;
  const char *new_data = g_bytes_get_data (bytes, &new_len);
  const MhNode *root = mh_document_get_root (check);
  gsize old_body = e->len - e->doc->split.body_start;
  gsize new_body = new_len - check->split.body_start;

  if (reason != NULL)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                   _("The edit was refused: the result would not read back (%s)"), reason);
      return NULL;
    }

  /* Empty mappings and an empty block are the same data. */
  if (!(root == NULL && (e->expected == NULL || e->expected->children->len == 0)) &&
      !(root != NULL && e->expected != NULL && mh_node_equal (root, e->expected)))
    {
      g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                           _("The edit was refused: the result would not read back as intended"));
      return NULL;
    }

  /* The body is never touched. */
  if (e->doc->split.kind != MH_SPLIT_NONE &&
      (old_body != new_body ||
       memcmp (e->data + e->doc->split.body_start, new_data + check->split.body_start, old_body) != 0))
    {
      g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                           _("The edit was refused: it would change the body"));
      return NULL;
    }

  /* Bytes outside the spliced spans are the old ones. */
  if (e->splices->len > 0)
    {
      const Splice *first = &g_array_index (e->splices, Splice, 0);
      const Splice *last = &g_array_index (e->splices, Splice, e->splices->len - 1);
      gsize tail = e->len - last->end;

      if (new_len < first->start + tail ||
          memcmp (new_data, e->data, first->start) != 0 ||
          memcmp (new_data + new_len - tail, e->data + last->end, tail) != 0)
        {
          g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                               _("The edit was refused: it would change other bytes"));
          return NULL;
        }
    }

  return g_steal_pointer (&check);
}

gboolean
_mh_document_apply_edit (MhDocument    *self,
                         const MhEdit  *edit,
                         MhStyle        forced_style,
                         GError       **error)
{
  g_autoptr(MhPath) path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MhDocument) check = NULL;
  const char *reason;
  Edit e = { 0 };
  gboolean found_map = FALSE, found_seq = FALSE;
  gboolean ok = FALSE;

  reason = mh_document_get_readonly_reason (self, NULL);
  if (reason != NULL)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                   _("The file is read-only: %s"), reason);
      return FALSE;
    }

  if ((edit->verb == MH_EDIT_SET || edit->verb == MH_EDIT_APPEND || edit->verb == MH_EDIT_INSERT) &&
      edit->value == NULL)
    {
      g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                           _("The edit has no value"));
      return FALSE;
    }
  if (edit->verb == MH_EDIT_SET && edit->value->kind != MH_NODE_SCALAR)
    {
      g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                           _("Only a single value can be set"));
      return FALSE;
    }

  path = mh_path_parse (edit->path, error);
  if (path == NULL)
    return FALSE;

  e.doc = self;
  e.data = g_bytes_get_data (self->bytes, &e.len);
  if (e.data == NULL)
    e.data = "";
  e.forced = forced_style;
  e.map_step = 2;
  e.seq_offset = 2;
  e.splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  e.expected = self->root != NULL ? mh_node_copy (self->root) : NULL;

  if (self->split.kind == MH_SPLIT_NONE)
    {
      const char *nl = memchr (e.data, '\n', e.len);

      /* A file without front matter: follow its first line break. */
      e.nl = nl != NULL && nl > e.data && nl[-1] == '\r' ? "\r\n" : "\n";
    }
  else
    e.nl = mh_split_newline (&self->split);

  _mh_edit_detect_style (&e, self->root, &found_map, &found_seq);

  if (plan_edit (&e, path, edit, error))
    {
      bytes = build_bytes (&e, error);
      if (bytes != NULL)
        {
          if (g_bytes_equal (bytes, self->bytes))
            ok = TRUE;
          else if ((check = verify (&e, bytes, error)) != NULL)
            {
              _mh_document_take (self, check);
              ok = TRUE;
            }
        }
    }

  for (guint i = 0; i < e.splices->len; i++)
    g_free (g_array_index (e.splices, Splice, i).text);
  g_array_unref (e.splices);
  mh_node_free (e.expected);
  return ok;
}
