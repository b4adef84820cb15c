/* mh-cli-check.c: `masthead-cli check`, the record and collection rules over files and folders
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
#include "mh-document.h"
#include "mh-duplicates-file.h"
#include "mh-file.h"
#include "mh-health-index.h"
#include "mh-validate.h"

/* More threads than this only fight over the disk. */
#define MAX_WORKERS 8

typedef struct
{
  guint       line;
  guint       column;
  MhSeverity  severity;
  char       *message;
  char       *rule_id;
} Report;

typedef struct
{
  char      *filename;   /* as printed, and as opened */
  GPtrArray *reports;    /* Report, sorted by line and column; freed once printed */
  char      *output;     /* the reports as printed, formatted by the worker */
  char      *error;      /* why it could not be read */
  MhHealthRecord *record; /* what the collection rules read, until indexed */
  guint      n_errors;
  guint      n_warnings;
  guint      named : 1;  /* named on the command line: checked even if not a record */
  guint      checked : 1;
  guint      json : 1;
  guint      validate : 1; /* the record rules too, not only the collection's */
} Job;

static void
report_free (Report *report)
{
  g_free (report->message);
  g_free (report->rule_id);
  g_free (report);
}

static void
job_free (Job *job)
{
  g_free (job->filename);
  g_clear_pointer (&job->reports, g_ptr_array_unref);
  g_free (job->output);
  g_free (job->error);
  mh_health_record_free (job->record);
  g_free (job);
}

static Job *
job_new (char     *filename,
         gboolean  named,
         gboolean  json,
         gboolean  validate)
{
  Job *job = g_new0 (Job, 1);

  job->filename = filename;
  job->named = !!named;
  job->json = !!json;
  job->validate = !!validate;
  return job;
}

static void
add_report_at (Job        *job,
               guint       line,
               guint       column,
               MhSeverity  severity,
               const char *message,
               const char *rule_id)
{
  Report *report = g_new0 (Report, 1);

  /* Problems of the whole file (a cap, say) point at its start, so every
   * line keeps the FILE:LINE:COLUMN shape tools parse. */
  report->line = MAX (line, 1);
  report->column = MAX (column, 1);
  report->severity = severity;
  report->message = g_strdup (message);
  report->rule_id = g_strdup (rule_id);
  g_ptr_array_add (job->reports, report);
}

static void
add_report (Job        *job,
            MhDocument *document,
            gsize       offset,
            MhSeverity  severity,
            const char *message,
            const char *rule_id)
{
  guint line = 1, column = 1;

  if (offset != G_MAXSIZE)
    mh_document_get_position (document, offset, &line, &column);
  add_report_at (job, line, column, severity, message, rule_id);
}

static int
compare_reports (gconstpointer a,
                 gconstpointer b)
{
  const Report *ra = *(Report * const *) a;
  const Report *rb = *(Report * const *) b;

  if (ra->line != rb->line)
    return ra->line < rb->line ? -1 : 1;
  if (ra->column != rb->column)
    return ra->column < rb->column ? -1 : 1;
  return 0;
}

/* Enough for a BOM, `---` and trailing spaces. */
#define HEAD_SIZE 256

static gboolean
peek_is_record (Job        *job,
                const char *basename)
{
  char head[HEAD_SIZE];
  const char *newline;
  gsize len;
  FILE *file;

  file = g_fopen (job->filename, "rb");
  if (file == NULL)
    {
      int errsv = errno;

      job->error = g_strdup_printf ("%s: %s", job->filename, g_strerror (errsv));
      return FALSE;
    }

  len = fread (head, 1, sizeof head, file);
  fclose (file);

  /* The opening line is all that tells a record apart. */
  newline = memchr (head, '\n', len);
  if (newline != NULL)
    len = (gsize) (newline - head) + 1;

  return mh_file_is_record (basename, head, len);
}

static const char *
severity_name (MhSeverity severity)
{
  return severity == MH_SEVERITY_ERROR ? "error" : "warning";
}

/* The job's reports as printed: a worker formats them, so printing is one
 * write per file in the main thread (formatted again when the collection
 * rules add to them). JSON entries each start with ",\n  "; the printer
 * drops the very first comma. */
