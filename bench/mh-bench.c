/* mh-bench.c: masthead-bench, one command for every performance figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parent generates (or reuses) a corpus, warms the page cache, then runs
 * each measurement in a fresh copy of itself (`--measure=NAME`), so one
 * figure's allocations, threads and peak RSS never leak into another's. The
 * children print `key value` lines; the parent compares them with the floor
 * measured in the same run and prints the table.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "mh-bench.h"

#ifndef MH_BENCH_BUILDTYPE
#define MH_BENCH_BUILDTYPE "unknown"
#endif
#ifndef MH_BENCH_CLI
#define MH_BENCH_CLI "masthead-cli"
#endif
#ifndef MH_BENCH_APP
#define MH_BENCH_APP "masthead"
#endif

typedef struct
{
  const char *name;
  const char *what;
  gboolean    model;  /* needs the model (MhCollection) */
  gboolean    gtk;    /* runs in masthead-bench-gtk when it is built */
} Kind;

/* In the order they run: floor first, everything else compares with it. */
static const Kind kinds[] = {
  { "floor", "libyaml events (the floor)", FALSE, FALSE },
  { "engine", "engine load", FALSE, FALSE },
  { "collection", "MhCollection load", TRUE, FALSE },
  { "model-rss", "model memory", TRUE, FALSE },
  { "search", "search refilter", TRUE, TRUE },
  { "sort", "sort", TRUE, TRUE },
  { "save", "save one record", TRUE, FALSE },
  { "batch", "batch: add a topic to every record", TRUE, FALSE },
  { "check", "masthead-cli check", FALSE, FALSE },
  { "rename-topic", "masthead-cli rename-topic", FALSE, FALSE },
  { "list-where", "masthead-cli list --where", FALSE, FALSE },
  { "health", "collection rules (duplicate scan, one edit)", FALSE, FALSE },
  { "duplicates", "masthead-cli duplicates", FALSE, FALSE },
  { "window", "window", FALSE, TRUE },
};

/* Parent side ------------------------------------------------------------ */

typedef struct
{
  guint       n_records;
  GHashTable *figures[G_N_ELEMENTS (kinds)];  /* key -> value, or NULL when not run */
} Run;

static void
run_clear (Run *run)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_clear_pointer (&run->figures[i], g_hash_table_unref);
}

static const char *
figure (const Run  *run,
        const char *kind,
        const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, kind))
      return run->figures[i] ? g_hash_table_lookup (run->figures[i], key) : NULL;
  g_assert_not_reached ();
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
was_run (const Run  *run,
         const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, kind))
      return run->figures[i] != NULL;
  g_assert_not_reached ();
}

static gboolean
figure_double (const Run  *run,
               const char *kind,
               const char *key,
               double     *value)
{
  const char *text = figure (run, kind, key);

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, NULL);
  return TRUE;
}

static GHashTable *
spawn_measure (const char           *self_path,
               const Kind           *kind,
               const MhBenchOptions *options,
               guint64               seed)
{
  GHashTable *figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *measure = g_strdup_printf ("--measure=%s", kind->name);
  g_autofree char *dir = g_strdup_printf ("--dir=%s", options->dir);
  g_autofree char *threads = g_strdup_printf ("--threads=%u", options->threads);
  g_autofree char *repeat = g_strdup_printf ("--repeat=%u", options->repeat);
  g_autofree char *saves = g_strdup_printf ("--saves=%u", options->saves);
  g_autofree char *seed_arg = g_strdup_printf ("--seed=%" G_GUINT64_FORMAT, seed);
  g_autofree char *cli = g_strdup_printf ("--cli=%s", options->cli_path);
  g_autofree char *app = g_strdup_printf ("--app=%s", options->app_path);
  const char *argv[] = {
    self_path, measure, dir, threads, repeat, saves, seed_arg, cli, app, NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    {
      g_hash_table_insert (figures, g_strdup ("not_measured"), g_strdup (error->message));
      return figures;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space == NULL)
        continue;
      *space = '\0';
      g_hash_table_insert (figures, g_strdup (lines[i]), g_strdup (space + 1));
    }

  if (!g_spawn_check_wait_status (status, &error)
      && !g_hash_table_contains (figures, "not_measured"))
    {
      g_auto(GStrv) err_lines = g_strsplit (g_strstrip (err), "\n", -1);
      guint n = g_strv_length (err_lines);

      g_hash_table_insert (figures, g_strdup ("not_measured"),
                           g_strdup_printf ("the measuring process failed (%s)%s%s",
                                            error->message, n ? ": " : "",
                                            n ? err_lines[n - 1] : ""));
    }
  return figures;
}

