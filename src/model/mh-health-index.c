/* mh-health-index.c: the collection rules, as indexes over the records' values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here compares every pair of records. Each rule is a hash table
 * from what two records must share to the records that have it (a
 * "posting"): URL keys, topic variant keys, related links' URL keys, and for
 * titles the hash of their folded words and the hashes of those words with
 * one word left out. Two titles are near when leaving out at most one word
 * of each gives the same words in the same order, and at least
 * MH_HEALTH_MIN_SHARED_WORDS remain: "a word added or changed" matches,
 * while two short titles that share a prefix ("How to build a house" and
 * "How to build a boat") do not. Equal folded titles always match.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-health-index.h"
#include "mh-health-table.h"

/* The tables key on 64-bit hashes the records computed (in the CLI's worker
 * threads): no string is copied or hashed again here. */

struct _MhHealthIndex
{
  GHashTable *records;        /* id (the record's) → MhHealthRecord, owned */
  MhHealthTable urls;        /* hash of a URL key → posting */
  MhHealthTable titles;      /* hash of the title's words → posting */
  MhHealthTable title_parts; /* hash of the words with one left out → posting */
  GHashTable *topics;         /* variant key (owned) → GHashTable spelling (owned) → Spelling */
  MhHealthTable links;       /* hash of a URL key → posting of records linking to it;
                              * empty until an update asks what it affected */
  gboolean    links_ready;
  GHashTable *not_duplicates; /* "a\nb" with a < b (owned) */
  GHashTable *not_duplicate_ids; /* every id of @not_duplicates (owned) */
  guint       generation;     /* for MhHealthRecord.mark: "already collected" */
};

typedef struct
{
  GPtrArray      *records;
  MhHealthRecord *first;      /* the smallest id, or NULL until asked */
} Spelling;

/* Postings ----------------------------------------------------------------- */

/* A posting is the record itself while it is alone (most keys: no memory
 * beyond the table's slot), else a GPtrArray tagged in its lowest bit. */
#define IS_LIST(v)  ((GPOINTER_TO_SIZE (v) & 1) != 0)
#define AS_LIST(v)  ((GPtrArray *) (GPOINTER_TO_SIZE (v) & ~(gsize) 1))
#define TAG_LIST(a) ((gpointer) (GPOINTER_TO_SIZE (a) | 1))

typedef struct
{
  MhHealthRecord **items;
  guint            n;
  MhHealthRecord  *one;
} Hits;

static void
hits_get (MhHealthTable *table,
          guint64        key,
          Hits          *hits)
{
  gpointer value = mh_health_table_lookup (table, key);

  hits->n = 0;
  hits->items = &hits->one;
  if (value == NULL)
    return;
  if (IS_LIST (value))
    {
      hits->items = (MhHealthRecord **) AS_LIST (value)->pdata;
      hits->n = AS_LIST (value)->len;
    }
  else
    {
      hits->one = value;
      hits->n = 1;
    }
}

static void
posting_add (MhHealthTable  *table,
             guint64         key,
             MhHealthRecord *record)
{
  gpointer *value = mh_health_table_insert (table, key);
  GPtrArray *list;

  if (*value == NULL)
    *value = record;
  else if (IS_LIST (*value))
    g_ptr_array_add (AS_LIST (*value), record);
  else
    {
      list = g_ptr_array_sized_new (4);
      g_ptr_array_add (list, *value);
      g_ptr_array_add (list, record);
      *value = TAG_LIST (list);
    }
}

static void
posting_remove (MhHealthTable  *table,
                guint64         key,
                MhHealthRecord *record)
{
  gpointer value = mh_health_table_lookup (table, key);
  GPtrArray *list;

  if (value == NULL)
    return;
  if (!IS_LIST (value))
    {
      if (value == record)
        mh_health_table_remove (table, key);
      return;
    }

  list = AS_LIST (value);
  /* Keeps the order, so what the rules print does not depend on edits. */
  g_ptr_array_remove (list, record);
  if (list->len > 1)
    return;
  if (list->len == 1)
    *mh_health_table_insert (table, key) = g_ptr_array_index (list, 0);
  else
    mh_health_table_remove (table, key);
  g_ptr_array_unref (list);
}

static void
free_posting_lists (MhHealthTable *table)
{
  MhHealthSlot *slot;

  for (gsize i = 0; mh_health_table_next (table, &i, &slot);)
    if (IS_LIST (slot->value))
      g_ptr_array_unref (AS_LIST (slot->value));
  mh_health_table_clear (table);
}

