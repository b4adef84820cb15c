/* mh-journal.c: a collection's unsaved edits, appended to a file and flushed as they happen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mh-journal-private.h"

struct _MhJournal
{
  char              *path;
  char              *lock_path;
  char              *folder;         /* resolved */
  int                fd;             /* O_APPEND */
  int                lock_fd;        /* flock()ed while open */
  gsize              header_len;
  MhJournalContents *pending;        /* what the previous session left */
  GHashTable        *pending_names;  /* those of its records not forgotten or superseded */
  GHashTable        *session;        /* record → edits appended this session (GUINT) */
  GString           *batch;
  guint              batch_depth;
};

static char *
dup_folder_path (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  char *real;
  char *copy;

  if (path == NULL)
    return g_file_get_uri (folder);
  real = realpath (path, NULL);
  if (real == NULL)
    return g_steal_pointer (&path);
  copy = g_strdup (real);
  free (real);
  return copy;
}

/* A hash of the folder's path (one journal a folder) and a readable tail
 * (so a person can tell them apart). */
static char *
dup_journal_path (const char *folder)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, folder, -1);
  g_autofree char *base = g_path_get_basename (folder);
  g_autofree char *name = NULL;
  GString *tail = g_string_new (NULL);

  for (const char *c = base; *c != '\0' && tail->len < 32; c++)
    g_string_append_c (tail, g_ascii_isalnum (*c) || *c == '-' || *c == '_' || *c == '.'
                             ? *c : '_');
  name = g_strdup_printf ("%.16s-%s.journal", sum, tail->str);
  g_string_free (tail, TRUE);
  return g_build_filename (g_get_user_state_dir (), "masthead", name, NULL);
}

/**
 * mh_journal_dup_path_for_folder:
 * @folder: a collection folder
 *
 * Returns: (transfer full): the path of @folder's journal
 */
char *
mh_journal_dup_path_for_folder (GFile *folder)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  path = dup_folder_path (folder);
  return dup_journal_path (path);
}

static gboolean
set_io_error (GError     **error,
              int          errsv,
              const char  *what,
              const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "%s %s: %s", what, path, g_strerror (errsv));
  return FALSE;
}

/* What a previous session left, at most MH_JOURNAL_MAX_READ bytes (the
 * reader says it was cut). A missing file is an empty journal. */
static gboolean
read_previous (const char  *path,
               GByteArray  *out,
               GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  guint8 buffer[65536];

  if (fd < 0)
    return errno == ENOENT ? TRUE : set_io_error (error, errno, _("Could not read"), path);
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          return set_io_error (error, errsv, _("Could not read"), path);
        }
      if (n == 0)
        break;
      g_byte_array_append (out, buffer, (guint) n);
      if (out->len > MH_JOURNAL_MAX_READ)
        break;
    }
  close (fd);
  return TRUE;
}

/* Writes all of @data at the end, then flushes it to the disk. On failure
 * what was written of it is cut off again, so no partial line is left for
 * the next entry to run into. */
static gboolean
write_out (MhJournal   *self,
           const char  *data,
           gsize        len,
           GError     **error)
{
  struct stat st;
  off_t before = fstat (self->fd, &st) == 0 ? st.st_size : -1;
  gsize done = 0;

  while (done < len)
    {
      gssize n = write (self->fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int errsv = n < 0 ? errno : ENOSPC;

          if (before >= 0 && ftruncate (self->fd, before) != 0)
            g_debug ("Could not cut a partial journal entry: %s", g_strerror (errno));
          return set_io_error (error, errsv, _("Could not write the journal"), self->path);
        }
      done += (gsize) n;
    }
  if (fdatasync (self->fd) != 0)
    return set_io_error (error, errno, _("Could not write the journal"), self->path);
  return TRUE;
}

static gboolean
emit (MhJournal   *self,
      GString     *entry,
      GError     **error)
{
  if (self->batch_depth > 0)
    {
      g_string_append_len (self->batch, entry->str, (gssize) entry->len);
      return TRUE;
    }
  return write_out (self, entry->str, entry->len, error);
}

/* Nothing is pending: the file shrinks back to its header. */
static void
compact_if_empty (MhJournal *self)
{
  if (self->batch_depth > 0 || g_hash_table_size (self->session) > 0
      || g_hash_table_size (self->pending_names) > 0)
    return;
  if (ftruncate (self->fd, (off_t) self->header_len) != 0)
    g_debug ("Could not shrink the journal: %s", g_strerror (errno));
}

