/* mh-bulk-preview.h: what a many-record change would do, each diff a click away, and Apply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-bulk-plan.h"

G_BEGIN_DECLS

#define MH_TYPE_BULK_PREVIEW (mh_bulk_preview_get_type ())

G_DECLARE_FINAL_TYPE (MhBulkPreview, mh_bulk_preview, MH, BULK_PREVIEW, GtkWidget)

/*
 * Shows a plan's preview: "312 records change, 3 would refuse: …", the
 * records as a list (activating one shows its diff), and an Apply button that
 * applies the plan as one step of the history.
 *
 * Signal ::applied (guint n_changed) after an apply that changed records;
 * the owner then builds the next plan (the records have new bytes).
 */
GtkWidget  *mh_bulk_preview_new          (void);
void        mh_bulk_preview_set_history  (MhBulkPreview *self,
                                          MhHistory     *history);
/* Previews @plan (transfer full, nullable); without one, @hint says what is
 * missing ("Type a topic to add."). */
void        mh_bulk_preview_set_plan     (MhBulkPreview *self,
                                          MhBulkPlan    *plan,
                                          const char    *hint);
/* What builds the plan to show, from the owner's widgets; NULL with @hint
 * saying what is missing. */
typedef MhBulkPlan *(*MhBulkPlanner) (gpointer     owner,
                                      const char **hint);
void        mh_bulk_preview_set_planner  (MhBulkPreview *self,
                                          MhBulkPlanner  planner,
                                          gpointer       owner);
/* Builds and shows the plan now, or after the typing pause (the preview
 * reads every record it touches). */
void        mh_bulk_preview_update       (MhBulkPreview *self);
void        mh_bulk_preview_queue_update (MhBulkPreview *self);
/* Applies the plan shown, as the Apply button does. */
gboolean    mh_bulk_preview_apply        (MhBulkPreview *self);

/* For tests. Returns: (transfer none) */
GtkWidget  *mh_bulk_preview_get_apply_button (MhBulkPreview *self);
GtkListBox *mh_bulk_preview_get_list     (MhBulkPreview *self);
const char *mh_bulk_preview_get_summary  (MhBulkPreview *self);
/* The text of the diff shown (after a row was activated). Returns: (transfer full) */
char       *mh_bulk_preview_dup_diff_text (MhBulkPreview *self);

G_END_DECLS
