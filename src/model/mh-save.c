/* mh-save.c: how saving a record can end, shared by records and their collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-object.h>

#include "mh-save.h"

G_DEFINE_QUARK (mh-collection-error-quark, mh_collection_error)

void
mh_save_failure_free (MhSaveFailure *failure)
{
  if (failure == NULL)
    return;
  g_clear_object (&failure->article);
  g_clear_error (&failure->error);
  g_free (failure);
}
