/* mh-window-private.h: what mh-window*.c and the GUI tests share about MhWindow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-article-query.h"
#include "mh-bulk-editor.h"
#include "mh-collection.h"
#include "mh-facet-sidebar.h"
#include "mh-filter.h"
#include "mh-record-form.h"
#include "mh-save-progress.h"
#include "mh-saved-views.h"
#include "mh-topics-page.h"
#include "mh-window.h"

G_BEGIN_DECLS

typedef struct
{
  MhWindow     *window;   /* borrowed */
  MhSortColumn  column;
  const char   *id;       /* schema key, as stored in GSettings */
} MhSortProbe;

struct _MhWindow
{
  GtkApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  MhCollection         *collection;
  GSignalGroup         *collection_signals;  /* follow the open collection */
  GSignalGroup         *history_signals;
  MhFilter             *filter;
  MhQuery              *query;          /* the search, when it is more than plain words */
  GtkCustomFilter      *custom_filter;
  GtkSortListModel     *sort_model;
  GtkFilterListModel   *filter_model;
  GtkMultiSelection    *selection;
  GPtrArray            *pane_articles;  /* what the right pane shows (MhArticle) */
  GCancellable         *load_cancellable;
  GObject              *probe_a;        /* sentinels that tell which column sorts (see actions) */
  GObject              *probe_b;
  MhSortProbe          *probes;         /* one per column */
  char                 *screenshot;
  char                 *initial_selection;
  GtkWidget            *close_dialog;   /* the unsaved-changes question, while shown */
  GtkWidget            *conflict_dialog; /* the changed-on-disk question, while shown */
  GtkWidget            *restore_bar;    /* the offer to restore a previous session's edits */
  GtkWidget            *failures_dialog; /* the records Save All could not save, while shown */

  /* Template children */
  GtkToggleButton      *search_button;
  GtkMenuButton        *menu_button;
  GtkStack             *main_stack;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_error;
  MhSavedViews         *saved_views;
  MhFacetSidebar       *facet_sidebar;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkStack             *pane_stack;
  MhRecordForm         *record_form;
  MhBulkEditor         *bulk_editor;
  MhTopicsPage         *topics_page;
  GtkWidget            *status_bar;
  GtkLabel             *status_label;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  MhSaveProgress       *save_progress;

  const char           *probed_column;  /* set by a probe compare: the primary sort column */
  guint                 screenshot_tick;
  guint                 screenshot_frames;

  /* Measured in screenshot runs (the benchmark reads them): from the start of the load. */
  gint64                load_started;
  gint64                first_rows_drawn;
  gint64                last_probe;
  gint64                longest_stall;
  guint                 probe_id;
  guint                 rows_tick;
  guint                 rows_seen : 1;

  guint                 loaded : 1;
  guint                 filter_stale : 1;  /* an edit since the last refilter */
  guint                 close_confirmed : 1;
  guint                 applying_sort : 1;
};

/* mh-window-actions.c */
void  _mh_window_class_add_actions   (GtkWidgetClass *widget_class);
/* Connects what the actions follow (Save All's progress). */
void  _mh_window_init_actions        (MhWindow       *self);
void  _mh_window_update_actions      (MhWindow       *self);
/* Asks about unsaved changes, then calls @then (unless cancelled). */
void  _mh_window_confirm_discard     (MhWindow       *self,
                                      void          (*then) (MhWindow *self, gpointer data),
                                      gpointer        data,
                                      GDestroyNotify  data_destroy);
/* Reads the primary sort column back from the column view (probes). */
void  _mh_window_sort_changed        (MhWindow       *self);
void  _mh_window_apply_sort          (MhWindow       *self,
                                      const char     *column_id,
                                      gboolean        descending);

/* mh-window.c */
void          _mh_window_load_folder       (MhWindow *self,
                                            GFile    *folder);
/* The one selected record, or NULL when none or several are. */
MhArticle    *_mh_window_get_selected      (MhWindow *self);
/* The selected records, in list order. Returns: (transfer container) (element-type MhArticle) */
GPtrArray    *_mh_window_dup_selected      (MhWindow *self);
/* The position of the first selected row, or GTK_INVALID_LIST_POSITION. */
guint         _mh_window_get_first_selected (MhWindow *self);
void          _mh_window_scroll_to         (MhWindow *self,
                                            guint     position);
gboolean      _mh_window_select_article    (MhWindow *self,
                                            MhArticle *article);
void          _mh_window_show_error        (MhWindow   *self,
                                            const char *primary,
                                            const GError *error);

/* mh-window-screenshot.c: renders the window as it was last drawn into a PNG
 * (after a paint); once loaded, takes the --screenshot PNG when one was asked
 * for; starts the frame measurements of a screenshot run. */
gboolean      _mh_window_save_screenshot   (MhWindow   *self,
                                            const char *path);
void          _mh_window_maybe_screenshot  (MhWindow   *self);
void          _mh_window_start_measuring   (MhWindow   *self);

/* For the GUI tests. */
MhCollection *_mh_window_get_collection    (MhWindow *self);
GListModel   *_mh_window_get_shown         (MhWindow *self);  /* the filtered, sorted rows */
MhRecordForm *_mh_window_get_form          (MhWindow *self);
MhBulkEditor *_mh_window_get_bulk_editor   (MhWindow *self);
MhTopicsPage *_mh_window_get_topics_page   (MhWindow *self);
MhSaveProgress *_mh_window_get_save_progress (MhWindow *self);
MhSavedViews *_mh_window_get_saved_views   (MhWindow *self);
GtkWidget    *_mh_window_get_failures_dialog (MhWindow *self);
/* "form" or "bulk": what the right pane shows. */
const char   *_mh_window_get_pane          (MhWindow *self);
GtkWidget    *_mh_window_get_close_dialog  (MhWindow *self);

/* mh-window-restore.c */
void          _mh_window_offer_restore     (MhWindow *self);
const char   *_mh_window_get_restore_text  (MhWindow *self);
void          _mh_window_answer_restore    (MhWindow *self,
                                            gboolean  restore);
GtkWidget    *_mh_window_get_conflict_dialog (MhWindow *self);
GtkSearchEntry *_mh_window_get_search_entry (MhWindow *self);
MhFacetSidebar *_mh_window_get_facet_sidebar (MhWindow *self);

G_END_DECLS
