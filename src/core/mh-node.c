/* mh-node.c: the YAML tree, each node carrying its byte span in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mh-node.h"

#include <math.h>
#include <string.h>

static MhNode *
node_new (MhNodeKind kind)
{
  MhNode *node = g_new0 (MhNode, 1);

  node->kind = kind;
  if (kind == MH_NODE_SEQUENCE || kind == MH_NODE_MAPPING)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_node_free);
  return node;
}

/**
 * mh_node_new_scalar:
 * Returns: (transfer full): a scalar without a span, for handing to an edit.
 */
MhNode *
mh_node_new_scalar (const char   *value,
                    MhScalarType  type)
{
  MhNode *node = node_new (MH_NODE_SCALAR);

  node->value = g_strdup (value ? value : "");
  node->value_len = strlen (node->value);
  node->type = type;
  return node;
}

MhNode *
mh_node_new_mapping (void)
{
  return node_new (MH_NODE_MAPPING);
}

MhNode *
mh_node_new_sequence (void)
{
  return node_new (MH_NODE_SEQUENCE);
}

void
mh_node_mapping_append (MhNode     *mapping,
                        const char *key,
                        MhNode     *value)
{
  MhNode *key_node;

  g_return_if_fail (mapping != NULL && mapping->kind == MH_NODE_MAPPING);

  key_node = mh_node_new_scalar (key, MH_SCALAR_STRING);
  key_node->parent = mapping;
  value->parent = mapping;
  g_ptr_array_add (mapping->children, key_node);
  g_ptr_array_add (mapping->children, value);
}

void
mh_node_sequence_append (MhNode *sequence,
                         MhNode *item)
{
  g_return_if_fail (sequence != NULL && sequence->kind == MH_NODE_SEQUENCE);

  item->parent = sequence;
  g_ptr_array_add (sequence->children, item);
}

/**
 * mh_node_copy:
 * Returns: (transfer full): a deep copy; spans are kept, an alias's target is not.
 */
MhNode *
mh_node_copy (const MhNode *node)
{
  MhNode *copy;

  if (node == NULL)
    return NULL;

  copy = node_new (node->kind);
  copy->style = node->style;
  copy->type = node->type;
  if (node->value != NULL)
    {
      copy->value = g_malloc (node->value_len + 1);
      memcpy (copy->value, node->value, node->value_len + 1);
    }
  copy->value_len = node->value_len;
  copy->tag = g_strdup (node->tag);
  copy->anchor = g_strdup (node->anchor);
  copy->start = node->start;
  copy->end = node->end;
  copy->readonly = node->readonly;

  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      {
        MhNode *child = mh_node_copy (g_ptr_array_index (node->children, i));

        child->parent = copy;
        g_ptr_array_add (copy->children, child);
      }

  return copy;
}

void
mh_node_free (MhNode *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->value);
  g_free (node->tag);
  g_free (node->anchor);
  /* A parsed document's nodes go with its arena. */
  if (!node->in_arena)
    g_free (node);
}

guint
mh_node_get_n_items (const MhNode *node)
{
  if (node == NULL || node->children == NULL)
    return 0;
  if (node->kind == MH_NODE_MAPPING)
    return node->children->len / 2;
  return node->children->len;
}

/* For a mapping, the value of pair @index; for a sequence, item @index. */
MhNode *
mh_node_get_item (const MhNode *node,
                  guint         index)
{
  if (node == NULL || node->children == NULL || index >= mh_node_get_n_items (node))
    return NULL;
  if (node->kind == MH_NODE_MAPPING)
    return g_ptr_array_index (node->children, index * 2 + 1);
  return g_ptr_array_index (node->children, index);
}

MhNode *
mh_node_get_key (const MhNode *mapping,
                 guint         index)
{
  if (mapping == NULL || mapping->kind != MH_NODE_MAPPING ||
      index >= mh_node_get_n_items (mapping))
    return NULL;
  return g_ptr_array_index (mapping->children, index * 2);
}

/* Finds a scalar key equal to @key; the last one wins, as for YAML readers
 * that accept duplicates (the document refuses to edit those anyway). */