/* Titles ------------------------------------------------------------------- */

/* Adds the records of @table's posting for @key to @out, once each: the
 * records already in @out carry the index's current generation. */
static void
add_hits (MhHealthIndex        *self,
          GPtrArray            *out,
          MhHealthTable        *table,
          guint64               key,
          const MhHealthRecord *record)
{
  Hits hits;

  hits_get (table, key, &hits);
  for (guint i = 0; i < hits.n; i++)
    {
      MhHealthRecord *other = hits.items[i];

      if (other != record && other->mark != self->generation)
        {
          other->mark = self->generation;
          g_ptr_array_add (out, other);
        }
    }
}

/* Starts collecting into an empty array: nothing carries the new mark. */
static void
begin_collect (MhHealthIndex *self)
{
  if (++self->generation == 0)
    {
      GHashTableIter iter;
      gpointer value;

      /* Wrapped around: clear every mark once. */
      g_hash_table_iter_init (&iter, self->records);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        ((MhHealthRecord *) value)->mark = 0;
      self->generation = 1;
    }
}

/* The records whose titles are near @record's (not checked against
 * "not a duplicate"). Keys are trusted: two word sequences share one only
 * when they are equal (a 64-bit hash of 64-bit word hashes; a collision
 * would pair two titles, never touch a file). */
static void
collect_title_partners (MhHealthIndex        *self,
                        const MhHealthRecord *record,
                        GPtrArray            *out)
{
  guint64 full;

  begin_collect (self);
  if (record->n_words == 0)
    return;

  full = record->title_hash;
  add_hits (self, out, &self->titles, full, record);
  /* Longer by one word. */
  if (record->n_words >= MH_HEALTH_MIN_SHARED_WORDS)
    add_hits (self, out, &self->title_parts, full, record);

  for (guint i = 0; i < record->title_parts->len; i++)
    {
      guint64 part = g_array_index (record->title_parts, guint64, i);

      /* Shorter by one word, then one word changed (or moved). */
      add_hits (self, out, &self->titles, part, record);
      add_hits (self, out, &self->title_parts, part, record);
    }
}

/* Not duplicates ----------------------------------------------------------- */

static char *
pair_key (const char *a,
          const char *b)
{
  return strcmp (a, b) < 0 ? g_strconcat (a, "\n", b, NULL) : g_strconcat (b, "\n", a, NULL);
}

void
mh_health_index_add_not_duplicate (MhHealthIndex *self,
                                   const char    *a,
                                   const char    *b)
{
  g_return_if_fail (self != NULL && a != NULL && b != NULL);

  g_hash_table_add (self->not_duplicates, pair_key (a, b));
  g_hash_table_add (self->not_duplicate_ids, g_strdup (a));
  g_hash_table_add (self->not_duplicate_ids, g_strdup (b));
}

gboolean
mh_health_index_is_not_duplicate (MhHealthIndex *self,
                                  const char    *a,
                                  const char    *b)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL && a != NULL && b != NULL, FALSE);

  if (g_hash_table_size (self->not_duplicates) == 0)
    return FALSE;
  key = pair_key (a, b);
  return g_hash_table_contains (self->not_duplicates, key);
}

/* Drops the records marked "not a duplicate" of @record from @others. */
static void
filter_not_duplicates (MhHealthIndex        *self,
                       const MhHealthRecord *record,
                       GPtrArray            *others)
{
  if (g_hash_table_size (self->not_duplicates) == 0)
    return;
  for (guint i = others->len; i > 0; i--)
    {
      const MhHealthRecord *other = g_ptr_array_index (others, i - 1);

      if (mh_health_index_is_not_duplicate (self, record->id, other->id))
        g_ptr_array_remove_index (others, i - 1);
    }
}

/* The other records with the URL key of hash @hash, added to @out once
 * each since the last begin_collect(). */
static void
collect_url_partners (MhHealthIndex        *self,
                      const MhHealthRecord *record,
                      guint64               hash,
                      GPtrArray            *out)
{
  add_hits (self, out, &self->urls, hash, record);
}

/* Topics ------------------------------------------------------------------- */

static void
spelling_free (Spelling *spelling)
{
  g_ptr_array_unref (spelling->records);
  g_free (spelling);
}

