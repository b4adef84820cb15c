/* mh-article-private.h: what MhArticle's own files share, and what its container may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-article.h"
#include "mh-file.h"
#include "mh-health-record.h"
#include "mh-save.h"

G_BEGIN_DECLS

struct _MhArticle
{
  GObject       parent_instance;

  /* First, beside the reference count the list models touch anyway: all a
   * search reads per record when its container indexes the texts. */
  guint         search_slot;    /* set and read by the container only */
  guint         search_serial;  /* when search_text was last built */
  /* The first 8 bytes of the sort keys, big-endian: most comparisons end
   * here, without reading the strings from elsewhere in memory. */
  guint64       title_prefix;
  guint64       name_prefix;    /* of display_name */
  guint64       provider_prefix;

  /* Who listens (the collection that holds the record), or NULL. */
  const MhArticleObserver *observer;
  gpointer      observer_data;

  GFile        *file;
  char         *display_name;
  MhDocument   *document;       /* held, or modified while an action or a
                                 * conflict is in progress */
  GBytes       *bytes;          /* modified and not held: the bytes, without
                                 * the parsed document (DESIGN §2) */
  GBytes       *loaded_bytes;   /* the bytes read at load or last save, with the document */
  char         *loaded_hash;    /* checksum of those bytes, always */
  char         *etag;
  GFile        *target;
  char         *file_readonly_reason;  /* from the file system (or a read error) */
  GPtrArray    *edits;          /* MhEdit applied since load or save */

  /* One user action in progress (several engine edits, one change). */
  GBytes       *action_before;  /* bytes when the action's first edit applied */
  char         *action_path;    /* the one path it edited, or NULL */
  guint         action_n_edits; /* edits->len before it */
  guint         action_depth;

  /* The summary: what the list, search, sort and facets need. */
  char         *title;
  char         *provider_name;
  char         *category;
  char         *type;
  char         *date;
  char        **topics;
  char         *search_text;
  char         *title_key;
  char         *provider_key;
  gint64        date_key;
  gint64        quality;
  gint64        heat;
  char         *readonly_reason;
  guint         readonly_line;
  GPtrArray    *problems;
  guint         n_errors;
  MhHealthRecord *health;       /* for the collection rules, until the container takes it */

  guint         hold_count;
  guint         generation;     /* bumped at load, reload and save */

  guint         has_quality : 1;
  guint         has_heat : 1;
  guint         published : 1;
  guint         has_published : 1;
  guint         has_front_matter : 1;
  guint         modified : 1;
  guint         changed_on_disk : 1;
  guint         edits_unknown : 1;  /* undo crossed a save: replay impossible */
  guint         action_mixed : 1;   /* the action edited more than one path */
  guint         search_text_borrowed : 1;  /* in the container's search texts */
};

/* For the container (mh-collection.c) -------------------------------------- */

/* What the collection rules read, built with the summary (in the loader
 * thread at load), or NULL when the summary did not change since the last
 * call. Returns: (transfer full) */
MhHealthRecord *_mh_article_take_health   (MhArticle      *self);

/* Worker thread: builds a summary-only article (or an unreadable one when
 * @contents is NULL, with @read_error). Takes @contents. */
MhArticle  *_mh_article_new_loaded        (GFile          *file,
                                           const char     *display_name,
                                           MhFileContents *contents,
                                           const GError   *read_error);
/* The file on disk is @contents now: reload when unmodified, flag
 * changed-on-disk when modified. Takes @contents. Returns whether anything
 * changed. */
gboolean    _mh_article_disk_changed      (MhArticle      *self,
                                           MhFileContents *contents);
