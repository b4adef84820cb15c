/* mh-bulk-plan.c: the window's many-record changes, run by MhBatch, labelled for undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-bulk-plan.h"
#include "mh-schema.h"

typedef enum
{
  OP_SET,
  OP_ADD_ITEM,
  OP_REMOVE_ITEM,
  OP_RENAME,
} Op;

struct _MhBulkPlan
{
  Op        op;
  char     *path;     /* the scalar, or the list key */
  char     *value;    /* SET: the text (NULL: clear); ADD/REMOVE: the item; RENAME: new or NULL */
  GStrv     olds;     /* RENAME: the old items */
  char     *label;
  MhBatch  *batch;    /* previewed */
};

static MhBatch *
batch_new (MhBulkPlan *self,
           GPtrArray  *articles)
{
  MhBatch *batch = NULL;

  switch (self->op)
    {
    case OP_SET:
      batch = mh_batch_new_set_field (articles, self->path, self->value);
      break;

    case OP_ADD_ITEM:
      batch = mh_batch_new_add_item (articles, self->path, self->value);
      break;

    case OP_REMOVE_ITEM:
      batch = mh_batch_new_remove_item (articles, self->path, self->value);
      break;

    case OP_RENAME:
      batch = mh_batch_new_rename_item (articles, self->path, (const char * const *) self->olds,
                                        self->value);
      break;

    default:
      g_assert_not_reached ();
    }
  mh_batch_set_label (batch, self->label);
  return batch;
}

static MhBulkPlan *
plan_new (Op          op,
          GPtrArray  *articles,
          const char *path,
          const char *value,
          char       *label)
{
  MhBulkPlan *self = g_new0 (MhBulkPlan, 1);

  self->op = op;
  self->path = g_strdup (path);
  self->value = g_strdup (value);
  self->label = label;
  return self;
}

static MhBulkPlan *
plan_preview (MhBulkPlan *self,
              GPtrArray  *articles)
{
  self->batch = batch_new (self, articles);
  /* Without a cancellable it cannot fail: refusals are outcomes, not errors. */
  mh_batch_preview (self->batch, NULL, NULL);
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
  char *label;

  g_return_val_if_fail (articles != NULL && path != NULL, NULL);

  if (text != NULL)
    /* Translators: an undo step: "Set Quality to “60”" */
    label = g_strdup_printf (_("Set %s to “%s”"), field_label (path), text);
  else
    /* Translators: an undo step: "Clear Category" */
    label = g_strdup_printf (_("Clear %s"), field_label (path));
  return plan_preview (plan_new (OP_SET, articles, path, text, label), articles);
}

MhBulkPlan *
mh_bulk_plan_new_add_item (GPtrArray  *articles,
                           const char *key,
                           const char *value)
{
  g_return_val_if_fail (articles != NULL && key != NULL && value != NULL, NULL);

  /* Translators: an undo step: "Add “Climate” to Topics" */
  return plan_preview (plan_new (OP_ADD_ITEM, articles, key, value,
                                 g_strdup_printf (_("Add “%s” to %s"), value, field_label (key))),
                       articles);
}

MhBulkPlan *
mh_bulk_plan_new_remove_item (GPtrArray  *articles,
                              const char *key,
                              const char *value)
{
  g_return_val_if_fail (articles != NULL && key != NULL && value != NULL, NULL);

  /* Translators: an undo step: "Remove “Climate” from Topics" */
  return plan_preview (plan_new (OP_REMOVE_ITEM, articles, key, value,
                                 g_strdup_printf (_("Remove “%s” from %s"), value,
                                                  field_label (key))),
                       articles);
}

MhBulkPlan *
mh_bulk_plan_new_rename (GPtrArray          *articles,
                         const char         *key,
                         const char * const *old_values,
                         const char         *new_value)
{
  MhBulkPlan *self;
  char *label;

  g_return_val_if_fail (articles != NULL && key != NULL, NULL);
  g_return_val_if_fail (old_values != NULL && old_values[0] != NULL, NULL);

  if (new_value == NULL)
    /* Translators: an undo step: "Delete “ML” everywhere" */
    label = g_strdup_printf (_("Delete “%s” everywhere"), old_values[0]);
  else if (old_values[1] != NULL)
    /* Translators: an undo step: "Merge into “Machine learning”" */
    label = g_strdup_printf (_("Merge into “%s”"), new_value);
  else
    /* Translators: an undo step: "Rename “ML” to “Machine learning”" */
    label = g_strdup_printf (_("Rename “%s” to “%s”"), old_values[0], new_value);
  self = plan_new (OP_RENAME, articles, key, new_value, label);
  self->olds = g_strdupv ((char **) old_values);
  return plan_preview (self, articles);
}

const char *
mh_bulk_plan_get_label (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->label;
}

MhBatch *
mh_bulk_plan_get_batch (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->batch;
}

guint
mh_bulk_plan_get_n_changes (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return mh_batch_get_n_changes (self->batch);
}

guint
mh_bulk_plan_get_n_refusals (MhBulkPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return mh_batch_get_n_refusals (self->batch);
}

gboolean
mh_bulk_plan_apply (MhBulkPlan  *self,
                    MhHistory   *history,
                    guint       *n_changed,
                    GError     **error)
{
  g_autoptr(GPtrArray) changing = NULL;
  g_autoptr(MhBatch) subset = NULL;
  guint n = mh_batch_get_n_records (self->batch);
  MhBatch *batch = self->batch;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MH_IS_HISTORY (history), FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  /* The batch applies all or nothing: the records that can change make one of their own. */
  if (mh_batch_get_n_refusals (batch) > 0)
    {
      changing = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        if (mh_batch_get_outcome (batch, i) == MH_BATCH_CHANGE)
          g_ptr_array_add (changing, mh_batch_get_article (batch, i));
      subset = batch_new (self, changing);
      batch = subset;
    }
  mh_history_break_merge (history);
  if (!mh_batch_apply (batch, history, error))
    return FALSE;
  mh_history_break_merge (history);
  if (n_changed != NULL)
    *n_changed = mh_batch_get_n_changes (batch);
  return TRUE;
}

void
mh_bulk_plan_free (MhBulkPlan *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->batch);
  g_strfreev (self->olds);
  g_free (self->path);
  g_free (self->value);
  g_free (self->label);
  g_free (self);
}