static char *
format_bytes (double kb)
{
  return g_strdup_printf ("%.1f MB", kb / 1024.0);
}

static const char *
verdict (gboolean pass)
{
  return pass ? "PASS" : "MISS";
}

/* One figure per line: name, value, target, verdict. */
static void
line (const char *name,
      const char *value,
      const char *target,
      const char *result)
{
  printf ("  %-40s %-42s %-20s %s\n", name, value, target ? target : "", result ? result : "");
}

static void
line_not_measured (const char *name,
                   const char *reason)
{
  printf ("  %-40s not measured: %s\n", name, reason);
}

/* TRUE when there is nothing more to report for @kind: not run (--only), or
 * not measured (then the reason is printed). */
static gboolean
report_skipped (const Run  *run,
                const char *kind,
                const char *name)
{
  const char *reason = figure (run, kind, "not_measured");

  if (!was_run (run, kind))
    return TRUE;
  if (reason == NULL)
    return FALSE;
  line_not_measured (name, reason);
  return TRUE;
}

static void
report_rss (const Run  *run,
            const char *kind,
            const char *name)
{
  double rss;

  if (figure_double (run, kind, "rss_kb", &rss))
    {
      g_autofree char *value = format_bytes (rss);

      line (name, value, NULL, NULL);
    }
}

/* A time against the floor: the floor passes the same child ran right
 * before its own (paired), else the floor line's. Ratio, target, verdict. */
static void
report_vs_floor (const Run  *run,
                 const char *kind,
                 const char *key,
                 const char *name,
                 double      target)
{
  g_autofree char *cpu_key = g_strconcat (key, "_cpu", NULL);
  /* @target 0: a figure to read the others by, without a verdict. */
  g_autofree char *target_text = target > 0 ? g_strdup_printf ("<= %.1fx the floor", target)
                                            : NULL;
  g_autofree char *value = NULL;
  gboolean paired = TRUE;
  double floor_s;
  double floor_cpu;
  double seconds;
  double cpu;

  if (!figure_double (run, kind, key, &seconds))
    {
      line_not_measured (name, "no figure");
      return;
    }
  if (!figure_double (run, kind, "floor_seconds", &floor_s)
      || !figure_double (run, kind, "floor_seconds_cpu", &floor_cpu))
    {
      paired = FALSE;
      if (!figure_double (run, "floor", "seconds", &floor_s)
          || !figure_double (run, "floor", "seconds_cpu", &floor_cpu))
        {
          value = g_strdup_printf ("%.3f s", seconds);
          line (name, value, target_text, "no floor to compare with");
          return;
        }
    }
  if (floor_s <= 0)
    floor_s = 1e-9;
  if (figure_double (run, kind, cpu_key, &cpu) && floor_cpu > 0)
    value = g_strdup_printf ("%.3f s / %.3f%s = %.2fx (cpu %.2fx)", seconds, floor_s,
                             paired ? "" : "*", seconds / floor_s, cpu / floor_cpu);
  else
    value = g_strdup_printf ("%.3f s / %.3f%s = %.2fx", seconds, floor_s, paired ? "" : "*",
                             seconds / floor_s);
  line (name, value, target_text, target > 0 ? verdict (seconds / floor_s <= target) : NULL);
}

/* An absolute time with its target; @per_100k: the target is stated for
 * 100,000 records. */
