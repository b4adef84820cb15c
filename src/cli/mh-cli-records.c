/* mh-cli-records.c: the records under PATH... that the many-record verbs read, on all cores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mh-cli.h"
#include "mh-cli-records.h"
#include "mh-diff.h"
#include "mh-file.h"

/* More threads than this only fight over the disk. */
#define MAX_THREADS 8
/* Enough of a file to see its opening line. */
#define PEEK_SIZE 256

static void
record_free (MhCliRecord *record)
{
  g_free (record->filename);
  g_clear_pointer (&record->document, mh_document_unref);
  g_clear_pointer (&record->contents, mh_file_contents_free);
  g_free (record->error);
  if (record->data_free != NULL)
    g_clear_pointer (&record->data, record->data_free);
  g_free (record);
}

static void
add_record (GPtrArray *records,
            char      *filename,
            gboolean   named)
{
  MhCliRecord *record = g_new0 (MhCliRecord, 1);

  record->filename = filename;
  record->named = !!named;
  g_ptr_array_add (records, record);
}

/* Folder entries by the type the listing gives (no stat per file, except
 * where the file system does not say); a symlinked folder is never
 * entered, a symlinked file is read like the file. */
static int
walk_folder (const char *folder,
             GPtrArray  *records)
{
  DIR *dir = opendir (folder);
  struct dirent *entry;
  int status = MH_CLI_EXIT_OK;

  if (dir == NULL)
    {
      int errsv = errno;

      fprintf (stderr, "masthead-cli: %s: %s\n", folder, g_strerror (errsv));
      return MH_CLI_EXIT_FAILURE;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      char *child;
      gboolean is_dir = entry->d_type == DT_DIR;
      gboolean is_file = entry->d_type == DT_REG;

      if (mh_file_is_hidden (entry->d_name))
        continue;
      child = g_build_filename (folder, entry->d_name, NULL);
      if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK)
        {
          GStatBuf st;

          is_dir = entry->d_type == DT_UNKNOWN && g_lstat (child, &st) == 0
                   && S_ISDIR (st.st_mode);
          is_file = !is_dir && g_file_test (child, G_FILE_TEST_IS_REGULAR);
        }

      if (is_dir)
        {
          status = MAX (status, walk_folder (child, records));
          g_free (child);
        }
      else if (is_file)
        add_record (records, child, FALSE);
      else
        g_free (child);
    }

  closedir (dir);
  return status;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const MhCliRecord *ra = *(MhCliRecord * const *) a;
  const MhCliRecord *rb = *(MhCliRecord * const *) b;

  return strcmp (ra->filename, rb->filename);
}

GPtrArray *
mh_cli_records_collect (char  **paths,
                        guint   n_paths,
                        int    *status)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  *status = MH_CLI_EXIT_OK;
  for (guint i = 0; i < n_paths; i++)
    {
      GStatBuf st;

      if (g_stat (paths[i], &st) != 0)
        {
          int errsv = errno;

          fprintf (stderr, "masthead-cli: %s: %s\n", paths[i], g_strerror (errsv));
          *status = MH_CLI_EXIT_FAILURE;
        }
      else if (S_ISDIR (st.st_mode))
        *status = MAX (*status, walk_folder (paths[i], records));
      else
        add_record (records, g_strdup (paths[i]), TRUE);
    }

  g_ptr_array_sort (records, compare_records);
  /* A file named twice (or named and found in a folder) is one record. */
  for (guint i = 1; i < records->len;)
    {
      MhCliRecord *prev = g_ptr_array_index (records, i - 1);
      MhCliRecord *record = g_ptr_array_index (records, i);

      if (strcmp (prev->filename, record->filename) == 0)
        {
          prev->named |= record->named;
          g_ptr_array_remove_index (records, i);
        }
      else
        i++;
    }
  return records;
}

/* Whether a file found in a folder is a record, from its name or else its
 * opening line (folders may hold large files that are not records). */
static gboolean
looks_like_record (MhCliRecord *record)
{
  g_autofree char *basename = g_path_get_basename (record->filename);
  char head[PEEK_SIZE];
  const char *newline;
  gsize len;
  FILE *file;

  if (mh_file_is_record (basename, NULL, 0))
    return TRUE;
  file = g_fopen (record->filename, "rb");
  if (file == NULL)
    return TRUE;   /* let the read say why */
  len = fread (head, 1, sizeof head, file);
  fclose (file);
  newline = memchr (head, '\n', len);
  if (newline != NULL)
    len = (gsize) (newline - head) + 1;
  return mh_file_is_record (basename, head, len);
}

