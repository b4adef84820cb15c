/* mh-article-edit.c: an article's edits: engine operations, actions, replay for undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-schema.h"

static GPtrArray *
edits_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
}

/* Tells the observer what one action did: the bytes from @before to now,
 * @dropped operations taken off the list, the ones from @first_added on
 * appended. */
static void
tell_edited (MhArticle  *self,
             const char *label,
             const char *path,
             GBytes     *before,
             GPtrArray  *dropped,
             guint       first_added)
{
  g_autoptr(MhPatch) patch = NULL;
  g_autoptr(GPtrArray) added = edits_new ();
  g_autoptr(GPtrArray) none = NULL;
  MhArticleChange change = { 0 };

  if (self->observer == NULL || self->observer->edited == NULL)
    return;

  patch = mh_patch_new_diff (before, _mh_article_current_bytes (self) != NULL
                                     ? _mh_article_current_bytes (self)
                                     : self->loaded_bytes);
  for (guint i = first_added; i < self->edits->len; i++)
    g_ptr_array_add (added, mh_edit_copy (g_ptr_array_index (self->edits, i)));
  if (patch == NULL && added->len == 0 && (dropped == NULL || dropped->len == 0))
    return;
  if (dropped == NULL)
    dropped = none = edits_new ();

  change.label = label;
  change.path = path;
  change.patch = patch;
  change.dropped = dropped;
  change.added = added;
  change.generation = self->generation;
  self->observer->edited (self, &change, self->observer_data);
}

void
_mh_article_begin_action (MhArticle *self)
{
  self->action_depth++;
}

void
_mh_article_end_action (MhArticle  *self,
                        const char *label)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (self->action_depth > 0);

  if (--self->action_depth > 0)
    return;

  before = g_steal_pointer (&self->action_before);
  path = g_steal_pointer (&self->action_path);
  if (before != NULL)
    tell_edited (self, label, self->action_mixed ? NULL : path, before, NULL,
                 MIN (self->action_n_edits, self->edits->len));
  self->action_mixed = FALSE;
  _mh_article_maybe_drop_document (self);
}

gboolean
mh_article_apply (MhArticle     *self,
                  const MhEdit  *edit,
                  GError       **error)
{
  g_autoptr(GBytes) before = NULL;
  GBytes *after;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (!_mh_article_ensure_document (self, error))
    return FALSE;

  before = g_bytes_ref (mh_document_get_bytes (self->document));
  if (!mh_document_apply (self->document, edit, error))
    {
      _mh_article_maybe_drop_document (self);
      return FALSE;
    }
  after = mh_document_get_bytes (self->document);
  if (g_bytes_equal (before, after))
    {
      _mh_article_maybe_drop_document (self);
      return TRUE;
    }

  g_ptr_array_add (self->edits, mh_edit_copy (edit));
  self->modified = !g_bytes_equal (after, self->loaded_bytes);
  if (self->action_depth == 0)
    tell_edited (self, NULL, edit->path, before, NULL, self->edits->len - 1);
  else if (self->action_before == NULL)
    {
      self->action_before = g_bytes_ref (before);
      self->action_path = g_strdup (edit->path);
      self->action_n_edits = self->edits->len - 1;
    }
  else if (g_strcmp0 (self->action_path, edit->path) != 0)
    self->action_mixed = TRUE;

  _mh_article_document_changed (self, edit->path, TRUE);
  _mh_article_finish_change (self);
  return TRUE;
}

gboolean
mh_article_apply_patch (MhArticle      *self,
                        const MhPatch  *patch,
                        GError        **error)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);

  if (self->document == NULL && self->bytes != NULL)
    {
      /* Modified, not held: patch the kept bytes, parsed once. */
      if (!_mh_article_parse_patched (self, self->bytes, patch, error))
        return FALSE;
    }
  else if (self->document == NULL)
    {
      /* Not held (an undo after a save, say): read the file and parse only
       * the patched bytes, once, as mh_article_apply_change() does. A file
       * the system made read-only meanwhile goes the long way: its
       * document carries the reason, and the patch still applies to it. */
      MhFileContents *contents = mh_file_load (self->file, NULL, error);

      if (contents == NULL)
        return FALSE;
      if (contents->readonly_reason == NULL)
        {
          if (!_mh_article_adopt_patched (self, contents, patch, error))
            return FALSE;
        }
      else
        {
          _mh_article_adopt_contents (self, contents, TRUE);
          if (!mh_document_apply_patch (self->document, patch, error))
            {
              _mh_article_maybe_drop_document (self);
              return FALSE;
            }
        }
    }
  else if (!mh_document_apply_patch (self->document, patch, error))
    {
      _mh_article_maybe_drop_document (self);
      return FALSE;
    }

  self->modified = !g_bytes_equal (mh_document_get_bytes (self->document), self->loaded_bytes);
  if (!self->modified)
    {
      g_ptr_array_set_size (self->edits, 0);
      self->edits_unknown = FALSE;
    }
  _mh_article_document_changed (self, NULL, TRUE);
  _mh_article_finish_change (self);
  return TRUE;
}

