/* mh-image.c: one entry of an article's `images` list (or a related record's)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-article-private.h"
#include "mh-image.h"

struct _MhImage
{
  GObject   parent_instance;

  GWeakRef  article;
  char     *list_path;
  char     *path;
  guint     index;
};

G_DEFINE_FINAL_TYPE (MhImage, mh_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_INDEX,
  PROP_URL,
  PROP_WIDTH,
  PROP_HAS_WIDTH,
  PROP_HEIGHT,
  PROP_HAS_HEIGHT,
  PROP_IS_CACHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
field_path (MhImage    *self,
            const char *key)
{
  return g_strdup_printf ("%s.%s", self->path, key);
}

MhImage *
_mh_image_new (MhArticle  *article,
               const char *list_path,
               guint       index)
{
  MhImage *self = g_object_new (MH_TYPE_IMAGE, NULL);

  g_weak_ref_set (&self->article, article);
  self->list_path = g_strdup (list_path);
  self->index = index;
  self->path = g_strdup_printf ("%s[%u]", list_path, index);
  return self;
}

void
_mh_image_notify_all (MhImage *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_URL; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

MhArticle *
mh_image_get_article (MhImage *self)
{
  MhArticle *article;

  g_return_val_if_fail (MH_IS_IMAGE (self), NULL);

  /* The article owns the list this image sits in: borrowed is safe while
   * the caller holds the article. */
  article = g_weak_ref_get (&self->article);
  if (article != NULL)
    g_object_unref (article);
  return article;
}

const char *
mh_image_get_path (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), NULL);
  return self->path;
}

guint
mh_image_get_index (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), 0);
  return self->index;
}

static const char *
get_string (MhImage    *self,
            const char *key)
{
  MhArticle *article = mh_image_get_article (self);
  g_autofree char *path = NULL;

  if (article == NULL)
    return NULL;
  path = field_path (self, key);
  return mh_article_get_value (article, path);
}

static gboolean
get_int (MhImage    *self,
         const char *key,
         gint64     *value)
{
  MhArticle *article = mh_image_get_article (self);
  g_autofree char *path = NULL;

  *value = 0;
  if (article == NULL)
    return FALSE;
  path = field_path (self, key);
  if (!_mh_article_lookup_int (article, path, value))
    {
      *value = 0;
      return FALSE;
    }
  return TRUE;
}

const char *
mh_image_get_url (MhImage *self)
{
  g_return_val_if_fail (MH_IS_IMAGE (self), NULL);
  return get_string (self, "url");
}

void
mh_image_set_url (MhImage    *self,
                  const char *url)
{
  MhArticle *article;
  g_autofree char *path = NULL;

  g_return_if_fail (MH_IS_IMAGE (self));

  if ((article = mh_image_get_article (self)) == NULL)
    return;
  path = field_path (self, "url");
  _mh_article_set_text (article, path, url);
}

gint64
mh_image_get_width (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), 0);
  get_int (self, "width", &value);
  return value;
}

gboolean
mh_image_get_has_width (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), FALSE);
  return get_int (self, "width", &value);
}

void
mh_image_set_width (MhImage *self,
                    gint64   width)
{
  MhArticle *article;
  g_autofree char *path = NULL;

  g_return_if_fail (MH_IS_IMAGE (self));

  if ((article = mh_image_get_article (self)) == NULL)
    return;
  path = field_path (self, "width");
  _mh_article_set_int (article, path, width);
}

gint64
mh_image_get_height (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), 0);
  get_int (self, "height", &value);
  return value;
}

gboolean
mh_image_get_has_height (MhImage *self)
{
  gint64 value;

  g_return_val_if_fail (MH_IS_IMAGE (self), FALSE);
  return get_int (self, "height", &value);
}

void
mh_image_set_height (MhImage *self,
                     gint64   height)
{
  MhArticle *article;
  g_autofree char *path = NULL;

  g_return_if_fail (MH_IS_IMAGE (self));

  if ((article = mh_image_get_article (self)) == NULL)
    return;
  path = field_path (self, "height");
  _mh_article_set_int (article, path, height);
}

gboolean
mh_image_get_is_cached (MhImage *self)
{
  MhArticle *article;
  g_autofree char *path = NULL;
  gboolean value = FALSE;

  g_return_val_if_fail (MH_IS_IMAGE (self), FALSE);

  if ((article = mh_image_get_article (self)) == NULL)
    return FALSE;
  path = field_path (self, "isCached");
  _mh_article_lookup_bool (article, path, &value);
  return value;
}

void
mh_image_set_is_cached (MhImage  *self,
                        gboolean  is_cached)
{
  MhArticle *article;
  g_autofree char *path = NULL;

  g_return_if_fail (MH_IS_IMAGE (self));

  if ((article = mh_image_get_article (self)) == NULL)
    return;
  path = field_path (self, "isCached");
  _mh_article_set_bool (article, path, is_cached);
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
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
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
mh_image_finalize (GObject *object)
{
  MhImage *self = MH_IMAGE (object);

  g_weak_ref_clear (&self->article);
  g_clear_pointer (&self->list_path, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mh_image_parent_class)->finalize (object);
}

static void
mh_image_class_init (MhImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_image_get_property;
  object_class->set_property = mh_image_set_property;
  object_class->finalize = mh_image_finalize;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, ro);
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
  g_weak_ref_init (&self->article, NULL);
}