gboolean    _mh_article_save              (MhArticle      *self,
                                           MhSaveOutcome  *outcome,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* Save All, in three parts: what to write (@contents, @mine: NULL when
 * nothing), written elsewhere (any thread) by mh_file_save(), then the
 * record learns it was saved with @etag. */
gboolean    _mh_article_begin_save        (MhArticle       *self,
                                           MhFileContents **contents,
                                           GBytes         **mine,
                                           GError         **error);
void        _mh_article_end_save          (MhArticle      *self,
                                           GBytes         *mine,
                                           const char     *etag);
gboolean    _mh_article_resolve_conflict  (MhArticle      *self,
                                           MhConflictChoice choice,
                                           GFile          *save_as,
                                           GError        **error);
/* The serial the next search text gets is greater than this one. */
guint       _mh_article_search_serial_now (void);
/* The container keeps the search texts side by side (a search scans them
 * all): it gives the article @copy of its text, which the article then uses
 * instead of its own, and takes it back on detaching. */
void        _mh_article_borrow_search_text (MhArticle     *self,
                                            const char    *copy);
void        _mh_article_own_search_text   (MhArticle      *self);
/* Only for an article about to be freed: its text reads as empty. */
void        _mh_article_drop_search_text  (MhArticle      *self);

/* Between MhArticle's files ------------------------------------------------- */

/* mh-article-summary.c */
char       *_mh_bytes_hash                (GBytes         *bytes);
MhNode     *_mh_doc_lookup                (MhDocument     *document,
                                           const char     *path);
const char *_mh_doc_string                (MhDocument     *document,
                                           const char     *path);
gboolean    _mh_doc_int                   (MhDocument     *document,
                                           const char     *path,
                                           gint64         *value);
gboolean    _mh_doc_bool                  (MhDocument     *document,
                                           const char     *path,
                                           gboolean       *value);
void        _mh_article_summary_clear     (MhArticle      *self);
void        _mh_article_summary_update    (MhArticle      *self,
                                           MhDocument     *document);
void        _mh_article_set_display_name  (MhArticle      *self,
                                           char           *name);

/* mh-article-file.c */
/* The record's bytes now: the document's, or those a modified record kept
 * when it dropped its document; NULL when neither is held. */
GBytes     *_mh_article_current_bytes     (MhArticle      *self);
/* Parses @base with @patch applied, verified, as the record's document:
 * @base is the record's bytes now (the file's, or its kept ones). */
gboolean    _mh_article_parse_patched     (MhArticle      *self,
                                           GBytes         *base,
                                           const MhPatch  *patch,
                                           GError        **error);

/* mh-article.c */
/* After any change of the document or the state: rebuild the summary and
 * notify what may have changed (@path: the edited one, or NULL for all);
 * the observer hears of it when @data_changed. */
void        _mh_article_document_changed  (MhArticle      *self,
                                           const char     *path,
                                           gboolean        data_changed);
/* The nested lists empty and the held-only properties read as empty. */
void        _mh_article_document_dropped  (MhArticle      *self);
void        _mh_article_emit_failed       (MhArticle      *self,
                                           const GError   *error);

/* mh-article-file.c */
MhDocument *_mh_article_new_document      (MhArticle      *self,
                                           GBytes         *bytes);
void        _mh_article_maybe_drop_document (MhArticle    *self);
/* Takes @contents: the file's bytes are these now (load, reload). */
void        _mh_article_adopt_contents    (MhArticle      *self,
                                           MhFileContents *contents,
                                           gboolean        keep_document);
/* Takes @contents read from the file and holds them with @patch applied
 * (verified), parsing only the result: a batch's fast path. */
gboolean    _mh_article_adopt_patched     (MhArticle      *self,
                                           MhFileContents *contents,
                                           const MhPatch  *patch,
                                           GError        **error);
gboolean    _mh_article_ensure_document   (MhArticle      *self,
                                           GError        **error);
void        _mh_article_finish_change     (MhArticle      *self);

/* mh-article-edit.c: an action groups the engine edits of one call into
 * one change for the observer (nestable). */
void        _mh_article_begin_action      (MhArticle      *self);
void        _mh_article_end_action        (MhArticle      *self,
                                           const char     *label);

G_END_DECLS
