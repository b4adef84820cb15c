/* mh-article-query.h: a query of the search field matched over a record of the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-article.h"
#include "mh-query.h"

G_BEGIN_DECLS

/* Whether @article matches @query. The keys the list shows (title,
 * publishedDateTime, quality, heat, published, category, type,
 * provider.name, topics), the free text, problems and read-only come from
 * the record's summary; any other key reads its document, from the file
 * when the record is not held. */
gboolean mh_article_query_match (MhQuery   *query,
                                 MhArticle *article);

G_END_DECLS
