/* mh-render.c: new scalars and keys as YAML text, through libyaml's emitter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mh-document-private.h"

/* What YAML 1.1 (timestamps, sexagesimal and underscored numbers, yes/no/on/off)
 * would read as something other than a string. The 1.2 core schema is
 * mh_resolve_plain_scalar(). */
static const char yaml11_pattern[] =
  "^(?:"
  "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
  "|~|null|Null|NULL|=|<<"
  "|[-+]?0b[0-1_]+"
  "|[-+]?0[0-7_]+"
  "|[-+]?(?:0|[1-9][0-9_]*)"
  "|[-+]?0x[0-9a-fA-F_]+"
  "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
  "|[-+]?(?:[0-9][0-9_]*)?\\.[0-9.]*(?:[eE][-+]?[0-9]+)?"
  "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
  "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
  ")$";

static const char timestamp_pattern[] =
  "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
  "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
  "(?:\\.[0-9]*)?(?:[ \\t]*Z|[ \\t]*[-+][0-9]{1,2}(?::?[0-9]{2})?)?)$";

static GRegex *
get_regex (gsize      *once,
           const char *pattern)
{
  if (g_once_init_enter (once))
    {
      GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (regex != NULL);
      g_once_init_leave (once, (gsize) regex);
    }
  return (GRegex *) *once;
}

static gboolean
is_yaml11_timestamp (const char *value)
{
  static gsize regex = 0;

  return g_regex_match (get_regex (&regex, timestamp_pattern), value, 0, NULL);
}

/* Whether a string, written plain, would read back as anything but that
 * string under YAML 1.1 or 1.2, timestamps aside. */
static gboolean
reads_as_non_string (const char *value,
                     gsize       len)
{
  static gsize regex = 0;

  if (mh_resolve_plain_scalar (value, len) != MH_SCALAR_STRING)
    return TRUE;
  if (memchr (value, '\0', len) != NULL)
    return TRUE;
  return g_regex_match (get_regex (&regex, yaml11_pattern), value, 0, NULL);
}

gboolean
_mh_scalar_needs_quotes (const char *value,
                         gsize       len)
{
  return reads_as_non_string (value, len) || is_yaml11_timestamp (value);
}

static int
write_cb (void          *data,
          unsigned char *buffer,
          size_t         size)
{
  g_string_append_len (data, (const char *) buffer, size);
  return 1;
}

static yaml_scalar_style_t
to_yaml_style (MhStyle style)
{
  switch (style)
    {
    case MH_STYLE_PLAIN: return YAML_PLAIN_SCALAR_STYLE;
    case MH_STYLE_SINGLE_QUOTED: return YAML_SINGLE_QUOTED_SCALAR_STYLE;
    case MH_STYLE_DOUBLE_QUOTED: return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case MH_STYLE_LITERAL: return YAML_LITERAL_SCALAR_STYLE;
    case MH_STYLE_FOLDED: return YAML_FOLDED_SCALAR_STYLE;
    case MH_STYLE_ANY:
    case MH_STYLE_BLOCK:
    case MH_STYLE_FLOW:
    default:
      return YAML_ANY_SCALAR_STYLE;
    }
}

/* libyaml 0.2.5's emitter takes every character past U+FFFF for
 * unprintable and escapes it (`\U0001F680`): a curator's emoji would come
 * out escaped and force double quotes. So each is swapped for a private-use
 * character the value does not hold before emitting, and back after. */
typedef struct
{
  char placeholder[4];  /* 3 bytes of UTF-8 and a NUL */
  char original[5];
} Swap;

