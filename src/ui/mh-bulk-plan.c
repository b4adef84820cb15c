/* mh-bulk-plan.c: one edit over many records: previewed in memory, applied as one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-bulk-plan.h"
#include "mh-fold.h"
#include "mh-schema.h"

typedef enum
{
  OP_SET,
  OP_CLEAR,
  OP_ADD_ITEM,
  OP_REMOVE_ITEM,
  OP_RENAME,
} Op;

struct _MhBulkPlan
{
  Op          op;
  char       *path;        /* the scalar, or the list key */
  char       *value;       /* SET: the text; ADD_ITEM: the item; RENAME: the new item or NULL */
  GHashTable *old_keys;    /* REMOVE_ITEM, RENAME: variant keys of the items to replace */
  char       *label;
  GPtrArray  *articles;    /* MhArticle, owned */
  GPtrArray  *changes;     /* MhBulkChange, after a preview */
  guint       n_refusals;
};

static void
change_free (MhBulkChange *change)
{
  g_clear_object (&change->article);
  g_clear_pointer (&change->before, g_bytes_unref);
  g_clear_pointer (&change->after, g_bytes_unref);
  g_free (change->refusal);
  g_free (change);
}

static MhBulkPlan *
plan_new (Op          op,
          GPtrArray  *articles,
          const char *path,
          const char *value)
{
  MhBulkPlan *self = g_new0 (MhBulkPlan, 1);

  self->op = op;
  self->path = g_strdup (path);
  self->value = g_strdup (value);
  self->old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < articles->len; i++)
    g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (articles, i)));
  return self;
}

static const char *
field_label (const char *path)
{
  const MhField *field = mh_schema_lookup (path);

  return field != NULL ? _(field->label) : path;
}