typedef struct
{
  MhQuery         *query;
  MhCliRecordFunc  func;
  gpointer         user_data;
} Scan;

/* @work on every record, on all cores, each record once. */
typedef struct
{
  GPtrArray       *records;
  MhCliRecordFunc  work;
  gpointer         data;
  gint             next;   /* the next record to take, atomically */
} Parallel;

static gpointer
parallel_thread (gpointer data)
{
  Parallel *parallel = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&parallel->next, 1);

      if (i >= parallel->records->len)
        return NULL;
      parallel->work (g_ptr_array_index (parallel->records, i), parallel->data);
    }
}

/* @io_bound: the threads mostly wait on the disk, so more of them than
 * cores help. */
static void
run_parallel (GPtrArray       *records,
              MhCliRecordFunc  work,
              gpointer         data,
              gboolean         io_bound)
{
  Parallel parallel = { records, work, data, 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_threads = io_bound ? MAX_THREADS : CLAMP (g_get_num_processors (), 1, MAX_THREADS);

  n_threads = MIN (n_threads, MAX (records->len, 1));
  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("mh-cli-records", parallel_thread, &parallel));
  parallel_thread (&parallel);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
}

static void
scan_one (MhCliRecord *record,
          gpointer     data)
{
  Scan *scan = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (!record->named && !looks_like_record (record))
    return;
  /* Through the save path's loader: its etag for the verbs that write, and
   * the file-system reasons for is:read-only. */
  file = g_file_new_for_path (record->filename);
  record->contents = mh_file_load (file, NULL, &error);
  if (record->contents == NULL)
    {
      record->error = g_strdup_printf ("%s: %s", record->filename, error->message);
      return;
    }
  record->document = mh_document_new (record->contents->bytes);
  if (record->contents->readonly_reason != NULL)
    mh_document_set_readonly_reason (record->document, record->contents->readonly_reason);
  record->is_record = TRUE;

  if (scan->query != NULL)
    {
      MhQueryDocumentRecord match;

      mh_query_document_record_init (&match, record->document);
      record->matched = mh_query_match (scan->query, &match.record);
      mh_query_document_record_clear (&match);
    }
  else
    record->matched = TRUE;

  if (record->matched && scan->func != NULL)
    scan->func (record, scan->user_data);
  if (!record->keep)
    {
      g_clear_pointer (&record->document, mh_document_unref);
      g_clear_pointer (&record->contents, mh_file_contents_free);
    }
}

void
mh_cli_records_scan (GPtrArray       *records,
                     MhQuery         *query,
                     MhCliRecordFunc  func,
                     gpointer         user_data)
{
  Scan scan = { query, func, user_data };

  /* GLib 2.74 creates the C locale behind g_ascii_strtod() on first use,
   * and concurrent first uses fail at random: create it here. */
  (void) g_ascii_strtod ("0", NULL);

  run_parallel (records, scan_one, &scan, FALSE);
}

/* The positional PATHs, --where's query and the status so far; NULL
 * records with a usage error. */
GPtrArray *
mh_cli_records_scan_paths (const char      *verb,
                           GPtrArray       *positional,
                           const char      *where,
                           MhCliRecordFunc  func,
                           gpointer         user_data,
                           int             *status)
{
  g_autoptr(MhQuery) query = NULL;
  GPtrArray *records;

  if (positional->len == 0)
    {
      *status = mh_cli_usage_error (_("“%s” takes at least one PATH"), verb);
      return NULL;
    }
  query = mh_cli_parse_where (where, status);
  if (*status != MH_CLI_EXIT_OK)
    return NULL;

  records = mh_cli_records_collect ((char **) positional->pdata, positional->len, status);
  mh_cli_records_scan (records, query, func, user_data);
  *status = MAX (*status, mh_cli_records_report_errors (records));
  return records;
}

int
mh_cli_records_report_errors (GPtrArray *records)
{
  int status = MH_CLI_EXIT_OK;

  for (guint i = 0; i < records->len; i++)
    {
      const MhCliRecord *record = g_ptr_array_index (records, i);

      if (record->error == NULL)
        continue;
      fprintf (stderr, "masthead-cli: %s\n", record->error);
      status = MH_CLI_EXIT_FAILURE;
    }
  return status;
}

static gboolean
record_changed (const MhCliRecord *record)
{
  return record->document != NULL && record->contents != NULL
         && !g_bytes_equal (mh_document_get_bytes (record->document), record->contents->bytes);
}

/* A save's fsync waits on the disk: records are saved on several threads,
 * each file still replaced atomically on its own. */
