/* mh-enospc.c: an LD_PRELOAD shim that makes writes to regular files fail as on a full disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MH_ENOSPC_AFTER=N: the first N bytes written to regular files (all of
 * them together) go through; past them write(), writev() and pwrite() fail
 * with ENOSPC, the way a full file system answers. Pipes, terminals and
 * sockets are never touched, so messages still reach stderr.
 */
/* pwrite and pwrite64 are both defined here, under their own names. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long budget = -1;

/* How many of @count bytes may go to @fd; -1 with errno when none. */
static ssize_t
allowed (int    fd,
         size_t count)
{
  struct stat st;

  if (budget < 0)
    {
      const char *after = getenv ("MH_ENOSPC_AFTER");

      budget = after != NULL ? atoll (after) : (long long) 1 << 62;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return (ssize_t) count;
  if (count == 0)
    return 0;
  if (budget == 0)
    {
      errno = ENOSPC;
      return -1;
    }
  if ((long long) count > budget)
    count = (size_t) budget;
  budget -= (long long) count;
  return (ssize_t) count;
}

static ssize_t
real_write (int         fd,
            const void *buf,
            size_t      count)
{
  static ssize_t (*real) (int, const void *, size_t);

  if (real == NULL)
    real = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");
  return real (fd, buf, count);
}

ssize_t write (int fd, const void *buf, size_t count);
ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  ssize_t n = allowed (fd, count);

  if (n < 0)
    return -1;
  return real_write (fd, buf, (size_t) n);
}

ssize_t pwrite (int fd, const void *buf, size_t count, off_t offset);
ssize_t
pwrite (int         fd,
        const void *buf,
        size_t      count,
        off_t       offset)
{
  static ssize_t (*real) (int, const void *, size_t, off_t);
  ssize_t n = allowed (fd, count);

  if (real == NULL)
    real = (ssize_t (*) (int, const void *, size_t, off_t)) dlsym (RTLD_NEXT, "pwrite");
  if (n < 0)
    return -1;
  return real (fd, buf, (size_t) n, offset);
}

ssize_t pwrite64 (int fd, const void *buf, size_t count, off64_t offset);
ssize_t
pwrite64 (int         fd,
          const void *buf,
          size_t      count,
          off64_t     offset)
{
  return pwrite (fd, buf, count, (off_t) offset);
}

ssize_t writev (int fd, const struct iovec *iov, int iovcnt);
ssize_t
writev (int                 fd,
        const struct iovec *iov,
        int                 iovcnt)
{
  static ssize_t (*real) (int, const struct iovec *, int);
  size_t total = 0;
  ssize_t n;

  if (real == NULL)
    real = (ssize_t (*) (int, const struct iovec *, int)) dlsym (RTLD_NEXT, "writev");
  for (int i = 0; i < iovcnt; i++)
    total += iov[i].iov_len;
  n = allowed (fd, total);
  if (n < 0)
    return -1;
  if ((size_t) n == total)
    return real (fd, iov, iovcnt);
  /* Part of it: only the first iovec's share, simply. */
  return real_write (fd, iov[0].iov_base,
                     (size_t) n < iov[0].iov_len ? (size_t) n : iov[0].iov_len);
}
