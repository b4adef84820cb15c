/* mh-article.c: one record, a typed GObject view of its YAML document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-fold.h"
#include "mh-schema.h"

G_DEFINE_FINAL_TYPE (MhArticle, mh_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_READONLY_REASON,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  PROP_HELD,
  PROP_HAS_FRONT_MATTER,
  PROP_TITLE,
  PROP_EXCERPT,
  PROP_CATEGORY,
  PROP_TYPE,
  PROP_PUBLISHED_DATE_TIME,
  PROP_ORIGINAL_URL,
  PROP_WEB_URL,
  PROP_AMP_WEB_URL,
  PROP_CDN_AMP_WEB_URL,
  PROP_QUALITY,
  PROP_HAS_QUALITY,
  PROP_HEAT,
  PROP_HAS_HEAT,
  PROP_PUBLISHED,
  PROP_HAS_PUBLISHED,
  PROP_PROVIDER_NAME,
  PROP_PROVIDER_DOMAIN,
  PROP_TOPICS,
  PROP_IMAGES,
  PROP_RELATED,
  PROP_EXTRA_FIELDS,
  PROP_SECURED,
  PROP_PROBLEMS,
  PROP_N_PROBLEMS,
  PROP_N_ERRORS,
  N_PROPS
};

enum {
  EDIT_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Which properties a top-level key drives, so an edit notifies only those. */
static const struct
{
  const char *key;
  int         props[2];
} key_props[] = {
  { "title", { PROP_TITLE } },
  { "excerpt", { PROP_EXCERPT } },
  { "category", { PROP_CATEGORY } },
  { "type", { PROP_TYPE } },
  { "publishedDateTime", { PROP_PUBLISHED_DATE_TIME } },
  { "originalUrl", { PROP_ORIGINAL_URL } },
  { "webUrl", { PROP_WEB_URL } },
  { "ampWebUrl", { PROP_AMP_WEB_URL } },
  { "cdnAmpWebUrl", { PROP_CDN_AMP_WEB_URL } },
  { "quality", { PROP_QUALITY, PROP_HAS_QUALITY } },
  { "heat", { PROP_HEAT, PROP_HAS_HEAT } },
  { "published", { PROP_PUBLISHED, PROP_HAS_PUBLISHED } },
  { "provider", { PROP_PROVIDER_NAME, PROP_PROVIDER_DOMAIN } },
  { "topics", { PROP_TOPICS } },
  { "secured", { PROP_SECURED } },
};

static const char * const no_topics[] = { NULL };

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

GPtrArray *
_mh_edits_copy (GPtrArray *edits)
{
  GPtrArray *copy = g_ptr_array_new_full (edits != NULL ? edits->len : 0,
                                          (GDestroyNotify) mh_edit_free);

  for (guint i = 0; edits != NULL && i < edits->len; i++)
    g_ptr_array_add (copy, mh_edit_copy (g_ptr_array_index (edits, i)));
  return copy;
}

/* The paths every summary looks up, parsed once: parsing them per record
 * was a few hundred thousand small allocations at each load. */
static const char * const common_paths[] = {
  "title", "provider.name", "category", "type", "publishedDateTime", "quality", "heat",
  "published", "topics", "excerpt", "secured", "images", "related",
};

static MhNode *
doc_lookup (MhDocument *document,
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

static const char *
doc_string (MhDocument *document,
            const char *path)
{
  MhNode *node = doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SCALAR || mh_node_is_null (node))
    return NULL;
  return node->value;
}

static gboolean
doc_int (MhDocument *document,
         const char *path,
         gint64     *value)
{
  MhNode *node = doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SCALAR || node->type != MH_SCALAR_INT)
    return FALSE;
  return mh_field_parse_int (node->value, value);
}

static gboolean
doc_bool (MhDocument *document,
          const char *path,
          gboolean   *value)
{
  MhNode *node = doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SCALAR || node->type != MH_SCALAR_BOOL)
    return FALSE;
  *value = g_ascii_strcasecmp (node->value, "true") == 0;
  return TRUE;
}

static guint
doc_n_items (MhDocument *document,
             const char *path)
{
  MhNode *node = doc_lookup (document, path);

  if (node == NULL || node->kind != MH_NODE_SEQUENCE)
    return 0;
  return mh_node_get_n_items (node);
}

/* The first key of a path: `related[0].title` -> `related`. */
static char *
path_top_key (const char *path)
{
  return g_strndup (path, strcspn (path, ".["));
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

static MhDocument *
new_document (MhArticle *self,
              GBytes    *bytes)
{
  MhDocument *document = mh_document_new (bytes);

  if (self->file_readonly_reason != NULL
      && mh_document_get_readonly_reason (document, NULL) == NULL)
    mh_document_set_readonly_reason (document, self->file_readonly_reason);
  return document;
}

/* Summary: runs in the loader threads too, so it touches nothing shared. */
static void
summary_clear (MhArticle *self)
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

static void
set_display_name (MhArticle *self,
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

static void
summary_update (MhArticle  *self,
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

  summary_clear (self);

  self->title = g_strdup (doc_string (document, "title"));
  self->provider_name = g_strdup (doc_string (document, "provider.name"));
  self->category = g_strdup (doc_string (document, "category"));
  self->type = g_strdup (doc_string (document, "type"));
  self->date = g_strdup (doc_string (document, "publishedDateTime"));
  self->has_quality = doc_int (document, "quality", &self->quality);
  if (!self->has_quality)
    self->quality = 0;
  self->has_heat = doc_int (document, "heat", &self->heat);
  if (!self->has_heat)
    self->heat = -1;
  self->has_published = doc_bool (document, "published", &flag);
  self->published = flag;

  list = doc_lookup (document, "topics");
  if (list != NULL && list->kind == MH_NODE_SEQUENCE)
    for (guint i = 0; i < mh_node_get_n_items (list); i++)
      {
        MhNode *item = mh_node_get_item (list, i);

        if (item != NULL && item->kind == MH_NODE_SCALAR && !mh_node_is_null (item))
          g_strv_builder_add (topics, item->value);
      }
  self->topics = g_strv_builder_end (topics);

  /* Folded once here, so a search is a plain substring test per record. */
  excerpt = doc_string (document, "excerpt");
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
  if (self->collection != NULL)
    _mh_collection_search_text_changed (self->collection, self);
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

/* Lists of nested objects */

void
_mh_article_sync_images (MhArticle  *self,
                         GListStore *store,
                         const char *list_path)
{
  guint n_doc = doc_n_items (self->document, list_path);
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* Items are views by index: the ones that stay only need to re-read. */
  for (guint i = 0; i < MIN (n_doc, n_store); i++)
    {
      g_autoptr(MhImage) image = g_list_model_get_item (G_LIST_MODEL (store), i);
      _mh_image_notify_all (image);
    }
  if (n_doc > n_store)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_store; i < n_doc; i++)
        g_ptr_array_add (added, _mh_image_new (self, list_path, i));
      g_list_store_splice (store, n_store, 0, added->pdata, added->len);
    }
  else if (n_doc < n_store)
    g_list_store_splice (store, n_doc, n_store - n_doc, NULL, 0);
}

static void
sync_related (MhArticle *self)
{
  guint n_doc = doc_n_items (self->document, "related");
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (self->related));

  for (guint i = 0; i < MIN (n_doc, n_store); i++)
    {
      g_autoptr(MhRelated) related = g_list_model_get_item (G_LIST_MODEL (self->related), i);
      _mh_related_sync (related);
    }
  if (n_doc > n_store)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_store; i < n_doc; i++)
        g_ptr_array_add (added, _mh_related_new (self, i));
      g_list_store_splice (self->related, n_store, 0, added->pdata, added->len);
    }
  else if (n_doc < n_store)
    g_list_store_splice (self->related, n_doc, n_store - n_doc, NULL, 0);
}

