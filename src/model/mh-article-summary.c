/* mh-article-summary.c: an article's compact row (summary, search text, sort keys, problems)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-article-private.h"
#include "mh-fold.h"
#include "mh-schema.h"

/* Search texts are numbered as they are built (in any thread), so a filter
 * knows which ones changed since it last scanned them. */
static int search_serial;

guint
_mh_article_search_serial_now (void)
{
  return (guint) g_atomic_int_get (&search_serial);
}

void
_mh_article_borrow_search_text (MhArticle  *self,
                                const char *copy)
{
  if (!self->search_text_borrowed)
    g_free (self->search_text);
  self->search_text = (char *) copy;
  self->search_text_borrowed = TRUE;
}

void
_mh_article_drop_search_text (MhArticle *self)
{
  if (!self->search_text_borrowed)
    return;
  self->search_text = NULL;
  self->search_text_borrowed = FALSE;
}

void
_mh_article_own_search_text (MhArticle *self)
{
  if (!self->search_text_borrowed)
    return;
  self->search_text = g_strdup (self->search_text);
  self->search_text_borrowed = FALSE;
}

/* Helpers */

static inline guint64
rotate_left (guint64 x,
             int     n)
{
  return (x << n) | (x >> (64 - n));
}

/* Avalanche: every input bit flips about half the output bits. */
static inline guint64
finish_lane (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* Whether the bytes changed, nothing more: it is never stored nor compared
 * with anything but itself, and nobody gains from a collision. SHA-1 ran at
 * a few hundred MB/s and took 4% of loading a folder; two independent
 * 64-bit lanes over 8-byte words, and the length, run at several GB/s. */
char *
_mh_bytes_hash (GBytes *bytes)
{
  gsize len = 0;
  const guchar *data = g_bytes_get_data (bytes, &len);
  guint64 a = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ len;
  guint64 b = G_GUINT64_CONSTANT (0x6a09e667f3bcc909) + len;
  guint64 word;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      memcpy (&word, data + i, 8);
      a = rotate_left (a ^ (word * G_GUINT64_CONSTANT (0x87c37b91114253d5)), 31)
          * G_GUINT64_CONSTANT (0x4cf5ad432745937f);
      b = rotate_left (b + (word * G_GUINT64_CONSTANT (0x9ae16a3b2f90404f)), 29)
          * G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);
    }
  word = 0;
  if (i < len)
    memcpy (&word, data + i, len - i);
  a = finish_lane (a ^ (word * G_GUINT64_CONSTANT (0x87c37b91114253d5)));
  b = finish_lane (b + (word * G_GUINT64_CONSTANT (0x9ae16a3b2f90404f)) + a);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x", a, b);
}

/* The paths every summary looks up, parsed once: parsing them per record
 * was a few hundred thousand small allocations at each load. */
static const char * const common_paths[] = {
  "title", "provider.name", "category", "type", "publishedDateTime", "quality", "heat",
  "published", "topics", "excerpt", "secured", "images", "related",
};

MhNode *
_mh_doc_lookup (MhDocument *document,
                const char *path)
{
  static MhPath *parsed[G_N_ELEMENTS (common_paths)];
  static gsize parsed_once;

  if (document == NULL)
    return NULL;

  if (g_once_init_enter (&parsed_once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (common_paths); i++)
        parsed[i] = mh_path_parse (common_paths[i], NULL);
      g_once_init_leave (&parsed_once, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (common_paths); i++)
    if (parsed[i] != NULL && strcmp (path, common_paths[i]) == 0)
      return mh_document_lookup_path (document, parsed[i], NULL);
  return mh_document_lookup (document, path, NULL);
}

const char *
_mh_doc_string (MhDocument *document,
                const char *path)
{
  MhNode *node = _mh_doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SCALAR || mh_node_is_null (node))
    return NULL;
  return node->value;
}

gboolean
_mh_doc_int (MhDocument *document,
             const char *path,
             gint64     *value)
{
  MhNode *node = _mh_doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SCALAR || node->type != MH_SCALAR_INT)
    return FALSE;
  return mh_field_parse_int (node->value, value);
}

gboolean
_mh_doc_bool (MhDocument *document,
              const char *path,
              gboolean   *value)
{
  MhNode *node = _mh_doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SCALAR || node->type != MH_SCALAR_BOOL)
    return FALSE;
  *value = g_ascii_strcasecmp (node->value, "true") == 0;
  return TRUE;
}

