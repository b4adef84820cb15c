/* mh-collection-search.c: a collection's search: the filter answered from its index, facet counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-article-private.h"
#include "mh-collection-private.h"

/* The filter's predicate, with the search words answered from the index
 * of this collection's texts. */
static gboolean
match (MhCollection *self,
       MhFilter     *filter,
       MhArticle    *article,
       MhFacet       except)
{
  const char * const *words = mh_filter_get_words (filter);
  gboolean test_words = words != NULL;
  MhFilterRow row;

  if (test_words && article->observer_data == (gpointer) self)
    {
      gboolean matches;

      if (mh_search_index_lookup (self->search, words, mh_filter_get_words_serial (filter),
                                  article->search_slot, article->search_serial,
                                  _mh_article_search_serial_now (), &matches))
        {
          if (!matches)
            return FALSE;
          test_words = FALSE;
        }
    }
  if (!test_words && !mh_filter_has_row_tests (filter))
    return TRUE;
  mh_filter_row_init (&row, article);
  return mh_filter_match_row (filter, &row, except, test_words);
}

gboolean
mh_collection_match (MhCollection *self,
                     MhFilter     *filter,
                     MhArticle    *article)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (MH_IS_FILTER (filter), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);

  return match (self, filter, article, MH_N_FACETS);
}


void
mh_collection_count_facets_range (MhCollection *self,
                                  MhFacet       facet,
                                  MhFilter     *filter,
                                  GHashTable   *counts,
                                  guint         start,
                                  guint         end)
{
  g_return_if_fail (MH_IS_COLLECTION (self));
  g_return_if_fail (facet < MH_N_FACETS);

  end = MIN (end, self->items->len);
  for (guint i = start; i < end; i++)
    {
      MhArticle *article = g_ptr_array_index (self->items, i);
      const char *buffer[2];
      const char * const *values;
      MhFilterRow row;

      if (filter != NULL && !match (self, filter, article, facet))
        continue;
      mh_filter_row_init (&row, article);
      values = mh_filter_row_peek_facet_values (&row, facet, buffer);
      for (guint j = 0; values[j] != NULL; j++)
        {
          gboolean seen = FALSE;
          gpointer key, value;

          /* A topic listed twice counts once for its record. */
          for (guint k = 0; k < j && !seen; k++)
            seen = strcmp (values[k], values[j]) == 0;
          if (seen)
            continue;
          /* Stolen and put back: inserting the table's own key would free it. */
          if (g_hash_table_steal_extended (counts, values[j], &key, &value))
            g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
          else
            g_hash_table_insert (counts, g_strdup (values[j]), GUINT_TO_POINTER (1));
        }
    }
}

/**
 * mh_collection_count_facets:
 *
 * Returns: (transfer full): char* -> GUINT_TO_POINTER(count)
 */
GHashTable *
mh_collection_count_facets (MhCollection *self,
                            MhFacet       facet,
                            MhFilter     *filter)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (MH_IS_COLLECTION (self), counts);
  mh_collection_count_facets_range (self, facet, filter, counts, 0, G_MAXUINT);
  return counts;
}

guint
mh_collection_count_matches (MhCollection *self,
                             MhFilter     *filter)
{
  guint n = 0;

  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (filter == NULL || match (self, filter, g_ptr_array_index (self->items, i), MH_N_FACETS))
      n++;
  return n;
}