static void
format_reports (Job *job)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_clear_pointer (&job->output, g_free);
  job->n_errors = 0;
  job->n_warnings = 0;

  for (guint j = 0; j < job->reports->len; j++)
    {
      const Report *report = g_ptr_array_index (job->reports, j);

      if (report->severity == MH_SEVERITY_ERROR)
        job->n_errors++;
      else
        job->n_warnings++;

      if (!job->json)
        {
          /* The severity stays untranslated: tools parse it. */
          g_string_append_printf (out, "%s:%u:%u: %s: %s [%s]\n", job->filename,
                                  report->line, report->column,
                                  severity_name (report->severity),
                                  report->message, report->rule_id);
          continue;
        }

      g_string_append (out, ",\n  {\"file\": ");
      mh_cli_append_json_string (out, job->filename, strlen (job->filename));
      g_string_append_printf (out, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", "
                              "\"message\": ", report->line, report->column,
                              severity_name (report->severity));
      mh_cli_append_json_string (out, report->message, strlen (report->message));
      g_string_append (out, ", \"rule\": ");
      mh_cli_append_json_string (out, report->rule_id, strlen (report->rule_id));
      g_string_append_c (out, '}');
    }

  job->checked = TRUE;
  job->output = out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
check_job (Job *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MhDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  const char *reason;
  gsize offset = G_MAXSIZE;
  gsize len = 0;

  basename = g_path_get_basename (job->filename);

  /* A folder may hold large files that are not records (images, videos):
   * peek at the opening line before reading everything. */
  if (!job->named && !mh_file_is_record (basename, NULL, 0) && !peek_is_record (job, basename))
    return;

  /* Plain reads: checking never writes, so the etag and the file's
   * permissions do not matter here. */
  if (!g_file_get_contents (job->filename, &data, &len, &error))
    {
      job->error = g_strdup (error->message);
      return;
    }

  job->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) report_free);
  /* The document keeps the bytes: hand them over rather than copy them. */
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  document = mh_document_new (bytes);

  /* Built here, on all cores: folding and URL keys are most of the
   * collection rules' work. */
  if (mh_document_get_root (document) != NULL)
    job->record = mh_health_record_new_from_document (job->filename, document);
  if (!job->validate)
    {
      job->checked = TRUE;
      return;
    }

  reason = mh_document_get_readonly_reason (document, &offset);
  if (reason != NULL)
    add_report (job, document, offset, MH_SEVERITY_ERROR, reason, "yaml");

  problems = mh_validate_document (document);
  for (guint i = 0; i < problems->len; i++)
    {
      const MhProblem *problem = g_ptr_array_index (problems, i);

      add_report (job, document, problem->offset, problem->severity, problem->message,
                  problem->rule_id);
    }

  g_ptr_array_sort (job->reports, compare_reports);
  format_reports (job);
}

static void
check_job_cb (gpointer data,
              gpointer user_data)
{
  check_job (data);
}

typedef struct
{
  GPtrArray   *jobs;
  GThreadPool *pool;   /* or NULL: checked after collecting */
  gboolean     json;
  gboolean     validate;
} Collector;

/* Jobs start as soon as they are found, so listing a large folder (one
 * thread) overlaps checking it (all of them). */
static void
collector_add (Collector *collector,
               char      *filename,
               gboolean   named)
{
  Job *job = job_new (filename, named, collector->json, collector->validate);

  g_ptr_array_add (collector->jobs, job);
  if (collector->pool != NULL)
    g_thread_pool_push (collector->pool, job, NULL);
}

/* Collects the files under @folder, recursively, skipping dot-entries.
 * Symlinked folders are not followed, so a link loop cannot trap us. The
 * entry types come from the folder listing: no stat per file. */
static gboolean
collect_folder (const char  *folder,
                Collector   *collector,
                char       **error_out)
{
  DIR *dir = opendir (folder);
  struct dirent *entry;

  if (dir == NULL)
    {
      int errsv = errno;

      *error_out = g_strdup_printf ("%s: %s", folder, g_strerror (errsv));
      return FALSE;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      g_autofree char *child = NULL;
      unsigned char type = entry->d_type;

      if (mh_file_is_hidden (entry->d_name))
        continue;

      child = g_build_filename (folder, entry->d_name, NULL);
      if (type == DT_UNKNOWN)
        {
          GStatBuf st;

          if (g_lstat (child, &st) != 0)
            continue;
          type = S_ISDIR (st.st_mode) ? DT_DIR : S_ISREG (st.st_mode) ? DT_REG
                 : S_ISLNK (st.st_mode) ? DT_LNK : DT_UNKNOWN;
        }

      if (type == DT_DIR)
        {
          if (!collect_folder (child, collector, error_out))
            {
              closedir (dir);
              return FALSE;
            }
        }
      else if (type == DT_REG
               || (type == DT_LNK && g_file_test (child, G_FILE_TEST_IS_REGULAR)))
        collector_add (collector, g_steal_pointer (&child), FALSE);
    }

  closedir (dir);
  return TRUE;
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  const Job *ja = *(Job * const *) a;
  const Job *jb = *(Job * const *) b;

  return strcmp (ja->filename, jb->filename);
}

