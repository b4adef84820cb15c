/* test-roundtrip.c: every YAML test suite case as front matter, edited and put back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case of $MH_YAML_TEST_SUITE (DIR/in.yaml or DIR/NN/in.yaml) is wrapped
 * as `---\n` + in.yaml + `---\nbody\n`, and again with CRLF breaks and with a
 * BOM. libyaml itself decides what is accepted (it is the engine's parser;
 * the suite's `error` files only tell where libyaml disagrees with the spec).
 * For an accepted mapping or empty root, inserting a probe key and deleting
 * it must give back the exact bytes, and setting or deleting each top-level
 * key must re-parse to the expected data while changing only that key's
 * lines. Everything else must open read-only with a reason and refuse edits.
 */
#include <string.h>

#include <glib.h>
#include <yaml.h>

#include "mh-document.h"

typedef enum
{
  VARIANT_LF,
  VARIANT_CRLF,
  VARIANT_BOM,
  N_VARIANTS,
} Variant;

static const char *variant_names[N_VARIANTS] = { "lf", "crlf", "bom" };

typedef struct
{
  guint cases;
  guint skipped;            /* a document marker line, or several documents */
  guint accepted_mapping;   /* libyaml accepts, root a mapping or empty, editable */
  guint roundtrip_ok;
  guint read_only;          /* accepted, but read-only by the engine's own rules */
  guint other_roots;
  guint rejected;           /* libyaml rejects */
  guint error_but_accepted; /* the suite says invalid, libyaml accepts */
  guint valid_but_rejected; /* the suite says valid, libyaml rejects */
  guint key_edits_ok;
  guint key_edits_refused;  /* a read-only path (alias, anchor, merge) */
  guint keys_unaddressable; /* not a scalar key, or one no path can name */
  guint key_sets_refused;   /* set on a list or mapping value */
  guint json_match;         /* the data equals the suite's in.json */
  guint json_mismatch;
  guint key_edits_refused_quirk; /* refused by the verifier for libyaml's blank-tab quirk */
  guint key_moves_refused;  /* block list items that share a line are not moved */
  GString *notes;
} Counts;

static Counts counts[N_VARIANTS];

typedef struct
{
  char *id;
  char *dir;
} SuiteCase;

/* What libyaml says ------------------------------------------------------ */

typedef enum
{
  ROOT_EMPTY,
  ROOT_MAPPING,
  ROOT_OTHER,
} RootKind;

typedef struct
{
  gboolean ok;
  guint    n_docs;
  RootKind root;
  gboolean dup_keys;
} YamlInfo;

typedef struct
{
  gboolean    is_map;
  gboolean    expect_key;
  GHashTable *keys;
} Frame;

static void
frame_free (gpointer data)
{
  Frame *f = data;

  g_clear_pointer (&f->keys, g_hash_table_unref);
  g_free (f);
}

/* A node event inside the top frame: record mapping keys to spot duplicates. */
static void
note_node (GPtrArray         *stack,
           const yaml_event_t *event,
           YamlInfo          *info)
{
  Frame *top;

  if (stack->len == 0)
    return;
  top = g_ptr_array_index (stack, stack->len - 1);
  if (!top->is_map)
    return;
  if (top->expect_key)
    {
      char *key = NULL;

      if (event->type == YAML_SCALAR_EVENT)
        key = g_strndup ((const char *) event->data.scalar.value, event->data.scalar.length);
      else if (event->type == YAML_ALIAS_EVENT)
        key = g_strconcat ("*", (const char *) event->data.alias.anchor, NULL);
      if (key != NULL)
        {
          if (g_hash_table_contains (top->keys, key))
            {
              info->dup_keys = TRUE;
              g_free (key);
            }
          else
            g_hash_table_add (top->keys, key);
        }
    }
  top->expect_key = !top->expect_key;
}

static void
yaml_info (const char *data,
           gsize       len,
           YamlInfo   *info)
{
  yaml_parser_t parser;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (frame_free);
  gboolean root_next = FALSE;

  memset (info, 0, sizeof *info);
  info->root = ROOT_EMPTY;
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);

  for (;;)
    {
      yaml_event_t event;
      gboolean done;

      if (!yaml_parser_parse (&parser, &event))
        {
          info->ok = FALSE;
          yaml_parser_delete (&parser);
          return;
        }
      done = event.type == YAML_STREAM_END_EVENT;

      switch (event.type)
        {
        case YAML_DOCUMENT_START_EVENT:
          info->n_docs++;
          root_next = info->n_docs == 1;
          break;

        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          if (root_next)
            info->root = event.type == YAML_MAPPING_START_EVENT ? ROOT_MAPPING : ROOT_OTHER;
          root_next = FALSE;
          note_node (stack, &event, info);
          {
            Frame *f = g_new0 (Frame, 1);

            f->is_map = event.type == YAML_MAPPING_START_EVENT;
            f->expect_key = TRUE;
            if (f->is_map)
              f->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
            g_ptr_array_add (stack, f);
          }
          break;

        case YAML_SCALAR_EVENT:
        case YAML_ALIAS_EVENT:
          if (root_next)
            info->root = ROOT_OTHER;
          root_next = FALSE;
          note_node (stack, &event, info);
          break;

        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          if (stack->len > 0)
            g_ptr_array_remove_index (stack, stack->len - 1);
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
      if (done)
        break;
    }

  yaml_parser_delete (&parser);
  info->ok = TRUE;
}

/* Text helpers ------------------------------------------------------------ */

/* A line that is a document marker: `---` or `...` alone or followed by blanks
 * or content (`--- x`). Such cases cannot be wrapped as one front-matter block. */
