/* mh-validate.c: per-record rules of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-schema.h"
#include "mh-validate.h"

typedef struct
{
  MhDocument *document;
  GPtrArray  *problems;
} Check;

void
mh_problem_free (MhProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem->rule_id);
  g_free (problem);
}

G_GNUC_PRINTF (6, 0)
static void
add_problem_valist (Check      *check,
                    MhSeverity  severity,
                    const char *path,
                    gsize       offset,
                    const char *rule_id,
                    const char *format,
                    va_list     args)
{
  MhProblem *problem = g_new0 (MhProblem, 1);

  problem->message = g_strdup_vprintf (format, args);
  problem->severity = severity;
  problem->path = g_strdup (path);
  problem->offset = offset;
  problem->rule_id = g_strdup (rule_id);
  g_ptr_array_add (check->problems, problem);
}

G_GNUC_PRINTF (6, 7)
static void
add_problem_at (Check      *check,
                MhSeverity  severity,
                const char *path,
                gsize       offset,
                const char *rule_id,
                const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (check, severity, path, offset, rule_id, format, args);
  va_end (args);
}

G_GNUC_PRINTF (6, 7)
static void
add_problem (Check        *check,
             MhSeverity    severity,
             const char   *path,
             const MhNode *node,
             const char   *rule_id,
             const char   *format,
             ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (check, severity, path, node != NULL ? node->start : G_MAXSIZE,
                      rule_id, format, args);
  va_end (args);
}

/* The last key of a path (`width` for `images[0].width`): what a curator
 * sees as the field's name next to the position. */
static const char *
field_name (const MhField *field)
{
  const char *dot = strrchr (field->path, '.');

  return dot != NULL ? dot + 1 : field->path;
}

/* Values behind an alias are checked as resolved for reading, so the
 * check sees what `get` and the form see. */
static const MhNode *
resolve (Check        *check,
         const MhNode *node,
         const char   *path)
{
  if (node != NULL && node->kind == MH_NODE_ALIAS)
    return mh_node_resolve (node);
  return node;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The common case without g_uri_parse(), which costs a few percent of
 * loading a collection: `http(s)://host[:port]` and then only characters
 * RFC 3986 allows unescaped, or a %XX escape. Anything else takes GLib's
 * full parser, so the answer is the same. */
static gboolean
is_plain_http_url (const char *text)
{
  const char *p;

  if (g_ascii_strncasecmp (text, "https://", 8) == 0)
    p = text + 8;
  else if (g_ascii_strncasecmp (text, "http://", 7) == 0)
    p = text + 7;
  else
    return FALSE;

  if (!g_ascii_isalnum (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '.' || *p == '-')
    p++;
  if (*p == ':')
    {
      guint port = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        if ((port = port * 10 + (*p - '0')) > 65535)
          return FALSE;
    }
  if (*p != '\0' && *p != '/' && *p != '?' && *p != '#')
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~:/?#@!$&'()*+,;=", *p) != NULL)
        continue;
      if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          p += 2;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_http_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (is_plain_http_url (text))
    return TRUE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && host != NULL && host[0] != '\0';
}

static gboolean
is_host_name (const char *text)
{
  g_autofree char *ascii = NULL;
  gsize label_len = 0;
  gsize len;

  if (g_hostname_is_ip_address (text))
    return TRUE;

  /* Internationalised names are fine: check their ASCII (punycode) form. */
  ascii = g_hostname_to_ascii (text);
  if (ascii == NULL)
    return FALSE;

  len = strlen (ascii);
  if (len == 0 || len > 253 || ascii[0] == '.' || ascii[len - 1] == '.')
    return FALSE;

  for (gsize i = 0; i <= len; i++)
    {
      char c = ascii[i];

      if (c == '.' || c == '\0')
        {
          if (label_len == 0 || label_len > 63 || ascii[i - 1] == '-')
            return FALSE;
          label_len = 0;
          continue;
        }
      if (label_len == 0 && c == '-')
        return FALSE;
      if (!g_ascii_isalnum (c) && c != '-')
        return FALSE;
      label_len++;
    }

  return TRUE;
}

static void check_mapping (Check        *check,
                           const MhNode *mapping,
                           const char   *path_prefix,
                           const char   *schema_prefix);

static void
check_int (Check         *check,
           const MhField *field,
           const MhNode  *node,
           const char    *path)
{
  gint64 value;

  if (node->type != MH_SCALAR_INT || !mh_field_parse_int (node->value, &value))
    {
      if (node->type == MH_SCALAR_INT)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "range",
                     _("%s is too large: %s"), field_name (field), node->value);
      else
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a whole number, not “%s”"), field_name (field), node->value);
      return;
    }

  if (field->min > field->max)
    return;

  if (value < field->min || value > field->max)
    {
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, field->min);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, field->max);

      if (field->max == G_MAXINT64)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "range",
                     _("%s must be %s or more, not %s"), field_name (field), min, node->value);
      else
        add_problem (check, MH_SEVERITY_ERROR, path, node, "range",
                     _("%s must be between %s and %s, not %s"),
                     field_name (field), min, max, node->value);
    }
}

