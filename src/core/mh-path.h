/* mh-path.h: dotted key paths with indices, `related[0].images[1].width`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *key;    /* NULL for an index step */
  guint  index;
} MhPathStep;

typedef struct
{
  MhPathStep *steps;
  guint       n_steps;
} MhPath;

MhPath *mh_path_parse     (const char   *text,
                           GError      **error);
void    mh_path_free      (MhPath       *path);
char   *mh_path_to_string (const MhPath *path);
/* `related[3].images[0].width` -> `related[].images[].width` */
char   *mh_path_to_schema (const MhPath *path);

/* Whether the path text @path is @prefix or lies under it (`images[0].url`
 * under `images`, not `imagesX`). */
gboolean mh_path_text_is_under (const char   *path,
                                const char   *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhPath, mh_path_free)

G_END_DECLS