MhNode *
mh_node_lookup_key (const MhNode *mapping,
                    const char   *key,
                    guint        *index)
{
  guint n = mh_node_get_n_items (mapping);
  gsize key_len = strlen (key);

  if (mapping == NULL || mapping->kind != MH_NODE_MAPPING)
    return NULL;

  for (guint i = n; i > 0; i--)
    {
      MhNode *k = g_ptr_array_index (mapping->children, (i - 1) * 2);

      if (k->kind == MH_NODE_SCALAR && k->value_len == key_len &&
          memcmp (k->value, key, key_len) == 0)
        {
          if (index != NULL)
            *index = i - 1;
          return g_ptr_array_index (mapping->children, (i - 1) * 2 + 1);
        }
    }

  return NULL;
}

const MhNode *
mh_node_resolve (const MhNode *node)
{
  if (node != NULL && node->kind == MH_NODE_ALIAS && node->target != NULL)
    return node->target;
  return node;
}

gboolean
mh_node_is_null (const MhNode *node)
{
  return node == NULL || (node->kind == MH_NODE_SCALAR && node->type == MH_SCALAR_NULL);
}

static MhScalarType
data_type (const MhNode *node)
{
  /* TIMESTAMP is a rendering hint: the data is a string. */
  return node->type == MH_SCALAR_TIMESTAMP ? MH_SCALAR_STRING : node->type;
}

/* Compares data, not bytes: kinds, resolved types, decoded values, tags
 * and anchors. Aliases compare by name, never expanded. */
gboolean
mh_node_equal (const MhNode *a,
               const MhNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->kind != b->kind)
    return FALSE;
  if (g_strcmp0 (a->anchor, b->anchor) != 0 || g_strcmp0 (a->tag, b->tag) != 0)
    return FALSE;

  switch (a->kind)
    {
    case MH_NODE_SCALAR:
      return data_type (a) == data_type (b) && a->value_len == b->value_len &&
             memcmp (a->value, b->value, a->value_len) == 0;

    case MH_NODE_ALIAS:
      return TRUE;

    case MH_NODE_SEQUENCE:
    case MH_NODE_MAPPING:
      if (a->children->len != b->children->len)
        return FALSE;
      for (guint i = 0; i < a->children->len; i++)
        if (!mh_node_equal (g_ptr_array_index (a->children, i),
                            g_ptr_array_index (b->children, i)))
          return FALSE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
all_match (const char *s,
           gsize       len,
           const char *set)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (strchr (set, s[i]) == NULL || s[i] == '\0')
      return FALSE;
  return TRUE;
}

