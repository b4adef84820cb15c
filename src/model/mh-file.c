/* mh-file.c: read a record's bytes with their etag, and replace them atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "mh-file.h"
#include "mh-split.h"

/* Past this a file is refused: a record that large, or one that keeps
 * growing while it is read, is no record. */
#define MH_FILE_MAX_SIZE (256u * 1024 * 1024)

void
mh_file_contents_free (MhFileContents *contents)
{
  if (contents == NULL)
    return;

  g_clear_pointer (&contents->bytes, g_bytes_unref);
  g_clear_pointer (&contents->etag, g_free);
  g_clear_object (&contents->target);
  g_clear_pointer (&contents->readonly_reason, g_free);
  g_free (contents);
}

static gboolean
set_errno_error (GError     **error,
                 int          errsv)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
  return FALSE;
}

/* What a folder entry that is no regular file is, said the way a user
 * names it. */
static void
set_not_regular_error (GError  **error,
                       mode_t    mode)
{
  const char *what;

  if (S_ISDIR (mode))
    what = _("It is a folder, not a file");
  else if (S_ISFIFO (mode))
    what = _("It is a named pipe (FIFO), not a regular file; it is never read");
  else if (S_ISSOCK (mode))
    what = _("It is a socket, not a regular file; it is never read");
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    what = _("It is a device, not a regular file; it is never read");
  else
    what = _("It is not a regular file; it is never read");
  g_set_error_literal (error, G_IO_ERROR,
                       S_ISDIR (mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                       what);
}

/* Why a symlink could not be resolved: a dangling link or a loop. */
static void
set_link_error (GError     **error,
                const char  *path,
                int          errsv)
{
  g_autofree char *points_to = g_file_read_link (path, NULL);

  if (errsv == ELOOP)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                         _("It is a loop of symbolic links that never reaches a file"));
  else if (errsv == ENOENT && points_to != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("It is a link to “%s”, which does not exist"), points_to);
  else
    set_errno_error (error, errsv);
}

/* A symlink is saved by replacing what it points at, so the link itself
 * survives the rename; GIO would otherwise replace the link with a file. */
static GFile *
resolve_target (GFile   *file,
                GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *resolved = NULL;
  int errsv;

  if (path == NULL)
    return g_object_ref (file);

  resolved = realpath (path, NULL);
  if (resolved != NULL)
    {
      /* realpath() allocates with malloc(): hand GLib its own copy. */
      GFile *target = g_file_new_for_path (resolved);
      free (g_steal_pointer (&resolved));
      return target;
    }

  errsv = errno;
  /* Callers name the file themselves: `masthead-cli: FILE: No such file…`. */
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
  return NULL;
}

/* GLib 2.74 rewrites hard-linked and foreign-owned files in place, which is
 * not atomic, and a file we cannot write cannot be saved at all: such files
 * open read-only with the reason. */
