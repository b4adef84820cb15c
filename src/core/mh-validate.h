/* mh-validate.h: per-record rules of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-document.h"

G_BEGIN_DECLS

typedef enum
{
  MH_SEVERITY_WARNING,
  MH_SEVERITY_ERROR,
} MhSeverity;

typedef struct
{
  MhSeverity  severity;
  char       *path;      /* key path (`images[0].width`), or NULL for the whole file */
  gsize       offset;    /* byte offset in the file, or G_MAXSIZE */
  char       *message;   /* translated */
  char       *rule_id;   /* stable: `required`, `url`, `range`, `datetime`, `type`, … */
} MhProblem;

void       mh_problem_free      (MhProblem  *problem);
/* Returns: (transfer full) (element-type MhProblem): sorted by offset */
GPtrArray *mh_validate_document (MhDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhProblem, mh_problem_free)

G_END_DECLS