static gboolean
has_document_marker (const char *data,
                     gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize rest = len - i;

      if (rest >= 3 && (memcmp (data + i, "---", 3) == 0 || memcmp (data + i, "...", 3) == 0) &&
          (rest == 3 || data[i + 3] == ' ' || data[i + 3] == '\t' || data[i + 3] == '\n' ||
           data[i + 3] == '\r'))
        return TRUE;
      while (i < len && data[i] != '\n')
        i++;
      i++;
    }
  return FALSE;
}

/* A tab among a line's leading blanks and block indicators. */
static gboolean
has_tab_indentation (const char *data,
                     gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      while (i < len && strchr (" \t-?:", data[i]) != NULL && data[i] != '\0')
        {
          if (data[i] == '\t')
            return TRUE;
          i++;
        }
      while (i < len && data[i] != '\n')
        i++;
      i++;
    }
  return FALSE;
}

/* A line of blanks that holds a tab. */
static gboolean
has_blank_tab_line (const char *data,
                    gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gboolean tab = FALSE;

      while (i < len && (data[i] == ' ' || data[i] == '\t'))
        tab |= data[i++] == '\t';
      if (tab && (i == len || data[i] == '\n' || data[i] == '\r'))
        return TRUE;
      while (i < len && data[i] != '\n')
        i++;
      i++;
    }
  return FALSE;
}

static gsize
line_start (const char *data,
            gsize       off)
{
  while (off > 0 && data[off - 1] != '\n')
    off--;
  return off;
}

/* The start of the next line after the one holding @off, a span's end (which
 * excludes the node's final line break: mh-node.h). */
static gsize
line_end (const char *data,
          gsize       len,
          gsize       off)
{
  while (off < len && data[off] != '\n')
    off++;
  return off < len ? off + 1 : len;
}

/* Whether a block list's item shares its line with more than its dash (`: - one`). */
static gboolean
item_shares_line (const char   *data,
                  const MhNode *item)
{
  gsize i = line_start (data, item->start);

  while (i < item->start && data[i] == ' ')
    i++;
  if (i < item->start && data[i] == '-')
    i++;
  while (i < item->start && (data[i] == ' ' || data[i] == '\t'))
    i++;
  return i != item->start;
}

static gsize
column_of (const char *data,
           gsize       off)
{
  return off - line_start (data, off);
}

/* The key's own lines start with the comment lines directly above it at its column. */
static gsize
own_lines_start (const char *data,
                 gsize       key_start)
{
  gsize start = line_start (data, key_start);
  gsize col = column_of (data, key_start);

  while (start > 0)
    {
      gsize prev = line_start (data, start - 1);
      gsize i = prev;

      while (i < prev + col && data[i] == ' ')
        i++;
      if (i != prev + col || data[i] != '#')
        break;
      start = prev;
    }
  return start;
}

/* Whether @new_data is old[0, @from) + anything + old[@to, end). */
static gboolean
changed_only_within (const char *old,
                     gsize       old_len,
                     const char *new_data,
                     gsize       new_len,
                     gsize       from,
                     gsize       to)
{
  gsize tail = old_len - to;

  return new_len >= from + tail &&
         memcmp (old, new_data, from) == 0 &&
         memcmp (old + to, new_data + new_len - tail, tail) == 0;
}

static char *
path_for_key (const char *key)
{
  GString *s = g_string_new (NULL);

  for (const char *c = key; *c != '\0'; c++)
    {
      if (*c == '.' || *c == '[' || *c == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *c);
    }
  return g_string_free (s, FALSE);
}

static char *
escape_bytes (const char *data,
              gsize       len)
{
  g_autofree char *copy = g_strndup (data, len);

  return g_strescape (copy, NULL);
}

/* Expected data ---------------------------------------------------------- */

static MhNode *
root_or_empty (MhDocument *doc)
{
  MhNode *root = mh_document_get_root (doc);

  return root != NULL ? mh_node_copy (root) : mh_node_new_mapping ();
}

/* The same data: a kept tag or anchor on an edited value aside, equal trees
 * (aliases compare by the anchor they name). */
static gboolean
data_equal (const MhNode *a,
            const MhNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case MH_NODE_SCALAR:
      return a->type == b->type && a->value_len == b->value_len &&
             memcmp (a->value, b->value, a->value_len) == 0;
    case MH_NODE_ALIAS:
      return g_strcmp0 (a->anchor, b->anchor) == 0;
    case MH_NODE_SEQUENCE:
    case MH_NODE_MAPPING:
    default:
      if (a->children->len != b->children->len)
        return FALSE;
      for (guint i = 0; i < a->children->len; i++)
        if (!data_equal (g_ptr_array_index (a->children, i), g_ptr_array_index (b->children, i)))
          return FALSE;
      return TRUE;
    }
}

static gboolean
same_data (const MhNode *got,
           const MhNode *want)
{
  g_autoptr(MhNode) empty = mh_node_new_mapping ();

  if (got == NULL)
    got = empty;
  return mh_node_equal (got, want) || data_equal (got, want);
}

/* Whether anything in @node is read-only (an alias, a referenced anchor, a merge). */
static gboolean
has_readonly (const MhNode *node)
{
  if (node == NULL)
    return FALSE;
  if (node->readonly)
    return TRUE;
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      if (has_readonly (g_ptr_array_index (node->children, i)))
        return TRUE;
  return FALSE;
}

static void
note (Variant     v,
      const char *id,
      const char *fmt,
      ...) G_GNUC_PRINTF (3, 4);

