/* mh-related.c: one entry of an article's `related` list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-article-private.h"
#include "mh-related.h"

struct _MhRelated
{
  GObject     parent_instance;

  GWeakRef    article;
  GListStore *images;   /* created on demand */
  char       *path;
  guint       index;
};

G_DEFINE_FINAL_TYPE (MhRelated, mh_related, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_INDEX,
  PROP_IMAGES,
  PROP_TITLE,
  PROP_EXCERPT,
  PROP_PUBLISHED_DATE_TIME,
  PROP_ORIGINAL_URL,
  PROP_WEB_URL,
  PROP_AMP_WEB_URL,
  PROP_CDN_AMP_WEB_URL,
  PROP_TYPE,
  PROP_PROVIDER_NAME,
  PROP_PROVIDER_DOMAIN,
  PROP_QUALITY,
  PROP_HAS_QUALITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string properties, in enum order from PROP_TITLE. */
static const struct
{
  const char *name;
  const char *key;
} string_props[] = {
  { "title", "title" },
  { "excerpt", "excerpt" },
  { "published-date-time", "publishedDateTime" },
  { "original-url", "originalUrl" },
  { "web-url", "webUrl" },
  { "amp-web-url", "ampWebUrl" },
  { "cdn-amp-web-url", "cdnAmpWebUrl" },
  { "type", "type" },
  { "provider-name", "provider.name" },
  { "provider-domain", "provider.domain" },
};

MhRelated *
_mh_related_new (MhArticle *article,
                 guint      index)
{
  MhRelated *self = g_object_new (MH_TYPE_RELATED, NULL);

  g_weak_ref_set (&self->article, article);
  self->index = index;
  self->path = g_strdup_printf ("related[%u]", index);
  return self;
}

MhArticle *
mh_related_get_article (MhRelated *self)
{
  MhArticle *article;

  g_return_val_if_fail (MH_IS_RELATED (self), NULL);

  article = g_weak_ref_get (&self->article);
  if (article != NULL)
    g_object_unref (article);
  return article;
}

void
_mh_related_sync (MhRelated *self)
{
  MhArticle *article = mh_related_get_article (self);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_TITLE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  if (self->images != NULL && article != NULL)
    {
      g_autofree char *list_path = g_strdup_printf ("%s.images", self->path);
      _mh_article_sync_images (article, self->images, list_path);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
mh_related_get_path (MhRelated *self)
{
  g_return_val_if_fail (MH_IS_RELATED (self), NULL);
  return self->path;
}

guint
mh_related_get_index (MhRelated *self)
{
  g_return_val_if_fail (MH_IS_RELATED (self), 0);
  return self->index;
}

static const char *
get_string (MhRelated  *self,
            const char *key)
{
  MhArticle *article = mh_related_get_article (self);
  g_autofree char *path = NULL;

  if (article == NULL)
    return NULL;
  path = g_strdup_printf ("%s.%s", self->path, key);
  return mh_article_get_value (article, path);
}

static void
set_string (MhRelated  *self,
            const char *key,
            const char *value)
{
  MhArticle *article = mh_related_get_article (self);
  g_autofree char *path = NULL;

  if (article == NULL)
    return;
  path = g_strdup_printf ("%s.%s", self->path, key);
  _mh_article_set_text (article, path, value);
}

#define STRING_FIELD(name, key) \
  const char * \
  mh_related_get_##name (MhRelated *self) \
  { \
    g_return_val_if_fail (MH_IS_RELATED (self), NULL); \
    return get_string (self, key); \
  } \
  void \
  mh_related_set_##name (MhRelated  *self, \
                         const char *value) \
  { \
    g_return_if_fail (MH_IS_RELATED (self)); \
    set_string (self, key, value); \
  }

STRING_FIELD (title, "title")
STRING_FIELD (excerpt, "excerpt")
STRING_FIELD (published_date_time, "publishedDateTime")
STRING_FIELD (original_url, "originalUrl")
STRING_FIELD (web_url, "webUrl")
STRING_FIELD (amp_web_url, "ampWebUrl")
STRING_FIELD (cdn_amp_web_url, "cdnAmpWebUrl")
STRING_FIELD (article_type, "type")
STRING_FIELD (provider_name, "provider.name")
STRING_FIELD (provider_domain, "provider.domain")

static gboolean
get_quality (MhRelated *self,
             gint64    *value)
{
  MhArticle *article = mh_related_get_article (self);
  g_autofree char *path = NULL;

  *value = 0;
  if (article == NULL)
    return FALSE;
  path = g_strdup_printf ("%s.quality", self->path);
  if (!_mh_article_lookup_int (article, path, value))
    {
      *value = 0;
      return FALSE;
    }
  return TRUE;
}

gint64
mh_related_get_quality (MhRelated *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_RELATED (self), 0);
  get_quality (self, &value);
  return value;
}

gboolean
mh_related_get_has_quality (MhRelated *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_RELATED (self), FALSE);
  return get_quality (self, &value);
}

