/* mh-record-form-private.h: what the form's files share about MhRecordForm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-record-form.h"

G_BEGIN_DECLS

typedef enum
{
  KIND_ENTRY,      /* one-line string (and host names) */
  KIND_URL,        /* entry with an open-link button */
  KIND_DATETIME,   /* entry validated as ISO 8601 */
  KIND_TEXT,       /* multi-line text view */
  KIND_INT,        /* spin button */
  KIND_BOOL,       /* switch */
  KIND_EXTRA,      /* an unknown key's text, through MhExtraField */
  KIND_SOURCE,     /* an unknown list or mapping: its YAML source, read-only */
} Kind;

typedef struct
{
  struct _MhRecordForm *self;  /* borrowed */
  Kind                  kind;
  char                 *path;
  GtkWidget            *widget;     /* entry, text view, spin button or switch */
  GtkWidget            *problem;    /* the label under the field */
  GtkWidget            *open;       /* KIND_URL: the open-link button */
  GObject              *extra;      /* KIND_EXTRA: the MhExtraField (owned) */
  char                 *local_error; /* a value the form refused (a bad date), shown until fixed */
  guint                 write_id;    /* a pending write of the widget's text */
} Binding;

typedef struct
{
  GObject *instance;  /* owned */
  gulong   handler;
} Connection;

struct _MhRecordForm
{
  GtkWidget     parent_instance;

  MhCollection *collection;
  MhArticle    *article;
  GSignalGroup *article_signals;   /* follows the shown article */
  GPtrArray    *bindings;          /* Binding: the fixed fields */
  GPtrArray    *list_bindings;     /* Binding: images, related, other fields */
  GArray       *list_connections;  /* Connection: items-changed of the shown lists */
  GStrv         shown_topics;
  GtkListStore *topic_completions;
  GtkListStore *category_completions;
  GtkListStore *type_completions;
  GtkSizeGroup *label_group;       /* aligns the label column across sections */

  /* Template children */
  GtkStack     *stack;
  GtkWidget    *banner;
  GtkLabel     *banner_label;
  GtkLabel     *file_label;
  GtkStack     *view_stack;
  GtkWidget    *fields_box;
  GtkTextView  *body_view;
  GtkTextView  *diff_view;
  GtkLabel     *changes_label;

  /* Built in code */
  GtkWidget    *editable_box;      /* everything editable: insensitive for read-only records */
  GtkWidget    *notes_label;       /* problems no field shows, and edits that failed */
  char         *edit_error;
  GtkWidget    *topics_flow;
  GtkWidget    *topic_entry;
  GtkWidget    *topics_problem;
  GtkWidget    *images_box;
  GtkWidget    *related_box;
  GtkWidget    *extra_grid;
  GtkWidget    *extra_heading;
  GtkWidget    *secured_label;
  GtkWidget    *secured_title;

  guint         refresh_id;
  guint         lists_id;
  guint         updating : 1;
};

char *_mh_record_form_text_view_dup_text (GtkTextView *view);
void _mh_record_form_binding_refresh (Binding *b);
void _mh_record_form_binding_flush (Binding *b);
void _mh_record_form_focus_leave_cb (GtkEventControllerFocus *controller,
                                     MhRecordForm            *self);
GtkWidget *_mh_record_form_section_heading_new (GtkWidget  *box,
                                                const char *text);
GtkWidget *_mh_record_form_grid_new (GtkWidget *box);
int _mh_record_form_grid_next_row (GtkWidget *grid);
void _mh_record_form_grid_take_rows (GtkWidget *grid,
                                     int        n);
Binding *_mh_record_form_add_field (MhRecordForm *self,
                                    GPtrArray    *bindings,
                                    GtkWidget    *grid,
                                    Kind          kind,
                                    const char   *path,
                                    const char   *label_text,
                                    GObject      *extra);
void _mh_record_form_topic_entry_activate_cb (GtkEntry     *entry,
                                              MhRecordForm *self);
void _mh_record_form_topics_refresh (MhRecordForm *self);
void _mh_record_form_add_completion (MhRecordForm *self,
                                     GtkWidget    *entry,
                                     GtkListStore *store,
                                     MhFacet       facet);
void _mh_record_form_unwatch_lists (MhRecordForm *self);
void _mh_record_form_add_image_cb (GtkButton    *button,
                                   MhRecordForm *self);
GtkWidget *_mh_record_form_add_button_new (MhRecordForm *self,
                                           const char   *label,
                                           const char   *list_path,
                                           GCallback     callback);
void _mh_record_form_add_related_cb (GtkButton    *button,
                                     MhRecordForm *self);
void _mh_record_form_build_lists (MhRecordForm *self);
void _mh_record_form_queue_lists (MhRecordForm *self);

G_END_DECLS
