/* mh-filter.c: the search and facet predicate shared by the window and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-article.h"
#include "mh-filter.h"
#include "mh-fold.h"

struct _MhFilter
{
  GObject        parent_instance;

  char          *search_text;
  char         **words;              /* folded search words, none empty */
  guint          words_serial;       /* unique to these words */
  GHashTable    *facets[MH_N_FACETS];  /* selected values, or NULL */
  gint64         quality_min;
  gint64         quality_max;
  MhFilterChange last_change;
  MhFilterRowFunc row_func;
  gpointer       row_data;
  GDestroyNotify row_destroy;
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

gboolean
mh_filter_words_imply (const char * const *narrow,
                       const char * const *wide)
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

static guint
next_words_serial (void)
{
  static int serial;

  return (guint) g_atomic_int_add (&serial, 1) + 1;
}

guint
mh_filter_get_words_serial (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), 0);
  return self->words_serial;
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
  stricter = mh_filter_words_imply ((const char * const *) words,
                                    (const char * const *) self->words);
  looser = mh_filter_words_imply ((const char * const *) self->words,
                                  (const char * const *) words);
  g_strfreev (self->words);
  self->words = words;
  self->words_serial = next_words_serial ();

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
  return self->words == NULL && full_quality_range (self) && self->row_func == NULL;
}

gboolean
mh_filter_has_row_tests (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), FALSE);

  for (guint i = 0; i < MH_N_FACETS; i++)
    if (self->facets[i] != NULL)
      return TRUE;
  return !full_quality_range (self) || self->row_func != NULL;
}

const char * const *
mh_filter_get_words (MhFilter *self)
{
  g_return_val_if_fail (MH_IS_FILTER (self), NULL);
  return (const char * const *) self->words;
}

void
mh_filter_set_row_func (MhFilter        *self,
                        MhFilterRowFunc  func,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  g_return_if_fail (MH_IS_FILTER (self));

  if (self->row_destroy != NULL)
    self->row_destroy (self->row_data);
  self->row_func = func;
  self->row_data = user_data;
  self->row_destroy = destroy;
  emit_changed (self, MH_FILTER_CHANGE_DIFFERENT);
}

void
mh_filter_row_init (MhFilterRow *row,
                    MhArticle   *article)
{
  g_return_if_fail (MH_IS_ARTICLE (article));

  row->topics = mh_article_get_topics (article);
  row->provider_name = mh_article_get_provider_name (article);
  row->category = mh_article_get_category (article);
  row->type = mh_article_get_article_type (article);
  row->search_text = mh_article_get_search_text (article);
  row->quality = mh_article_get_quality (article);
  row->has_quality = mh_article_get_has_quality (article);
  row->n_errors = mh_article_get_n_errors (article);
  row->n_problems = mh_article_get_n_problems (article);
  row->published = mh_article_get_published (article);
  row->modified = mh_article_get_modified (article);
}

GStrv
mh_article_dup_facet_values (MhArticle *article,
                             MhFacet    facet)
{
  const char *buffer[2];
  MhFilterRow row;

  g_return_val_if_fail (MH_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (facet < MH_N_FACETS, NULL);

  mh_filter_row_init (&row, article);
  return g_strdupv ((char **) mh_filter_row_peek_facet_values (&row, facet, buffer));
}

/* The values without copying: this runs per record per key press. */
const char * const *
mh_filter_row_peek_facet_values (const MhFilterRow *row,
                                 MhFacet            facet,
                                 const char        *buffer[2])
{
  const char *value;

  switch (facet)
    {
    case MH_FACET_TOPIC:
      return row->topics;
    case MH_FACET_PROVIDER:
      value = row->provider_name;
      break;
    case MH_FACET_CATEGORY:
      value = row->category;
      break;
    case MH_FACET_TYPE:
      value = row->type;
      break;
    case MH_FACET_PUBLISHED:
      value = row->published ? "true" : "false";
      break;
    case MH_FACET_MODIFIED:
      value = row->modified ? "true" : "false";
      break;
    case MH_FACET_PROBLEMS:
      value = row->n_errors > 0 ? "error" : row->n_problems > 0 ? "warning" : "none";
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

gboolean
mh_filter_text_has_words (const char         *text,
                          const char * const *words)
{
  if (text == NULL)
    text = "";
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (strstr (text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
match_facet (GHashTable        *set,
             const MhFilterRow *row,
             MhFacet            facet)
{
  const char *buffer[2];
  const char * const *values = mh_filter_row_peek_facet_values (row, facet, buffer);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_hash_table_contains (set, values[i]))
      return TRUE;
  return FALSE;
}

gboolean
mh_filter_match_row (MhFilter          *self,
                     const MhFilterRow *row,
                     MhFacet            except,
                     gboolean           test_words)
{
  g_return_val_if_fail (MH_IS_FILTER (self), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  for (guint i = 0; i < MH_N_FACETS; i++)
    if (i != except && self->facets[i] != NULL && !match_facet (self->facets[i], row, i))
      return FALSE;

  if (!full_quality_range (self)
      && (!row->has_quality || row->quality < self->quality_min
          || row->quality > self->quality_max))
    return FALSE;

  if (test_words && self->words != NULL
      && !mh_filter_text_has_words (row->search_text, (const char * const *) self->words))
    return FALSE;

  return self->row_func == NULL || self->row_func (row, self->row_data);
}

gboolean
mh_filter_match_except (MhFilter  *self,
                        MhArticle *article,
                        MhFacet    except)
{
  MhFilterRow row;

  g_return_val_if_fail (MH_IS_FILTER (self), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);

  mh_filter_row_init (&row, article);
  return mh_filter_match_row (self, &row, except, TRUE);
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
  if (self->row_destroy != NULL)
    self->row_destroy (self->row_data);
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
