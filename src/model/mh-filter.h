/* mh-filter.h: the search and facet predicate shared by the window and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MhArticle MhArticle;

typedef enum
{
  MH_FACET_TOPIC,      /* values: the topics */
  MH_FACET_PROVIDER,   /* provider name ("" when absent) */
  MH_FACET_CATEGORY,   /* category ("" when absent) */
  MH_FACET_TYPE,       /* type ("" when absent) */
  MH_FACET_PUBLISHED,  /* "true", "false" ("false" when absent) */
  MH_FACET_MODIFIED,   /* "true", "false" */
  MH_FACET_PROBLEMS,   /* "error", "warning", "none": the worst problem */
  MH_N_FACETS
} MhFacet;

/* How the last change moved the set of matching records. The values are
 * GtkFilterChange's, so the window passes it straight on:
 *   gtk_filter_changed (filter, (GtkFilterChange) mh_filter_get_last_change (f));
 * and GtkFilterListModel then retests only the shown records (MORE_STRICT) or
 * only the hidden ones (LESS_STRICT). */
typedef enum
{
  MH_FILTER_CHANGE_DIFFERENT = 0,    /* anything may have changed */
  MH_FILTER_CHANGE_LESS_STRICT = 1,  /* every record that matched still does */
  MH_FILTER_CHANGE_MORE_STRICT = 2,  /* no record that did not match does now */
} MhFilterChange;

#define MH_TYPE_FILTER (mh_filter_get_type ())

G_DECLARE_FINAL_TYPE (MhFilter, mh_filter, MH, FILTER, GObject)

/*
 * A record matches when the search text is a substring of its folded title,
 * excerpt, provider or topics (case- and accent-insensitive; several words
 * must all match), its quality lies in the range (records without quality
 * match only the full range), and, for each facet with selected values, it
 * has at least one of them (values OR within a facet, facets AND).
 *
 * Properties: search-text, quality-min (0), quality-max (100).
 * Signal ::changed after any change (the window refilters); then
 * mh_filter_get_last_change() says how the matches moved.
 *
 * The filter is a pure predicate over a record's compact row
 * (MhFilterRow: the summary fields and the folded search text): it knows
 * no collection. A collection that keeps its search texts side by side
 * answers faster with mh_collection_match(), which drives the same
 * predicate over its own arrays. A parsed query plugs in as a row function
 * (mh_filter_set_row_func()). Main thread only.
 */
MhFilter    *mh_filter_new               (void);
const char  *mh_filter_get_search_text   (MhFilter   *self);
void         mh_filter_set_search_text   (MhFilter   *self,
                                          const char *text);
void         mh_filter_set_facet_value   (MhFilter   *self,
                                          MhFacet     facet,
                                          const char *value,
                                          gboolean    selected);
gboolean     mh_filter_get_facet_value   (MhFilter   *self,
                                          MhFacet     facet,
                                          const char *value);
void         mh_filter_clear_facet       (MhFilter   *self,
                                          MhFacet     facet);
void         mh_filter_set_quality_range (MhFilter   *self,
                                          gint64      min,
                                          gint64      max);
gint64       mh_filter_get_quality_min   (MhFilter   *self);
gint64       mh_filter_get_quality_max   (MhFilter   *self);
/* Clears search, facets and range. */
void         mh_filter_reset             (MhFilter   *self);
MhFilterChange mh_filter_get_last_change (MhFilter *self);
/* Whether the filter matches everything. */
gboolean     mh_filter_is_empty          (MhFilter   *self);

/* What the predicate reads of a record. */
typedef struct
{
  const char * const *topics;
  const char         *provider_name;
  const char         *category;
  const char         *type;
  const char         *search_text;  /* folded, see mh_article_get_search_text() */
  gint64              quality;
  guint               n_errors;
  guint               n_problems;
  guint               has_quality : 1;
  guint               published : 1;
  guint               modified : 1;
} MhFilterRow;

/* Fills @row from @article's summary (borrowed strings). */
void         mh_filter_row_init          (MhFilterRow       *row,
                                          MhArticle         *article);
/* The values @row has for @facet, without copying: @buffer holds a single
 * value. Returns: (transfer none) */
const char * const *mh_filter_row_peek_facet_values (const MhFilterRow *row,
                                                     MhFacet            facet,
                                                     const char        *buffer[2]);

/* An extra test every matching row must pass (the seam for a parsed
 * query): NULL removes it. Emits ::changed (DIFFERENT). */
typedef gboolean (*MhFilterRowFunc) (const MhFilterRow *row,
                                     gpointer           user_data);
void         mh_filter_set_row_func      (MhFilter        *self,
                                          MhFilterRowFunc  func,
                                          gpointer         user_data,
                                          GDestroyNotify   destroy);

/* The predicate. @except: a facet whose selection is ignored (facet counts),
 * or MH_N_FACETS. @test_words: FALSE when the caller knows the search words
 * match already (mh_collection_match()). */
gboolean     mh_filter_match_row         (MhFilter          *self,
                                          const MhFilterRow *row,
                                          MhFacet            except,
                                          gboolean           test_words);
/* Whether anything but the words filters (facets, range, row function). */
gboolean     mh_filter_has_row_tests     (MhFilter          *self);
/* The folded search words, NULL when there are none; each changes only in
 * mh_filter_set_search_text(). Returns: (transfer none) */
const char * const *mh_filter_get_words  (MhFilter          *self);
/* A number no other set of words of any filter had: a cache of matches
 * over the words is current while it stays the same. */
guint        mh_filter_get_words_serial  (MhFilter          *self);
/* Whether @text (folded) contains every one of @words. */
gboolean     mh_filter_text_has_words    (const char         *text,
                                          const char * const *words);
/* Whether every record matching @narrow also matches @wide: each word of
 * @wide lies within a word of @narrow. */
gboolean     mh_filter_words_imply       (const char * const *narrow,
                                          const char * const *wide);

gboolean     mh_filter_match             (MhFilter   *self,
                                          MhArticle  *article);
/* The same, ignoring the selection of @facet (facet counts). */
gboolean     mh_filter_match_except      (MhFilter   *self,
                                          MhArticle  *article,
                                          MhFacet     facet);
/* The values @article has for @facet. Returns: (transfer full) */
GStrv        mh_article_dup_facet_values (MhArticle  *article,
                                          MhFacet     facet);

G_END_DECLS
