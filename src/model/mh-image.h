/* mh-image.h: one entry of an article's `images` list (or a related record's)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-record-item.h"

G_BEGIN_DECLS

#define MH_TYPE_IMAGE (mh_image_get_type ())

G_DECLARE_FINAL_TYPE (MhImage, mh_image, MH, IMAGE, MhRecordItem)

/* A view of `images[i]` (or `related[j].images[i]`) in its article's
 * document (an MhRecordItem); setters edit the document through the
 * article (undoable). Properties: url, width, height, has-width,
 * has-height, is-cached, and the item's path and index. Values read as NULL / 0 once the article releases its document. */
MhArticle   *mh_image_get_article    (MhImage    *self);  /* transfer none, nullable */
/* `images[2]`, `related[0].images[1]`. */
const char  *mh_image_get_path       (MhImage    *self);
guint        mh_image_get_index      (MhImage    *self);

const char  *mh_image_get_url        (MhImage    *self);
void         mh_image_set_url        (MhImage    *self,
                                      const char *url);
gint64       mh_image_get_width      (MhImage    *self);
gboolean     mh_image_get_has_width  (MhImage    *self);
void         mh_image_set_width      (MhImage    *self,
                                      gint64      width);
gint64       mh_image_get_height     (MhImage    *self);
gboolean     mh_image_get_has_height (MhImage    *self);
void         mh_image_set_height     (MhImage    *self,
                                      gint64      height);
gboolean     mh_image_get_is_cached  (MhImage    *self);
void         mh_image_set_is_cached  (MhImage    *self,
                                      gboolean    is_cached);

/* The record's `images`. Returns: (transfer none) */
GListModel  *mh_article_get_images   (MhArticle  *self);

G_END_DECLS
