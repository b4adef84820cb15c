/* mh-collection-save.c: saving a collection's records: one, all (also off the main thread), conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-collection-private.h"

/* Saving ------------------------------------------------------------------- */

gboolean
mh_collection_save (MhCollection   *self,
                    MhArticle      *article,
                    MhSaveOutcome  *outcome,
                    GCancellable   *cancellable,
                    GError        **error)
{
  MhSaveOutcome result = MH_SAVE_UNCHANGED;

  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);

  if (outcome != NULL)
    *outcome = MH_SAVE_UNCHANGED;
  if (!_mh_article_save (article, &result, cancellable, error))
    return FALSE;
  if (outcome != NULL)
    *outcome = result;
  if (result != MH_SAVE_UNCHANGED)
    _mh_collection_emit_saved (self, article, result);
  return TRUE;
}

guint
mh_collection_save_all (MhCollection  *self,
                        GPtrArray    **failed,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) modified = NULL;
  guint n_written = 0;

  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);

  if (failed != NULL)
    *failed = g_ptr_array_new_with_free_func (g_object_unref);

  modified = mh_collection_dup_modified (self);
  for (guint i = 0; i < modified->len; i++)
    {
      MhArticle *article = g_ptr_array_index (modified, i);
      g_autoptr(GError) local_error = NULL;
      MhSaveOutcome outcome;

      if (mh_collection_save (self, article, &outcome, cancellable, &local_error))
        {
          if (outcome != MH_SAVE_UNCHANGED)
            n_written++;
          continue;
        }
      if (failed != NULL)
        g_ptr_array_add (*failed, g_object_ref (article));
      if (error != NULL && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return n_written;
}

gboolean
mh_collection_resolve_conflict (MhCollection      *self,
                                MhArticle         *article,
                                MhConflictChoice   choice,
                                GFile             *save_as,
                                GError           **error)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (choice != MH_CONFLICT_SAVE_AS || G_IS_FILE (save_as), FALSE);

  if (!_mh_article_resolve_conflict (article, choice, save_as, error))
    return FALSE;
  if (choice == MH_CONFLICT_KEEP_MINE)
    _mh_collection_emit_saved (self, article, MH_SAVE_WRITTEN);
  return TRUE;
}

void
mh_collection_revert_all (MhCollection *self)
{
  g_autoptr(GPtrArray) modified = NULL;

  g_return_if_fail (MH_IS_COLLECTION (self));

  modified = mh_collection_dup_modified (self);
  if (modified->len == 0)
    return;
  mh_history_begin_step (self->history, _("Revert all"));
  for (guint i = 0; i < modified->len; i++)
    mh_article_revert (g_ptr_array_index (modified, i));
  mh_history_end_step (self->history);
}

GPtrArray *
mh_collection_dup_modified (MhCollection *self)
{
  GPtrArray *modified = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MH_IS_COLLECTION (self), modified);

  /* In list order, not hash order, so saves happen predictably. */
  for (guint i = 0; i < self->items->len; i++)
    {
      MhArticle *article = g_ptr_array_index (self->items, i);

      if (g_hash_table_contains (self->modified, article))
        g_ptr_array_add (modified, g_object_ref (article));
    }
  return modified;
}

/* Save All off the main thread ----------------------------------------------- */

/* The main thread finishes saved records in slices this long, so the
 * window stays responsive while 10,000 of them are written. */
#define SLICE_USEC (8 * 1000)
#define POLL_MSEC  5

typedef struct
{
  MhArticle      *article;
  MhFileContents *contents;  /* what the write checks the file against */
  GBytes         *mine;      /* what it writes */
  GError         *error;
  gboolean        written;
} SaveJob;

typedef struct
{
  MhCollection       *collection;
  GPtrArray          *modified;   /* MhArticle, in list order */
  guint               n_prepared; /* of them, handed to the worker or failed */
  GAsyncQueue        *todo;       /* SaveJob for the worker, then the end mark */
  GAsyncQueue        *done;       /* SaveJob written (or not) by the worker */
  GPtrArray          *failed;     /* MhSaveFailure */
  GThread            *thread;
  GCancellable       *cancellable;
  MhSaveProgressFunc  progress;
  gpointer            progress_data;
  guint               n_finished;
  guint               n_written;
  guint               poll_id;
} SaveAll;

/* What the worker takes as "no more jobs". */
static SaveJob end_mark;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->article);
  g_clear_pointer (&job->contents, mh_file_contents_free);
  g_clear_pointer (&job->mine, g_bytes_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
save_all_free (SaveAll *data)
{
  g_clear_pointer (&data->modified, g_ptr_array_unref);
  g_clear_pointer (&data->todo, g_async_queue_unref);
  g_clear_pointer (&data->done, g_async_queue_unref);
  g_clear_pointer (&data->failed, g_ptr_array_unref);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->collection);
  g_free (data);
}

static void
add_failure (SaveAll   *data,
             MhArticle *article,
             GError    *error)
{
  MhSaveFailure *failure = g_new0 (MhSaveFailure, 1);

  failure->article = g_object_ref (article);
  failure->error = error;
  g_ptr_array_add (data->failed, failure);
}

