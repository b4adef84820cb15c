/* mh-article-file.c: an article's bytes: load, hold, save, changes on disk, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-article-private.h"

MhDocument *
_mh_article_new_document (MhArticle *self,
                          GBytes    *bytes)
{
  MhDocument *document = mh_document_new (bytes);

  if (self->file_readonly_reason != NULL
      && mh_document_get_readonly_reason (document, NULL) == NULL)
    mh_document_set_readonly_reason (document, self->file_readonly_reason);
  return document;
}

GBytes *
_mh_article_current_bytes (MhArticle *self)
{
  return self->document != NULL ? mh_document_get_bytes (self->document) : self->bytes;
}

/* An unmodified article that nobody holds keeps only its summary; a
 * modified one keeps its bytes too (and what a save needs: the loaded
 * bytes and the edits), parsed again when held. */
void
_mh_article_maybe_drop_document (MhArticle *self)
{
  if (self->document == NULL || self->hold_count > 0
      || self->changed_on_disk || self->action_depth > 0)
    return;

  if (self->modified)
    {
      /* A read-only reason lives in the parsed document only: keep it. */
      if (mh_document_get_readonly_reason (self->document, NULL) != NULL)
        return;
      g_clear_pointer (&self->bytes, g_bytes_unref);
      self->bytes = g_bytes_ref (mh_document_get_bytes (self->document));
      g_clear_pointer (&self->document, mh_document_unref);
      _mh_article_document_dropped (self);
      return;
    }

  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;

  /* The summary stays; the rest reads as empty now. */
  _mh_article_document_dropped (self);
}

/* The file's bytes are @contents' now (taken); the document is @document
 * (taken; NULL: @contents' bytes, parsed here). */
static void
take_contents (MhArticle      *self,
               MhFileContents *contents,
               MhDocument     *document)
{
  g_autofree char *hash = _mh_bytes_hash (contents->bytes);

  /* Recorded edits are relative to the loaded bytes: they go with them. */
  if (g_strcmp0 (hash, self->loaded_hash) != 0)
    self->generation++;
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;

  g_free (self->loaded_hash);
  self->loaded_hash = g_steal_pointer (&hash);
  g_free (self->etag);
  self->etag = g_steal_pointer (&contents->etag);
  g_clear_object (&self->target);
  if (contents->target != NULL && !g_file_equal (contents->target, self->file))
    self->target = g_steal_pointer (&contents->target);
  g_free (self->file_readonly_reason);
  self->file_readonly_reason = g_steal_pointer (&contents->readonly_reason);

  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  self->loaded_bytes = g_bytes_ref (contents->bytes);
  self->document = document != NULL ? document
                                     : _mh_article_new_document (self, contents->bytes);
  self->modified = !g_bytes_equal (mh_document_get_bytes (self->document), self->loaded_bytes);
  self->changed_on_disk = FALSE;
  mh_file_contents_free (contents);
}

void
_mh_article_adopt_contents (MhArticle      *self,
                            MhFileContents *contents,
                            gboolean        keep_document)
{
  g_autofree char *hash = _mh_bytes_hash (contents->bytes);
  /* Opening a record in the form re-reads it: when nothing changed, the
   * observer (facet counts over every record) need not hear of it. */
  gboolean data_changed = self->modified || self->changed_on_disk
                          || g_strcmp0 (hash, self->loaded_hash) != 0
                          || (self->document != NULL
                              && !g_bytes_equal (mh_document_get_bytes (self->document),
                                                 contents->bytes))
                          || g_strcmp0 (contents->readonly_reason,
                                        self->file_readonly_reason) != 0;

  take_contents (self, contents, NULL);
  _mh_article_document_changed (self, NULL, data_changed);
  if (!keep_document)
    _mh_article_maybe_drop_document (self);
}

/* @base with @patch applied, verified by re-parsing, like
 * mh_document_apply_patch(): that parse is the record's document then (what
 * _mh_article_new_document() makes of the bytes of a writable file: the
 * file is, for a record that adopts a patch), so no bytes are parsed
 * twice. */
