/* test-url.c: URL normalisation, the key of the duplicate-URL rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-url.h"

typedef struct
{
  const char *url;
  const char *key;   /* NULL: not an http(s) URL, never a duplicate */
} Case;

static void
test_url_keys (void)
{
  static const Case cases[] = {
    { "https://example.com/a", "example.com/a" },
    /* Scheme, `www.`, host case, trailing slashes, default ports. */
    { "http://example.com/a", "example.com/a" },
    { "HTTPS://WWW.Example.COM/a/", "example.com/a" },
    { "https://example.com/a//", "example.com/a" },
    { "https://example.com:443/a", "example.com/a" },
    { "http://example.com:80/a", "example.com/a" },
    { "https://example.com:8080/a", "example.com:8080/a" },
    { "https://example.com", "example.com" },
    { "https://example.com/", "example.com" },
    { "https://example.com.", "example.com" },
    { "  https://example.com/a  ", "example.com/a" },
    /* The path keeps its case: servers tell /A from /a. */
    { "https://example.com/A", "example.com/A" },
    /* Only a leading `www.` goes. */
    { "https://www2.example.com/a", "www2.example.com/a" },
    { "https://news.www.example.com/a", "news.www.example.com/a" },
    { "https://www./a", "www/a" },
    /* Tracking parameters go, the others stay in their order. */
    { "https://example.com/a?utm_source=x&utm_medium=y", "example.com/a" },
    { "https://example.com/a?id=3&utm_source=x&page=2", "example.com/a?id=3&page=2" },
    { "https://example.com/a?fbclid=1&gclid=2&msclkid=3&mc_eid=4", "example.com/a" },
    { "https://example.com/a?UTM_Campaign=x", "example.com/a" },
    { "https://example.com/a?utm_=x", "example.com/a?utm_=x" },
    { "https://example.com/a?page=2&id=3", "example.com/a?page=2&id=3" },
    { "https://example.com/a/?id=3", "example.com/a?id=3" },
    { "https://example.com/a?&&id=3&", "example.com/a?id=3" },
    { "https://example.com/a?", "example.com/a" },
    /* The fragment goes, with or without a query. */
    { "https://example.com/a#section", "example.com/a" },
    { "https://example.com/a?id=3#x?y", "example.com/a?id=3" },
    { "https://example.com#top", "example.com" },
    /* Userinfo and IPv6 hosts are not ports. */
    { "https://user:pw@example.com/a", "user:pw@example.com/a" },
    { "https://[::1]:443/a", "[::1]/a" },
    { "https://[::1]/a", "[::1]/a" },
    /* Not http(s), or no host: no key. */
    { "ftp://example.com/a", NULL },
    { "example.com/a", NULL },
    { "//example.com/a", NULL },
    { "https://", NULL },
    { "https:///a", NULL },
    { "https://www./", "www" },
    { "", NULL },
    { "mailto:someone@example.com", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = mh_url_normalise (cases[i].url);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_url_tracking (void)
{
  g_assert_true (mh_url_is_tracking_parameter ("utm_source", -1));
  g_assert_true (mh_url_is_tracking_parameter ("fbclid=3", 6));
  g_assert_true (mh_url_is_tracking_parameter ("GCLID", -1));
  g_assert_false (mh_url_is_tracking_parameter ("utm_", -1));
  g_assert_false (mh_url_is_tracking_parameter ("id", -1));
  g_assert_false (mh_url_is_tracking_parameter ("fbclidx", -1));
  g_assert_false (mh_url_is_tracking_parameter ("ref", -1));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/url/keys", test_url_keys);
  g_test_add_func ("/url/tracking", test_url_tracking);

  return g_test_run ();
}
