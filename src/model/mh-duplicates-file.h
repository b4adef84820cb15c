/* mh-duplicates-file.h: `.masthead/not-duplicates`, the pairs a curator said are not duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Inside the collection folder. */
#define MH_DUPLICATES_FILE_NAME ".masthead/not-duplicates"

/* Two paths relative to the collection folder, @a < @b (strcmp). */
typedef struct
{
  char *a;
  char *b;
} MhPathPair;

void        mh_path_pair_free         (MhPathPair  *pair);

/* Parses the file's text. One pair a line, `A<TAB>B`; blank lines and a
 * final `\r` are skipped; the pair is stored sorted whichever way it is
 * written. Anything else is an error naming the line (G_IO_ERROR_INVALID_DATA):
 * invalid UTF-8, no tab or more than one, an empty path, an absolute path or
 * one with a `..` component, a path paired with itself. Returns: (transfer
 * full) (element-type MhPathPair): sorted, each pair once; NULL on error. */
GPtrArray  *mh_duplicates_file_parse  (const char  *text,
                                       gsize        len,
                                       const char  *name,
                                       GError     **error);
/* The file's text: sorted lines, each pair once. Returns: (transfer full) */
char       *mh_duplicates_file_format (GPtrArray   *pairs);

/* Reads @folder's file: an empty array when it does not exist. */
GPtrArray  *mh_duplicates_file_read   (GFile        *folder,
                                       GCancellable *cancellable,
                                       GError      **error);
/* Adds @a–@b to @folder's file (creating `.masthead/`) and replaces it
 * atomically. A file that does not parse is left alone: error. */
gboolean    mh_duplicates_file_add    (GFile        *folder,
                                       const char   *a,
                                       const char   *b,
                                       GCancellable *cancellable,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhPathPair, mh_path_pair_free)

G_END_DECLS