static const MhHealthRecord *
spelling_first (Spelling *spelling)
{
  if (spelling->first == NULL)
    for (guint i = 0; i < spelling->records->len; i++)
      {
        MhHealthRecord *record = g_ptr_array_index (spelling->records, i);

        if (spelling->first == NULL || strcmp (record->id, spelling->first->id) < 0)
          spelling->first = record;
      }
  return spelling->first;
}

/* The most used spelling of a variant key (ties: the smallest), or NULL
 * when it has only one. */
static const char *
main_spelling (GHashTable  *variants,
               Spelling   **spelling_out)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  Spelling *best_spelling = NULL;

  if (variants == NULL || g_hash_table_size (variants) < 2)
    return NULL;
  g_hash_table_iter_init (&iter, variants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Spelling *spelling = value;

      if (best == NULL || spelling->records->len > best_spelling->records->len
          || (spelling->records->len == best_spelling->records->len && strcmp (key, best) < 0))
        {
          best = key;
          best_spelling = spelling;
        }
    }
  if (spelling_out != NULL)
    *spelling_out = best_spelling;
  return best;
}

/* Whether topic @i of @record repeats an earlier one (then it is indexed,
 * and reported, once). */
static gboolean
topic_repeats (const MhHealthRecord *record,
               guint                 i)
{
  const MhHealthValue *topic = g_ptr_array_index (record->topics, i);

  for (guint j = 0; j < i; j++)
    {
      const MhHealthValue *earlier = g_ptr_array_index (record->topics, j);

      if (strcmp (earlier->text, topic->text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether URL @i of a record is none, or repeats an earlier one of its own
 * (then it is indexed, and reported, once). */
static gboolean
url_key_repeats (GArray *hashes,
                 guint   i)
{
  guint64 key = g_array_index (hashes, guint64, i);

  if (key == 0)
    return TRUE;
  for (guint j = 0; j < i; j++)
    if (g_array_index (hashes, guint64, j) == key)
      return TRUE;
  return FALSE;
}

static gboolean
link_key_repeats (const MhHealthRecord *record,
                  guint                 r,
                  guint                 k)
{
  const MhHealthRelated *related = g_ptr_array_index (record->related, r);
  guint64 key = g_array_index (related->url_hashes, guint64, k);

  for (guint i = 0; i <= r; i++)
    {
      const MhHealthRelated *earlier = g_ptr_array_index (record->related, i);

      for (guint j = 0; j < (i == r ? k : earlier->url_hashes->len); j++)
        if (g_array_index (earlier->url_hashes, guint64, j) == key)
          return TRUE;
    }
  return FALSE;
}

/* Indexing ----------------------------------------------------------------- */

/* Adds @record to, or removes it from, the posting of @key in @table. */
static void
posting_set (MhHealthTable  *table,
             guint64         key,
             MhHealthRecord *record,
             gboolean        add)
{
  if (add)
    posting_add (table, key, record);
  else
    posting_remove (table, key, record);
}


static void
index_links (MhHealthIndex  *self,
             MhHealthRecord *record,
             gboolean        add)
{
  for (guint r = 0; r < record->related->len; r++)
    {
      const MhHealthRelated *related = g_ptr_array_index (record->related, r);

      for (guint k = 0; k < related->url_hashes->len; k++)
        if (!link_key_repeats (record, r, k))
          posting_set (&self->links, g_array_index (related->url_hashes, guint64, k),
                       record, add);
    }
}

/* Only what an update affects needs the links: a scan that never updates
 * (the CLI) does without them. */
static void
ensure_links (MhHealthIndex *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->links_ready)
    return;
  self->links_ready = TRUE;
  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    index_links (self, value, TRUE);
}

static void
index_record (MhHealthIndex  *self,
              MhHealthRecord *record,
              gboolean        add)
{
  for (guint i = 0; i < record->url_hashes->len; i++)
    if (!url_key_repeats (record->url_hashes, i))
      posting_set (&self->urls, g_array_index (record->url_hashes, guint64, i), record,
                   add);

  if (record->n_words > 0)
    posting_set (&self->titles, record->title_hash, record, add);
  for (guint i = 0; i < record->title_parts->len; i++)
    posting_set (&self->title_parts, g_array_index (record->title_parts, guint64, i),
                 record, add);

  for (guint i = 0; i < record->topics->len; i++)
    {
      const MhHealthValue *topic = g_ptr_array_index (record->topics, i);
      const char *key = g_ptr_array_index (record->topic_keys, i);
      GHashTable *variants;
      Spelling *spelling;

      if (*key == '\0' || topic_repeats (record, i))
        continue;
      variants = g_hash_table_lookup (self->topics, key);
      if (add)
        {
          if (variants == NULL)
            {
              variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) spelling_free);
              g_hash_table_insert (self->topics, g_strdup (key), variants);
            }
          spelling = g_hash_table_lookup (variants, topic->text);
          if (spelling == NULL)
            {
              spelling = g_new0 (Spelling, 1);
              spelling->records = g_ptr_array_new ();
              g_hash_table_insert (variants, g_strdup (topic->text), spelling);
              spelling->first = record;
            }
          else if (spelling->first != NULL && strcmp (record->id, spelling->first->id) < 0)
            spelling->first = record;
          g_ptr_array_add (spelling->records, record);
          continue;
        }

      spelling = variants != NULL ? g_hash_table_lookup (variants, topic->text) : NULL;
      if (spelling == NULL)
        continue;
      g_ptr_array_remove (spelling->records, record);
      if (spelling->first == record)
        spelling->first = NULL;
      if (spelling->records->len == 0)
        g_hash_table_remove (variants, topic->text);
      if (g_hash_table_size (variants) == 0)
        g_hash_table_remove (self->topics, key);
    }

  if (self->links_ready)
    index_links (self, record, add);
}

static void
add_affected (GHashTable           *seen,
              const MhHealthRecord *record)
{
  if (!g_hash_table_contains (seen, record->id))
    g_hash_table_add (seen, g_strdup (record->id));
}

static void
add_affected_hits (GHashTable    *seen,
                   MhHealthTable *table,
                   guint64        key)
{
  Hits hits;

  hits_get (table, key, &hits);
  for (guint i = 0; i < hits.n; i++)
    add_affected (seen, hits.items[i]);
}

static gboolean
hashes_equal (GArray *a,
              GArray *b)
{
  /* An empty GArray has no data to compare. */
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (guint64)) == 0);
}

