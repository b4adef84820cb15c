/* mh-url.h: URLs normalised so that two spellings of one address compare equal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key under which two spellings of one web address are equal, or NULL
 * when @url is not an absolute http(s) URL with a host. The key drops the
 * scheme (http and https are one), a leading `www.`, the default port, the
 * trailing slashes of the path, the fragment and tracking parameters
 * (`utm_*`, `fbclid`, `gclid`, … see mh_url_is_tracking_parameter()); the
 * host is lowercased; the path and the other parameters, in their order,
 * are kept as they are. Safe from any thread. Returns: (transfer full) */
char     *mh_url_normalise              (const char *url);

/* Whether the query parameter @name (up to @len bytes, -1: NUL-terminated)
 * only tracks where a visitor came from. */
gboolean  mh_url_is_tracking_parameter  (const char *name,
                                         gssize      len);

G_END_DECLS
