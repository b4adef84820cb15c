/* mh-document-patch.h: the bytes one edit replaced, as an exact, invertible value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"

G_BEGIN_DECLS

/*
 * An MhPatch is what an applied edit did to a document's bytes: at @offset,
 * @removed gave way to @inserted. It is computed from the bytes before and
 * after (the span between their common prefix and suffix), so it costs
 * memory in proportion to the change, not to the file, and its inverse is
 * exact: applying a patch and then its inverse gives back every byte.
 */
typedef struct
{
  gsize   offset;
  GBytes *removed;
  GBytes *inserted;
  /* The whole bytes it was made from and gives: a patch applies only to
   * the very bytes it was made for. */
  gsize   before_len;
  gsize   after_len;
  guint   before_hash;
  guint   after_hash;
} MhPatch;

/* The patch that turns @before into @after; NULL when they are equal. */
MhPatch   *mh_patch_new_diff      (GBytes         *before,
                                   GBytes         *after);
MhPatch   *mh_patch_copy          (const MhPatch  *patch);
/* The patch that undoes @patch. */
MhPatch   *mh_patch_invert        (const MhPatch  *patch);
void       mh_patch_free          (MhPatch        *patch);
/* Bytes the patch keeps (what a history step costs). */
gsize      mh_patch_get_size      (const MhPatch  *patch);
/* @bytes with @patch applied, or NULL with MH_DOCUMENT_ERROR_VERIFY when
 * @bytes are not the ones the patch was made from (they changed since). */
GBytes    *mh_patch_apply_bytes   (const MhPatch  *patch,
                                   GBytes         *bytes,
                                   GError        **error);
/* Applies @patch to the document, verified by re-parsing like any edit:
 * refused (nothing changed) when the bytes do not match or when the result
 * would not read back (it would be read-only where the document is not). */
gboolean   mh_document_apply_patch (MhDocument    *self,
                                    const MhPatch *patch,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhPatch, mh_patch_free)

G_END_DECLS
