/* mh-batch-plans.c: the batches curators use: set or clear a field, add, remove, rename list items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-batch.h"
#include "mh-fold.h"

typedef struct
{
  char   *path;        /* the field, or the list */
  char   *value;       /* the new text / item, NULL: clear or delete */
  char   *key;         /* mh_fold_variant_key (value) */
  GStrv   old_keys;    /* rename: the variant keys of the old values */
} Plan;

static void
plan_free (Plan *plan)
{
  g_free (plan->path);
  g_free (plan->value);
  g_free (plan->key);
  g_strfreev (plan->old_keys);
  g_free (plan);
}

static Plan *
plan_new (const char *path,
          const char *value)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->path = g_strdup (path);
  plan->value = g_strdup (value);
  plan->key = value != NULL ? mh_fold_variant_key (value, -1) : NULL;
  return plan;
}

static GPtrArray *
edits_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
}

static gboolean
key_in (const char * const *keys,
        const char         *key)
{
  return keys != NULL && g_strv_contains (keys, key);
}

/* Whether the summary says the record's topics hold a value whose variant
 * key is one of @keys (only for the `topics` list, which the summary has). */
static gboolean
topics_have (MhArticle          *article,
             const char * const *keys)
{
  const char * const *topics = mh_article_get_topics (article);

  for (guint i = 0; topics[i] != NULL; i++)
    {
      g_autofree char *key = mh_fold_variant_key (topics[i], -1);

      if (key_in (keys, key))
        return TRUE;
    }
  return FALSE;
}

/* The list at @path, or NULL. */
static MhNode *
list_at (MhDocument *document,
         const char *path)
{
  MhNode *node = mh_document_lookup (document, path, NULL);

  return node != NULL && node->kind == MH_NODE_SEQUENCE ? node : NULL;
}

static char *
item_key (MhNode *item)
{
  if (item == NULL || item->kind != MH_NODE_SCALAR || mh_node_is_null (item))
    return NULL;
  return mh_fold_variant_key (item->value, -1);
}

/* Set or clear a field ----------------------------------------------------- */

static GPtrArray *
plan_set (MhDocument  *document,
          gpointer     data,
          GError     **error)
{
  Plan *plan = data;
  GPtrArray *edits;
  MhEdit *edit;

  /* Clearing: only where the key is. */
  if (plan->value == NULL && mh_document_lookup (document, plan->path, NULL) == NULL)
    return NULL;
  edit = mh_edit_new_for_text (document, plan->path, plan->value, error);
  if (edit == NULL)
    return NULL;
  edits = edits_new ();
  g_ptr_array_add (edits, edit);
  return edits;
}

MhBatch *
mh_batch_new_set_field (GPtrArray  *articles,
                        const char *path,
                        const char *text)
{
  MhBatch *batch = mh_batch_new (text != NULL ? _("Set field") : _("Clear field"));
  g_autoptr(MhEdit) check = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (articles != NULL, batch);
  g_return_val_if_fail (path != NULL, batch);

  /* A value the schema refuses refuses everywhere: say so once per record
   * without reading any. */
  check = mh_edit_new_for_text (NULL, path, text, &error);
  if (check == NULL)
    {
      for (guint i = 0; i < articles->len; i++)
        mh_batch_add_outcome (batch, g_ptr_array_index (articles, i), MH_BATCH_REFUSED,
                              error->message);
      return batch;
    }

  mh_batch_set_plan_func (batch, plan_set, plan_new (path, text), (GDestroyNotify) plan_free);
  for (guint i = 0; i < articles->len; i++)
    mh_batch_add_record (batch, g_ptr_array_index (articles, i));
  return batch;
}

/* Add an item --------------------------------------------------------------- */

static GPtrArray *
plan_add (MhDocument  *document,
          gpointer     data,
          GError     **error)
{
  Plan *plan = data;
  MhNode *list = list_at (document, plan->path);
  GPtrArray *edits;

  for (guint i = 0; list != NULL && i < mh_node_get_n_items (list); i++)
    {
      g_autofree char *key = item_key (mh_node_get_item (list, i));

      if (g_strcmp0 (key, plan->key) == 0)
        return NULL;
    }
  edits = edits_new ();
  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_APPEND, plan->path,
                                       mh_node_new_scalar (plan->value, MH_SCALAR_STRING)));
  return edits;
}

