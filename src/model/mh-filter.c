/* mh-filter.c: the search and facet predicate shared by the window and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-article-private.h"
#include "mh-filter.h"
#include "mh-fold.h"

/* What the last scan of a collection's search texts found, so that the
 * per-record test a list model runs is a bit lookup: the models call it in
 * their own (sorted) order, where reading each record's text would miss the
 * cache every time. */
typedef struct
{
  MhCollection *collection;   /* identity only, with the epoch */
  guint64       epoch;
  guint         serial;       /* texts built after this one are tested directly */
  guint         n_slots;      /* slots scanned */
  guint64      *bits;         /* n_slots bits: all words found */
  char        **words;        /* what the bits are for; NULL when there are none */
} SearchCache;

struct _MhFilter
{
  GObject        parent_instance;

  char          *search_text;
  char         **words;              /* folded search words, none empty */
  GHashTable    *facets[MH_N_FACETS];  /* selected values, or NULL */
  gint64         quality_min;
  gint64         quality_max;
  MhFilterChange last_change;
  SearchCache    cache;
  gboolean       cache_current;      /* the cache is for these words */
};

G_DEFINE_FINAL_TYPE (MhFilter, mh_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH_TEXT,
  PROP_QUALITY_MIN,
  PROP_QUALITY_MAX,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define QUALITY_MIN 0
#define QUALITY_MAX 100

MhFilter *
mh_filter_new (void)
{
  return g_object_new (MH_TYPE_FILTER, NULL);
}

static void
emit_changed (MhFilter       *self,
              MhFilterChange  change)
{
  self->last_change = change;
  g_signal_emit (self, signals[CHANGED], 0);
}

MhFilterChange
mh_filter_get_last_change (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), MH_FILTER_CHANGE_DIFFERENT);
  return self->last_change;
}

/* Whether every record matching @narrow also matches @wide: each word of
 * @wide lies within a word of @narrow. */