gboolean
mh_article_apply_change (MhArticle      *self,
                         const MhPatch  *patch,
                         GPtrArray      *edits,
                         const char     *label,
                         GError        **error)
{
  g_autoptr(GBytes) before = NULL;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);

  if (self->document == NULL && self->bytes != NULL)
    {
      /* Modified, not held: patch the kept bytes, parsed once. */
      before = g_bytes_ref (self->bytes);
      if (!_mh_article_parse_patched (self, before, patch, error))
        return FALSE;
    }
  else if (self->document == NULL)
    {
      /* Not held: read the file and parse only the patched bytes. */
      MhFileContents *contents = mh_file_load (self->file, NULL, error);

      if (contents == NULL)
        return FALSE;
      if (!_mh_article_adopt_patched (self, contents, patch, error))
        return FALSE;
      before = g_bytes_ref (self->loaded_bytes);
    }
  else
    {
      before = g_bytes_ref (mh_document_get_bytes (self->document));
      if (!mh_document_apply_patch (self->document, patch, error))
        {
          _mh_article_maybe_drop_document (self);
          return FALSE;
        }
    }

  for (guint i = 0; edits != NULL && i < edits->len; i++)
    g_ptr_array_add (self->edits, mh_edit_copy (g_ptr_array_index (edits, i)));
  self->modified = !g_bytes_equal (mh_document_get_bytes (self->document), self->loaded_bytes);
  tell_edited (self, label, NULL, before, NULL,
               self->edits->len - (edits != NULL ? edits->len : 0));
  if (!self->modified)
    {
      g_ptr_array_set_size (self->edits, 0);
      self->edits_unknown = FALSE;
    }
  _mh_article_document_changed (self, NULL, TRUE);
  _mh_article_finish_change (self);
  return TRUE;
}

void
mh_article_splice_edits (MhArticle *self,
                         guint      generation,
                         guint      n_drop,
                         GPtrArray *append)
{
  g_return_if_fail (MH_IS_ARTICLE (self));

  if (!self->modified)
    {
      g_ptr_array_set_size (self->edits, 0);
      self->edits_unknown = FALSE;
      return;
    }
  if (generation != self->generation || self->edits_unknown || n_drop > self->edits->len)
    {
      /* The step crossed a save or a reload: its operations are relative
       * to other bytes than the loaded ones. */
      g_ptr_array_set_size (self->edits, 0);
      self->edits_unknown = TRUE;
      return;
    }
  g_ptr_array_set_size (self->edits, self->edits->len - n_drop);
  for (guint i = 0; append != NULL && i < append->len; i++)
    g_ptr_array_add (self->edits, mh_edit_copy (g_ptr_array_index (append, i)));
}

static gboolean
check_text (const MhField  *field,
            const char     *path,
            const char     *text,
            GError        **error)
{
  gint64 number;
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  switch (field->type)
    {
    case MH_FIELD_INT:
      if (!mh_field_parse_int (text, &number))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an integer"), text);
          return FALSE;
        }
      return TRUE;
    case MH_FIELD_BOOL:
      if (g_strcmp0 (text, "true") != 0 && g_strcmp0 (text, "false") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not true or false"), text);
          return FALSE;
        }
      return TRUE;
    case MH_FIELD_DATETIME:
      utc = g_time_zone_new_utc ();
      date_time = g_date_time_new_from_iso8601 (text, utc);
      if (date_time == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an ISO 8601 date-time"), text);
          return FALSE;
        }
      return TRUE;
    case MH_FIELD_OPAQUE:
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                   _("“%s” is never edited"), path);
      return FALSE;
    case MH_FIELD_STRING_LIST:
    case MH_FIELD_MAPPING:
    case MH_FIELD_MAPPING_LIST:
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                   _("“%s” is not a single value"), path);
      return FALSE;
    case MH_FIELD_STRING:
    case MH_FIELD_TEXT:
    case MH_FIELD_URL:
    case MH_FIELD_HOSTNAME:
    default:
      return TRUE;
    }
}