static char *
dup_readonly_reason (GFile        *target,
                     GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInfo) parent_info = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  info = g_file_query_info (target,
                            G_FILE_ATTRIBUTE_UNIX_NLINK ","
                            G_FILE_ATTRIBUTE_UNIX_UID ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info == NULL)
    return g_strdup (_("The file’s details could not be read"));

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_NLINK)
      && g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_NLINK) > 1)
    return g_strdup (_("The file has other hard links; saving would not be atomic"));

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_UID)
      && g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_UID) != geteuid ())
    return g_strdup (_("The file belongs to another user; saving would not be atomic"));

  path = g_file_get_path (target);
  if ((path != NULL && access (path, W_OK) != 0)
      || (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
          && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)))
    return g_strdup (_("You do not have permission to write to the file"));

  /* The atomic replace writes a temporary file next to the target and
   * renames it over the target: the folder must be writable too. */
  parent = g_file_get_parent (target);
  if (parent != NULL)
    {
      g_autofree char *parent_path = g_file_get_path (parent);

      if (parent_path != NULL)
        {
          if (access (parent_path, W_OK | X_OK) != 0)
            return g_strdup (_("You do not have permission to write to the file’s folder"));
        }
      else
        {
          parent_info = g_file_query_info (parent, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                                           G_FILE_QUERY_INFO_NONE, cancellable, NULL);
          if (parent_info != NULL
              && g_file_info_has_attribute (parent_info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
              && !g_file_info_get_attribute_boolean (parent_info,
                                                     G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
            return g_strdup (_("You do not have permission to write to the file’s folder"));
        }
    }

  return NULL;
}

/**
 * mh_file_load:
 * @file: a record
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file's bytes and etag together, resolves a symlink to the file
 * saves must replace, and finds why the file cannot be saved, if it cannot.
 * Blocking.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
static MhFileContents *
load_with_gio (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(MhFileContents) contents = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileInfo) info = NULL;
  char *data = NULL;
  gsize len = 0;
  char *etag = NULL;

  /* Load through the resolved target, so the etag is the one the save
   * compares against. */
  target = resolve_target (file, error);
  if (target == NULL)
    return NULL;

  /* A FIFO or a device would block or never end: only regular files. */
  info = g_file_query_info (target, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_UNIX_MODE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_not_regular_error (error, g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                                    ? S_IFDIR
                                    : g_file_info_get_attribute_uint32 (info,
                                                                        G_FILE_ATTRIBUTE_UNIX_MODE));
      return NULL;
    }

  if (!g_file_load_contents (target, cancellable, &data, &len, &etag, error))
    return NULL;

  contents = g_new0 (MhFileContents, 1);
  contents->bytes = g_bytes_new_take (data, len);
  contents->etag = etag;
  contents->target = g_steal_pointer (&target);
  contents->readonly_reason = dup_readonly_reason (contents->target, cancellable);

  return g_steal_pointer (&contents);
}

/* GIO's etag for a local file, from the same stat() it would make. */
static char *
local_etag (const struct stat *st)
{
  return g_strdup_printf ("%lu:%lu:%lu",
                          (gulong) st->st_mtim.tv_sec,
                          (gulong) st->st_mtim.tv_nsec / 1000,
                          (gulong) st->st_mtim.tv_nsec);
}

/* The fast path relies on that etag being GIO's; checked once against GIO
 * itself on the first file, and off for good if it differs. */
static gboolean
local_etag_matches_gio (GFile             *file,
                        const struct stat *st)
{
  static gsize checked = 0;
  static gboolean matches = FALSE;

  if (g_once_init_enter (&checked))
    {
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autofree char *mine = local_etag (st);

      matches = info != NULL && g_strcmp0 (g_file_info_get_etag (info), mine) == 0;
      g_once_init_leave (&checked, 1);
    }
  return matches;
}

/* Records come folder by folder: remember the last folder's answer, per
 * thread, for a second. @path is the file's: its folder is compared in
 * place, without an allocation per file. */
static gboolean
folder_writable (const char *path)
{
  static GPrivate last_folder = G_PRIVATE_INIT (g_free);
  static GPrivate last_answer;
  static GPrivate last_time;
  const char *cached = g_private_get (&last_folder);
  const char *slash = strrchr (path, '/');
  gsize len = slash == NULL ? 0 : slash == path ? 1 : (gsize) (slash - path);
  gint64 now = g_get_monotonic_time ();
  g_autofree char *folder = NULL;
  gboolean writable;

  if (cached != NULL && strncmp (cached, path, len) == 0 && cached[len] == '\0' &&
      now - GPOINTER_TO_SIZE (g_private_get (&last_time)) < G_USEC_PER_SEC)
    return GPOINTER_TO_INT (g_private_get (&last_answer));

  folder = len > 0 ? g_strndup (path, len) : g_strdup (".");
  writable = access (folder, W_OK | X_OK) == 0;
  g_private_set (&last_answer, GINT_TO_POINTER (writable));
  g_private_set (&last_time, GSIZE_TO_POINTER ((gsize) now));
  g_private_replace (&last_folder, g_steal_pointer (&folder));
  return writable;
}

/* Reads a local file with one open, fstat and read, and finds why it could
 * not be saved from that same stat: the loader reads thousands of files, and
 * GIO's way (realpath, load, query_info) costs as much as parsing them. */
static MhFileContents *
load_local (GFile       *file,
            const char  *path,
            gboolean    *use_gio,
            GError     **error)
{
  g_autoptr(MhFileContents) contents = NULL;
  g_autofree char *resolved = NULL;
  const char *target = path;
  struct stat st;
  char *data;
  gsize len = 0;
  int fd;

  /* O_NOFOLLOW: a symlink fails with ELOOP, and only then is it resolved.
   * O_NONBLOCK: opening a FIFO or a device must not wait for a writer; it
   * is refused after fstat(), and a regular file ignores the flag. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0 && errno == ELOOP)
    {
      char *real = realpath (path, NULL);

      if (real == NULL)
        {
          set_link_error (error, path, errno);
          return NULL;
        }
      resolved = g_strdup (real);
      free (real);
      target = resolved;
      fd = open (target, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    }
  if (fd < 0)
    {
      int errsv = errno;

      /* A socket cannot be opened at all (ENXIO): say what it is. */
      if (stat (target, &st) == 0 && !S_ISREG (st.st_mode))
        set_not_regular_error (error, st.st_mode);
      else
        set_errno_error (error, errsv);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;

      close (fd);
      set_errno_error (error, errsv);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      set_not_regular_error (error, st.st_mode);
      return NULL;
    }

  contents = g_new0 (MhFileContents, 1);
  contents->target = resolved != NULL ? g_file_new_for_path (resolved) : g_object_ref (file);
  if (!local_etag_matches_gio (contents->target, &st))
    {
      close (fd);
      *use_gio = TRUE;
      return NULL;
    }

  if (st.st_size > MH_FILE_MAX_SIZE)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is larger than %u MB"), MH_FILE_MAX_SIZE >> 20);
      return NULL;
    }

  data = g_malloc ((gsize) st.st_size + 1);
  for (;;)
    {
      gssize n = read (fd, data + len, (gsize) st.st_size + 1 - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_free (data);
          close (fd);
          set_errno_error (error, errsv);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
      if (len > MH_FILE_MAX_SIZE)
        {
          /* A file that keeps growing while it is read. */
          g_free (data);
          close (fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("The file is larger than %u MB"), MH_FILE_MAX_SIZE >> 20);
          return NULL;
        }
      /* All that fstat() promised: a file that grows now changes its etag
       * too, and the save finds out. */
      if (len == (gsize) st.st_size)
        break;
      if (len == (gsize) st.st_size + 1)
        {
          /* The file grew since fstat(): keep reading. */
          st.st_size = st.st_size * 2 + 4096;
          data = g_realloc (data, (gsize) st.st_size + 1);
        }
    }
  close (fd);

  contents->bytes = g_bytes_new_take (data, len);
  contents->etag = local_etag (&st);

  if (st.st_nlink > 1)
    contents->readonly_reason = g_strdup (_("The file has other hard links; saving would not be atomic"));
  else if (st.st_uid != geteuid ())
    contents->readonly_reason = g_strdup (_("The file belongs to another user; saving would not be atomic"));
  else if ((st.st_mode & S_IWUSR) == 0 && geteuid () != 0)
    contents->readonly_reason = g_strdup (_("You do not have permission to write to the file"));
  else if (!folder_writable (target))
    contents->readonly_reason = g_strdup (_("You do not have permission to write to the file’s folder"));

  return g_steal_pointer (&contents);
}