static gboolean
words_imply (char * const *narrow,
             char * const *wide)
{
  for (guint i = 0; wide != NULL && wide[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; !found && narrow != NULL && narrow[j] != NULL; j++)
        found = strstr (narrow[j], wide[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The folded words of @text, none empty; NULL when there are none. */
static char **
split_words (const char *text)
{
  g_autofree char *folded = mh_fold_text (text, -1);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        g_strv_builder_add (builder, parts[i]);
        any = TRUE;
      }
  return any ? g_strv_builder_end (builder) : NULL;
}

const char *
mh_filter_get_search_text (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), NULL);
  return self->search_text != NULL ? self->search_text : "";
}

void
mh_filter_set_search_text (MhFilter   *self,
                           const char *text)
{
  char **words;
  gboolean stricter, looser;

  g_return_if_fail (MH_IS_FILTER (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, self->search_text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  words = split_words (text);
  stricter = words_imply (words, self->words);
  looser = words_imply (self->words, words);
  g_strfreev (self->words);
  self->words = words;
  self->cache_current = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
  /* Typing on ("fa" to "fac") only narrows: the window then refilters only
   * what is shown. Same words both ways: nothing to refilter, but say so. */
  emit_changed (self, stricter && !looser ? MH_FILTER_CHANGE_MORE_STRICT
                      : looser && !stricter ? MH_FILTER_CHANGE_LESS_STRICT
                      : stricter && looser ? MH_FILTER_CHANGE_MORE_STRICT
                      : MH_FILTER_CHANGE_DIFFERENT);
}

void
mh_filter_set_facet_value (MhFilter   *self,
                           MhFacet     facet,
                           const char *value,
                           gboolean    selected)
{
  GHashTable *set;
  MhFilterChange change;

  g_return_if_fail (MH_IS_FILTER (self));
  g_return_if_fail (facet < MH_N_FACETS);
  g_return_if_fail (value != NULL);

  if (selected == mh_filter_get_facet_value (self, facet, value))
    return;

  /* Values OR within a facet: a first value narrows, another widens; taking
   * one away narrows, unless it was the last (the facet no longer filters). */
  if (selected)
    change = self->facets[facet] == NULL ? MH_FILTER_CHANGE_MORE_STRICT
                                         : MH_FILTER_CHANGE_LESS_STRICT;
  else
    change = g_hash_table_size (self->facets[facet]) == 1 ? MH_FILTER_CHANGE_LESS_STRICT
                                                          : MH_FILTER_CHANGE_MORE_STRICT;

  if (self->facets[facet] == NULL)
    self->facets[facet] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set = self->facets[facet];
  if (selected)
    g_hash_table_add (set, g_strdup (value));
  else
    g_hash_table_remove (set, value);
  if (g_hash_table_size (set) == 0)
    g_clear_pointer (&self->facets[facet], g_hash_table_unref);

  emit_changed (self, change);
}

gboolean
mh_filter_get_facet_value (MhFilter   *self,
                           MhFacet     facet,
                           const char *value)
{
  g_return_val_if_fail (MH_IS_FILTER (self), FALSE);
  g_return_val_if_fail (facet < MH_N_FACETS, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return self->facets[facet] != NULL && g_hash_table_contains (self->facets[facet], value);
}

void
mh_filter_clear_facet (MhFilter *self,
                       MhFacet   facet)
{
  g_return_if_fail (MH_IS_FILTER (self));
  g_return_if_fail (facet < MH_N_FACETS);

  if (self->facets[facet] == NULL)
    return;
  g_clear_pointer (&self->facets[facet], g_hash_table_unref);
  emit_changed (self, MH_FILTER_CHANGE_LESS_STRICT);
}

void
mh_filter_set_quality_range (MhFilter *self,
                             gint64    min,
                             gint64    max)
{
  MhFilterChange change;

  g_return_if_fail (MH_IS_FILTER (self));

  if (min == self->quality_min && max == self->quality_max)
    return;
  /* The full range also lets records without quality through. */
  if (min <= QUALITY_MIN && max >= QUALITY_MAX)
    change = MH_FILTER_CHANGE_LESS_STRICT;
  else if (min >= self->quality_min && max <= self->quality_max)
    change = MH_FILTER_CHANGE_MORE_STRICT;
  else if (min <= self->quality_min && max >= self->quality_max
           && !(self->quality_min <= QUALITY_MIN && self->quality_max >= QUALITY_MAX))
    change = MH_FILTER_CHANGE_LESS_STRICT;
  else
    change = MH_FILTER_CHANGE_DIFFERENT;
  self->quality_min = min;
  self->quality_max = max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUALITY_MIN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUALITY_MAX]);
  emit_changed (self, change);
}

gint64
mh_filter_get_quality_min (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), QUALITY_MIN);
  return self->quality_min;
}

gint64
mh_filter_get_quality_max (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), QUALITY_MAX);
  return self->quality_max;
}

void
mh_filter_reset (MhFilter *self)
{
  g_return_if_fail (MH_IS_FILTER (self));

  g_object_freeze_notify (G_OBJECT (self));
  g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  mh_filter_set_search_text (self, "");
  mh_filter_set_quality_range (self, QUALITY_MIN, QUALITY_MAX);
  for (guint i = 0; i < MH_N_FACETS; i++)
    g_clear_pointer (&self->facets[i], g_hash_table_unref);
  g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL,
                                     NULL);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self, MH_FILTER_CHANGE_LESS_STRICT);
}

static gboolean
full_quality_range (MhFilter *self)
{
  return self->quality_min <= QUALITY_MIN && self->quality_max >= QUALITY_MAX;
}

gboolean
mh_filter_is_empty (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), TRUE);

  for (guint i = 0; i < MH_N_FACETS; i++)
    if (self->facets[i] != NULL)
      return FALSE;
  return self->words == NULL && full_quality_range (self);
}