static void
sync_extra_fields (MhArticle *self)
{
  MhNode *root = self->document != NULL ? mh_document_get_root (self->document) : NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (self->extra_fields));
  gboolean same;

  if (root != NULL && root->kind == MH_NODE_MAPPING)
    for (guint i = 0; i < mh_node_get_n_items (root); i++)
      {
        MhNode *key = mh_node_get_key (root, i);

        if (key != NULL && key->kind == MH_NODE_SCALAR && mh_schema_lookup (key->value) == NULL)
          g_ptr_array_add (keys, key->value);
      }

  same = keys->len == n_store;
  for (guint i = 0; same && i < n_store; i++)
    {
      g_autoptr(MhExtraField) field = g_list_model_get_item (G_LIST_MODEL (self->extra_fields), i);
      same = g_strcmp0 (mh_extra_field_get_key (field), g_ptr_array_index (keys, i)) == 0;
    }

  if (same)
    {
      for (guint i = 0; i < n_store; i++)
        {
          g_autoptr(MhExtraField) field = g_list_model_get_item (G_LIST_MODEL (self->extra_fields),
                                                                 i);
          _mh_extra_field_notify_all (field);
        }
    }
  else
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < keys->len; i++)
        g_ptr_array_add (fields, _mh_extra_field_new (self, g_ptr_array_index (keys, i)));
      g_list_store_splice (self->extra_fields, 0, n_store, fields->pdata, fields->len);
    }
}

/* After any change of the document or the state: rebuild the summary, keep
 * the nested lists in step, and notify what may have changed. @path: the
 * edited path, or NULL for everything. */
static void
document_changed_full (MhArticle  *self,
                       const char *path,
                       gboolean    data_changed)
{
  g_autofree char *key = path != NULL ? path_top_key (path) : NULL;
  gboolean known = FALSE;

  if (self->document != NULL)
    summary_update (self, self->document);

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < G_N_ELEMENTS (key_props); i++)
    if (key == NULL || strcmp (key, key_props[i].key) == 0)
      {
        known = TRUE;
        for (guint j = 0; j < G_N_ELEMENTS (key_props[i].props); j++)
          if (key_props[i].props[j] != PROP_0)
            g_object_notify_by_pspec (G_OBJECT (self), properties[key_props[i].props[j]]);
      }

  if (self->images != NULL && (key == NULL || strcmp (key, "images") == 0))
    _mh_article_sync_images (self, self->images, "images");
  if (self->related != NULL && (key == NULL || strcmp (key, "related") == 0))
    sync_related (self);
  if (self->extra_fields != NULL && (key == NULL || !known))
    sync_extra_fields (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READONLY_REASON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_FRONT_MATTER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);

  g_object_thaw_notify (G_OBJECT (self));

  if (data_changed && self->collection != NULL)
    _mh_collection_article_changed (self->collection, self);
}

static void
document_changed (MhArticle  *self,
                  const char *path)
{
  document_changed_full (self, path, TRUE);
}