/* Worker: only writes files; the records are the main thread's. */
static gpointer
save_thread (gpointer user_data)
{
  SaveAll *data = user_data;
  SaveJob *job;

  while ((job = g_async_queue_pop (data->todo)) != &end_mark)
    {
      /* Cancelling stops between files: a write in progress completes, so
       * a file is never left written while its record thinks it is not. */
      if (job->contents != NULL
          && !g_cancellable_set_error_if_cancelled (data->cancellable, &job->error))
        mh_file_save (job->contents, job->mine, &job->written, NULL, &job->error);
      g_async_queue_push (data->done, job);
    }
  return NULL;
}

/* Main thread: the record learns it was saved, or why not. */
static void
finish_job (SaveAll *data,
            SaveJob *job)
{
  MhSaveOutcome outcome = MH_SAVE_UNCHANGED;

  if (job->contents == NULL)
    return;  /* nothing to write */
  if (job->error == NULL)
    {
      _mh_article_end_save (job->article, job->mine, job->contents->etag);
      outcome = job->written ? MH_SAVE_WRITTEN : MH_SAVE_UNCHANGED;
    }
  else if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* not saved, still modified: no failure */
  else if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      /* Changed on disk since it was read: the blocking path re-reads,
       * replays the edits onto it or reports the conflict. */
      g_autoptr(GError) error = NULL;

      if (!mh_collection_save (data->collection, job->article, &outcome, NULL, &error))
        {
          add_failure (data, job->article, g_steal_pointer (&error));
          return;
        }
      if (outcome != MH_SAVE_UNCHANGED)
        data->n_written++;
      return;  /* mh_collection_save() said ::saved */
    }
  else
    {
      add_failure (data, job->article, g_steal_pointer (&job->error));
      return;
    }

  if (outcome != MH_SAVE_UNCHANGED)
    {
      data->n_written++;
      _mh_collection_emit_saved (data->collection, job->article, outcome);
    }
}

/* Takes what to write from the next record, on the main thread. */
static void
prepare_next (SaveAll *data)
{
  MhArticle *article = g_ptr_array_index (data->modified, data->n_prepared++);
  g_autoptr(GError) error = NULL;
  SaveJob *job = g_new0 (SaveJob, 1);

  job->article = g_object_ref (article);
  if (!_mh_article_begin_save (article, &job->contents, &job->mine, &error))
    {
      add_failure (data, article, g_steal_pointer (&error));
      save_job_free (job);
      data->n_finished++;
      return;
    }
  g_async_queue_push (data->todo, job);
}

/* Each slice finishes what the worker wrote, then hands it more. */
static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  SaveAll *data = g_task_get_task_data (task);
  gint64 end = g_get_monotonic_time () + SLICE_USEC;
  guint total = data->modified->len;
  guint n_before = data->n_finished;
  SaveJob *job;

  while (g_get_monotonic_time () < end && (job = g_async_queue_try_pop (data->done)) != NULL)
    {
      finish_job (data, job);
      save_job_free (job);
      data->n_finished++;
    }
  while (data->n_prepared < total && g_get_monotonic_time () < end)
    {
      prepare_next (data);
      if (data->n_prepared == total)
        g_async_queue_push (data->todo, &end_mark);
    }
  if (data->progress != NULL && data->n_finished != n_before)
    data->progress (data->n_finished, total, data->progress_data);

  if (data->n_finished < total)
    return G_SOURCE_CONTINUE;

  data->poll_id = 0;
  g_thread_join (g_steal_pointer (&data->thread));
  if (g_cancellable_is_cancelled (data->cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             _("Saving was cancelled"));
  else
    g_task_return_int (task, data->n_written);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

void
mh_collection_save_all_async (MhCollection        *self,
                              MhSaveProgressFunc   progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  SaveAll *data;

  g_return_if_fail (MH_IS_COLLECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mh_collection_save_all_async);
  data = g_new0 (SaveAll, 1);
  data->collection = g_object_ref (self);
  /* In list order; what to write is taken slice by slice (poll_cb). */
  data->modified = mh_collection_dup_modified (self);
  data->todo = g_async_queue_new ();
  data->done = g_async_queue_new ();
  data->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_save_failure_free);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) save_all_free);

  if (data->modified->len == 0)
    g_async_queue_push (data->todo, &end_mark);
  data->thread = g_thread_new ("mh-save-all", save_thread, data);
  data->poll_id = g_timeout_add (POLL_MSEC, poll_cb, task);
}

guint
mh_collection_save_all_finish (MhCollection  *self,
                               GAsyncResult  *result,
                               GPtrArray    **failed,
                               GError       **error)
{
  SaveAll *data;
  gssize n_written;

  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  data = g_task_get_task_data (G_TASK (result));
  if (failed != NULL)
    *failed = g_ptr_array_ref (data->failed);
  n_written = g_task_propagate_int (G_TASK (result), error);
  return n_written < 0 ? data->n_written : (guint) n_written;
}
