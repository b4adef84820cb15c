/* mh-document-patch.c: the bytes one edit replaced, as an exact, invertible value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document-patch.h"
#include "mh-document-private.h"

MhPatch *
mh_patch_new_diff (GBytes *before,
                   GBytes *after)
{
  gsize a_len = 0, b_len = 0, prefix = 0, suffix = 0;
  const guchar *a = g_bytes_get_data (before, &a_len);
  const guchar *b = g_bytes_get_data (after, &b_len);
  MhPatch *patch;

  g_return_val_if_fail (before != NULL && after != NULL, NULL);

  if (g_bytes_equal (before, after))
    return NULL;
  while (prefix < a_len && prefix < b_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < a_len - prefix && suffix < b_len - prefix
         && a[a_len - 1 - suffix] == b[b_len - 1 - suffix])
    suffix++;

  patch = g_new0 (MhPatch, 1);
  patch->offset = prefix;
  patch->removed = g_bytes_new (a + prefix, a_len - prefix - suffix);
  patch->inserted = g_bytes_new (b + prefix, b_len - prefix - suffix);
  patch->before_len = a_len;
  patch->after_len = b_len;
  patch->before_hash = g_bytes_hash (before);
  patch->after_hash = g_bytes_hash (after);
  return patch;
}

MhPatch *
mh_patch_copy (const MhPatch *patch)
{
  MhPatch *copy = g_new0 (MhPatch, 1);

  copy->offset = patch->offset;
  copy->removed = g_bytes_ref (patch->removed);
  copy->inserted = g_bytes_ref (patch->inserted);
  copy->before_len = patch->before_len;
  copy->after_len = patch->after_len;
  copy->before_hash = patch->before_hash;
  copy->after_hash = patch->after_hash;
  return copy;
}

MhPatch *
mh_patch_invert (const MhPatch *patch)
{
  MhPatch *inverse = g_new0 (MhPatch, 1);

  inverse->offset = patch->offset;
  inverse->removed = g_bytes_ref (patch->inserted);
  inverse->inserted = g_bytes_ref (patch->removed);
  inverse->before_len = patch->after_len;
  inverse->after_len = patch->before_len;
  inverse->before_hash = patch->after_hash;
  inverse->after_hash = patch->before_hash;
  return inverse;
}

void
mh_patch_free (MhPatch *patch)
{
  if (patch == NULL)
    return;
  g_clear_pointer (&patch->removed, g_bytes_unref);
  g_clear_pointer (&patch->inserted, g_bytes_unref);
  g_free (patch);
}

gsize
mh_patch_get_size (const MhPatch *patch)
{
  return sizeof (MhPatch) + g_bytes_get_size (patch->removed)
         + g_bytes_get_size (patch->inserted);
}

GBytes *
mh_patch_apply_bytes (const MhPatch  *patch,
                      GBytes         *bytes,
                      GError        **error)
{
  gsize len = 0, removed_len = 0, inserted_len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *removed = g_bytes_get_data (patch->removed, &removed_len);
  const char *inserted = g_bytes_get_data (patch->inserted, &inserted_len);
  char *out;

  if (len != patch->before_len || patch->offset > len || removed_len > len - patch->offset
      || (removed_len > 0 && memcmp (data + patch->offset, removed, removed_len) != 0)
      || g_bytes_hash (bytes) != patch->before_hash)
    {
      g_set_error_literal (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                           _("The change no longer applies: the text changed since"));
      return NULL;
    }

  out = g_malloc (len - removed_len + inserted_len + 1);
  memcpy (out, data, patch->offset);
  if (inserted_len > 0)
    memcpy (out + patch->offset, inserted, inserted_len);
  memcpy (out + patch->offset + inserted_len, data + patch->offset + removed_len,
          len - patch->offset - removed_len);
  out[len - removed_len + inserted_len] = '\0';
  return g_bytes_new_take (out, len - removed_len + inserted_len);
}

gboolean
mh_document_apply_patch (MhDocument     *self,
                         const MhPatch  *patch,
                         GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MhDocument) check = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);

  bytes = mh_patch_apply_bytes (patch, self->bytes, error);
  if (bytes == NULL)
    return FALSE;

  check = mh_document_new (bytes);
  if (mh_document_get_readonly_reason (check, NULL) != NULL && self->readonly_reason == NULL)
    {
      g_set_error (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY,
                   _("The change was refused: the result would not read back (%s)"),
                   mh_document_get_readonly_reason (check, NULL));
      return FALSE;
    }
  _mh_document_take (self, check);
  return TRUE;
}
