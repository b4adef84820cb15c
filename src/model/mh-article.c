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
  PROP_SECURED,
  PROP_PROBLEMS,
  PROP_N_PROBLEMS,
  PROP_N_ERRORS,
  N_PROPS
};

enum {
  EDIT_FAILED,
  DOCUMENT_CHANGED,
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

/* The first key of a path: `related[0].title` -> `related`. */
static char *
path_top_key (const char *path)
{
  return g_strndup (path, strcspn (path, ".["));
}

void
_mh_article_document_changed (MhArticle  *self,
                              const char *path,
                              gboolean    data_changed)
{
  g_autofree char *key = path != NULL ? path_top_key (path) : NULL;

  if (self->document != NULL)
    {
      _mh_article_summary_update (self, self->document);
      if (self->observer != NULL && self->observer->search_text_changed != NULL)
        self->observer->search_text_changed (self, self->observer_data);
    }

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < G_N_ELEMENTS (key_props); i++)
    if (key == NULL || strcmp (key, key_props[i].key) == 0)
      {
        for (guint j = 0; j < G_N_ELEMENTS (key_props[i].props); j++)
          if (key_props[i].props[j] != PROP_0)
            g_object_notify_by_pspec (G_OBJECT (self), properties[key_props[i].props[j]]);
      }

  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, key);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READONLY_REASON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_FRONT_MATTER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);

  g_object_thaw_notify (G_OBJECT (self));

  if (data_changed && self->observer != NULL && self->observer->changed != NULL)
    self->observer->changed (self, self->observer_data);
}

void
_mh_article_document_dropped (MhArticle *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCERPT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_mh_article_emit_failed (MhArticle    *self,
                         const GError *error)
{
  g_debug ("Edit of %s failed: %s", mh_article_get_display_name (self), error->message);
  g_signal_emit (self, signals[EDIT_FAILED], 0, error);
}

void
mh_article_set_observer (MhArticle               *self,
                         const MhArticleObserver *observer,
                         gpointer                 user_data)
{
  g_return_if_fail (MH_IS_ARTICLE (self));

  self->observer = observer;
  self->observer_data = observer != NULL ? user_data : NULL;
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
mh_article_finalize (GObject *object)
{
  MhArticle *self = MH_ARTICLE (object);

  _mh_article_summary_clear (self);
  g_clear_pointer (&self->action_before, g_bytes_unref);
  g_clear_pointer (&self->action_path, g_free);
  g_clear_object (&self->file);
  g_clear_object (&self->target);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->document, mh_document_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
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

  /**
   * MhArticle::document-changed:
   * @key: (nullable): the top-level key that changed, NULL for any
   */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
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

  _mh_article_set_display_name (self, g_strdup (display_name));

  if (contents == NULL)
    {
      self->file_readonly_reason = g_strdup (read_error != NULL ? read_error->message
                                                                : _("The file could not be read"));
      _mh_article_summary_update (self, NULL);
      return self;
    }

  self->loaded_hash = _mh_bytes_hash (contents->bytes);
  self->etag = g_steal_pointer (&contents->etag);
  /* Only a symlink's target differs from the file: 100,000 copies add up. */
  if (contents->target != NULL && !g_file_equal (contents->target, file))
    self->target = g_steal_pointer (&contents->target);
  self->file_readonly_reason = g_steal_pointer (&contents->readonly_reason);
  document = _mh_article_new_document (self, contents->bytes);
  _mh_article_summary_update (self, document);
  mh_file_contents_free (contents);
  return self;
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
  _mh_article_set_display_name (self, g_file_get_basename (file));
  _mh_article_adopt_contents (self, contents, TRUE);
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
    _mh_article_set_display_name (self, g_file_get_basename (self->file));
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

  if (!_mh_article_ensure_document (self, error))
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
  _mh_article_maybe_drop_document (self);
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
  return _mh_article_current_bytes (self);
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
  return _mh_doc_string (self->document, path);
}

gboolean
mh_article_get_int (MhArticle  *self,
                    const char *path,
                    gint64     *value)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (path != NULL && value != NULL, FALSE);
  return _mh_doc_int (self->document, path, value);
}

gboolean
mh_article_get_bool (MhArticle  *self,
                     const char *path,
                     gboolean   *value)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (path != NULL && value != NULL, FALSE);
  return _mh_doc_bool (self->document, path, value);
}

guint
mh_article_get_generation (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), 0);
  return self->generation;
}

/* Fields */

#define STRING_FIELD(name, key) \
  const char * \
  mh_article_get_##name (MhArticle *self) \
  { \
    g_return_val_if_fail (MH_IS_ARTICLE (self), NULL); \
    return _mh_doc_string (self->document, key); \
  } \
  void \
  mh_article_set_##name (MhArticle  *self, \
                         const char *value) \
  { \
    g_return_if_fail (MH_IS_ARTICLE (self)); \
    mh_article_set_text (self, key, value); \
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
    mh_article_set_text (self, key, value); \
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
  mh_article_set_int (self, "quality", quality);
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
  mh_article_set_int (self, "heat", heat);
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
  mh_article_set_bool (self, "published", published);
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
  mh_article_append_node (self, "topics", mh_node_new_scalar (topic, MH_SCALAR_STRING));
}

const char *
mh_article_get_secured (MhArticle *self)
{
  g_return_val_if_fail (MH_IS_ARTICLE (self), NULL);
  return _mh_doc_string (self->document, "secured");
}

