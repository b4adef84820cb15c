/* mh-collection.c: the records of a folder, as a GListModel of MhArticle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>

#include <string.h>

#include <glib/gi18n.h>

#include "mh-article-private.h"
#include "mh-collection-private.h"
#include "mh-duplicates-file.h"
#include "mh-health-index.h"
#include "mh-file.h"
#include "mh-search-index.h"

/* Records reach the list in batches: often enough to look live, rarely
 * enough that the view does not re-sort per record. */
#define FLUSH_INTERVAL_MS 50
#define N_WORKERS         2
struct _LoadJob
{
  gatomicrefcount  ref_count;
  MhCollection    *self;        /* borrowed: the task holds a reference */
  GFile           *folder;
  GTask           *task;
  GCancellable    *cancellable;
  GThread         *scanner;
  GThreadPool     *pool;
  guint            flush_id;
  int              stale;       /* atomic: a newer load replaced this one */

  GMutex           mutex;       /* guards what follows */
  GPtrArray       *ready;       /* MhArticle loaded, not yet in the list */
  GPtrArray       *dirs;        /* GFile folders seen, to monitor */
  guint            n_total;
  guint            n_done;
  gboolean         scan_done;
};

/* How many requests ahead get_item() prefetches the article; the array
 * slot goes twice as far ahead. */
#define AHEAD_DISTANCE 8


static void mh_collection_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MhCollection, mh_collection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mh_collection_list_model_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_HISTORY,
  PROP_LOADING,
  PROP_N_LOADED,
  PROP_N_TOTAL,
  PROP_PROGRESS,
  PROP_N_MODIFIED,
  PROP_N_PROBLEMS,
  N_PROPS
};

enum {
  ARTICLE_CHANGED,
  SAVED,
  HEALTH_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GListModel */

static GType
mh_collection_get_item_type (GListModel *model)
{
  return MH_TYPE_ARTICLE;
}

static guint
mh_collection_get_n_items (GListModel *model)
{
  return MH_COLLECTION (model)->items->len;
}

/* A sort model over 100,000 records asks for them in its own order, so each
 * request misses the cache twice (the array slot, then the article).
 * Refiltering asks again in the same order: the collection remembers the
 * order of the requests and, while the list model works on one record,
 * prefetches the slot 2 * AHEAD_DISTANCE requests ahead and the article
 * AHEAD_DISTANCE ahead (its slot came in by then). The order is read
 * front to back, so remembering costs no misses of its own. A stray
 * request (a row drawn) moves the cursor to where that position was; two
 * in a row mean a new order, recorded over the old one as it comes. Wrong
 * guesses only cost a prefetch. */
static void
read_ahead (MhCollection *self,
            guint         position)
{
  guint len = self->items->len;
  guint c, ahead, index;

  if (len < 4 * AHEAD_DISTANCE)
    return;
  /* Appending keeps positions. After a removal some entries are wrong until
   * the next pass records it: every entry is checked before use. */
  if (self->n_order < len)
    {
      self->order = g_renew (guint, self->order, len);
      self->order_index = g_renew (guint, self->order_index, len);
      memset (self->order + self->n_order, 0xff, sizeof (guint) * (len - self->n_order));
      memset (self->order_index + self->n_order, 0xff, sizeof (guint) * (len - self->n_order));
      self->n_order = len;
    }
  if (self->cursor >= len)
    self->cursor = 0;

  c = self->cursor;
  if (self->order[c] != position)
    {
      index = self->order_index[position];
      if (self->misses++ == 0 && index < len && self->order[index] == position)
        c = index;
      else
        {
          self->order[c] = position;
          self->order_index[position] = c;
        }
    }
  else
    self->misses = 0;
  self->cursor = c = c + 1 < len ? c + 1 : 0;

  ahead = c + 2 * AHEAD_DISTANCE - 1;
  ahead = self->order[ahead < len ? ahead : ahead - len];
  if (ahead < len)
    __builtin_prefetch (&self->items->pdata[ahead]);
  ahead = c + AHEAD_DISTANCE - 1;
  ahead = self->order[ahead < len ? ahead : ahead - len];
  if (ahead < len)
    __builtin_prefetch (self->items->pdata[ahead]);
}

static gpointer
mh_collection_get_item (GListModel *model,
                        guint       position)
{
  MhCollection *self = MH_COLLECTION (model);

  if (position >= self->items->len)
    return NULL;
  read_ahead (self, position);
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
mh_collection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mh_collection_get_item_type;
  iface->get_n_items = mh_collection_get_n_items;
  iface->get_item = mh_collection_get_item;
}

/* Records */

/* What the collection hears from its records. */
static void
article_edited_cb (MhArticle             *article,
                   const MhArticleChange *change,
                   gpointer               user_data)
{
  MhCollection *self = user_data;

  mh_history_record (self->history, article, change);
}

static void article_changed_cb (MhArticle *article,
                                gpointer   user_data);

static void
search_text_changed_cb (MhArticle *article,
                        gpointer   user_data)
{
  MhCollection *self = user_data;

  if (article->search_slot < mh_search_index_get_n_slots (self->search))
    _mh_article_borrow_search_text (article,
                                    mh_search_index_replace (self->search, article->search_slot,
                                                             article->search_text));
}

static const MhArticleObserver observer = {
  .edited = article_edited_cb,
  .changed = article_changed_cb,
  .search_text_changed = search_text_changed_cb,
};

/* Search slots are appended in load order. */
static void
attach (MhCollection *self,
        MhArticle    *article)
{
  const char *copy = NULL;

  mh_article_set_observer (article, &observer, self);
  article->search_slot = mh_search_index_append (self->search, article->search_text, &copy);
  _mh_article_borrow_search_text (article, copy);
}

static void
detach (MhCollection *self,
        MhArticle    *article)
{
  mh_search_index_forget (self->search, article->search_slot);
  _mh_article_own_search_text (article);
  mh_article_set_observer (article, NULL, NULL);
}

/* Forgets every slot: a search scans the next records afresh. */
static void
detach_all (MhCollection *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      MhArticle *article = g_ptr_array_index (self->items, i);

      /* Copying 100,000 texts back only for them to be freed with the list
       * stalls a reload: the ones nobody else holds just forget theirs. */
      if (g_atomic_int_get (&G_OBJECT (article)->ref_count) == 1)
        _mh_article_drop_search_text (article);
      else
        _mh_article_own_search_text (article);
      mh_article_set_observer (article, NULL, NULL);
    }
  mh_search_index_clear (self->search);
}

