/* mh-health-record.c: what the collection rules read of one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-fold.h"
#include "mh-health-record.h"
#include "mh-url.h"

static const char * const url_fields[] = { "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl" };

static void
value_clear (MhHealthValue *value)
{
  g_clear_pointer (&value->text, g_free);
  g_clear_pointer (&value->path, g_free);
}

static void
value_free (MhHealthValue *value)
{
  value_clear (value);
  g_free (value);
}

static void
value_init (MhHealthValue *value,
            const char    *text,
            const char    *path,
            guint          line,
            guint          column)
{
  value->text = g_strdup (text);
  value->path = g_strdup (path);
  value->line = line;
  value->column = column;
}

static void
related_free (MhHealthRelated *related)
{
  value_clear (&related->title);
  g_ptr_array_unref (related->url_keys);
  g_array_unref (related->url_hashes);
  g_free (related->title_key);
  g_free (related);
}

MhHealthRecord *
mh_health_record_new (const char *id)
{
  MhHealthRecord *record = g_new0 (MhHealthRecord, 1);

  g_return_val_if_fail (id != NULL, NULL);

  record->id = g_strdup (id);
  record->urls = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
  record->url_keys = g_ptr_array_new_with_free_func (g_free);
  record->url_hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  record->title_parts = g_array_new (FALSE, FALSE, sizeof (guint64));
  record->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
  record->topic_keys = g_ptr_array_new_with_free_func (g_free);
  record->related = g_ptr_array_new_with_free_func ((GDestroyNotify) related_free);
  return record;
}

void
mh_health_record_free (MhHealthRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  value_clear (&record->title);
  g_free (record->title_key);
  g_array_unref (record->title_parts);
  g_ptr_array_unref (record->urls);
  g_ptr_array_unref (record->url_keys);
  g_array_unref (record->url_hashes);
  g_ptr_array_unref (record->topics);
  g_ptr_array_unref (record->topic_keys);
  g_ptr_array_unref (record->related);
  g_free (record);
}

char *
mh_health_fold_title (const char *text)
{
  g_autofree char *folded = NULL;
  GString *words;

  if (text == NULL)
    return NULL;

  folded = mh_fold_text (text, -1);
  words = g_string_sized_new (strlen (folded));
  /* Words are runs of letters and digits: punctuation and spacing vanish. */
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (words, c);
      else if (words->len > 0 && words->str[words->len - 1] != ' ')
        g_string_append_c (words, ' ');
    }
  if (words->len > 0 && words->str[words->len - 1] == ' ')
    g_string_truncate (words, words->len - 1);
  if (words->len == 0)
    {
      g_string_free (words, TRUE);
      return NULL;
    }
  return g_string_free (words, FALSE);
}

#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME  G_GUINT64_CONSTANT (1099511628211)

guint64
mh_health_hash (const char *text)
{
  guint64 hash = FNV_OFFSET;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    hash = (hash ^ *p) * FNV_PRIME;
  return hash != 0 ? hash : 1;
}

/* The words in order, @skip (G_MAXUINT: none) left out. Only equal
 * sequences give equal keys, but for a 64-bit collision. */
static guint64
words_hash (const guint64 *words,
            guint          n,
            guint          skip)
{
  guint64 hash = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ (n - (skip != G_MAXUINT));

  for (guint i = 0; i < n; i++)
    if (i != skip)
      {
        hash = (hash ^ words[i]) * G_GUINT64_CONSTANT (0x100000001b3);
        hash ^= hash >> 29;
      }
  return hash != 0 ? hash : 1;
}

void
mh_health_record_set_title (MhHealthRecord *record,
                            const char     *text,
                            const char     *path,
                            guint           line,
                            guint           column)
{
  g_autofree guint64 *words = NULL;
  const char *p;
  guint n = 0;

  g_return_if_fail (record != NULL);

  value_clear (&record->title);
  g_clear_pointer (&record->title_key, g_free);
  g_array_set_size (record->title_parts, 0);
  record->n_words = 0;
  record->title_hash = 0;
  if (text == NULL)
    return;

  value_init (&record->title, text, path, line, column);
  record->title_key = mh_health_fold_title (text);
  if (record->title_key == NULL)
    return;

  for (p = record->title_key; *p != '\0'; p++)
    n += *p == ' ';
  record->n_words = n + 1;
  words = g_new (guint64, record->n_words);
  p = record->title_key;
  for (guint i = 0; i < record->n_words; i++)
    {
      guint64 hash = FNV_OFFSET;

      for (; *p != '\0' && *p != ' '; p++)
        hash = (hash ^ (guchar) *p) * FNV_PRIME;
      words[i] = hash;
      if (*p == ' ')
        p++;
    }

  record->title_hash = words_hash (words, record->n_words, G_MAXUINT);
  if (record->n_words < MH_HEALTH_MIN_SHARED_WORDS + 1
      || record->n_words > MH_HEALTH_MAX_NEAR_WORDS)
    return;
  for (guint i = 0; i < record->n_words; i++)
    {
      guint64 part = words_hash (words, record->n_words, i);
      gboolean seen = FALSE;

      /* A repeated word gives the same part twice. */
      for (guint j = 0; j < record->title_parts->len && !seen; j++)
        seen = g_array_index (record->title_parts, guint64, j) == part;
      if (!seen)
        g_array_append_val (record->title_parts, part);
    }
}

