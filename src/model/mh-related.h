/* mh-related.h: one entry of an article's `related` list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-record-item.h"

G_BEGIN_DECLS

#define MH_TYPE_RELATED (mh_related_get_type ())

G_DECLARE_FINAL_TYPE (MhRelated, mh_related, MH, RELATED, MhRecordItem)

/* A view of `related[i]` in its article's document; setters edit the
 * document through the article (undoable). Properties: title, excerpt,
 * published-date-time, original-url, web-url, amp-web-url, cdn-amp-web-url,
 * type, provider-name, provider-domain, quality, has-quality, images, path,
 * index. Setting a string to NULL removes the key. */
MhArticle   *mh_related_get_article             (MhRelated  *self);  /* transfer none, nullable */
const char  *mh_related_get_path                (MhRelated  *self);  /* `related[3]` */
guint        mh_related_get_index               (MhRelated  *self);

const char  *mh_related_get_title               (MhRelated  *self);
void         mh_related_set_title               (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_excerpt             (MhRelated  *self);
void         mh_related_set_excerpt             (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_published_date_time (MhRelated  *self);
void         mh_related_set_published_date_time (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_original_url        (MhRelated  *self);
void         mh_related_set_original_url        (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_web_url             (MhRelated  *self);
void         mh_related_set_web_url             (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_amp_web_url         (MhRelated  *self);
void         mh_related_set_amp_web_url         (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_cdn_amp_web_url     (MhRelated  *self);
void         mh_related_set_cdn_amp_web_url     (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_article_type        (MhRelated  *self);  /* property "type" */
void         mh_related_set_article_type        (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_provider_name       (MhRelated  *self);
void         mh_related_set_provider_name       (MhRelated  *self,
                                                 const char *value);
const char  *mh_related_get_provider_domain     (MhRelated  *self);
void         mh_related_set_provider_domain     (MhRelated  *self,
                                                 const char *value);
gint64       mh_related_get_quality             (MhRelated  *self);
gboolean     mh_related_get_has_quality         (MhRelated  *self);
void         mh_related_set_quality             (MhRelated  *self,
                                                 gint64      value);
/* MhImage items for `related[i].images`. Returns: (transfer none) */
GListModel  *mh_related_get_images              (MhRelated  *self);
void         mh_related_add_image               (MhRelated  *self,
                                                 const char *url,
                                                 gint64      width,
                                                 gint64      height,
                                                 gboolean    is_cached);

/* The record's `related`. Returns: (transfer none) */
GListModel  *mh_article_get_related             (MhArticle  *self);

G_END_DECLS