static void
check_topics (Check         *check,
              const MhField *field,
              const MhNode  *list,
              const char    *path)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = list->children != NULL ? list->children->len : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      const MhNode *item = resolve (check, g_ptr_array_index (list->children, i), item_path);

      if (item == NULL)
        continue;

      if (item->kind != MH_NODE_SCALAR)
        {
          add_problem (check, MH_SEVERITY_ERROR, item_path, item, "type",
                       _("Each item of %s must be text"), field_name (field));
          continue;
        }

      if (mh_node_is_null (item) || is_blank (item->value))
        {
          add_problem (check, MH_SEVERITY_WARNING, item_path, item, "empty-topic",
                       _("%s has an empty item"), field_name (field));
          continue;
        }

      if (!g_hash_table_add (seen, item->value))
        add_problem (check, MH_SEVERITY_WARNING, item_path, item, "duplicate-topic",
                     _("“%s” is already in %s"), item->value, field_name (field));
    }
}

static void
check_value (Check         *check,
             const MhField *field,
             const MhNode  *node,
             const char    *path)
{
  switch (field->type)
    {
    case MH_FIELD_STRING:
    case MH_FIELD_TEXT:
      if (node->kind != MH_NODE_SCALAR)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be text"), field_name (field));
      break;

    case MH_FIELD_DATETIME:
      if (node->kind != MH_NODE_SCALAR)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a date and time"), field_name (field));
      else if (!mh_node_is_null (node))
        {
          g_autoptr(GDateTime) parsed = mh_field_parse_datetime (node->value);

          if (parsed == NULL)
            add_problem (check, MH_SEVERITY_ERROR, path, node, "datetime",
                         _("%s must be an ISO 8601 date and time, not “%s”"),
                         field_name (field), node->value);
        }
      break;

    case MH_FIELD_URL:
      if (node->kind != MH_NODE_SCALAR)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a web address"), field_name (field));
      else if (!mh_node_is_null (node) && !is_http_url (node->value))
        add_problem (check, MH_SEVERITY_ERROR, path, node, "url",
                     _("%s must be a full web address starting with http:// or https://"),
                     field_name (field));
      break;

    case MH_FIELD_HOSTNAME:
      if (node->kind != MH_NODE_SCALAR)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a host name"), field_name (field));
      else if (!mh_node_is_null (node) && !is_host_name (node->value))
        add_problem (check, MH_SEVERITY_WARNING, path, node, "hostname",
                     _("%s “%s” is not a host name"), field_name (field), node->value);
      break;

    case MH_FIELD_INT:
      if (node->kind != MH_NODE_SCALAR)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a whole number"), field_name (field));
      else if (!mh_node_is_null (node))
        check_int (check, field, node, path);
      break;

    case MH_FIELD_BOOL:
      if (node->kind != MH_NODE_SCALAR)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be true or false"), field_name (field));
      else if (!mh_node_is_null (node) && node->type != MH_SCALAR_BOOL)
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be true or false, not “%s”"), field_name (field), node->value);
      break;

    case MH_FIELD_STRING_LIST:
      if (node->kind == MH_NODE_SEQUENCE)
        check_topics (check, field, node, path);
      else if (!mh_node_is_null (node))
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a list"), field_name (field));
      break;

    case MH_FIELD_MAPPING:
      if (node->kind == MH_NODE_MAPPING)
        {
          g_autofree char *path_prefix = g_strconcat (path, ".", NULL);
          g_autofree char *schema_prefix = g_strconcat (field->path, ".", NULL);

          check_mapping (check, node, path_prefix, schema_prefix);
        }
      else if (!mh_node_is_null (node))
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a mapping of keys and values"), field_name (field));
      break;

    case MH_FIELD_MAPPING_LIST:
      if (node->kind == MH_NODE_SEQUENCE)
        {
          g_autofree char *schema_prefix = g_strconcat (field->path, "[].", NULL);
          guint n = node->children != NULL ? node->children->len : 0;

          for (guint i = 0; i < n; i++)
            {
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
              g_autofree char *path_prefix = g_strconcat (item_path, ".", NULL);
              const MhNode *item = resolve (check, g_ptr_array_index (node->children, i),
                                            item_path);

              if (item == NULL)
                continue;
              if (item->kind == MH_NODE_MAPPING)
                check_mapping (check, item, path_prefix, schema_prefix);
              else
                add_problem (check, MH_SEVERITY_ERROR, item_path, item, "type",
                             _("Each item of %s must be a mapping of keys and values"),
                             field_name (field));
            }
        }
      else if (!mh_node_is_null (node))
        add_problem (check, MH_SEVERITY_ERROR, path, node, "type",
                     _("%s must be a list"), field_name (field));
      break;

    case MH_FIELD_OPAQUE:
    default:
      break;
    }
}

