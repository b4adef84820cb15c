/* mh-topics-page.h: every item of a list key with its count and spellings; rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mh-bulk-preview.h"
#include "mh-collection.h"

G_BEGIN_DECLS

#define MH_TYPE_TOPICS_PAGE (mh_topics_page_get_type ())

G_DECLARE_FINAL_TYPE (MhTopicsPage, mh_topics_page, MH, TOPICS_PAGE, GtkWidget)

/* What the action drop-down offers, in its order. */
typedef enum
{
  MH_TOPICS_RENAME,   /* rename one topic, or merge the selected ones into one */
  MH_TOPICS_DELETE,   /* delete the selected topics from every record */
} MhTopicsAction;

/*
 * A topic is every spelling that differs from another only in case, accents,
 * spacing or punctuation (mh_fold_variant_key()): it shows its most common
 * spelling, the others as variants, and how many records have any of them.
 * Renaming, merging or deleting acts on every spelling of the selected
 * topics, in every record, as one undo step.
 */
GtkWidget     *mh_topics_page_new            (void);
void           mh_topics_page_set_collection (MhTopicsPage *self,
                                              MhCollection *collection);
/* Counts again (the page does when it is shown and after every apply). */
void           mh_topics_page_refresh        (MhTopicsPage *self);
/* The list key counted ("topics" unless the curator chose another). */
const char    *mh_topics_page_get_key        (MhTopicsPage *self);
void           mh_topics_page_set_key        (MhTopicsPage *self,
                                              const char   *key);

/* For tests. The row of the topic one of whose spellings is @value, or NULL. */
GtkListBoxRow *mh_topics_page_find_row       (MhTopicsPage *self,
                                              const char   *value);
/* The count and the variants (NULL-terminated, transfer full) of that topic. */
guint          mh_topics_page_get_count      (MhTopicsPage *self,
                                              const char   *value);
GStrv          mh_topics_page_dup_variants   (MhTopicsPage *self,
                                              const char   *value);
/* Returns: (transfer none) */
GtkListBox    *mh_topics_page_get_list       (MhTopicsPage *self);
GtkDropDown   *mh_topics_page_get_action     (MhTopicsPage *self);
GtkEditable   *mh_topics_page_get_new_name   (MhTopicsPage *self);
GtkEditable   *mh_topics_page_get_search     (MhTopicsPage *self);
MhBulkPreview *mh_topics_page_get_preview    (MhTopicsPage *self);
/* Computes the preview now instead of after the typing pause. */
void           mh_topics_page_update_now     (MhTopicsPage *self);

G_END_DECLS
