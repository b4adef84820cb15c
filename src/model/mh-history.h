/* mh-history.h: the window's undo stack, a step per user action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MH_TYPE_HISTORY (mh_history_get_type ())

G_DECLARE_FINAL_TYPE (MhHistory, mh_history, MH, HISTORY, GObject)

/*
 * A step records, for each article it touched, the document bytes before
 * and after; undo restores the before-bytes, redo the after-bytes. A step
 * may span one record or many (bulk edits).
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
gboolean     mh_history_get_can_undo    (MhHistory  *self);
gboolean     mh_history_get_can_redo    (MhHistory  *self);
const char  *mh_history_get_undo_label  (MhHistory  *self);
const char  *mh_history_get_redo_label  (MhHistory  *self);
gboolean     mh_history_undo            (MhHistory  *self);
gboolean     mh_history_redo            (MhHistory  *self);
/* Ends coalescing: the next edit starts a new step (focus left the entry). */
void         mh_history_break_merge     (MhHistory  *self);
void         mh_history_clear           (MhHistory  *self);

G_END_DECLS