/* Whether @path lies strictly inside @folder (both resolved). */
static gboolean
path_is_inside (const char *folder,
                const char *path)
{
  gsize len = strlen (folder);

  if (len > 0 && folder[len - 1] == '/')
    len--;
  return strncmp (path, folder, len) == 0 && path[len] == '/' && path[len + 1] != '\0';
}

static gboolean
name_takes_front_matter (const char *name)
{
  return g_str_has_suffix (name, ".md")
         || g_str_has_suffix (name, ".markdown")
         || g_str_has_suffix (name, ".txt");
}

/* Why @contents, loaded from @file, must not be written although the file
 * system would allow it: a symlink out of @root, or a file without front
 * matter that the first edit would give a block although it is no
 * .md/.markdown/.txt file of its own. NULL when it may be saved. */
static char *
dup_containment_reason (GFile                *file,
                        GFile                *root,
                        const MhFileContents *contents)
{
  const char *path = g_file_peek_path (file);
  const char *target = g_file_peek_path (contents->target);
  g_autofree char *target_name = NULL;
  g_autofree char *name = NULL;
  const char *data;
  gsize len;
  MhSplit split;

  if (path != NULL && target != NULL && strcmp (path, target) != 0)
    {
      g_autoptr(GFile) parent = root == NULL ? g_file_get_parent (file) : NULL;
      const char *folder = g_file_peek_path (root != NULL ? root : parent);
      char *real = folder != NULL ? realpath (folder, NULL) : NULL;
      gboolean inside = real != NULL && path_is_inside (real, target);

      free (real);
      if (!inside)
        return g_strdup_printf (root != NULL
                                ? _("It is a link to “%s”, outside the collection folder; "
                                    "Masthead never writes through it")
                                : _("It is a link to “%s”, outside the file’s own folder; "
                                    "Masthead never writes through it"),
                                target);
    }

  name = g_file_get_basename (file);
  target_name = g_file_get_basename (contents->target);
  if (name_takes_front_matter (name) && name_takes_front_matter (target_name))
    return NULL;

  data = g_bytes_get_data (contents->bytes, &len);
  mh_split (data, len, &split);
  if (split.kind == MH_SPLIT_NONE)
    return g_strdup (_("The file has no front matter, and a block is only ever added to "
                       ".md, .markdown and .txt files"));
  return NULL;
}

