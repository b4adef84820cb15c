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
 * MIN_SHARED_WORDS remain: "a word added or changed" matches, while two
 * short titles that share a prefix ("How to build a house" and "How to
 * build a boat") do not. Equal folded titles always match.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-health-index.h"

#define MIN_SHARED_WORDS 5
/* Longer titles are compared whole only (the pairwise check is cubic in
 * their length). */
#define MAX_NEAR_WORDS   64
#define NO_SKIP          G_MAXUINT

struct _MhHealthIndex
{
  GHashTable *records;        /* id (the record's) → MhHealthRecord, owned */
  GHashTable *urls;           /* URL key (owned) → posting */
  GHashTable *titles;         /* hash of the title's words → posting */
  GHashTable *title_parts;    /* hash of the words with one left out → posting */
  GHashTable *topics;         /* variant key (owned) → GHashTable spelling (owned) → Spelling */
  GHashTable *links;          /* URL key (owned) → posting of records linking to it */
  GHashTable *not_duplicates; /* "a\nb" with a < b (owned) */
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
hits_get (GHashTable    *table,
          gconstpointer  key,
          Hits          *hits)
{
  gpointer value = g_hash_table_lookup (table, key);

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
posting_add (GHashTable     *table,
             gconstpointer   key,
             gboolean        string_key,
             MhHealthRecord *record)
{
  gpointer stored_key;
  gpointer value;
  GPtrArray *list;

  if (!g_hash_table_lookup_extended (table, key, &stored_key, &value))
    {
      g_hash_table_insert (table, string_key ? g_strdup (key) : (gpointer) key, record);
      return;
    }
  if (IS_LIST (value))
    {
      g_ptr_array_add (AS_LIST (value), record);
      return;
    }
  list = g_ptr_array_sized_new (4);
  g_ptr_array_add (list, value);
  g_ptr_array_add (list, record);
  g_hash_table_steal_extended (table, key, &stored_key, NULL);
  g_hash_table_insert (table, stored_key, TAG_LIST (list));
}

static void
posting_remove (GHashTable     *table,
                gconstpointer   key,
                gboolean        string_key,
                MhHealthRecord *record)
{
  gpointer stored_key;
  gpointer value = g_hash_table_lookup (table, key);
  GPtrArray *list;

  if (value == NULL)
    return;
  if (!IS_LIST (value))
    {
      if (value == record)
        g_hash_table_remove (table, key);
      return;
    }

  list = AS_LIST (value);
  /* Keeps the order, so what the rules print does not depend on edits. */
  g_ptr_array_remove (list, record);
  if (list->len > 1)
    return;
  g_hash_table_steal_extended (table, key, &stored_key, NULL);
  if (list->len == 1)
    g_hash_table_insert (table, stored_key, g_ptr_array_index (list, 0));
  else if (string_key)
    g_free (stored_key);
  g_ptr_array_unref (list);
}

static void
free_posting_lists (GHashTable *table)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (IS_LIST (value))
      g_ptr_array_unref (AS_LIST (value));
  g_hash_table_unref (table);
}

/* Titles ------------------------------------------------------------------- */

/* The words in order, @skip left out: a key of the title tables. Only equal
 * sequences must give equal keys; a collision is caught by titles_near(). */
static gpointer
words_key (const guint64 *words,
           guint          n,
           guint          skip)
{
  guint64 hash = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ (n - (skip != NO_SKIP));

  for (guint i = 0; i < n; i++)
    if (i != skip)
      {
        hash = (hash ^ words[i]) * G_GUINT64_CONSTANT (0x100000001b3);
        hash ^= hash >> 29;
      }
  return GSIZE_TO_POINTER ((gsize) hash);
}

static gboolean
words_equal_skipping (const guint64 *a,
                      guint          na,
                      guint          skip_a,
                      const guint64 *b,
                      guint          nb,
                      guint          skip_b)
{
  guint i = 0, j = 0;

  if (na - (skip_a != NO_SKIP) != nb - (skip_b != NO_SKIP))
    return FALSE;
  for (;;)
    {
      if (i == skip_a)
        i++;
      if (j == skip_b)
        j++;
      if (i >= na || j >= nb)
        return i >= na && j >= nb;
      if (a[i] != b[j])
        return FALSE;
      i++;
      j++;
    }
}

/* Whether @b is @a with one word left out. */
static gboolean
words_one_more (const MhHealthRecord *a,
                const MhHealthRecord *b)
{
  if (a->n_words != b->n_words + 1 || b->n_words < MIN_SHARED_WORDS
      || a->n_words > MAX_NEAR_WORDS)
    return FALSE;
  for (guint i = 0; i < a->n_words; i++)
    if (words_equal_skipping (a->word_hashes, a->n_words, i, b->word_hashes, b->n_words, NO_SKIP))
      return TRUE;
  return FALSE;
}

static gboolean
titles_near (const MhHealthRecord *a,
             const MhHealthRecord *b)
{
  guint n = a->n_words;

  if (n == 0 || b->n_words == 0)
    return FALSE;
  if (n == b->n_words
      && words_equal_skipping (a->word_hashes, n, NO_SKIP, b->word_hashes, n, NO_SKIP))
    return TRUE;
  if (words_one_more (a, b) || words_one_more (b, a))
    return TRUE;
  if (n != b->n_words || n - 1 < MIN_SHARED_WORDS || n > MAX_NEAR_WORDS)
    return FALSE;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (words_equal_skipping (a->word_hashes, n, i, b->word_hashes, n, j))
        return TRUE;
  return FALSE;
}

/* The keys of @record's title with one word left out, each once. */
static GArray *
title_parts (const MhHealthRecord *record)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (gpointer));

  if (record->n_words < MIN_SHARED_WORDS + 1 || record->n_words > MAX_NEAR_WORDS)
    return parts;
  for (guint i = 0; i < record->n_words; i++)
    {
      gpointer key = words_key (record->word_hashes, record->n_words, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < parts->len && !seen; j++)
        seen = g_array_index (parts, gpointer, j) == key;
      if (!seen)
        g_array_append_val (parts, key);
    }
  return parts;
}