/* The file is rewritten with only what is pending, atomically: damage, torn
 * tails and forgotten records do not carry over to the next session. */
static gboolean
rewrite (MhJournal  *self,
         GError    **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  _mh_journal_add_header (text, self->folder);
  self->header_len = text->len;
  for (guint i = 0; i < self->pending->records->len; i++)
    {
      MhJournalRecord *record = g_ptr_array_index (self->pending->records, i);

      if (record->edits->len == 0)
        continue;
      _mh_journal_add_op (text, record->record, 0, record->etag, record->hash,
                          (const MhEdit * const *) record->edits->pdata, record->edits->len);
      g_hash_table_add (self->pending_names, record->record);
    }
  /* Only a file that holds edits is worth a flush to the disk: a header
   * alone is written again by the next session anyway. */
  return g_file_set_contents_full (self->path, text->str, (gssize) text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                   | (text->len > self->header_len
                                      ? G_FILE_SET_CONTENTS_DURABLE : 0), 0600, error);
}

/**
 * mh_journal_open:
 * @folder: a collection folder
 * @error: return location for a #GError
 *
 * Opens @folder's journal, creating it and its folder, reads what a
 * previous session left unsaved (mh_journal_get_pending()), and rewrites
 * the file with just that. %G_IO_ERROR_BUSY when another process has the
 * folder's journal open. Blocking.
 *
 * Returns: (transfer full): the journal, or %NULL with @error set
 */