static void
report_time (const Run  *run,
             const char *kind,
             const char *key,
             const char *name,
             double      target_s,
             gboolean    per_100k)
{
  double seconds;
  g_autofree char *value = NULL;
  g_autofree char *target_text = NULL;

  if (!figure_double (run, kind, key, &seconds))
    {
      line_not_measured (name, "no figure");
      return;
    }
  {
    g_autofree char *cpu_key = g_strconcat (key, "_cpu", NULL);
    double cpu;

    if (figure_double (run, kind, cpu_key, &cpu))
      value = target_s < 1 ? g_strdup_printf ("%.2f ms (cpu %.2f ms)", seconds * 1000, cpu * 1000)
                           : g_strdup_printf ("%.3f s (cpu %.3f s)", seconds, cpu);
    else
      value = target_s < 1 ? g_strdup_printf ("%.2f ms", seconds * 1000)
                           : g_strdup_printf ("%.3f s", seconds);
  }
  target_text = target_s < 1 ? g_strdup_printf ("<= %g ms%s", target_s * 1000,
                                                per_100k ? " @100k" : "")
                             : g_strdup_printf ("<= %g s%s", target_s, per_100k ? " @100k" : "");
  line (name, value, target_text, verdict (seconds <= target_s));
}

/* A figure without a target, for reading the others. */
static void
report_info (const Run  *run,
             const char *kind,
             const char *key,
             const char *name)
{
  const char *value = figure (run, kind, key);

  if (value != NULL)
    printf ("  %-40s %s\n", name, value);
}

static void
report_info_ms (const Run  *run,
                const char *kind,
                const char *key,
                const char *name)
{
  g_autofree char *cpu_key = g_strconcat (key, "_cpu", NULL);
  g_autofree char *value = NULL;
  double seconds;
  double cpu;

  if (!figure_double (run, kind, key, &seconds))
    return;
  if (figure_double (run, kind, cpu_key, &cpu))
    value = g_strdup_printf ("%.2f ms (cpu %.2f ms)", seconds * 1000, cpu * 1000);
  else
    value = g_strdup_printf ("%.2f ms", seconds * 1000);
  line (name, value, NULL, NULL);
}

/* Figures a child passed through from a program it ran, whatever they are. */
static void
report_prefixed (const Run  *run,
                 const char *kind,
                 const char *prefix,
                 const char *name)
{
  GHashTable *figures = NULL;
  g_autofree const char **keys = NULL;
  guint n_keys = 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, kind))
      figures = run->figures[i];
  if (figures == NULL)
    return;
  keys = (const char **) g_hash_table_get_keys_as_array (figures, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (char *), compare_keys, NULL);
  for (guint i = 0; i < n_keys; i++)
    if (g_str_has_prefix (keys[i], prefix))
      {
        g_autofree char *text = g_strdup_printf ("%s %s", keys[i] + strlen (prefix),
                                                 (const char *) g_hash_table_lookup (figures,
                                                                                     keys[i]));

        line (name, text, NULL, NULL);
      }
}

static void
report_info_s (const Run  *run,
               const char *kind,
               const char *key,
               const char *name)
{
  g_autofree char *value = NULL;
  double seconds;

  if (!figure_double (run, kind, key, &seconds))
    return;
  value = g_strdup_printf ("%.3f s", seconds);
  line (name, value, NULL, NULL);
}

static void
report_memory (const Run  *run,
               const char *kind,
               const char *name,
               double      target_mb)
{
  double rss;
  g_autofree char *value = NULL;
  g_autofree char *target_text = g_strdup_printf ("<= %g MB @100k", target_mb);

  if (!figure_double (run, kind, "rss_kb", &rss))
    {
      line_not_measured (name, "no figure");
      return;
    }
  value = format_bytes (rss);
  line (name, value, target_text, verdict (rss / 1024.0 <= target_mb));
}

