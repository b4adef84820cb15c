/* mh-schema.c: the article schema, one table that drives model, list, form, CLI and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-schema.h"

#define NO_RANGE  1, 0
#define LIST      MH_FIELD_FLAG_LIST_COLUMN

/* Adding a field means adding one row here. Rows are in the order the form
 * shows them; a mapping or list row comes before the rows of its members. */
static const MhField fields[] = {
  { "title",                         MH_FIELD_STRING,       MH_FIELD_FLAG_REQUIRED | LIST,
    NO_RANGE, N_("Title") },
  { "excerpt",                       MH_FIELD_TEXT,         MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Excerpt") },
  { "publishedDateTime",             MH_FIELD_DATETIME,     LIST,
    NO_RANGE, N_("Published on") },
  { "quality",                       MH_FIELD_INT,          LIST,
    0, 100, N_("Quality") },
  { "heat",                          MH_FIELD_INT,          LIST,
    -1, G_MAXINT64, N_("Heat") },
  { "published",                     MH_FIELD_BOOL,         LIST,
    NO_RANGE, N_("Published") },
  { "originalUrl",                   MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Original URL") },
  { "webUrl",                        MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Web URL") },
  { "ampWebUrl",                     MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("AMP URL") },
  { "cdnAmpWebUrl",                  MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("CDN AMP URL") },
  { "category",                      MH_FIELD_STRING,       MH_FIELD_FLAG_SUGGESTED,
    NO_RANGE, N_("Category") },
  { "type",                          MH_FIELD_STRING,       MH_FIELD_FLAG_SUGGESTED,
    NO_RANGE, N_("Type") },
  { "topics",                        MH_FIELD_STRING_LIST,  MH_FIELD_FLAG_SUGGESTED | LIST,
    NO_RANGE, N_("Topics") },
  { "provider",                      MH_FIELD_MAPPING,      MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Provider") },
  { "provider.name",                 MH_FIELD_STRING,       MH_FIELD_FLAG_SUGGESTED | LIST,
    NO_RANGE, N_("Provider") },
  { "provider.domain",               MH_FIELD_HOSTNAME,     MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Domain") },
  { "images",                        MH_FIELD_MAPPING_LIST, MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Images") },
  { "images[].url",                  MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Image URL") },
  { "images[].width",                MH_FIELD_INT,          MH_FIELD_FLAG_NONE,
    0, G_MAXINT64, N_("Width") },
  { "images[].height",               MH_FIELD_INT,          MH_FIELD_FLAG_NONE,
    0, G_MAXINT64, N_("Height") },
  { "images[].isCached",             MH_FIELD_BOOL,         MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Cached") },
  { "related",                       MH_FIELD_MAPPING_LIST, MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Related") },
  { "related[].title",               MH_FIELD_STRING,       MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Title") },
  { "related[].excerpt",             MH_FIELD_TEXT,         MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Excerpt") },
  { "related[].publishedDateTime",   MH_FIELD_DATETIME,     MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Published on") },
  { "related[].originalUrl",         MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Original URL") },
  { "related[].webUrl",              MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Web URL") },
  { "related[].ampWebUrl",           MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("AMP URL") },
  { "related[].cdnAmpWebUrl",        MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("CDN AMP URL") },
  { "related[].type",                MH_FIELD_STRING,       MH_FIELD_FLAG_SUGGESTED,
    NO_RANGE, N_("Type") },
  { "related[].provider",            MH_FIELD_MAPPING,      MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Provider") },
  { "related[].provider.name",       MH_FIELD_STRING,       MH_FIELD_FLAG_SUGGESTED,
    NO_RANGE, N_("Provider") },
  { "related[].provider.domain",     MH_FIELD_HOSTNAME,     MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Domain") },
  { "related[].quality",             MH_FIELD_INT,          MH_FIELD_FLAG_NONE,
    0, 100, N_("Quality") },
  { "related[].images",              MH_FIELD_MAPPING_LIST, MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Images") },
  { "related[].images[].url",        MH_FIELD_URL,          MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Image URL") },
  { "related[].images[].width",      MH_FIELD_INT,          MH_FIELD_FLAG_NONE,
    0, G_MAXINT64, N_("Width") },
  { "related[].images[].height",     MH_FIELD_INT,          MH_FIELD_FLAG_NONE,
    0, G_MAXINT64, N_("Height") },
  { "related[].images[].isCached",   MH_FIELD_BOOL,         MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Cached") },
  { "secured",                       MH_FIELD_OPAQUE,       MH_FIELD_FLAG_NONE,
    NO_RANGE, N_("Secured") },
};

/**
 * mh_schema_get_fields:
 * @n_fields: (out): the number of rows
 *
 * Returns: (transfer none): the schema table, in the order the form shows it
 */
const MhField *
mh_schema_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/**
 * mh_schema_lookup:
 * @schema_path: a schema path such as `related[].images[].width`
 *
 * Returns: (transfer none) (nullable): the row, or %NULL outside the schema
 */
const MhField *
mh_schema_lookup (const char *schema_path)
{
  static gsize table = 0;

  g_return_val_if_fail (schema_path != NULL, NULL);

  /* Every key of every record is looked up while a folder loads: a table
   * built once (g_once takes no lock afterwards) beats forty strcmp(). */
  if (g_once_init_enter (&table))
    {
      GHashTable *rows = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_hash_table_insert (rows, (gpointer) fields[i].path, (gpointer) &fields[i]);
      g_once_init_leave (&table, (gsize) rows);
    }

  return g_hash_table_lookup ((GHashTable *) table, schema_path);
}

/**
 * mh_field_scalar_type:
 * @field: a schema row
 *
 * Returns: the scalar type a value of @field is written as (strings for
 *   collections and opaque values, which are never written as scalars)
 */
MhScalarType
mh_field_scalar_type (const MhField *field)
{
  g_return_val_if_fail (field != NULL, MH_SCALAR_STRING);

  switch (field->type)
    {
    case MH_FIELD_INT:
      return MH_SCALAR_INT;
    case MH_FIELD_BOOL:
      return MH_SCALAR_BOOL;
    case MH_FIELD_DATETIME:
      return MH_SCALAR_TIMESTAMP;
    case MH_FIELD_STRING:
    case MH_FIELD_TEXT:
    case MH_FIELD_URL:
    case MH_FIELD_HOSTNAME:
    case MH_FIELD_STRING_LIST:
    case MH_FIELD_MAPPING:
    case MH_FIELD_MAPPING_LIST:
    case MH_FIELD_OPAQUE:
    default:
      return MH_SCALAR_STRING;
    }
}

/**
 * mh_field_parse_int:
 * @text: a plain scalar's text
 * @value: (out) (optional): the integer
 *
 * Reads a YAML 1.2 core-schema integer: `[-+]?[0-9]+`, `0o[0-7]+` or
 * `0x[0-9a-fA-F]+`.
 *
 * Returns: %FALSE when @text is not an integer or does not fit in 64 bits
 */
gboolean
mh_field_parse_int (const char *text,
                    gint64     *value)
{
  guint base = 10;
  guint64 magnitude = 0;
  guint64 limit = G_MAXINT64;
  gboolean negative = FALSE;
  const char *c = text;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Digit by digit rather than g_ascii_string_to_signed(): GLib 2.74's
   * lazily created C locale makes the first concurrent calls fail at
   * random, and checks run on several threads. */
  if (c[0] == '0' && (c[1] == 'x' || c[1] == 'o'))
    {
      base = c[1] == 'x' ? 16 : 8;
      c += 2;
    }
  else if (c[0] == '-' || c[0] == '+')
    {
      negative = c[0] == '-';
      c++;
      if (negative)
        limit = (guint64) G_MAXINT64 + 1;
    }

  if (*c == '\0')
    return FALSE;

  for (; *c != '\0'; c++)
    {
      guint digit;

      if (g_ascii_isdigit (*c))
        digit = *c - '0';
      else if (base == 16 && g_ascii_isxdigit (*c))
        digit = g_ascii_xdigit_value (*c);
      else
        return FALSE;
      if (digit >= base || magnitude > (limit - digit) / base)
        return FALSE;
      magnitude = magnitude * base + digit;
    }

  if (value != NULL)
    *value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  return TRUE;
}

/**
 * mh_field_parse_datetime:
 * @text: an ISO 8601 date-time
 *
 * Returns: (transfer full) (nullable): the date-time, or %NULL when @text
 *   does not parse
 */
GDateTime *
mh_field_parse_datetime (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}