static gboolean
topics_equal (const MhHealthRecord *a,
              const MhHealthRecord *b)
{
  if (a->topics->len != b->topics->len)
    return FALSE;
  for (guint i = 0; i < a->topics->len; i++)
    if (strcmp (((MhHealthValue *) g_ptr_array_index (a->topics, i))->text,
                ((MhHealthValue *) g_ptr_array_index (b->topics, i))->text) != 0)
      return FALSE;
  return TRUE;
}

/* Every record whose problems may depend on @record's values: @seen gets
 * copies of their ids. @other (nullable): the record's other version, whose
 * equal values change nothing for anyone else (an edit changes one field). */
static void
collect_affected (MhHealthIndex        *self,
                  const MhHealthRecord *record,
                  const MhHealthRecord *other,
                  GHashTable           *seen)
{
  g_autoptr(GPtrArray) partners = g_ptr_array_new ();
  gboolean same_urls = other != NULL && hashes_equal (record->url_hashes, other->url_hashes);
  gboolean same_title = other != NULL && record->title_hash == other->title_hash;

  ensure_links (self);
  add_affected (seen, record);
  for (guint i = 0; i < record->url_hashes->len && !(same_urls && same_title); i++)
    if (!url_key_repeats (record->url_hashes, i))
      {
        guint64 key = g_array_index (record->url_hashes, guint64, i);

        if (!same_urls)
          add_affected_hits (seen, &self->urls, key);
        /* Their related links now point at another title. */
        add_affected_hits (seen, &self->links, key);
      }

  if (!same_title)
    collect_title_partners (self, record, partners);
  for (guint i = 0; i < partners->len; i++)
    add_affected (seen, g_ptr_array_index (partners, i));

  if (other != NULL && topics_equal (record, other))
    return;

  /* Only the records of the spellings that are not the main one have a
   * problem: a popular topic's thousands of records are not touched. */
  for (guint i = 0; i < record->topic_keys->len; i++)
    {
      GHashTable *variants = g_hash_table_lookup (self->topics,
                                                  g_ptr_array_index (record->topic_keys, i));
      const char *main = main_spelling (variants, NULL);
      GHashTableIter iter;
      gpointer key, value;

      if (main == NULL)
        continue;
      g_hash_table_iter_init (&iter, variants);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (key != main)
          for (guint j = 0; j < ((Spelling *) value)->records->len; j++)
            add_affected (seen, g_ptr_array_index (((Spelling *) value)->records, j));
    }
}