static void
note (Variant     v,
      const char *id,
      const char *fmt,
      ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, fmt);
  text = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_string_append_printf (counts[v].notes, "%s %s: %s\n", variant_names[v], id, text);
}

/* The suite's in.json: a small JSON reader into MhNode trees --------------- */

typedef struct
{
  const char *p;
  const char *end;
} JsonReader;

static void
json_skip (JsonReader *r)
{
  while (r->p < r->end && strchr (" \t\r\n", *r->p) != NULL)
    r->p++;
}

static MhNode *json_value (JsonReader *r,
                           guint       depth);

static char *
json_string_value (JsonReader *r)
{
  GString *s = g_string_new (NULL);

  if (r->p >= r->end || *r->p != '"')
    goto fail;
  r->p++;
  while (r->p < r->end && *r->p != '"')
    {
      if (*r->p != '\\')
        {
          g_string_append_c (s, *r->p++);
          continue;
        }
      if (++r->p >= r->end)
        goto fail;
      switch (*r->p++)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            gunichar c;
            char hex[5] = { 0 };

            if (r->end - r->p < 4)
              goto fail;
            memcpy (hex, r->p, 4);
            r->p += 4;
            c = g_ascii_strtoull (hex, NULL, 16);
            if (c >= 0xD800 && c < 0xDC00 && r->end - r->p >= 6 && r->p[0] == '\\' &&
                r->p[1] == 'u')
              {
                gunichar lo;

                memcpy (hex, r->p + 2, 4);
                lo = g_ascii_strtoull (hex, NULL, 16);
                r->p += 6;
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
              }
            g_string_append_unichar (s, c);
            break;
          }
        default:
          goto fail;
        }
    }
  if (r->p >= r->end)
    goto fail;
  r->p++;
  return g_string_free (s, FALSE);

fail:
  g_string_free (s, TRUE);
  return NULL;
}

static MhNode *
json_value (JsonReader *r,
            guint       depth)
{
  json_skip (r);
  if (r->p >= r->end || depth > 200)
    return NULL;

  if (*r->p == '{' || *r->p == '[')
    {
      gboolean is_map = *r->p == '{';
      MhNode *node = is_map ? mh_node_new_mapping () : mh_node_new_sequence ();

      r->p++;
      json_skip (r);
      if (r->p < r->end && *r->p == (is_map ? '}' : ']'))
        {
          r->p++;
          return node;
        }
      for (;;)
        {
          MhNode *item;

          if (is_map)
            {
              g_autofree char *key = NULL;

              json_skip (r);
              key = json_string_value (r);
              json_skip (r);
              if (key == NULL || r->p >= r->end || *r->p != ':')
                break;
              r->p++;
              item = json_value (r, depth + 1);
              if (item == NULL)
                break;
              mh_node_mapping_append (node, key, item);
            }
          else
            {
              item = json_value (r, depth + 1);
              if (item == NULL)
                break;
              mh_node_sequence_append (node, item);
            }
          json_skip (r);
          if (r->p < r->end && *r->p == ',')
            {
              r->p++;
              continue;
            }
          if (r->p < r->end && *r->p == (is_map ? '}' : ']'))
            {
              r->p++;
              return node;
            }
          break;
        }
      mh_node_free (node);
      return NULL;
    }

  if (*r->p == '"')
    {
      g_autofree char *v = json_string_value (r);

      return v != NULL ? mh_node_new_scalar (v, MH_SCALAR_STRING) : NULL;
    }

  {
    const char *start = r->p;
    g_autofree char *word = NULL;
    gboolean is_float = FALSE;

    while (r->p < r->end && strchr (",]} \t\r\n", *r->p) == NULL)
      {
        is_float |= strchr (".eE", *r->p) != NULL;
        r->p++;
      }
    word = g_strndup (start, r->p - start);
    if (strcmp (word, "null") == 0)
      return mh_node_new_scalar ("", MH_SCALAR_NULL);
    if (strcmp (word, "true") == 0 || strcmp (word, "false") == 0)
      return mh_node_new_scalar (word, MH_SCALAR_BOOL);
    if (word[0] == '\0')
      return NULL;
    return mh_node_new_scalar (word, is_float ? MH_SCALAR_FLOAT : MH_SCALAR_INT);
  }
}

/* NULL when the file holds anything but exactly one JSON value. */
static MhNode *
json_parse (const char *data,
            gsize       len)
{
  JsonReader r = { data, data + len };
  MhNode *node = json_value (&r, 0);

  json_skip (&r);
  if (node != NULL && r.p != r.end)
    g_clear_pointer (&node, mh_node_free);
  return node;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  const char *v = text;
  gboolean negative = FALSE;
  char *end = NULL;
  guint64 n;

  if (*v == '-' || *v == '+')
    negative = *v++ == '-';
  if (g_str_has_prefix (v, "0x"))
    n = g_ascii_strtoull (v + 2, &end, 16);
  else if (g_str_has_prefix (v, "0o"))
    n = g_ascii_strtoull (v + 2, &end, 8);
  else
    n = g_ascii_strtoull (v, &end, 10);
  if (end == NULL || *end != '\0' || end == v)
    return FALSE;
  *out = negative ? -(gint64) n : (gint64) n;
  return TRUE;
}