static void
save_one (MhCliRecord *record,
          gpointer     data)
{
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  (void) data;
  if (!record_changed (record))
    return;
  if (mh_file_save (record->contents, mh_document_get_bytes (record->document), &written, NULL,
                    &error))
    {
      record->saved = TRUE;
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    record->error = g_strdup_printf ("%s: %s", record->filename,
                                     _("The file changed on disk while it was being edited; "
                                       "nothing was written"));
  else
    record->error = g_strdup_printf ("%s: %s", record->filename, error->message);
}

int
mh_cli_records_commit (GPtrArray *records,
                       gboolean   dry_run,
                       const char *warn_key)
{
  int status = MH_CLI_EXIT_OK;

  for (guint i = 0; i < records->len; i++)
    {
      const MhCliRecord *record = g_ptr_array_index (records, i);

      if (record->refused)
        status = MH_CLI_EXIT_FAILURE;
    }
  /* One refusal and nothing is written: the plan is all or nothing. */
  if (status != MH_CLI_EXIT_OK)
    return status;

  if (!dry_run)
    run_parallel (records, save_one, NULL, TRUE);

  for (guint i = 0; i < records->len; i++)
    {
      MhCliRecord *record = g_ptr_array_index (records, i);
      GBytes *new_bytes;
      g_autofree char *diff = NULL;

      if (!dry_run)
        {
          /* The others are still saved, as the window's Save All does. */
          if (record->error != NULL)
            {
              fprintf (stderr, "masthead-cli: %s\n", record->error);
              status = MH_CLI_EXIT_FAILURE;
            }
          else if (record->saved && warn_key != NULL)
            mh_cli_warn_edited (record->filename, record->document, warn_key);
          continue;
        }

      if (!record_changed (record))
        continue;
      new_bytes = mh_document_get_bytes (record->document);
      diff = mh_diff_unified (record->filename,
                              g_bytes_get_data (record->contents->bytes, NULL),
                              g_bytes_get_size (record->contents->bytes),
                              g_bytes_get_data (new_bytes, NULL),
                              g_bytes_get_size (new_bytes), 3);
      if (diff != NULL)
        fputs (diff, stdout);
      if (warn_key != NULL)
        mh_cli_warn_edited (record->filename, record->document, warn_key);
    }
  return status;
}

int
mh_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "masthead-cli: %s\n%s\n", message,
           _("Try “masthead-cli --help” for more information."));
  return MH_CLI_EXIT_FAILURE;
}

int
mh_cli_parse_options (const char         *verb,
                      int                 argc,
                      char              **argv,
                      const MhCliOption  *options,
                      GPtrArray          *positional)
{
  gboolean options_done = FALSE;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const MhCliOption *option = NULL;
      const char *inline_value = NULL;

      if (options_done || arg[0] != '-' || arg[1] != '-')
        {
          g_ptr_array_add (positional, (gpointer) arg);
          continue;
        }
      if (arg[2] == '\0')
        {
          options_done = TRUE;
          continue;
        }

      for (const MhCliOption *o = options; o->name != NULL; o++)
        {
          gsize name_len = strlen (o->name);

          if (strncmp (arg, o->name, name_len) == 0
              && (arg[name_len] == '\0' || (arg[name_len] == '=' && o->value != NULL)))
            {
              option = o;
              inline_value = arg[name_len] == '=' ? arg + name_len + 1 : NULL;
              break;
            }
        }
      if (option == NULL)
        return mh_cli_usage_error (_("Unknown option “%s” for “%s”"), arg, verb);

      if (option->flag != NULL)
        *option->flag = TRUE;
      else if (inline_value != NULL)
        *option->value = inline_value;
      else if (i + 1 < argc)
        *option->value = argv[++i];
      else
        return mh_cli_usage_error (_("“%s” needs a value"), option->name);
    }
  return MH_CLI_EXIT_OK;
}

MhQuery *
mh_cli_parse_where (const char *expr,
                    int        *status)
{
  g_autoptr(GError) error = NULL;
  MhQuery *query;
  guint column = 0;

  *status = MH_CLI_EXIT_OK;
  if (expr == NULL)
    return NULL;
  query = mh_query_parse_full (expr, &column, &error);
  if (query == NULL)
    {
      /* The position is in the argument, not in a file. */
      fprintf (stderr, "masthead-cli: --where: column %u: %s\n", column, error->message);
      *status = MH_CLI_EXIT_FAILURE;
    }
  return query;
}

void
mh_cli_append_json_string (GString    *out,
                           const char *text,
                           gsize       len)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;

      if (named != NULL)
        g_string_append (out, named);
      else if (c < 0x20)
        {
          char escape[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], '\0' };

          g_string_append (out, escape);
        }
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}