/* An unmodified article that nobody holds keeps only its summary. */
static void
maybe_drop_document (MhArticle *self)
{
  if (self->document == NULL || self->hold_count > 0 || self->modified
      || self->changed_on_disk)
    return;

  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;

  /* The summary stays; the rest reads as empty now. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->images != NULL)
    g_list_store_remove_all (self->images);
  if (self->related != NULL)
    g_list_store_remove_all (self->related);
  if (self->extra_fields != NULL)
    g_list_store_remove_all (self->extra_fields);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCERPT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Takes @contents: the file's bytes are these now (load, reload). */
static void
adopt_contents (MhArticle      *self,
                MhFileContents *contents,
                gboolean        keep_document)
{
  g_autofree char *hash = _mh_bytes_hash (contents->bytes);
  /* Opening a record in the form re-reads it: when nothing changed, the
   * collection (facet counts over every record) need not hear of it. */
  gboolean data_changed = self->modified || self->changed_on_disk
                          || g_strcmp0 (hash, self->loaded_hash) != 0
                          || (self->document != NULL
                              && !g_bytes_equal (mh_document_get_bytes (self->document),
                                                 contents->bytes))
                          || g_strcmp0 (contents->readonly_reason,
                                        self->file_readonly_reason) != 0;

  /* Recorded edits are relative to the loaded bytes: they go with them. */
  if (g_strcmp0 (hash, self->loaded_hash) != 0)
    self->generation++;
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;

  g_free (self->loaded_hash);
  self->loaded_hash = g_steal_pointer (&hash);
  g_free (self->etag);
  self->etag = g_steal_pointer (&contents->etag);
  g_clear_object (&self->target);
  if (contents->target != NULL && !g_file_equal (contents->target, self->file))
    self->target = g_steal_pointer (&contents->target);
  g_free (self->file_readonly_reason);
  self->file_readonly_reason = g_steal_pointer (&contents->readonly_reason);

  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  self->document = new_document (self, contents->bytes);
  self->loaded_bytes = g_bytes_ref (contents->bytes);
  self->modified = FALSE;
  self->changed_on_disk = FALSE;
  mh_file_contents_free (contents);

  document_changed_full (self, NULL, data_changed);
  if (!keep_document)
    maybe_drop_document (self);
}

static gboolean
ensure_document (MhArticle  *self,
                 GError    **error)
{
  MhFileContents *contents;

  if (self->document != NULL)
    return TRUE;

  contents = mh_file_load (self->file, NULL, error);
  if (contents == NULL)
    return FALSE;
  adopt_contents (self, contents, TRUE);
  return TRUE;
}

/* Edits undone or reverted on a record that changed on disk meanwhile:
 * nothing of ours is left to keep, so the disk's version is taken now. */
static void
finish_change (MhArticle *self)
{
  if (self->changed_on_disk && !self->modified)
    {
      MhFileContents *contents = mh_file_load (self->file, NULL, NULL);

      if (contents != NULL)
        {
          adopt_contents (self, contents, self->hold_count > 0);
          return;
        }
      self->changed_on_disk = FALSE;
    }
  maybe_drop_document (self);
}

/* GObject */

static void
mh_article_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MhArticle *self = MH_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, mh_article_get_display_name (self));
      break;
    case PROP_READONLY_REASON:
      g_value_set_string (value, self->readonly_reason);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;
    case PROP_HELD:
      g_value_set_boolean (value, self->document != NULL);
      break;
    case PROP_HAS_FRONT_MATTER:
      g_value_set_boolean (value, self->has_front_matter);
      break;
    case PROP_TITLE:
      g_value_set_string (value, mh_article_get_title (self));
      break;
    case PROP_EXCERPT:
      g_value_set_string (value, mh_article_get_excerpt (self));
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, mh_article_get_category (self));
      break;
    case PROP_TYPE:
      g_value_set_string (value, mh_article_get_article_type (self));
      break;
    case PROP_PUBLISHED_DATE_TIME:
      g_value_set_string (value, mh_article_get_published_date_time (self));
      break;
    case PROP_ORIGINAL_URL:
      g_value_set_string (value, mh_article_get_original_url (self));
      break;
    case PROP_WEB_URL:
      g_value_set_string (value, mh_article_get_web_url (self));
      break;
    case PROP_AMP_WEB_URL:
      g_value_set_string (value, mh_article_get_amp_web_url (self));
      break;
    case PROP_CDN_AMP_WEB_URL:
      g_value_set_string (value, mh_article_get_cdn_amp_web_url (self));
      break;
    case PROP_QUALITY:
      g_value_set_int64 (value, self->quality);
      break;
    case PROP_HAS_QUALITY:
      g_value_set_boolean (value, self->has_quality);
      break;
    case PROP_HEAT:
      g_value_set_int64 (value, self->heat);
      break;
    case PROP_HAS_HEAT:
      g_value_set_boolean (value, self->has_heat);
      break;
    case PROP_PUBLISHED:
      g_value_set_boolean (value, self->published);
      break;
    case PROP_HAS_PUBLISHED:
      g_value_set_boolean (value, self->has_published);
      break;
    case PROP_PROVIDER_NAME:
      g_value_set_string (value, mh_article_get_provider_name (self));
      break;
    case PROP_PROVIDER_DOMAIN:
      g_value_set_string (value, mh_article_get_provider_domain (self));
      break;
    case PROP_TOPICS:
      g_value_set_boxed (value, mh_article_get_topics (self));
      break;
    case PROP_IMAGES:
      g_value_set_object (value, mh_article_get_images (self));
      break;
    case PROP_RELATED:
      g_value_set_object (value, mh_article_get_related (self));
      break;
    case PROP_EXTRA_FIELDS:
      g_value_set_object (value, mh_article_get_extra_fields (self));
      break;
    case PROP_SECURED:
      g_value_set_string (value, mh_article_get_secured (self));
      break;
    case PROP_PROBLEMS:
      g_value_set_boxed (value, mh_article_get_problems (self));
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, mh_article_get_n_problems (self));
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_article_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MhArticle *self = MH_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_TITLE:
      mh_article_set_title (self, g_value_get_string (value));
      break;
    case PROP_EXCERPT:
      mh_article_set_excerpt (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      mh_article_set_category (self, g_value_get_string (value));
      break;
    case PROP_TYPE:
      mh_article_set_article_type (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED_DATE_TIME:
      mh_article_set_published_date_time (self, g_value_get_string (value));
      break;
    case PROP_ORIGINAL_URL:
      mh_article_set_original_url (self, g_value_get_string (value));
      break;
    case PROP_WEB_URL:
      mh_article_set_web_url (self, g_value_get_string (value));
      break;
    case PROP_AMP_WEB_URL:
      mh_article_set_amp_web_url (self, g_value_get_string (value));
      break;
    case PROP_CDN_AMP_WEB_URL:
      mh_article_set_cdn_amp_web_url (self, g_value_get_string (value));
      break;
    case PROP_QUALITY:
      mh_article_set_quality (self, g_value_get_int64 (value));
      break;
    case PROP_HEAT:
      mh_article_set_heat (self, g_value_get_int64 (value));
      break;
    case PROP_PUBLISHED:
      mh_article_set_published (self, g_value_get_boolean (value));
      break;
    case PROP_PROVIDER_NAME:
      mh_article_set_provider_name (self, g_value_get_string (value));
      break;
    case PROP_PROVIDER_DOMAIN:
      mh_article_set_provider_domain (self, g_value_get_string (value));
      break;
    case PROP_TOPICS:
      mh_article_set_topics (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_article_dispose (GObject *object)
{
  MhArticle *self = MH_ARTICLE (object);

  g_clear_object (&self->images);
  g_clear_object (&self->related);
  g_clear_object (&self->extra_fields);

  G_OBJECT_CLASS (mh_article_parent_class)->dispose (object);
}

static void
mh_article_finalize (GObject *object)
{
  MhArticle *self = MH_ARTICLE (object);

  summary_clear (self);
  g_clear_object (&self->file);
  g_clear_object (&self->target);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  g_clear_pointer (&self->loaded_hash, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->file_readonly_reason, g_free);
  g_clear_pointer (&self->edits, g_ptr_array_unref);

  G_OBJECT_CLASS (mh_article_parent_class)->finalize (object);
}

#define STRING_PROP(id, name, nick) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY \
                                        | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mh_article_class_init (MhArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mh_article_get_property;
  object_class->set_property = mh_article_set_property;
  object_class->dispose = mh_article_dispose;
  object_class->finalize = mh_article_finalize;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_READONLY_REASON] =
    g_param_spec_string ("readonly-reason", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_HELD] = g_param_spec_boolean ("held", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_HAS_FRONT_MATTER] =
    g_param_spec_boolean ("has-front-matter", NULL, NULL, FALSE, RO_FLAGS);
  STRING_PROP (PROP_TITLE, "title", NULL);
  STRING_PROP (PROP_EXCERPT, "excerpt", NULL);
  STRING_PROP (PROP_CATEGORY, "category", NULL);
  STRING_PROP (PROP_TYPE, "type", NULL);
  STRING_PROP (PROP_PUBLISHED_DATE_TIME, "published-date-time", NULL);
  STRING_PROP (PROP_ORIGINAL_URL, "original-url", NULL);
  STRING_PROP (PROP_WEB_URL, "web-url", NULL);
  STRING_PROP (PROP_AMP_WEB_URL, "amp-web-url", NULL);
  STRING_PROP (PROP_CDN_AMP_WEB_URL, "cdn-amp-web-url", NULL);
  properties[PROP_QUALITY] =
    g_param_spec_int64 ("quality", NULL, NULL, G_MININT64, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_HAS_QUALITY] = g_param_spec_boolean ("has-quality", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_HEAT] =
    g_param_spec_int64 ("heat", NULL, NULL, G_MININT64, G_MAXINT64, -1, RW_FLAGS);
  properties[PROP_HAS_HEAT] = g_param_spec_boolean ("has-heat", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_PUBLISHED] = g_param_spec_boolean ("published", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_HAS_PUBLISHED] =
    g_param_spec_boolean ("has-published", NULL, NULL, FALSE, RO_FLAGS);
  STRING_PROP (PROP_PROVIDER_NAME, "provider-name", NULL);
  STRING_PROP (PROP_PROVIDER_DOMAIN, "provider-domain", NULL);
  properties[PROP_TOPICS] = g_param_spec_boxed ("topics", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_IMAGES] =
    g_param_spec_object ("images", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_RELATED] =
    g_param_spec_object ("related", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_EXTRA_FIELDS] =
    g_param_spec_object ("extra-fields", NULL, NULL, G_TYPE_LIST_MODEL, RO_FLAGS);
  properties[PROP_SECURED] = g_param_spec_string ("secured", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_PTR_ARRAY, RO_FLAGS);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MhArticle::edit-failed:
   * @error: why a property setter could not edit the document
   */
  signals[EDIT_FAILED] =
    g_signal_new ("edit-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mh_article_init (MhArticle *self)
{
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  self->heat = -1;
  self->date_key = G_MININT64;
}

/* Construction */

MhArticle *
_mh_article_new_loaded (GFile          *file,
                        const char     *display_name,
                        MhFileContents *contents,
                        const GError   *read_error)
{
  MhArticle *self = g_object_new (MH_TYPE_ARTICLE, "file", file, NULL);
  g_autoptr(MhDocument) document = NULL;

  set_display_name (self, g_strdup (display_name));

  if (contents == NULL)
    {
      self->file_readonly_reason = g_strdup (read_error != NULL ? read_error->message
                                                                : _("The file could not be read"));
      summary_update (self, NULL);
      return self;
    }

  self->loaded_hash = _mh_bytes_hash (contents->bytes);
  self->etag = g_steal_pointer (&contents->etag);
  /* Only a symlink's target differs from the file: 100,000 copies add up. */
  if (contents->target != NULL && !g_file_equal (contents->target, file))
    self->target = g_steal_pointer (&contents->target);
  self->file_readonly_reason = g_steal_pointer (&contents->readonly_reason);
  document = new_document (self, contents->bytes);
  summary_update (self, document);
  mh_file_contents_free (contents);
  return self;
}

void
_mh_article_attach (MhArticle    *self,
                    MhCollection *collection,
                    MhHistory    *history)
{
  self->collection = collection;
  self->history = history;
}

/**
 * mh_article_new_for_file:
 * @file: a record
 *
 * Returns: (transfer full): an article holding its document, or %NULL
 */
MhArticle *
mh_article_new_for_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  MhFileContents *contents;
  MhArticle *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = mh_file_load (file, cancellable, error);
  if (contents == NULL)
    return NULL;

  self = g_object_new (MH_TYPE_ARTICLE, "file", file, NULL);
  set_display_name (self, g_file_get_basename (file));
  adopt_contents (self, contents, TRUE);
  self->hold_count = 1;
  return self;
}

/* State */

GFile *
mh_article_get_file (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return self->file;
}

const char *
mh_article_get_display_name (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  if (self->display_name == NULL)
    set_display_name (self, g_file_get_basename (self->file));
  return self->display_name;
}

const char *
mh_article_get_readonly_reason (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return self->readonly_reason;
}

guint
mh_article_get_readonly_line (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), 0);
  return self->readonly_line;
}

const char *
mh_article_get_path_readonly_reason (MhArticle  *self,
                                     const char *path)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->document == NULL)
    return self->readonly_reason;
  return mh_document_get_path_readonly_reason (self->document, path, NULL);
}