static void
print_reports (GPtrArray *jobs,
               gboolean   json)
{
  gboolean first = TRUE;

  if (json)
    fputs ("[", stdout);
  for (guint i = 0; i < jobs->len; i++)
    {
      const Job *job = g_ptr_array_index (jobs, i);
      const char *output = job->output;

      if (output == NULL)
        continue;
      if (json && first)
        output++;
      first = FALSE;
      fputs (output, stdout);
    }
  if (json)
    fputs (first ? "]\n" : "\n]\n", stdout);
}

/* The not-duplicates of @folder, under the ids the jobs give its files.
 * Read here rather than through GFile, so messages name it as typed. */
static gboolean
add_not_duplicates (MhHealthIndex *index,
                    const char    *folder)
{
  g_autofree char *path = g_build_filename (folder, MH_DUPLICATES_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      fprintf (stderr, "masthead-cli: %s\n", error->message);
      return FALSE;
    }
  pairs = mh_duplicates_file_parse (text, len, path, &error);
  if (pairs == NULL)
    {
      fprintf (stderr, "masthead-cli: %s\n", error->message);
      return FALSE;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      const MhPathPair *pair = g_ptr_array_index (pairs, i);
      g_autofree char *a = g_build_filename (folder, pair->a, NULL);
      g_autofree char *b = g_build_filename (folder, pair->b, NULL);

      /* A line for a file that is gone names no record: it is ignored. */
      mh_health_index_add_not_duplicate (index, a, b);
    }
  return TRUE;
}

static void
usage_error (const char *message)
{
  fprintf (stderr, "masthead-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “masthead-cli --help” for more information."));
}

/* Reads PATH... (folders recursively, records only) on all cores, the
 * record rules too when @validate, and indexes every record for the
 * collection rules with each folder's not-duplicates. @jobs_out: the jobs,
 * sorted by file. Returns: the exit status so far. */
static int
scan_paths (const char  *verb,
            int          argc,
            char       **argv,
            gboolean     validate,
            gboolean    *json,
            GPtrArray  **jobs_out,
            MhHealthIndex **index_out)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  g_autoptr(MhHealthIndex) index = mh_health_index_new ();
  Collector collector = { jobs, NULL, FALSE, validate };
  guint n_paths = 0;
  int status = MH_CLI_EXIT_OK;
  guint n_workers;

  /* Options first: a bad one stops the run before any file is read. */
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--json") == 0)
        collector.json = TRUE;
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option for “%s”"), verb);

          usage_error (message);
          return MH_CLI_EXIT_FAILURE;
        }
      else
        n_paths++;
    }

  if (n_paths == 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” takes at least one PATH"), verb);

      usage_error (message);
      return MH_CLI_EXIT_FAILURE;
    }

  /* GLib 2.74 creates the C locale behind g_ascii_strtod() and friends on
   * first use, and concurrent first uses fail at random (a quality of 52
   * read as not a number): create it before the workers start. */
  (void) g_ascii_strtod ("0", NULL);

  n_workers = CLAMP (g_get_num_processors (), 1, MAX_WORKERS);
  if (n_workers > 1)
    collector.pool = g_thread_pool_new (check_job_cb, NULL, n_workers, TRUE, NULL);

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      GStatBuf st;

      if (strcmp (arg, "--json") == 0)
        continue;

      if (g_stat (arg, &st) != 0)
        {
          int errsv = errno;

          fprintf (stderr, "masthead-cli: %s: %s\n", arg, g_strerror (errsv));
          status = MH_CLI_EXIT_FAILURE;
        }
      else if (S_ISDIR (st.st_mode))
        {
          g_autofree char *error = NULL;

          g_ptr_array_add (folders, (char *) arg);
          if (!collect_folder (arg, &collector, &error))
            {
              fprintf (stderr, "masthead-cli: %s\n", error);
              status = MH_CLI_EXIT_FAILURE;
            }
        }
      else
        collector_add (&collector, g_strdup (arg), TRUE);
    }

  /* The workers hold the jobs themselves, not their places in the array:
   * sort it for printing while they finish. */
  g_ptr_array_sort (jobs, compare_jobs);
  if (collector.pool != NULL)
    /* Waits for every queued file. */
    g_thread_pool_free (collector.pool, FALSE, TRUE);
  else
    g_ptr_array_foreach (jobs, check_job_cb, NULL);

  /* In file order, so that what the rules print does not depend on which
   * worker finished first. */
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (job->record != NULL)
        mh_health_index_update (index, g_steal_pointer (&job->record), NULL);
    }
  for (guint i = 0; i < folders->len; i++)
    if (!add_not_duplicates (index, g_ptr_array_index (folders, i)))
      status = MH_CLI_EXIT_FAILURE;

  *json = collector.json;
  *jobs_out = g_steal_pointer (&jobs);
  *index_out = g_steal_pointer (&index);
  return status;
}

