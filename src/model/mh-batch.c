/* mh-batch.c: one step over many records: plan, preview, apply, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-batch.h"
#include "mh-file.h"

typedef struct
{
  MhArticle     *article;
  GPtrArray     *edits;       /* MhEdit: given, or planned at preview; NULL */
  MhPatch       *patch;       /* CHANGE: what the edits do to the bytes */
  char          *reason;      /* REFUSED */
  GBytes        *base;        /* the preview's input, only while it runs */
  MhBatchOutcome outcome;
  guint          planned : 1;
} Entry;

struct _MhBatch
{
  GObject          parent_instance;

  char            *label;
  GArray          *entries;      /* Entry */
  GHashTable      *by_article;   /* MhArticle -> index + 1 */
  MhBatchPlanFunc  plan;
  gpointer         plan_data;
  GDestroyNotify   plan_destroy;
  guint            n_changes;
  guint            n_refusals;
  guint            n_unchanged;
};

G_DEFINE_FINAL_TYPE (MhBatch, mh_batch, G_TYPE_OBJECT)
G_DEFINE_QUARK (mh-batch-error-quark, mh_batch_error)

/* Below this many records the preview runs in the calling thread. */
#define THREAD_MIN_RECORDS 64

MhBatch *
mh_batch_new (const char *label)
{
  MhBatch *self = g_object_new (MH_TYPE_BATCH, NULL);

  self->label = g_strdup (label);
  return self;
}

const char *
mh_batch_get_label (MhBatch *self)
{
  g_return_val_if_fail (MH_IS_BATCH (self), NULL);
  return self->label;
}

void
mh_batch_set_label (MhBatch    *self,
                    const char *label)
{
  g_return_if_fail (MH_IS_BATCH (self));

  g_free (self->label);
  self->label = g_strdup (label);
}

void
mh_batch_set_plan_func (MhBatch         *self,
                        MhBatchPlanFunc  func,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  g_return_if_fail (MH_IS_BATCH (self));

  if (self->plan_destroy != NULL)
    self->plan_destroy (self->plan_data);
  self->plan = func;
  self->plan_data = user_data;
  self->plan_destroy = destroy;
}

static Entry *
entry_for (MhBatch   *self,
           MhArticle *article)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_article, article));
  Entry entry = { 0 };

  if (index > 0)
    return &g_array_index (self->entries, Entry, index - 1);
  entry.article = g_object_ref (article);
  entry.outcome = MH_BATCH_PENDING;
  g_array_append_val (self->entries, entry);
  g_hash_table_insert (self->by_article, article, GUINT_TO_POINTER (self->entries->len));
  return &g_array_index (self->entries, Entry, self->entries->len - 1);
}

/* A new plan for the record: its outcome is to be computed again. */
static void
entry_reset (MhBatch *self,
             Entry   *entry)
{
  switch (entry->outcome)
    {
    case MH_BATCH_CHANGE:
      self->n_changes--;
      break;
    case MH_BATCH_REFUSED:
      self->n_refusals--;
      break;
    case MH_BATCH_UNCHANGED:
      self->n_unchanged--;
      break;
    case MH_BATCH_PENDING:
    default:
      break;
    }
  entry->outcome = MH_BATCH_PENDING;
  g_clear_pointer (&entry->patch, mh_patch_free);
  g_clear_pointer (&entry->reason, g_free);
}

void
mh_batch_add_record (MhBatch   *self,
                     MhArticle *article)
{
  Entry *entry;

  g_return_if_fail (MH_IS_BATCH (self));
  g_return_if_fail (MH_IS_ARTICLE (article));

  entry = entry_for (self, article);
  entry_reset (self, entry);
  entry->planned = TRUE;
}

void
mh_batch_add_edit (MhBatch      *self,
                   MhArticle    *article,
                   const MhEdit *edit)
{
  Entry *entry;

  g_return_if_fail (MH_IS_BATCH (self));
  g_return_if_fail (MH_IS_ARTICLE (article));
  g_return_if_fail (edit != NULL);

  entry = entry_for (self, article);
  entry_reset (self, entry);
  if (entry->edits == NULL)
    entry->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_ptr_array_add (entry->edits, mh_edit_copy (edit));
}

static void
set_outcome (MhBatch        *self,
             Entry          *entry,
             MhBatchOutcome  outcome,
             const char     *reason)
{
  entry_reset (self, entry);
  entry->outcome = outcome;
  entry->reason = g_strdup (reason);
  if (outcome == MH_BATCH_CHANGE)
    self->n_changes++;
  else if (outcome == MH_BATCH_REFUSED)
    self->n_refusals++;
  else if (outcome == MH_BATCH_UNCHANGED)
    self->n_unchanged++;
}