static void
report_run (const Run *run)
{
  double seconds;
  double rate;
  double count;

  printf ("\n%u records\n", run->n_records);

  if (!report_skipped (run, "floor", "floor: libyaml events, 2 threads")
      && figure_double (run, "floor", "seconds", &seconds)
      && figure_double (run, "floor", "files_per_second", &rate))
    {
      g_autofree char *value = g_strdup_printf ("%.3f s = %.0f files/s", seconds, rate);
      g_autofree char *name = g_strdup_printf ("floor: libyaml events, %s threads",
                                               figure (run, "floor", "threads"));

      line (name, value, "(the baseline)", NULL);
      report_rss (run, "floor", "floor: peak RSS");
      if (figure_double (run, "floor", "failed", &count) && count > 0)
        {
          g_autofree char *errors = g_strdup_printf ("%.0f", count);

          line ("floor: records libyaml rejects", errors, NULL, NULL);
        }
    }

  if (!report_skipped (run, "engine", "engine load (mh_file_load + mh_document_new)")
      && figure_double (run, "engine", "files_per_second", &rate))
    {
      g_autofree char *value = g_strdup_printf ("%.0f files/s", rate);

      line ("engine load: files/s", value, NULL, NULL);
      report_vs_floor (run, "engine", "seconds", "engine load: time vs floor", 1.5);
      report_vs_floor (run, "engine", "file_load_seconds", "engine load: mh_file_load alone",
                       0);
      report_vs_floor (run, "engine", "document_seconds",
                       "engine load: read + mh_document_new", 0);
      report_rss (run, "engine", "engine load: peak RSS");
      if (figure_double (run, "engine", "failed", &count) && count > 0)
        {
          g_autofree char *read_only = g_strdup_printf ("%.0f", count);

          line ("engine load: records read-only or empty", read_only, NULL, NULL);
        }
    }

  if (!report_skipped (run, "collection", "MhCollection load"))
    {
      report_vs_floor (run, "collection", "seconds", "collection: every row listable", 1.5);
      report_vs_floor (run, "collection", "problems_seconds",
                       "collection: problems known", 2.5);
      report_time (run, "collection", "first100_seconds", "collection: first 100 records",
                   0.2, FALSE);
      if (figure_double (run, "collection", "max_stall_seconds", &seconds))
        report_time (run, "collection", "max_stall_seconds",
                     "collection: longest main-loop stall", 0.05, FALSE);
    }
  if (!report_skipped (run, "model-rss", "model: peak RSS after loading"))
    report_memory (run, "model-rss", "model: peak RSS after loading", 200);
  if (!report_skipped (run, "search", "search: refilter median"))
    {
      report_time (run, "search", "median_seconds", "search: refilter median", 0.016, TRUE);
      report_info (run, "search", "chain", "search: measured through");
      report_info_ms (run, "search", "predicate_seconds", "search: mh_collection_match loop alone");
    }
  if (!report_skipped (run, "sort", "sort"))
    {
      static const char * const columns[] = { "title", "date", "quality" };

      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          g_autofree char *key = g_strdup_printf ("%s_seconds", columns[i]);
          g_autofree char *array_key = g_strdup_printf ("%s_array_seconds", columns[i]);
          g_autofree char *name = g_strdup_printf ("sort by %s", columns[i]);
          g_autofree char *array_name = g_strdup_printf ("sort by %s: compare_by on an array",
                                                         columns[i]);

          report_time (run, "sort", figure (run, "sort", key) ? key : array_key, name, 0.150,
                       TRUE);
          report_info_ms (run, "sort", array_key, array_name);
        }
      report_info (run, "sort", "chain", "sort: measured through");
    }
  if (!report_skipped (run, "batch", "batch: plan + preview (add a topic)"))
    {
      double growth;

      report_info (run, "batch", "changes", "batch: records that change");
      report_time (run, "batch", "plan_seconds", "batch: plan + preview (add a topic)", 0.300,
                   FALSE);
      report_time (run, "batch", "apply_seconds", "batch: apply, one undo step", 0.300, FALSE);
      report_time (run, "batch", "undo_seconds", "batch: undo", 0.300, FALSE);
      report_info (run, "batch", "step_kb", "batch: the undo step keeps (KB)");
      report_info (run, "batch", "save_all_seconds", "batch: Save All of those records (s)");
      report_time (run, "batch", "save_all_seconds_stall_seconds",
                   "batch: Save All longest main-loop stall", 0.050, FALSE);
      report_info (run, "batch", "save_all_seconds_failed", "batch: Save All failures");
      if (figure_double (run, "batch", "rss_growth_kb", &growth))
        {
          g_autofree char *value = format_bytes (growth);
          line ("batch: resident memory growth", value, "<= 30 MB", verdict (growth <= 30 * 1024));
        }
    }
  if (!report_skipped (run, "save", "save one record: median"))
    {
      report_time (run, "save", "median_seconds", "save one record: median", 0.005, FALSE);
      report_info (run, "save", "records_exact_after_undo",
                   "save: bytes back after set + set back");
      report_info (run, "save", "first_error", "save: first error");
    }
  if (!report_skipped (run, "check", "masthead-cli check"))
    {
      double cpu;

      report_vs_floor (run, "check", "seconds", "masthead-cli check: time vs floor", 2.0);
      if (figure_double (run, "check", "seconds", &seconds)
          && figure_double (run, "check", "seconds_cpu", &cpu) && seconds > 0)
        {
          g_autofree char *value = g_strdup_printf ("%.2f (cpu time / wall time)", cpu / seconds);

          line ("masthead-cli check: cores used", value, NULL, NULL);
        }
      report_rss (run, "check", "masthead-cli check: peak RSS");
    }
  if (!report_skipped (run, "rename-topic", "masthead-cli rename-topic"))
    {
      report_vs_floor (run, "rename-topic", "seconds", "masthead-cli rename-topic: time vs floor",
                       2.5);
      report_info (run, "rename-topic", "records_changed", "rename-topic: records changed");
      report_rss (run, "rename-topic", "masthead-cli rename-topic: peak RSS");
    }
  if (!report_skipped (run, "list-where", "masthead-cli list --where"))
    {
      report_vs_floor (run, "list-where", "seconds", "masthead-cli list --where: time vs floor",
                       2.0);
      report_rss (run, "list-where", "masthead-cli list --where: peak RSS");
    }
  if (!report_skipped (run, "health", "collection rules"))
    {
      report_info (run, "health", "groups", "rules: duplicate groups found");
      report_info (run, "health", "problems", "rules: collection problems found");
      report_info_ms (run, "health", "build_seconds", "rules: records described (1 thread)");
      report_time (run, "health", "seconds", "rules: duplicate scan (index + groups)", 1.0, TRUE);
      report_info_ms (run, "health", "index_seconds", "rules: of which indexing");
      report_info_ms (run, "health", "problems_seconds", "rules: every record's problems");
      report_info_ms (run, "health", "prepare_seconds", "rules: links table for updates (once)");
      report_time (run, "health", "edit_seconds", "rules: one edit, median", 0.005, TRUE);
      report_time (run, "health", "edit_max_seconds", "rules: one edit, worst", 0.005, TRUE);
      report_info (run, "health", "edit_affected_max", "rules: records one edit affected, most");
      report_rss (run, "health", "rules: peak RSS");
    }
  if (!report_skipped (run, "duplicates", "masthead-cli duplicates"))
    {
      report_vs_floor (run, "duplicates", "seconds", "masthead-cli duplicates: time vs floor",
                       2.5);
      report_rss (run, "duplicates", "masthead-cli duplicates: peak RSS");
    }
  if (!report_skipped (run, "window", "window"))
    {
      const char *reason;

      if (figure (run, "window", "inapp_first_rows_seconds"))
        {
          report_time (run, "window", "inapp_first_rows_seconds",
                       "window: first frame with rows", 1.0, TRUE);
          line ("window: measured as", "frame clock in MhApplication run by masthead-bench",
                NULL, NULL);
          if (figure (run, "window", "inapp_max_stall_seconds"))
            report_time (run, "window", "inapp_max_stall_seconds",
                         "window: longest main-loop stall, loading", 0.05, FALSE);
          report_info_s (run, "window", "inapp_max_stall_ended_seconds",
                         "window: that stall ended at");
          report_info_s (run, "window", "inapp_max_stall_after_rows_seconds",
                         "window: longest stall after the first rows");
          report_info_s (run, "window", "inapp_loaded_seconds",
                         "window: loaded (screenshot taken)");
        }
      else if ((reason = figure (run, "window", "inapp_not_measured"))
               || (reason = figure (run, "window", "app_not_measured")))
        line_not_measured ("window: first frame with rows", reason);
      report_info_s (run, "window", "screenshot_seconds", "window: masthead --screenshot done");
      if ((reason = figure (run, "window", "binary_not_measured")))
        line_not_measured ("window: masthead --screenshot", reason);
      report_info (run, "window", "first_attempt_failed", "window: first attempt failed");
      report_prefixed (run, "window", "binary_", "window: masthead printed");
      if (figure (run, "window", "app_rss_kb"))
        {
          double rss = g_ascii_strtod (figure (run, "window", "app_rss_kb"), NULL);
          g_autofree char *value = format_bytes (rss);

          line ("window: peak RSS of masthead", value, "<= 350 MB @100k",
                verdict (rss / 1024 <= 350));
        }
    }
}