/* Adds the collection rules' problems to each job's reports. */
static void
add_collection_reports (GPtrArray     *jobs,
                        MhHealthIndex *index)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_autoptr(GPtrArray) problems = NULL;

      if (job->reports == NULL)
        continue;
      problems = mh_health_index_dup_problems (index, job->filename);
      if (problems->len == 0)
        continue;
      for (guint j = 0; j < problems->len; j++)
        {
          const MhHealthProblem *problem = g_ptr_array_index (problems, j);

          add_report_at (job, problem->line, problem->column, problem->severity,
                         problem->message, problem->rule_id);
        }
      /* Stable: a record rule and a collection rule on one value keep
       * that order. */
      g_ptr_array_sort (job->reports, compare_reports);
      format_reports (job);
    }
}

/* Reports the files that could not be read; the highest status. */
static int
report_unread (GPtrArray *jobs,
               int        status)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      const Job *job = g_ptr_array_index (jobs, i);

      if (job->error != NULL)
        {
          fprintf (stderr, "masthead-cli: %s\n", job->error);
          status = MAX (status, MH_CLI_EXIT_FAILURE);
        }
    }
  return status;
}

int
mh_cli_read_collection (const char      *verb,
                        int              argc,
                        char           **argv,
                        gboolean        *json,
                        MhHealthIndex  **index_out)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(MhHealthIndex) index = NULL;
  int status;

  status = scan_paths (verb, argc, argv, FALSE, json, &jobs, &index);
  if (jobs == NULL)
    return status;
  *index_out = g_steal_pointer (&index);
  return report_unread (jobs, status);
}

/**
 * mh_cli_check:
 * @argc: the number of arguments after `check`
 * @argv: PATH... and `--json`
 *
 * Validates files and folders (folders recursively, records only) on all
 * cores, against the record rules and the collection rules (over every
 * record named), and prints the problems sorted by file and line.
 *
 * Returns: the exit status
 */
int
mh_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(MhHealthIndex) index = NULL;
  gboolean json = FALSE;
  guint n_checked = 0, n_errors = 0, n_warnings = 0;
  int status;

  status = scan_paths ("check", argc, argv, TRUE, &json, &jobs, &index);
  if (jobs == NULL)
    return status;

  add_collection_reports (jobs, index);
  print_reports (jobs, json);
  status = report_unread (jobs, status);

  for (guint i = 0; i < jobs->len; i++)
    {
      const Job *job = g_ptr_array_index (jobs, i);

      if (job->error != NULL)
        continue;
      n_checked += job->checked;
      n_errors += job->n_errors;
      n_warnings += job->n_warnings;
    }

  /* A failing run always says why on stderr, even when stdout goes to a
   * tool. */
  if (n_errors > 0)
    {
      g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors),
                                                 n_errors);
      g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings",
                                                             n_warnings), n_warnings);
      g_autofree char *records = g_strdup_printf (ngettext ("%u record checked",
                                                            "%u records checked", n_checked),
                                                  n_checked);

      fprintf (stderr, "masthead-cli: %s, %s (%s)\n", errors, warnings, records);
      status = MAX (status, MH_CLI_EXIT_PROBLEMS);
    }

  return status;
}
