/* mh-record-item.c: a view of (record, path), the base of images, related records and extra keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-record-item.h"
#include "mh-schema.h"

typedef struct
{
  GWeakRef  article;
  char     *path;
  guint     index;
} MhRecordItemPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MhRecordItem, mh_record_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_PATH,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MhArticle *
mh_record_item_get_article (MhRecordItem *self)
{
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);
  MhArticle *article;

  g_return_val_if_fail (MH_IS_RECORD_ITEM (self), NULL);

  /* The record owns the list the item sits in: borrowed is safe while the
   * caller holds the record. */
  article = g_weak_ref_get (&priv->article);
  if (article != NULL)
    g_object_unref (article);
  return article;
}

const char *
mh_record_item_get_path (MhRecordItem *self)
{
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);

  g_return_val_if_fail (MH_IS_RECORD_ITEM (self), NULL);
  return priv->path;
}

guint
mh_record_item_get_index (MhRecordItem *self)
{
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);

  g_return_val_if_fail (MH_IS_RECORD_ITEM (self), 0);
  return priv->index;
}

char *
mh_record_item_dup_key_path (MhRecordItem *self,
                             const char   *key)
{
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);

  g_return_val_if_fail (MH_IS_RECORD_ITEM (self), NULL);
  return key != NULL ? g_strdup_printf ("%s.%s", priv->path, key) : g_strdup (priv->path);
}

const char *
mh_record_item_get_string (MhRecordItem *self,
                           const char   *key)
{
  MhArticle *article = mh_record_item_get_article (self);
  g_autofree char *path = NULL;

  if (article == NULL)
    return NULL;
  path = mh_record_item_dup_key_path (self, key);
  return mh_article_get_value (article, path);
}

gboolean
mh_record_item_get_int (MhRecordItem *self,
                        const char   *key,
                        gint64       *value)
{
  MhArticle *article = mh_record_item_get_article (self);
  g_autofree char *path = NULL;

  *value = 0;
  if (article == NULL)
    return FALSE;
  path = mh_record_item_dup_key_path (self, key);
  if (!mh_article_get_int (article, path, value))
    {
      *value = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
mh_record_item_get_bool (MhRecordItem *self,
                         const char   *key,
                         gboolean     *value)
{
  MhArticle *article = mh_record_item_get_article (self);
  g_autofree char *path = NULL;

  *value = FALSE;
  if (article == NULL)
    return FALSE;
  path = mh_record_item_dup_key_path (self, key);
  return mh_article_get_bool (article, path, value);
}

void
mh_record_item_set_string (MhRecordItem *self,
                           const char   *key,
                           const char   *value)
{
  MhArticle *article = mh_record_item_get_article (self);
  g_autofree char *path = NULL;

  if (article == NULL)
    return;
  path = mh_record_item_dup_key_path (self, key);
  mh_article_set_text (article, path, value);
}

void
mh_record_item_set_int (MhRecordItem *self,
                        const char   *key,
                        gint64        value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  mh_record_item_set_string (self, key, text);
}

void
mh_record_item_set_bool (MhRecordItem *self,
                         const char   *key,
                         gboolean      value)
{
  mh_record_item_set_string (self, key, value ? "true" : "false");
}

/* Every property of the subclass: the values may have moved. */
static void
notify_all (MhRecordItem *self)
{
  guint n_specs = 0;
  g_autofree GParamSpec **specs =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_specs);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_specs; i++)
    if (specs[i]->owner_type != MH_TYPE_RECORD_ITEM)
      g_object_notify_by_pspec (G_OBJECT (self), specs[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
mh_record_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MhRecordItem *self = MH_RECORD_ITEM (object);
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_take_object (value, g_weak_ref_get (&priv->article));
      break;
    case PROP_PATH:
      g_value_set_string (value, priv->path);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, priv->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_record_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MhRecordItem *self = MH_RECORD_ITEM (object);
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_weak_ref_set (&priv->article, g_value_get_object (value));
      break;
    case PROP_PATH:
      priv->path = g_value_dup_string (value);
      break;
    case PROP_INDEX:
      priv->index = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_record_item_finalize (GObject *object)
{
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (MH_RECORD_ITEM (object));

  g_weak_ref_clear (&priv->article);
  g_clear_pointer (&priv->path, g_free);

  G_OBJECT_CLASS (mh_record_item_parent_class)->finalize (object);
}

static void
mh_record_item_class_init (MhRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_record_item_get_property;
  object_class->set_property = mh_record_item_set_property;
  object_class->finalize = mh_record_item_finalize;

  properties[PROP_ARTICLE] = g_param_spec_object ("article", NULL, NULL, MH_TYPE_ARTICLE, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mh_record_item_init (MhRecordItem *self)
{
  MhRecordItemPrivate *priv = mh_record_item_get_instance_private (self);

  g_weak_ref_init (&priv->article, NULL);
}

/* Lists ------------------------------------------------------------------- */

typedef struct
{
  GListStore *store;
  MhArticle  *article;    /* the list lives in the record's data: borrowed */
  char       *list_path;  /* NULL: the keys outside the schema */
  char       *top_key;
  GType       item_type;
} RecordList;

static void
record_list_free (RecordList *list)
{
  g_clear_object (&list->store);
  g_free (list->list_path);
  g_free (list->top_key);
  g_free (list);
}

static MhRecordItem *
item_new (RecordList *list,
          const char *path,
          guint       index)
{
  return g_object_new (list->item_type, "article", list->article, "path", path,
                       "index", index, NULL);
}

/* Items are views by index: the ones that stay only need to re-read. */
static void
sync_indexed (RecordList *list)
{
  MhDocument *document = mh_article_get_document (list->article);
  MhNode *node = document != NULL ? mh_document_lookup (document, list->list_path, NULL) : NULL;
  guint n_doc = node != NULL && node->kind == MH_NODE_SEQUENCE ? mh_node_get_n_items (node) : 0;
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (list->store));

  for (guint i = 0; i < MIN (n_doc, n_store); i++)
    {
      g_autoptr(MhRecordItem) item = g_list_model_get_item (G_LIST_MODEL (list->store), i);
      notify_all (item);
    }
  if (n_doc > n_store)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_store; i < n_doc; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", list->list_path, i);
          g_ptr_array_add (added, item_new (list, path, i));
        }
      g_list_store_splice (list->store, n_store, 0, added->pdata, added->len);
    }
  else if (n_doc < n_store)
    g_list_store_splice (list->store, n_doc, n_store - n_doc, NULL, 0);
}

/* Items are views by key: a new set of keys makes new items. */
static void
sync_extra (RecordList *list)
{
  MhDocument *document = mh_article_get_document (list->article);
  MhNode *root = document != NULL ? mh_document_get_root (document) : NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (list->store));
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
      g_autoptr(MhRecordItem) item = g_list_model_get_item (G_LIST_MODEL (list->store), i);
      same = g_strcmp0 (mh_record_item_get_path (item), g_ptr_array_index (keys, i)) == 0;
    }

  if (same)
    {
      for (guint i = 0; i < n_store; i++)
        {
          g_autoptr(MhRecordItem) item = g_list_model_get_item (G_LIST_MODEL (list->store), i);
          notify_all (item);
        }
      return;
    }

  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < keys->len; i++)
      g_ptr_array_add (items, item_new (list, g_ptr_array_index (keys, i), 0));
    g_list_store_splice (list->store, 0, n_store, items->pdata, items->len);
  }
}