static void
move_affected (GHashTable *seen,
               GPtrArray  *affected)
{
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (affected, id);
    }
}

MhHealthIndex *
mh_health_index_new (void)
{
  MhHealthIndex *self = g_new0 (MhHealthIndex, 1);

  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) mh_health_record_free);
  mh_health_table_init (&self->urls);
  mh_health_table_init (&self->titles);
  mh_health_table_init (&self->title_parts);
  mh_health_table_init (&self->links);
  self->topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  self->not_duplicates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->not_duplicate_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
mh_health_index_free (MhHealthIndex *self)
{
  if (self == NULL)
    return;
  free_posting_lists (&self->urls);
  free_posting_lists (&self->titles);
  free_posting_lists (&self->title_parts);
  free_posting_lists (&self->links);
  g_hash_table_unref (self->topics);
  g_hash_table_unref (self->not_duplicates);
  g_hash_table_unref (self->not_duplicate_ids);
  g_hash_table_unref (self->records);
  g_free (self);
}

void
mh_health_index_prepare_updates (MhHealthIndex *self)
{
  g_return_if_fail (self != NULL);

  ensure_links (self);
}

guint
mh_health_index_get_n_records (MhHealthIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->records);
}

const MhHealthRecord *
mh_health_index_lookup (MhHealthIndex *self,
                        const char    *id)
{
  g_return_val_if_fail (self != NULL && id != NULL, NULL);

  return g_hash_table_lookup (self->records, id);
}

/* Unindexes and frees @id's record; @seen (nullable) gets what it affected,
 * beyond what @replacement (nullable) has the same. */
static gboolean
remove_record (MhHealthIndex        *self,
               const char           *id,
               const MhHealthRecord *replacement,
               GHashTable           *seen)
{
  MhHealthRecord *old = g_hash_table_lookup (self->records, id);

  if (old == NULL)
    return FALSE;
  if (seen != NULL)
    collect_affected (self, old, replacement, seen);
  index_record (self, old, FALSE);
  g_hash_table_remove (self->records, old->id);
  return TRUE;
}

static GHashTable *
affected_set_new (GPtrArray *affected)
{
  return affected != NULL ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) : NULL;
}

gboolean
mh_health_index_remove (MhHealthIndex *self,
                        const char    *id,
                        GPtrArray     *affected)
{
  g_autoptr(GHashTable) seen = affected_set_new (affected);
  gboolean removed;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);

  removed = remove_record (self, id, NULL, seen);
  if (seen != NULL)
    move_affected (seen, affected);
  return removed;
}

void
mh_health_index_update (MhHealthIndex  *self,
                        MhHealthRecord *record,
                        GPtrArray      *affected)
{
  g_autoptr(GHashTable) seen = affected_set_new (affected);
  MhHealthRecord *old;

  g_return_if_fail (self != NULL && record != NULL);

  old = g_hash_table_lookup (self->records, record->id);
  if (old == NULL)
    {
      g_hash_table_insert (self->records, record->id, record);
      index_record (self, record, TRUE);
      if (seen != NULL)
        collect_affected (self, record, NULL, seen);
    }
  else
    {
      /* Both versions' neighbours, while each is indexed. */
      if (seen != NULL)
        collect_affected (self, old, record, seen);
      index_record (self, old, FALSE);
      /* The table's key is the old record's id: take it out before it goes. */
      g_hash_table_steal (self->records, old->id);
      g_hash_table_insert (self->records, record->id, record);
      index_record (self, record, TRUE);
      if (seen != NULL)
        collect_affected (self, record, old, seen);
      mh_health_record_free (old);
    }
  if (seen != NULL)
    move_affected (seen, affected);
}

/* Problems ----------------------------------------------------------------- */

void
mh_health_problem_free (MhHealthProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem->path);
  g_strfreev (problem->others);
  g_free (problem);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const MhHealthRecord *ra = *(MhHealthRecord * const *) a;
  const MhHealthRecord *rb = *(MhHealthRecord * const *) b;

  return strcmp (ra->id, rb->id);
}

/* Sorts @others by id; the first MH_HEALTH_MAX_OTHERS ids as a GStrv. */
static GStrv
sorted_ids (GPtrArray *others)
{
  guint n = MIN (others->len, MH_HEALTH_MAX_OTHERS);
  GStrv ids = g_new0 (char *, n + 1);

  g_ptr_array_sort (others, compare_records);
  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (((MhHealthRecord *) g_ptr_array_index (others, i))->id);
  return ids;
}

