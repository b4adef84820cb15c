/* mh-article-private.h: what the model layer shares about MhArticle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-article.h"
#include "mh-collection.h"
#include "mh-extra-field.h"
#include "mh-file.h"
#include "mh-history.h"
#include "mh-image.h"
#include "mh-related.h"

G_BEGIN_DECLS

struct _MhArticle
{
  GObject       parent_instance;

  /* First, beside the reference count the list models touch anyway: all a
   * search reads per record when its filter knows the collection's texts. */
  MhCollection *collection;     /* borrowed: the collection owns the articles */
  guint         search_slot;    /* in the collection's search order */
  guint         search_serial;  /* when search_text was last built */
  /* The first 8 bytes of the sort keys, big-endian: most comparisons end
   * here, without reading the strings from elsewhere in memory. */
  guint64       title_prefix;
  guint64       name_prefix;    /* of display_name */
  guint64       provider_prefix;

  GFile        *file;
  char         *display_name;
  MhDocument   *document;       /* held or modified only */
  GBytes       *loaded_bytes;   /* the bytes read at load or last save, with the document */
  char         *loaded_hash;    /* checksum of those bytes, always */
  char         *etag;
  GFile        *target;
  char         *file_readonly_reason;  /* from the file system (or a read error) */
  GPtrArray    *edits;          /* MhEdit applied since load or save */
  GListStore   *images;         /* created on demand */
  GListStore   *related;
  GListStore   *extra_fields;

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

  /* Borrowed: the collection owns the history. */
  MhHistory    *history;

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
  guint         search_text_borrowed : 1;  /* in the collection's search texts */
};

/* Worker thread: builds a summary-only article (or an unreadable one when
 * @contents is NULL, with @read_error). Takes @contents. */
MhArticle  *_mh_article_new_loaded        (GFile          *file,
                                           const char     *display_name,
                                           MhFileContents *contents,
                                           const GError   *read_error);
void        _mh_article_attach            (MhArticle      *self,
                                           MhCollection   *collection,
                                           MhHistory      *history);
/* History: puts @bytes back as the document. On a matching @generation
 * the recorded edits become a copy of @edits; otherwise they are unknown
 * (the step crossed a save or reload) and a conflict cannot be replayed. */
void        _mh_article_restore           (MhArticle      *self,
                                           GBytes         *bytes,
                                           guint           generation,
                                           GPtrArray      *edits);
GPtrArray  *_mh_edits_copy                (GPtrArray      *edits);
/* The file on disk is @contents now: reload when unmodified, flag
 * changed-on-disk when modified. Takes @contents. Returns whether anything
 * changed. */
gboolean    _mh_article_disk_changed      (MhArticle      *self,
                                           MhFileContents *contents);
gboolean    _mh_article_save              (MhArticle      *self,
                                           MhSaveOutcome  *outcome,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean    _mh_article_resolve_conflict  (MhArticle      *self,
                                           MhConflictChoice choice,
                                           GFile          *save_as,
                                           GError        **error);
char       *_mh_bytes_hash                (GBytes         *bytes);

/* The serial the next search text gets is greater than this one. */
guint       _mh_article_search_serial_now (void);
/* The collection keeps the search texts of its articles side by side (a
 * search scans them all): it gives the article @copy of its text, which the
 * article then uses instead of its own, and takes it back on detaching. */
void        _mh_article_borrow_search_text (MhArticle     *self,
                                            const char    *copy);
void        _mh_article_own_search_text   (MhArticle      *self);
/* Only for an article about to be freed: its text reads as empty. */
void        _mh_article_drop_search_text  (MhArticle      *self);

/* mh-collection.c */
void        _mh_collection_article_changed (MhCollection  *self,
                                            MhArticle     *article);
/* The search texts of the attached articles by search slot (NULL where
 * one left), and the collection's epoch: slots are only appended within one
 * epoch, and no two collections or loads share an epoch. */
const char * const *_mh_collection_peek_search_texts (MhCollection *self,
                                                      guint        *n_slots,
                                                      guint64      *epoch);
/* @article's search text was rebuilt (main thread). */
void        _mh_collection_search_text_changed (MhCollection *self,
                                                MhArticle    *article);
/* mh-filter.c: @buffer holds a single value. */
const char * const *_mh_article_peek_facet_values (MhArticle  *article,
                                                   MhFacet     facet,
                                                   const char *buffer[2]);
/* mh-history.c */
/* @path: the edited path (for merging typing), or NULL. Takes @edits_before;
 * the after-edits are copied from the article. */
void        _mh_history_record            (MhHistory      *self,
                                           MhArticle      *article,
                                           const char     *path,
                                           GBytes         *before,
                                           GBytes         *after,
                                           GPtrArray      *edits_before);
/* mh-image.c, mh-related.c, mh-extra-field.c */
MhImage    *_mh_image_new                 (MhArticle      *article,
                                           const char     *list_path,
                                           guint           index);
void        _mh_image_notify_all          (MhImage        *self);
MhRelated  *_mh_related_new               (MhArticle      *article,
                                           guint           index);
void        _mh_related_sync              (MhRelated      *self);
MhExtraField *_mh_extra_field_new         (MhArticle      *article,
                                           const char     *key);
void        _mh_extra_field_notify_all    (MhExtraField   *self);
/* Keeps @store's items in step with the list at @list_path (images). */
void        _mh_article_sync_images       (MhArticle      *self,
                                           GListStore     *store,
                                           const char     *list_path);
gboolean    _mh_article_lookup_int        (MhArticle      *self,
                                           const char     *path,
                                           gint64         *value);
gboolean    _mh_article_lookup_bool       (MhArticle      *self,
                                           const char     *path,
                                           gboolean       *value);
/* Setters of nested objects: report failures through ::edit-failed. */
void        _mh_article_set_text          (MhArticle      *self,
                                           const char     *path,
                                           const char     *text);
void        _mh_article_set_int           (MhArticle      *self,
                                           const char     *path,
                                           gint64          value);
void        _mh_article_set_bool          (MhArticle      *self,
                                           const char     *path,
                                           gboolean        value);
void        _mh_article_append_node       (MhArticle      *self,
                                           const char     *list_path,
                                           MhNode         *item);

G_END_DECLS