MhEdit *
mh_edit_new_for_text (MhDocument  *document,
                      const char  *path,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(MhPath) parsed = NULL;
  g_autofree char *schema_path = NULL;
  const MhField *field;
  MhScalarType type = MH_SCALAR_STRING;

  g_return_val_if_fail (path != NULL, NULL);

  if (text == NULL)
    return mh_edit_new (MH_EDIT_DELETE, path, NULL);

  parsed = mh_path_parse (path, error);
  if (parsed == NULL)
    return NULL;
  schema_path = mh_path_to_schema (parsed);
  field = mh_schema_lookup (schema_path);

  if (field != NULL)
    {
      if (!check_text (field, path, text, error))
        return NULL;
      type = mh_field_scalar_type (field);
    }
  else
    {
      /* Outside the schema a value keeps its YAML type when it can. */
      MhNode *node = document != NULL ? _mh_doc_lookup (document, path) : NULL;

      if (node != NULL && node->kind == MH_NODE_SCALAR && node->type != MH_SCALAR_STRING
          && mh_resolve_plain_scalar (text, strlen (text)) == node->type)
        type = node->type;
    }

  return mh_edit_new (MH_EDIT_SET, path, mh_node_new_scalar (text, type));
}

gboolean
mh_article_set_value (MhArticle   *self,
                      const char  *path,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(MhEdit) edit = NULL;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (text == NULL)
    return mh_article_remove (self, path, error);
  if (!_mh_article_ensure_document (self, error))
    return FALSE;
  edit = mh_edit_new_for_text (self->document, path, text, error);
  if (edit == NULL)
    {
      _mh_article_maybe_drop_document (self);
      return FALSE;
    }
  return mh_article_apply (self, edit, error);
}

gboolean
mh_article_remove (MhArticle   *self,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(MhEdit) edit = NULL;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  edit = mh_edit_new (MH_EDIT_DELETE, path, NULL);
  return mh_article_apply (self, edit, error);
}

void
mh_article_set_text (MhArticle  *self,
                     const char *path,
                     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (path != NULL);

  if (mh_article_set_value (self, path, text, &error))
    return;
  /* Clearing a key that is not there is already done. */
  if (text == NULL && g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_FOUND))
    return;
  _mh_article_emit_failed (self, error);
}

void
mh_article_set_int (MhArticle  *self,
                    const char *path,
                    gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  mh_article_set_text (self, path, text);
}

void
mh_article_set_bool (MhArticle  *self,
                     const char *path,
                     gboolean    value)
{
  mh_article_set_text (self, path, value ? "true" : "false");
}

void
mh_article_append_node (MhArticle  *self,
                        const char *list_path,
                        MhNode     *item)
{
  g_autoptr(MhEdit) edit = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (list_path != NULL && item != NULL);

  edit = mh_edit_new (MH_EDIT_APPEND, list_path, item);
  if (!mh_article_apply (self, edit, &error))
    _mh_article_emit_failed (self, error);
}

void
mh_article_revert (MhArticle *self)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) dropped = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));

  if (!self->modified || _mh_article_current_bytes (self) == NULL)
    return;

  before = g_bytes_ref (_mh_article_current_bytes (self));
  dropped = g_steal_pointer (&self->edits);
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->document = _mh_article_new_document (self, self->loaded_bytes);
  self->edits_unknown = FALSE;
  self->modified = FALSE;

  tell_edited (self, _("Revert"), NULL, before, dropped, 0);
  _mh_article_document_changed (self, NULL, TRUE);
  _mh_article_finish_change (self);
}

/* Deletes, last first so the indices stay valid, every item of the list at
 * @list_path whose scalar value is @value. */
