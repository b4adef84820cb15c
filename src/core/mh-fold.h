/* mh-fold.h: text folded for comparison: casefolded, NFKD, marks dropped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Casefold, NFKD, drop combining marks: what search and queries compare.
 * Invalid UTF-8 becomes U+FFFD. Safe from any thread.
 * Returns: (transfer full) */
char *mh_fold_text        (const char *text,
                           gssize      len);

/* Appends @len bytes of @text, folded as mh_fold_text() folds, to @out. */
void  mh_fold_append      (GString    *out,
                           const char *text,
                           gsize       len);

/* The key under which spellings that differ only in case, accents, spacing or
 * punctuation are one: the folded text with only its letters and digits kept
 * ("A.I.", "ai" and "A I" all give "ai"). Returns: (transfer full) */
char *mh_fold_variant_key (const char *text,
                           gssize      len);

G_END_DECLS
