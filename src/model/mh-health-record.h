/* mh-health-record.h: what the collection rules read of one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"

G_BEGIN_DECLS

/* One value with its key path and where it sits (1-based line and column
 * in characters; 0 when unknown). */
typedef struct
{
  char  *text;     /* as the record holds it */
  char  *path;     /* `webUrl`, `topics[2]`, `related[0].title` */
  guint  line;
  guint  column;
} MhHealthValue;

/* A related link: its title and the keys of its URLs. */
typedef struct
{
  MhHealthValue  title;      /* text NULL when the item has none */
  GPtrArray     *url_keys;   /* (element-type utf8) mh_url_normalise() keys, distinct */
  GArray        *url_hashes; /* (element-type guint64) mh_health_hash() of each key */
  char          *title_key;  /* the title's folded words, space-separated, or NULL */
} MhHealthRelated;

/* The plain description of a record the collection rules index: built by the
 * CLI from an MhDocument, by the window from an MhArticle. Everything the
 * rules compare (URL keys, folded title words, topic variant keys) is
 * computed when a value is added, so building records in worker threads
 * takes that work off the thread that indexes them. Not thread-safe itself. */
typedef struct
{
  char          *id;          /* the record's path, as the caller names it */
  MhHealthValue  title;       /* text NULL when there is none */
  char          *title_key;   /* folded words, space-separated; NULL without words */
  guint          n_words;
  guint64        title_hash;  /* of the folded words in order (0 without words) */
  GArray        *title_parts; /* (element-type guint64) hashes of the words with one left
                               * out, each once; only for titles of 6 to 64 words */
  GPtrArray     *urls;        /* (element-type MhHealthValue) the four URL fields (text NULL:
                               * the rules only need where they are) */
  GPtrArray     *url_keys;    /* (element-type utf8) key of each of @urls, or NULL */
  GArray        *url_hashes;  /* (element-type guint64) mh_health_hash() of each key, or 0 */
  GPtrArray     *topics;      /* (element-type MhHealthValue) */
  GPtrArray     *topic_keys;  /* (element-type utf8) mh_fold_variant_key() of each topic */
  GPtrArray     *related;     /* (element-type MhHealthRelated) */
  guint          mark;        /* scratch for the index that holds the record */
} MhHealthRecord;

MhHealthRecord *mh_health_record_new           (const char     *id);
void            mh_health_record_free          (MhHealthRecord *record);

void            mh_health_record_set_title     (MhHealthRecord *record,
                                                const char     *text,
                                                const char     *path,
                                                guint           line,
                                                guint           column);
void            mh_health_record_add_url       (MhHealthRecord *record,
                                                const char     *text,
                                                const char     *path,
                                                guint           line,
                                                guint           column);
void            mh_health_record_add_topic     (MhHealthRecord *record,
                                                const char     *text,
                                                const char     *path,
                                                guint           line,
                                                guint           column);
/* @urls: the item's URL fields (NULL-terminated, NULL items skipped). */
void            mh_health_record_add_related   (MhHealthRecord     *record,
                                                const char         *title,
                                                const char         *path,
                                                guint               line,
                                                guint               column,
                                                const char * const *urls);

/* The record as @document holds it: title, the four URLs, `topics` and
 * `related`, with their positions. Values that are not strings (a list
 * where a title belongs) are left out: the record rules report them. */
MhHealthRecord *mh_health_record_new_from_document (const char *id,
                                                    MhDocument *document);

/* Titles are near when leaving out at most one word of each gives the same
 * words, and at least this many remain. */
#define MH_HEALTH_MIN_SHARED_WORDS 5
/* Longer titles are compared whole only. */
#define MH_HEALTH_MAX_NEAR_WORDS   64

/* A 64-bit hash of @text (FNV-1a), never 0: what the indexes key on. */
guint64         mh_health_hash                 (const char *text);

/* The folded words of @text, space-separated, or NULL when it has none.
 * What "the same title" means for the rules. Returns: (transfer full) */
char           *mh_health_fold_title           (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhHealthRecord, mh_health_record_free)

G_END_DECLS