static void
remove_list_values (MhArticle  *self,
                    const char *list_path,
                    const char *value)
{
  g_autoptr(GError) error = NULL;
  MhNode *list;

  if (!_mh_article_ensure_document (self, &error))
    {
      _mh_article_emit_failed (self, error);
      return;
    }

  list = _mh_doc_lookup (self->document, list_path);
  if (list == NULL || list->kind != MH_NODE_SEQUENCE)
    {
      _mh_article_maybe_drop_document (self);
      return;
    }

  for (guint i = mh_node_get_n_items (list); i > 0; i--)
    {
      MhNode *item;

      /* Each edit re-parses the document: look the list up again. */
      list = _mh_doc_lookup (self->document, list_path);
      if (list == NULL || list->kind != MH_NODE_SEQUENCE || i > mh_node_get_n_items (list))
        break;
      item = mh_node_get_item (list, i - 1);
      if (item != NULL && item->kind == MH_NODE_SCALAR && g_strcmp0 (item->value, value) == 0)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", list_path, i - 1);
          g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_DELETE, path, NULL);

          if (!mh_article_apply (self, edit, &error))
            {
              _mh_article_emit_failed (self, error);
              break;
            }
        }
    }
  _mh_article_maybe_drop_document (self);
}

void
mh_article_remove_topic (MhArticle  *self,
                         const char *topic)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (topic != NULL);

  if (!mh_article_has_topic (self, topic))
    return;

  _mh_article_begin_action (self);
  remove_list_values (self, "topics", topic);
  _mh_article_end_action (self, _("Remove topic"));
}

void
mh_article_set_topics (MhArticle          *self,
                       const char * const *topics)
{
  static const char * const none[] = { NULL };
  g_auto(GStrv) old = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));

  if (topics == NULL)
    topics = none;
  old = g_strdupv (self->topics);

  _mh_article_begin_action (self);
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (!g_strv_contains (topics, old[i]))
      remove_list_values (self, "topics", old[i]);
  for (guint i = 0; topics[i] != NULL; i++)
    mh_article_add_topic (self, topics[i]);
  _mh_article_end_action (self, _("Set topics"));
}

void
mh_article_remove_item (MhArticle  *self,
                        const char *list_path,
                        guint       index)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (list_path != NULL);

  path = g_strdup_printf ("%s[%u]", list_path, index);
  if (!mh_article_remove (self, path, &error))
    _mh_article_emit_failed (self, error);
}

void
mh_article_move_item (MhArticle  *self,
                      const char *list_path,
                      guint       from,
                      guint       to)
{
  g_autoptr(MhEdit) edit = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (list_path != NULL);

  edit = mh_edit_new_move (list_path, from, to);
  if (!mh_article_apply (self, edit, &error))
    _mh_article_emit_failed (self, error);
}


MhNode *
mh_image_node_new (const char *url,
                   gint64      width,
                   gint64      height,
                   gboolean    is_cached)
{
  MhNode *image = mh_node_new_mapping ();
  g_autofree char *w = g_strdup_printf ("%" G_GINT64_FORMAT, width);
  g_autofree char *h = g_strdup_printf ("%" G_GINT64_FORMAT, height);

  mh_node_mapping_append (image, "url", mh_node_new_scalar (url != NULL ? url : "",
                                                            MH_SCALAR_STRING));
  if (width >= 0)
    mh_node_mapping_append (image, "width", mh_node_new_scalar (w, MH_SCALAR_INT));
  if (height >= 0)
    mh_node_mapping_append (image, "height", mh_node_new_scalar (h, MH_SCALAR_INT));
  mh_node_mapping_append (image, "isCached",
                          mh_node_new_scalar (is_cached ? "true" : "false", MH_SCALAR_BOOL));
  return image;
}

void
mh_article_add_image (MhArticle  *self,
                      const char *url,
                      gint64      width,
                      gint64      height,
                      gboolean    is_cached)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  mh_article_append_node (self, "images", mh_image_node_new (url, width, height, is_cached));
}

void
mh_article_add_related (MhArticle  *self,
                        const char *title,
                        const char *web_url)
{
  MhNode *related;

  g_return_if_fail (MH_IS_ARTICLE (self));

  /* Only what the user gave: an empty title would be data nobody typed. */
  related = mh_node_new_mapping ();
  if (title != NULL && title[0] != '\0')
    mh_node_mapping_append (related, "title", mh_node_new_scalar (title, MH_SCALAR_STRING));
  if (web_url != NULL && web_url[0] != '\0')
    mh_node_mapping_append (related, "webUrl", mh_node_new_scalar (web_url, MH_SCALAR_STRING));
  mh_article_append_node (self, "related", related);
}
