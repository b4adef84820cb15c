/* mh-collection-private.h: what MhCollection's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-collection.h"
#include "mh-search-index.h"

G_BEGIN_DECLS

typedef struct _LoadJob LoadJob;

struct _MhCollection
{
  GObject      parent_instance;

  GFile       *folder;
  GPtrArray   *items;       /* MhArticle */
  MhSearchIndex *search;     /* the records' search texts, by search slot */
  GHashTable  *by_path;     /* path -> MhArticle (borrowed from items) */
  GHashTable  *modified;    /* MhArticle set */
  GHashTable  *problems;    /* MhArticle set */
  MhHistory   *history;
  MhHealthIndex *health;     /* the collection rules over every record */
  char        *health_error; /* why .masthead/not-duplicates was not read, or NULL */
  LoadJob     *job;         /* the load in progress, or NULL */
  GHashTable  *monitors;    /* folder path -> GFileMonitor */
  GHashTable  *pending;     /* path -> GFile, monitor events not yet applied */
  guint        pending_id;
  guint        n_loaded;
  guint        n_total;
  MhJournal   *journal;        /* unsaved edits on disk (the window's), or NULL */
  GHashTable  *journal_dirty;  /* MhArticle set (owned): changed, not yet journaled */
  guint        journal_flush_id;

  guint        loading : 1;

  /* Read-ahead for list models: see read_ahead(). */
  guint       *order;         /* positions in the order they were last asked for */
  guint       *order_index;   /* by position: where it is in order, if it is */
  guint        n_order;       /* both arrays' size, at least the items' */
  guint        cursor;        /* the next expected request, in order */
  guint        misses;        /* consecutive requests out of order */
};

/* mh-collection-journal.c: @article's edits go to the journal at the next
 * idle; the journal is flushed and closed. */
void        _mh_collection_keep_journal   (MhCollection  *self,
                                           MhArticle     *article);
void        _mh_collection_close_journal  (MhCollection  *self);

/* mh-collection.c and mh-collection-monitor.c: loading one record (blocking; NULL when
 * @file is no record), adding and removing rows, and the folder's monitors. */
void        _mh_collection_add_monitor (MhCollection *self,
                                        GFile        *folder);
void        _mh_collection_remove_monitors (MhCollection *self);
void        _mh_collection_process_pending (MhCollection *self);
gboolean    _mh_collection_is_hidden (MhCollection *self,
                                      GFile        *file);
MhArticle  *_mh_collection_load_record (GFile        *folder,
                                        GFile        *file,
                                        GCancellable *cancellable);
void        _mh_collection_append_articles (MhCollection *self,
                                            GPtrArray    *articles);
void        _mh_collection_remove_article (MhCollection *self,
                                           MhArticle    *article);

/* mh-collection.c */
void        _mh_collection_emit_saved     (MhCollection  *self,
                                           MhArticle     *article,
                                           MhSaveOutcome  outcome);

G_END_DECLS