void
mh_health_record_add_url (MhHealthRecord *record,
                          const char     *text,
                          const char     *path,
                          guint           line,
                          guint           column)
{
  MhHealthValue *value;
  char *key;
  guint64 hash;

  g_return_if_fail (record != NULL && text != NULL);

  key = mh_url_normalise (text);
  hash = key != NULL ? mh_health_hash (key) : 0;
  value = g_new0 (MhHealthValue, 1);
  value_init (value, NULL, path, line, column);
  g_ptr_array_add (record->urls, value);
  g_ptr_array_add (record->url_keys, key);
  g_array_append_val (record->url_hashes, hash);
}

void
mh_health_record_add_topic (MhHealthRecord *record,
                            const char     *text,
                            const char     *path,
                            guint           line,
                            guint           column)
{
  MhHealthValue *value = g_new0 (MhHealthValue, 1);

  g_return_if_fail (record != NULL && text != NULL);

  value_init (value, text, path, line, column);
  g_ptr_array_add (record->topics, value);
  g_ptr_array_add (record->topic_keys, mh_fold_variant_key (text, -1));
}

void
mh_health_record_add_related (MhHealthRecord     *record,
                              const char         *title,
                              const char         *path,
                              guint               line,
                              guint               column,
                              const char * const *urls)
{
  MhHealthRelated *related = g_new0 (MhHealthRelated, 1);

  g_return_if_fail (record != NULL);

  value_init (&related->title, title, path, line, column);
  related->title_key = mh_health_fold_title (title);
  related->url_keys = g_ptr_array_new_with_free_func (g_free);
  related->url_hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
    {
      char *key = mh_url_normalise (urls[i]);
      guint64 hash;

      if (key == NULL
          || g_ptr_array_find_with_equal_func (related->url_keys, key, g_str_equal, NULL))
        {
          g_free (key);
          continue;
        }
      hash = mh_health_hash (key);
      g_ptr_array_add (related->url_keys, key);
      g_array_append_val (related->url_hashes, hash);
    }
  g_ptr_array_add (record->related, related);
}

/* From a document ---------------------------------------------------------- */

/* The string value of @key in @mapping, or NULL; @node_out: its node. */
static const char *
lookup_string (const MhNode  *mapping,
               const char    *key,
               const MhNode **node_out)
{
  const MhNode *node = mh_node_lookup_key (mapping, key, NULL);
  const MhNode *resolved = mh_node_resolve (node);

  if (resolved == NULL || resolved->kind != MH_NODE_SCALAR || mh_node_is_null (resolved))
    return NULL;
  if (node_out != NULL)
    *node_out = node;
  return resolved->value;
}

static void
position (MhDocument   *document,
          const MhNode *node,
          guint        *line,
          guint        *column)
{
  mh_document_get_position (document, node->start, line, column);
}

static void
add_related_from (MhHealthRecord *record,
                  MhDocument     *document,
                  const MhNode   *item,
                  guint           index)
{
  const char *urls[G_N_ELEMENTS (url_fields) + 1] = { NULL };
  const MhNode *title_node = NULL;
  const char *title;
  g_autofree char *path = NULL;
  guint line, column;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (url_fields); i++)
    {
      const char *url = lookup_string (item, url_fields[i], NULL);

      if (url != NULL)
        urls[n++] = url;
    }
  if (n == 0)
    return;

  title = lookup_string (item, "title", &title_node);
  if (title != NULL)
    {
      path = g_strdup_printf ("related[%u].title", index);
      position (document, title_node, &line, &column);
    }
  else
    {
      path = g_strdup_printf ("related[%u]", index);
      position (document, item, &line, &column);
    }
  mh_health_record_add_related (record, title, path, line, column, urls);
}

MhHealthRecord *
mh_health_record_new_from_document (const char *id,
                                    MhDocument *document)
{
  MhHealthRecord *record;
  const MhNode *root;
  const MhNode *node = NULL;
  const MhNode *list;
  const char *text;
  guint line, column;

  g_return_val_if_fail (id != NULL && document != NULL, NULL);

  record = mh_health_record_new (id);
  root = mh_document_get_root (document);
  if (root == NULL)
    return record;

  if ((text = lookup_string (root, "title", &node)) != NULL)
    {
      position (document, node, &line, &column);
      mh_health_record_set_title (record, text, "title", line, column);
    }

  for (guint i = 0; i < G_N_ELEMENTS (url_fields); i++)
    if ((text = lookup_string (root, url_fields[i], &node)) != NULL)
      {
        position (document, node, &line, &column);
        mh_health_record_add_url (record, text, url_fields[i], line, column);
      }

  list = mh_node_resolve (mh_node_lookup_key (root, "topics", NULL));
  for (guint i = 0; list != NULL && list->kind == MH_NODE_SEQUENCE && i < list->children->len; i++)
    {
      const MhNode *item = g_ptr_array_index (list->children, i);
      const MhNode *resolved = mh_node_resolve (item);
      g_autofree char *path = NULL;

      if (resolved == NULL || resolved->kind != MH_NODE_SCALAR || mh_node_is_null (resolved))
        continue;
      path = g_strdup_printf ("topics[%u]", i);
      position (document, item, &line, &column);
      mh_health_record_add_topic (record, resolved->value, path, line, column);
    }

  list = mh_node_resolve (mh_node_lookup_key (root, "related", NULL));
  for (guint i = 0; list != NULL && list->kind == MH_NODE_SEQUENCE && i < list->children->len; i++)
    {
      const MhNode *item = mh_node_resolve (g_ptr_array_index (list->children, i));

      if (item != NULL && item->kind == MH_NODE_MAPPING)
        add_related_from (record, document, item, i);
    }

  return record;
}
