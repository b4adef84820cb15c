/* mh-collection.h: the records of a folder, as a GListModel of MhArticle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-article.h"
#include "mh-filter.h"
#include "mh-health-index.h"
#include "mh-history.h"
#include "mh-journal.h"
#include "mh-save.h"

G_BEGIN_DECLS

#define MH_TYPE_COLLECTION (mh_collection_get_type ())

G_DECLARE_FINAL_TYPE (MhCollection, mh_collection, MH, COLLECTION, GObject)

/*
 * Properties: folder (GFile), loading, n-loaded and n-total (files examined
 * and files found so far; not every file is a record, the record count is
 * g_list_model_get_n_items()), progress (0..1), n-modified, n-problems
 * (records with at least one problem), history.
 * Items are MhArticle, in load order (the view sorts).
 * Signals:
 *   ::article-changed (MhArticle): any change to an article's data or state
 *     (edit, undo, reload, save, modified) — for facet counts and markers.
 *   ::saved (MhArticle, MhSaveOutcome): after each save that wrote.
 */

MhCollection *mh_collection_new           (void);

/* Loads @folder recursively in worker threads, replacing what was loaded
 * (unsaved edits are dropped: ask before). Records appear in batches while
 * the rest load. Cancelling stops loading (records loaded so far stay). */
void          mh_collection_load_async    (MhCollection        *self,
                                           GFile               *folder,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      mh_collection_load_finish   (MhCollection        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

GFile        *mh_collection_get_folder    (MhCollection        *self);  /* transfer none */
MhHistory    *mh_collection_get_history   (MhCollection        *self);  /* transfer none */
gboolean      mh_collection_get_loading   (MhCollection        *self);
guint         mh_collection_get_n_loaded  (MhCollection        *self);
guint         mh_collection_get_n_total   (MhCollection        *self);
double        mh_collection_get_progress  (MhCollection        *self);
guint         mh_collection_get_n_modified (MhCollection       *self);
guint         mh_collection_get_n_problems (MhCollection       *self);
/* The collection rules (see mh-health-index.h). */
MhHealthIndex *mh_collection_get_health   (MhCollection        *self);
const char   *mh_collection_get_health_error (MhCollection      *self);
gboolean      mh_collection_mark_not_duplicate (MhCollection   *self,
                                                MhArticle      *a,
                                                MhArticle      *b,
                                                GError        **error);

/* Returns: (transfer none) (nullable) */
MhArticle    *mh_collection_lookup        (MhCollection        *self,
                                           GFile               *file);
/* Position of @article, or FALSE. */
gboolean      mh_collection_find          (MhCollection        *self,
                                           MhArticle           *article,
                                           guint               *position);

/* Saves one record (blocking; records are small). On an external change
 * the recorded edits are replayed onto the disk text when they touch other
 * fields (MH_SAVE_MERGED); otherwise MH_COLLECTION_ERROR_CONFLICT and the
 * article stays modified. */
gboolean      mh_collection_save          (MhCollection        *self,
                                           MhArticle           *article,
                                           MhSaveOutcome       *outcome,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* Saves every modified record. Returns the number written; records that
 * failed (conflicts included) are added to @failed (transfer full,
 * element-type MhArticle) with the first error in @error. */
guint         mh_collection_save_all      (MhCollection        *self,
                                           GPtrArray          **failed,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* The same off the main thread: the files are written by a worker, the
 * records learn it on the main thread in short slices (the window stays
 * responsive); @progress (nullable) hears how far it got, on the main
 * thread. Cancelling stops before the next file: what was written stays
 * written, the rest stays modified. */
void          mh_collection_save_all_async (MhCollection       *self,
                                            MhSaveProgressFunc  progress,
                                            gpointer            progress_data,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* Returns the number written. @failed: (out) (transfer full) (element-type
 * MhSaveFailure): the records that could not be saved (conflict, refusal,
 * I/O error) with the reason, also when cancelled (G_IO_ERROR_CANCELLED). */
guint         mh_collection_save_all_finish (MhCollection      *self,
                                             GAsyncResult      *result,
                                             GPtrArray        **failed,
                                             GError           **error);
gboolean      mh_collection_resolve_conflict (MhCollection     *self,
                                              MhArticle        *article,
                                              MhConflictChoice  choice,
                                              GFile            *save_as,
                                              GError          **error);
/* Reverts every modified record (one undo step). */
void          mh_collection_revert_all    (MhCollection        *self);
/* Articles with unsaved edits. Returns: (transfer container) (element-type MhArticle) */
GPtrArray    *mh_collection_dup_modified  (MhCollection        *self);

/* Counts, over the records that match @filter ignoring its own selection for
 * @facet (so a facet's other values keep their counts), of each value of
 * @facet. @filter may be NULL. Returns: (transfer full): char* -> GUINT_TO_POINTER(count) */
GHashTable   *mh_collection_count_facets  (MhCollection        *self,
                                           MhFacet              facet,
                                           MhFilter            *filter);
/* The same count over records [@start, @end) only, added into @counts
 * (owned keys, g_str_hash): for counting in slices across main-loop
 * iterations. */
void          mh_collection_count_facets_range (MhCollection *self,
                                                MhFacet       facet,
                                                MhFilter     *filter,
                                                GHashTable   *counts,
                                                guint         start,
                                                guint         end);
/* mh_filter_match() for a record of this collection, the search words
 * answered from its index of search texts (a list model's per-item test:
 * the first call after a new search scans the texts once, in memory order). */
gboolean      mh_collection_match         (MhCollection        *self,
                                           MhFilter            *filter,
                                           MhArticle           *article);
/* How many records match @filter. */
guint         mh_collection_count_matches (MhCollection        *self,
                                           MhFilter            *filter);
/* Applies the file-monitor events collected so far without waiting for the
 * debounce (tests; also used before saving). */
void          mh_collection_flush_events  (MhCollection        *self);

/* The journal of unsaved edits (the window's; see mh-collection-journal.c). */
gboolean      mh_collection_open_journal  (MhCollection        *self,
                                           GError             **error);
const MhJournalContents *mh_collection_get_journal_pending (MhCollection *self);
guint         mh_collection_restore_journal (MhCollection      *self,
                                             GPtrArray        **failed);
gboolean      mh_collection_discard_journal (MhCollection      *self,
                                             GError           **error);

G_END_DECLS
