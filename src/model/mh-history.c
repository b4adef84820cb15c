/* mh-history.c: the window's undo stack, a step per user action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-history.h"
#include "mh-schema.h"

/* Typing in an entry makes one step, not one per key press. */
#define MERGE_USEC (1 * G_USEC_PER_SEC)

typedef struct
{
  MhArticle *article;
  GBytes    *before;
  GBytes    *after;
  GPtrArray *edits_before;
  GPtrArray *edits_after;
  guint      generation;
} Change;

typedef struct
{
  char      *label;
  char      *path;      /* the one path this step edited, for merging; else NULL */
  GPtrArray *changes;   /* Change, in the order the articles were first touched */
  gint64     time;
} Step;

struct _MhHistory
{
  GObject    parent_instance;

  GPtrArray *undo;      /* Step, oldest first */
  GPtrArray *redo;      /* Step, next redo last */
  Step      *open;      /* between begin_step and end_step */
  guint      depth;
  guint      mergeable : 1;
  guint      replaying : 1;
};

G_DEFINE_FINAL_TYPE (MhHistory, mh_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
change_free (Change *change)
{
  g_clear_object (&change->article);
  g_clear_pointer (&change->before, g_bytes_unref);
  g_clear_pointer (&change->after, g_bytes_unref);
  g_clear_pointer (&change->edits_before, g_ptr_array_unref);
  g_clear_pointer (&change->edits_after, g_ptr_array_unref);
  g_free (change);
}

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  step->time = g_get_monotonic_time ();
  return step;
}

static void
step_free (Step *step)
{
  g_clear_pointer (&step->changes, g_ptr_array_unref);
  g_clear_pointer (&step->label, g_free);
  g_clear_pointer (&step->path, g_free);
  g_free (step);
}

static Step *
top (GPtrArray *stack)
{
  return stack->len > 0 ? g_ptr_array_index (stack, stack->len - 1) : NULL;
}

static void
notify_state (MhHistory *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static char *
label_for_path (const char *path)
{
  g_autoptr(MhPath) parsed = NULL;
  g_autofree char *schema_path = NULL;
  const MhField *field = NULL;

  if (path == NULL)
    return g_strdup (_("Edit"));
  parsed = mh_path_parse (path, NULL);
  if (parsed != NULL)
    schema_path = mh_path_to_schema (parsed);
  if (schema_path != NULL)
    field = mh_schema_lookup (schema_path);
  /* Translators: %s is a field's name, "Title" */
  return g_strdup_printf (_("Edit %s"), field != NULL ? _(field->label) : path);
}

static Change *
find_change (Step      *step,
             MhArticle *article)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = g_ptr_array_index (step->changes, i);

      if (change->article == article)
        return change;
    }
  return NULL;
}

static void
add_to_step (Step       *step,
             MhArticle  *article,
             GBytes     *before,
             GBytes     *after,
             GPtrArray  *edits_before)
{
  Change *change = find_change (step, article);

  if (change == NULL)
    {
      change = g_new0 (Change, 1);
      change->article = g_object_ref (article);
      change->before = g_bytes_ref (before);
      change->edits_before = g_steal_pointer (&edits_before);
      change->generation = article->generation;
      g_ptr_array_add (step->changes, change);
    }
  else
    g_clear_pointer (&edits_before, g_ptr_array_unref);

  g_clear_pointer (&change->after, g_bytes_unref);
  change->after = g_bytes_ref (after);
  g_clear_pointer (&change->edits_after, g_ptr_array_unref);
  change->edits_after = _mh_edits_copy (article->edits);
}