static gboolean
contains (const char *text,
          gsize       len,
          const char *needle,
          gsize       needle_len)
{
  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (text + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static char *
swap_astral (const char *value,
             gsize      *len,
             GArray     *swaps)
{
  GString *out;
  gunichar next = 0xE000;

  for (gsize i = 0; i < *len; i++)
    if ((guchar) value[i] >= 0xF0)
      break;
    else if (i + 1 == *len)
      return NULL;
  if (*len == 0)
    return NULL;

  out = g_string_sized_new (*len);
  for (gsize i = 0; i < *len; )
    {
      Swap swap = { { 0 }, { 0 } };
      guint k;

      if ((guchar) value[i] < 0xF0 || i + 4 > *len)
        {
          g_string_append_c (out, value[i++]);
          continue;
        }

      memcpy (swap.original, value + i, 4);
      for (k = 0; k < swaps->len; k++)
        if (memcmp (g_array_index (swaps, Swap, k).original, swap.original, 4) == 0)
          break;
      if (k == swaps->len)
        {
          do
            g_unichar_to_utf8 (next++, swap.placeholder);
          while (contains (value, *len, swap.placeholder, 3) && next < 0xF8FF);
          g_array_append_val (swaps, swap);
        }
      g_string_append_len (out, g_array_index (swaps, Swap, k).placeholder, 3);
      i += 4;
    }
  *len = out->len;
  return g_string_free (out, FALSE);
}

static void
unswap_astral (GString *out,
               GArray  *swaps)
{
  for (guint k = 0; k < swaps->len; k++)
    {
      const Swap *swap = &g_array_index (swaps, Swap, k);

      for (gsize i = 0; i + 3 <= out->len; i++)
        if (memcmp (out->str + i, swap->placeholder, 3) == 0)
          {
            g_string_erase (out, i, 3);
            g_string_insert_len (out, i, swap->original, 4);
            i += 3;
          }
    }
}

/* Emits `{k: VALUE}` (flow) or `k: VALUE` (block) and returns what the
 * emitter wrote, or NULL. */
static GString *
emit_pair_raw (const char          *key,
           gsize                key_len,
           yaml_scalar_style_t  key_style,
           const char          *value,
           gsize                value_len,
           yaml_scalar_style_t  style,
           gboolean             flow,
           gboolean             crlf)
{
  yaml_emitter_t emitter;
  yaml_event_t event;
  GString *out = g_string_new (NULL);
  gboolean ok = TRUE;

  if (!yaml_emitter_initialize (&emitter))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  yaml_emitter_set_output (&emitter, write_cb, out);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_indent (&emitter, 2);
  yaml_emitter_set_break (&emitter, crlf ? YAML_CRLN_BREAK : YAML_LN_BREAK);

#define EMIT(init) G_STMT_START { \
    if (ok && (!(init) || !yaml_emitter_emit (&emitter, &event))) \
      ok = FALSE; \
  } G_STMT_END

  EMIT (yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING));
  EMIT (yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1));
  EMIT (yaml_mapping_start_event_initialize (&event, NULL, NULL, 1,
                                             flow ? YAML_FLOW_MAPPING_STYLE
                                                  : YAML_BLOCK_MAPPING_STYLE));
  EMIT (yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) key, key_len,
                                      1, 1, key_style));
  EMIT (yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) value, value_len,
                                      1, 1, style));
  EMIT (yaml_mapping_end_event_initialize (&event));
  EMIT (yaml_document_end_event_initialize (&event, 1));
  EMIT (yaml_stream_end_event_initialize (&event));

#undef EMIT

  yaml_emitter_delete (&emitter);

  if (!ok)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return out;
}

/* NEL, LS and PS: YAML 1.1 readers (libyaml) break lines at them, YAML 1.2
 * readers do not, so they are only safe escaped in double quotes. */
static GString *
emit_pair (const char          *key,
           gsize                key_len,
           yaml_scalar_style_t  key_style,
           const char          *value,
           gsize                value_len,
           yaml_scalar_style_t  style,
           gboolean             flow,
           gboolean             crlf)
{
  g_autoptr(GArray) swaps = g_array_new (FALSE, TRUE, sizeof (Swap));
  g_autofree char *swapped_key = swap_astral (key, &key_len, swaps);
  g_autofree char *swapped_value = swap_astral (value, &value_len, swaps);
  GString *out;

  out = emit_pair_raw (swapped_key ? swapped_key : key, key_len, key_style,
                       swapped_value ? swapped_value : value, value_len, style, flow, crlf);
  if (out != NULL && swaps->len > 0)
    unswap_astral (out, swaps);
  return out;
}

static gboolean
has_unicode_break (const char *value,
                   gsize       len)
{
  for (gsize i = 0; i + 1 < len; i++)
    {
      if ((guchar) value[i] == 0xC2 && (guchar) value[i + 1] == 0x85)
        return TRUE;
      if ((guchar) value[i] == 0xE2 && i + 2 < len && (guchar) value[i + 1] == 0x80 &&
          ((guchar) value[i + 2] == 0xA8 || (guchar) value[i + 2] == 0xA9))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_break (const char *value,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '\n' || value[i] == '\r')
        return TRUE;
      /* NEL, LS and PS break lines too. */
      if ((guchar) value[i] == 0xC2 && i + 1 < len && (guchar) value[i + 1] == 0x85)
        return TRUE;
      if ((guchar) value[i] == 0xE2 && i + 2 < len && (guchar) value[i + 1] == 0x80 &&
          ((guchar) value[i + 2] == 0xA8 || (guchar) value[i + 2] == 0xA9))
        return TRUE;
    }
  return FALSE;
}

/* The emitter indents continuation lines by 2 under a root key; move them
 * to @indent. Blank lines stay empty. */