MhBulkPlan *
mh_bulk_plan_new_set (GPtrArray  *articles,
                      const char *path,
                      const char *text)
{
  MhBulkPlan *self;

  g_return_val_if_fail (articles != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = plan_new (text != NULL ? OP_SET : OP_CLEAR, articles, path, text);
  if (text != NULL)
    /* Translators: an undo step: "Set Quality to “60”" */
    self->label = g_strdup_printf (_("Set %s to “%s”"), field_label (path), text);
  else
    /* Translators: an undo step: "Clear Category" */
    self->label = g_strdup_printf (_("Clear %s"), field_label (path));
  return self;
}

MhBulkPlan *
mh_bulk_plan_new_add_item (GPtrArray  *articles,
                           const char *key,
                           const char *value)
{
  MhBulkPlan *self;

  g_return_val_if_fail (articles != NULL, NULL);
  g_return_val_if_fail (key != NULL && value != NULL, NULL);

  self = plan_new (OP_ADD_ITEM, articles, key, value);
  /* Translators: an undo step: "Add “Climate” to Topics" */
  self->label = g_strdup_printf (_("Add “%s” to %s"), value, field_label (key));
  return self;
}

MhBulkPlan *
mh_bulk_plan_new_remove_item (GPtrArray  *articles,
                              const char *key,
                              const char *value)
{
  MhBulkPlan *self;

  g_return_val_if_fail (articles != NULL, NULL);
  g_return_val_if_fail (key != NULL && value != NULL, NULL);

  self = plan_new (OP_REMOVE_ITEM, articles, key, NULL);
  g_hash_table_add (self->old_keys, mh_fold_variant_key (value, -1));
  /* Translators: an undo step: "Remove “Climate” from Topics" */
  self->label = g_strdup_printf (_("Remove “%s” from %s"), value, field_label (key));
  return self;
}

MhBulkPlan *
mh_bulk_plan_new_rename (GPtrArray          *articles,
                         const char         *key,
                         const char * const *old_values,
                         const char         *new_value)
{
  MhBulkPlan *self;

  g_return_val_if_fail (articles != NULL, NULL);
  g_return_val_if_fail (key != NULL && old_values != NULL, NULL);

  self = plan_new (OP_RENAME, articles, key, new_value);
  for (guint i = 0; old_values[i] != NULL; i++)
    g_hash_table_add (self->old_keys, mh_fold_variant_key (old_values[i], -1));
  if (new_value == NULL)
    /* Translators: an undo step: "Delete “ML” everywhere" */
    self->label = g_strdup_printf (_("Delete “%s” everywhere"), old_values[0]);
  else if (old_values[0] != NULL && old_values[1] != NULL)
    /* Translators: an undo step: "Merge into “Machine learning”" */
    self->label = g_strdup_printf (_("Merge into “%s”"), new_value);
  else
    /* Translators: an undo step: "Rename “ML” to “Machine learning”" */
    self->label = g_strdup_printf (_("Rename “%s” to “%s”"), old_values[0], new_value);
  return self;
}

const char *
mh_bulk_plan_get_label (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->label;
}

void
mh_bulk_plan_free (MhBulkPlan *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_ptr_array_unref (self->articles);
  g_hash_table_unref (self->old_keys);
  g_free (self->path);
  g_free (self->value);
  g_free (self->label);
  g_free (self);
}

/* ------------------------------------------------------------------------------------------ */
/* The edits for one document */

static void
add_edit (GPtrArray  *edits,
          MhEditVerb  verb,
          const char *path,
          MhNode     *value)
{
  g_ptr_array_add (edits, mh_edit_new (verb, path, value));
}

static gboolean
item_is_text (const MhNode *item)
{
  return item != NULL && item->kind == MH_NODE_SCALAR && item->value != NULL;
}

static gboolean
same_item (const MhNode *item,
           const char   *variant_key)
{
  g_autofree char *key = NULL;

  if (!item_is_text (item))
    return FALSE;
  key = mh_fold_variant_key (item->value, item->value_len);
  return g_str_equal (key, variant_key);
}

static void
list_edits (MhBulkPlan *self,
            MhNode     *list,
            GPtrArray  *edits)
{
  guint n = list != NULL && list->kind == MH_NODE_SEQUENCE ? mh_node_get_n_items (list) : 0;
  g_autofree char *new_key = self->value != NULL ? mh_fold_variant_key (self->value, -1) : NULL;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean has_new = FALSE;
  guint first_delete = 0;

  for (guint i = 0; i < n; i++)
    {
      MhNode *item = mh_node_get_item (list, i);
      g_autofree char *key = NULL;

      if (!item_is_text (item))
        continue;
      key = mh_fold_variant_key (item->value, item->value_len);
      if (g_hash_table_contains (self->old_keys, key))
        g_array_append_val (matches, i);
      else if (new_key != NULL && g_str_equal (key, new_key))
        has_new = TRUE;
    }

  if (self->op == OP_ADD_ITEM)
    {
      for (guint i = 0; i < n; i++)
        if (same_item (mh_node_get_item (list, i), new_key))
          return;
      add_edit (edits, MH_EDIT_APPEND, self->path,
                mh_node_new_scalar (self->value, MH_SCALAR_STRING));
      return;
    }

  if (matches->len == 0)
    return;
  /* Renamed in place: the first old item takes the new spelling (and keeps its quoting
   * where it can); the others go, so that no record ends with the same item twice. */
  if (self->op == OP_RENAME && self->value != NULL && !has_new)
    {
      guint first = g_array_index (matches, guint, 0);
      MhNode *item = mh_node_get_item (list, first);

      if (strcmp (item->value, self->value) != 0)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", self->path, first);

          add_edit (edits, MH_EDIT_SET, path, mh_node_new_scalar (self->value, MH_SCALAR_STRING));
        }
      first_delete = 1;
    }
  /* From the last: deleting an item moves the ones after it. */
  for (guint i = matches->len; i > first_delete; i--)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", self->path,
                                               g_array_index (matches, guint, i - 1));

      add_edit (edits, MH_EDIT_DELETE, path, NULL);
    }
}

/* The edits that carry out the plan on @document, in the order to apply them. */
static GPtrArray *
build_edits (MhBulkPlan *self,
             MhDocument *document)
{
  GPtrArray *edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);

  switch (self->op)
    {
    case OP_SET:
      {
        const MhField *field = mh_schema_lookup (self->path);
        MhScalarType type = field != NULL ? mh_field_scalar_type (field) : MH_SCALAR_STRING;

        add_edit (edits, MH_EDIT_SET, self->path, mh_node_new_scalar (self->value, type));
      }
      break;

    case OP_CLEAR:
      if (mh_document_lookup (document, self->path, NULL) != NULL)
        add_edit (edits, MH_EDIT_DELETE, self->path, NULL);
      break;

    case OP_ADD_ITEM:
    case OP_REMOVE_ITEM:
    case OP_RENAME:
      list_edits (self, mh_document_lookup (document, self->path, NULL), edits);
      break;

    default:
      g_assert_not_reached ();
    }
  return edits;
}