MhBatch *
mh_batch_new_add_item (GPtrArray  *articles,
                       const char *list_path,
                       const char *value)
{
  MhBatch *batch = mh_batch_new (g_strcmp0 (list_path, "topics") == 0 ? _("Add topic")
                                                                       : _("Add item"));
  Plan *plan;

  g_return_val_if_fail (articles != NULL, batch);
  g_return_val_if_fail (list_path != NULL && value != NULL, batch);

  plan = plan_new (list_path, value);
  mh_batch_set_plan_func (batch, plan_add, plan, (GDestroyNotify) plan_free);
  for (guint i = 0; i < articles->len; i++)
    {
      MhArticle *article = g_ptr_array_index (articles, i);
      const char *keys[] = { plan->key, NULL };

      /* The summary knows the topics: those that have it need no reading. */
      if (strcmp (list_path, "topics") == 0 && topics_have (article, keys))
        mh_batch_add_outcome (batch, article, MH_BATCH_UNCHANGED, NULL);
      else
        mh_batch_add_record (batch, article);
    }
  return batch;
}

/* Remove, rename, merge, delete items ------------------------------------- */

static GPtrArray *
plan_rename (MhDocument  *document,
             gpointer     data,
             GError     **error)
{
  Plan *plan = data;
  MhNode *list = list_at (document, plan->path);
  g_autoptr(GArray) matched = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean present = FALSE;
  GPtrArray *edits;
  guint n;

  if (list == NULL)
    return NULL;
  n = mh_node_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      MhNode *item = mh_node_get_item (list, i);
      g_autofree char *key = item_key (item);

      if (key == NULL)
        continue;
      if (plan->value != NULL && strcmp (item->value, plan->value) == 0)
        present = TRUE;  /* the new spelling itself stays as it is */
      else if (key_in ((const char * const *) plan->old_keys, key))
        g_array_append_val (matched, i);
      else if (plan->key != NULL && strcmp (key, plan->key) == 0)
        present = TRUE;  /* a variant of the new value, not one to rename */
    }
  if (matched->len == 0)
    return NULL;

  edits = edits_new ();
  /* Rename the first (unless the new value is there), then remove the rest,
   * last first so the indices hold. */
  if (plan->value != NULL && !present)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", plan->path,
                                               g_array_index (matched, guint, 0));

      g_ptr_array_add (edits, mh_edit_new (MH_EDIT_SET, path,
                                           mh_node_new_scalar (plan->value, MH_SCALAR_STRING)));
      g_array_remove_index (matched, 0);
    }
  for (guint i = matched->len; i > 0; i--)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", plan->path,
                                               g_array_index (matched, guint, i - 1));

      g_ptr_array_add (edits, mh_edit_new (MH_EDIT_DELETE, path, NULL));
    }
  return edits;
}

MhBatch *
mh_batch_new_rename_item (GPtrArray          *articles,
                          const char         *list_path,
                          const char * const *old_values,
                          const char         *new_value)
{
  MhBatch *batch;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  guint n_old;
  Plan *plan;

  g_return_val_if_fail (articles != NULL, NULL);
  g_return_val_if_fail (list_path != NULL && old_values != NULL, NULL);

  n_old = g_strv_length ((char **) old_values);
  batch = mh_batch_new (new_value == NULL ? _("Delete topic")
                        : n_old > 1 ? _("Merge topics") : _("Rename topic"));
  if (strcmp (list_path, "topics") != 0)
    mh_batch_set_label (batch, new_value == NULL ? _("Delete item")
                               : n_old > 1 ? _("Merge items") : _("Rename item"));
  plan = plan_new (list_path, new_value);
  for (guint i = 0; i < n_old; i++)
    {
      g_autofree char *key = mh_fold_variant_key (old_values[i], -1);
      g_strv_builder_add (keys, key);
    }
  plan->old_keys = g_strv_builder_end (keys);
  mh_batch_set_plan_func (batch, plan_rename, plan, (GDestroyNotify) plan_free);

  for (guint i = 0; i < articles->len; i++)
    {
      MhArticle *article = g_ptr_array_index (articles, i);

      if (strcmp (list_path, "topics") == 0
          && !topics_have (article, (const char * const *) plan->old_keys))
        mh_batch_add_outcome (batch, article, MH_BATCH_UNCHANGED, NULL);
      else
        mh_batch_add_record (batch, article);
    }
  return batch;
}

MhBatch *
mh_batch_new_remove_item (GPtrArray  *articles,
                          const char *list_path,
                          const char *value)
{
  const char *values[] = { value, NULL };
  MhBatch *batch;

  g_return_val_if_fail (value != NULL, NULL);

  batch = mh_batch_new_rename_item (articles, list_path, values, NULL);
  mh_batch_set_label (batch, strcmp (list_path, "topics") == 0 ? _("Remove topic")
                                                               : _("Remove item"));
  return batch;
}