/* Takes @message. */
static void
add_problem (GPtrArray           *problems,
             const char          *rule_id,
             const MhHealthValue *value,
             GPtrArray           *others,
             char                *message)
{
  MhHealthProblem *problem = g_new0 (MhHealthProblem, 1);

  problem->rule_id = rule_id;
  problem->severity = MH_SEVERITY_WARNING;
  problem->message = message;
  problem->path = g_strdup (value->path);
  problem->line = value->line;
  problem->column = value->column;
  problem->n_others = others->len;
  problem->others = sorted_ids (others);
  g_ptr_array_add (problems, problem);
}

typedef enum
{
  SAME_URL,
  SAME_TITLE,
  NEAR_TITLE,
} Sameness;

/* "Same URL as b.md" or "Same URL as b.md and 2 other records". */
static char *
format_same_as (Sameness    sameness,
                GPtrArray  *others)
{
  const char *first = ((MhHealthRecord *) g_ptr_array_index (others, 0))->id;
  guint n = others->len - 1;

  switch (sameness)
    {
    case SAME_URL:
      if (n == 0)
        return g_strdup_printf (_("Same URL as %s"), first);
      return g_strdup_printf (ngettext ("Same URL as %s and %u other record",
                                        "Same URL as %s and %u other records", n), first, n);
    case SAME_TITLE:
      if (n == 0)
        return g_strdup_printf (_("Same title as %s"), first);
      return g_strdup_printf (ngettext ("Same title as %s and %u other record",
                                        "Same title as %s and %u other records", n),
                              first, n);
    case NEAR_TITLE:
    default:
      if (n == 0)
        return g_strdup_printf (_("Nearly the same title as %s"), first);
      return g_strdup_printf (ngettext ("Nearly the same title as %s and %u other record",
                                        "Nearly the same title as %s and %u other records", n),
                              first, n);
    }
}

static void
check_urls (MhHealthIndex        *self,
            const MhHealthRecord *record,
            GPtrArray            *problems)
{
  for (guint i = 0; i < record->url_hashes->len; i++)
    {
      g_autoptr(GPtrArray) others = g_ptr_array_new ();

      if (url_key_repeats (record->url_hashes, i))
        continue;
      begin_collect (self);
      collect_url_partners (self, record, g_array_index (record->url_hashes, guint64, i),
                            others);
      filter_not_duplicates (self, record, others);
      if (others->len == 0)
        continue;
      g_ptr_array_sort (others, compare_records);
      add_problem (problems, MH_RULE_DUPLICATE_URL, g_ptr_array_index (record->urls, i), others,
                   format_same_as (SAME_URL, others));
    }
}

static void
check_title (MhHealthIndex        *self,
             const MhHealthRecord *record,
             GPtrArray            *problems)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  gboolean all_same = TRUE;

  collect_title_partners (self, record, others);
  filter_not_duplicates (self, record, others);
  if (others->len == 0)
    return;
  for (guint i = 0; i < others->len; i++)
    all_same &= ((MhHealthRecord *) g_ptr_array_index (others, i))->title_hash
                == record->title_hash;
  g_ptr_array_sort (others, compare_records);
  add_problem (problems, MH_RULE_DUPLICATE_TITLE, &record->title, others,
               format_same_as (all_same ? SAME_TITLE : NEAR_TITLE, others));
}

static void
check_topics (MhHealthIndex        *self,
              const MhHealthRecord *record,
              GPtrArray            *problems)
{
  for (guint i = 0; i < record->topics->len; i++)
    {
      const MhHealthValue *topic = g_ptr_array_index (record->topics, i);
      GHashTable *variants = g_hash_table_lookup (self->topics,
                                                  g_ptr_array_index (record->topic_keys, i));
      Spelling *spelling = NULL;
      const char *main = main_spelling (variants, &spelling);
      g_autoptr(GPtrArray) first = g_ptr_array_new ();

      if (main == NULL || strcmp (main, topic->text) == 0 || topic_repeats (record, i))
        continue;
      g_ptr_array_add (first, (gpointer) spelling_first (spelling));
      add_problem (problems, MH_RULE_TOPIC_VARIANT, topic, first,
                   g_strdup_printf (ngettext ("Topic “%s” is a variant of “%s”, used by %u "
                                              "record such as %s",
                                              "Topic “%s” is a variant of “%s”, used by %u "
                                              "records such as %s",
                                              spelling->records->len),
                                    topic->text, main, spelling->records->len,
                                    spelling_first (spelling)->id));
    }
}

