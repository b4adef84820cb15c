/* mh-article-query.c: a query of the search field matched over a record of the collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-article-query.h"

typedef struct
{
  MhQueryRecord          record;
  MhArticle             *article;
  MhQueryDocumentRecord  document;
  guint                  held : 1;
  guint                  failed : 1;   /* the document could not be read */
} ArticleRecord;

static gboolean
emit_text (MhQueryValueFunc  func,
           gpointer          func_data,
           const char       *text,
           MhScalarType      type)
{
  MhQueryValue value = { 0 };

  if (text == NULL)
    return FALSE;
  value.text = text;
  value.len = strlen (text);
  value.type = type;
  return func (&value, func_data);
}

static gboolean
emit_int (MhQueryValueFunc  func,
          gpointer          func_data,
          gboolean          present,
          gint64            number)
{
  char text[32];

  if (!present)
    return FALSE;
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, number);
  return emit_text (func, func_data, text, MH_SCALAR_INT);
}

/* TRUE when @path is a summary key (answered, even if by nothing). */
static gboolean
summary_foreach (MhArticle        *article,
                 const char       *path,
                 MhQueryValueFunc  func,
                 gpointer          func_data)
{
  if (g_str_equal (path, "title"))
    emit_text (func, func_data, mh_article_get_title (article), MH_SCALAR_STRING);
  else if (g_str_equal (path, "publishedDateTime"))
    emit_text (func, func_data, mh_article_get_published_date_time (article), MH_SCALAR_STRING);
  else if (g_str_equal (path, "category"))
    emit_text (func, func_data, mh_article_get_category (article), MH_SCALAR_STRING);
  else if (g_str_equal (path, "type"))
    emit_text (func, func_data, mh_article_get_article_type (article), MH_SCALAR_STRING);
  else if (g_str_equal (path, "provider.name"))
    emit_text (func, func_data, mh_article_get_provider_name (article), MH_SCALAR_STRING);
  else if (g_str_equal (path, "quality"))
    emit_int (func, func_data, mh_article_get_has_quality (article),
              mh_article_get_quality (article));
  else if (g_str_equal (path, "heat"))
    emit_int (func, func_data, mh_article_get_has_heat (article), mh_article_get_heat (article));
  else if (g_str_equal (path, "published"))
    {
      if (mh_article_get_has_published (article))
        emit_text (func, func_data, mh_article_get_published (article) ? "true" : "false",
                   MH_SCALAR_BOOL);
    }
  else if (g_str_equal (path, "topics"))
    {
      const char * const *topics = mh_article_get_topics (article);

      for (guint i = 0; topics[i] != NULL; i++)
        if (emit_text (func, func_data, topics[i], MH_SCALAR_STRING))
          break;
    }
  else
    return FALSE;
  return TRUE;
}

static void
record_foreach_value (gpointer             user_data,
                      const char * const  *keys,
                      const char          *path,
                      MhQueryValueFunc     func,
                      gpointer             func_data)
{
  ArticleRecord *self = user_data;

  if (summary_foreach (self->article, path, func, func_data))
    return;
  /* Any other key: the document. A record whose file cannot be read matches no key. */
  if (!self->held && !self->failed)
    {
      if (mh_article_hold (self->article, NULL) && mh_article_get_document (self->article) != NULL)
        {
          self->held = TRUE;
          mh_query_document_record_init (&self->document, mh_article_get_document (self->article));
        }
      else
        self->failed = TRUE;
    }
  if (self->held)
    self->document.record.klass->foreach_value (self->document.record.user_data, keys, path,
                                                func, func_data);
}

static const char *
record_get_text (gpointer user_data)
{
  ArticleRecord *self = user_data;

  return mh_article_get_search_text (self->article);
}

static gboolean
record_is_problem (gpointer user_data)
{
  ArticleRecord *self = user_data;

  return mh_article_get_n_problems (self->article) > 0;
}

static gboolean
record_is_readonly (gpointer user_data)
{
  ArticleRecord *self = user_data;

  return mh_article_get_readonly_reason (self->article) != NULL;
}

static const MhQueryRecordClass article_record_class = {
  record_foreach_value,
  record_get_text,
  record_is_problem,
  record_is_readonly,
};

gboolean
mh_article_query_match (MhQuery   *query,
                        MhArticle *article)
{
  ArticleRecord self = { { &article_record_class, NULL }, article, { { NULL, NULL }, NULL, NULL, -1 },
                         FALSE, FALSE };
  gboolean matched;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (MH_IS_ARTICLE (article), FALSE);

  self.record.user_data = &self;
  matched = mh_query_match (query, &self.record);
  if (self.held)
    {
      mh_query_document_record_clear (&self.document);
      mh_article_release (article);
    }
  return matched;
}