/* Whether any component of @file below the folder is hidden. */
gboolean
_mh_collection_is_hidden (MhCollection *self,
                          GFile        *file)
{
  g_autofree char *relative = NULL;
  g_auto(GStrv) parts = NULL;

  if (self->folder == NULL)
    return TRUE;
  relative = g_file_get_relative_path (self->folder, file);
  if (relative == NULL)
    return !g_file_equal (self->folder, file);
  parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (mh_file_is_hidden (parts[i]))
      return TRUE;
  return FALSE;
}

/* Whether @file can be a record, from its name or its first bytes, without
 * reading all of a large file that is not one. */
static gboolean
looks_like_record (GFile        *file,
                   const char   *name,
                   GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  char head[16];
  gsize n_read = 0;

  if (mh_file_is_record (name, "", 0))
    return TRUE;
  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n_read,
                                cancellable, NULL))
    return FALSE;
  return mh_file_is_record (name, head, n_read);
}

/* Blocking: loader threads and the monitor. NULL when @file is no record. */
MhArticle *
_mh_collection_load_record (GFile        *folder,
                            GFile        *file,
                            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *relative = g_file_get_relative_path (folder, file);
  MhFileContents *contents;
  const char *data;
  gsize len;

  if (relative == NULL)
    relative = g_strdup (name);

  if (!looks_like_record (file, name, cancellable))
    {
      /* An unreadable file shows as a read-only record when its name says
       * it is one; otherwise we cannot know. */
      return NULL;
    }

  contents = mh_file_load (file, cancellable, &error);
  if (contents == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      return _mh_article_new_loaded (file, relative, NULL, error);
    }

  data = g_bytes_get_data (contents->bytes, &len);
  if (!mh_file_is_record (name, data, len))
    {
      mh_file_contents_free (contents);
      return NULL;
    }
  return _mh_article_new_loaded (file, relative, contents, NULL);
}

