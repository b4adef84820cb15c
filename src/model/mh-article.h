/* mh-article.h: one record, a typed GObject view of its YAML document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-document.h"
#include "mh-document-patch.h"
#include "mh-validate.h"

G_BEGIN_DECLS

/* Columns the list sorts by; keys are computed when the record loads. */
typedef enum
{
  MH_SORT_TITLE,
  MH_SORT_PROVIDER,
  MH_SORT_DATE,
  MH_SORT_QUALITY,
  MH_SORT_HEAT,
  MH_SORT_TOPICS,
  MH_SORT_PUBLISHED,
  MH_SORT_MODIFIED,
  MH_SORT_PROBLEMS,
  MH_SORT_FILE,
} MhSortColumn;

#define MH_TYPE_ARTICLE (mh_article_get_type ())

G_DECLARE_FINAL_TYPE (MhArticle, mh_article, MH, ARTICLE, GObject)

/*
 * An MhArticle is a view of one record file. The YAML document is the only
 * copy of the data: setters perform engine edits on it, getters read it.
 *
 * To keep 100,000 records cheap, an article that is neither held nor
 * modified keeps no document, only a compact summary (the getters marked
 * "summary" below always work; the others return NULL / 0 / FALSE until
 * mh_article_hold() loads the document). A modified article keeps its
 * document until it is saved or reverted.
 *
 * Setters that cannot apply (read-only file or path, document not
 * loadable) change nothing and emit ::edit-failed with the GError; callers
 * that want the error use mh_article_set_value() / mh_article_apply().
 * Setting a string property to NULL removes the key.
 *
 * A record does not know what holds it. Each public edit call tells the
 * record's observer (the collection, which passes it to its MhHistory) what
 * it did as one MhArticleChange: the bytes it replaced and the operations
 * it added to (or took off) the record's list. Undo and redo replay those
 * through mh_article_apply_patch() and mh_article_splice_edits().
 *
 * Signal ::document-changed (const char *key, nullable): after the document
 * changed at top-level @key (NULL: anything, or the document was dropped);
 * the nested lists (mh-record-item.h) follow it.
 */

/* What one public edit call did to one record. */
typedef struct
{
  const char    *label;       /* translated, or NULL: named after the path */
  const char    *path;        /* the one path edited (typing coalesces on it), or NULL */
  const MhPatch *patch;       /* the bytes before -> after */
  GPtrArray     *dropped;     /* (element-type MhEdit) operations taken off the end of the list */
  GPtrArray     *added;       /* (element-type MhEdit) operations appended to it */
  guint          generation;  /* mh_article_get_generation() when it happened */
} MhArticleChange;

/* One listener per record, cheap enough for 100,000 of them. Any member may
 * be NULL. */
typedef struct
{
  /* A user edit (not a replay through mh_article_apply_patch()). */
  void (*edited)              (MhArticle             *article,
                               const MhArticleChange *change,
                               gpointer               user_data);
  /* The record's data or state changed: edit, undo, reload, save. */
  void (*changed)             (MhArticle             *article,
                               gpointer               user_data);
  /* The search text was rebuilt (see mh_article_get_search_text()). */
  void (*search_text_changed) (MhArticle             *article,
                               gpointer               user_data);
} MhArticleObserver;

/* @observer: static, or NULL to stop listening. */
void         mh_article_set_observer           (MhArticle               *self,
                                                const MhArticleObserver *observer,
                                                gpointer                 user_data);

/* Standalone article (CLI, tests): reads the file synchronously. The
 * returned article holds its document (no need to call mh_article_hold()). */
MhArticle   *mh_article_new_for_file           (GFile        *file,
                                                GCancellable *cancellable,
                                                GError      **error);

/* Identity and state (summary). */
GFile       *mh_article_get_file               (MhArticle    *self);  /* transfer none */
/* The path relative to the folder. */
const char  *mh_article_get_display_name       (MhArticle    *self);
/* Why the whole file is read-only (YAML error, hard link, …), or NULL. */
const char  *mh_article_get_readonly_reason    (MhArticle    *self);
/* 1-based line of the read-only reason, or 0 when no position applies. */
guint        mh_article_get_readonly_line      (MhArticle    *self);
/* Why @path cannot be edited (file read-only, alias, anchor, merge), or NULL. Needs the document
 * (returns the file's reason otherwise). */
const char  *mh_article_get_path_readonly_reason (MhArticle  *self,
                                                  const char *path);
gboolean     mh_article_get_modified           (MhArticle    *self);
/* The file changed on disk while the article had unsaved edits. */
gboolean     mh_article_get_changed_on_disk    (MhArticle    *self);
gboolean     mh_article_get_has_front_matter   (MhArticle    *self);

/* Holding: the form holds the article it shows. Hold re-reads the file when
 * no document is held and checks it against the etag/hash read at load (a
 * changed file reloads). Release drops the document when nobody holds it:
 * a modified article keeps its bytes (not parsed), parsed again on hold. */
gboolean     mh_article_hold                   (MhArticle    *self,
                                                GError      **error);
