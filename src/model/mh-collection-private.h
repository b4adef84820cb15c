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
  LoadJob     *job;         /* the load in progress, or NULL */
  GHashTable  *monitors;    /* folder path -> GFileMonitor */
  GHashTable  *pending;     /* path -> GFile, monitor events not yet applied */
  guint        pending_id;
  guint        n_loaded;
  guint        n_total;

  guint        loading : 1;

  /* Read-ahead for list models: see read_ahead(). */
  guint       *order;         /* positions in the order they were last asked for */
  guint       *order_index;   /* by position: where it is in order, if it is */
  guint        n_order;       /* both arrays' size, at least the items' */
  guint        cursor;        /* the next expected request, in order */
  guint        misses;        /* consecutive requests out of order */
};

/* mh-collection.c */
void        _mh_collection_emit_saved     (MhCollection  *self,
                                           MhArticle     *article,
                                           MhSaveOutcome  outcome);

G_END_DECLS