static void
notify_counts (MhCollection *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

static void
track (MhCollection *self,
       MhArticle    *article)
{
  if (mh_article_get_modified (article))
    g_hash_table_add (self->modified, article);
  else
    g_hash_table_remove (self->modified, article);
  if (mh_article_get_n_problems (article) > 0)
    g_hash_table_add (self->problems, article);
  else
    g_hash_table_remove (self->problems, article);
}

/* Hands the article's new rule record (if its summary changed) to the
 * index; @affected (nullable) gets the ids whose problems may have changed. */
static void
track_health (MhCollection *self,
              MhArticle    *article,
              GPtrArray    *affected)
{
  MhHealthRecord *record = _mh_article_take_health (article);

  if (record != NULL)
    mh_health_index_update (self->health, record, affected);
}

/* "health-changed" with @affected's ids, or NULL: every record. */
static void
emit_health_changed (MhCollection *self,
                     GPtrArray    *affected)
{
  g_auto(GStrv) ids = NULL;

  if (affected != NULL && affected->len == 0)
    return;
  if (affected != NULL)
    {
      ids = g_new0 (char *, affected->len + 1);
      for (guint i = 0; i < affected->len; i++)
        ids[i] = g_strdup (g_ptr_array_index (affected, i));
    }
  g_signal_emit (self, signals[HEALTH_CHANGED], 0, ids);
}

static void
article_changed_cb (MhArticle *article,
                    gpointer   user_data)
{
  MhCollection *self = user_data;
  g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);
  guint n_modified = g_hash_table_size (self->modified);
  guint n_problems = g_hash_table_size (self->problems);

  track (self, article);
  track_health (self, article, affected);
  if (self->journal != NULL)
    _mh_collection_keep_journal (self, article);
  if (n_modified != g_hash_table_size (self->modified))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODIFIED]);
  if (n_problems != g_hash_table_size (self->problems))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
  g_signal_emit (self, signals[ARTICLE_CHANGED], 0, article);
  emit_health_changed (self, affected);
}

/* Appends @articles (taking them) that are not in the list yet. */
void
_mh_collection_append_articles (MhCollection *self,
                                GPtrArray    *articles)
{
  g_autoptr(GPtrArray) affected = NULL;
  guint position = self->items->len;
  guint n_added = 0;

  /* While loading, the rules are announced once at the end. */
  if (!self->loading)
    affected = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < articles->len; i++)
    {
      MhArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *path = g_file_get_path (mh_article_get_file (article));

      if (path == NULL || g_hash_table_contains (self->by_path, path))
        continue;
      attach (self, article);
      g_ptr_array_add (self->items, g_object_ref (article));
      g_hash_table_insert (self->by_path, g_steal_pointer (&path), article);
      track (self, article);
      track_health (self, article, affected);
      n_added++;
    }

  if (n_added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_added);
      notify_counts (self);
      if (affected != NULL)
        emit_health_changed (self, affected);
    }
}

void
_mh_collection_remove_article (MhCollection *self,
                               MhArticle    *article)
{
  g_autofree char *path = g_file_get_path (mh_article_get_file (article));
  g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);
  guint position;

  if (!mh_collection_find (self, article, &position))
    return;

  mh_health_index_remove (self->health, mh_article_get_display_name (article), affected);
  g_hash_table_remove (self->by_path, path);
  g_hash_table_remove (self->modified, article);
  g_hash_table_remove (self->problems, article);
  detach (self, article);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  notify_counts (self);
  emit_health_changed (self, affected);
}

static void
clear_items (MhCollection *self)
{
  guint n = self->items->len;

  detach_all (self);
  g_hash_table_remove_all (self->by_path);
  g_hash_table_remove_all (self->modified);
  g_hash_table_remove_all (self->problems);
  g_clear_pointer (&self->health, mh_health_index_free);
  self->health = mh_health_index_new ();
  g_ptr_array_set_size (self->items, 0);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  notify_counts (self);
}

/* Loading */

static LoadJob *
load_job_ref (LoadJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
load_job_unref (LoadJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  g_assert (job->flush_id == 0);
  if (job->pool != NULL)
    g_thread_pool_free (job->pool, TRUE, TRUE);
  if (job->scanner != NULL)
    g_thread_join (job->scanner);
  g_clear_object (&job->folder);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->ready, g_ptr_array_unref);
  g_clear_pointer (&job->dirs, g_ptr_array_unref);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static gboolean
job_cancelled (LoadJob *job)
{
  return g_atomic_int_get (&job->stale)
         || (job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable));
}

