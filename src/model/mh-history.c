/* mh-history.c: the window's undo stack, a step per user action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-article.h"
#include "mh-history.h"
#include "mh-schema.h"

/* Typing in an entry makes one step, not one per key press. */
#define MERGE_USEC (1 * G_USEC_PER_SEC)

/* What a step did to one record: the bytes it replaced (exact, so undo
 * gives every byte back) and how it changed the record's operations, from
 * P + dropped to P + added. */
typedef struct
{
  MhArticle *article;
  MhPatch   *patch;       /* NULL when the bytes came back to where they were */
  GPtrArray *dropped;     /* MhEdit */
  GPtrArray *added;       /* MhEdit */
  guint      generation;
} Change;

typedef struct
{
  char      *label;
  char      *path;      /* the one path this step edited, for merging; else NULL */
  GPtrArray *changes;   /* Change, in the order the articles were first touched */
  GHashTable *by_article;  /* MhArticle -> Change, once a batch makes the step large */
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
  g_clear_pointer (&change->patch, mh_patch_free);
  g_clear_pointer (&change->dropped, g_ptr_array_unref);
  g_clear_pointer (&change->added, g_ptr_array_unref);
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
  g_clear_pointer (&step->by_article, g_hash_table_unref);
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

/* A step over 10,000 records would make this quadratic: past a few, a
 * table answers. */
#define FIND_LINEAR_MAX 16

static Change *
find_change (Step      *step,
             MhArticle *article)
{
  if (step->by_article != NULL)
    return g_hash_table_lookup (step->by_article, article);
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = g_ptr_array_index (step->changes, i);

      if (change->article == article)
        return change;
    }
  return NULL;
}

static GPtrArray *
edits_copy (GPtrArray *edits,
            guint      start,
            guint      end)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);

  for (guint i = start; edits != NULL && i < end; i++)
    g_ptr_array_add (copy, mh_edit_copy (g_ptr_array_index (edits, i)));
  return copy;
}

/* @first (A to B) then @second (B to C) as one patch from A to C; @after
 * is C. NULL when A and C are equal. */
static MhPatch *
compose (const MhPatch *first,
         const MhPatch *second,
         GBytes        *after)
{
  g_autoptr(MhPatch) undo_second = mh_patch_invert (second);
  g_autoptr(MhPatch) undo_first = mh_patch_invert (first);
  g_autoptr(GBytes) middle = mh_patch_apply_bytes (undo_second, after, NULL);
  g_autoptr(GBytes) before = middle != NULL ? mh_patch_apply_bytes (undo_first, middle, NULL)
                                            : NULL;

  if (before == NULL)
    return NULL;
  return mh_patch_new_diff (before, after);
}

/* The operations: P + R -> P + A, then the new change takes k off the end
 * and appends A2. */
static void
merge_ops (Change    *change,
           GPtrArray *dropped,
           GPtrArray *added)
{
  guint k = dropped->len;

  if (k <= change->added->len)
    g_ptr_array_set_size (change->added, change->added->len - k);
  else
    {
      /* It also took Q, the last k - |A| of P: they join R in front. */
      g_autoptr(GPtrArray) old = g_steal_pointer (&change->dropped);
      guint n_q = k - change->added->len;

      change->dropped = edits_copy (dropped, 0, n_q);
      for (guint i = 0; i < old->len; i++)
        g_ptr_array_add (change->dropped, mh_edit_copy (g_ptr_array_index (old, i)));
      g_ptr_array_set_size (change->added, 0);
    }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (change->added, mh_edit_copy (g_ptr_array_index (added, i)));
}