static void
record_list_sync (RecordList *list)
{
  if (list->list_path != NULL)
    sync_indexed (list);
  else
    sync_extra (list);
}

static void
document_changed_cb (MhArticle  *article,
                     const char *key,
                     RecordList *list)
{
  if (key == NULL
      || (list->top_key != NULL && strcmp (key, list->top_key) == 0)
      || (list->top_key == NULL && mh_schema_lookup (key) == NULL))
    record_list_sync (list);
}

static GListModel *
list_get (MhArticle  *article,
          const char *list_path,
          GType       item_type)
{
  g_autofree char *name = g_strconcat ("mh-record-list:", list_path != NULL ? list_path : "",
                                       NULL);
  GQuark quark = g_quark_from_string (name);
  RecordList *list = g_object_get_qdata (G_OBJECT (article), quark);

  if (list != NULL)
    return G_LIST_MODEL (list->store);

  list = g_new0 (RecordList, 1);
  list->store = g_list_store_new (item_type);
  list->article = article;
  list->list_path = g_strdup (list_path);
  list->top_key = list_path != NULL ? g_strndup (list_path, strcspn (list_path, ".[")) : NULL;
  list->item_type = item_type;
  g_object_set_qdata_full (G_OBJECT (article), quark, list, (GDestroyNotify) record_list_free);
  g_signal_connect (article, "document-changed", G_CALLBACK (document_changed_cb), list);
  record_list_sync (list);
  return G_LIST_MODEL (list->store);
}

GListModel *
mh_record_item_list_get (MhArticle  *article,
                         const char *list_path,
                         GType       item_type)
{
  g_return_val_if_fail (MH_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (list_path != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (item_type, MH_TYPE_RECORD_ITEM), NULL);

  return list_get (article, list_path, item_type);
}

GListModel *
mh_record_item_list_get_extra (MhArticle *article,
                               GType      item_type)
{
  g_return_val_if_fail (MH_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (g_type_is_a (item_type, MH_TYPE_RECORD_ITEM), NULL);

  return list_get (article, NULL, item_type);
}
