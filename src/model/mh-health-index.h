/* mh-health-index.h: the collection rules, as indexes over the records' values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-health-record.h"
#include "mh-validate.h"

G_BEGIN_DECLS

/* Stable rule ids, as `check` prints them. */
#define MH_RULE_DUPLICATE_URL   "duplicate-url"
#define MH_RULE_DUPLICATE_TITLE "duplicate-title"
#define MH_RULE_TOPIC_VARIANT   "topic-variant"
#define MH_RULE_RELATED_TITLE   "related-title"

typedef enum
{
  MH_DUPLICATE_URL   = 1 << 0,  /* one of the four URLs is the same address */
  MH_DUPLICATE_TITLE = 1 << 1,  /* the titles are the same or nearly */
} MhDuplicateReasons;

/* A collection rule broken by one record. */
typedef struct
{
  const char  *rule_id;    /* MH_RULE_* */
  MhSeverity   severity;   /* collection rules are warnings */
  char        *message;    /* translated, names the other record */
  char        *path;       /* key path of the offending value */
  guint        line;       /* of the value; 0 when unknown */
  guint        column;
  GStrv        others;     /* ids of the other records involved, sorted; the first
                           * MH_HEALTH_MAX_OTHERS when there are more */
  guint        n_others;   /* how many there are */
} MhHealthProblem;

#define MH_HEALTH_MAX_OTHERS 16

/* Records that are probably one article. */
typedef struct
{
  GStrv               ids;       /* sorted */
  MhDuplicateReasons  reasons;
} MhDuplicateGroup;

typedef struct _MhHealthIndex MhHealthIndex;

void            mh_health_problem_free        (MhHealthProblem *problem);
void            mh_duplicate_group_free       (MhDuplicateGroup *group);
/* "url", "title": the names `duplicates` prints, in that order. */
GStrv           mh_duplicate_reasons_to_strv  (MhDuplicateReasons reasons);

MhHealthIndex  *mh_health_index_new           (void);
void            mh_health_index_free          (MhHealthIndex   *self);

/* Adds @record, or replaces the record with its id. @affected (nullable,
 * element-type utf8, owned): gets appended the ids whose problems may have
 * changed, @record's own included, each once. Costs what the record's
 * values share with others, not the size of the collection. */
void            mh_health_index_update        (MhHealthIndex   *self,
                                               MhHealthRecord  *record,
                                               GPtrArray       *affected);
/* Builds what updates need to say what they affected (the related links'
 * table), which a scan that never updates does without: call it once after
 * loading, so that the first edit does not pay for it. */
void            mh_health_index_prepare_updates (MhHealthIndex *self);
/* FALSE when no record has @id. */
gboolean        mh_health_index_remove        (MhHealthIndex   *self,
                                               const char      *id,
                                               GPtrArray       *affected);
const MhHealthRecord *mh_health_index_lookup  (MhHealthIndex   *self,
                                               const char      *id);
guint           mh_health_index_get_n_records (MhHealthIndex   *self);

/* Marks @a and @b as "not a duplicate": neither the duplicate rules nor the
 * groups pair them. */
void            mh_health_index_add_not_duplicate (MhHealthIndex *self,
                                                   const char    *a,
                                                   const char    *b);
gboolean        mh_health_index_is_not_duplicate  (MhHealthIndex *self,
                                                   const char    *a,
                                                   const char    *b);

/* Returns: (transfer full) (element-type MhHealthProblem): @id's problems,
 * sorted by line and column; empty for an unknown id. */
GPtrArray      *mh_health_index_dup_problems  (MhHealthIndex   *self,
                                               const char      *id);
/* Returns: (transfer full) (element-type MhDuplicateGroup): every group of
 * two or more records, sorted by their first id. */
GPtrArray      *mh_health_index_dup_groups    (MhHealthIndex   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhHealthIndex, mh_health_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhHealthProblem, mh_health_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhDuplicateGroup, mh_duplicate_group_free)

G_END_DECLS
