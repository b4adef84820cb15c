/* mh-collection-save.c: Save All off the main thread, with progress, cancel and failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-collection.h"

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
  GPtrArray          *jobs;       /* SaveJob, in list order */
  GAsyncQueue        *done;       /* SaveJob written (or not) by the worker */
  GPtrArray          *failed;     /* MhSaveFailure */
  GThread            *thread;
  GCancellable       *cancellable;
  MhSaveProgressFunc  progress;
  gpointer            progress_data;
  guint               n_finished;
  guint               n_written;
  guint               poll_id;
  int                 worker_done;  /* atomic */
} SaveAll;

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
  g_clear_pointer (&data->jobs, g_ptr_array_unref);
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

  for (guint i = 0; i < data->jobs->len; i++)
    {
      SaveJob *job = g_ptr_array_index (data->jobs, i);

      if (job->contents != NULL
          && !g_cancellable_set_error_if_cancelled (data->cancellable, &job->error))
        mh_file_save (job->contents, job->mine, &job->written, data->cancellable, &job->error);
      g_async_queue_push (data->done, job);
    }
  g_atomic_int_set (&data->worker_done, 1);
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
      g_signal_emit_by_name (data->collection, "saved", job->article, outcome);
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  SaveAll *data = g_task_get_task_data (task);
  gint64 end = g_get_monotonic_time () + SLICE_USEC;
  guint n_before = data->n_finished;
  SaveJob *job;

  while (g_get_monotonic_time () < end && (job = g_async_queue_try_pop (data->done)) != NULL)
    {
      finish_job (data, job);
      data->n_finished++;
    }
  if (data->progress != NULL && data->n_finished != n_before)
    data->progress (data->n_finished, data->jobs->len, data->progress_data);

  if (data->n_finished < data->jobs->len)
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
  g_autoptr(GPtrArray) modified = NULL;
  GTask *task;
  SaveAll *data;

  g_return_if_fail (MH_IS_COLLECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mh_collection_save_all_async);
  data = g_new0 (SaveAll, 1);
  data->collection = g_object_ref (self);
  data->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) save_job_free);
  data->done = g_async_queue_new ();
  data->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_save_failure_free);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) save_all_free);

  /* What to write is taken on the main thread, in list order. */
  modified = mh_collection_dup_modified (self);
  for (guint i = 0; i < modified->len; i++)
    {
      MhArticle *article = g_ptr_array_index (modified, i);
      g_autoptr(GError) error = NULL;
      SaveJob *job = g_new0 (SaveJob, 1);

      job->article = g_object_ref (article);
      if (!_mh_article_begin_save (article, &job->contents, &job->mine, &error))
        {
          add_failure (data, article, g_steal_pointer (&error));
          save_job_free (job);
          continue;
        }
      g_ptr_array_add (data->jobs, job);
    }

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
