/* mh-url.c: URLs normalised so that two spellings of one address compare equal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-url.h"

/* Parameters that say where a click came from, never what the page is. */
static const char * const tracking_parameters[] = {
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
  "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
  "oly_enc_id", "vero_id", "rb_clickid", "s_cid", "wt_mc", "cmpid", "ocid", "ncid", "sr_share",
};

gboolean
mh_url_is_tracking_parameter (const char *name,
                              gssize      len)
{
  gsize n;

  g_return_val_if_fail (name != NULL, FALSE);

  n = len < 0 ? strlen (name) : (gsize) len;
  if (n > 4 && g_ascii_strncasecmp (name, "utm_", 4) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (tracking_parameters); i++)
    if (strlen (tracking_parameters[i]) == n
        && g_ascii_strncasecmp (name, tracking_parameters[i], n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
skip_scheme (const char **p)
{
  static const char * const schemes[] = { "https://", "http://" };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_ascii_strncasecmp (*p, schemes[i], strlen (schemes[i])) == 0)
      {
        *p += strlen (schemes[i]);
        return TRUE;
      }
  return FALSE;
}

/* Host (userinfo kept), lowercased, without `www.`, a default port or a
 * final dot. FALSE when there is no host. */
static gboolean
append_host (GString    *key,
             const char *start,
             const char *end)
{
  const char *colon = NULL;
  gsize from = key->len;

  for (const char *p = start; p < end; p++)
    if (*p == ':')
      colon = p;
    else if (*p == ']' || *p == '@')
      colon = NULL;   /* an IPv6 address or a password, not a port */

  if (colon != NULL && ((end - colon == 3 && memcmp (colon, ":80", 3) == 0)
                        || (end - colon == 4 && memcmp (colon, ":443", 4) == 0)))
    end = colon;
  if (end > start && end[-1] == '.')
    end--;
  if (end - start > 4 && g_ascii_strncasecmp (start, "www.", 4) == 0)
    start += 4;
  if (end <= start)
    return FALSE;

  for (const char *p = start; p < end; p++)
    g_string_append_c (key, g_ascii_tolower (*p));
  return key->len > from;
}

/* The query without tracking or empty parameters, `?` first; nothing when
 * none is left. */
static void
append_query (GString    *key,
              const char *start,
              const char *end)
{
  gboolean first = TRUE;

  while (start < end)
    {
      const char *amp = memchr (start, '&', (gsize) (end - start));
      const char *stop = amp != NULL ? amp : end;
      const char *eq = memchr (start, '=', (gsize) (stop - start));
      const char *name_end = eq != NULL ? eq : stop;

      if (stop > start && !mh_url_is_tracking_parameter (start, name_end - start))
        {
          g_string_append_c (key, first ? '?' : '&');
          g_string_append_len (key, start, stop - start);
          first = FALSE;
        }
      start = stop + (amp != NULL);
    }
}

char *
mh_url_normalise (const char *url)
{
  g_autoptr(GString) key = NULL;
  const char *p;
  const char *host_end;
  const char *path_end;
  const char *query_end;
  const char *end;

  g_return_val_if_fail (url != NULL, NULL);

  while (g_ascii_isspace (*url))
    url++;
  end = url + strlen (url);
  while (end > url && g_ascii_isspace (end[-1]))
    end--;

  p = url;
  if (!skip_scheme (&p))
    return NULL;

  host_end = p + strcspn (p, "/?#");
  if (host_end > end)
    host_end = end;
  key = g_string_sized_new ((gsize) (end - p));
  if (!append_host (key, p, host_end))
    return NULL;

  query_end = host_end + strcspn (host_end, "#");
  if (query_end > end)
    query_end = end;
  path_end = host_end + strcspn (host_end, "?#");
  if (path_end > query_end)
    path_end = query_end;

  /* `/a/` and `/a` are one page, and so are `example.com/` and `example.com`. */
  {
    const char *stop = path_end;

    while (stop > host_end && stop[-1] == '/')
      stop--;
    g_string_append_len (key, host_end, stop - host_end);
  }

  if (path_end < query_end)
    append_query (key, path_end + 1, query_end);

  return g_string_free (g_steal_pointer (&key), FALSE);
}