gboolean
mh_article_get_modified (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->modified;
}

gboolean
mh_article_get_changed_on_disk (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->changed_on_disk;
}

gboolean
mh_article_get_has_front_matter (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->has_front_matter;
}

gboolean
mh_article_hold (MhArticle  *self,
                 GError    **error)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);

  if (!ensure_document (self, error))
    return FALSE;
  self->hold_count++;
  return TRUE;
}

void
mh_article_release (MhArticle *self)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (self->hold_count > 0);

  self->hold_count--;
  maybe_drop_document (self);
}

gboolean
mh_article_is_held (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->document != NULL;
}

MhDocument *
mh_article_get_document (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return self->document;
}

GBytes *
mh_article_get_bytes (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return self->document != NULL ? mh_document_get_bytes (self->document) : NULL;
}

GBytes *
mh_article_get_loaded_bytes (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return self->loaded_bytes;
}

const char *
mh_article_get_body (MhArticle *self,
                     gsize     *len)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);

  if (self->document == NULL)
    {
      if (len != NULL)
        *len = 0;
      return NULL;
    }
  return mh_document_get_body (self->document, len);
}

GPtrArray *
mh_article_get_edits (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return self->edits;
}

const char *
mh_article_get_value (MhArticle  *self,
                      const char *path)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  return doc_string (self->document, path);
}