/* The engine's data (aliases followed) against the suite's JSON. */
static gboolean
matches_json (const MhNode *node,
              const MhNode *json,
              guint         depth)
{
  node = mh_node_resolve (node);
  if (node == NULL || json == NULL || depth > 100)
    return FALSE;

  switch (json->kind)
    {
    case MH_NODE_MAPPING:
      if (node->kind != MH_NODE_MAPPING ||
          mh_node_get_n_items (node) != mh_node_get_n_items (json))
        return FALSE;
      /* in.json does not always keep the YAML's key order */
      for (guint i = 0; i < mh_node_get_n_items (node); i++)
        {
          const MhNode *key = mh_node_resolve (mh_node_get_key (node, i));
          guint j = 0;

          if (key == NULL || key->kind != MH_NODE_SCALAR || key->value == NULL ||
              mh_node_lookup_key (json, key->value, &j) == NULL)
            return FALSE;
          if (!matches_json (mh_node_get_item (node, i), mh_node_get_item (json, j), depth + 1))
            return FALSE;
        }
      return TRUE;

    case MH_NODE_SEQUENCE:
      if (node->kind != MH_NODE_SEQUENCE ||
          mh_node_get_n_items (node) != mh_node_get_n_items (json))
        return FALSE;
      for (guint i = 0; i < mh_node_get_n_items (json); i++)
        if (!matches_json (mh_node_get_item (node, i), mh_node_get_item (json, i), depth + 1))
          return FALSE;
      return TRUE;

    case MH_NODE_SCALAR:
    case MH_NODE_ALIAS:
    default:
      if (node->kind != MH_NODE_SCALAR)
        return FALSE;
      switch (json->type)
        {
        case MH_SCALAR_NULL:
          return node->type == MH_SCALAR_NULL;
        case MH_SCALAR_BOOL:
          return node->type == MH_SCALAR_BOOL &&
                 (g_ascii_tolower (node->value[0]) == 't') == (json->value[0] == 't');
        case MH_SCALAR_INT:
          {
            gint64 a, b;

            if (node->type == MH_SCALAR_FLOAT)
              return g_ascii_strtod (node->value, NULL) == g_ascii_strtod (json->value, NULL);
            return node->type == MH_SCALAR_INT && parse_int (node->value, &a) &&
                   parse_int (json->value, &b) && a == b;
          }
        case MH_SCALAR_FLOAT:
          return (node->type == MH_SCALAR_FLOAT || node->type == MH_SCALAR_INT) &&
                 g_ascii_strtod (node->value, NULL) == g_ascii_strtod (json->value, NULL);
        case MH_SCALAR_STRING:
        case MH_SCALAR_TIMESTAMP:
        default:
          return (node->type == MH_SCALAR_STRING || node->type == MH_SCALAR_TIMESTAMP) &&
                 g_strcmp0 (node->value, json->value) == 0;
        }
    }
}

/* The edits -------------------------------------------------------------- */

static gboolean
refused_unchanged (MhDocument   *doc,
                   const MhEdit *edit,
                   int           code)
{
  g_autoptr(GBytes) before = g_bytes_ref (mh_document_get_bytes (doc));
  g_autoptr(GError) error = NULL;
  gboolean ok = mh_document_apply (doc, edit, &error);

  g_assert_false (ok);
  g_assert_nonnull (error);
  if (code >= 0 && error != NULL)
    g_assert_error (error, MH_DOCUMENT_ERROR, code);
  g_assert_true (g_bytes_equal (before, mh_document_get_bytes (doc)));
  return !ok && g_bytes_equal (before, mh_document_get_bytes (doc));
}

static gboolean
probe_roundtrip (const SuiteCase *c,
                 Variant          v,
                 MhDocument      *doc,
                 const char      *file,
                 gsize            file_len)
{
  g_autoptr(MhEdit) set = mh_edit_new (MH_EDIT_SET, "mh_probe_key",
                                       mh_node_new_scalar ("probe", MH_SCALAR_STRING));
  g_autoptr(MhEdit) del = mh_edit_new (MH_EDIT_DELETE, "mh_probe_key", NULL);
  g_autoptr(MhNode) expected = root_or_empty (doc);
  g_autoptr(MhDocument) fresh = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len = 0;
  gboolean ok = TRUE;

  mh_node_mapping_append (expected, "mh_probe_key", mh_node_new_scalar ("probe", MH_SCALAR_STRING));

  if (!mh_document_apply (doc, set, &error))
    {
      note (v, c->id, "probe insert refused: %s", error->message);
      g_assert_no_error (error);
      return FALSE;
    }

  /* an insertion, nothing else */
  data = g_bytes_get_data (mh_document_get_bytes (doc), &len);
  if (!changed_only_within (file, file_len, data, len, 0, file_len) || len <= file_len)
    {
      ok = FALSE;
      g_assert_true (len > file_len);
    }
  {
    gsize prefix = 0;

    while (prefix < file_len && file[prefix] == data[prefix])
      prefix++;
    /* whatever follows the insertion point is the old text, unchanged */
    if (len > file_len && memcmp (file + prefix, data + prefix + (len - file_len),
                                  file_len - prefix) != 0)
      {
        g_autofree char *got = escape_bytes (data, len);

        note (v, c->id, "probe insert is not an insertion: \"%s\"", got);
        g_assert_cmpstr (got, ==, "an insertion");
        ok = FALSE;
      }
  }

  fresh = mh_document_new (mh_document_get_bytes (doc));
  if (mh_document_get_readonly_reason (fresh, NULL) != NULL)
    {
      note (v, c->id, "probe insert re-opens read-only: %s",
            mh_document_get_readonly_reason (fresh, NULL));
      g_assert_null (mh_document_get_readonly_reason (fresh, NULL));
      ok = FALSE;
    }
  else if (!same_data (mh_document_get_root (fresh), expected))
    {
      g_autofree char *want = mh_node_to_json (expected);
      g_autofree char *got = mh_node_to_json (mh_document_get_root (fresh));

      note (v, c->id, "probe insert data: %s, expected %s", got ? got : "(null)",
            want ? want : "(null)");
      g_assert_cmpstr (got, ==, want);
      ok = FALSE;
    }

  if (!mh_document_apply (doc, del, &error))
    {
      note (v, c->id, "probe delete refused: %s", error->message);
      g_assert_no_error (error);
      return FALSE;
    }
  data = g_bytes_get_data (mh_document_get_bytes (doc), &len);
  if (len != file_len || memcmp (data, file, len) != 0)
    {
      g_autofree char *got = escape_bytes (data, len);
      g_autofree char *want = escape_bytes (file, file_len);

      note (v, c->id, "probe insert + delete: \"%s\"", got);
      g_assert_cmpstr (got, ==, want);
      ok = FALSE;
    }
  return ok;
}

