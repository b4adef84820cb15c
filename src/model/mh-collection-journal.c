/* mh-collection-journal.c: keeping a collection's journal true, and restoring what it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-collection-private.h"
#include "mh-journal-private.h"

/**
 * _mh_collection_journal_keep:
 * @journal: the collection's journal
 * @article: a record that just changed (edit, undo, redo, save, reload)
 *
 * Writes what is unsaved of @article now: all of its operations since load
 * or save, in one entry that replaces its earlier ones, or that nothing is
 * when it is not modified. Never warns: a journal that cannot be written
 * is said once in the debug log, and the edit itself is not refused.
 */
void
_mh_collection_journal_keep (MhJournal *journal,
                             MhArticle *article)
{
  const char *record = mh_article_get_display_name (article);
  g_autoptr(GError) error = NULL;

  if (record == NULL || record[0] == '\0')
    return;
  if (!article->modified || article->edits_unknown || article->edits->len == 0)
    {
      /* An undo past a save leaves bytes that no list of operations on the
       * file as saved describes: nothing of it can be journaled. */
      if (article->modified)
        g_debug ("The unsaved state of %s cannot be journaled", record);
      mh_journal_forget (journal, record, &error);
    }
  else
    mh_journal_set (journal, record, article->etag, article->loaded_hash,
                    (const MhEdit * const *) article->edits->pdata, article->edits->len,
                    &error);
  if (error != NULL)
    g_debug ("The journal missed an edit of %s: %s", record, error->message);
}

/* Replays @record's edits onto its article, all or none. */
static gboolean
restore_record (MhCollection          *collection,
                const MhJournalRecord *record,
                gboolean              *changed_since,
                GError               **error)
{
  GFile *folder = mh_collection_get_folder (collection);
  g_autoptr(GFile) file = g_file_resolve_relative_path (folder, record->record);
  MhArticle *article = mh_collection_lookup (collection, file);
  g_autoptr(GBytes) before = NULL;

  if (article == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is no longer in the folder"), record->record);
      return FALSE;
    }
  if (!mh_article_hold (article, error))
    return FALSE;
  /* Edits made on other bytes than the file's now: replayed by field, as a
   * save replays them onto a file that changed on disk. */
  *changed_since = g_strcmp0 (article->loaded_hash, record->hash) != 0;
  before = g_bytes_ref (mh_document_get_bytes (article->document));
  for (guint i = 0; i < record->edits->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!mh_article_apply (article, g_ptr_array_index (record->edits, i), &local_error))
        {
          g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                       _("“%s” changed since: %s"), record->record, local_error->message);
          /* Undo what did apply: a record is restored whole or not at all. */
          if (!g_bytes_equal (before, mh_document_get_bytes (article->document)))
            mh_article_revert (article);
          mh_article_release (article);
          return FALSE;
        }
    }
  mh_article_release (article);
  return TRUE;
}

/**
 * _mh_collection_journal_restore:
 * @collection: the collection
 * @journal: its journal
 * @failed: (out) (transfer full): one message a record that was not restored
 *
 * Replays what the previous session left onto the records as they are now,
 * as one undoable step. The caller journals the restored records, then
 * forgets the previous session's entries.
 *
 * Returns: how many records were restored
 */
guint
_mh_collection_journal_restore (MhCollection  *collection,
                                MhJournal     *journal,
                                GPtrArray    **failed)
{
  const MhJournalContents *pending = mh_journal_get_pending (journal);
  MhHistory *history = mh_collection_get_history (collection);
  guint n = 0;

  *failed = g_ptr_array_new_with_free_func (g_free);
  mh_history_begin_step (history, _("Restore unsaved edits"));
  mh_journal_begin_batch (journal);
  for (guint i = 0; i < pending->records->len; i++)
    {
      const MhJournalRecord *record = g_ptr_array_index (pending->records, i);
      g_autoptr(GError) error = NULL;
      gboolean changed_since = FALSE;

      if (record->edits->len == 0)
        continue;
      if (restore_record (collection, record, &changed_since, &error))
        n++;
      else
        g_ptr_array_add (*failed, g_strdup (error->message));
      if (changed_since && error == NULL)
        g_debug ("%s changed since its edits were journaled; replayed by field",
                 record->record);
    }
  mh_journal_end_batch (journal, NULL);
  mh_history_end_step (history);
  return n;
}

