/* mh-bulk-plan.h: one edit over many records: previewed in memory, applied as one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-collection.h"

G_BEGIN_DECLS

/*
 * A plan is one operation (set or clear a field, add or remove a list item,
 * rename or delete list items) over a set of records. The preview computes
 * every record's new bytes on a copy of its document, so nothing of the
 * article changes; apply performs the same edits on the articles inside one
 * MhHistory step, so one undo takes all of it back.
 *
 * This is the window's seam until the model's batch API (MhBatch) takes
 * over: the edits are built here and run through mh_article_apply(), the
 * verified edit path every other change takes.
 *
 * List items compare as topics do: two spellings are one item when their
 * variant keys are equal (mh_fold_variant_key(): case, accents, spacing and
 * punctuation ignored), so adding "ai" where "AI" is does nothing, and
 * renaming never leaves a record with a repeated item.
 */

typedef struct _MhBulkPlan MhBulkPlan;

typedef struct
{
  MhArticle *article;
  GBytes    *before;   /* the document's bytes now */
  GBytes    *after;    /* with the plan applied; NULL when refused */
  char      *refusal;  /* why the record would refuse, or NULL */
} MhBulkChange;

/* Sets the scalar at @path on every record (typed by the schema); @text NULL
 * removes the key (records without it are unchanged). */
MhBulkPlan  *mh_bulk_plan_new_set        (GPtrArray          *articles,
                                          const char         *path,
                                          const char         *text);
/* Appends @value to the list at @key where no item is the same spelling. */
MhBulkPlan  *mh_bulk_plan_new_add_item   (GPtrArray          *articles,
                                          const char         *key,
                                          const char         *value);
/* Removes every item that is a spelling of @value. */
MhBulkPlan  *mh_bulk_plan_new_remove_item (GPtrArray         *articles,
                                           const char        *key,
                                           const char        *value);
/* Replaces every item that is a spelling of one of @old_values by @new_value
 * in place; where @new_value is already in the list the old items are removed
 * instead. @new_value NULL deletes them (delete everywhere). */
MhBulkPlan  *mh_bulk_plan_new_rename     (GPtrArray          *articles,
                                          const char         *key,
                                          const char * const *old_values,
                                          const char         *new_value);

/* The translated label of the undo step ("Add topic “AI”"). */
const char  *mh_bulk_plan_get_label      (MhBulkPlan         *self);

/* The changes (every record the plan touches, in the order given), computed
 * on the first call. Records the plan leaves as they are do not appear.
 * Returns: (transfer none) (element-type MhBulkChange) */
GPtrArray   *mh_bulk_plan_preview        (MhBulkPlan         *self);
guint        mh_bulk_plan_get_n_changes  (MhBulkPlan         *self);
guint        mh_bulk_plan_get_n_refusals (MhBulkPlan         *self);

/* Applies the plan to every record that would change (refusing ones are left
 * as they are) as one step of @history. If a record refuses now, the step is
 * undone and @error says why: all or nothing. Returns the number changed. */
gboolean     mh_bulk_plan_apply          (MhBulkPlan         *self,
                                          MhHistory          *history,
                                          guint              *n_changed,
                                          GError            **error);

void         mh_bulk_plan_free           (MhBulkPlan         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhBulkPlan, mh_bulk_plan_free)

G_END_DECLS