typedef enum
{
  KEY_SET,
  KEY_DELETE,
  KEY_APPEND,         /* a list value: append an item */
  KEY_DELETE_ITEM,    /* a list value: delete its first item */
  KEY_MOVE,           /* a list value: move its first item last */
  KEY_NESTED_SET,     /* a mapping or null value: add a key under it */
  KEY_NESTED_DELETE,  /* a mapping value: delete its first key */
  N_KEY_OPS,
} KeyOp;

static const char *const key_op_names[N_KEY_OPS] = {
  "set", "delete", "append to", "delete the first item of", "move the first item of",
  "add a key under", "delete the first key of",
};

static MhNode *
edited_scalar (void)
{
  return mh_node_new_scalar ("edited", MH_SCALAR_STRING);
}

static void
edit_key (const SuiteCase *c,
          Variant          v,
          const char      *file,
          gsize            file_len,
          guint            index,
          KeyOp            op)
{
  g_autoptr(MhDocument) doc = mh_document_new_from_data (file, file_len);
  MhNode *root = mh_document_get_root (doc);
  MhNode *key = mh_node_get_key (root, index);
  MhNode *value = mh_node_get_item (root, index);
  const char *op_name = key_op_names[op];
  g_autofree char *path = NULL;
  g_autofree char *edit_path = NULL;
  g_autoptr(MhEdit) edit = NULL;
  g_autoptr(MhNode) expected = NULL;
  g_autoptr(MhDocument) fresh = NULL;
  g_autoptr(GError) error = NULL;
  const MhNode *removed = NULL;
  MhNode *expected_value;
  const char *data;
  gsize len = 0, from, to;
  guint n;

  if (key == NULL || value == NULL)
    return;
  if (key->kind != MH_NODE_SCALAR || key->value == NULL || key->value[0] == '\0' ||
      strlen (key->value) != key->value_len)
    {
      if (op == KEY_SET)
        counts[v].keys_unaddressable++;
      return;
    }
  path = path_for_key (key->value);

  /* the path names that key */
  if (op == KEY_SET && mh_document_lookup (doc, path, NULL) == NULL)
    {
      note (v, c->id, "path “%s” does not resolve", path);
      g_assert_nonnull (mh_document_lookup (doc, path, NULL));
      return;
    }

  expected = mh_node_copy (root);
  expected_value = g_ptr_array_index (expected->children, index * 2 + 1);
  n = mh_node_get_n_items (value);
  from = line_start (file, key->start);
  to = line_end (file, file_len, MAX (MAX (key->end, value->end), value->start));

  switch (op)
    {
    case KEY_SET:
      if (value->kind != MH_NODE_SCALAR)
        {
          /* a list or mapping is not set: refused, nothing changes */
          g_autoptr(MhEdit) set = mh_edit_new (MH_EDIT_SET, path, edited_scalar ());

          if (refused_unchanged (doc, set, -1))
            counts[v].key_sets_refused++;
          return;
        }
      edit_path = g_strdup (path);
      edit = mh_edit_new (MH_EDIT_SET, path, edited_scalar ());
      mh_node_free (g_ptr_array_steal_index (expected->children, index * 2 + 1));
      expected_value = edited_scalar ();
      expected_value->parent = expected;
      g_ptr_array_insert (expected->children, index * 2 + 1, expected_value);
      break;

    case KEY_DELETE:
      edit_path = g_strdup (path);
      edit = mh_edit_new (MH_EDIT_DELETE, path, NULL);
      removed = value;
      mh_node_free (g_ptr_array_steal_index (expected->children, index * 2 + 1));
      mh_node_free (g_ptr_array_steal_index (expected->children, index * 2));
      from = own_lines_start (file, key->start);
      break;

    case KEY_APPEND:
      if (value->kind != MH_NODE_SEQUENCE)
        return;
      edit_path = g_strdup (path);
      edit = mh_edit_new (MH_EDIT_APPEND, path, edited_scalar ());
      mh_node_sequence_append (expected_value, edited_scalar ());
      break;

    case KEY_DELETE_ITEM:
      if (value->kind != MH_NODE_SEQUENCE || n == 0)
        return;
      edit_path = g_strdup_printf ("%s[0]", path);
      edit = mh_edit_new (MH_EDIT_DELETE, edit_path, NULL);
      removed = mh_node_get_item (value, 0);
      mh_node_free (g_ptr_array_steal_index (expected_value->children, 0));
      break;

    case KEY_MOVE:
      if (value->kind != MH_NODE_SEQUENCE || n < 2)
        return;
      edit_path = g_strdup (path);
      edit = mh_edit_new_move (path, 0, n - 1);
      removed = value;
      g_ptr_array_add (expected_value->children,
                       g_ptr_array_steal_index (expected_value->children, 0));
      break;

    case KEY_NESTED_SET:
      if (value->kind != MH_NODE_MAPPING && !(value->kind == MH_NODE_SCALAR && mh_node_is_null (value)))
        return;
      edit_path = g_strdup_printf ("%s.mh_new_key", path);
      edit = mh_edit_new (MH_EDIT_SET, edit_path, edited_scalar ());
      if (value->kind == MH_NODE_SCALAR)
        {
          mh_node_free (g_ptr_array_steal_index (expected->children, index * 2 + 1));
          expected_value = mh_node_new_mapping ();
          expected_value->parent = expected;
          g_ptr_array_insert (expected->children, index * 2 + 1, expected_value);
        }
      mh_node_mapping_append (expected_value, "mh_new_key", edited_scalar ());
      break;

    case KEY_NESTED_DELETE:
      {
        MhNode *first = mh_node_get_key (value, 0);

        if (value->kind != MH_NODE_MAPPING || n == 0 || first == NULL ||
            first->kind != MH_NODE_SCALAR || first->value == NULL || first->value[0] == '\0' ||
            strlen (first->value) != first->value_len)
          return;
        {
          g_autofree char *sub = path_for_key (first->value);

          edit_path = g_strdup_printf ("%s.%s", path, sub);
        }
        edit = mh_edit_new (MH_EDIT_DELETE, edit_path, NULL);
        removed = value;
        mh_node_free (g_ptr_array_steal_index (expected_value->children, 1));
        mh_node_free (g_ptr_array_steal_index (expected_value->children, 0));
        break;
      }

    case N_KEY_OPS:
    default:
      g_assert_not_reached ();
    }

  /* A read-only path, or a read-only node among what goes: refused as such */
  if (mh_document_get_path_readonly_reason (doc, edit_path, NULL) != NULL ||
      (removed != NULL && (has_readonly (removed) || (op == KEY_DELETE && has_readonly (key)))))
    {
      if (refused_unchanged (doc, edit, MH_DOCUMENT_ERROR_READ_ONLY))
        counts[v].key_edits_refused++;
      else
        note (v, c->id, "%s “%s” of a read-only part not refused as read-only", op_name, path);
      return;
    }
  /* lists and mappings behind an alias or a merge: not this test's business */
  if (has_readonly (value) && op != KEY_SET)
    return;

  if (!mh_document_apply (doc, edit, &error))
    {
      /* libyaml rejects a block whose first line is blanks with a tab (DK95/05):
       * when an edit would make such a line the first, refusing it is right */
      if (g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY) &&
          has_blank_tab_line (file, file_len) &&
          mh_document_is_modified (doc) == FALSE)
        {
          counts[v].key_edits_refused_quirk++;
          return;
        }
      /* by design, block list items that share a line (`: - one`) are not moved */
      if (op == KEY_MOVE && value->style == MH_STYLE_BLOCK &&
          (item_shares_line (file, mh_node_get_item (value, 0)) ||
           item_shares_line (file, mh_node_get_item (value, n - 1))) &&
          mh_document_is_modified (doc) == FALSE)
        {
          counts[v].key_moves_refused++;
          return;
        }
      note (v, c->id, "%s “%s” refused: %s", op_name, path, error->message);
      g_assert_no_error (error);
      return;
    }

  data = g_bytes_get_data (mh_document_get_bytes (doc), &len);
  if (!changed_only_within (file, file_len, data, len, from, to))
    {
      g_autofree char *got = escape_bytes (data, len);
      g_autofree char *want = escape_bytes (file, file_len);

      note (v, c->id, "%s “%s” changed bytes outside its lines [%zu, %zu): \"%s\" -> \"%s\"",
            op_name, path, from, to, want, got);
      g_assert_true (changed_only_within (file, file_len, data, len, from, to));
      return;
    }

  fresh = mh_document_new (mh_document_get_bytes (doc));
  if (mh_document_get_readonly_reason (fresh, NULL) != NULL)
    {
      note (v, c->id, "%s “%s” re-opens read-only: %s", op_name, path,
            mh_document_get_readonly_reason (fresh, NULL));
      g_assert_null (mh_document_get_readonly_reason (fresh, NULL));
      return;
    }
  if (!same_data (mh_document_get_root (fresh), expected))
    {
      g_autofree char *want = mh_node_to_json (expected);
      g_autofree char *got = mh_node_to_json (mh_document_get_root (fresh));

      note (v, c->id, "%s “%s” data: %s, expected %s", op_name, path,
            got ? got : "(null)", want ? want : "(null)");
      g_assert_cmpstr (got, ==, want);
      return;
    }
  counts[v].key_edits_ok++;
}