static void
check_related (MhHealthIndex        *self,
               const MhHealthRecord *record,
               GPtrArray            *problems)
{
  for (guint r = 0; r < record->related->len; r++)
    {
      const MhHealthRelated *related = g_ptr_array_index (record->related, r);
      g_autoptr(GPtrArray) targets = g_ptr_array_new ();
      const MhHealthRecord *target;
      gboolean agrees = FALSE;

      if (related->title.text == NULL)
        continue;
      begin_collect (self);
      for (guint k = 0; k < related->url_hashes->len; k++)
        collect_url_partners (self, record, g_array_index (related->url_hashes, guint64, k),
                              targets);
      /* A target without a title has nothing to disagree with. */
      for (guint i = targets->len; i > 0; i--)
        if (((MhHealthRecord *) g_ptr_array_index (targets, i - 1))->title_hash == 0)
          g_ptr_array_remove_index (targets, i - 1);
      for (guint i = 0; i < targets->len && !agrees; i++)
        agrees = ((MhHealthRecord *) g_ptr_array_index (targets, i))->title_hash
                 == related->title_hash;
      if (agrees || targets->len == 0)
        continue;
      g_ptr_array_sort (targets, compare_records);
      target = g_ptr_array_index (targets, 0);
      add_problem (problems, MH_RULE_RELATED_TITLE, &related->title, targets,
                   g_strdup_printf (_("Related link title “%s” differs from the title of %s, "
                                      "“%s”"), related->title.text, target->id,
                                    target->title.text));
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const MhHealthProblem *pa = *(MhHealthProblem * const *) a;
  const MhHealthProblem *pb = *(MhHealthProblem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return strcmp (pa->rule_id, pb->rule_id);
}

GPtrArray *
mh_health_index_dup_problems (MhHealthIndex *self,
                              const char    *id)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_health_problem_free);
  const MhHealthRecord *record;

  g_return_val_if_fail (self != NULL && id != NULL, problems);

  record = g_hash_table_lookup (self->records, id);
  if (record == NULL)
    return problems;

  check_urls (self, record, problems);
  check_title (self, record, problems);
  check_topics (self, record, problems);
  check_related (self, record, problems);
  g_ptr_array_sort (problems, compare_problems);
  return problems;
}

/* Groups ------------------------------------------------------------------- */

void
mh_duplicate_group_free (MhDuplicateGroup *group)
{
  if (group == NULL)
    return;
  g_strfreev (group->ids);
  g_free (group);
}

GStrv
mh_duplicate_reasons_to_strv (MhDuplicateReasons reasons)
{
  GStrv names = g_new0 (char *, 3);
  guint n = 0;

  if (reasons & MH_DUPLICATE_URL)
    names[n++] = g_strdup ("url");
  if (reasons & MH_DUPLICATE_TITLE)
    names[n++] = g_strdup ("title");
  return names;
}

typedef struct
{
  guint               a;
  guint               b;
  MhDuplicateReasons  reason;
} Edge;

static guint
find_root (guint *parents,
           guint  i)
{
  while (parents[i] != i)
    {
      parents[i] = parents[parents[i]];
      i = parents[i];
    }
  return i;
}

/* Adds the edges of one posting, whose records are all duplicates of each
 * other: each to the first, without the pairs marked "not a duplicate"
 * (the few records in such a pair are paired one by one). */
static void
add_posting_edges (MhHealthIndex       *self,
                   GArray              *edges,
                   GHashTable          *indices,
                   GPtrArray           *members,
                   MhDuplicateReasons   reason)
{
  const MhHealthRecord *first = NULL;
  gboolean any_marked = g_hash_table_size (self->not_duplicate_ids) > 0;

  for (guint i = 0; i < members->len; i++)
    {
      const MhHealthRecord *record = g_ptr_array_index (members, i);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (indices, record));

      if (any_marked && g_hash_table_contains (self->not_duplicate_ids, record->id))
        {
          for (guint j = 0; j < members->len; j++)
            {
              const MhHealthRecord *other = g_ptr_array_index (members, j);
              Edge edge = { index, GPOINTER_TO_UINT (g_hash_table_lookup (indices, other)),
                            reason };

              if (other != record && !mh_health_index_is_not_duplicate (self, record->id,
                                                                        other->id))
                g_array_append_val (edges, edge);
            }
          continue;
        }
      if (first == NULL)
        first = record;
      else
        {
          Edge edge = { GPOINTER_TO_UINT (g_hash_table_lookup (indices, first)), index, reason };

          g_array_append_val (edges, edge);
        }
    }
}