/* One field of the search text: folded, then a line break. */
static void
search_add (GString    *search,
            const char *text)
{
  if (text != NULL)
    mh_fold_append (search, text, strlen (text));
  g_string_append_c (search, '\n');
}

/* Summary: runs in the loader threads too, so it touches nothing shared. */
void
_mh_article_summary_clear (MhArticle *self)
{
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->provider_name, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->topics, g_strfreev);
  if (self->search_text_borrowed)
    self->search_text = NULL;
  else
    g_clear_pointer (&self->search_text, g_free);
  self->search_text_borrowed = FALSE;
  g_clear_pointer (&self->title_key, g_free);
  g_clear_pointer (&self->provider_key, g_free);
  g_clear_pointer (&self->readonly_reason, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
}

/* The first 8 bytes of @key as a big-endian number: comparing two of them
 * orders like strcmp() over those bytes (NUL pads a shorter key). */
static guint64
key_prefix (const char *key)
{
  guint64 prefix = 0;
  guint i = 0;

  for (; key != NULL && i < 8 && key[i] != '\0'; i++)
    prefix = (prefix << 8) | (guchar) key[i];
  return i == 0 ? 0 : prefix << (8 * (8 - i));
}

/* Orders like g_strcmp0() on the keys. */
static int
compare_keys (guint64     prefix_a,
              const char *key_a,
              guint64     prefix_b,
              const char *key_b)
{
  if (prefix_a != prefix_b)
    return prefix_a < prefix_b ? -1 : 1;
  return g_strcmp0 (key_a, key_b);
}

void
_mh_article_set_display_name (MhArticle *self,
                              char      *name)
{
  g_free (self->display_name);
  self->display_name = name;
  self->name_prefix = key_prefix (name);
}

static char *
collate_key (const char *text)
{
  g_autofree char *folded = mh_fold_text (text, -1);

  return g_utf8_collate_key (folded, -1);
}

void
_mh_article_summary_update (MhArticle  *self,
                            MhDocument *document)
{
  g_autoptr(GStrvBuilder) topics = g_strv_builder_new ();
  g_autoptr(GString) search = g_string_sized_new (256);
  const char *excerpt;
  gsize search_len;
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  MhNode *list;
  const char *reason;
  gsize offset = G_MAXSIZE;
  gboolean flag = FALSE;

  _mh_article_summary_clear (self);

  self->title = g_strdup (_mh_doc_string (document, "title"));
  self->provider_name = g_strdup (_mh_doc_string (document, "provider.name"));
  self->category = g_strdup (_mh_doc_string (document, "category"));
  self->type = g_strdup (_mh_doc_string (document, "type"));
  self->date = g_strdup (_mh_doc_string (document, "publishedDateTime"));
  self->has_quality = _mh_doc_int (document, "quality", &self->quality);
  if (!self->has_quality)
    self->quality = 0;
  self->has_heat = _mh_doc_int (document, "heat", &self->heat);
  if (!self->has_heat)
    self->heat = -1;
  self->has_published = _mh_doc_bool (document, "published", &flag);
  self->published = flag;

  list = _mh_doc_lookup (document, "topics");
  if (list != NULL && list->kind == MH_NODE_SEQUENCE)
    for (guint i = 0; i < mh_node_get_n_items (list); i++)
      {
        MhNode *item = mh_node_get_item (list, i);

        if (item != NULL && item->kind == MH_NODE_SCALAR && !mh_node_is_null (item))
          g_strv_builder_add (topics, item->value);
      }
  self->topics = g_strv_builder_end (topics);

  /* Folded once here, so a search is a plain substring test per record. */
  excerpt = _mh_doc_string (document, "excerpt");
  search_add (search, self->title);
  search_add (search, excerpt);
  search_add (search, self->provider_name);
  for (guint i = 0; self->topics[i] != NULL; i++)
    search_add (search, self->topics[i]);
  /* Sized to fit: 100,000 of them stay in memory. */
  search_len = search->len;
  self->search_text = g_realloc (g_string_free (g_steal_pointer (&search), FALSE),
                                 search_len + 1);
  self->search_serial = (guint) g_atomic_int_add (&search_serial, 1) + 1;
  /* An untitled record shows its file name in the list, and sorts by it. */
  self->title_key = collate_key (self->title != NULL && self->title[0] != '\0'
                                 ? self->title : self->display_name);
  self->provider_key = collate_key (self->provider_name);
  self->title_prefix = key_prefix (self->title_key);
  self->provider_prefix = key_prefix (self->provider_key);

  self->date_key = G_MININT64;
  if (self->date != NULL)
    date_time = g_date_time_new_from_iso8601 (self->date, utc);
  if (date_time != NULL)
    self->date_key = g_date_time_to_unix (date_time);

  self->readonly_line = 0;
  reason = document != NULL ? mh_document_get_readonly_reason (document, &offset) : NULL;
  if (reason != NULL)
    {
      self->readonly_reason = g_strdup (reason);
      if (offset != G_MAXSIZE)
        mh_document_get_position (document, offset, &self->readonly_line, NULL);
    }
  else if (self->file_readonly_reason != NULL)
    self->readonly_reason = g_strdup (self->file_readonly_reason);

  self->has_front_matter = document != NULL
                           && mh_document_get_split (document)->kind != MH_SPLIT_NONE;

  self->problems = document != NULL
                   ? mh_validate_document (document)
                   : g_ptr_array_new_with_free_func ((GDestroyNotify) mh_problem_free);
  self->n_errors = 0;
  for (guint i = 0; i < self->problems->len; i++)
    if (((MhProblem *) g_ptr_array_index (self->problems, i))->severity == MH_SEVERITY_ERROR)
      self->n_errors++;
}