static gboolean
journal_flush_cb (gpointer data)
{
  MhCollection *self = data;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer article;

  self->journal_flush_id = 0;
  mh_journal_begin_batch (self->journal);
  g_hash_table_iter_init (&iter, self->journal_dirty);
  while (g_hash_table_iter_next (&iter, &article, NULL))
    _mh_collection_journal_keep (self->journal, article);
  g_hash_table_remove_all (self->journal_dirty);
  if (!mh_journal_end_batch (self->journal, &error))
    g_debug ("The journal could not be written: %s", error->message);
  return G_SOURCE_REMOVE;
}

/* The records changed in one main-loop dispatch (a step over many records
 * among them, and an undo's splice of operations after its patch) go to
 * the journal in one write and one flush, before the next event. */
void
_mh_collection_keep_journal (MhCollection *self,
                             MhArticle    *article)
{
  if (!g_hash_table_contains (self->journal_dirty, article))
    g_hash_table_add (self->journal_dirty, g_object_ref (article));
  if (self->journal_flush_id == 0)
    self->journal_flush_id = g_idle_add_full (G_PRIORITY_HIGH, journal_flush_cb, self, NULL);
}

void
_mh_collection_close_journal (MhCollection *self)
{
  if (self->journal_flush_id != 0)
    {
      g_source_remove (self->journal_flush_id);
      journal_flush_cb (self);
    }
  g_clear_pointer (&self->journal, mh_journal_close);
  g_clear_pointer (&self->journal_dirty, g_hash_table_unref);
}

/**
 * mh_collection_open_journal:
 * @self: a loaded collection
 * @error: return location for a #GError
 *
 * From now on every unsaved edit is kept in the folder's journal
 * (mh-journal.h), and what a previous session left there is read:
 * mh_collection_get_journal_pending(). The window does this; the CLI, which
 * saves at once, never does. %G_IO_ERROR_BUSY when another window has it.
 *
 * Returns: %TRUE when the journal is open
 */
gboolean
mh_collection_open_journal (MhCollection  *self,
                            GError       **error)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (self->folder != NULL, FALSE);

  if (self->journal != NULL)
    return TRUE;
  self->journal = mh_journal_open (self->folder, error);
  if (self->journal == NULL)
    return FALSE;
  self->journal_dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  /* Records edited before the journal opened. */
  for (guint i = 0; i < self->items->len; i++)
    if (mh_article_get_modified (g_ptr_array_index (self->items, i)))
      _mh_collection_keep_journal (self, g_ptr_array_index (self->items, i));
  return TRUE;
}

/* What a previous session left unsaved, or NULL without a journal.
 * Returns: (transfer none) (nullable) */
const MhJournalContents *
mh_collection_get_journal_pending (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), NULL);
  return self->journal != NULL ? mh_journal_get_pending (self->journal) : NULL;
}

/**
 * mh_collection_restore_journal:
 * @self: a collection with its journal open
 * @failed: (out) (transfer full) (optional): a message a record not restored
 *
 * Replays each record's edits from the previous session onto the file as it
 * is now, as one undoable step; the records are then modified, to be saved
 * (a file changed on disk since goes through the conflict path then).
 *
 * Returns: how many records were restored
 */
guint
mh_collection_restore_journal (MhCollection  *self,
                               GPtrArray    **failed)
{
  g_autoptr(GPtrArray) messages = NULL;
  guint n;

  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);
  g_return_val_if_fail (self->journal != NULL, 0);

  n = _mh_collection_journal_restore (self, self->journal, &messages);
  /* The restored edits are on disk as this session's before the previous
   * session's entries go: a crash in between loses nothing. */
  if (self->journal_flush_id != 0)
    {
      g_source_remove (self->journal_flush_id);
      journal_flush_cb (self);
    }
  if (!mh_journal_discard_pending (self->journal, NULL))
    g_debug ("The journal could not forget the previous session");
  if (failed != NULL)
    *failed = g_steal_pointer (&messages);
  return n;
}

/* Forgets what the previous session left (the user chose Discard). */
gboolean
mh_collection_discard_journal (MhCollection  *self,
                               GError       **error)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  return self->journal == NULL || mh_journal_discard_pending (self->journal, error);
}