/**
 * mh_file_load_in:
 * @file: a record
 * @root: (nullable): the folder that was opened, or %NULL for @file's own folder
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file's bytes and etag together, resolves a symlink to the file
 * saves must replace, and finds why the file cannot be saved, if it cannot:
 * besides the file system's reasons, a symlink whose target lies outside
 * @root opens read-only, and so does a file without front matter that is
 * not a .md, .markdown or .txt file (a link's name and its target's both).
 * FIFOs, sockets, devices and folders are refused without being opened for
 * long: they never block. Blocking otherwise.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
MhFileContents *
mh_file_load_in (GFile         *file,
                 GFile         *root,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *path;
  MhFileContents *contents;
  gboolean use_gio = FALSE;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (root == NULL || G_IS_FILE (root), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  path = g_file_peek_path (file);
  if (path == NULL)
    return load_with_gio (file, cancellable, error);

  contents = load_local (file, path, &use_gio, error);
  if (use_gio)
    contents = load_with_gio (file, cancellable, error);
  if (contents != NULL)
    {
      char *reason = dup_containment_reason (file, root, contents);

      /* Containment comes first: it says why the others do not matter. */
      if (reason != NULL)
        {
          g_free (contents->readonly_reason);
          contents->readonly_reason = reason;
        }
    }
  return contents;
}

/**
 * mh_file_load:
 * @file: a record
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mh_file_load_in() contained to @file's own folder: what the CLI does with
 * a file named on its command line. Blocking.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
MhFileContents *
mh_file_load (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  return mh_file_load_in (file, NULL, cancellable, error);
}

/* g_file_replace_contents() of GLib 2.74, less its flaw: after a failed
 * write it closes the stream as if all went well, which renames the partial
 * temporary file over the target, so a full disk empties the record.
 * Closing with a cancelled cancellable removes the temporary file instead
 * and leaves the target as it was. */
static gboolean
replace_atomically (GFile         *target,
                    const char    *etag,
                    gconstpointer  data,
                    gsize          len,
                    char         **new_etag,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  gsize written = 0;

  out = g_file_replace (target, etag, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, len, &written, cancellable,
                                  error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  *new_etag = g_file_output_stream_get_etag (out);
  return TRUE;
}

/**
 * mh_file_save:
 * @contents: what mh_file_load() read
 * @new_bytes: the bytes to write
 * @written: (out) (optional): whether the file was written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes nothing when @new_bytes equal the loaded bytes. Otherwise replaces
 * the target atomically (temporary file and rename, keeping its mode) if its
 * etag still matches; %G_IO_ERROR_WRONG_ETAG is passed through untouched so
 * callers can handle the conflict. Blocking.
 *
 * Returns: %TRUE on success
 */
gboolean
mh_file_save (MhFileContents  *contents,
              GBytes          *new_bytes,
              gboolean        *written,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autofree char *new_etag = NULL;
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (contents->target), FALSE);
  g_return_val_if_fail (new_bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (written != NULL)
    *written = FALSE;

  if (contents->bytes != NULL && g_bytes_equal (contents->bytes, new_bytes))
    return TRUE;

  /* The last guard before a byte leaves: read-only contents (a link out of
   * the folder among them) are never written, whatever the caller did. */
  if (contents->readonly_reason != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, contents->readonly_reason);
      return FALSE;
    }

  /* The target is a resolved path: if it is a symlink now, it was replaced
   * since the load, maybe by a link out of the folder. The caller reloads,
   * which contains the new link. */
  if (g_file_peek_path (contents->target) != NULL)
    {
      struct stat st;

      if (lstat (g_file_peek_path (contents->target), &st) == 0 && S_ISLNK (st.st_mode))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                               _("The file was replaced by a symbolic link since it was read"));
          return FALSE;
        }
    }

  data = g_bytes_get_data (new_bytes, &len);
  if (!replace_atomically (contents->target, contents->etag, data, len, &new_etag,
                           cancellable, error))
    return FALSE;

  g_clear_pointer (&contents->bytes, g_bytes_unref);
  contents->bytes = g_bytes_ref (new_bytes);
  g_free (contents->etag);
  contents->etag = g_steal_pointer (&new_etag);

  if (written != NULL)
    *written = TRUE;

  return TRUE;
}