static void
add_to_step (Step                  *step,
             MhArticle             *article,
             const MhArticleChange *edit)
{
  Change *change = find_change (step, article);

  if (change == NULL)
    {
      change = g_new0 (Change, 1);
      change->article = g_object_ref (article);
      change->patch = edit->patch != NULL ? mh_patch_copy (edit->patch) : NULL;
      change->dropped = edits_copy (edit->dropped, 0, edit->dropped->len);
      change->added = edits_copy (edit->added, 0, edit->added->len);
      change->generation = edit->generation;
      g_ptr_array_add (step->changes, change);
      if (step->by_article == NULL && step->changes->len > FIND_LINEAR_MAX)
        {
          step->by_article = g_hash_table_new (NULL, NULL);
          for (guint i = 0; i < step->changes->len; i++)
            {
              Change *known = g_ptr_array_index (step->changes, i);
              g_hash_table_insert (step->by_article, known->article, known);
            }
        }
      else if (step->by_article != NULL)
        g_hash_table_insert (step->by_article, article, change);
      return;
    }

  if (edit->patch != NULL)
    {
      MhPatch *patch = change->patch != NULL
                       ? compose (change->patch, edit->patch, mh_article_get_bytes (article))
                       : mh_patch_copy (edit->patch);

      g_clear_pointer (&change->patch, mh_patch_free);
      change->patch = patch;
    }
  merge_ops (change, edit->dropped, edit->added);
}

void
mh_history_record (MhHistory             *self,
                   MhArticle             *article,
                   const MhArticleChange *edit)
{
  Step *last;
  Change *change;

  g_return_if_fail (MH_IS_HISTORY (self));
  g_return_if_fail (MH_IS_ARTICLE (article));
  g_return_if_fail (edit != NULL);

  if (self->replaying)
    return;

  g_ptr_array_set_size (self->redo, 0);

  if (self->open != NULL)
    {
      add_to_step (self->open, article, edit);
      return;
    }

  last = top (self->undo);
  change = last != NULL ? find_change (last, article) : NULL;
  if (self->mergeable && last != NULL && edit->path != NULL && edit->label == NULL
      && last->path != NULL && strcmp (last->path, edit->path) == 0
      && last->changes->len == 1 && change != NULL
      && change->generation == edit->generation
      && g_get_monotonic_time () - last->time < MERGE_USEC)
    {
      add_to_step (last, article, edit);
      last->time = g_get_monotonic_time ();
      notify_state (self);
      return;
    }

  last = step_new (NULL);
  last->label = edit->label != NULL ? g_strdup (edit->label) : label_for_path (edit->path);
  last->path = g_strdup (edit->path);
  add_to_step (last, article, edit);
  g_ptr_array_add (self->undo, last);
  self->mergeable = edit->path != NULL && edit->label == NULL;
  notify_state (self);
}

gsize
mh_history_get_step_size (MhHistory *self,
                          gboolean   undo)
{
  Step *step;
  gsize size = 0;

  g_return_val_if_fail (MH_IS_HISTORY (self), 0);

  step = top (undo ? self->undo : self->redo);
  for (guint i = 0; step != NULL && i < step->changes->len; i++)
    {
      Change *change = g_ptr_array_index (step->changes, i);

      size += sizeof (Change);
      if (change->patch != NULL)
        size += mh_patch_get_size (change->patch);
      size += (change->dropped->len + change->added->len) * sizeof (MhEdit);
    }
  return size;
}

guint
mh_history_get_step_n_records (MhHistory *self,
                               gboolean   undo)
{
  Step *step;

  g_return_val_if_fail (MH_IS_HISTORY (self), 0);

  step = top (undo ? self->undo : self->redo);
  return step != NULL ? step->changes->len : 0;
}

/* Plays one change back (undo) or forth (redo) through the record's public
 * API. A record whose bytes changed since (a reload) keeps them. */
static void
replay_change (Change   *change,
               gboolean  undo)
{
  g_autoptr(GError) error = NULL;

  if (change->patch != NULL)
    {
      g_autoptr(MhPatch) inverse = undo ? mh_patch_invert (change->patch) : NULL;

      if (!mh_article_apply_patch (change->article, undo ? inverse : change->patch, &error))
        {
          g_debug ("Cannot %s on %s: %s", undo ? "undo" : "redo",
                   mh_article_get_display_name (change->article), error->message);
          return;
        }
    }
  mh_article_splice_edits (change->article, change->generation,
                           undo ? change->added->len : change->dropped->len,
                           undo ? change->dropped : change->added);
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

void
mh_history_abort_step (MhHistory *self)
{
  g_return_if_fail (MH_IS_HISTORY (self));
  g_return_if_fail (self->depth == 1);

  self->depth = 0;
  g_clear_pointer (&self->open, step_free);
  self->mergeable = FALSE;
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
    replay_change (g_ptr_array_index (step->changes, i - 1), TRUE);
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
    replay_change (g_ptr_array_index (step->changes, i), FALSE);
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
