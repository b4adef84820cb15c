/* mh-schema.h: the article schema, one table that drives model, list, form, CLI and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mh-node.h"

G_BEGIN_DECLS

typedef enum
{
  MH_FIELD_STRING,     /* one-line string */
  MH_FIELD_TEXT,       /* multi-line string */
  MH_FIELD_DATETIME,   /* ISO 8601 date-time, written plain */
  MH_FIELD_URL,        /* absolute http(s) URL */
  MH_FIELD_INT,
  MH_FIELD_BOOL,
  MH_FIELD_HOSTNAME,
  MH_FIELD_STRING_LIST,
  MH_FIELD_MAPPING,         /* provider */
  MH_FIELD_MAPPING_LIST,    /* images, related */
  MH_FIELD_OPAQUE,          /* secured: shown, never edited */
} MhFieldType;

typedef enum
{
  MH_FIELD_FLAG_NONE       = 0,
  MH_FIELD_FLAG_REQUIRED   = 1 << 0,  /* present and non-empty */
  MH_FIELD_FLAG_SUGGESTED  = 1 << 1,  /* completion from the collection's values */
  MH_FIELD_FLAG_LIST_COLUMN = 1 << 2, /* shown as a column in the list */
} MhFieldFlags;

typedef struct
{
  const char   *path;       /* schema path: `title`, `provider.name`, `images[].width` */
  MhFieldType   type;
  MhFieldFlags  flags;
  gint64        min;        /* MH_FIELD_INT: inclusive range (min > max: none) */
  gint64        max;
  const char   *label;      /* translatable, N_() */
} MhField;

/* The table, in the order the form shows it. */
const MhField *mh_schema_get_fields  (guint       *n_fields);
/* The row for a schema path (`related[].images[].width`) or NULL. */
const MhField *mh_schema_lookup      (const char  *schema_path);
/* The scalar type a value of @field is written as. */
MhScalarType   mh_field_scalar_type  (const MhField *field);

/* How INT and DATETIME values are read, the same for the CLI's typing and the
 * checks: a YAML 1.2 core integer (decimal, 0o octal, 0x hex; FALSE on
 * overflow), and what g_date_time_new_from_iso8601() accepts, with UTC for a
 * value without a time zone. */
gboolean       mh_field_parse_int      (const char  *text,
                                        gint64      *value);
GDateTime     *mh_field_parse_datetime (const char  *text);

G_END_DECLS