void         mh_article_release                (MhArticle    *self);
gboolean     mh_article_is_held                (MhArticle    *self);
/* The document, or NULL when not held. Do not edit it directly: use
 * mh_article_apply(). Returns: (transfer none) (nullable) */
MhDocument  *mh_article_get_document           (MhArticle    *self);
/* Current bytes and the bytes read at load / last save (for the diff
 * view); NULL when neither held nor modified. Returns: (transfer none) (nullable) */
GBytes      *mh_article_get_bytes              (MhArticle    *self);
GBytes      *mh_article_get_loaded_bytes       (MhArticle    *self);
/* The body after the front matter (held only). Returns: (transfer none) */
const char  *mh_article_get_body               (MhArticle    *self,
                                                gsize        *len);

/* Generic edits (the form's lists, the CLI, bulk edits). Return FALSE with
 * @error when the edit cannot apply; nothing changed then. The article's
 * document is loaded as needed. */
gboolean     mh_article_apply                  (MhArticle    *self,
                                                const MhEdit *edit,
                                                GError      **error);
/* Sets the scalar at @path from @text typed by the schema (integers,
 * booleans `true`/`false`, date-times); outside the schema, an existing
 * scalar keeps its YAML type when @text parses as it, else a string.
 * @text NULL removes the key. */
gboolean     mh_article_set_value              (MhArticle    *self,
                                                const char   *path,
                                                const char   *text,
                                                GError      **error);
/* The edit mh_article_set_value() applies, built against @document
 * (nullable: only schema fields are typed then); NULL @text: a delete. */
MhEdit      *mh_edit_new_for_text              (MhDocument   *document,
                                                const char   *path,
                                                const char   *text,
                                                GError      **error);
gboolean     mh_article_remove                 (MhArticle    *self,
                                                const char   *path,
                                                GError      **error);
/* Setter style: a failure is reported through ::edit-failed, and clearing
 * a key that is absent is no failure. For nested views (mh-record-item.h). */
void         mh_article_set_text               (MhArticle    *self,
                                                const char   *path,
                                                const char   *text);
void         mh_article_set_int                (MhArticle    *self,
                                                const char   *path,
                                                gint64        value);
void         mh_article_set_bool               (MhArticle    *self,
                                                const char   *path,
                                                gboolean      value);
/* Appends @item (taken) to the list at @list_path, creating it. */
void         mh_article_append_node            (MhArticle    *self,
                                                const char   *list_path,
                                                MhNode       *item);
/* Reverts every unsaved edit (one undo step). */
void         mh_article_revert                 (MhArticle    *self);
/* The edits applied since load or the last save, in order.
 * Returns: (transfer none) (element-type MhEdit) */
GPtrArray   *mh_article_get_edits              (MhArticle    *self);
/* Reads the scalar at @path (aliases resolved), NULL when absent, not a
 * scalar or not held. Returns: (transfer none) */
const char  *mh_article_get_value              (MhArticle    *self,
                                                const char   *path);
/* The integer / boolean at @path: FALSE when absent, of another YAML type
 * or not held. */
gboolean     mh_article_get_int                (MhArticle    *self,
                                                const char   *path,
                                                gint64       *value);
gboolean     mh_article_get_bool               (MhArticle    *self,
                                                const char   *path,
                                                gboolean     *value);

/* Replaying (undo, redo, batches). The generation is bumped at each load,
 * reload and save: operations recorded at another one cannot be replayed. */
guint        mh_article_get_generation         (MhArticle    *self);
/* Applies @patch to the document (loaded as needed), verified by
 * re-parsing; tells the observer ::changed, not ::edited. FALSE with
 * @error when the bytes changed since or the result would not read back. */
gboolean     mh_article_apply_patch            (MhArticle    *self,
                                                const MhPatch *patch,
                                                GError      **error);
/* Applies @patch as a user edit (batches): like mh_article_apply_patch(),
 * then @edits (copied, element-type MhEdit) are appended to the record's
 * operations and the observer hears ::edited with @label. */
gboolean     mh_article_apply_change           (MhArticle    *self,
                                                const MhPatch *patch,
                                                GPtrArray    *edits,
                                                const char   *label,
                                                GError      **error);
/* Takes the last @n_drop operations off the record's list and appends
 * copies of @append (element-type MhEdit, nullable), so a conflict replays
 * what the document now holds. At another @generation the operations become
 * unknown (a conflict then asks); an unmodified record has none. */
void         mh_article_splice_edits           (MhArticle    *self,
                                                guint         generation,
                                                guint         n_drop,
                                                GPtrArray    *append);

/* Basics. title, provider-name, published-date-time, quality, heat,
 * published, topics, category, type: summary (always available). */
const char  *mh_article_get_title              (MhArticle    *self);
void         mh_article_set_title              (MhArticle    *self,
                                                const char   *title);
const char  *mh_article_get_excerpt            (MhArticle    *self);
void         mh_article_set_excerpt            (MhArticle    *self,
                                                const char   *excerpt);
const char  *mh_article_get_category           (MhArticle    *self);
void         mh_article_set_category           (MhArticle    *self,
                                                const char   *category);
