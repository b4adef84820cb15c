/* mh-cli-check.c: `masthead-cli check`, the per-record rules over files and folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mh-cli.h"
#include "mh-document.h"
#include "mh-file.h"
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
  GPtrArray *reports;    /* Report, sorted by line and column */
  char      *error;      /* why it could not be read */
  guint      named : 1;  /* named on the command line: checked even if not a record */
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
  g_free (job->error);
  g_free (job);
}

static Job *
job_new (const char *filename,
         gboolean    named)
{
  Job *job = g_new0 (Job, 1);

  job->filename = g_strdup (filename);
  job->named = !!named;
  return job;
}

static void
add_report (Job        *job,
            MhDocument *document,
            gsize       offset,
            MhSeverity  severity,
            const char *message,
            const char *rule_id)
{
  Report *report = g_new0 (Report, 1);

  /* Problems of the whole file (a cap, say) point at its start, so every
   * line keeps the FILE:LINE:COLUMN shape tools parse. */
  report->line = 1;
  report->column = 1;
  if (offset != G_MAXSIZE)
    mh_document_get_position (document, offset, &report->line, &report->column);
  report->severity = severity;
  report->message = g_strdup (message);
  report->rule_id = g_strdup (rule_id);
  g_ptr_array_add (job->reports, report);
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

static void
check_job (Job *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MhDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *data = NULL;
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
  document = mh_document_new_from_data (data, len);

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
}

static void
check_job_cb (gpointer data,
              gpointer user_data)
{
  check_job (data);
}

/* Collects the files under @folder, recursively, skipping dot-entries.
 * Symlinked folders are not followed, so a link loop cannot trap us. */
static gboolean
collect_folder (const char  *folder,
                GPtrArray   *jobs,
                char       **error_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  const char *name;

  if (dir == NULL)
    {
      *error_out = g_strdup_printf ("%s: %s", folder, error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;
      GStatBuf st;

      if (mh_file_is_hidden (name))
        continue;

      child = g_build_filename (folder, name, NULL);
      if (g_lstat (child, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          if (!collect_folder (child, jobs, error_out))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode)
               || (S_ISLNK (st.st_mode) && g_file_test (child, G_FILE_TEST_IS_REGULAR)))
        g_ptr_array_add (jobs, job_new (child, FALSE));
    }

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
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static const char *
severity_name (MhSeverity severity)
{
  return severity == MH_SEVERITY_ERROR ? "error" : "warning";
}

static void
print_reports (GPtrArray *jobs,
               gboolean   json)
{
  g_autoptr(GString) out = g_string_new (json ? "[" : NULL);
  gboolean first = TRUE;

  for (guint i = 0; i < jobs->len; i++)
    {
      const Job *job = g_ptr_array_index (jobs, i);

      if (job->reports == NULL)
        continue;

      for (guint j = 0; j < job->reports->len; j++)
        {
          const Report *report = g_ptr_array_index (job->reports, j);

          if (!json)
            {
              /* The severity stays untranslated: tools parse it. */
              g_string_append_printf (out, "%s:%u:%u: %s: %s [%s]\n", job->filename,
                                      report->line, report->column,
                                      severity_name (report->severity),
                                      report->message, report->rule_id);
              continue;
            }

          g_string_append (out, first ? "\n  {\"file\": " : ",\n  {\"file\": ");
          first = FALSE;
          append_json_string (out, job->filename);
          g_string_append_printf (out, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", "
                                  "\"message\": ", report->line, report->column,
                                  severity_name (report->severity));
          append_json_string (out, report->message);
          g_string_append (out, ", \"rule\": ");
          append_json_string (out, report->rule_id);
          g_string_append_c (out, '}');
        }
    }

  if (json)
    g_string_append (out, first ? "]\n" : "\n]\n");

  fwrite (out->str, 1, out->len, stdout);
}

/**
 * mh_cli_check:
 * @argc: the number of arguments after `check`
 * @argv: PATH... and `--json`
 *
 * Validates files and folders (folders recursively, records only) on all
 * cores and prints the problems sorted by file and line.
 *
 * Returns: the exit status
 */
int
mh_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  gboolean json = FALSE;
  guint n_paths = 0;
  int status = MH_CLI_EXIT_OK;
  guint n_checked = 0, n_errors = 0, n_warnings = 0;
  guint n_workers;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      GStatBuf st;

      if (strcmp (arg, "--json") == 0)
        {
          json = TRUE;
          continue;
        }
      if (arg[0] == '-' && arg[1] != '\0')
        {
          fprintf (stderr, "masthead-cli: %s\n", _("Unknown option for “check”"));
          fprintf (stderr, "%s\n", _("Try “masthead-cli --help” for more information."));
          return MH_CLI_EXIT_FAILURE;
        }

      n_paths++;
      if (g_stat (arg, &st) != 0)
        {
          int errsv = errno;

          fprintf (stderr, "masthead-cli: %s: %s\n", arg, g_strerror (errsv));
          status = MH_CLI_EXIT_FAILURE;
        }
      else if (S_ISDIR (st.st_mode))
        {
          g_autofree char *error = NULL;

          if (!collect_folder (arg, jobs, &error))
            {
              fprintf (stderr, "masthead-cli: %s\n", error);
              status = MH_CLI_EXIT_FAILURE;
            }
        }
      else
        g_ptr_array_add (jobs, job_new (arg, TRUE));
    }

  if (n_paths == 0)
    {
      fprintf (stderr, "masthead-cli: %s\n", _("“check” takes at least one PATH"));
      fprintf (stderr, "%s\n", _("Try “masthead-cli --help” for more information."));
      return MH_CLI_EXIT_FAILURE;
    }

  g_ptr_array_sort (jobs, compare_jobs);

  /* GLib 2.74 creates the C locale behind g_ascii_strtod() and friends on
   * first use, and concurrent first uses fail at random (a quality of 52
   * read as not a number): create it before the workers start. */
  (void) g_ascii_strtod ("0", NULL);

  n_workers = CLAMP (g_get_num_processors (), 1, MAX_WORKERS);
  if (jobs->len < 2 || n_workers == 1)
    g_ptr_array_foreach (jobs, check_job_cb, NULL);
  else
    {
      GThreadPool *pool = g_thread_pool_new (check_job_cb, NULL, MIN (n_workers, jobs->len),
                                             TRUE, NULL);

      for (guint i = 0; i < jobs->len; i++)
        g_thread_pool_push (pool, g_ptr_array_index (jobs, i), NULL);
      /* Waits for every queued file. */
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  print_reports (jobs, json);

  for (guint i = 0; i < jobs->len; i++)
    {
      const Job *job = g_ptr_array_index (jobs, i);

      if (job->error != NULL)
        {
          fprintf (stderr, "masthead-cli: %s\n", job->error);
          status = MAX (status, MH_CLI_EXIT_FAILURE);
          continue;
        }

      if (job->reports != NULL)
        n_checked++;

      for (guint j = 0; job->reports != NULL && j < job->reports->len; j++)
        {
          const Report *report = g_ptr_array_index (job->reports, j);

          if (report->severity == MH_SEVERITY_ERROR)
            n_errors++;
          else
            n_warnings++;
        }
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
