/* mh-bulk-plan.c: the window's many-record changes, run by MhBatch, labelled for undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-bulk-plan.h"
#include "mh-schema.h"

struct _MhBulkPlan
{
  char     *label;
  MhBatch  *batch;    /* previewed */
};

/* Takes @batch and @label; previews the batch. */
static MhBulkPlan *
plan_new (MhBatch *batch,
          char    *label)
{
  MhBulkPlan *self = g_new0 (MhBulkPlan, 1);

  self->label = label;
  self->batch = batch;
  mh_batch_set_label (batch, label);
  /* Without a cancellable it cannot fail: refusals are outcomes, not errors. */
  mh_batch_preview (batch, NULL, NULL);
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
  return plan_new (mh_batch_new_set_field (articles, path, text), label);
}

MhBulkPlan *
mh_bulk_plan_new_add_item (GPtrArray  *articles,
                           const char *key,
                           const char *value)
{
  g_return_val_if_fail (articles != NULL && key != NULL && value != NULL, NULL);

  /* Translators: an undo step: "Add “Climate” to Topics" */
  return plan_new (mh_batch_new_add_item (articles, key, value),
                   g_strdup_printf (_("Add “%s” to %s"), value, field_label (key)));
}

MhBulkPlan *
mh_bulk_plan_new_remove_item (GPtrArray  *articles,
                              const char *key,
                              const char *value)
{
  g_return_val_if_fail (articles != NULL && key != NULL && value != NULL, NULL);

  /* Translators: an undo step: "Remove “Climate” from Topics" */
  return plan_new (mh_batch_new_remove_item (articles, key, value),
                   g_strdup_printf (_("Remove “%s” from %s"), value, field_label (key)));
}

MhBulkPlan *
mh_bulk_plan_new_rename (GPtrArray          *articles,
                         const char         *key,
                         const char * const *old_values,
                         const char         *new_value)
{
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
  return plan_new (mh_batch_new_rename_item (articles, key, old_values, new_value), label);
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
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MH_IS_HISTORY (history), FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  mh_history_break_merge (history);
  /* The records that would refuse are listed in the preview and stay as they are. */
  if (!mh_batch_apply_changes (self->batch, history, error))
    return FALSE;
  mh_history_break_merge (history);
  if (n_changed != NULL)
    *n_changed = mh_batch_get_n_changes (self->batch);
  return TRUE;
}

void
mh_bulk_plan_free (MhBulkPlan *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->batch);
  g_free (self->label);
  g_free (self);
}