static void
append_hits (GPtrArray     *members,
             MhHealthTable *table,
             guint64        key)
{
  Hits hits;

  hits_get (table, key, &hits);
  for (guint i = 0; i < hits.n; i++)
    g_ptr_array_add (members, hits.items[i]);
}

/* Every posting's edges: URL keys, then titles (the records of a title key
 * and of the same key with one word left out are all near each other). */
static void
collect_edges (MhHealthIndex *self,
               GArray        *edges,
               GHashTable    *indices)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  MhHealthSlot *slot;

  for (gsize i = 0; mh_health_table_next (&self->urls, &i, &slot);)
    if (IS_LIST (slot->value))
      add_posting_edges (self, edges, indices, AS_LIST (slot->value), MH_DUPLICATE_URL);

  for (gsize i = 0; mh_health_table_next (&self->titles, &i, &slot);)
    {
      g_ptr_array_set_size (members, 0);
      append_hits (members, &self->titles, slot->key);
      append_hits (members, &self->title_parts, slot->key);
      if (members->len > 1)
        add_posting_edges (self, edges, indices, members, MH_DUPLICATE_TITLE);
    }
  for (gsize i = 0; mh_health_table_next (&self->title_parts, &i, &slot);)
    if (IS_LIST (slot->value) && mh_health_table_lookup (&self->titles, slot->key) == NULL)
      add_posting_edges (self, edges, indices, AS_LIST (slot->value), MH_DUPLICATE_TITLE);
}

GPtrArray *
mh_health_index_dup_groups (MhHealthIndex *self)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_duplicate_group_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GHashTable) indices = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GHashTable) members = NULL;
  g_autofree guint *parents = NULL;
  g_autofree MhDuplicateReasons *reasons = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, groups);

  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (records, value);
  g_ptr_array_sort (records, compare_records);
  /* Index + 1, so that no record maps to NULL. */
  for (guint i = 0; i < records->len; i++)
    g_hash_table_insert (indices, g_ptr_array_index (records, i), GUINT_TO_POINTER (i + 1));

  collect_edges (self, edges, indices);
  if (edges->len == 0)
    return groups;

  parents = g_new (guint, records->len + 1);
  reasons = g_new0 (MhDuplicateReasons, records->len + 1);
  for (guint i = 0; i <= records->len; i++)
    parents[i] = i;
  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *edge = &g_array_index (edges, Edge, i);
      guint ra = find_root (parents, edge->a);
      guint rb = find_root (parents, edge->b);

      /* The smaller index is the root: a group's root is its first record. */
      parents[MAX (ra, rb)] = MIN (ra, rb);
    }
  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *edge = &g_array_index (edges, Edge, i);

      reasons[find_root (parents, edge->a)] |= edge->reason;
    }

  /* Root index → GPtrArray of member ids, in record order. */
  members = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 1; i <= records->len; i++)
    {
      guint root = find_root (parents, i);
      GPtrArray *ids;

      if (reasons[root] == 0)
        continue;
      ids = g_hash_table_lookup (members, GUINT_TO_POINTER (root));
      if (ids == NULL)
        {
          MhDuplicateGroup *group = g_new0 (MhDuplicateGroup, 1);

          group->reasons = reasons[root];
          g_ptr_array_add (groups, group);
          ids = g_ptr_array_new ();
          g_hash_table_insert (members, GUINT_TO_POINTER (root), ids);
          /* Remembered through the ids array until filled in below. */
          g_ptr_array_add (ids, group);
        }
      g_ptr_array_add (ids, ((MhHealthRecord *) g_ptr_array_index (records, i - 1))->id);
    }

  /* Roots come in record order, so the groups already are sorted by their
   * first id; fill in each group's ids. */
  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *ids = value;
      MhDuplicateGroup *group = g_ptr_array_index (ids, 0);

      group->ids = g_new0 (char *, ids->len);
      for (guint i = 1; i < ids->len; i++)
        group->ids[i - 1] = g_strdup (g_ptr_array_index (ids, i));
    }
  return groups;
}
