/* mh-history.h: the window's undo stack, a step per user action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mh-article.h"

G_BEGIN_DECLS

#define MH_TYPE_HISTORY (mh_history_get_type ())

G_DECLARE_FINAL_TYPE (MhHistory, mh_history, MH, HISTORY, GObject)

/*
 * A step records operations, never copies of documents: for each article
 * it touched, the bytes its edits replaced (an MhPatch, in proportion to
 * the change) and the edit operations it added to or took off the record's
 * list. Undo applies the inverse patches and takes the operations back,
 * redo applies them again, both through the article's public API (the
 * bytes come back exactly). A step may span one record or many (batches).
 *
 * Properties: can-undo, can-redo, undo-label, redo-label (nullable).
 * Signal ::changed after every push, undo, redo.
 *
 * Edits outside begin_step()/end_step() each make their own step;
 * consecutive edits of the same path on the same article within a second
 * merge into one (typing in an entry).
 */
MhHistory   *mh_history_new             (void);
/* Nestable: only the outermost pair makes the step. @label: translated,
 * e.g. _("Set title"). */
void         mh_history_begin_step      (MhHistory  *self,
                                         const char *label);
void         mh_history_end_step        (MhHistory  *self);
/* Ends the outermost open step and forgets it: the caller took its changes
 * back (a batch that could not apply every record). */
void         mh_history_abort_step      (MhHistory  *self);
gboolean     mh_history_get_can_undo    (MhHistory  *self);
gboolean     mh_history_get_can_redo    (MhHistory  *self);
const char  *mh_history_get_undo_label  (MhHistory  *self);
const char  *mh_history_get_redo_label  (MhHistory  *self);
gboolean     mh_history_undo            (MhHistory  *self);
gboolean     mh_history_redo            (MhHistory  *self);
/* Ends coalescing: the next edit starts a new step (focus left the entry). */
void         mh_history_break_merge     (MhHistory  *self);
void         mh_history_clear           (MhHistory  *self);
/* Records one change of @article (what MhArticleObserver::edited gives):
 * into the open step, merged into the last one (typing), or as a step of
 * its own. Ignored while undo or redo replays. */
void         mh_history_record          (MhHistory             *self,
                                         MhArticle             *article,
                                         const MhArticleChange *change);
/* What the next undo (@undo) or redo step holds: bytes kept, records. */
gsize        mh_history_get_step_size   (MhHistory  *self,
                                         gboolean    undo);
guint        mh_history_get_step_n_records (MhHistory *self,
                                            gboolean   undo);

G_END_DECLS
