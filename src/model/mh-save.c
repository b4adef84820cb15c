/* mh-save.c: how saving a record can end, shared by records and their collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-save.h"

G_DEFINE_QUARK (mh-collection-error-quark, mh_collection_error)