static MhDocument *
new_patched_document (GBytes         *base,
                      const MhPatch  *patch,
                      GError        **error)
{
  g_autoptr(GBytes) after = mh_patch_apply_bytes (patch, base, error);
  g_autoptr(MhDocument) check = NULL;

  if (after == NULL)
    return NULL;
  check = mh_document_new (after);
  if (mh_document_get_readonly_reason (check, NULL) != NULL)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                   _("The change was refused: the result would not read back (%s)"),
                   mh_document_get_readonly_reason (check, NULL));
      return NULL;
    }
  return g_steal_pointer (&check);
}

gboolean
_mh_article_adopt_patched (MhArticle      *self,
                           MhFileContents *contents,
                           const MhPatch  *patch,
                           GError        **error)
{
  MhDocument *document;

  if (contents->readonly_reason != NULL)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                   _("The file is read-only: %s"), contents->readonly_reason);
      mh_file_contents_free (contents);
      return FALSE;
    }
  document = new_patched_document (contents->bytes, patch, error);
  if (document == NULL)
    {
      mh_file_contents_free (contents);
      return FALSE;
    }
  take_contents (self, contents, document);
  return TRUE;
}

gboolean
_mh_article_parse_patched (MhArticle      *self,
                           GBytes         *base,
                           const MhPatch  *patch,
                           GError        **error)
{
  MhDocument *document = new_patched_document (base, patch, error);

  if (document == NULL)
    return FALSE;
  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->document = document;
  return TRUE;
}

gboolean
_mh_article_ensure_document (MhArticle  *self,
                             GError    **error)
{
  MhFileContents *contents;

  if (self->document != NULL)
    return TRUE;
  if (self->bytes != NULL)
    {
      /* Modified, not held: parse the kept bytes (the row is theirs). */
      self->document = _mh_article_new_document (self, self->bytes);
      g_clear_pointer (&self->bytes, g_bytes_unref);
      _mh_article_document_changed (self, NULL, FALSE);
      return TRUE;
    }

  contents = mh_file_load (self->file, NULL, error);
  if (contents == NULL)
    return FALSE;
  _mh_article_adopt_contents (self, contents, TRUE);
  return TRUE;
}

/* Edits undone or reverted on a record that changed on disk meanwhile:
 * nothing of ours is left to keep, so the disk's version is taken now. */
void
_mh_article_finish_change (MhArticle *self)
{
  if (self->changed_on_disk && !self->modified)
    {
      MhFileContents *contents = mh_file_load (self->file, NULL, NULL);

      if (contents != NULL)
        {
          _mh_article_adopt_contents (self, contents, self->hold_count > 0);
          return;
        }
      self->changed_on_disk = FALSE;
    }
  _mh_article_maybe_drop_document (self);
}

/* Files: saving and changes on disk */

/* The file is @contents now. */
gboolean
_mh_article_disk_changed (MhArticle      *self,
                          MhFileContents *contents)
{
  g_autofree char *hash = _mh_bytes_hash (contents->bytes);

  if (g_strcmp0 (hash, self->loaded_hash) == 0
      && g_strcmp0 (contents->readonly_reason, self->file_readonly_reason) == 0)
    {
      /* Our own save, or a touch: keep the etag current. */
      g_free (self->etag);
      self->etag = g_steal_pointer (&contents->etag);
      mh_file_contents_free (contents);
      return FALSE;
    }

  if (self->modified)
    {
      mh_file_contents_free (contents);
      if (self->changed_on_disk)
        return FALSE;
      self->changed_on_disk = TRUE;
      _mh_article_document_changed (self, NULL, TRUE);
      return TRUE;
    }

  _mh_article_adopt_contents (self, contents, self->hold_count > 0);
  return TRUE;
}

static MhFileContents *
contents_for_save (MhArticle *self,
                   GBytes    *bytes,
                   const char *etag)
{
  MhFileContents *contents = g_new0 (MhFileContents, 1);

  contents->bytes = g_bytes_ref (bytes);
  contents->etag = g_strdup (etag);
  contents->target = self->target != NULL ? g_object_ref (self->target)
                                          : g_object_ref (self->file);
  contents->readonly_reason = g_strdup (self->file_readonly_reason);
  return contents;
}

