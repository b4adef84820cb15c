/* mh-bench-spawn.c: measurements of the real executables (masthead-cli, masthead)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mh-bench.h"

#ifndef MH_BENCH_BUILD_ROOT
#define MH_BENCH_BUILD_ROOT "."
#endif

typedef struct
{
  double         seconds;     /* spawn to exit */
  double         appeared;    /* spawn to @watch existing, or 0 */
  int            status;
  struct rusage  usage;       /* the child's own, not its children's */
} Exit;

typedef struct
{
  const char *stdout_path;
  const char *stderr_path;
} Redirect;

static void
redirect_to (const char *path,
             int         target)
{
  int fd;

  if (path == NULL)
    return;
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      dup2 (fd, target);
      close (fd);
    }
}

/* Runs in the child between fork and exec: only async-signal-safe calls. */
static void
redirect_cb (gpointer user_data)
{
  const Redirect *redirect = user_data;

  redirect_to (redirect->stdout_path, STDOUT_FILENO);
  redirect_to (redirect->stderr_path, STDERR_FILENO);
}

/* Spawns @argv and waits with wait4(), for the child's own peak RSS; polls
 * for @watch (a file the child writes) meanwhile. Its output goes to the
 * files @redirect names, or nowhere. */
static gboolean
spawn_wait (const char * const  *argv,
            char               **envp,
            const char          *watch,
            const Redirect      *redirect,
            double               timeout,
            Exit                *exit_info,
            GError             **error)
{
  static const Redirect nowhere = { NULL, NULL };
  GPid pid;
  double start = mh_bench_now ();

  if (redirect == NULL)
    redirect = &nowhere;
  memset (exit_info, 0, sizeof *exit_info);
  if (!g_spawn_async (NULL, (char **) argv, envp,
                      G_SPAWN_DO_NOT_REAP_CHILD
                      | (redirect->stdout_path ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL)
                      | (redirect->stderr_path ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                      redirect_cb, (gpointer) redirect, &pid, error))
    return FALSE;

  for (;;)
    {
      pid_t done = wait4 (pid, &exit_info->status, watch ? WNOHANG : 0, &exit_info->usage);
      double now = mh_bench_now ();

      if (done == pid)
        break;
      if (done < 0 && errno != EINTR)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "wait4: %s",
                       g_strerror (saved));
          return FALSE;
        }
      if (watch && exit_info->appeared == 0 && g_file_test (watch, G_FILE_TEST_EXISTS))
        exit_info->appeared = now - start;
      if (now - start > timeout)
        {
          kill (pid, SIGKILL);
          wait4 (pid, &exit_info->status, 0, &exit_info->usage);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s did not finish in %.0f s",
                       argv[0], timeout);
          return FALSE;
        }
      g_usleep (2000);
    }
  exit_info->seconds = mh_bench_now () - start;
  if (watch && exit_info->appeared == 0 && g_file_test (watch, G_FILE_TEST_EXISTS))
    exit_info->appeared = exit_info->seconds;
  return TRUE;
}

static double
cpu_seconds (const struct rusage *usage)
{
  return usage->ru_utime.tv_sec + usage->ru_utime.tv_usec / 1e6
         + usage->ru_stime.tv_sec + usage->ru_stime.tv_usec / 1e6;
}

gboolean
mh_bench_spawn_cli (const char * const  *argv,
                    double              *seconds,
                    double              *cpu,
                    long                *rss_kb,
                    int                 *status,
                    GError             **error)
{
  Exit exit_info = { 0 };

  if (!spawn_wait (argv, NULL, NULL, NULL, 600, &exit_info, error))
    return FALSE;
  *seconds = exit_info.seconds;
  *cpu = cpu_seconds (&exit_info.usage);
  *rss_kb = exit_info.usage.ru_maxrss;
  *status = exit_info.status;
  return TRUE;
}

int
mh_bench_measure_check (const MhBenchOptions *options)
{
  return mh_bench_measure_cli (options, "check");
}