static gboolean
is_one_of (const char  *s,
           gsize        len,
           const char **words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] == s[0] && strlen (words[i]) == len && memcmp (s, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_core_float (const char *s,
               gsize       len)
{
  static const char *special[] = {
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ".nan", ".NaN", ".NAN", NULL
  };
  gsize i = 0;
  gboolean digits = FALSE;

  if (is_one_of (s, len, special))
    return TRUE;

  /* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
  if (i < len && (s[i] == '-' || s[i] == '+'))
    i++;
  while (i < len && g_ascii_isdigit (s[i]))
    i++, digits = TRUE;
  if (i < len && s[i] == '.')
    {
      i++;
      while (i < len && g_ascii_isdigit (s[i]))
        i++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
      gboolean exp_digits = FALSE;

      i++;
      if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
      while (i < len && g_ascii_isdigit (s[i]))
        i++, exp_digits = TRUE;
      if (!exp_digits)
        return FALSE;
    }
  return i == len;
}

/**
 * mh_resolve_plain_scalar:
 *
 * The type a plain scalar has under the YAML 1.2 core schema.
 */
MhScalarType
mh_resolve_plain_scalar (const char *value,
                         gsize       len)
{
  static const char *nulls[] = { "~", "null", "Null", "NULL", NULL };
  static const char *bools[] = { "true", "True", "TRUE", "false", "False", "FALSE", NULL };
  const char *digits = value;
  gsize n = len;

  /* Most plain scalars are words: rule them out from the first character. */
  if (len > 0 && strchr ("~nNtTfF0123456789+-.", value[0]) == NULL)
    return MH_SCALAR_STRING;

  if (len == 0 || (len <= 4 && is_one_of (value, len, nulls)))
    return MH_SCALAR_NULL;
  if ((len == 4 || len == 5) && is_one_of (value, len, bools))
    return MH_SCALAR_BOOL;
  /* Past the words, every other type starts with a digit, a sign or a dot. */
  if (!g_ascii_isdigit (value[0]) && value[0] != '+' && value[0] != '-' && value[0] != '.')
    return MH_SCALAR_STRING;

  if (len > 2 && value[0] == '0' && value[1] == 'o' &&
      all_match (value + 2, len - 2, "01234567"))
    return MH_SCALAR_INT;
  if (len > 2 && value[0] == '0' && value[1] == 'x' &&
      all_match (value + 2, len - 2, "0123456789abcdefABCDEF"))
    return MH_SCALAR_INT;

  if (n > 0 && (digits[0] == '-' || digits[0] == '+'))
    digits++, n--;
  if (all_match (digits, n, "0123456789"))
    return MH_SCALAR_INT;

  if (is_core_float (value, len))
    return MH_SCALAR_FLOAT;

  return MH_SCALAR_STRING;
}

/* JSON output ---------------------------------------------------------- */

#define JSON_BUDGET 1000000

static void
json_string (GString    *out,
             const char *s,
             gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_scalar (GString      *out,
             const MhNode *node)
{
  switch (data_type (node))
    {
    case MH_SCALAR_NULL:
      g_string_append (out, "null");
      return;

    case MH_SCALAR_BOOL:
      g_string_append (out, g_ascii_tolower (node->value[0]) == 't' ? "true" : "false");
      return;

    case MH_SCALAR_INT:
      {
        const char *v = node->value;
        gboolean negative = FALSE;
        guint64 n = 0;
        const char *end = NULL;

        if (*v == '-' || *v == '+')
          negative = (*v++ == '-');
        if (g_str_has_prefix (v, "0x"))
          n = g_ascii_strtoull (v + 2, (char **) &end, 16);
        else if (g_str_has_prefix (v, "0o"))
          n = g_ascii_strtoull (v + 2, (char **) &end, 8);
        else
          n = g_ascii_strtoull (v, (char **) &end, 10);

        if (end == NULL || *end != '\0' || n > (guint64) G_MAXINT64)
          json_string (out, node->value, node->value_len);
        else
          g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, negative && n ? "-" : "", n);
        return;
      }

    case MH_SCALAR_FLOAT:
      {
        double d = g_ascii_strtod (node->value, NULL);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (isfinite (d))
          g_string_append (out, g_ascii_dtostr (buf, sizeof buf, d));
        else
          json_string (out, node->value, node->value_len);
        return;
      }

    case MH_SCALAR_STRING:
    case MH_SCALAR_TIMESTAMP:
    default:
      json_string (out, node->value, node->value_len);
      return;
    }
}

static gboolean
json_node (GString      *out,
           const MhNode *node,
           guint        *budget,
           guint         depth)
{
  node = mh_node_resolve (node);

  if (node == NULL || (*budget)-- == 0 || depth > 256)
    return FALSE;

  switch (node->kind)
    {
    case MH_NODE_SCALAR:
      json_scalar (out, node);
      return TRUE;

    case MH_NODE_ALIAS:
      /* An alias whose anchor was never seen. */
      g_string_append (out, "null");
      return TRUE;

    case MH_NODE_SEQUENCE:
      g_string_append_c (out, '[');
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (!json_node (out, g_ptr_array_index (node->children, i), budget, depth + 1))
            return FALSE;
        }
      g_string_append_c (out, ']');
      return TRUE;

    case MH_NODE_MAPPING:
      g_string_append_c (out, '{');
      for (guint i = 0; i + 1 < node->children->len; i += 2)
        {
          const MhNode *key = mh_node_resolve (g_ptr_array_index (node->children, i));

          if (i > 0)
            g_string_append (out, ", ");
          if (key != NULL && key->kind == MH_NODE_SCALAR)
            json_string (out, key->value, key->value_len);
          else
            {
              g_autoptr(GString) inner = g_string_new (NULL);

              if (!json_node (inner, key, budget, depth + 1))
                return FALSE;
              json_string (out, inner->str, inner->len);
            }
          g_string_append (out, ": ");
          if (!json_node (out, g_ptr_array_index (node->children, i + 1), budget, depth + 1))
            return FALSE;
        }
      g_string_append_c (out, '}');
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * mh_node_to_json:
 * Returns: (transfer full) (nullable): one line of JSON
 */
char *
mh_node_to_json (const MhNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint budget = JSON_BUDGET;

  if (!json_node (out, node, &budget, 0) || out->len > 64 * 1024 * 1024)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