/* After a successful write of @bytes with @etag. */
static void
saved (MhArticle  *self,
       GBytes     *bytes,
       const char *etag)
{
  g_autoptr(GBytes) kept = g_bytes_ref (bytes);

  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  self->loaded_bytes = g_steal_pointer (&kept);
  g_free (self->loaded_hash);
  self->loaded_hash = _mh_bytes_hash (bytes);
  g_free (self->etag);
  self->etag = g_strdup (etag);
  if (self->document == NULL && self->bytes != NULL && g_bytes_equal (self->bytes, bytes))
    /* The row is these bytes' already: no parse. */
    g_clear_pointer (&self->bytes, g_bytes_unref);
  else if (self->document == NULL || !g_bytes_equal (mh_document_get_bytes (self->document), bytes))
    {
      g_clear_pointer (&self->document, mh_document_unref);
      g_clear_pointer (&self->bytes, g_bytes_unref);
      self->document = _mh_article_new_document (self, bytes);
    }
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;
  self->generation++;
  self->modified = FALSE;
  self->changed_on_disk = FALSE;
  _mh_article_document_changed (self, NULL, TRUE);
  _mh_article_maybe_drop_document (self);
}

/* The path whose value on disk must not have changed for @edit to replay:
 * edits inside a list compare the whole list, since indices may shift. */
static char *
conflict_path (const char *path)
{
  return g_strndup (path, strcspn (path, "["));
}

static GBytes *
replay_edits (MhArticle  *self,
              GBytes     *disk,
              GError    **error)
{
  g_autoptr(MhDocument) old = NULL;
  g_autoptr(MhDocument) theirs = NULL;
  g_autoptr(MhDocument) mine = NULL;

  if (self->edits_unknown || self->edits->len == 0 || self->loaded_bytes == NULL)
    {
      g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                   _("“%s” changed on disk, and the edits cannot be replayed onto it"),
                   mh_article_get_display_name (self));
      return NULL;
    }

  old = mh_document_new (self->loaded_bytes);
  theirs = mh_document_new (disk);
  mine = _mh_article_new_document (self, disk);

  for (guint i = 0; i < self->edits->len; i++)
    {
      const MhEdit *edit = g_ptr_array_index (self->edits, i);
      g_autofree char *path = conflict_path (edit->path);
      MhNode *a = mh_document_lookup (old, path, NULL);
      MhNode *b = mh_document_lookup (theirs, path, NULL);
      g_autoptr(GError) local_error = NULL;

      if ((a == NULL) != (b == NULL) || (a != NULL && !mh_node_equal (a, b)))
        {
          g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                       _("“%s” changed on disk in “%s”, which you edited"),
                       mh_article_get_display_name (self), path);
          return NULL;
        }
      if (!mh_document_apply (mine, edit, &local_error))
        {
          g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                       _("“%s” changed on disk, and an edit of “%s” no longer applies: %s"),
                       mh_article_get_display_name (self), edit->path, local_error->message);
          return NULL;
        }
    }

  return g_bytes_ref (mh_document_get_bytes (mine));
}

gboolean
_mh_article_begin_save (MhArticle       *self,
                        MhFileContents **contents,
                        GBytes         **mine,
                        GError         **error)
{
  const char *reason;

  *contents = NULL;
  *mine = NULL;
  if (!self->modified || _mh_article_current_bytes (self) == NULL)
    return TRUE;

  /* Kept bytes without a document have no reason: see maybe_drop. */
  reason = self->document != NULL ? mh_document_get_readonly_reason (self->document, NULL)
                                  : NULL;
  if (reason != NULL)
    {
      g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_READ_ONLY,
                   _("“%s” is read-only: %s"), mh_article_get_display_name (self), reason);
      return FALSE;
    }
  *mine = g_bytes_ref (_mh_article_current_bytes (self));
  *contents = contents_for_save (self, self->loaded_bytes, self->etag);
  return TRUE;
}

