/* mh-extra-field.c: a top-level key outside the schema, editable as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-extra-field.h"

struct _MhExtraField
{
  MhRecordItem parent_instance;

  char        *source;  /* a collection's YAML text, cached for the getter */
};

G_DEFINE_FINAL_TYPE (MhExtraField, mh_extra_field, MH_TYPE_RECORD_ITEM)

enum {
  PROP_0,
  PROP_KEY,
  PROP_TEXT,
  PROP_EDITABLE,
  PROP_READONLY_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GListModel *
mh_article_get_extra_fields (MhArticle *self)
{
  return mh_record_item_list_get_extra (self, MH_TYPE_EXTRA_FIELD);
}

MhArticle *
mh_extra_field_get_article (MhExtraField *self)
{
  g_return_val_if_fail (MH_IS_EXTRA_FIELD (self), NULL);
  return mh_record_item_get_article (MH_RECORD_ITEM (self));
}

/* An extra field's path is its key. */
const char *
mh_extra_field_get_key (MhExtraField *self)
{
  g_return_val_if_fail (MH_IS_EXTRA_FIELD (self), NULL);
  return mh_record_item_get_path (MH_RECORD_ITEM (self));
}

/* Looked up by key step, so a key with dots or brackets still resolves. */
static MhNode *
lookup (MhExtraField *self)
{
  MhArticle *article = mh_extra_field_get_article (self);
  MhDocument *document = article != NULL ? mh_article_get_document (article) : NULL;
  MhNode *root = document != NULL ? mh_document_get_root (document) : NULL;

  if (root == NULL || root->kind != MH_NODE_MAPPING)
    return NULL;
  return mh_node_lookup_key (root, mh_extra_field_get_key (self), NULL);
}

const char *
mh_extra_field_get_text (MhExtraField *self)
{
  MhArticle *article;
  MhNode *node;
  GBytes *bytes;
  const char *data;
  gsize len;

  g_return_val_if_fail (MH_IS_EXTRA_FIELD (self), NULL);

  node = lookup (self);
  if (node == NULL)
    return NULL;
  if (node->kind == MH_NODE_SCALAR)
    return mh_node_is_null (node) ? "" : node->value;

  article = mh_extra_field_get_article (self);
  bytes = mh_article_get_bytes (article);
  data = g_bytes_get_data (bytes, &len);
  g_clear_pointer (&self->source, g_free);
  if (node->start <= node->end && node->end <= len)
    self->source = g_strndup (data + node->start, node->end - node->start);
  return self->source;
}

const char *
mh_extra_field_get_readonly_reason (MhExtraField *self)
{
  MhArticle *article;
  MhNode *node;

  g_return_val_if_fail (MH_IS_EXTRA_FIELD (self), NULL);

  article = mh_extra_field_get_article (self);
  if (article == NULL)
    return NULL;
  node = lookup (self);
  if (node != NULL && node->kind != MH_NODE_SCALAR)
    return _("Only single values can be edited as text");
  return mh_article_get_path_readonly_reason (article, mh_extra_field_get_key (self));
}

gboolean
mh_extra_field_get_editable (MhExtraField *self)
{
  g_return_val_if_fail (MH_IS_EXTRA_FIELD (self), FALSE);
  return mh_extra_field_get_readonly_reason (self) == NULL;
}

void
mh_extra_field_set_text (MhExtraField *self,
                         const char   *text)
{
  MhArticle *article;

  g_return_if_fail (MH_IS_EXTRA_FIELD (self));

  article = mh_extra_field_get_article (self);
  if (article == NULL || !mh_extra_field_get_editable (self))
    return;
  mh_article_set_text (article, mh_extra_field_get_key (self), text != NULL ? text : "");
}

static void
mh_extra_field_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MhExtraField *self = MH_EXTRA_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, mh_extra_field_get_key (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, mh_extra_field_get_text (self));
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, mh_extra_field_get_editable (self));
      break;
    case PROP_READONLY_REASON:
      g_value_set_string (value, mh_extra_field_get_readonly_reason (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_extra_field_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MhExtraField *self = MH_EXTRA_FIELD (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mh_extra_field_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_extra_field_finalize (GObject *object)
{
  MhExtraField *self = MH_EXTRA_FIELD (object);

  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (mh_extra_field_parent_class)->finalize (object);
}

static void
mh_extra_field_class_init (MhExtraFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_extra_field_get_property;
  object_class->set_property = mh_extra_field_set_property;
  object_class->finalize = mh_extra_field_finalize;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, FALSE, ro);
  properties[PROP_READONLY_REASON] =
    g_param_spec_string ("readonly-reason", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mh_extra_field_init (MhExtraField *self)
{
}
