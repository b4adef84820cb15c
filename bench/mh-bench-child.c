/* mh-bench-child.c: what every measurement child shares: clocks, medians, output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "mh-bench.h"

double
mh_bench_now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static double
cpu_clock (clockid_t id)
{
  struct timespec ts;

  if (clock_gettime (id, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double
mh_bench_thread_cpu (void)
{
  return cpu_clock (CLOCK_THREAD_CPUTIME_ID);
}

double
mh_bench_process_cpu (void)
{
  return cpu_clock (CLOCK_PROCESS_CPUTIME_ID);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
mh_bench_median (GArray *seconds)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = seconds->len;

  if (n == 0)
    return 0;
  sorted = g_array_copy (seconds);
  g_array_sort (sorted, compare_doubles);
  if (n % 2)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

void
mh_bench_print (const char *key,
                const char *format,
                ...)
{
  va_list args;

  printf ("%s ", key);
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

void
mh_bench_print_rss (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    mh_bench_print ("rss_kb", "%ld", usage.ru_maxrss);
}
