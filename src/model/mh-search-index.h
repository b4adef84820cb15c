/* mh-search-index.h: a collection's search texts side by side, and the matches of the last search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A search reads every record's folded text: stored side by side in large
 * blocks, in load order, they stream from memory four times faster than
 * 100,000 separate allocations do. The index also keeps one bit per slot
 * for the last words it was asked about, so the per-record test a list
 * model runs in its own (sorted) order is a bit lookup, and typing on
 * retests only what can change. Text replaced by an edit stays in its
 * block until the next clear. Main thread only.
 */
typedef struct _MhSearchIndex MhSearchIndex;

MhSearchIndex *mh_search_index_new        (void);
void           mh_search_index_free       (MhSearchIndex      *self);
/* Stores a copy of @text in a new slot. Returns: the slot; @copy: (out) the
 * stored text, valid until the next clear. */
guint          mh_search_index_append     (MhSearchIndex      *self,
                                           const char         *text,
                                           const char        **copy);
/* Stores @text anew for @slot. Returns: (transfer none) the copy */
const char    *mh_search_index_replace    (MhSearchIndex      *self,
                                           guint               slot,
                                           const char         *text);
/* The slot is gone (its record left). */
void           mh_search_index_forget     (MhSearchIndex      *self,
                                           guint               slot);
guint          mh_search_index_get_n_slots (MhSearchIndex     *self);
/* Forgets every slot and text. */
void           mh_search_index_clear      (MhSearchIndex      *self);
/* Whether @slot's text holds @words (numbered @words_serial). The answer
 * comes from the bits, brought to @words first; it holds for a text built
 * no later than the scan (@text_serial <= the serial the scan was numbered
 * with, @serial_now at its start). Returns FALSE when the index cannot
 * answer: test the text directly then. */
gboolean       mh_search_index_lookup     (MhSearchIndex      *self,
                                           const char * const *words,
                                           guint               words_serial,
                                           guint               slot,
                                           guint               text_serial,
                                           guint               serial_now,
                                           gboolean           *matches);

G_END_DECLS