gboolean
_mh_article_lookup_int (MhArticle  *self,
                        const char *path,
                        gint64     *value)
{
  return doc_int (self->document, path, value);
}

gboolean
_mh_article_lookup_bool (MhArticle  *self,
                         const char *path,
                         gboolean   *value)
{
  return doc_bool (self->document, path, value);
}

/* Edits */

gboolean
mh_article_apply (MhArticle     *self,
                  const MhEdit  *edit,
                  GError       **error)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) edits_before = NULL;
  GBytes *after;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (!ensure_document (self, error))
    return FALSE;

  before = g_bytes_ref (mh_document_get_bytes (self->document));
  if (!mh_document_apply (self->document, edit, error))
    {
      maybe_drop_document (self);
      return FALSE;
    }
  after = mh_document_get_bytes (self->document);
  if (g_bytes_equal (before, after))
    {
      maybe_drop_document (self);
      return TRUE;
    }

  edits_before = self->history != NULL ? _mh_edits_copy (self->edits) : NULL;
  g_ptr_array_add (self->edits, mh_edit_copy (edit));
  self->modified = !g_bytes_equal (after, self->loaded_bytes);
  if (self->history != NULL)
    _mh_history_record (self->history, self, edit->path, before, after,
                        g_steal_pointer (&edits_before));

  document_changed (self, edit->path);
  finish_change (self);
  return TRUE;
}

void
_mh_article_restore (MhArticle *self,
                     GBytes    *bytes,
                     guint      generation,
                     GPtrArray *edits)
{
  g_autoptr(GError) error = NULL;

  if (!ensure_document (self, &error))
    {
      /* The file went away or became unreadable: restore onto what we
       * last knew, so undo still works in memory. */
      g_debug ("Restoring %s without its file: %s",
               mh_article_get_display_name (self), error->message);
      if (self->loaded_bytes == NULL)
        self->loaded_bytes = g_bytes_new (NULL, 0);
    }

  g_clear_pointer (&self->document, mh_document_unref);
  self->document = new_document (self, bytes);
  self->modified = !g_bytes_equal (bytes, self->loaded_bytes);

  g_ptr_array_unref (self->edits);
  if (!self->modified)
    {
      self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
      self->edits_unknown = FALSE;
    }
  else if (generation == self->generation)
    {
      self->edits = _mh_edits_copy (edits);
    }
  else
    {
      self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
      self->edits_unknown = TRUE;
    }

  document_changed (self, NULL);
  finish_change (self);
}

static void
emit_failed (MhArticle    *self,
             const GError *error)
{
  g_debug ("Edit of %s failed: %s", mh_article_get_display_name (self), error->message);
  g_signal_emit (self, signals[EDIT_FAILED], 0, error);
}

static gboolean
check_text (const MhField  *field,
            const char     *path,
            const char     *text,
            GError        **error)
{
  gint64 number;
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  switch (field->type)
    {
    case MH_FIELD_INT:
      if (!mh_field_parse_int (text, &number))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an integer"), text);
          return FALSE;
        }
      return TRUE;
    case MH_FIELD_BOOL:
      if (g_strcmp0 (text, "true") != 0 && g_strcmp0 (text, "false") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not true or false"), text);
          return FALSE;
        }
      return TRUE;
    case MH_FIELD_DATETIME:
      utc = g_time_zone_new_utc ();
      date_time = g_date_time_new_from_iso8601 (text, utc);
      if (date_time == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an ISO 8601 date-time"), text);
          return FALSE;
        }
      return TRUE;
    case MH_FIELD_OPAQUE:
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY,
                   _("“%s” is never edited"), path);
      return FALSE;
    case MH_FIELD_STRING_LIST:
    case MH_FIELD_MAPPING:
    case MH_FIELD_MAPPING_LIST:
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_SCALAR,
                   _("“%s” is not a single value"), path);
      return FALSE;
    case MH_FIELD_STRING:
    case MH_FIELD_TEXT:
    case MH_FIELD_URL:
    case MH_FIELD_HOSTNAME:
    default:
      return TRUE;
    }
}

gboolean
mh_article_set_value (MhArticle   *self,
                      const char  *path,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(MhPath) parsed = NULL;
  g_autofree char *schema_path = NULL;
  g_autoptr(MhEdit) edit = NULL;
  const MhField *field;
  MhScalarType type = MH_SCALAR_STRING;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (text == NULL)
    return mh_article_remove (self, path, error);

  parsed = mh_path_parse (path, error);
  if (parsed == NULL)
    return FALSE;
  schema_path = mh_path_to_schema (parsed);
  field = mh_schema_lookup (schema_path);

  if (field != NULL)
    {
      if (!check_text (field, path, text, error))
        return FALSE;
      type = mh_field_scalar_type (field);
    }
  else
    {
      MhNode *node;

      if (!ensure_document (self, error))
        return FALSE;
      /* Outside the schema a value keeps its YAML type when it can. */
      node = doc_lookup (self->document, path);
      if (node != NULL && node->kind == MH_NODE_SCALAR && node->type != MH_SCALAR_STRING
          && mh_resolve_plain_scalar (text, strlen (text)) == node->type)
        type = node->type;
    }

  edit = mh_edit_new (MH_EDIT_SET, path, mh_node_new_scalar (text, type));
  return mh_article_apply (self, edit, error);
}

gboolean
mh_article_remove (MhArticle   *self,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(MhEdit) edit = NULL;

  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  edit = mh_edit_new (MH_EDIT_DELETE, path, NULL);
  return mh_article_apply (self, edit, error);
}