/* How each figure grows from the first N to the last: linear means the
 * time (or memory) per record stays the same. */
static void
report_growth (const Run *first,
               const Run *last)
{
  static const struct
  {
    const char *kind;
    const char *key;
    const char *name;
  } growth[] = {
    { "floor", "seconds", "floor time" },
    { "engine", "seconds", "engine load time" },
    { "collection", "seconds", "collection load time" },
    { "collection", "problems_seconds", "collection load, problems known" },
    { "model-rss", "rss_kb", "model peak RSS" },
    { "check", "seconds", "masthead-cli check time" },
    { "health", "seconds", "duplicate scan" },
    { "duplicates", "seconds", "masthead-cli duplicates time" },
  };
  double n_ratio = last->n_records / (double) first->n_records;

  printf ("\ngrowth from %u to %u records (x%.1f records; linear: per-record ratio <= 1.25)\n",
          first->n_records, last->n_records, n_ratio);
  for (guint i = 0; i < G_N_ELEMENTS (growth); i++)
    {
      double a;
      double b;
      g_autofree char *value = NULL;
      g_autofree char *name = g_strdup_printf ("growth: %s", growth[i].name);

      if (!was_run (first, growth[i].kind) && !was_run (last, growth[i].kind))
        continue;
      if (!figure_double (first, growth[i].kind, growth[i].key, &a)
          || !figure_double (last, growth[i].kind, growth[i].key, &b) || a <= 0)
        {
          line_not_measured (name, "not measured at both sizes");
          continue;
        }
      {
        g_autofree char *cpu_key = g_strconcat (growth[i].key, "_cpu", NULL);
        double a_cpu;
        double b_cpu;

        if (figure_double (first, growth[i].kind, cpu_key, &a_cpu)
            && figure_double (last, growth[i].kind, cpu_key, &b_cpu) && a_cpu > 0)
          value = g_strdup_printf ("x%.2f, per record x%.2f (cpu x%.2f)", b / a,
                                   b / a / n_ratio, b_cpu / a_cpu / n_ratio);
        else
          value = g_strdup_printf ("x%.2f, per record x%.2f", b / a, b / a / n_ratio);
      }
      line (name, value, "linear", verdict (b / a / n_ratio <= 1.25));
    }
}

