/* mh-document.c: one record's bytes, its YAML span tree, and lossless edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document-private.h"

G_DEFINE_QUARK (mh-document-error-quark, mh_document_error)

MhEdit *
mh_edit_new (MhEditVerb  verb,
             const char *path,
             MhNode     *value)
{
  MhEdit *edit = g_new0 (MhEdit, 1);

  edit->verb = verb;
  edit->path = g_strdup (path);
  edit->value = value;
  return edit;
}

MhEdit *
mh_edit_new_move (const char *path,
                  guint       from,
                  guint       to)
{
  MhEdit *edit = mh_edit_new (MH_EDIT_MOVE, path, NULL);

  edit->index = from;
  edit->to = to;
  return edit;
}

MhEdit *
mh_edit_copy (const MhEdit *edit)
{
  MhEdit *copy = mh_edit_new (edit->verb, edit->path, mh_node_copy (edit->value));

  copy->index = edit->index;
  copy->to = edit->to;
  return copy;
}

void
mh_edit_free (MhEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->path);
  mh_node_free (edit->value);
  g_free (edit);
}

static void
document_load (MhDocument *self,
               GBytes     *bytes)
{
  MhParseResult result;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_clear_pointer (&self->root, mh_node_free);
  _mh_arena_clear (&self->arena);
  g_clear_pointer (&self->readonly_reason, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  self->bytes = g_bytes_ref (bytes);
  self->readonly_offset = G_MAXSIZE;
  mh_split (data ? data : "", len, &self->split);

  switch (self->split.kind)
    {
    case MH_SPLIT_NONE:
      return;

    case MH_SPLIT_UNCLOSED:
      self->readonly_reason = g_strdup (_("The front matter has no closing “---” line"));
      self->readonly_offset = self->split.open_start;
      return;

    case MH_SPLIT_CLOSED:
    default:
      break;
    }

  _mh_parse_block (data, len, &self->split, &result);
  self->root = result.root;
  self->arena = result.arena;
  self->readonly_reason = result.error;
  self->readonly_offset = result.error_offset;
}

/**
 * mh_document_new:
 * @bytes: a record's whole file
 *
 * Returns: (transfer full): the document; never fails, see
 *   mh_document_get_readonly_reason()
 */
MhDocument *
mh_document_new (GBytes *bytes)
{
  MhDocument *self = g_new0 (MhDocument, 1);

  g_return_val_if_fail (bytes != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->original = g_bytes_ref (bytes);
  document_load (self, bytes);
  return self;
}

MhDocument *
mh_document_new_from_data (const char *data,
                           gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  return mh_document_new (bytes);
}

MhDocument *
mh_document_ref (MhDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mh_document_unref (MhDocument *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->root, mh_node_free);
  _mh_arena_clear (&self->arena);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_free (self->readonly_reason);
  g_free (self->fs_readonly_reason);
  g_free (self);
}

GBytes *
mh_document_get_bytes (MhDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bytes;
}

const MhSplit *
mh_document_get_split (MhDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->split;
}

MhNode *
mh_document_get_root (MhDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->root != NULL && self->root->kind == MH_NODE_MAPPING)
    return self->root;
  return NULL;
}

const char *
mh_document_get_body (MhDocument *self,
                      gsize      *len)
{
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);

  *len = size - self->split.body_start;
  return data ? data + self->split.body_start : "";
}

const char *
mh_document_get_readonly_reason (MhDocument *self,
                                 gsize      *offset)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->readonly_reason != NULL)
    {
      if (offset != NULL)
        *offset = self->readonly_offset;
      return self->readonly_reason;
    }
  if (offset != NULL)
    *offset = G_MAXSIZE;
  return self->fs_readonly_reason;
}

void
mh_document_set_readonly_reason (MhDocument *self,
                                 const char *reason)
{
  g_return_if_fail (self != NULL);

  g_free (self->fs_readonly_reason);
  self->fs_readonly_reason = g_strdup (reason);
}

void
mh_document_get_position (MhDocument *self,
                          gsize       offset,
                          guint      *line,
                          guint      *column)
{
  gsize len;
  const char *data = g_bytes_get_data (self->bytes, &len);
  gsize line_start = 0;
  guint n_lines = 1;
  guint n_chars = 0;

  offset = MIN (offset, len);
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        n_lines++;
        line_start = i + 1;
      }
  if (line_start < self->split.bom_len)
    line_start = self->split.bom_len;
  for (gsize i = line_start; i < offset; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      n_chars++;

  if (line != NULL)
    *line = n_lines;
  if (column != NULL)
    *column = n_chars + 1;
}

gboolean
mh_document_is_modified (MhDocument *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return !g_bytes_equal (self->bytes, self->original);
}