static void
add_candidates (GPtrArray            *out,
                GHashTable           *table,
                gconstpointer         key,
                const MhHealthRecord *record)
{
  Hits hits;

  hits_get (table, key, &hits);
  for (guint i = 0; i < hits.n; i++)
    {
      MhHealthRecord *other = hits.items[i];

      if (other != record && !g_ptr_array_find (out, other, NULL) && titles_near (record, other))
        g_ptr_array_add (out, other);
    }
}

/* The records whose titles are near @record's (not checked against
 * "not a duplicate"). */
static void
collect_title_partners (MhHealthIndex        *self,
                        const MhHealthRecord *record,
                        GPtrArray            *out)
{
  g_autoptr(GArray) parts = NULL;
  gpointer full;

  if (record->n_words == 0)
    return;

  full = words_key (record->word_hashes, record->n_words, NO_SKIP);
  add_candidates (out, self->titles, full, record);
  /* Longer by one word. */
  if (record->n_words >= MIN_SHARED_WORDS)
    add_candidates (out, self->title_parts, full, record);

  parts = title_parts (record);
  for (guint i = 0; i < parts->len; i++)
    {
      gpointer part = g_array_index (parts, gpointer, i);

      /* Shorter by one word, then one word changed (or moved). */
      add_candidates (out, self->titles, part, record);
      add_candidates (out, self->title_parts, part, record);
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

/* The other records with @record's URL key @key, "not a duplicate" honoured. */
static void
collect_url_partners (MhHealthIndex        *self,
                      const MhHealthRecord *record,
                      const char           *key,
                      GPtrArray            *out)
{
  Hits hits;

  hits_get (self->urls, key, &hits);
  for (guint i = 0; i < hits.n; i++)
    if (hits.items[i] != record && !g_ptr_array_find (out, hits.items[i], NULL))
      g_ptr_array_add (out, hits.items[i]);
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

/* Whether @record's URL key @i repeats an earlier one of its own. */
static gboolean
url_key_repeats (GPtrArray *keys,
                 guint      i)
{
  const char *key = g_ptr_array_index (keys, i);

  if (key == NULL)
    return TRUE;
  for (guint j = 0; j < i; j++)
    if (g_strcmp0 (g_ptr_array_index (keys, j), key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
link_key_repeats (const MhHealthRecord *record,
                  guint                 r,
                  guint                 k)
{
  const MhHealthRelated *related = g_ptr_array_index (record->related, r);
  const char *key = g_ptr_array_index (related->url_keys, k);

  for (guint i = 0; i <= r; i++)
    {
      const MhHealthRelated *earlier = g_ptr_array_index (record->related, i);

      for (guint j = 0; j < (i == r ? k : earlier->url_keys->len); j++)
        if (strcmp (g_ptr_array_index (earlier->url_keys, j), key) == 0)
          return TRUE;
    }
  return FALSE;
}

/* Indexing ----------------------------------------------------------------- */

static void
index_record (MhHealthIndex  *self,
              MhHealthRecord *record,
              gboolean        add)
{
  g_autoptr(GArray) parts = title_parts (record);

  for (guint i = 0; i < record->url_keys->len; i++)
    if (!url_key_repeats (record->url_keys, i))
      {
        const char *key = g_ptr_array_index (record->url_keys, i);

        if (add)
          posting_add (self->urls, key, TRUE, record);
        else
          posting_remove (self->urls, key, TRUE, record);
      }

  if (record->n_words > 0)
    {
      gpointer full = words_key (record->word_hashes, record->n_words, NO_SKIP);

      if (add)
        posting_add (self->titles, full, FALSE, record);
      else
        posting_remove (self->titles, full, FALSE, record);
    }
  for (guint i = 0; i < parts->len; i++)
    {
      gpointer part = g_array_index (parts, gpointer, i);

      if (add)
        posting_add (self->title_parts, part, FALSE, record);
      else
        posting_remove (self->title_parts, part, FALSE, record);
    }

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

  for (guint r = 0; r < record->related->len; r++)
    {
      const MhHealthRelated *related = g_ptr_array_index (record->related, r);

      for (guint k = 0; k < related->url_keys->len; k++)
        {
          const char *key = g_ptr_array_index (related->url_keys, k);

          if (link_key_repeats (record, r, k))
            continue;
          if (add)
            posting_add (self->links, key, TRUE, record);
          else
            posting_remove (self->links, key, TRUE, record);
        }
    }
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
                   GHashTable    *table,
                   gconstpointer  key)
{
  Hits hits;

  hits_get (table, key, &hits);
  for (guint i = 0; i < hits.n; i++)
    add_affected (seen, hits.items[i]);
}

/* Every record whose problems may depend on @record's values: @seen gets
 * copies of their ids. */
static void
collect_affected (MhHealthIndex        *self,
                  const MhHealthRecord *record,
                  GHashTable           *seen)
{
  g_autoptr(GPtrArray) partners = g_ptr_array_new ();

  add_affected (seen, record);
  for (guint i = 0; i < record->url_keys->len; i++)
    if (!url_key_repeats (record->url_keys, i))
      {
        add_affected_hits (seen, self->urls, g_ptr_array_index (record->url_keys, i));
        /* Their related links now point at another title. */
        add_affected_hits (seen, self->links, g_ptr_array_index (record->url_keys, i));
      }

  collect_title_partners (self, record, partners);
  for (guint i = 0; i < partners->len; i++)
    add_affected (seen, g_ptr_array_index (partners, i));

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
  self->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->titles = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->title_parts = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->not_duplicates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
mh_health_index_free (MhHealthIndex *self)
{
  if (self == NULL)
    return;
  free_posting_lists (self->urls);
  free_posting_lists (self->titles);
  free_posting_lists (self->title_parts);
  free_posting_lists (self->links);
  g_hash_table_unref (self->topics);
  g_hash_table_unref (self->not_duplicates);
  g_hash_table_unref (self->records);
  g_free (self);
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

/* Unindexes and frees @id's record; @seen (nullable) gets what it affected. */
static gboolean
remove_record (MhHealthIndex *self,
               const char    *id,
               GHashTable    *seen)
{
  MhHealthRecord *old = g_hash_table_lookup (self->records, id);

  if (old == NULL)
    return FALSE;
  if (seen != NULL)
    collect_affected (self, old, seen);
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

  removed = remove_record (self, id, seen);
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

  g_return_if_fail (self != NULL && record != NULL);

  remove_record (self, record->id, seen);
  g_hash_table_insert (self->records, record->id, record);
  index_record (self, record, TRUE);
  if (seen != NULL)
    {
      collect_affected (self, record, seen);
      move_affected (seen, affected);
    }
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

/* Sorts @others by id; their ids as a GStrv. */
static GStrv
sorted_ids (GPtrArray *others)
{
  GStrv ids = g_new0 (char *, others->len + 1);

  g_ptr_array_sort (others, compare_records);
  for (guint i = 0; i < others->len; i++)
    ids[i] = g_strdup (((MhHealthRecord *) g_ptr_array_index (others, i))->id);
  return ids;
}

static void
add_problem (GPtrArray           *problems,
             const char          *rule_id,
             const MhHealthValue *value,
             GStrv                others,   /* transfer full */
             char                *message) /* transfer full */
{
  MhHealthProblem *problem = g_new0 (MhHealthProblem, 1);

  problem->rule_id = rule_id;
  problem->severity = MH_SEVERITY_WARNING;
  problem->message = message;
  problem->path = g_strdup (value->path);
  problem->line = value->line;
  problem->column = value->column;
  problem->others = others;
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
format_same_as (Sameness  sameness,
                GStrv     others)
{
  guint n = g_strv_length (others) - 1;

  switch (sameness)
    {
    case SAME_URL:
      if (n == 0)
        return g_strdup_printf (_("Same URL as %s"), others[0]);
      return g_strdup_printf (ngettext ("Same URL as %s and %u other record",
                                        "Same URL as %s and %u other records", n), others[0], n);
    case SAME_TITLE:
      if (n == 0)
        return g_strdup_printf (_("Same title as %s"), others[0]);
      return g_strdup_printf (ngettext ("Same title as %s and %u other record",
                                        "Same title as %s and %u other records", n),
                              others[0], n);
    case NEAR_TITLE:
    default:
      if (n == 0)
        return g_strdup_printf (_("Nearly the same title as %s"), others[0]);
      return g_strdup_printf (ngettext ("Nearly the same title as %s and %u other record",
                                        "Nearly the same title as %s and %u other records", n),
                              others[0], n);
    }
}

static void
check_urls (MhHealthIndex        *self,
            const MhHealthRecord *record,
            GPtrArray            *problems)
{
  for (guint i = 0; i < record->url_keys->len; i++)
    {
      g_autoptr(GPtrArray) others = g_ptr_array_new ();
      GStrv ids;

      if (url_key_repeats (record->url_keys, i))
        continue;
      collect_url_partners (self, record, g_ptr_array_index (record->url_keys, i), others);
      filter_not_duplicates (self, record, others);
      if (others->len == 0)
        continue;
      ids = sorted_ids (others);
      add_problem (problems, MH_RULE_DUPLICATE_URL, g_ptr_array_index (record->urls, i), ids,
                   format_same_as (SAME_URL, ids));
    }
}

static void
check_title (MhHealthIndex        *self,
             const MhHealthRecord *record,
             GPtrArray            *problems)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  gboolean all_same = TRUE;
  GStrv ids;

  collect_title_partners (self, record, others);
  filter_not_duplicates (self, record, others);
  if (others->len == 0)
    return;
  for (guint i = 0; i < others->len; i++)
    all_same &= g_strcmp0 (((MhHealthRecord *) g_ptr_array_index (others, i))->title_key,
                           record->title_key) == 0;
  ids = sorted_ids (others);
  add_problem (problems, MH_RULE_DUPLICATE_TITLE, &record->title, ids,
               format_same_as (all_same ? SAME_TITLE : NEAR_TITLE, ids));
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
      GStrv ids;

      if (main == NULL || strcmp (main, topic->text) == 0 || topic_repeats (record, i))
        continue;
      ids = g_new0 (char *, 2);
      ids[0] = g_strdup (spelling_first (spelling)->id);
      add_problem (problems, MH_RULE_TOPIC_VARIANT, topic, ids,
                   g_strdup_printf (ngettext ("Topic “%s” is a variant of “%s”, used by %u "
                                              "record such as %s",
                                              "Topic “%s” is a variant of “%s”, used by %u "
                                              "records such as %s",
                                              spelling->records->len),
                                    topic->text, main, spelling->records->len, ids[0]));
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
      GStrv ids;

      if (related->title.text == NULL)
        continue;
      for (guint k = 0; k < related->url_keys->len; k++)
        collect_url_partners (self, record, g_ptr_array_index (related->url_keys, k), targets);
      /* A target without a title has nothing to disagree with. */
      for (guint i = targets->len; i > 0; i--)
        if (((MhHealthRecord *) g_ptr_array_index (targets, i - 1))->title_key == NULL)
          g_ptr_array_remove_index (targets, i - 1);
      for (guint i = 0; i < targets->len && !agrees; i++)
        agrees = g_strcmp0 (((MhHealthRecord *) g_ptr_array_index (targets, i))->title_key,
                            related->title_key) == 0;
      if (agrees || targets->len == 0)
        continue;
      ids = sorted_ids (targets);
      target = g_ptr_array_index (targets, 0);
      add_problem (problems, MH_RULE_RELATED_TITLE, &related->title, ids,
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

/* Adds an edge from record @a (at @index in the sorted records) to each of
 * @partners that sorts after it. */
static void
add_edges (MhHealthIndex        *self,
           GArray               *edges,
           GHashTable           *indices,
           const MhHealthRecord *a,
           guint                 index,
           GPtrArray            *partners,
           MhDuplicateReasons    reason)
{
  filter_not_duplicates (self, a, partners);
  for (guint i = 0; i < partners->len; i++)
    {
      guint other = GPOINTER_TO_UINT (g_hash_table_lookup (indices,
                                                           g_ptr_array_index (partners, i)));
      Edge edge = { index, other, reason };

      if (other > index)
        g_array_append_val (edges, edge);
    }
  g_ptr_array_set_size (partners, 0);
}

GPtrArray *
mh_health_index_dup_groups (MhHealthIndex *self)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_duplicate_group_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GHashTable) indices = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GPtrArray) partners = g_ptr_array_new ();
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

  for (guint i = 0; i < records->len; i++)
    {
      const MhHealthRecord *record = g_ptr_array_index (records, i);

      for (guint k = 0; k < record->url_keys->len; k++)
        if (!url_key_repeats (record->url_keys, k))
          collect_url_partners (self, record, g_ptr_array_index (record->url_keys, k),
                                partners);
      add_edges (self, edges, indices, record, i + 1, partners, MH_DUPLICATE_URL);
      collect_title_partners (self, record, partners);
      add_edges (self, edges, indices, record, i + 1, partners, MH_DUPLICATE_TITLE);
    }
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