/* The engine reads the data the suite says the case holds. */
static void
check_json (const SuiteCase *c,
            Variant          v,
            MhDocument      *doc)
{
  g_autofree char *path = g_build_filename (c->dir, "in.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MhNode) json = NULL;
  MhNode *root = mh_document_get_root (doc);
  gsize len = 0;

  if (root == NULL || !g_file_get_contents (path, &contents, &len, NULL))
    return;
  json = json_parse (contents, len);
  if (json == NULL)
    return;
  if (matches_json (root, json, 0))
    counts[v].json_match++;
  else
    {
      g_autofree char *got = mh_node_to_json (root);
      g_autofree char *want = mh_node_to_json (json);

      /* where libyaml itself reads the case otherwise than the spec */
      static const char *const libyaml_differs[] = {
        "652Z",     /* `?foo: bar` read as an explicit key `foo` */
        "DK95/01",  /* a tab in a quoted scalar's continuation: an error libyaml accepts */
        NULL,
      };

      counts[v].json_mismatch++;
      note (v, c->id, "data %s differs from in.json %s", got ? got : "(null)",
            want ? want : "(null)");
      if (!g_strv_contains (libyaml_differs, c->id))
        g_assert_cmpstr (got, ==, want);
    }
}

static void
run_variant (const SuiteCase *c,
             Variant          v,
             const char      *block,
             gsize            block_len,
             gboolean         error_flag)
{
  const char *nl = v == VARIANT_CRLF ? "\r\n" : "\n";
  g_autoptr(GString) file = g_string_new (NULL);
  g_autoptr(MhDocument) doc = NULL;
  g_autoptr(MhEdit) set = mh_edit_new (MH_EDIT_SET, "mh_probe_key",
                                       mh_node_new_scalar ("probe", MH_SCALAR_STRING));
  YamlInfo info;
  const char *reason;
  gsize offset = 0;
  MhNode *root;

  if (v == VARIANT_BOM)
    g_string_append (file, "\xEF\xBB\xBF");
  g_string_append_printf (file, "---%s", nl);
  g_string_append_len (file, block, block_len);
  g_string_append_printf (file, "---%sbody%s", nl, nl);

  yaml_info (block, block_len, &info);
  counts[v].cases++;

  doc = mh_document_new_from_data (file->str, file->len);
  g_assert_true (g_bytes_get_size (mh_document_get_bytes (doc)) == file->len &&
                 memcmp (g_bytes_get_data (mh_document_get_bytes (doc), NULL), file->str,
                         file->len) == 0);
  g_assert_false (mh_document_is_modified (doc));
  reason = mh_document_get_readonly_reason (doc, &offset);

  if (!info.ok)
    {
      counts[v].rejected++;
      if (!error_flag)
        counts[v].valid_but_rejected++;
      g_assert_nonnull (reason);
      if (reason == NULL)
        {
          note (v, c->id, "libyaml rejects it, the engine opens it editable");
          return;
        }
      g_assert_cmpstr (reason, !=, "");
      if (offset != G_MAXSIZE)
        g_assert_cmpuint (offset, <=, file->len);
      refused_unchanged (doc, set, MH_DOCUMENT_ERROR_READ_ONLY);
      return;
    }

  if (error_flag)
    counts[v].error_but_accepted++;

  if (info.root == ROOT_OTHER)
    {
      counts[v].other_roots++;
      g_assert_nonnull (reason);
      if (reason == NULL)
        note (v, c->id, "root is not a mapping, yet editable");
      refused_unchanged (doc, set, -1);
      return;
    }

  if (reason != NULL)
    {
      gboolean justified = info.dup_keys || has_tab_indentation (block, block_len);

      counts[v].read_only++;
      note (v, c->id, "read-only%s: %s", justified ? "" : " (UNEXPLAINED)", reason);
      g_assert_cmpstr (reason, !=, "");
      if (!justified)
        g_test_message ("%s: read-only without duplicate keys or tabs: %s", c->id, reason);
      g_assert_true (justified);
      refused_unchanged (doc, set, MH_DOCUMENT_ERROR_READ_ONLY);
      return;
    }
  if (info.dup_keys)
    {
      note (v, c->id, "duplicate keys, yet editable");
      g_assert_false (info.dup_keys);
    }

  counts[v].accepted_mapping++;
  check_json (c, v, doc);
  if (probe_roundtrip (c, v, doc, file->str, file->len))
    counts[v].roundtrip_ok++;

  root = mh_document_get_root (doc);
  if (root != NULL)
    for (guint i = 0; i < mh_node_get_n_items (root); i++)
      {
        for (KeyOp op = 0; op < N_KEY_OPS; op++)
          edit_key (c, v, file->str, file->len, i, op);
      }
}

static void run_case_checks (const SuiteCase *c);

/* Suite cases that still fail because of an open engine bug (numbered as in
 * /tmp/engine-bugs.md): reported TODO (incomplete), and left out of the counts. */
static const char *const open_engine_bugs[][2] = {
  { NULL, NULL },
};

static void
run_case (gconstpointer data)
{
  const SuiteCase *c = data;

  for (gsize i = 0; open_engine_bugs[i][0] != NULL; i++)
    if (strcmp (open_engine_bugs[i][0], c->id) == 0)
      {
        g_test_incomplete (open_engine_bugs[i][1]);
        return;
      }
  run_case_checks (c);
}

static void
run_case_checks (const SuiteCase *c)
{
  g_autofree char *in_path = g_build_filename (c->dir, "in.yaml", NULL);
  g_autofree char *error_path = g_build_filename (c->dir, "error", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) block = NULL;
  g_autoptr(GString) crlf = NULL;
  g_autoptr(GError) error = NULL;
  gboolean error_flag = g_file_test (error_path, G_FILE_TEST_EXISTS);
  gsize len = 0;
  YamlInfo info;

  if (!g_file_get_contents (in_path, &contents, &len, &error))
    {
      g_assert_no_error (error);
      return;
    }
  if (has_document_marker (contents, len))
    {
      for (int v = 0; v < N_VARIANTS; v++)
        counts[v].skipped++;
      g_test_skip ("a document marker line of its own");
      return;
    }

  block = g_string_new_len (contents, len);
  if (len > 0 && contents[len - 1] != '\n')
    g_string_append_c (block, '\n');

  yaml_info (block->str, block->len, &info);
  if (info.ok && info.n_docs > 1)
    {
      for (int v = 0; v < N_VARIANTS; v++)
        counts[v].skipped++;
      g_test_skip ("several documents");
      return;
    }

  crlf = g_string_new (NULL);
  for (gsize i = 0; i < block->len; i++)
    {
      if (block->str[i] == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, block->str[i]);
    }

  run_variant (c, VARIANT_LF, block->str, block->len, error_flag);
  run_variant (c, VARIANT_CRLF, crlf->str, crlf->len, error_flag);
  run_variant (c, VARIANT_BOM, block->str, block->len, error_flag);
}

static void
print_counts (void)
{
  for (int v = 0; v < N_VARIANTS; v++)
    {
      const Counts *n = &counts[v];

      /* TAP comments on stdout */
      printf ("# %s: cases: %u, skipped (document markers or several documents): %u\n",
              variant_names[v], n->cases + n->skipped, n->skipped);
      printf ("# %s: accepted mapping: %u, round-trip ok: %u, read-only: %u, other roots: %u, "
              "rejected: %u\n", variant_names[v], n->accepted_mapping, n->roundtrip_ok,
              n->read_only, n->other_roots, n->rejected);
      printf ("# %s: data equal to in.json: %u, different: %u\n", variant_names[v],
              n->json_match, n->json_mismatch);
      printf ("# %s: suite-invalid but libyaml accepts: %u, suite-valid but libyaml rejects: %u\n",
              variant_names[v], n->error_but_accepted, n->valid_but_rejected);
      printf ("# %s: top-level key edits ok: %u, refused on read-only paths: %u, "
              "set refused on a list or mapping: %u, refused for libyaml's blank-tab quirk: %u, "
              "moves refused (items share a line): %u, keys no path names: %u\n",
              variant_names[v], n->key_edits_ok, n->key_edits_refused, n->key_sets_refused,
              n->key_edits_refused_quirk, n->key_moves_refused, n->keys_unaddressable);
    }
  for (int v = 0; v < N_VARIANTS; v++)
    {
      g_auto(GStrv) lines = g_strsplit (counts[v].notes->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          printf ("# %s\n", lines[i]);
    }
  fflush (stdout);
}

static void
test_counts (void)
{
  print_counts ();
  /* the suite has a few hundred such cases: zero means the loop never ran */
  g_assert_cmpuint (counts[VARIANT_LF].accepted_mapping, >, 50);
  g_assert_cmpuint (counts[VARIANT_LF].roundtrip_ok, ==, counts[VARIANT_LF].accepted_mapping);
  g_assert_cmpuint (counts[VARIANT_CRLF].roundtrip_ok, ==, counts[VARIANT_CRLF].accepted_mapping);
  g_assert_cmpuint (counts[VARIANT_BOM].roundtrip_ok, ==, counts[VARIANT_BOM].accepted_mapping);
}

static void
test_no_suite (void)
{
  g_test_skip ("MH_YAML_TEST_SUITE is not set or is not a folder");
}

static void
suite_case_free (gpointer data)
{
  SuiteCase *c = data;

  g_free (c->id);
  g_free (c->dir);
  g_free (c);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
sorted_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return names;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static void
collect_cases (const char *suite,
               GPtrArray  *cases)
{
  g_autoptr(GPtrArray) names = sorted_entries (suite);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *dir = g_build_filename (suite, name, NULL);
      g_autofree char *in = g_build_filename (dir, "in.yaml", NULL);

      if (name[0] == '.' || !g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;
      if (g_file_test (in, G_FILE_TEST_EXISTS))
        {
          SuiteCase *c = g_new0 (SuiteCase, 1);

          c->id = g_strdup (name);
          c->dir = g_steal_pointer (&dir);
          g_ptr_array_add (cases, c);
        }
      else
        {
          g_autoptr(GPtrArray) subs = sorted_entries (dir);

          for (guint j = 0; j < subs->len; j++)
            {
              const char *sub = g_ptr_array_index (subs, j);
              g_autofree char *subdir = g_build_filename (dir, sub, NULL);
              g_autofree char *subin = g_build_filename (subdir, "in.yaml", NULL);

              if (g_file_test (subin, G_FILE_TEST_EXISTS))
                {
                  SuiteCase *c = g_new0 (SuiteCase, 1);

                  c->id = g_strdup_printf ("%s/%s", name, sub);
                  c->dir = g_steal_pointer (&subdir);
                  g_ptr_array_add (cases, c);
                }
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *suite = g_getenv ("MH_YAML_TEST_SUITE");
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (suite_case_free);
  int status;

  g_test_init (&argc, &argv, NULL);
  /* one bad case must not hide the others */
  g_test_set_nonfatal_assertions ();

  for (int v = 0; v < N_VARIANTS; v++)
    counts[v].notes = g_string_new (NULL);

  if (suite == NULL || !g_file_test (suite, G_FILE_TEST_IS_DIR))
    g_test_add_func ("/roundtrip/suite", test_no_suite);
  else
    {
      collect_cases (suite, cases);
      for (guint i = 0; i < cases->len; i++)
        {
          SuiteCase *c = g_ptr_array_index (cases, i);
          g_autofree char *path = g_strconcat ("/roundtrip/", c->id, NULL);

          /* one flat suite: GTest runs a suite's cases before its sub-suites */
          g_strdelimit (path + strlen ("/roundtrip/"), "/", '-');
          g_test_add_data_func (path, c, run_case);
        }
      g_test_add_func ("/roundtrip-summary/counts", test_counts);
    }

  status = g_test_run ();

  for (int v = 0; v < N_VARIANTS; v++)
    g_string_free (counts[v].notes, TRUE);
  return status;
}