/* Loader threads yield to the main thread: on two cores, two busy loaders
 * would otherwise keep the window waiting for its turn. On Linux the nice
 * value belongs to the calling thread. */
static void
lower_thread_priority (void)
{
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      (void) setpriority (PRIO_PROCESS, 0, 5);
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
}

static void
load_one (gpointer data,
          gpointer user_data)
{
  g_autoptr(GFile) file = data;
  LoadJob *job = user_data;
  MhArticle *article = NULL;

  lower_thread_priority ();

  if (!job_cancelled (job))
    article = _mh_collection_load_record (job->folder, file, job->cancellable);

  g_mutex_lock (&job->mutex);
  if (article != NULL)
    g_ptr_array_add (job->ready, article);
  job->n_done++;
  g_mutex_unlock (&job->mutex);
}

static gpointer
scan_thread (gpointer data)
{
  LoadJob *job = data;
  g_autoptr(GQueue) folders = g_queue_new ();

  g_queue_push_tail (folders, g_object_ref (job->folder));
  while (!g_queue_is_empty (folders))
    {
      g_autoptr(GFile) folder = g_queue_pop_head (folders);
      g_autoptr(GFileEnumerator) enumerator = NULL;
      g_autoptr(GError) error = NULL;

      if (job_cancelled (job))
        continue;

      g_mutex_lock (&job->mutex);
      g_ptr_array_add (job->dirs, g_object_ref (folder));
      g_mutex_unlock (&job->mutex);

      enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                              G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                              job->cancellable, &error);
      if (enumerator == NULL)
        {
          g_debug ("Cannot list a folder: %s", error->message);
          continue;
        }

      while (!job_cancelled (job))
        {
          GFileInfo *info;
          GFile *child;
          MhFileEntry entry;

          if (!g_file_enumerator_iterate (enumerator, &info, &child, job->cancellable, NULL)
              || info == NULL)
            break;
          /* Symlinked folders are not followed, so no loop is possible;
           * what is no regular file but named like a record is loaded, to
           * show read-only with the reason (see mh_file_classify_entry()). */
          entry = mh_file_classify_entry (g_file_peek_path (child), g_file_info_get_name (info),
                                          g_file_info_get_file_type (info));
          if (entry == MH_FILE_ENTRY_FOLDER)
            g_queue_push_tail (folders, g_object_ref (child));
          else if (entry == MH_FILE_ENTRY_FILE)
            {
              g_mutex_lock (&job->mutex);
              job->n_total++;
              g_mutex_unlock (&job->mutex);
              g_thread_pool_push (job->pool, g_object_ref (child), NULL);
            }
        }
    }

  while (!g_queue_is_empty (folders))
    g_object_unref (g_queue_pop_head (folders));

  g_mutex_lock (&job->mutex);
  job->scan_done = TRUE;
  g_mutex_unlock (&job->mutex);
  return NULL;
}

static void
set_loading (MhCollection *self,
             gboolean      loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
flush_cb (gpointer data)
{
  LoadJob *job = data;
  MhCollection *self = job->self;
  g_autoptr(GPtrArray) ready = NULL;
  g_autoptr(GPtrArray) dirs = NULL;
  gboolean done;
  guint n_total, n_done;

  g_mutex_lock (&job->mutex);
  ready = g_steal_pointer (&job->ready);
  job->ready = g_ptr_array_new_with_free_func (g_object_unref);
  dirs = g_steal_pointer (&job->dirs);
  job->dirs = g_ptr_array_new_with_free_func (g_object_unref);
  done = job->scan_done && job->n_done == job->n_total;
  n_total = job->n_total;
  n_done = job->n_done;
  g_mutex_unlock (&job->mutex);

  if (!g_atomic_int_get (&job->stale))
    {
      _mh_collection_append_articles (self, ready);
      for (guint i = 0; i < dirs->len; i++)
        _mh_collection_add_monitor (self, g_ptr_array_index (dirs, i));

      g_object_freeze_notify (G_OBJECT (self));
      if (self->n_total != n_total)
        {
          self->n_total = n_total;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
        }
      if (self->n_loaded != n_done)
        {
          self->n_loaded = n_done;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
        }
      g_object_thaw_notify (G_OBJECT (self));
    }

  if (!done)
    return G_SOURCE_CONTINUE;

  job->flush_id = 0;
  g_thread_pool_free (g_steal_pointer (&job->pool), FALSE, TRUE);
  g_thread_join (g_steal_pointer (&job->scanner));

  if (self->job == job)
    {
      self->job = NULL;
      set_loading (self, FALSE);
      /* So that the first edit does not build it. */
      mh_health_index_prepare_updates (self->health);
      emit_health_changed (self, NULL);
      /* Events that arrived while loading may name records loaded since. */
      _mh_collection_process_pending (self);
    }

  if (g_atomic_int_get (&job->stale))
    g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Another folder was opened"));
  else if (job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable))
    g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Loading was cancelled"));
  else
    g_task_return_boolean (job->task, TRUE);
  g_clear_object (&job->task);
  return G_SOURCE_REMOVE;
}

