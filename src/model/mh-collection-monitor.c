/* mh-collection-monitor.c: MhCollection following its folder: new, deleted and changed files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-article-private.h"
#include "mh-collection-private.h"
#include "mh-file.h"

/* File-monitor events are gathered for this long before they are applied:
 * a save is several events (create temporary, write, rename). */
#define DEBOUNCE_MS       150

static gboolean
pending_cb (gpointer data)
{
  MhCollection *self = data;

  self->pending_id = 0;
  _mh_collection_process_pending (self);
  return G_SOURCE_REMOVE;
}

static void
queue_event (MhCollection *self,
             GFile        *file)
{
  if (file == NULL || _mh_collection_is_hidden (self, file))
    return;
  g_hash_table_replace (self->pending, g_file_get_path (file), g_object_ref (file));
  if (self->pending_id == 0)
    self->pending_id = g_timeout_add (DEBOUNCE_MS, pending_cb, self);
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           data)
{
  MhCollection *self = data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED:
      queue_event (self, file);
      queue_event (self, other_file);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      queue_event (self, file);
      break;
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    default:
      break;
    }
}

void
_mh_collection_add_monitor (MhCollection *self,
                            GFile        *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (folder);
  GFileMonitor *monitor;

  if (path == NULL || g_hash_table_contains (self->monitors, path))
    return;

  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return;
    }
  g_signal_connect (monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
  g_hash_table_insert (self->monitors, g_steal_pointer (&path), monitor);
}

void
_mh_collection_remove_monitors (MhCollection *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_signal_handlers_disconnect_by_data (value, self);
      g_file_monitor_cancel (value);
    }
  g_hash_table_remove_all (self->monitors);
  g_hash_table_remove_all (self->pending);
  g_clear_handle_id (&self->pending_id, g_source_remove);
}

/* A folder appeared while the collection was open: watch and load it. */
static void
scan_new_folder (MhCollection *self,
                 GFile        *folder)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autofree char *path = g_file_get_path (folder);

  if (path == NULL || g_hash_table_contains (self->monitors, path))
    return;
  _mh_collection_add_monitor (self, folder);

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL)
    {
      GFileInfo *info;
      GFile *child;
      MhFileEntry entry;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;
      entry = mh_file_classify_entry (g_file_peek_path (child), g_file_info_get_name (info),
                                      g_file_info_get_file_type (info));
      if (entry == MH_FILE_ENTRY_FOLDER)
        scan_new_folder (self, child);
      else if (entry == MH_FILE_ENTRY_FILE)
        {
          MhArticle *article = _mh_collection_load_record (self->folder, child, NULL);

          if (article != NULL)
            g_ptr_array_add (found, article);
        }
    }
  _mh_collection_append_articles (self, found);
}

static void
forget_folder (MhCollection *self,
               const char   *path)
{
  g_autofree char *prefix = g_strconcat (path, G_DIR_SEPARATOR_S, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strcmp (key, path) == 0 || g_str_has_prefix (key, prefix))
      {
        g_signal_handlers_disconnect_by_data (value, self);
        g_file_monitor_cancel (value);
        g_hash_table_iter_remove (&iter);
      }

  g_hash_table_iter_init (&iter, self->by_path);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, prefix) && !mh_article_get_modified (value))
      g_ptr_array_add (gone, g_object_ref (value));
  for (guint i = 0; i < gone->len; i++)
    _mh_collection_remove_article (self, g_ptr_array_index (gone, i));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
process_file (MhCollection *self,
              const char   *path,
              GFile        *file)
{
  MhArticle *article = g_hash_table_lookup (self->by_path, path);
  GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
          == G_FILE_TYPE_DIRECTORY)
        scan_new_folder (self, file);
      return;
    }

  if (type == G_FILE_TYPE_REGULAR)
    {
      if (article != NULL)
        {
          MhFileContents *contents = mh_file_load (file, NULL, NULL);

          /* Unreadable for a moment (being replaced): the next event tells. */
          if (contents != NULL)
            _mh_article_disk_changed (article, contents);
        }
      else
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
          MhArticle *loaded = _mh_collection_load_record (self->folder, file, NULL);

          if (loaded != NULL)
            {
              g_ptr_array_add (found, loaded);
              _mh_collection_append_articles (self, found);
            }
        }
      return;
    }

  /* Gone. A modified record stays, so no edit is lost; saving writes it back. */
  if (article != NULL)
    {
      if (!mh_article_get_modified (article))
        _mh_collection_remove_article (self, article);
    }
  else if (g_hash_table_contains (self->monitors, path))
    forget_folder (self, path);
}

void
_mh_collection_process_pending (MhCollection *self)
{
  g_autoptr(GHashTable) pending = NULL;
  g_autofree gpointer *paths = NULL;
  guint n = 0;

  g_clear_handle_id (&self->pending_id, g_source_remove);
  if (g_hash_table_size (self->pending) == 0)
    return;

  pending = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  paths = g_hash_table_get_keys_as_array (pending, &n);
  qsort (paths, n, sizeof (gpointer), compare_paths);
  for (guint i = 0; i < n; i++)
    process_file (self, paths[i], g_hash_table_lookup (pending, paths[i]));
}

void
mh_collection_flush_events (MhCollection *self)
{
  g_return_if_fail (MH_IS_COLLECTION (self));
  _mh_collection_process_pending (self);
}