void
mh_batch_add_outcome (MhBatch        *self,
                      MhArticle      *article,
                      MhBatchOutcome  outcome,
                      const char     *reason)
{
  g_return_if_fail (MH_IS_BATCH (self));
  g_return_if_fail (MH_IS_ARTICLE (article));
  g_return_if_fail (outcome == MH_BATCH_UNCHANGED || outcome == MH_BATCH_REFUSED);

  set_outcome (self, entry_for (self, article), outcome, reason);
}

guint
mh_batch_get_n_records (MhBatch *self)
{
  g_return_val_if_fail (MH_IS_BATCH (self), 0);
  return self->entries->len;
}

MhArticle *
mh_batch_get_article (MhBatch *self,
                      guint    index)
{
  g_return_val_if_fail (MH_IS_BATCH (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, index).article;
}

/* Preview ------------------------------------------------------------------ */

/* Worker: one record's new bytes on a scratch document. Touches only the
 * entry, the file and the plan's data. */
static void
preview_entry (MhBatch *self,
               Entry   *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MhDocument) document = NULL;
  g_autoptr(GPtrArray) planned = NULL;
  GPtrArray *edits = entry->edits;
  const char *reason;
  GBytes *after;

  if (entry->base == NULL)
    {
      MhFileContents *contents = mh_file_load (mh_article_get_file (entry->article), NULL, &error);

      if (contents == NULL)
        {
          entry->reason = g_strdup (error->message);
          entry->outcome = MH_BATCH_REFUSED;
          return;
        }
      if (contents->readonly_reason != NULL)
        {
          entry->reason = g_strdup_printf (_("Read-only: %s"), contents->readonly_reason);
          entry->outcome = MH_BATCH_REFUSED;
          mh_file_contents_free (contents);
          return;
        }
      entry->base = g_bytes_ref (contents->bytes);
      mh_file_contents_free (contents);
    }

  document = mh_document_new (entry->base);
  reason = mh_document_get_readonly_reason (document, NULL);
  if (reason != NULL)
    {
      entry->reason = g_strdup_printf (_("Read-only: %s"), reason);
      entry->outcome = MH_BATCH_REFUSED;
      return;
    }

  if (entry->planned && self->plan != NULL)
    {
      planned = self->plan (document, self->plan_data, &error);
      if (planned == NULL && error != NULL)
        {
          entry->reason = g_strdup (error->message);
          entry->outcome = MH_BATCH_REFUSED;
          return;
        }
      if (planned != NULL)
        {
          /* The plan's edits come after any given ones. */
          if (edits == NULL)
            entry->edits = edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
          for (guint i = 0; i < planned->len; i++)
            g_ptr_array_add (edits, g_steal_pointer (&g_ptr_array_index (planned, i)));
          g_ptr_array_set_free_func (planned, NULL);
        }
    }

  for (guint i = 0; edits != NULL && i < edits->len; i++)
    if (!mh_document_apply (document, g_ptr_array_index (edits, i), &error))
      {
        entry->reason = g_strdup (error->message);
        entry->outcome = MH_BATCH_REFUSED;
        return;
      }

  after = mh_document_get_bytes (document);
  entry->patch = mh_patch_new_diff (entry->base, after);
  if (entry->patch == NULL)
    {
      entry->outcome = MH_BATCH_UNCHANGED;
      return;
    }
  entry->outcome = MH_BATCH_CHANGE;
}

typedef struct
{
  MhBatch      *batch;
  GPtrArray    *todo;     /* Entry*, borrowed */
  guint         first;
  guint         step;
  GCancellable *cancellable;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;

  for (guint i = worker->first; i < worker->todo->len; i += worker->step)
    {
      Entry *entry = g_ptr_array_index (worker->todo, i);

      if (g_cancellable_is_cancelled (worker->cancellable))
        break;
      preview_entry (worker->batch, entry);
      g_clear_pointer (&entry->base, g_bytes_unref);
    }
  return NULL;
}