const char  *mh_article_get_article_type       (MhArticle    *self);  /* property "type" */
void         mh_article_set_article_type       (MhArticle    *self,
                                                const char   *type);
/* As written in the file. */
const char  *mh_article_get_published_date_time (MhArticle   *self);
void         mh_article_set_published_date_time (MhArticle   *self,
                                                 const char  *date_time);
/* Parsed (UTC when the text has no zone), NULL when absent or invalid.
 * Returns: (transfer full) (nullable) */
GDateTime   *mh_article_dup_date_time          (MhArticle    *self);

/* Links. */
const char  *mh_article_get_original_url       (MhArticle    *self);
void         mh_article_set_original_url       (MhArticle    *self,
                                                const char   *url);
const char  *mh_article_get_web_url            (MhArticle    *self);
void         mh_article_set_web_url            (MhArticle    *self,
                                                const char   *url);
const char  *mh_article_get_amp_web_url        (MhArticle    *self);
void         mh_article_set_amp_web_url        (MhArticle    *self,
                                                const char   *url);
const char  *mh_article_get_cdn_amp_web_url    (MhArticle    *self);
void         mh_article_set_cdn_amp_web_url    (MhArticle    *self,
                                                const char   *url);

/* Numbers and flags. has-* is FALSE when the key is absent or not an
 * integer/boolean; the getter returns 0 (heat: -1) then. */
gint64       mh_article_get_quality            (MhArticle    *self);
gboolean     mh_article_get_has_quality        (MhArticle    *self);
void         mh_article_set_quality            (MhArticle    *self,
                                                gint64        quality);
gint64       mh_article_get_heat               (MhArticle    *self);
gboolean     mh_article_get_has_heat           (MhArticle    *self);
void         mh_article_set_heat               (MhArticle    *self,
                                                gint64        heat);
gboolean     mh_article_get_published          (MhArticle    *self);
gboolean     mh_article_get_has_published      (MhArticle    *self);
void         mh_article_set_published          (MhArticle    *self,
                                                gboolean      published);

/* Provider (provider.name, provider.domain). */
const char  *mh_article_get_provider_name      (MhArticle    *self);
void         mh_article_set_provider_name      (MhArticle    *self,
                                                const char   *name);
const char  *mh_article_get_provider_domain    (MhArticle    *self);
void         mh_article_set_provider_domain    (MhArticle    *self,
                                                const char   *domain);

/* Topics (summary). Returns: (transfer none) (array zero-terminated=1),
 * never NULL. */
const char * const *mh_article_get_topics      (MhArticle    *self);
/* Removes the topics not in @topics and appends the new ones. */
void         mh_article_set_topics             (MhArticle    *self,
                                                const char * const *topics);
gboolean     mh_article_has_topic              (MhArticle    *self,
                                                const char   *topic);
/* Appends @topic unless present (exact match). */
void         mh_article_add_topic              (MhArticle    *self,
                                                const char   *topic);
/* Removes every item equal to @topic. */
void         mh_article_remove_topic           (MhArticle    *self,
                                                const char   *topic);

/* The mapping mh_article_add_image() appends (nested lists use it too). */
MhNode      *mh_image_node_new                 (const char   *url,
                                                gint64        width,
                                                gint64        height,
                                                gboolean      is_cached);
/* Images and related records: their list models are in mh-image.h and
 * mh-related.h, views of the document (mh-record-item.h).
 * Appends an image mapping (url, width, height, isCached). */
void         mh_article_add_image              (MhArticle    *self,
                                                const char   *url,
                                                gint64        width,
                                                gint64        height,
                                                gboolean      is_cached);
/* Appends a related record with the title and webUrl given; a NULL or
 * empty one is left out (no empty keys are written). */
void         mh_article_add_related            (MhArticle    *self,
                                                const char   *title,
                                                const char   *web_url);
/* @list_path: "images", "related" or "related[2].images". */
void         mh_article_remove_item            (MhArticle    *self,
                                                const char   *list_path,
                                                guint         index);
void         mh_article_move_item              (MhArticle    *self,
                                                const char   *list_path,
                                                guint         from,
                                                guint         to);

/* `secured`: shown, never edited. */
const char  *mh_article_get_secured            (MhArticle    *self);

/* Problems from validation (summary: always available).
 * Returns: (transfer none) (element-type MhProblem) */
GPtrArray   *mh_article_get_problems           (MhArticle    *self);
guint        mh_article_get_n_problems         (MhArticle    *self);
guint        mh_article_get_n_errors           (MhArticle    *self);
/* The problems whose path is @path or lies under it.
 * Returns: (transfer container) (element-type MhProblem) */
GPtrArray   *mh_article_dup_problems_for_path  (MhArticle    *self,
                                                const char   *path);

/* Search and sort (summary). The search text is casefolded, normalised
 * and stripped of accents (see mh_fold_text() in mh-fold.h). */
const char  *mh_article_get_search_text        (MhArticle    *self);
int          mh_article_compare_by             (MhArticle    *a,
                                                MhArticle    *b,
                                                MhSortColumn  column);

G_END_DECLS