/* Problems */

GPtrArray *
mh_article_get_problems (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);

  if (self->problems == NULL)
    self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_problem_free);
  return self->problems;
}

guint
mh_article_get_n_problems (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), 0);
  return self->problems != NULL ? self->problems->len : 0;
}

guint
mh_article_get_n_errors (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), 0);
  return self->n_errors;
}

GPtrArray *
mh_article_dup_problems_for_path (MhArticle  *self,
                                  const char *path)
{
  GPtrArray *found = g_ptr_array_new ();
  gsize len;

  g_return_val_if_fail (MH_IS_ARTICLE (self), found);
  g_return_val_if_fail (path != NULL, found);

  len = strlen (path);
  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      MhProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->path != NULL && strncmp (problem->path, path, len) == 0
          && (problem->path[len] == '\0' || problem->path[len] == '.'
              || problem->path[len] == '['))
        g_ptr_array_add (found, problem);
    }
  return found;
}

/* Search and sort */

const char *
mh_article_get_search_text (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), "");
  return self->search_text != NULL ? self->search_text : "";
}

static int
compare_int (gint64 a,
             gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

int
mh_article_compare_by (MhArticle    *a,
                       MhArticle    *b,
                       MhSortColumn  column)
{
  int result = 0;

  g_return_val_if_fail (MH_IS_ARTICLE (a), 0);
  g_return_val_if_fail (MH_IS_ARTICLE (b), 0);

  switch (column)
    {
    case MH_SORT_TITLE:
      result = compare_keys (a->title_prefix, a->title_key, b->title_prefix, b->title_key);
      break;
    case MH_SORT_PROVIDER:
      result = compare_keys (a->provider_prefix, a->provider_key,
                             b->provider_prefix, b->provider_key);
      break;
    case MH_SORT_DATE:
      result = compare_int (a->date_key, b->date_key);
      break;
    case MH_SORT_QUALITY:
      /* A record without quality sorts below quality 0. */
      result = compare_int (a->has_quality ? a->quality : -1, b->has_quality ? b->quality : -1);
      break;
    case MH_SORT_HEAT:
      result = compare_int (a->heat, b->heat);
      break;
    case MH_SORT_TOPICS:
      result = g_strcmp0 (a->topics != NULL ? a->topics[0] : NULL,
                          b->topics != NULL ? b->topics[0] : NULL);
      break;
    case MH_SORT_PUBLISHED:
      result = compare_int (a->published, b->published);
      break;
    case MH_SORT_MODIFIED:
      result = compare_int (a->modified, b->modified);
      break;
    case MH_SORT_PROBLEMS:
      result = compare_int (a->n_errors, b->n_errors);
      if (result == 0)
        result = compare_int (mh_article_get_n_problems (a), mh_article_get_n_problems (b));
      break;
    case MH_SORT_FILE:
    default:
      break;
    }

  /* Ties fall back to the file, so sorting is stable across reloads. */
  if (result == 0)
    {
      /* Loaded articles have their name; others get it here. */
      const char *name_a = mh_article_get_display_name (a);
      const char *name_b = mh_article_get_display_name (b);

      result = compare_keys (a->name_prefix, name_a, b->name_prefix, name_b);
    }
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