gboolean
mh_batch_preview (MhBatch       *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  guint n_threads;

  g_return_val_if_fail (MH_IS_BATCH (self), FALSE);

  /* On the main thread: what only it may read of the records. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->outcome != MH_BATCH_PENDING)
        continue;
      if (mh_article_get_readonly_reason (entry->article) != NULL)
        {
          g_autofree char *reason =
            g_strdup_printf (_("Read-only: %s"), mh_article_get_readonly_reason (entry->article));

          set_outcome (self, entry, MH_BATCH_REFUSED, reason);
          continue;
        }
      /* Held or modified: the record's bytes are not the file's. */
      if (mh_article_get_bytes (entry->article) != NULL)
        entry->base = g_bytes_ref (mh_article_get_bytes (entry->article));
      g_ptr_array_add (todo, entry);
    }

  n_threads = todo->len < THREAD_MIN_RECORDS ? 1 : CLAMP (g_get_num_processors (), 1, 4);
  if (n_threads == 1)
    {
      Worker worker = { self, todo, 0, 1, cancellable };
      worker_run (&worker);
    }
  else
    {
      Worker *workers = g_new0 (Worker, n_threads);
      GThread **threads = g_new0 (GThread *, n_threads);

      for (guint t = 0; t < n_threads; t++)
        {
          workers[t] = (Worker) { self, todo, t, n_threads, cancellable };
          threads[t] = g_thread_new ("mh-batch", worker_run, &workers[t]);
        }
      for (guint t = 0; t < n_threads; t++)
        g_thread_join (threads[t]);
      g_free (threads);
      g_free (workers);
    }

  for (guint i = 0; i < todo->len; i++)
    {
      Entry *entry = g_ptr_array_index (todo, i);

      g_clear_pointer (&entry->base, g_bytes_unref);
      if (entry->outcome == MH_BATCH_CHANGE)
        self->n_changes++;
      else if (entry->outcome == MH_BATCH_REFUSED)
        self->n_refusals++;
      else if (entry->outcome == MH_BATCH_UNCHANGED)
        self->n_unchanged++;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

guint
mh_batch_get_n_changes (MhBatch *self)
{
  g_return_val_if_fail (MH_IS_BATCH (self), 0);
  return self->n_changes;
}

guint
mh_batch_get_n_refusals (MhBatch *self)
{
  g_return_val_if_fail (MH_IS_BATCH (self), 0);
  return self->n_refusals;
}

guint
mh_batch_get_n_unchanged (MhBatch *self)
{
  g_return_val_if_fail (MH_IS_BATCH (self), 0);
  return self->n_unchanged;
}

char *
mh_batch_dup_summary (MhBatch *self)
{
  g_autofree char *changes = NULL;
  g_autofree char *refusals = NULL;

  g_return_val_if_fail (MH_IS_BATCH (self), NULL);

  changes = g_strdup_printf (ngettext ("%u record changes", "%u records change",
                                       self->n_changes), self->n_changes);
  if (self->n_refusals == 0)
    return g_steal_pointer (&changes);
  refusals = g_strdup_printf (ngettext ("%u would refuse", "%u would refuse",
                                        self->n_refusals), self->n_refusals);
  /* Translators: "312 records change, 3 would refuse" */
  return g_strdup_printf (_("%s, %s"), changes, refusals);
}

MhBatchOutcome
mh_batch_get_outcome (MhBatch *self,
                      guint    index)
{
  g_return_val_if_fail (MH_IS_BATCH (self), MH_BATCH_PENDING);
  g_return_val_if_fail (index < self->entries->len, MH_BATCH_PENDING);
  return g_array_index (self->entries, Entry, index).outcome;
}

const char *
mh_batch_get_reason (MhBatch *self,
                     guint    index)
{
  g_return_val_if_fail (MH_IS_BATCH (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, index).reason;
}

/* The record's bytes now, as the preview read them (held, else the file),
 * when they are still the ones the patch was made for. */
static GBytes *
current_base (Entry   *entry,
              GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (mh_article_get_bytes (entry->article) != NULL)
    bytes = g_bytes_ref (mh_article_get_bytes (entry->article));
  else
    {
      MhFileContents *contents = mh_file_load (mh_article_get_file (entry->article), NULL, error);

      if (contents == NULL)
        return NULL;
      bytes = g_bytes_ref (contents->bytes);
      mh_file_contents_free (contents);
    }
  if (g_bytes_get_size (bytes) != entry->patch->before_len
      || g_bytes_hash (bytes) != entry->patch->before_hash)
    {
      g_set_error (error, MH_BATCH_ERROR, MH_BATCH_ERROR_CHANGED,
                   _("“%s” changed since the preview"),
                   mh_article_get_display_name (entry->article));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

GBytes *
mh_batch_dup_bytes (MhBatch *self,
                    guint    index)
{
  Entry *entry;
  g_autoptr(GBytes) base = NULL;

  g_return_val_if_fail (MH_IS_BATCH (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  entry = &g_array_index (self->entries, Entry, index);
  if (entry->outcome != MH_BATCH_CHANGE || (base = current_base (entry, NULL)) == NULL)
    return NULL;
  return mh_patch_apply_bytes (entry->patch, base, NULL);
}

/* Line starts: the offset of the line holding @offset, and of the line
 * @n lines before it (or the text's start). */
static gsize
lines_back (const char *text,
            gsize       offset,
            guint       n)
{
  gsize at = offset;

  while (at > 0 && text[at - 1] != '\n')
    at--;
  for (guint i = 0; i < n && at > 0; i++)
    {
      at--;
      while (at > 0 && text[at - 1] != '\n')
        at--;
    }
  return at;
}

/* The end of the line holding @offset - 1 (just past its '\n'), then @n more. */
static gsize
lines_on (const char *text,
          gsize       len,
          gsize       offset,
          guint       n)
{
  gsize at = offset;

  if (at > 0 && text[at - 1] == '\n')
    ;
  else
    while (at < len && text[at++] != '\n')
      ;
  for (guint i = 0; i < n && at < len; i++)
    while (at < len && text[at++] != '\n')
      ;
  return at;
}

static guint
count_lines (const char *text,
             gsize       from,
             gsize       to)
{
  guint n = 0;

  for (gsize i = from; i < to; i++)
    n += text[i] == '\n';
  if (to > from && text[to - 1] != '\n')
    n++;
  return n;
}

static void
append_lines (GString    *out,
              char        mark,
              const char *text,
              gsize       from,
              gsize       to)
{
  while (from < to)
    {
      const char *nl = memchr (text + from, '\n', to - from);
      gsize end = nl != NULL ? (gsize) (nl - text) + 1 : to;

      g_string_append_c (out, mark);
      g_string_append_len (out, text + from, end - from);
      if (nl == NULL)
        g_string_append (out, "\n\\ No newline at end of file\n");
      from = end;
    }
}

char *
mh_batch_dup_diff (MhBatch *self,
                   guint    index)
{
  Entry *entry;
  g_autoptr(GBytes) base = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GString) out = NULL;
  const char *a, *b;
  gsize a_len, b_len, start, a_end, b_end, a_ctx, b_ctx, tail;
  gsize removed, inserted;

  g_return_val_if_fail (MH_IS_BATCH (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  entry = &g_array_index (self->entries, Entry, index);
  if (entry->outcome != MH_BATCH_CHANGE || (base = current_base (entry, NULL)) == NULL)
    return NULL;
  after = mh_patch_apply_bytes (entry->patch, base, NULL);
  if (after == NULL)
    return NULL;

  a = g_bytes_get_data (base, &a_len);
  b = g_bytes_get_data (after, &b_len);
  removed = g_bytes_get_size (entry->patch->removed);
  inserted = g_bytes_get_size (entry->patch->inserted);
  /* The changed lines, whole, and three lines around them. */
  start = lines_back (a, entry->patch->offset, 0);
  a_end = lines_on (a, a_len, entry->patch->offset + removed, 0);
  b_end = lines_on (b, b_len, entry->patch->offset + inserted, 0);
  /* Both texts end alike after the change: keep the ends in step. */
  tail = MIN (a_len - a_end, b_len - b_end);
  a_end = a_len - tail;
  b_end = b_len - tail;
  a_ctx = lines_back (a, start, 3);
  b_ctx = lines_on (a, a_len, a_end, 3);

  out = g_string_new (NULL);
  g_string_append_printf (out, "--- a/%s\n+++ b/%s\n",
                          mh_article_get_display_name (entry->article),
                          mh_article_get_display_name (entry->article));
  g_string_append_printf (out, "@@ -%u,%u +%u,%u @@\n",
                          count_lines (a, 0, a_ctx) + 1,
                          count_lines (a, a_ctx, start) + count_lines (a, start, a_end)
                          + count_lines (a, a_end, b_ctx),
                          count_lines (a, 0, a_ctx) + 1,
                          count_lines (a, a_ctx, start) + count_lines (b, start, b_end)
                          + count_lines (a, a_end, b_ctx));
  append_lines (out, ' ', a, a_ctx, start);
  append_lines (out, '-', a, start, a_end);
  append_lines (out, '+', b, start, b_end);
  append_lines (out, ' ', a, a_end, b_ctx);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gsize
mh_batch_get_size (MhBatch *self)
{
  gsize size;

  g_return_val_if_fail (MH_IS_BATCH (self), 0);

  size = self->entries->len * sizeof (Entry);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->patch != NULL)
        size += mh_patch_get_size (entry->patch);
      if (entry->edits != NULL)
        size += entry->edits->len * sizeof (MhEdit);
    }
  return size;
}

/* Apply --------------------------------------------------------------------- */

/* Takes back the first @n changes applied. */
static void
roll_back (MhBatch *self,
           GArray  *applied)
{
  for (guint i = applied->len; i > 0; i--)
    {
      Entry *entry = g_array_index (applied, Entry *, i - 1);
      g_autoptr(MhPatch) inverse = mh_patch_invert (entry->patch);
      g_autoptr(GError) error = NULL;

      if (!mh_article_apply_patch (entry->article, inverse, &error))
        g_debug ("Could not take back the batch on %s: %s",
                 mh_article_get_display_name (entry->article), error->message);
      mh_article_splice_edits (entry->article, mh_article_get_generation (entry->article),
                               entry->edits != NULL ? entry->edits->len : 0, NULL);
    }
}

/* @refused_stay: refusing records stay as they are instead of blocking the step. */
static gboolean
apply (MhBatch    *self,
       MhHistory  *history,
       gboolean    refused_stay,
       GError    **error)
{
  g_autoptr(GArray) applied = g_array_new (FALSE, FALSE, sizeof (Entry *));
  GError *local_error = NULL;

  if (self->n_changes + self->n_refusals + self->n_unchanged < self->entries->len
      && !mh_batch_preview (self, NULL, error))
    return FALSE;
  if (self->n_refusals > 0 && !refused_stay)
    {
      g_set_error (error, MH_BATCH_ERROR, MH_BATCH_ERROR_REFUSED,
                   ngettext ("%u record would refuse: nothing was changed",
                             "%u records would refuse: nothing was changed",
                             self->n_refusals), self->n_refusals);
      return FALSE;
    }
  if (self->n_changes == 0)
    return TRUE;

  if (history != NULL)
    mh_history_begin_step (history, self->label);
  for (guint i = 0; i < self->entries->len && local_error == NULL; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->outcome != MH_BATCH_CHANGE)
        continue;
      /* The patch applies only to the bytes the preview read. */
      if (!mh_article_apply_change (entry->article, entry->patch, entry->edits, self->label,
                                    &local_error))
        {
          g_prefix_error (&local_error, _("“%s” changed since the preview: "),
                          mh_article_get_display_name (entry->article));
          break;
        }
      g_array_append_val (applied, entry);
    }

  if (local_error != NULL)
    {
      roll_back (self, applied);
      if (history != NULL)
        mh_history_abort_step (history);
      g_set_error_literal (error, MH_BATCH_ERROR, MH_BATCH_ERROR_CHANGED, local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  if (history != NULL)
    mh_history_end_step (history);
  return TRUE;
}

gboolean
mh_batch_apply (MhBatch    *self,
                MhHistory  *history,
                GError    **error)
{
  g_return_val_if_fail (MH_IS_BATCH (self), FALSE);
  g_return_val_if_fail (history == NULL || MH_IS_HISTORY (history), FALSE);

  return apply (self, history, FALSE, error);
}

gboolean
mh_batch_apply_changes (MhBatch    *self,
                        MhHistory  *history,
                        GError    **error)
{
  g_return_val_if_fail (MH_IS_BATCH (self), FALSE);
  g_return_val_if_fail (history == NULL || MH_IS_HISTORY (history), FALSE);

  return apply (self, history, TRUE, error);
}

/* GObject ------------------------------------------------------------------- */

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->article);
  g_clear_pointer (&entry->edits, g_ptr_array_unref);
  g_clear_pointer (&entry->patch, mh_patch_free);
  g_clear_pointer (&entry->reason, g_free);
  g_clear_pointer (&entry->base, g_bytes_unref);
}

static void
mh_batch_finalize (GObject *object)
{
  MhBatch *self = MH_BATCH (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->by_article, g_hash_table_unref);
  g_clear_pointer (&self->label, g_free);
  if (self->plan_destroy != NULL)
    self->plan_destroy (self->plan_data);

  G_OBJECT_CLASS (mh_batch_parent_class)->finalize (object);
}

static void
mh_batch_class_init (MhBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mh_batch_finalize;
}

static void
mh_batch_init (MhBatch *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->by_article = g_hash_table_new (NULL, NULL);
}