static const MhNode *
lookup_merged_key (const MhNode *mapping,
                   const char   *key,
                   guint         depth)
{
  const MhNode *value = mh_node_lookup_key (mapping, key, NULL);
  const MhNode *merge;

  if (value != NULL || depth > 16)
    return value;

  merge = mh_node_resolve (mh_node_lookup_key (mapping, "<<", NULL));
  if (merge == NULL)
    return NULL;
  if (merge->kind == MH_NODE_MAPPING)
    return mh_node_resolve (lookup_merged_key (merge, key, depth + 1));
  if (merge->kind == MH_NODE_SEQUENCE)
    for (guint i = 0; i < merge->children->len; i++)
      {
        const MhNode *item = mh_node_resolve (g_ptr_array_index (merge->children, i));

        if (item != NULL && item->kind == MH_NODE_MAPPING &&
            (value = lookup_merged_key (item, key, depth + 1)) != NULL)
          return mh_node_resolve (value);
      }
  return NULL;
}

MhNode *
mh_document_lookup_path (MhDocument    *self,
                         const MhPath  *path,
                         GError       **error)
{
  const MhNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  node = mh_document_get_root (self);
  for (guint i = 0; node != NULL && i < path->n_steps; i++)
    {
      const MhPathStep *step = &path->steps[i];

      node = mh_node_resolve (node);
      if (step->key != NULL)
        node = node->kind == MH_NODE_MAPPING ? lookup_merged_key (node, step->key, 0) : NULL;
      else
        node = node->kind == MH_NODE_SEQUENCE ? mh_node_get_item (node, step->index) : NULL;
    }

  if (node == NULL)
    {
      g_autofree char *text = mh_path_to_string (path);

      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_FOUND,
                   _("“%s” is not in the front matter"), text);
      return NULL;
    }
  return (MhNode *) mh_node_resolve (node);
}

MhNode *
mh_document_lookup (MhDocument  *self,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(MhPath) parsed = mh_path_parse (path, error);

  if (parsed == NULL)
    return NULL;
  return mh_document_lookup_path (self, parsed, error);
}

const char *
mh_document_get_path_readonly_reason (MhDocument *self,
                                      const char *path,
                                      gsize      *offset)
{
  g_autoptr(MhPath) parsed = NULL;
  const char *reason = mh_document_get_readonly_reason (self, offset);
  const MhNode *node;

  if (reason != NULL)
    return reason;

  parsed = mh_path_parse (path, NULL);
  if (parsed == NULL)
    return NULL;

  /* Walk without resolving: what matters is the nodes the path's own bytes are in. */
  node = mh_document_get_root (self);
  for (guint i = 0; node != NULL && i < parsed->n_steps; i++)
    {
      const MhPathStep *step = &parsed->steps[i];

      if (node->readonly)
        break;
      if (step->key != NULL)
        node = node->kind == MH_NODE_MAPPING ? mh_node_lookup_key (node, step->key, NULL) : NULL;
      else
        node = node->kind == MH_NODE_SEQUENCE ? mh_node_get_item (node, step->index) : NULL;
    }

  if (node == NULL || !node->readonly)
    return NULL;

  if (offset != NULL)
    *offset = node->start;
  if (node->kind == MH_NODE_ALIAS)
    return _("The value is an alias (*name) of another value");
  if (node->anchor != NULL)
    return _("The value is anchored (&name) and referred to elsewhere");
  for (const MhNode *n = node; n != NULL; n = n->parent)
    if (n->kind == MH_NODE_MAPPING && mh_node_lookup_key (n, "<<", NULL) != NULL)
      return _("The value is part of a mapping with a “<<” merge");
  return _("The value is part of an alias, an anchor or a merge");
}

gboolean
mh_document_apply (MhDocument    *self,
                   const MhEdit  *edit,
                   GError       **error)
{
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (_mh_document_apply_edit (self, edit, MH_STYLE_ANY, &first_error))
    return TRUE;

  /* A scalar the emitter put in a style that did not read back as meant
   * (a rare line-break or indentation subtlety) gets one more try in
   * double quotes, which can hold anything on one line. */
  if (g_error_matches (first_error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY) &&
      (edit->verb == MH_EDIT_SET || edit->verb == MH_EDIT_APPEND) &&
      _mh_document_apply_edit (self, edit, MH_STYLE_DOUBLE_QUOTED, NULL))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&first_error));
  return FALSE;
}

/* Takes the bytes, tree and split of a verified edit's document, which
 * parsed them already. */
void
_mh_document_take (MhDocument *self,
                   MhDocument *check)
{
  MhArena arena = self->arena;

  g_clear_pointer (&self->root, mh_node_free);
  g_clear_pointer (&self->readonly_reason, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  _mh_arena_clear (&arena);

  self->bytes = g_steal_pointer (&check->bytes);
  self->split = check->split;
  self->root = g_steal_pointer (&check->root);
  self->arena = check->arena;
  check->arena = (MhArena) { 0 };
  self->readonly_reason = g_steal_pointer (&check->readonly_reason);
  self->readonly_offset = check->readonly_offset;
}