static char *
reindent (const char *text,
          gsize       len,
          guint       indent,
          const char *newline)
{
  GString *out = g_string_sized_new (len + 16);
  gsize nl_len = strlen (newline);
  gsize p = 0;
  gboolean first = TRUE;

  while (p <= len)
    {
      const char *nl = g_strstr_len (text + p, len - p, newline);
      gsize end = nl ? (gsize) (nl - text) : len;
      gsize start = p;

      if (!first && end > start)
        {
          if (end - start >= 2 && text[start] == ' ' && text[start + 1] == ' ')
            start += 2;
          for (guint i = 0; i < indent; i++)
            g_string_append_c (out, ' ');
        }
      g_string_append_len (out, text + start, end - start);
      first = FALSE;
      if (nl == NULL)
        break;
      g_string_append (out, newline);
      p = end + nl_len;
    }
  return g_string_free (out, FALSE);
}

/**
 * _mh_render_scalar:
 * @value: the scalar to write
 * @style: the old value's style, to keep where it can hold the new value,
 *   or MH_STYLE_ANY
 * @indent: the column continuation lines (block scalars) start at
 * @flow_context: the value goes inside `[…]` or `{…}`
 *
 * Returns: (transfer full) (nullable): the text, or NULL when the value
 *   cannot be written as its type
 */
char *
_mh_render_scalar (const MhNode *value,
                   MhStyle       style,
                   guint         indent,
                   gboolean      flow_context,
                   const char   *newline)
{
  g_autoptr(GString) out = NULL;
  gboolean crlf = g_str_equal (newline, "\r\n");
  gsize prefix_len;
  gsize suffix_len;
  MhStyle want = style;

  g_return_val_if_fail (value != NULL && value->kind == MH_NODE_SCALAR, NULL);

  switch (value->type)
    {
    case MH_SCALAR_NULL:
      if (mh_resolve_plain_scalar (value->value, value->value_len) == MH_SCALAR_NULL &&
          value->value_len > 0)
        return g_strdup (value->value);
      return g_strdup ("null");

    case MH_SCALAR_BOOL:
    case MH_SCALAR_INT:
    case MH_SCALAR_FLOAT:
      /* Typed values are written plain, as given, and must read back as their type. */
      if (mh_resolve_plain_scalar (value->value, value->value_len) != value->type)
        return NULL;
      return g_strdup (value->value);

    case MH_SCALAR_TIMESTAMP:
    case MH_SCALAR_STRING:
    default:
      break;
    }

  if (want == MH_STYLE_BLOCK || want == MH_STYLE_FLOW)
    want = MH_STYLE_ANY;

  if (has_unicode_break (value->value, value->value_len))
    want = MH_STYLE_DOUBLE_QUOTED;
  else if (has_break (value->value, value->value_len))
    {
      if (want == MH_STYLE_PLAIN || want == MH_STYLE_ANY)
        want = MH_STYLE_LITERAL;
    }
  else if (want == MH_STYLE_PLAIN || want == MH_STYLE_ANY)
    {
      gboolean quote = value->type == MH_SCALAR_TIMESTAMP
        ? reads_as_non_string (value->value, value->value_len) && !is_yaml11_timestamp (value->value)
        : _mh_scalar_needs_quotes (value->value, value->value_len);

      if (quote)
        want = MH_STYLE_DOUBLE_QUOTED;
      else if (want == MH_STYLE_ANY)
        want = MH_STYLE_PLAIN;
    }

  out = emit_pair ("k", 1, YAML_PLAIN_SCALAR_STYLE, value->value, value->value_len,
                   to_yaml_style (want), flow_context, crlf);
  if (out == NULL)
    return NULL;

  prefix_len = flow_context ? strlen ("{k: ") : strlen ("k: ");
  suffix_len = (flow_context ? 1 : 0) + strlen (newline);
  if (out->len < prefix_len + suffix_len ||
      strncmp (out->str, flow_context ? "{k: " : "k: ", prefix_len) != 0)
    return NULL;

  /* An empty plain value comes out as `k:` with no space; never asked for here. */
  return reindent (out->str + prefix_len, out->len - prefix_len - suffix_len, indent, newline);
}

/**
 * _mh_render_key:
 *
 * Returns: (transfer full) (nullable): the key's text, or NULL when it
 *   cannot be written as a simple one-line key
 */
char *
_mh_render_key (const char *key,
                gboolean    flow_context)
{
  g_autoptr(GString) out = NULL;
  gsize len = strlen (key);
  const char *colon;
  yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;

  if (len == 0 || len > 120 || has_break (key, len))
    return NULL;
  if (_mh_scalar_needs_quotes (key, len))
    style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;

  out = emit_pair (key, len, style, "v", 1, YAML_PLAIN_SCALAR_STYLE, flow_context, FALSE);
  if (out == NULL || out->str[0] == '?')
    return NULL;

  if (flow_context)
    {
      if (out->str[0] != '{')
        return NULL;
      colon = g_strrstr (out->str, ": v}");
      if (colon == NULL)
        return NULL;
      return g_strndup (out->str + 1, colon - out->str - 1);
    }

  colon = g_strrstr (out->str, ": v\n");
  if (colon == NULL)
    return NULL;
  return g_strndup (out->str, colon - out->str);
}