static gboolean
kind_selected (const char         *name,
               const char * const *only)
{
  return only == NULL || g_strv_contains (only, name);
}

static gboolean
parse_counts (const char  *text,
              GArray      *counts,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, G_MAXINT, &n, error))
        return FALSE;
      g_array_append_val (counts, n);
    }
  return counts->len > 0;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *records = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *only = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *cli_path = NULL;
  g_autofree char *app_path = NULL;
  gboolean keep = FALSE;
  gint threads = 2;
  gint repeat = 3;
  gint saves = 200;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "records", 'n', 0, G_OPTION_ARG_STRING, &records,
      "Records to generate (default 10000); a comma list (10000,100000) also reports growth",
      "N[,N…]" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir,
      "Keep corpora in DIR/n<N>-s<SEED>, reused when already generated (default: a temporary "
      "folder, removed afterwards)", "DIR" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary corpus", NULL },
    { "only", 'o', 0, G_OPTION_ARG_STRING, &only,
      "Run only these measurements (comma list: floor, engine, collection, model-rss, search, "
      "sort, save, batch, check, rename-topic, list-where, health, duplicates, window)", "NAME[,NAME…]" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Generator seed (default 1)", "SEED" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Loader threads for floor and engine "
      "(default 2)", "T" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Timed passes per figure; the median is "
      "reported (default 3)", "R" },
    { "saves", 0, 0, G_OPTION_ARG_INT, &saves, "Saves for the save median (default 200)", "S" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli_path, "masthead-cli to run (default: the one "
      "built beside this program)", "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "masthead to run (default: the one built "
      "beside this program)", "PATH" },
    { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &measure, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_auto(GStrv) only_kinds = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *gtk_path = NULL;
  g_autofree char *root = NULL;
  gboolean temporary = FALSE;
  Run runs[8] = { 0 };
  guint n_runs = 0;
  MhBenchOptions options = { 0 };

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context,
                                "Generates seed-like records and measures Masthead's load, "
                                "search, sort, save and check\nagainst plain libyaml parsing "
                                "of the same files (the floor), each in its own process.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("masthead-bench: %s\n", error->message);
      return 2;
    }

  options.threads = MAX (threads, 1);
  options.repeat = MAX (repeat, 1);
  options.saves = MAX (saves, 2);
  options.seed = (guint64) seed;
  options.cli_path = cli_path ? cli_path : MH_BENCH_CLI;
  options.app_path = app_path ? app_path : MH_BENCH_APP;

  if (measure != NULL)
    {
      options.dir = dir;
      if (dir == NULL)
        {
          g_printerr ("masthead-bench: --measure needs --dir\n");
          return 2;
        }
      if (g_str_equal (measure, "floor"))
        return mh_bench_measure_floor (&options);
      if (g_str_equal (measure, "engine"))
        return mh_bench_measure_engine (&options);
      if (g_str_equal (measure, "check"))
        return mh_bench_measure_check (&options);
      if (g_str_equal (measure, "rename-topic") || g_str_equal (measure, "list-where"))
        return mh_bench_measure_bulk (measure, &options);
      if (g_str_equal (measure, "health"))
        return mh_bench_measure_health (&options);
      if (g_str_equal (measure, "duplicates"))
        return mh_bench_measure_cli (&options, "duplicates");
      if (g_str_equal (measure, "window"))
        return mh_bench_measure_window (&options);
      if (g_str_equal (measure, "window-app"))
        return mh_bench_measure_window_app (&options);
      if (g_str_equal (measure, "window-save-all"))
        return mh_bench_measure_window_save_all (&options);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_str_equal (measure, kinds[i].name))
          return mh_bench_measure_model (measure, &options);
      g_printerr ("masthead-bench: unknown measurement %s\n", measure);
      return 2;
    }

  if (!parse_counts (records ? records : "10000", counts, &error))
    {
      g_printerr ("masthead-bench: --records: %s\n",
                  error ? error->message : "expected a number");
      return 2;
    }
  if (counts->len > G_N_ELEMENTS (runs))
    {
      g_printerr ("masthead-bench: at most %u record counts\n", (guint) G_N_ELEMENTS (runs));
      return 2;
    }
  if (only != NULL)
    {
      only_kinds = g_strsplit (only, ",", -1);
      for (guint i = 0; only_kinds[i]; i++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
            known |= g_str_equal (only_kinds[i], kinds[k].name);
          if (!known)
            {
              g_printerr ("masthead-bench: --only: unknown measurement %s\n", only_kinds[i]);
              return 2;
            }
        }
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);
  {
    g_autofree char *self_dir = g_path_get_dirname (self_path);

    gtk_path = g_build_filename (self_dir, "masthead-bench-gtk", NULL);
    if (!g_file_test (gtk_path, G_FILE_TEST_IS_EXECUTABLE))
      g_clear_pointer (&gtk_path, g_free);
  }

  if (dir != NULL)
    root = g_strdup (dir);
  else
    {
      root = g_dir_make_tmp ("masthead-bench-XXXXXX", &error);
      if (root == NULL)
        {
          g_printerr ("masthead-bench: %s\n", error->message);
          return 2;
        }
      temporary = TRUE;
    }

  printf ("masthead-bench %s: build type %s, ", PACKAGE_VERSION, MH_BENCH_BUILDTYPE);