void
_mh_article_set_text (MhArticle  *self,
                      const char *path,
                      const char *text)
{
  g_autoptr(GError) error = NULL;

  if (mh_article_set_value (self, path, text, &error))
    return;
  /* Clearing a key that is not there is already done. */
  if (text == NULL && g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_NOT_FOUND))
    return;
  emit_failed (self, error);
}

void
_mh_article_set_int (MhArticle  *self,
                     const char *path,
                     gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  _mh_article_set_text (self, path, text);
}

void
_mh_article_set_bool (MhArticle  *self,
                      const char *path,
                      gboolean    value)
{
  _mh_article_set_text (self, path, value ? "true" : "false");
}

void
_mh_article_append_node (MhArticle  *self,
                         const char *list_path,
                         MhNode     *item)
{
  g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_APPEND, list_path, item);
  g_autoptr(GError) error = NULL;

  if (!mh_article_apply (self, edit, &error))
    emit_failed (self, error);
}

void
mh_article_revert (MhArticle *self)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) edits_before = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));

  if (!self->modified || self->document == NULL)
    return;

  before = g_bytes_ref (mh_document_get_bytes (self->document));
  edits_before = _mh_edits_copy (self->edits);
  g_clear_pointer (&self->document, mh_document_unref);
  self->document = new_document (self, self->loaded_bytes);
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;
  self->modified = FALSE;

  if (self->history != NULL)
    {
      mh_history_begin_step (self->history, _("Revert"));
      _mh_history_record (self->history, self, NULL, before, self->loaded_bytes,
                          g_steal_pointer (&edits_before));
      mh_history_end_step (self->history);
    }

  document_changed (self, NULL);
  finish_change (self);
}

/* Fields */

#define STRING_FIELD(name, key) \
  const char * \
  mh_article_get_##name (MhArticle *self) \
  { \
    g_return_val_if_fail (MH_IS_ARTICLE (self), NULL); \
    return doc_string (self->document, key); \
  } \
  void \
  mh_article_set_##name (MhArticle  *self, \
                         const char *value) \
  { \
    g_return_if_fail (MH_IS_ARTICLE (self)); \
    _mh_article_set_text (self, key, value); \
  }

#define SUMMARY_FIELD(name, key, member) \
  const char * \
  mh_article_get_##name (MhArticle *self) \
  { \
    g_return_val_if_fail (MH_IS_ARTICLE (self), NULL); \
    return self->member; \
  } \
  void \
  mh_article_set_##name (MhArticle  *self, \
                         const char *value) \
  { \
    g_return_if_fail (MH_IS_ARTICLE (self)); \
    _mh_article_set_text (self, key, value); \
  }

SUMMARY_FIELD (title, "title", title)
SUMMARY_FIELD (category, "category", category)
SUMMARY_FIELD (article_type, "type", type)
SUMMARY_FIELD (published_date_time, "publishedDateTime", date)
SUMMARY_FIELD (provider_name, "provider.name", provider_name)
STRING_FIELD (excerpt, "excerpt")
STRING_FIELD (original_url, "originalUrl")
STRING_FIELD (web_url, "webUrl")
STRING_FIELD (amp_web_url, "ampWebUrl")
STRING_FIELD (cdn_amp_web_url, "cdnAmpWebUrl")
STRING_FIELD (provider_domain, "provider.domain")

GDateTime *
mh_article_dup_date_time (MhArticle *self)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);

  if (self->date == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (self->date, utc);
}

gint64
mh_article_get_quality (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), 0);
  return self->quality;
}

gboolean
mh_article_get_has_quality (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->has_quality;
}

void
mh_article_set_quality (MhArticle *self,
                        gint64     quality)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  _mh_article_set_int (self, "quality", quality);
}

gint64
mh_article_get_heat (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), -1);
  return self->heat;
}

gboolean
mh_article_get_has_heat (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->has_heat;
}

void
mh_article_set_heat (MhArticle *self,
                     gint64     heat)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  _mh_article_set_int (self, "heat", heat);
}

gboolean
mh_article_get_published (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->published;
}

gboolean
mh_article_get_has_published (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  return self->has_published;
}

void
mh_article_set_published (MhArticle *self,
                          gboolean   published)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  _mh_article_set_bool (self, "published", published);
}

const char * const *
mh_article_get_topics (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), no_topics);
  return self->topics != NULL ? (const char * const *) self->topics : no_topics;
}

gboolean
mh_article_has_topic (MhArticle  *self,
                      const char *topic)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);
  return self->topics != NULL && g_strv_contains ((const char * const *) self->topics, topic);
}

void
mh_article_add_topic (MhArticle  *self,
                      const char *topic)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (topic != NULL);

  if (mh_article_has_topic (self, topic))
    return;
  _mh_article_append_node (self, "topics", mh_node_new_scalar (topic, MH_SCALAR_STRING));
}

/* Deletes, last first so the indices stay valid, every item of the list at
 * @list_path whose scalar value is @value. */
static void
remove_list_values (MhArticle  *self,
                    const char *list_path,
                    const char *value)
{
  g_autoptr(GError) error = NULL;
  MhNode *list;

  if (!ensure_document (self, &error))
    {
      emit_failed (self, error);
      return;
    }

  list = doc_lookup (self->document, list_path);
  if (list == NULL || list->kind != MH_NODE_SEQUENCE)
    {
      maybe_drop_document (self);
      return;
    }

  for (guint i = mh_node_get_n_items (list); i > 0; i--)
    {
      MhNode *item;

      /* Each edit re-parses the document: look the list up again. */
      list = doc_lookup (self->document, list_path);
      if (list == NULL || list->kind != MH_NODE_SEQUENCE || i > mh_node_get_n_items (list))
        break;
      item = mh_node_get_item (list, i - 1);
      if (item != NULL && item->kind == MH_NODE_SCALAR && g_strcmp0 (item->value, value) == 0)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", list_path, i - 1);
          g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_DELETE, path, NULL);

          if (!mh_article_apply (self, edit, &error))
            {
              emit_failed (self, error);
              break;
            }
        }
    }
  maybe_drop_document (self);
}