/* Required rows under @schema_prefix that @mapping lacks or leaves empty.
 * Looked up through the document so a `<<` merge can provide them. */
static void
check_required (Check      *check,
                gsize       missing_offset,
                const char *path_prefix,
                const char *schema_prefix)
{
  const MhField *fields;
  guint n_fields;
  gsize prefix_len = strlen (schema_prefix);

  fields = mh_schema_get_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const MhField *field = &fields[i];
      const char *rest;
      g_autofree char *path = NULL;
      const MhNode *value;

      if (!(field->flags & MH_FIELD_FLAG_REQUIRED)
          || strncmp (field->path, schema_prefix, prefix_len) != 0)
        continue;

      /* Only this mapping's own rows, not those of nested mappings. */
      rest = field->path + prefix_len;
      if (strpbrk (rest, ".[") != NULL)
        continue;

      path = g_strconcat (path_prefix, rest, NULL);
      value = mh_document_lookup (check->document, path, NULL);

      if (value == NULL)
        add_problem_at (check, MH_SEVERITY_ERROR, path, missing_offset, "required",
                        _("%s is missing"), field_name (field));
      else if (value->kind == MH_NODE_SCALAR
               && (mh_node_is_null (value) || is_blank (value->value)))
        add_problem (check, MH_SEVERITY_ERROR, path, value, "required",
                     _("%s is empty"), field_name (field));
    }
}

static void
check_mapping (Check        *check,
               const MhNode *mapping,
               const char   *path_prefix,
               const char   *schema_prefix)
{
  guint n = mapping->children != NULL ? mapping->children->len / 2 : 0;

  for (guint i = 0; i < n; i++)
    {
      const MhNode *key = g_ptr_array_index (mapping->children, 2 * i);
      const MhNode *value = g_ptr_array_index (mapping->children, 2 * i + 1);
      g_autofree char *long_schema_path = NULL;
      char schema_path[128];
      g_autofree char *path = NULL;
      const MhField *field;

      /* Complex keys and `<<` merges are outside the schema. */
      if (key == NULL || key->kind != MH_NODE_SCALAR || key->value == NULL
          || strcmp (key->value, "<<") == 0)
        continue;

      /* Most keys are short: no allocation to find their row. */
      if ((gsize) g_snprintf (schema_path, sizeof schema_path, "%s%s", schema_prefix,
                              key->value) < sizeof schema_path)
        field = mh_schema_lookup (schema_path);
      else
        field = mh_schema_lookup (long_schema_path = g_strconcat (schema_prefix, key->value, NULL));
      if (field == NULL)
        continue;

      path = g_strconcat (path_prefix, key->value, NULL);
      value = resolve (check, value, path);
      if (value == NULL)
        continue;

      check_value (check, field, value, path);
    }

  check_required (check, mapping->start, path_prefix, schema_prefix);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const MhProblem *pa = *(MhProblem * const *) a;
  const MhProblem *pb = *(MhProblem * const *) b;

  if (pa->offset != pb->offset)
    return pa->offset < pb->offset ? -1 : 1;
  /* Errors first at the same place: they are what blocks a save. */
  if (pa->severity != pb->severity)
    return pa->severity == MH_SEVERITY_ERROR ? -1 : 1;
  return g_strcmp0 (pa->rule_id, pb->rule_id);
}

/**
 * mh_validate_document:
 * @document: a record
 *
 * Applies the schema's per-record rules to @document's root mapping. A
 * read-only document is checked where it has a root; why it is read-only is
 * not a problem reported here.
 *
 * Returns: (transfer full) (element-type MhProblem): the problems, sorted by
 *   offset
 */
GPtrArray *
mh_validate_document (MhDocument *document)
{
  Check check = { document, NULL };
  const MhNode *root;

  g_return_val_if_fail (document != NULL, NULL);

  check.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_problem_free);
  root = mh_document_get_root (document);

  if (root != NULL && root->kind == MH_NODE_MAPPING)
    check_mapping (&check, root, "", "");
  else if (root == NULL)
    {
      const MhSplit *split = mh_document_get_split (document);
      const char *reason = mh_document_get_readonly_reason (document, NULL);

      /* A block that did not parse has its own error; do not pile on. */
      if (reason == NULL || split->kind == MH_SPLIT_NONE)
        check_required (&check,
                        split->kind == MH_SPLIT_NONE ? split->bom_len : split->open_start,
                        "", "");
    }

  g_ptr_array_sort (check.problems, compare_problems);

  return check.problems;
}