#ifdef __OPTIMIZE__
  printf ("optimised\n");
#else
  printf ("NOT OPTIMISED\n"
          "WARNING: this build has no optimisation: figures are not representative.\n"
          "         Use: meson setup _build/release --buildtype=release\n");
#endif
  printf ("verdicts on wall time; cpu time shown where it helps to read a busy machine\n"
          "ratios: time / the floor passes the same process ran right before each pass "
          "(* the floor line's)\n");
  printf ("%u threads for floor and engine; medians of %u passes; %u saves; seed %" G_GINT64_FORMAT
          "\n", options.threads, options.repeat, options.saves, seed);
  {
    g_autofree char *loadavg = NULL;

    /* The machine may be shared: say how busy it was. */
    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      {
        g_auto(GStrv) fields = g_strsplit (loadavg, " ", 4);

        if (g_strv_length (fields) >= 3)
          printf ("load average before the run: %s %s %s (2 cores)\n", fields[0], fields[1],
                  fields[2]);
      }
  }
  printf ("%s\n", gtk_path ? "GTK: search, sort and window through masthead-bench-gtk"
                           : "GTK: not built, search and sort without the window's list chain");
  printf ("%s\n", mh_bench_model_available ()
          ? "model: built in"
          : "model: not built in (MhCollection not implemented yet): its figures are not "
            "measured");

  for (guint c = 0; c < counts->len; c++)
    {
      guint n = g_array_index (counts, guint64, c);
      g_autofree char *sub = g_strdup_printf ("n%u-s%" G_GINT64_FORMAT, n, seed);
      g_autofree char *corpus_dir = g_build_filename (root, sub, NULL);
      g_autoptr(MhBenchCorpus) corpus = NULL;
      Run *run = &runs[n_runs++];
      guint64 warm;
      double warm_start;

      run->n_records = n;
      corpus = mh_bench_corpus_ensure (corpus_dir, n, (guint64) seed, &error);
      if (corpus == NULL)
        {
          g_printerr ("masthead-bench: %s\n", error->message);
          return 2;
        }
      printf ("\ncorpus %s: %u records, %.1f MB, %.1f–%.1f KB each (mean %.2f KB), %s\n",
              corpus->dir, corpus->n_records, corpus->total_bytes / 1048576.0,
              corpus->min_size / 1024.0, corpus->max_size / 1024.0,
              corpus->total_bytes / 1024.0 / MAX (corpus->n_records, 1),
              corpus->reused ? "reused" : "generated");
      if (!corpus->reused)
        printf ("generated in %.1f s\n", corpus->gen_seconds);

      warm_start = mh_bench_now ();
      warm = mh_bench_warm_cache (corpus->dir);
      printf ("page cache warm: every file read once before timing (%.1f MB in %.2f s)\n",
              warm / 1048576.0, mh_bench_now () - warm_start);
      fflush (stdout);

      options.dir = corpus->dir;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          if (!kind_selected (kinds[k].name, (const char * const *) only_kinds))
            continue;
          if (kinds[k].model && !mh_bench_model_available ())
            {
              run->figures[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_hash_table_insert (run->figures[k], g_strdup ("not_measured"),
                                   g_strdup ("the model (MhCollection) is not implemented yet"));
              continue;
            }
          printf ("measuring %s…\n", kinds[k].name);
          fflush (stdout);
          run->figures[k] = spawn_measure (kinds[k].gtk && gtk_path ? gtk_path : self_path,
                                           &kinds[k], &options, (guint64) seed);
        }
      report_run (run);
      fflush (stdout);
    }

  if (n_runs > 1)
    report_growth (&runs[0], &runs[n_runs - 1]);

  for (guint i = 0; i < n_runs; i++)
    run_clear (&runs[i]);

  if (temporary && !keep)
    remove_tree (root);
  else
    printf ("\ncorpus kept in %s\n", root);

  return 0;
}