void
mh_article_remove_topic (MhArticle  *self,
                         const char *topic)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (topic != NULL);

  if (!mh_article_has_topic (self, topic))
    return;

  if (self->history != NULL)
    mh_history_begin_step (self->history, _("Remove topic"));
  remove_list_values (self, "topics", topic);
  if (self->history != NULL)
    mh_history_end_step (self->history);
}

void
mh_article_set_topics (MhArticle          *self,
                       const char * const *topics)
{
  g_auto(GStrv) old = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));

  if (topics == NULL)
    topics = no_topics;
  old = g_strdupv (self->topics);

  if (self->history != NULL)
    mh_history_begin_step (self->history, _("Set topics"));
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (!g_strv_contains (topics, old[i]))
      remove_list_values (self, "topics", old[i]);
  for (guint i = 0; topics[i] != NULL; i++)
    mh_article_add_topic (self, topics[i]);
  if (self->history != NULL)
    mh_history_end_step (self->history);
}

GListModel *
mh_article_get_images (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);

  if (self->images == NULL)
    {
      self->images = g_list_store_new (MH_TYPE_IMAGE);
      _mh_article_sync_images (self, self->images, "images");
    }
  return G_LIST_MODEL (self->images);
}

GListModel *
mh_article_get_related (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);

  if (self->related == NULL)
    {
      self->related = g_list_store_new (MH_TYPE_RELATED);
      sync_related (self);
    }
  return G_LIST_MODEL (self->related);
}

GListModel *
mh_article_get_extra_fields (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);

  if (self->extra_fields == NULL)
    {
      self->extra_fields = g_list_store_new (MH_TYPE_EXTRA_FIELD);
      sync_extra_fields (self);
    }
  return G_LIST_MODEL (self->extra_fields);
}

static MhNode *
new_image_node (const char *url,
                gint64      width,
                gint64      height,
                gboolean    is_cached)
{
  MhNode *image = mh_node_new_mapping ();
  g_autofree char *w = g_strdup_printf ("%" G_GINT64_FORMAT, width);
  g_autofree char *h = g_strdup_printf ("%" G_GINT64_FORMAT, height);

  mh_node_mapping_append (image, "url", mh_node_new_scalar (url != NULL ? url : "",
                                                            MH_SCALAR_STRING));
  if (width >= 0)
    mh_node_mapping_append (image, "width", mh_node_new_scalar (w, MH_SCALAR_INT));
  if (height >= 0)
    mh_node_mapping_append (image, "height", mh_node_new_scalar (h, MH_SCALAR_INT));
  mh_node_mapping_append (image, "isCached",
                          mh_node_new_scalar (is_cached ? "true" : "false", MH_SCALAR_BOOL));
  return image;
}

void
mh_article_add_image (MhArticle  *self,
                      const char *url,
                      gint64      width,
                      gint64      height,
                      gboolean    is_cached)
{
  g_return_if_fail (MH_IS_ARTICLE (self));
  _mh_article_append_node (self, "images", new_image_node (url, width, height, is_cached));
}

void
mh_related_add_image (MhRelated  *related,
                      const char *url,
                      gint64      width,
                      gint64      height,
                      gboolean    is_cached)
{
  MhArticle *article;
  g_autofree char *path = NULL;

  g_return_if_fail (MH_IS_RELATED (related));

  article = mh_related_get_article (related);
  if (article == NULL)
    return;
  path = g_strdup_printf ("%s.images", mh_related_get_path (related));
  _mh_article_append_node (article, path, new_image_node (url, width, height, is_cached));
}

void
mh_article_add_related (MhArticle  *self,
                        const char *title,
                        const char *web_url)
{
  MhNode *related = mh_node_new_mapping ();

  g_return_if_fail (MH_IS_ARTICLE (self));

  if (title != NULL || web_url == NULL)
    mh_node_mapping_append (related, "title",
                            mh_node_new_scalar (title != NULL ? title : "", MH_SCALAR_STRING));
  if (web_url != NULL)
    mh_node_mapping_append (related, "webUrl", mh_node_new_scalar (web_url, MH_SCALAR_STRING));
  _mh_article_append_node (self, "related", related);
}

void
mh_article_remove_item (MhArticle  *self,
                        const char *list_path,
                        guint       index)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (list_path != NULL);

  path = g_strdup_printf ("%s[%u]", list_path, index);
  if (!mh_article_remove (self, path, &error))
    emit_failed (self, error);
}

void
mh_article_move_item (MhArticle  *self,
                      const char *list_path,
                      guint       from,
                      guint       to)
{
  g_autoptr(MhEdit) edit = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MH_IS_ARTICLE (self));
  g_return_if_fail (list_path != NULL);

  edit = mh_edit_new_move (list_path, from, to);
  if (!mh_article_apply (self, edit, &error))
    emit_failed (self, error);
}

