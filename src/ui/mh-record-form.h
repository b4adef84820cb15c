/* mh-record-form.h: the selected record's form, body preview and pending changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-collection.h"

G_BEGIN_DECLS

#define MH_TYPE_RECORD_FORM (mh_record_form_get_type ())

G_DECLARE_FINAL_TYPE (MhRecordForm, mh_record_form, MH, RECORD_FORM, GtkWidget)

GtkWidget *mh_record_form_new            (void);
void       mh_record_form_set_collection (MhRecordForm *self,
                                          MhCollection *collection);
MhArticle *mh_record_form_get_article    (MhRecordForm *self);
void       mh_record_form_set_article    (MhRecordForm *self,
                                          MhArticle    *article);
void       mh_record_form_focus_first    (MhRecordForm *self);
/* "fields", "body" or "changes". */
void       mh_record_form_show_view      (MhRecordForm *self,
                                          const char   *view);
/* Writes typed text not written yet (done when idle otherwise). */
void       mh_record_form_flush          (MhRecordForm *self);
/* Re-reads every widget from the article now (it is otherwise done when idle). */
void       mh_record_form_refresh        (MhRecordForm *self);

/* For tests and keyboard navigation: the editing widget of a key path
 * ("title", "related[0].webUrl", "images[1].width"), or NULL.
 * Returns: (transfer none) (nullable) */
GtkWidget *mh_record_form_get_field      (MhRecordForm *self,
                                          const char   *path);
/* The entry that adds a topic, and the remove button of a topic's chip.
 * Returns: (transfer none) (nullable) */
GtkWidget *mh_record_form_get_topic_entry  (MhRecordForm *self);
GtkWidget *mh_record_form_get_topic_remove (MhRecordForm *self,
                                            const char   *topic);
/* The text of the "Changes" view. Returns: (transfer full) */
char      *mh_record_form_dup_diff_text  (MhRecordForm *self);

G_END_DECLS