GStrv
mh_article_dup_facet_values (MhArticle *article,
                             MhFacet    facet)
{
  const char *buffer[2];

  g_return_val_if_fail (MH_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (facet < MH_N_FACETS, NULL);

  return g_strdupv ((char **) _mh_article_peek_facet_values (article, facet, buffer));
}

/* The values without copying: this runs per record per key press. */
const char * const *
_mh_article_peek_facet_values (MhArticle  *article,
                               MhFacet     facet,
                               const char *buffer[2])
{
  const char *value;

  switch (facet)
    {
    case MH_FACET_TOPIC:
      return mh_article_get_topics (article);
    case MH_FACET_PROVIDER:
      value = mh_article_get_provider_name (article);
      break;
    case MH_FACET_CATEGORY:
      value = mh_article_get_category (article);
      break;
    case MH_FACET_TYPE:
      value = mh_article_get_article_type (article);
      break;
    case MH_FACET_PUBLISHED:
      value = mh_article_get_published (article) ? "true" : "false";
      break;
    case MH_FACET_MODIFIED:
      value = mh_article_get_modified (article) ? "true" : "false";
      break;
    case MH_FACET_PROBLEMS:
      value = mh_article_get_n_errors (article) > 0 ? "error"
              : mh_article_get_n_problems (article) > 0 ? "warning" : "none";
      break;
    case MH_N_FACETS:
    default:
      value = NULL;
      break;
    }
  buffer[0] = value != NULL ? value : "";
  buffer[1] = NULL;
  return buffer;
}

static gboolean
text_has_words (const char   *text,
                char * const *words)
{
  if (text == NULL)
    text = "";
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

#define BIT_GET(bits, i) (((bits)[(i) / 64] >> ((i) % 64)) & 1)
#define BIT_SET(bits, i) ((bits)[(i) / 64] |= G_GUINT64_CONSTANT (1) << ((i) % 64))
#define BIT_CLEAR(bits, i) ((bits)[(i) / 64] &= ~(G_GUINT64_CONSTANT (1) << ((i) % 64)))

static void
cache_clear (SearchCache *cache)
{
  g_clear_pointer (&cache->bits, g_free);
  g_clear_pointer (&cache->words, g_strfreev);
  cache->collection = NULL;
  cache->n_slots = 0;
}

/* Retests the slots whose bit is @value: narrowing words can only clear
 * bits, widening ones only set them. Bits of records whose text changed
 * since the scan are never read, so the scan's serial stands. */
static void
cache_retest (SearchCache        *cache,
              const char * const *texts,
              char * const       *words,
              gboolean            value)
{
  for (guint i = 0; i < cache->n_slots; i++)
    {
      if (texts[i] == NULL || BIT_GET (cache->bits, i) != (guint64) value)
        continue;
      if (text_has_words (texts[i], words) != value)
        {
          if (value)
            BIT_CLEAR (cache->bits, i);
          else
            BIT_SET (cache->bits, i);
        }
    }
}

/* Brings the cache to the current words over @collection's texts. */
static void
cache_update (MhFilter     *self,
              MhCollection *collection)
{
  SearchCache *cache = &self->cache;
  const char * const *texts;
  guint n_slots;
  guint64 epoch;
  gboolean same_texts;

  texts = _mh_collection_peek_search_texts (collection, &n_slots, &epoch);
  same_texts = cache->bits != NULL && cache->collection == collection && cache->epoch == epoch
               && cache->n_slots == n_slots;

  if (same_texts && words_imply (self->words, cache->words))
    {
      if (!words_imply (cache->words, self->words))
        cache_retest (cache, texts, self->words, TRUE);
    }
  else if (same_texts && words_imply (cache->words, self->words))
    cache_retest (cache, texts, self->words, FALSE);
  else
    {
      /* Numbered before the scan: a text rebuilt meanwhile is newer. */
      guint serial = _mh_article_search_serial_now ();

      cache_clear (cache);
      cache->collection = collection;
      cache->epoch = epoch;
      cache->serial = serial;
      cache->n_slots = n_slots;
      cache->bits = g_new0 (guint64, n_slots / 64 + 1);
      for (guint i = 0; i < n_slots; i++)
        if (texts[i] != NULL && text_has_words (texts[i], self->words))
          BIT_SET (cache->bits, i);
    }

  g_strfreev (cache->words);
  cache->words = g_strdupv (self->words);
  self->cache_current = TRUE;
}

static gboolean
match_search (MhFilter  *self,
              MhArticle *article)
{
  MhCollection *collection = article->collection;
  SearchCache *cache = &self->cache;

  if (collection != NULL)
    {
      guint n_slots;
      guint64 epoch;

      _mh_collection_peek_search_texts (collection, &n_slots, &epoch);
      if (!self->cache_current || cache->collection != collection || cache->epoch != epoch)
        cache_update (self, collection);

      /* A record appended or rebuilt after the scan is tested directly. */
      if (article->search_slot < cache->n_slots && article->search_serial <= cache->serial)
        return BIT_GET (cache->bits, article->search_slot);
    }
  return text_has_words (article->search_text, self->words);
}

static gboolean
match_facet (GHashTable *set,
             MhArticle  *article,
             MhFacet     facet)
{
  const char *buffer[2];
  const char * const *values = _mh_article_peek_facet_values (article, facet, buffer);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_hash_table_contains (set, values[i]))
      return TRUE;
  return FALSE;
}

gboolean
mh_filter_match_except (MhFilter  *self,
                        MhArticle *article,
                        MhFacet    except)
{
  g_return_val_if_fail (MH_IS_FILTER (self), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);

  for (guint i = 0; i < MH_N_FACETS; i++)
    if (i != except && self->facets[i] != NULL && !match_facet (self->facets[i], article, i))
      return FALSE;

  if (!full_quality_range (self))
    {
      gint64 quality = mh_article_get_quality (article);

      if (!mh_article_get_has_quality (article)
          || quality < self->quality_min || quality > self->quality_max)
        return FALSE;
    }

  return self->words == NULL || match_search (self, article);
}

gboolean
mh_filter_match (MhFilter  *self,
                 MhArticle *article)
{
  return mh_filter_match_except (self, article, MH_N_FACETS);
}

static void
mh_filter_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MhFilter *self = MH_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, mh_filter_get_search_text (self));
      break;
    case PROP_QUALITY_MIN:
      g_value_set_int64 (value, self->quality_min);
      break;
    case PROP_QUALITY_MAX:
      g_value_set_int64 (value, self->quality_max);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_filter_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MhFilter *self = MH_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      mh_filter_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_QUALITY_MIN:
      mh_filter_set_quality_range (self, g_value_get_int64 (value), self->quality_max);
      break;
    case PROP_QUALITY_MAX:
      mh_filter_set_quality_range (self, self->quality_min, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_filter_finalize (GObject *object)
{
  MhFilter *self = MH_FILTER (object);

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  cache_clear (&self->cache);
  for (guint i = 0; i < MH_N_FACETS; i++)
    g_clear_pointer (&self->facets[i], g_hash_table_unref);

  G_OBJECT_CLASS (mh_filter_parent_class)->finalize (object);
}

static void
mh_filter_class_init (MhFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_filter_get_property;
  object_class->set_property = mh_filter_set_property;
  object_class->finalize = mh_filter_finalize;

  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, rw);
  properties[PROP_QUALITY_MIN] =
    g_param_spec_int64 ("quality-min", NULL, NULL, G_MININT64, G_MAXINT64, QUALITY_MIN, rw);
  properties[PROP_QUALITY_MAX] =
    g_param_spec_int64 ("quality-max", NULL, NULL, G_MININT64, G_MAXINT64, QUALITY_MAX, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mh_filter_init (MhFilter *self)
{
  self->quality_min = QUALITY_MIN;
  self->quality_max = QUALITY_MAX;
}
