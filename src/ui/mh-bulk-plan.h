/* mh-bulk-plan.h: the window's many-record changes, run by MhBatch, labelled for undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-batch.h"
#include "mh-collection.h"

G_BEGIN_DECLS

/*
 * The window's many-record changes: one operation (set or clear a field,
 * add or remove a list item, rename, merge or delete list items) over a set
 * of records, run by the model's MhBatch (preview in memory, apply as one
 * MhHistory step), with the label the undo step shows.
 *
 * Where MhBatch applies all or nothing, the window applies what can change:
 * records that would refuse are listed in the preview and left as they are.
 * List items compare as topics do (mh_fold_variant_key()).
 */

typedef struct _MhBulkPlan MhBulkPlan;

/* Sets the scalar at @path on every record (typed by the schema); @text NULL
 * removes the key (records without it are unchanged). */
MhBulkPlan  *mh_bulk_plan_new_set        (GPtrArray          *articles,
                                          const char         *path,
                                          const char         *text);
/* Appends @value to the list at @key where no item is a spelling of it. */
MhBulkPlan  *mh_bulk_plan_new_add_item   (GPtrArray          *articles,
                                          const char         *key,
                                          const char         *value);
/* Removes every item that is a spelling of @value. */
MhBulkPlan  *mh_bulk_plan_new_remove_item (GPtrArray         *articles,
                                           const char        *key,
                                           const char        *value);
/* Replaces every spelling of one of @old_values by @new_value in place;
 * where @new_value is already in the list the old items are removed
 * instead. @new_value NULL deletes them (delete everywhere). */
MhBulkPlan  *mh_bulk_plan_new_rename     (GPtrArray          *articles,
                                          const char         *key,
                                          const char * const *old_values,
                                          const char         *new_value);

/* The translated label of the undo step ("Add “AI” to Topics"). */
const char  *mh_bulk_plan_get_label      (MhBulkPlan         *self);
/* The previewed batch: every record's outcome, reason and diff.
 * Returns: (transfer none) */
MhBatch     *mh_bulk_plan_get_batch      (MhBulkPlan         *self);
guint        mh_bulk_plan_get_n_changes  (MhBulkPlan         *self);
guint        mh_bulk_plan_get_n_refusals (MhBulkPlan         *self);

/* Applies the plan to every record that would change as one step of
 * @history; records that would refuse are left as they are. Nothing is
 * applied when a record changed since the preview (@error says so). */
gboolean     mh_bulk_plan_apply          (MhBulkPlan         *self,
                                          MhHistory          *history,
                                          guint              *n_changed,
                                          GError            **error);

void         mh_bulk_plan_free           (MhBulkPlan         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhBulkPlan, mh_bulk_plan_free)

G_END_DECLS