void
mh_related_set_quality (MhRelated *self,
                        gint64     value)
{
  MhArticle *article;
  g_autofree char *path = NULL;

  g_return_if_fail (MH_IS_RELATED (self));

  if ((article = mh_related_get_article (self)) == NULL)
    return;
  path = g_strdup_printf ("%s.quality", self->path);
  _mh_article_set_int (article, path, value);
}

GListModel *
mh_related_get_images (MhRelated *self)
{
  g_return_val_if_fail (MH_IS_RELATED (self), NULL);

  if (self->images == NULL)
    {
      MhArticle *article = mh_related_get_article (self);

      self->images = g_list_store_new (MH_TYPE_IMAGE);
      if (article != NULL)
        {
          g_autofree char *list_path = g_strdup_printf ("%s.images", self->path);
          _mh_article_sync_images (article, self->images, list_path);
        }
    }
  return G_LIST_MODEL (self->images);
}

static void
mh_related_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MhRelated *self = MH_RELATED (object);

  if (prop_id >= PROP_TITLE && prop_id < PROP_QUALITY)
    {
      g_value_set_string (value, get_string (self, string_props[prop_id - PROP_TITLE].key));
      return;
    }

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_IMAGES:
      g_value_set_object (value, mh_related_get_images (self));
      break;
    case PROP_QUALITY:
      g_value_set_int64 (value, mh_related_get_quality (self));
      break;
    case PROP_HAS_QUALITY:
      g_value_set_boolean (value, mh_related_get_has_quality (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_related_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MhRelated *self = MH_RELATED (object);

  if (prop_id >= PROP_TITLE && prop_id < PROP_QUALITY)
    {
      set_string (self, string_props[prop_id - PROP_TITLE].key, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_QUALITY:
      mh_related_set_quality (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_related_dispose (GObject *object)
{
  MhRelated *self = MH_RELATED (object);

  g_clear_object (&self->images);

  G_OBJECT_CLASS (mh_related_parent_class)->dispose (object);
}

static void
mh_related_finalize (GObject *object)
{
  MhRelated *self = MH_RELATED (object);

  g_weak_ref_clear (&self->article);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mh_related_parent_class)->finalize (object);
}

static void
mh_related_class_init (MhRelatedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_related_get_property;
  object_class->set_property = mh_related_set_property;
  object_class->dispose = mh_related_dispose;
  object_class->finalize = mh_related_finalize;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_IMAGES] = g_param_spec_object ("images", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    properties[PROP_TITLE + i] = g_param_spec_string (string_props[i].name, NULL, NULL, NULL, rw);
  properties[PROP_QUALITY] =
    g_param_spec_int64 ("quality", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_HAS_QUALITY] = g_param_spec_boolean ("has-quality", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mh_related_init (MhRelated *self)
{
  g_weak_ref_init (&self->article, NULL);
}
