/* mh-save.h: how saving a record can end, shared by records and their collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MH_COLLECTION_ERROR (mh_collection_error_quark ())

typedef enum
{
  /* The file changed on disk and the edits touch what changed (or cannot
   * be replayed): ask the user, then mh_collection_resolve_conflict(). */
  MH_COLLECTION_ERROR_CONFLICT,
  MH_COLLECTION_ERROR_READ_ONLY,   /* the record is read-only */
  MH_COLLECTION_ERROR_NOT_FOUND,   /* the article is not in the collection */
} MhCollectionError;

typedef enum
{
  MH_SAVE_UNCHANGED,  /* nothing to write */
  MH_SAVE_WRITTEN,    /* written */
  MH_SAVE_MERGED,     /* the file had changed on disk; edits replayed onto it and written */
} MhSaveOutcome;

typedef enum
{
  MH_CONFLICT_RELOAD,     /* drop my edits, load the file from disk */
  MH_CONFLICT_KEEP_MINE,  /* overwrite the disk file with my bytes */
  MH_CONFLICT_SAVE_AS,    /* write my bytes to another file, reload the original */
} MhConflictChoice;

typedef struct _MhArticle MhArticle;

/* A record Save All could not write, and why. */
typedef struct
{
  MhArticle *article;
  GError    *error;
} MhSaveFailure;

/* Save All's progress: @n_done of @n_total records finished. */
typedef void (*MhSaveProgressFunc) (guint    n_done,
                                    guint    n_total,
                                    gpointer user_data);

GQuark        mh_collection_error_quark   (void);
void          mh_save_failure_free        (MhSaveFailure *failure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhSaveFailure, mh_save_failure_free)

G_END_DECLS