/* The folder's "not a duplicate" pairs into the (new, empty) index. A file
 * that does not parse is kept aside with its reason, never rewritten. */
static void
load_not_duplicates (MhCollection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = mh_duplicates_file_read (self->folder, NULL, &error);

  g_clear_pointer (&self->health_error, g_free);
  if (pairs == NULL)
    {
      self->health_error = g_strdup (error->message);
      return;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      const MhPathPair *pair = g_ptr_array_index (pairs, i);

      mh_health_index_add_not_duplicate (self->health, pair->a, pair->b);
    }
}

/**
 * mh_collection_get_health:
 *
 * The collection rules over every loaded record, kept up to date as
 * records load, change and go (records are named by their display name,
 * the path relative to the folder). "health-changed" says when.
 *
 * Returns: (transfer none): the index
 */
MhHealthIndex *
mh_collection_get_health (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), NULL);

  return self->health;
}

/* Why the folder's not-duplicates file was not read, or NULL. */
const char *
mh_collection_get_health_error (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), NULL);

  return self->health_error;
}

/**
 * mh_collection_mark_not_duplicate:
 *
 * Stores that @a and @b are not duplicates in the folder's
 * `.masthead/not-duplicates` (replaced atomically) and stops pairing them.
 *
 * Returns: whether it was stored
 */
gboolean
mh_collection_mark_not_duplicate (MhCollection  *self,
                                  MhArticle     *a,
                                  MhArticle     *b,
                                  GError       **error)
{
  g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func (g_free);
  const char *id_a;
  const char *id_b;

  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (a) && MH_IS_ARTICLE (b), FALSE);

  if (self->health_error != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, self->health_error);
      return FALSE;
    }
  id_a = mh_article_get_display_name (a);
  id_b = mh_article_get_display_name (b);
  if (self->folder == NULL
      || !mh_duplicates_file_add (self->folder, id_a, id_b, NULL, error))
    return FALSE;
  mh_health_index_add_not_duplicate (self->health, id_a, id_b);
  g_ptr_array_add (affected, g_strdup (id_a));
  g_ptr_array_add (affected, g_strdup (id_b));
  emit_health_changed (self, affected);
  return TRUE;
}

void
mh_collection_load_async (MhCollection        *self,
                          GFile               *folder,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GSource *source;
  LoadJob *job;

  g_return_if_fail (MH_IS_COLLECTION (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mh_collection_load_async);

  if (self->job != NULL)
    {
      g_atomic_int_set (&self->job->stale, TRUE);
      self->job = NULL;
    }
  _mh_collection_remove_monitors (self);
  clear_items (self);
  mh_history_clear (self->history);
  g_set_object (&self->folder, folder);
  load_not_duplicates (self);
  self->n_loaded = 0;
  self->n_total = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);

  job = g_new0 (LoadJob, 1);
  g_atomic_ref_count_init (&job->ref_count);
  g_mutex_init (&job->mutex);
  job->self = self;
  job->folder = g_object_ref (folder);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->ready = g_ptr_array_new_with_free_func (g_object_unref);
  job->dirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_unref);

  job->pool = g_thread_pool_new (load_one, job, N_WORKERS, FALSE, &error);
  if (job->pool == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Until the last flush: returning the result drops it. */
  job->task = g_object_ref (task);
  self->job = job;
  set_loading (self, TRUE);

  job->scanner = g_thread_new ("mh-scan", scan_thread, job);

  source = g_timeout_source_new (FLUSH_INTERVAL_MS);
  g_source_set_callback (source, flush_cb, load_job_ref (job), (GDestroyNotify) load_job_unref);
  g_source_set_static_name (source, "[masthead] collection load");
  job->flush_id = g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

gboolean
mh_collection_load_finish (MhCollection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Accessors */

MhCollection *
mh_collection_new (void)
{
  return g_object_new (MH_TYPE_COLLECTION, NULL);
}

GFile *
mh_collection_get_folder (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), NULL);
  return self->folder;
}

