/* mh-batch.h: one step over many records: plan, preview, apply, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-history.h"

G_BEGIN_DECLS

#define MH_BATCH_ERROR (mh_batch_error_quark ())

typedef enum
{
  MH_BATCH_ERROR_REFUSED,   /* some record would refuse: nothing was applied */
  MH_BATCH_ERROR_CHANGED,   /* a record changed since the preview: nothing was applied */
} MhBatchError;

typedef enum
{
  MH_BATCH_PENDING,    /* not previewed yet */
  MH_BATCH_CHANGE,     /* the record's bytes change */
  MH_BATCH_UNCHANGED,  /* nothing to do for it */
  MH_BATCH_REFUSED,    /* read-only, or an edit the engine refused: see the reason */
} MhBatchOutcome;

#define MH_TYPE_BATCH (mh_batch_get_type ())

G_DECLARE_FINAL_TYPE (MhBatch, mh_batch, MH, BATCH, GObject)

/*
 * A batch is a plan: a set of (record, list of MhEdit). The edits are given
 * for each record, or computed per record by a plan function against the
 * record's document when the batch is previewed (so "rename the topic ML"
 * finds each record's own index of it).
 *
 * mh_batch_preview() computes every record's new bytes in memory, on a
 * scratch copy of its document (the article is not touched), verified by
 * the engine like any edit: each record then changes, stays the same or
 * refuses with a reason. Only the change is kept (an MhPatch), never a
 * copy of a document, and the diff is built on demand.
 *
 * mh_batch_apply() applies every change as ONE MhHistory step (the
 * operations, through the records' public API), or nothing at all: when a
 * record would refuse, or changed since the preview. Undo and redo are the
 * history's. Main thread only.
 */

/* Returns the edits for a record whose document is @document (transfer
 * full, element-type MhEdit), or NULL when it needs none (or refuses: then
 * @error says why). Called from the preview's worker threads: it must only
 * read @document and @user_data. */
typedef GPtrArray *(*MhBatchPlanFunc) (MhDocument  *document,
                                       gpointer     user_data,
                                       GError     **error);

GQuark          mh_batch_error_quark    (void);
/* @label: the undo step's (translated), e.g. _("Add topic"). */
MhBatch        *mh_batch_new            (const char      *label);
const char     *mh_batch_get_label      (MhBatch         *self);
void            mh_batch_set_label      (MhBatch         *self,
                                         const char      *label);
void            mh_batch_set_plan_func  (MhBatch         *self,
                                         MhBatchPlanFunc  func,
                                         gpointer         user_data,
                                         GDestroyNotify   destroy);
/* A record the plan function decides for (once per record). */
void            mh_batch_add_record     (MhBatch         *self,
                                         MhArticle       *article);
/* A record with an edit of its own (copied; several append). */
void            mh_batch_add_edit       (MhBatch         *self,
                                         MhArticle       *article,
                                         const MhEdit    *edit);
/* The same outcome for a record without looking at its document (a
 * helper that knows from the summary). */
void            mh_batch_add_outcome    (MhBatch         *self,
                                         MhArticle       *article,
                                         MhBatchOutcome   outcome,
                                         const char      *reason);
guint           mh_batch_get_n_records  (MhBatch         *self);
/* Returns: (transfer none) */
MhArticle      *mh_batch_get_article    (MhBatch         *self,
                                         guint            index);

/* Computes every pending record's outcome. FALSE with G_IO_ERROR_CANCELLED
 * when cancelled (the records not reached stay pending). */
gboolean        mh_batch_preview        (MhBatch         *self,
                                         GCancellable    *cancellable,
                                         GError         **error);
guint           mh_batch_get_n_changes  (MhBatch         *self);
guint           mh_batch_get_n_refusals (MhBatch         *self);
guint           mh_batch_get_n_unchanged (MhBatch        *self);
/* "312 records change, 3 would refuse" (translated). */
char           *mh_batch_dup_summary    (MhBatch         *self);
MhBatchOutcome  mh_batch_get_outcome    (MhBatch         *self,
                                         guint            index);
/* Why the record refuses, or NULL. */
const char     *mh_batch_get_reason     (MhBatch         *self,
                                         guint            index);
/* The record's bytes after the batch (NULL unless it changes); reads the
 * record again. Returns: (transfer full) (nullable) */
GBytes         *mh_batch_dup_bytes      (MhBatch         *self,
                                         guint            index);
/* A unified diff of the record's change ("--- a/NAME", "+++ b/NAME", one
 * hunk with three lines of context), NULL unless it changes. */
char           *mh_batch_dup_diff       (MhBatch         *self,
                                         guint            index);
/* The bytes the batch keeps (what its undo step will keep, about). */
gsize           mh_batch_get_size       (MhBatch         *self);

/* Previews when needed, then applies every change as one step of
 * @history (nullable: records outside a collection). FALSE with
 * MH_BATCH_ERROR_REFUSED or _CHANGED and nothing applied. */
gboolean        mh_batch_apply          (MhBatch         *self,
                                         MhHistory       *history,
                                         GError         **error);
/* The same, but the records that would refuse stay as they are and the
 * others change (the window's bulk editor): FALSE only with
 * MH_BATCH_ERROR_CHANGED, and then nothing applied. */
gboolean        mh_batch_apply_changes  (MhBatch         *self,
                                         MhHistory       *history,
                                         GError         **error);

/* Plans for common curation, over @articles (element-type MhArticle).
 * Values compare as topics do: case, accents, spacing and punctuation
 * aside (mh_fold_variant_key()). */
/* Sets @path to @text (typed as mh_article_set_value() types it), or
 * clears it when @text is NULL (records without it are unchanged). */
MhBatch        *mh_batch_new_set_field  (GPtrArray       *articles,
                                         const char      *path,
                                         const char      *text);
/* Appends @value to the list at @list_path where no variant of it is. */
MhBatch        *mh_batch_new_add_item   (GPtrArray       *articles,
                                         const char      *list_path,
                                         const char      *value);
/* Removes every variant of @value from the list at @list_path. */
MhBatch        *mh_batch_new_remove_item (GPtrArray      *articles,
                                          const char     *list_path,
                                          const char     *value);
/* Renames every variant of each of @old_values (one: rename, several:
 * merge) to @new_value; where @new_value (or a variant) is in the list
 * already, the old items are removed instead: no duplicate. @new_value
 * NULL deletes them everywhere. */
MhBatch        *mh_batch_new_rename_item (GPtrArray          *articles,
                                          const char         *list_path,
                                          const char * const *old_values,
                                          const char         *new_value);

G_END_DECLS