MhJournal *
mh_journal_open (GFile   *folder,
                 GError **error)
{
  g_autoptr(MhJournal) self = NULL;
  g_autoptr(GByteArray) previous = g_byte_array_new ();
  g_autofree char *dir = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (MhJournal, 1);
  self->fd = self->lock_fd = -1;
  self->session = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_names = g_hash_table_new (g_str_hash, g_str_equal);
  self->batch = g_string_new (NULL);
  self->folder = dup_folder_path (folder);
  self->path = dup_journal_path (self->folder);
  self->lock_path = g_strconcat (self->path, ".lock", NULL);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, _("Could not create"), dir);
      return NULL;
    }

  self->lock_fd = open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (self->lock_fd < 0)
    {
      set_io_error (error, errno, _("Could not open"), self->lock_path);
      return NULL;
    }
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      if (errsv == EWOULDBLOCK)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                             _("Another Masthead window keeps this folder’s journal"));
      else
        set_io_error (error, errsv, _("Could not lock"), self->lock_path);
      close (self->lock_fd);
      self->lock_fd = -1;
      return NULL;
    }

  if (!read_previous (self->path, previous, error))
    return NULL;
  self->pending = mh_journal_parse ((const char *) previous->data, previous->len);
  if (self->pending->folder != NULL && strcmp (self->pending->folder, self->folder) != 0)
    {
      /* Another folder's journal under this name: never replay it here. */
      g_ptr_array_set_size (self->pending->records, 0);
    }

  if (!rewrite (self, error))
    return NULL;
  self->fd = open (self->path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
  if (self->fd < 0)
    {
      set_io_error (error, errno, _("Could not open"), self->path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const MhJournalContents *
mh_journal_get_pending (MhJournal *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pending;
}

const char *
mh_journal_get_path (MhJournal *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/**
 * mh_journal_append:
 * @self: a journal
 * @record: the record's path relative to the folder
 * @etag: (nullable): the etag it was loaded with
 * @hash: (nullable): the hash of the bytes the edits apply to
 * @edits: (array length=n_edits): edits just applied, in order
 * @n_edits: how many, at least one
 * @error: return location for a #GError
 *
 * Appends one entry and flushes it (outside a batch). When the write
 * fails the entry is not in the journal, and the reader will see the gap
 * and say so: later entries of @record are never replayed without it.
 *
 * Returns: %TRUE when the entry is on the disk (or in the batch)
 */
gboolean
mh_journal_append (MhJournal            *self,
                   const char           *record,
                   const char           *etag,
                   const char           *hash,
                   const MhEdit * const *edits,
                   guint                 n_edits,
                   GError              **error)
{
  g_autoptr(GString) entry = g_string_new (NULL);
  guint seq;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record[0] != '\0', FALSE);
  g_return_val_if_fail (edits != NULL && n_edits > 0, FALSE);

  seq = GPOINTER_TO_UINT (g_hash_table_lookup (self->session, record));
  _mh_journal_add_op (entry, record, seq, etag, hash, edits, n_edits);
  g_hash_table_insert (self->session, g_strdup (record), GUINT_TO_POINTER (seq + n_edits));
  /* A first entry this session supersedes the previous session's. */
  g_hash_table_remove (self->pending_names, record);
  return emit (self, entry, error);
}

/**
 * mh_journal_set:
 * @self: a journal
 * @record: the record's path relative to the folder
 * @etag: (nullable): the etag it was loaded with
 * @hash: (nullable): the hash of the bytes the edits apply to
 * @edits: (array length=n_edits): all of the record's unsaved edits, in order
 * @n_edits: how many, at least one
 * @error: return location for a #GError
 *
 * Says that @edits are now exactly what is unsaved of @record (after an
 * undo took some off, say): one entry that replaces what came before.
 *
 * Returns: %TRUE when the entry is on the disk (or in the batch)
 */
gboolean
mh_journal_set (MhJournal            *self,
                const char           *record,
                const char           *etag,
                const char           *hash,
                const MhEdit * const *edits,
                guint                 n_edits,
                GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record[0] != '\0', FALSE);

  g_hash_table_remove (self->session, record);
  return mh_journal_append (self, record, etag, hash, edits, n_edits, error);
}

/**
 * mh_journal_forget:
 * @self: a journal
 * @record: the record's path relative to the folder
 * @error: return location for a #GError
 *
 * Records that nothing this session journaled of @record is unsaved any
 * more (saved, reverted, or undone to what is on disk). What a previous
 * session left is only dropped by mh_journal_discard_pending(), or by a new
 * entry for the record. When nothing is pending at all, the file is cut
 * back to its header.
 *
 * Returns: %TRUE on success
 */
gboolean
mh_journal_forget (MhJournal   *self,
                   const char  *record,
                   GError     **error)
{
  g_autoptr(GString) entry = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!g_hash_table_contains (self->session, record))
    return TRUE;

  _mh_journal_add_forget (entry, record);
  g_hash_table_remove (self->session, record);
  ok = emit (self, entry, error);
  if (ok)
    compact_if_empty (self);
  return ok;
}

/**
 * mh_journal_discard_pending:
 * @self: a journal
 * @error: return location for a #GError
 *
 * Forgets what the previous session left (the user chose Discard), except
 * records this session has journaled since.
 *
 * Returns: %TRUE on success
 */
gboolean
mh_journal_discard_pending (MhJournal  *self,
                            GError    **error)
{
  g_autoptr(GString) entries = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  g_hash_table_iter_init (&iter, self->pending_names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    _mh_journal_add_forget (entries, name);
  g_hash_table_remove_all (self->pending_names);
  if (entries->len == 0)
    return TRUE;
  ok = emit (self, entries, error);
  if (ok)
    compact_if_empty (self);
  return ok;
}

void
mh_journal_begin_batch (MhJournal *self)
{
  g_return_if_fail (self != NULL);
  self->batch_depth++;
}

/**
 * mh_journal_end_batch:
 * @self: a journal
 * @error: return location for a #GError
 *
 * Ends a batch; the outermost one writes what it collected at once, with
 * one flush.
 *
 * Returns: %TRUE when it is on the disk
 */
gboolean
mh_journal_end_batch (MhJournal  *self,
                      GError    **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (--self->batch_depth > 0)
    return TRUE;
  if (self->batch->len > 0)
    ok = write_out (self, self->batch->str, self->batch->len, error);
  g_string_truncate (self->batch, 0);
  if (ok)
    compact_if_empty (self);
  return ok;
}

/**
 * mh_journal_close:
 * @self: (nullable): a journal
 *
 * Writes what a batch still holds, closes, and removes the file when
 * nothing is pending.
 */
void
mh_journal_close (MhJournal *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    {
      if (self->batch->len > 0 && !write_out (self, self->batch->str, self->batch->len, NULL))
        g_debug ("Could not write the journal’s last batch");
      if (g_hash_table_size (self->session) == 0 && g_hash_table_size (self->pending_names) == 0)
        g_unlink (self->path);
      close (self->fd);
    }
  if (self->lock_fd >= 0)
    {
      if (self->fd >= 0)
        g_unlink (self->lock_path);
      close (self->lock_fd);
    }
  g_clear_pointer (&self->pending, mh_journal_contents_free);
  g_hash_table_unref (self->pending_names);
  g_hash_table_unref (self->session);
  g_string_free (self->batch, TRUE);
  g_free (self->path);
  g_free (self->lock_path);
  g_free (self->folder);
  g_free (self);
}