int
mh_bench_measure_cli (const MhBenchOptions *options,
                      const char           *verb)
{
  const char *argv[] = { options->cli_path, verb, options->dir, NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  int status = 0;
  long rss = 0;

  if (!g_file_test (options->cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      mh_bench_print ("not_measured", "%s is not built", options->cli_path);
      return 0;
    }

  for (guint r = 0; r < options->repeat; r++)
    {
      g_autoptr(GError) error = NULL;
      double seconds = 0, cpu = 0;
      long pass_rss = 0;

      /* Its own floor pass right before, as the machine may be shared. */
      mh_bench_paired_floor_add (floor_times, floor_cpus, options);
      if (!mh_bench_spawn_cli (argv, &seconds, &cpu, &pass_rss, &status, &error))
        {
          mh_bench_print ("not_measured", "%s", error->message);
          return 0;
        }
      /* 0: clean, 1: errors found (the corpus has some on purpose). */
      if (!WIFEXITED (status) || WEXITSTATUS (status) > 1)
        {
          mh_bench_print ("not_measured", "masthead-cli %s failed (wait status %d)", verb,
                          status);
          return 0;
        }
      g_array_append_val (times, seconds);
      g_array_append_val (cpus, cpu);
      rss = MAX (rss, pass_rss);
    }

  mh_bench_print ("seconds", "%.6f", mh_bench_median (times));
  mh_bench_print ("seconds_cpu", "%.6f", mh_bench_median (cpus));
  mh_bench_paired_floor_print (floor_times, floor_cpus);
  mh_bench_print ("exit_status", "%d", WEXITSTATUS (status));
  /* The figure that matters is masthead-cli's, not this process's. */
  mh_bench_print ("rss_kb", "%ld", rss);
  return 0;
}

/* Starts Xvfb on a free display; returns its pid, or 0. */
static GPid
start_xvfb (char **display)
{
  for (guint n = 91; n < 140; n++)
    {
      g_autofree char *lock = g_strdup_printf ("/tmp/.X%u-lock", n);
      g_autofree char *socket = g_strdup_printf ("/tmp/.X11-unix/X%u", n);
      g_autofree char *name = g_strdup_printf (":%u", n);
      const char *argv[] = {
        "Xvfb", name, "-screen", "0", "1280x800x24", "-nolisten", "tcp", NULL
      };
      GPid pid;

      if (g_file_test (lock, G_FILE_TEST_EXISTS) || g_file_test (socket, G_FILE_TEST_EXISTS))
        continue;
      if (!g_spawn_async (NULL, (char **) argv, NULL,
                          G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                          | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                          NULL, NULL, &pid, NULL))
        return 0;
      for (guint i = 0; i < 500; i++)
        {
          int status;

          if (g_file_test (socket, G_FILE_TEST_EXISTS))
            {
              *display = g_steal_pointer (&name);
              return pid;
            }
          if (waitpid (pid, &status, WNOHANG) == pid)
            break;   /* lost a race for this display: try the next */
          g_usleep (10000);
        }
      kill (pid, SIGTERM);
      waitpid (pid, NULL, 0);
    }
  return 0;
}

static gboolean
app_has_screenshot (const char *app_path)
{
  const char *argv[] = { app_path, "--help-all", NULL };
  g_autofree char *out = NULL;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                       NULL, NULL, NULL)
         && out != NULL && strstr (out, "--screenshot") != NULL;
}

static char *
read_message (const char *path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return g_strdup (g_strdelimit (g_strstrip (text), "\n", ' '));
}

/* Re-prints a child's `key value` lines with @prefix (other lines, such as
 * the screenshot's path, are not figures). */
static void
pass_through (const char *path,
              const char *prefix)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '/' && strchr (lines[i], ' ') != NULL)
      printf ("%s%s\n", prefix, lines[i]);
  fflush (stdout);
}

/* The real binary: how long until its screenshot (taken once loading is
 * done and 6 frames are drawn), and its own peak RSS. */