MhHistory *
mh_collection_get_history (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), NULL);
  return self->history;
}

gboolean
mh_collection_get_loading (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  return self->loading;
}

guint
mh_collection_get_n_loaded (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);
  return self->n_loaded;
}

guint
mh_collection_get_n_total (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);
  return self->n_total;
}

double
mh_collection_get_progress (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), 0.0);

  if (self->n_total == 0)
    return self->loading ? 0.0 : 1.0;
  return (double) self->n_loaded / self->n_total;
}

guint
mh_collection_get_n_modified (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);
  return g_hash_table_size (self->modified);
}

guint
mh_collection_get_n_problems (MhCollection *self)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), 0);
  return g_hash_table_size (self->problems);
}

MhArticle *
mh_collection_lookup (MhCollection *self,
                      GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  return path != NULL ? g_hash_table_lookup (self->by_path, path) : NULL;
}

gboolean
mh_collection_find (MhCollection *self,
                    MhArticle    *article,
                    guint        *position)
{
  g_return_val_if_fail (MH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);

  return g_ptr_array_find (self->items, article, position);
}

void
_mh_collection_emit_saved (MhCollection  *self,
                           MhArticle     *article,
                           MhSaveOutcome  outcome)
{
  g_signal_emit (self, signals[SAVED], 0, article, outcome);
}

/* GObject */

static void
mh_collection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MhCollection *self = MH_COLLECTION (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, self->n_loaded);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, mh_collection_get_progress (self));
      break;
    case PROP_N_MODIFIED:
      g_value_set_uint (value, mh_collection_get_n_modified (self));
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, mh_collection_get_n_problems (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_collection_dispose (GObject *object)
{
  MhCollection *self = MH_COLLECTION (object);

  _mh_collection_close_journal (self);
  _mh_collection_remove_monitors (self);
  detach_all (self);
  g_hash_table_remove_all (self->by_path);
  g_hash_table_remove_all (self->modified);
  g_hash_table_remove_all (self->problems);
  g_ptr_array_set_size (self->items, 0);
  if (self->history != NULL)
    mh_history_clear (self->history);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (mh_collection_parent_class)->dispose (object);
}

static void
mh_collection_finalize (GObject *object)
{
  MhCollection *self = MH_COLLECTION (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->search, mh_search_index_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->order_index, g_free);
  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->modified, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_hash_table_unref);
  g_clear_pointer (&self->health, mh_health_index_free);
  g_clear_pointer (&self->health_error, g_free);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (mh_collection_parent_class)->finalize (object);
}

static void
mh_collection_class_init (MhCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mh_collection_get_property;
  object_class->dispose = mh_collection_dispose;
  object_class->finalize = mh_collection_finalize;

  properties[PROP_FOLDER] = g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, MH_TYPE_HISTORY, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_LOADED] = g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_N_MODIFIED] =
    g_param_spec_uint ("n-modified", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ARTICLE_CHANGED] =
    g_signal_new ("article-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MH_TYPE_ARTICLE);
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, MH_TYPE_ARTICLE, G_TYPE_INT);
  /**
   * MhCollection::health-changed:
   * @ids: (nullable): the records (display names) whose collection
   *   problems may have changed, or %NULL for every record (after a load)
   */
  signals[HEALTH_CHANGED] =
    g_signal_new ("health-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
mh_collection_init (MhCollection *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->search = mh_search_index_new ();
  self->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->modified = g_hash_table_new (NULL, NULL);
  self->problems = g_hash_table_new (NULL, NULL);
  self->health = mh_health_index_new ();
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->history = mh_history_new ();
}