/**
 * mh_file_is_hidden:
 * @name: a folder entry's basename
 *
 * Dot-files and dot-folders (`.git`, GIO's `.goutputstream-*` temporaries)
 * are skipped.
 *
 * Returns: whether the entry is skipped
 */
gboolean
mh_file_is_hidden (const char *name)
{
  g_return_val_if_fail (name != NULL, TRUE);

  return name[0] == '.';
}

/**
 * mh_file_classify_entry:
 * @path: the entry's path
 * @name: its basename
 * @type: its type, links not followed (G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS)
 *
 * Scans never follow a link to a folder, so no loop is possible, and never
 * open what is not a regular file: a FIFO, socket, device or broken link
 * named like a record is handed to the loader, whose refusal (which says
 * what it is) shows it read-only with the reason; other ones are skipped.
 *
 * Returns: what the scan does with the entry
 */
MhFileEntry
mh_file_classify_entry (const char *path,
                        const char *name,
                        GFileType   type)
{
  struct stat st;

  g_return_val_if_fail (path != NULL && name != NULL, MH_FILE_ENTRY_SKIP);

  if (mh_file_is_hidden (name))
    return MH_FILE_ENTRY_SKIP;
  switch (type)
    {
    case G_FILE_TYPE_DIRECTORY:
      return MH_FILE_ENTRY_FOLDER;
    case G_FILE_TYPE_REGULAR:
      return MH_FILE_ENTRY_FILE;
    case G_FILE_TYPE_SYMBOLIC_LINK:
      if (stat (path, &st) == 0)
        {
          if (S_ISDIR (st.st_mode))
            return MH_FILE_ENTRY_SKIP;
          if (S_ISREG (st.st_mode))
            return MH_FILE_ENTRY_FILE;
        }
      return name_takes_front_matter (name) ? MH_FILE_ENTRY_FILE : MH_FILE_ENTRY_SKIP;
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    case G_FILE_TYPE_UNKNOWN:
    default:
      return name_takes_front_matter (name) ? MH_FILE_ENTRY_FILE : MH_FILE_ENTRY_SKIP;
    }
}

/* The same test the engine's split makes, so the folder walk and the
 * document agree on what has front matter. */
static gboolean
head_opens_front_matter (const char *head,
                         gsize       len)
{
  MhSplit split;

  if (head == NULL)
    return FALSE;

  mh_split (head, len, &split);
  return split.kind != MH_SPLIT_NONE;
}

/**
 * mh_file_is_record:
 * @name: the file's basename
 * @head: (array length=head_len) (nullable): the first bytes of the file
 * @head_len: how many bytes @head holds
 *
 * Returns: whether the file is a record: its bytes open with an optional
 *   BOM and a `---` line, or it ends in .md, .markdown or .txt
 */
gboolean
mh_file_is_record (const char *name,
                   const char *head,
                   gsize       head_len)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (head_opens_front_matter (head, head_len))
    return TRUE;

  return g_str_has_suffix (name, ".md")
         || g_str_has_suffix (name, ".markdown")
         || g_str_has_suffix (name, ".txt");
}
