/* mh-document.h: one record's bytes, its YAML span tree, and lossless edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-node.h"
#include "mh-path.h"
#include "mh-split.h"

G_BEGIN_DECLS

#define MH_DOCUMENT_ERROR (mh_document_error_quark ())

typedef enum
{
  MH_DOCUMENT_ERROR_READ_ONLY,     /* the file or the path is read-only */
  MH_DOCUMENT_ERROR_NOT_FOUND,     /* the path does not resolve */
  MH_DOCUMENT_ERROR_INVALID_PATH,  /* the path does not parse */
  MH_DOCUMENT_ERROR_NOT_SCALAR,    /* set on a list or mapping, or a step through a scalar */
  MH_DOCUMENT_ERROR_NOT_SEQUENCE,  /* append/move on something that is not a list */
  MH_DOCUMENT_ERROR_INDEX,         /* a list index out of range */
  MH_DOCUMENT_ERROR_VERIFY,        /* the edited bytes did not re-parse to the expected data */
} MhDocumentError;

/* Caps: past them the file opens read-only. */
#define MH_DOCUMENT_MAX_BLOCK_SIZE (4 * 1024 * 1024)
#define MH_DOCUMENT_MAX_DEPTH      64
#define MH_DOCUMENT_MAX_NODES      50000

typedef enum
{
  MH_EDIT_SET,     /* set a scalar, creating the key and missing parent mappings */
  MH_EDIT_DELETE,  /* remove a key or a list item */
  MH_EDIT_APPEND,  /* append an item (any tree) to the list, creating it */
  MH_EDIT_MOVE,    /* move list item `index` of the list at path to `to` */
  MH_EDIT_INSERT,  /* set a key to a whole tree (mapping or list), creating it */
} MhEditVerb;

typedef struct
{
  MhEditVerb  verb;
  char       *path;
  MhNode     *value;  /* SET: a scalar; APPEND, INSERT: any tree */
  guint       index;  /* MOVE: from */
  guint       to;     /* MOVE: to */
} MhEdit;

MhEdit *mh_edit_new   (MhEditVerb    verb,
                       const char   *path,
                       MhNode       *value);   /* transfer full, may be NULL */
MhEdit *mh_edit_new_move (const char *path,
                          guint       from,
                          guint       to);
MhEdit *mh_edit_copy  (const MhEdit *edit);
void    mh_edit_free  (MhEdit       *edit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhEdit, mh_edit_free)

typedef struct _MhDocument MhDocument;

GQuark         mh_document_error_quark         (void);

/* Never fails: whatever cannot be edited safely becomes a read-only reason. */
MhDocument    *mh_document_new                 (GBytes        *bytes);
MhDocument    *mh_document_new_from_data       (const char    *data,
                                                gsize          len);
MhDocument    *mh_document_ref                 (MhDocument    *self);
void           mh_document_unref               (MhDocument    *self);

/* The current bytes, edits included. Returns: (transfer none) */
GBytes        *mh_document_get_bytes           (MhDocument    *self);
const MhSplit *mh_document_get_split           (MhDocument    *self);
/* The root mapping, or NULL when there is none (no front matter, an empty
 * block, or a read-only file whose block did not parse). */
MhNode        *mh_document_get_root            (MhDocument    *self);
/* The body after the closing line (the whole file without front matter). */
const char    *mh_document_get_body            (MhDocument    *self,
                                                gsize         *len);

/* NULL when editable. @offset: the byte the reason points at, or G_MAXSIZE
 * when no position applies (a cap, a file-system reason). */
const char    *mh_document_get_readonly_reason (MhDocument    *self,
                                                gsize         *offset);
/* For reasons that come from outside the bytes (hard link, owner, mode). */
void           mh_document_set_readonly_reason (MhDocument    *self,
                                                const char    *reason);

/* 1-based line and column (in characters) of a byte offset. */
void           mh_document_get_position        (MhDocument    *self,
                                                gsize          offset,
                                                guint         *line,
                                                guint         *column);

/* Resolves aliases and `<<` merges. Returns: (transfer none) */
MhNode        *mh_document_lookup              (MhDocument    *self,
                                                const char    *path,
                                                GError       **error);
MhNode        *mh_document_lookup_path         (MhDocument    *self,
                                                const MhPath  *path,
                                                GError       **error);
/* Why @path cannot be edited (read-only file, alias, anchor, merge), or NULL. */
const char    *mh_document_get_path_readonly_reason (MhDocument   *self,
                                                     const char   *path,
                                                     gsize        *offset);

/* Applies and verifies one edit. On error nothing changed. A no-op edit
 * (the value is already there) succeeds and changes nothing. */
gboolean       mh_document_apply               (MhDocument    *self,
                                                const MhEdit  *edit,
                                                GError       **error);
/* Whether the bytes differ from those the document was created with. */
gboolean       mh_document_is_modified         (MhDocument    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhDocument, mh_document_unref)

G_END_DECLS
