/* mh-save-progress.h: Save All in steps, with progress, Cancel, and the records that failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-collection.h"

G_BEGIN_DECLS

#define MH_TYPE_SAVE_PROGRESS (mh_save_progress_get_type ())

G_DECLARE_FINAL_TYPE (MhSaveProgress, mh_save_progress, MH, SAVE_PROGRESS, GtkWidget)

/*
 * Shows "Saving 12 of 40…", a progress bar and Cancel while the collection
 * saves every modified record off the main thread
 * (mh_collection_save_all_async()): the window keeps drawing and answering.
 * A record that fails is kept with its reason; the others are saved.
 *
 * Signal ::finished (guint n_saved, gboolean cancelled) at the end; then
 * mh_save_progress_get_failures() lists what failed.
 */
GtkWidget *mh_save_progress_new          (void);
/* Starts saving every modified record of @collection. */
void       mh_save_progress_start        (MhSaveProgress *self,
                                          MhCollection   *collection);
/* Stops before the next file; ::finished follows. */
void       mh_save_progress_cancel       (MhSaveProgress *self);
gboolean   mh_save_progress_is_running   (MhSaveProgress *self);
/* Returns: (transfer none) (element-type MhSaveFailure) */
GPtrArray *mh_save_progress_get_failures (MhSaveProgress *self);
/* For tests. Returns: (transfer none) */
GtkWidget *mh_save_progress_get_cancel_button (MhSaveProgress *self);
const char *mh_save_progress_get_text    (MhSaveProgress *self);

/* A dialog listing @failures (element-type MhSaveFailure); activating one
 * calls @select with its record. Returns: (transfer none) the dialog, shown. */
GtkWidget *mh_save_failures_present      (GtkWindow      *parent,
                                          GPtrArray      *failures,
                                          void          (*select) (gpointer   data,
                                                                   MhArticle *article),
                                          gpointer        data);

G_END_DECLS