void
_mh_article_end_save (MhArticle  *self,
                      GBytes     *mine,
                      const char *etag)
{
  GBytes *now = _mh_article_current_bytes (self);

  if (now != NULL && !g_bytes_equal (now, mine))
    {
      /* Edited while the file was written: the written bytes are the
       * loaded ones now, the later edits stay (and cannot be replayed:
       * they were recorded against older bytes). */
      g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
      self->loaded_bytes = g_bytes_ref (mine);
      g_free (self->loaded_hash);
      self->loaded_hash = _mh_bytes_hash (mine);
      g_free (self->etag);
      self->etag = g_strdup (etag);
      g_ptr_array_set_size (self->edits, 0);
      self->edits_unknown = TRUE;
      self->generation++;
      self->changed_on_disk = FALSE;
      _mh_article_document_changed (self, NULL, TRUE);
      return;
    }
  saved (self, mine, etag);
}

gboolean
_mh_article_save (MhArticle      *self,
                  MhSaveOutcome  *outcome,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(MhFileContents) disk = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) mine = NULL;
  const char *reason;
  gboolean written = FALSE;

  *outcome = MH_SAVE_UNCHANGED;
  if (!self->modified || _mh_article_current_bytes (self) == NULL)
    return TRUE;

  reason = self->document != NULL ? mh_document_get_readonly_reason (self->document, NULL)
                                  : NULL;
  if (reason != NULL)
    {
      g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_READ_ONLY,
                   _("“%s” is read-only: %s"), mh_article_get_display_name (self), reason);
      return FALSE;
    }

  mine = g_bytes_ref (_mh_article_current_bytes (self));
  contents = contents_for_save (self, self->loaded_bytes, self->etag);
  if (mh_file_save (contents, mine, &written, cancellable, &local_error))
    {
      *outcome = written ? MH_SAVE_WRITTEN : MH_SAVE_UNCHANGED;
      saved (self, mine, contents->etag);
      return TRUE;
    }
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  /* Someone else wrote the file since we read it. */
  disk = mh_file_load (self->file, cancellable, error);
  if (disk == NULL)
    return FALSE;

  if (g_bytes_equal (disk->bytes, self->loaded_bytes))
    {
      /* Same bytes, new etag (a touch, a copy back): just retry. */
      if (!mh_file_save (disk, mine, &written, cancellable, error))
        return FALSE;
      *outcome = written ? MH_SAVE_WRITTEN : MH_SAVE_UNCHANGED;
      saved (self, mine, disk->etag);
      return TRUE;
    }

  merged = replay_edits (self, disk->bytes, error);
  if (merged == NULL)
    {
      if (!self->changed_on_disk)
        {
          self->changed_on_disk = TRUE;
          _mh_article_document_changed (self, NULL, TRUE);
        }
      return FALSE;
    }

  if (!mh_file_save (disk, merged, &written, cancellable, error))
    return FALSE;
  *outcome = MH_SAVE_MERGED;
  saved (self, merged, disk->etag);
  return TRUE;
}

gboolean
_mh_article_resolve_conflict (MhArticle         *self,
                              MhConflictChoice   choice,
                              GFile             *save_as,
                              GError           **error)
{
  g_autoptr(MhFileContents) disk = NULL;
  g_autoptr(GBytes) mine = NULL;
  gboolean written;

  if (_mh_article_current_bytes (self) == NULL)
    return TRUE;
  mine = g_bytes_ref (_mh_article_current_bytes (self));

  switch (choice)
    {
    case MH_CONFLICT_KEEP_MINE:
      disk = mh_file_load (self->file, NULL, error);
      if (disk == NULL)
        return FALSE;
      if (!mh_file_save (disk, mine, &written, NULL, error))
        return FALSE;
      saved (self, mine, disk->etag);
      return TRUE;

    case MH_CONFLICT_SAVE_AS:
      g_return_val_if_fail (G_IS_FILE (save_as), FALSE);
      if (!g_file_replace_contents (save_as, g_bytes_get_data (mine, NULL),
                                    g_bytes_get_size (mine), NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, error))
        return FALSE;
      G_GNUC_FALLTHROUGH;

    case MH_CONFLICT_RELOAD:
    default:
      disk = mh_file_load (self->file, NULL, error);
      if (disk == NULL)
        return FALSE;
      /* Make sure the reload is taken even if the bytes match the load. */
      self->modified = FALSE;
      self->changed_on_disk = FALSE;
      _mh_article_adopt_contents (self, g_steal_pointer (&disk), self->hold_count > 0);
      return TRUE;
    }
}