void
_mh_history_record (MhHistory  *self,
                    MhArticle  *article,
                    const char *path,
                    GBytes     *before,
                    GBytes     *after,
                    GPtrArray  *edits_before)
{
  Step *last;

  g_return_if_fail (MH_IS_HISTORY (self));

  if (self->replaying)
    {
      g_clear_pointer (&edits_before, g_ptr_array_unref);
      return;
    }

  g_ptr_array_set_size (self->redo, 0);

  if (self->open != NULL)
    {
      add_to_step (self->open, article, before, after, edits_before);
      return;
    }

  last = top (self->undo);
  if (self->mergeable && last != NULL && path != NULL && last->path != NULL
      && strcmp (last->path, path) == 0 && last->changes->len == 1
      && find_change (last, article) != NULL
      && find_change (last, article)->generation == article->generation
      && g_get_monotonic_time () - last->time < MERGE_USEC)
    {
      add_to_step (last, article, before, after, edits_before);
      last->time = g_get_monotonic_time ();
      notify_state (self);
      return;
    }

  last = step_new (NULL);
  last->label = label_for_path (path);
  last->path = g_strdup (path);
  add_to_step (last, article, before, after, edits_before);
  g_ptr_array_add (self->undo, last);
  self->mergeable = path != NULL;
  notify_state (self);
}

MhHistory *
mh_history_new (void)
{
  return g_object_new (MH_TYPE_HISTORY, NULL);
}

void
mh_history_begin_step (MhHistory  *self,
                       const char *label)
{
  g_return_if_fail (MH_IS_HISTORY (self));

  if (self->depth++ == 0)
    self->open = step_new (label);
}

void
mh_history_end_step (MhHistory *self)
{
  Step *step;

  g_return_if_fail (MH_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->open);
  self->mergeable = FALSE;
  if (step->changes->len == 0)
    {
      step_free (step);
      return;
    }
  g_ptr_array_add (self->undo, step);
  notify_state (self);
}

gboolean
mh_history_get_can_undo (MhHistory *self)
{
  g_return_val_if_fail (MH_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
mh_history_get_can_redo (MhHistory *self)
{
  g_return_val_if_fail (MH_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

const char *
mh_history_get_undo_label (MhHistory *self)
{
  g_return_val_if_fail (MH_IS_HISTORY (self), NULL);
  return self->undo->len > 0 ? top (self->undo)->label : NULL;
}

const char *
mh_history_get_redo_label (MhHistory *self)
{
  g_return_val_if_fail (MH_IS_HISTORY (self), NULL);
  return self->redo->len > 0 ? top (self->redo)->label : NULL;
}

gboolean
mh_history_undo (MhHistory *self)
{
  Step *step;

  g_return_val_if_fail (MH_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  self->replaying = TRUE;
  for (guint i = step->changes->len; i > 0; i--)
    {
      Change *change = g_ptr_array_index (step->changes, i - 1);
      _mh_article_restore (change->article, change->before, change->generation,
                           change->edits_before);
    }
  self->replaying = FALSE;
  self->mergeable = FALSE;
  g_ptr_array_add (self->redo, step);
  notify_state (self);
  return TRUE;
}

gboolean
mh_history_redo (MhHistory *self)
{
  Step *step;

  g_return_val_if_fail (MH_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  self->replaying = TRUE;
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = g_ptr_array_index (step->changes, i);
      _mh_article_restore (change->article, change->after, change->generation,
                           change->edits_after);
    }
  self->replaying = FALSE;
  self->mergeable = FALSE;
  g_ptr_array_add (self->undo, step);
  notify_state (self);
  return TRUE;
}

void
mh_history_break_merge (MhHistory *self)
{
  g_return_if_fail (MH_IS_HISTORY (self));
  self->mergeable = FALSE;
}

void
mh_history_clear (MhHistory *self)
{
  g_return_if_fail (MH_IS_HISTORY (self));

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->mergeable = FALSE;
  notify_state (self);
}

static void
mh_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MhHistory *self = MH_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mh_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mh_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, mh_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, mh_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_history_finalize (GObject *object)
{
  MhHistory *self = MH_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->open, step_free);

  G_OBJECT_CLASS (mh_history_parent_class)->finalize (object);
}

static void
mh_history_class_init (MhHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_history_get_property;
  object_class->finalize = mh_history_finalize;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mh_history_init (MhHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}