static void
run_app_binary (const MhBenchOptions *options,
                char                **envp,
                const char           *tmp)
{
  g_autofree char *shot = g_build_filename (tmp, "window.png", NULL);
  g_autofree char *shot_arg = g_strdup_printf ("--screenshot=%s", shot);
  g_autofree char *log = g_build_filename (tmp, "stderr.txt", NULL);
  g_autofree char *out = g_build_filename (tmp, "stdout-binary.txt", NULL);
  Redirect redirect = { out, log };
  g_autoptr(GError) error = NULL;
  Exit exit_info = { 0 };
  gboolean ok = FALSE;

  /* masthead sometimes fails to snapshot itself ("could not render the
   * window"): try twice, and say so. */
  for (guint attempt = 1; attempt <= 2; attempt++)
    {
      const char *argv[] = { options->app_path, shot_arg, options->dir, NULL };

      g_clear_error (&error);
      ok = spawn_wait (argv, envp, shot, &redirect, 600, &exit_info, &error);
      if (!ok || exit_info.appeared > 0)
        break;
      if (attempt == 1)
        {
          g_autofree char *message = read_message (log);

          mh_bench_print ("first_attempt_failed", "%s", message);
        }
    }

  if (!ok)
    mh_bench_print ("binary_not_measured", "%s", error->message);
  else if (exit_info.appeared == 0)
    {
      g_autofree char *message = read_message (log);

      mh_bench_print ("binary_not_measured", "masthead wrote no screenshot (wait status %d): %s",
                      exit_info.status, message);
    }
  else
    {
      mh_bench_print ("screenshot_seconds", "%.6f", exit_info.appeared);
      mh_bench_print ("exit_seconds", "%.6f", exit_info.seconds);
      mh_bench_print ("app_rss_kb", "%ld", exit_info.usage.ru_maxrss);
      /* masthead --screenshot may print `key value` figures of its own. */
      pass_through (out, "binary_");
    }
  g_unlink (shot);
  g_unlink (log);
  g_unlink (out);
}

/* This program as the app (`--measure=window-app`, mh-bench-window.c): the
 * first frame with rows and the longest main-loop stall while loading. */
static void
run_app_in_process (const MhBenchOptions *options,
                    char                **envp,
                    const char           *tmp)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *shot = g_build_filename (tmp, "window-app.png", NULL);
  g_autofree char *out = g_build_filename (tmp, "stdout.txt", NULL);
  g_autofree char *log = g_build_filename (tmp, "stderr-app.txt", NULL);
  g_autofree char *dir_arg = g_strdup_printf ("--dir=%s", options->dir);
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  const char *argv[] = { self_path, "--measure=window-app", dir_arg, NULL };
  Redirect redirect = { out, log };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) app_env = g_strdupv (envp);
  Exit exit_info = { 0 };

  app_env = g_environ_setenv (app_env, "MH_BENCH_SCREENSHOT", shot, TRUE);
  app_env = g_environ_setenv (app_env, "MH_BENCH_START_USEC", start, TRUE);
  if (!spawn_wait (argv, app_env, NULL, &redirect, 600, &exit_info, &error))
    {
      mh_bench_print ("app_not_measured", "%s", error->message);
      return;
    }
  /* Prefixed, so they do not mix with the binary's figures. */
  pass_through (out, "inapp_");
  if (!WIFEXITED (exit_info.status) || WEXITSTATUS (exit_info.status) != 0)
    {
      g_autofree char *message = read_message (log);

      mh_bench_print ("app_not_measured", "the app exited with wait status %d: %s",
                      exit_info.status, message);
    }
  fflush (stdout);
  g_unlink (shot);
  g_unlink (out);
  g_unlink (log);
}

int
mh_bench_measure_window (const MhBenchOptions *options)
{
  g_autofree char *tmp = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) envp = NULL;
  GPid xvfb = 0;

  if (!g_file_test (options->app_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      mh_bench_print ("not_measured", "%s is not built", options->app_path);
      return 0;
    }
  if (!app_has_screenshot (options->app_path))
    {
      mh_bench_print ("not_measured", "masthead has no --screenshot option yet");
      return 0;
    }
  tmp = g_dir_make_tmp ("masthead-bench-window-XXXXXX", NULL);
  if (tmp == NULL)
    {
      mh_bench_print ("not_measured", "no temporary folder");
      return 0;
    }

  /* Always a fresh Xvfb: the figure should not depend on the desktop the
   * benchmark happens to run in. */
  xvfb = start_xvfb (&display);
  if (xvfb == 0)
    {
      mh_bench_print ("not_measured", "could not start Xvfb");
      g_rmdir (tmp);
      return 0;
    }

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "DISPLAY", display, TRUE);
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "GDK_BACKEND", "x11", TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", FALSE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", MH_BENCH_BUILD_ROOT "/data", FALSE);
  mh_bench_print ("renderer", "%s", g_environ_getenv (envp, "GSK_RENDERER"));

  run_app_binary (options, envp, tmp);
  if (mh_bench_window_app_available ())
    run_app_in_process (options, envp, tmp);
  else
    mh_bench_print ("app_not_measured", "built without the window (no GTK)");

  kill (xvfb, SIGTERM);
  waitpid (xvfb, NULL, 0);
  g_rmdir (tmp);
  return 0;
}
