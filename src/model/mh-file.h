/* mh-file.h: read a record's bytes with their etag, and replace them atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GBytes *bytes;            /* what was read */
  char   *etag;             /* read together with the bytes */
  GFile  *target;           /* where saves go: the file, or a symlink's resolved target */
  char   *readonly_reason;  /* hard-linked, foreign-owned or unwritable; else NULL */
} MhFileContents;

void            mh_file_contents_free (MhFileContents *contents);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhFileContents, mh_file_contents_free)

/* Blocking: call from a worker thread (or the CLI). mh_file_load_in()
 * contains symlinks to @root (NULL: the file's own folder, which is what
 * mh_file_load() does): a link out of it opens read-only with the reason. */
MhFileContents *mh_file_load          (GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);
MhFileContents *mh_file_load_in       (GFile          *file,
                                       GFile          *root,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* Writes nothing when @new_bytes equal @contents->bytes (sets *written to
 * FALSE). Refuses contents with a read-only reason (G_IO_ERROR_READ_ONLY),
 * and a target replaced by a symlink (G_IO_ERROR_WRONG_ETAG). Otherwise replaces the target atomically, checking the etag read
 * at load (G_IO_ERROR_WRONG_ETAG when the file changed on disk), keeping
 * its permissions, and on success updates @contents (bytes, etag). */
gboolean        mh_file_save          (MhFileContents *contents,
                                       GBytes         *new_bytes,
                                       gboolean       *written,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* Whether @name (a file's basename) can be a record, and whether a folder
 * entry is skipped (dot-files and dot-folders). */
gboolean        mh_file_is_hidden     (const char     *name);
/* A file is a record when its bytes open with an optional BOM and a `---`
 * line, or it ends in .md, .markdown or .txt. */
gboolean        mh_file_is_record     (const char     *name,
                                       const char     *head,
                                       gsize           head_len);

/* What a folder scan does with an entry it listed without following links. */
typedef enum
{
  MH_FILE_ENTRY_SKIP,    /* hidden, a link to a folder, or nothing named like a record */
  MH_FILE_ENTRY_FOLDER,  /* a real folder (never a link to one): scan it */
  MH_FILE_ENTRY_FILE,    /* load it: a regular file, a link to anything but a folder (a loop,
                          * a dangling link, a link out of the folder), or a FIFO, socket or
                          * device named like a record; the load says why it cannot be one */
} MhFileEntry;

MhFileEntry     mh_file_classify_entry (const char     *path,
                                        const char     *name,
                                        GFileType       type);

G_END_DECLS
