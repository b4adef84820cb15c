/* mh-image.c: one entry of an article's `images` list (or a related record's)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-image.h"

struct _MhImage
{
  MhRecordItem parent_instance;
};

G_DEFINE_FINAL_TYPE (MhImage, mh_image, MH_TYPE_RECORD_ITEM)

enum {
  PROP_0,
  PROP_URL,
  PROP_WIDTH,
  PROP_HAS_WIDTH,
  PROP_HEIGHT,
  PROP_HAS_HEIGHT,
  PROP_IS_CACHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ITEM(self) MH_RECORD_ITEM (self)

GListModel *
mh_article_get_images (MhArticle *self)
{
  return mh_record_item_list_get (self, "images", MH_TYPE_IMAGE);
}

MhArticle *
mh_image_get_article (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), NULL);
  return mh_record_item_get_article (ITEM (self));
}

const char *
mh_image_get_path (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), NULL);
  return mh_record_item_get_path (ITEM (self));
}

guint
mh_image_get_index (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), 0);
  return mh_record_item_get_index (ITEM (self));
}

const char *
mh_image_get_url (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), NULL);
  return mh_record_item_get_string (ITEM (self), "url");
}

void
mh_image_set_url (MhImage    *self,
                  const char *url)
{
  g_return_if_fail (MH_IS_IMAGE (self));
  mh_record_item_set_string (ITEM (self), "url", url);
}

gint64
mh_image_get_width (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), 0);
  mh_record_item_get_int (ITEM (self), "width", &value);
  return value;
}

gboolean
mh_image_get_has_width (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), FALSE);
  return mh_record_item_get_int (ITEM (self), "width", &value);
}

void
mh_image_set_width (MhImage *self,
                    gint64   width)
{
  g_return_if_fail (MH_IS_IMAGE (self));
  mh_record_item_set_int (ITEM (self), "width", width);
}

gint64
mh_image_get_height (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), 0);
  mh_record_item_get_int (ITEM (self), "height", &value);
  return value;
}

gboolean
mh_image_get_has_height (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), FALSE);
  return mh_record_item_get_int (ITEM (self), "height", &value);
}

void
mh_image_set_height (MhImage *self,
                     gint64   height)
{
  g_return_if_fail (MH_IS_IMAGE (self));
  mh_record_item_set_int (ITEM (self), "height", height);
}

gboolean
mh_image_get_is_cached (MhImage *self)
{
  gboolean value;

  g_return_val_if_fail (MH_IS_IMAGE (self), FALSE);
  mh_record_item_get_bool (ITEM (self), "isCached", &value);
  return value;
}

void
mh_image_set_is_cached (MhImage  *self,
                        gboolean  is_cached)
{
  g_return_if_fail (MH_IS_IMAGE (self));
  mh_record_item_set_bool (ITEM (self), "isCached", is_cached);
}

static void
mh_image_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MhImage *self = MH_IMAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, mh_image_get_url (self));
      break;
    case PROP_WIDTH:
      g_value_set_int64 (value, mh_image_get_width (self));
      break;
    case PROP_HAS_WIDTH:
      g_value_set_boolean (value, mh_image_get_has_width (self));
      break;
    case PROP_HEIGHT:
      g_value_set_int64 (value, mh_image_get_height (self));
      break;
    case PROP_HAS_HEIGHT:
      g_value_set_boolean (value, mh_image_get_has_height (self));
      break;
    case PROP_IS_CACHED:
      g_value_set_boolean (value, mh_image_get_is_cached (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_image_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MhImage *self = MH_IMAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      mh_image_set_url (self, g_value_get_string (value));
      break;
    case PROP_WIDTH:
      mh_image_set_width (self, g_value_get_int64 (value));
      break;
    case PROP_HEIGHT:
      mh_image_set_height (self, g_value_get_int64 (value));
      break;
    case PROP_IS_CACHED:
      mh_image_set_is_cached (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_image_class_init (MhImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_image_get_property;
  object_class->set_property = mh_image_set_property;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_WIDTH] = g_param_spec_int64 ("width", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_HAS_WIDTH] = g_param_spec_boolean ("has-width", NULL, NULL, FALSE, ro);
  properties[PROP_HEIGHT] =
    g_param_spec_int64 ("height", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_HAS_HEIGHT] = g_param_spec_boolean ("has-height", NULL, NULL, FALSE, ro);
  properties[PROP_IS_CACHED] = g_param_spec_boolean ("is-cached", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mh_image_init (MhImage *self)
{
}