const char *
mh_article_get_secured (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return doc_string (self->document, "secured");
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

/* Files: saving and changes on disk */

/* The file is @contents now. */
gboolean
_mh_article_disk_changed (MhArticle      *self,
                          MhFileContents *contents)
{
  g_autofree char *hash = _mh_bytes_hash (contents->bytes);

  if (g_strcmp0 (hash, self->loaded_hash) == 0
      && g_strcmp0 (contents->readonly_reason, self->file_readonly_reason) == 0)
    {
      /* Our own save, or a touch: keep the etag current. */
      g_free (self->etag);
      self->etag = g_steal_pointer (&contents->etag);
      mh_file_contents_free (contents);
      return FALSE;
    }

  if (self->modified)
    {
      mh_file_contents_free (contents);
      if (self->changed_on_disk)
        return FALSE;
      self->changed_on_disk = TRUE;
      document_changed (self, NULL);
      return TRUE;
    }

  adopt_contents (self, contents, self->hold_count > 0);
  return TRUE;
}

static MhFileContents *
contents_for_save (MhArticle *self,
                   GBytes    *bytes,
                   const char *etag)
{
  MhFileContents *contents = g_new0 (MhFileContents, 1);

  contents->bytes = g_bytes_ref (bytes);
  contents->etag = g_strdup (etag);
  contents->target = self->target != NULL ? g_object_ref (self->target)
                                          : g_object_ref (self->file);
  contents->readonly_reason = g_strdup (self->file_readonly_reason);
  return contents;
}

/* After a successful write of @bytes with @etag. */
static void
saved (MhArticle  *self,
       GBytes     *bytes,
       const char *etag)
{
  g_autoptr(GBytes) kept = g_bytes_ref (bytes);

  g_clear_pointer (&self->loaded_bytes, g_bytes_unref);
  self->loaded_bytes = g_steal_pointer (&kept);
  g_free (self->loaded_hash);
  self->loaded_hash = _mh_bytes_hash (bytes);
  g_free (self->etag);
  self->etag = g_strdup (etag);
  if (self->document == NULL || !g_bytes_equal (mh_document_get_bytes (self->document), bytes))
    {
      g_clear_pointer (&self->document, mh_document_unref);
      self->document = new_document (self, bytes);
    }
  g_ptr_array_set_size (self->edits, 0);
  self->edits_unknown = FALSE;
  self->generation++;
  self->modified = FALSE;
  self->changed_on_disk = FALSE;
  document_changed (self, NULL);
  maybe_drop_document (self);
}

/* The path whose value on disk must not have changed for @edit to replay:
 * edits inside a list compare the whole list, since indices may shift. */
static char *
conflict_path (const char *path)
{
  return g_strndup (path, strcspn (path, "["));
}

static GBytes *
replay_edits (MhArticle  *self,
              GBytes     *disk,
              GError    **error)
{
  g_autoptr(MhDocument) old = NULL;
  g_autoptr(MhDocument) theirs = NULL;
  g_autoptr(MhDocument) mine = NULL;

  if (self->edits_unknown || self->edits->len == 0 || self->loaded_bytes == NULL)
    {
      g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                   _("“%s” changed on disk, and the edits cannot be replayed onto it"),
                   mh_article_get_display_name (self));
      return NULL;
    }

  old = mh_document_new (self->loaded_bytes);
  theirs = mh_document_new (disk);
  mine = new_document (self, disk);

  for (guint i = 0; i < self->edits->len; i++)
    {
      const MhEdit *edit = g_ptr_array_index (self->edits, i);
      g_autofree char *path = conflict_path (edit->path);
      MhNode *a = mh_document_lookup (old, path, NULL);
      MhNode *b = mh_document_lookup (theirs, path, NULL);
      g_autoptr(GError) local_error = NULL;

      if ((a == NULL) != (b == NULL) || (a != NULL && !mh_node_equal (a, b)))
        {
          g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                       _("“%s” changed on disk in “%s”, which you edited"),
                       mh_article_get_display_name (self), path);
          return NULL;
        }
      if (!mh_document_apply (mine, edit, &local_error))
        {
          g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT,
                       _("“%s” changed on disk, and an edit of “%s” no longer applies: %s"),
                       mh_article_get_display_name (self), edit->path, local_error->message);
          return NULL;
        }
    }

  return g_bytes_ref (mh_document_get_bytes (mine));
}

gboolean
_mh_article_save (MhArticle      *self,
                  MhSaveOutcome  *outcome,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(MhFileContents) disk = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *mine;
  const char *reason;
  gboolean written = FALSE;

  *outcome = MH_SAVE_UNCHANGED;
  if (!self->modified || self->document == NULL)
    return TRUE;

  reason = mh_document_get_readonly_reason (self->document, NULL);
  if (reason != NULL)
    {
      g_set_error (error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_READ_ONLY,
                   _("“%s” is read-only: %s"), mh_article_get_display_name (self), reason);
      return FALSE;
    }

  mine = mh_document_get_bytes (self->document);
  contents = contents_for_save (self, self->loaded_bytes, self->etag);
  if (mh_file_save (contents, mine, &written, cancellable, &local_error))
    {
      *outcome = written ? MH_SAVE_WRITTEN : MH_SAVE_UNCHANGED;
      saved (self, mine, contents->etag);
      return TRUE;
    }
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  /* Someone else wrote the file since we read it. */
  disk = mh_file_load (self->file, cancellable, error);
  if (disk == NULL)
    return FALSE;

  if (g_bytes_equal (disk->bytes, self->loaded_bytes))
    {
      /* Same bytes, new etag (a touch, a copy back): just retry. */
      if (!mh_file_save (disk, mine, &written, cancellable, error))
        return FALSE;
      *outcome = written ? MH_SAVE_WRITTEN : MH_SAVE_UNCHANGED;
      saved (self, mine, disk->etag);
      return TRUE;
    }

  merged = replay_edits (self, disk->bytes, error);
  if (merged == NULL)
    {
      if (!self->changed_on_disk)
        {
          self->changed_on_disk = TRUE;
          document_changed (self, NULL);
        }
      return FALSE;
    }

  if (!mh_file_save (disk, merged, &written, cancellable, error))
    return FALSE;
  *outcome = MH_SAVE_MERGED;
  saved (self, merged, disk->etag);
  return TRUE;
}

gboolean
_mh_article_resolve_conflict (MhArticle         *self,
                              MhConflictChoice   choice,
                              GFile             *save_as,
                              GError           **error)
{
  g_autoptr(MhFileContents) disk = NULL;
  g_autoptr(GBytes) mine = NULL;
  gboolean written;

  if (self->document == NULL)
    return TRUE;
  mine = g_bytes_ref (mh_document_get_bytes (self->document));

  switch (choice)
    {
    case MH_CONFLICT_KEEP_MINE:
      disk = mh_file_load (self->file, NULL, error);
      if (disk == NULL)
        return FALSE;
      if (!mh_file_save (disk, mine, &written, NULL, error))
        return FALSE;
      saved (self, mine, disk->etag);
      return TRUE;

    case MH_CONFLICT_SAVE_AS:
      g_return_val_if_fail (G_IS_FILE (save_as), FALSE);
      if (!g_file_replace_contents (save_as, g_bytes_get_data (mine, NULL),
                                    g_bytes_get_size (mine), NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, error))
        return FALSE;
      G_GNUC_FALLTHROUGH;

    case MH_CONFLICT_RELOAD:
    default:
      disk = mh_file_load (self->file, NULL, error);
      if (disk == NULL)
        return FALSE;
      /* Make sure the reload is taken even if the bytes match the load. */
      self->modified = FALSE;
      self->changed_on_disk = FALSE;
      adopt_contents (self, g_steal_pointer (&disk), self->hold_count > 0);
      return TRUE;
    }
}
