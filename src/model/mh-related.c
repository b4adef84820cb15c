/* mh-related.c: one entry of an article's `related` list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-image.h"
#include "mh-related.h"

struct _MhRelated
{
  MhRecordItem parent_instance;
};

G_DEFINE_FINAL_TYPE (MhRelated, mh_related, MH_TYPE_RECORD_ITEM)

enum {
  PROP_0,
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

#define ITEM(self) MH_RECORD_ITEM (self)

GListModel *
mh_article_get_related (MhArticle *self)
{
  return mh_record_item_list_get (self, "related", MH_TYPE_RELATED);
}

MhArticle *
mh_related_get_article (MhRelated *self)
{
  g_return_val_if_fail (MH_IS_RELATED (self), NULL);
  return mh_record_item_get_article (ITEM (self));
}

const char *
mh_related_get_path (MhRelated *self)
{
  g_return_val_if_fail (MH_IS_RELATED (self), NULL);
  return mh_record_item_get_path (ITEM (self));
}

guint
mh_related_get_index (MhRelated *self)
{
  g_return_val_if_fail (MH_IS_RELATED (self), 0);
  return mh_record_item_get_index (ITEM (self));
}

#define STRING_FIELD(name, key) \
  const char * \
  mh_related_get_##name (MhRelated *self) \
  { \
    g_return_val_if_fail (MH_IS_RELATED (self), NULL); \
    return mh_record_item_get_string (ITEM (self), key); \
  } \
  void \
  mh_related_set_##name (MhRelated  *self, \
                         const char *value) \
  { \
    g_return_if_fail (MH_IS_RELATED (self)); \
    mh_record_item_set_string (ITEM (self), key, value); \
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

gint64
mh_related_get_quality (MhRelated *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_RELATED (self), 0);
  mh_record_item_get_int (ITEM (self), "quality", &value);
  return value;
}

gboolean
mh_related_get_has_quality (MhRelated *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_RELATED (self), FALSE);
  return mh_record_item_get_int (ITEM (self), "quality", &value);
}

void
mh_related_set_quality (MhRelated *self,
                        gint64     value)
{
  g_return_if_fail (MH_IS_RELATED (self));
  mh_record_item_set_int (ITEM (self), "quality", value);
}

GListModel *
mh_related_get_images (MhRelated *self)
{
  MhArticle *article;
  g_autofree char *list_path = NULL;

  g_return_val_if_fail (MH_IS_RELATED (self), NULL);

  article = mh_related_get_article (self);
  if (article == NULL)
    return NULL;
  list_path = mh_record_item_dup_key_path (ITEM (self), "images");
  return mh_record_item_list_get (article, list_path, MH_TYPE_IMAGE);
}

void
mh_related_add_image (MhRelated  *self,
                      const char *url,
                      gint64      width,
                      gint64      height,
                      gboolean    is_cached)
{
  MhArticle *article;
  g_autofree char *list_path = NULL;

  g_return_if_fail (MH_IS_RELATED (self));

  article = mh_related_get_article (self);
  if (article == NULL)
    return;
  list_path = mh_record_item_dup_key_path (ITEM (self), "images");
  mh_article_append_node (article, list_path, mh_image_node_new (url, width, height, is_cached));
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
      g_value_set_string (value, mh_record_item_get_string (ITEM (self), string_props[prop_id - PROP_TITLE].key));
      return;
    }

  switch (prop_id)
    {
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
      mh_record_item_set_string (ITEM (self), string_props[prop_id - PROP_TITLE].key,
                                 g_value_get_string (value));
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
mh_related_class_init (MhRelatedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_related_get_property;
  object_class->set_property = mh_related_set_property;

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
}