/* ------------------------------------------------------------------------------------------ */
/* Preview and apply */

static MhBulkChange *
preview_one (MhBulkPlan *self,
             MhArticle  *article)
{
  g_autoptr(MhDocument) copy = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  MhBulkChange *change;
  GBytes *bytes;

  if (!mh_article_hold (article, &error))
    {
      change = g_new0 (MhBulkChange, 1);
      change->article = g_object_ref (article);
      change->refusal = g_strdup (error->message);
      return change;
    }

  bytes = mh_article_get_bytes (article);
  copy = mh_document_new (bytes);
  edits = build_edits (self, copy);
  change = g_new0 (MhBulkChange, 1);
  change->article = g_object_ref (article);
  change->before = g_bytes_ref (bytes);

  if (edits->len > 0 && mh_article_get_readonly_reason (article) != NULL)
    change->refusal = g_strdup (mh_article_get_readonly_reason (article));
  for (guint i = 0; i < edits->len && change->refusal == NULL; i++)
    if (!mh_document_apply (copy, g_ptr_array_index (edits, i), &error))
      change->refusal = g_strdup (error->message);
  if (change->refusal == NULL)
    change->after = g_bytes_ref (mh_document_get_bytes (copy));
  mh_article_release (article);

  if (change->refusal == NULL && g_bytes_equal (change->before, change->after))
    g_clear_pointer (&change, change_free);
  return change;
}

GPtrArray *
mh_bulk_plan_preview (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->changes != NULL)
    return self->changes;
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  self->n_refusals = 0;
  for (guint i = 0; i < self->articles->len; i++)
    {
      MhBulkChange *change = preview_one (self, g_ptr_array_index (self->articles, i));

      if (change == NULL)
        continue;
      self->n_refusals += change->refusal != NULL;
      g_ptr_array_add (self->changes, change);
    }
  return self->changes;
}

guint
mh_bulk_plan_get_n_changes (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->changes == NULL)
    mh_bulk_plan_preview (self);
  return self->changes->len - self->n_refusals;
}

guint
mh_bulk_plan_get_n_refusals (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->changes == NULL)
    mh_bulk_plan_preview (self);
  return self->n_refusals;
}

static gboolean
apply_one (MhBulkPlan *self,
           MhArticle  *article,
           gboolean   *changed,
           GError    **error)
{
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GBytes) before = NULL;
  gboolean ok = TRUE;

  *changed = FALSE;
  if (!mh_article_hold (article, error))
    return FALSE;
  before = g_bytes_ref (mh_article_get_bytes (article));
  edits = build_edits (self, mh_article_get_document (article));
  for (guint i = 0; i < edits->len && ok; i++)
    ok = mh_article_apply (article, g_ptr_array_index (edits, i), error);
  *changed = !g_bytes_equal (before, mh_article_get_bytes (article));
  mh_article_release (article);
  return ok;
}

gboolean
mh_bulk_plan_apply (MhBulkPlan  *self,
                    MhHistory   *history,
                    guint       *n_changed,
                    GError     **error)
{
  guint changed = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MH_IS_HISTORY (history), FALSE);

  if (self->changes == NULL)
    mh_bulk_plan_preview (self);

  mh_history_break_merge (history);
  mh_history_begin_step (history, self->label);
  for (guint i = 0; i < self->changes->len && ok; i++)
    {
      MhBulkChange *change = g_ptr_array_index (self->changes, i);
      gboolean one_changed = FALSE;

      if (change->refusal != NULL)
        continue;
      ok = apply_one (self, change->article, &one_changed, error);
      changed += one_changed;
    }
  mh_history_end_step (history);
  mh_history_break_merge (history);

  /* A record that refuses now (its file changed since the preview) takes the whole step
   * back: the curator previewed one change, not a part of it. */
  if (!ok && changed > 0)
    {
      mh_history_undo (history);
      changed = 0;
    }
  if (n_changed != NULL)
    *n_changed = changed;
  return ok;
}
