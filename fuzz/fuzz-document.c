/* fuzz-document.c: libFuzzer target over split, parse, edit and verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the input as a record, checks the promises that hold for any input
 * (the bytes are kept as they are; a read-only file refuses edits; a refused
 * edit changes nothing; inserting a key and deleting it gives back the exact
 * bytes), then applies a few edits chosen from the input's own hash. A broken
 * promise is an abort(), which libFuzzer and the replay test both report.
 *
 * MH_FUZZ_TOLERATE_VERIFY=1 lets the probe insert be refused by the verifier
 * (a safe refusal, yet a bug): set it to look past a known one for others.
 * MH_FUZZ_TOLERATE_MOVE=1 skips the check that a move and its inverse give
 * the bytes back.
 * MH_FUZZ_VERBOSE=1 prints each edit before it is applied.
 * MH_FUZZ_SKIP=TEXT ignores inputs holding TEXT (to look past a known crash).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mh-document.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define PROBE_KEY "mh_probe_key"

static void
fail (const char *what)
{
  fprintf (stderr, "fuzz-document: %s\n", what);
  abort ();
}

static gboolean
doc_has_bytes (MhDocument *doc,
               const void *data,
               gsize       len)
{
  GBytes *bytes = mh_document_get_bytes (doc);
  gsize n = 0;
  const void *d = g_bytes_get_data (bytes, &n);

  return n == len && (len == 0 || memcmp (d, data, len) == 0);
}

static gboolean
has_merge (const MhNode *node)
{
  if (node == NULL || node->children == NULL)
    return FALSE;
  for (guint i = 0; i < node->children->len; i++)
    {
      const MhNode *child = g_ptr_array_index (node->children, i);

      if (node->kind == MH_NODE_MAPPING && i % 2 == 0 && child->kind == MH_NODE_SCALAR &&
          g_strcmp0 (child->value, "<<") == 0)
        return TRUE;
      if (has_merge (child))
        return TRUE;
    }
  return FALSE;
}

/* Applies @edit; a refusal must leave the bytes as they were, a success must
 * re-open editable. Returns whether it applied. */
static gboolean
apply_checked (MhDocument   *doc,
               const MhEdit *edit)
{
  g_autoptr(GBytes) before = g_bytes_ref (mh_document_get_bytes (doc));
  g_autoptr(GError) error = NULL;
  g_autoptr(MhDocument) fresh = NULL;
  MhNode *root, *fresh_root;

  if (g_getenv ("MH_FUZZ_VERBOSE") != NULL)
    fprintf (stderr, "edit: verb %d, path “%s”, value “%s”, move %u -> %u\n", edit->verb,
             edit->path, edit->value && edit->value->value ? edit->value->value : "",
             edit->index, edit->to);
  if (!mh_document_apply (doc, edit, &error))
    {
      if (error == NULL || error->domain != MH_DOCUMENT_ERROR)
        fail ("a refused edit without an MhDocumentError");
      if (error->message == NULL || error->message[0] == '\0')
        fail ("a refusal without a message");
      if (!g_bytes_equal (before, mh_document_get_bytes (doc)))
        fail ("a refused edit changed the bytes");
      return FALSE;
    }

  /* the edit did what it says */
  if (edit->verb == MH_EDIT_SET)
    {
      MhNode *node = mh_document_lookup (doc, edit->path, NULL);

      if (node == NULL || node->kind != MH_NODE_SCALAR ||
          node->value_len != edit->value->value_len ||
          memcmp (node->value, edit->value->value, node->value_len) != 0)
        fail ("a set does not read back its value");
    }
  else if (edit->verb == MH_EDIT_DELETE && !g_str_has_suffix (edit->path, "]"))
    {
      /* a `<<` merge may still provide a key of the same name */
      if (mh_document_lookup (doc, edit->path, NULL) != NULL &&
          !has_merge (mh_document_get_root (doc)))
        fail ("a deleted key is still there");
    }
  else if (edit->verb == MH_EDIT_APPEND || edit->verb == MH_EDIT_INSERT)
    {
      MhNode *node = mh_document_lookup (doc, edit->path, NULL);
      g_autofree char *want = mh_node_to_json (edit->value);
      g_autofree char *got = NULL;

      if (node != NULL && edit->verb == MH_EDIT_APPEND)
        node = node->kind == MH_NODE_SEQUENCE && mh_node_get_n_items (node) > 0
               ? mh_node_get_item (node, mh_node_get_n_items (node) - 1) : NULL;
      got = mh_node_to_json (node);
      if (node == NULL || g_strcmp0 (got, want) != 0)
        fail ("an append or insert does not read back its value");
    }

  fresh = mh_document_new (mh_document_get_bytes (doc));
  if (mh_document_get_readonly_reason (fresh, NULL) != NULL)
    {
      fprintf (stderr, "reason: %s\n", mh_document_get_readonly_reason (fresh, NULL));
      fail ("an applied edit re-opens read-only");
    }
  root = mh_document_get_root (doc);
  fresh_root = mh_document_get_root (fresh);
  if (!mh_node_equal (root, fresh_root) &&
      !(root == NULL && mh_node_get_n_items (fresh_root) == 0) &&
      !(fresh_root == NULL && mh_node_get_n_items (root) == 0))
    fail ("the document's tree differs from a fresh parse of its bytes");
  return TRUE;
}

static void
probe_roundtrip (MhDocument *doc,
                 const void *data,
                 gsize       len)
{
  g_autoptr(MhEdit) set = NULL;
  g_autoptr(MhEdit) del = NULL;
  g_autoptr(GError) error = NULL;
  MhNode *root = mh_document_get_root (doc);

  if (mh_document_get_split (doc)->kind != MH_SPLIT_CLOSED)
    return;
  if (root != NULL && mh_node_lookup_key (root, PROBE_KEY, NULL) != NULL)
    return;

  set = mh_edit_new (MH_EDIT_SET, PROBE_KEY, mh_node_new_scalar ("probe", MH_SCALAR_STRING));
  if (!mh_document_apply (doc, set, &error))
    {
      /* a mapping with a `<<` merge takes no new keys: the path says so too */
      if (g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY) &&
          mh_document_get_path_readonly_reason (doc, PROBE_KEY, NULL) != NULL)
        {
          if (!doc_has_bytes (doc, data, len))
            fail ("a refused insert changed the bytes");
          return;
        }
      if (g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_VERIFY) &&
          g_getenv ("MH_FUZZ_TOLERATE_VERIFY") != NULL)
        {
          if (!doc_has_bytes (doc, data, len))
            fail ("a refused insert changed the bytes");
          return;
        }
      fprintf (stderr, "error: %s\n", error->message);
      fail ("inserting a key into an editable mapping was refused");
    }
  del = mh_edit_new (MH_EDIT_DELETE, PROBE_KEY, NULL);
  if (!mh_document_apply (doc, del, &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      fail ("deleting the inserted key was refused");
    }
  if (!doc_has_bytes (doc, data, len))
    fail ("inserting a key and deleting it did not give back the bytes");
  if (mh_document_is_modified (doc))
    fail ("the original bytes count as modified");
}

/* xorshift over the input's FNV-1a hash: the same input, the same edits */
static guint64
next_random (guint64 *state)
{
  guint64 x = *state;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;
  return x;
}

static const char *const values[] = {
  "x", "", "yes", "no", "on", "123", "1.5", "~", "null", "2024-01-01", "a: b", "a #b", "-",
  "- a", "*a", "&a", "!t", "%p", "@a", "'", "\"", "trailing ", " leading", "tab\there",
  "line\nline", "line\n", "Café €", "x\xE2\x80\xA8y", "[a]", "{a: b}", "? k", "|", ">",
  "--- x", "...", "#", "\\", "\r\n",
};

static char *
pick_path (MhDocument *doc,
           guint64    *state)
{
  MhNode *root = mh_document_get_root (doc);
  guint n = mh_node_get_n_items (root);
  MhNode *key;
  MhNode *value;
  GString *path;

  if (n == 0 || next_random (state) % 5 == 0)
    return g_strdup ((next_random (state) & 1) ? "fz" : "fz.a.b");

  key = mh_node_get_key (root, next_random (state) % n);
  value = mh_node_get_item (root, 0);
  for (guint i = 0; i < n; i++)
    if (mh_node_get_key (root, i) == key)
      value = mh_node_get_item (root, i);
  if (key == NULL || key->kind != MH_NODE_SCALAR || key->value == NULL ||
      strlen (key->value) != key->value_len || key->value[0] == '\0')
    return g_strdup ("fz");

  path = g_string_new (NULL);
  for (const char *c = key->value; *c != '\0'; c++)
    {
      if (*c == '.' || *c == '[' || *c == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *c);
    }

  /* sometimes one step further in */
  if (value != NULL && next_random (state) % 2 == 0)
    {
      guint m = mh_node_get_n_items (value);

      if (value->kind == MH_NODE_SEQUENCE && m > 0)
        g_string_append_printf (path, "[%u]", (guint) (next_random (state) % (m + 1)));
      else if (value->kind == MH_NODE_MAPPING && m > 0)
        {
          MhNode *k = mh_node_get_key (value, next_random (state) % m);

          if (k != NULL && k->kind == MH_NODE_SCALAR && k->value != NULL &&
              strlen (k->value) == k->value_len && k->value[0] != '\0' &&
              strpbrk (k->value, ".[\\") == NULL)
            g_string_append_printf (path, ".%s", k->value);
        }
    }

  return g_string_free (path, FALSE);
}

typedef struct
{
  char         *path;
  const MhNode *node;
  gsize         line_from;  /* the value's lines: a set may change nothing else */
  gsize         line_to;
} Leaf;

static void
leaf_clear (gpointer data)
{
  g_free (((Leaf *) data)->path);
}

static void
escape_key (GString    *path,
            const char *key)
{
  for (const char *c = key; *c != '\0'; c++)
    {
      if (*c == '.' || *c == '[' || *c == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *c);
    }
}

/* Says whether to go on below @node; adds what it collects. */
typedef gboolean (*VisitFunc) (const MhNode *node,
                               GString      *path,
                               gpointer      data);

/* Walks every node reachable through plain keys and indices, with its path. */
static void
walk_paths (const MhNode *node,
            GString      *path,
            guint         depth,
            VisitFunc     visit,
            gpointer      data)
{
  if (node == NULL || depth > 16 || !visit (node, path, data))
    return;
  for (guint i = 0; i < mh_node_get_n_items (node); i++)
    {
      gsize len = path->len;

      if (node->kind == MH_NODE_SEQUENCE)
        g_string_append_printf (path, "[%u]", i);
      else if (node->kind == MH_NODE_MAPPING)
        {
          const MhNode *key = mh_node_get_key (node, i);

          if (key == NULL || key->kind != MH_NODE_SCALAR || key->value == NULL ||
              key->value[0] == '\0' || strlen (key->value) != key->value_len)
            continue;
          if (len > 0)
            g_string_append_c (path, '.');
          escape_key (path, key->value);
        }
      else
        break;
      walk_paths (mh_node_get_item (node, i), path, depth + 1, visit, data);
      g_string_truncate (path, len);
    }
}

/* Every scalar, with its path. */
static gboolean
visit_leaf (const MhNode *node,
            GString      *path,
            gpointer      data)
{
  GArray *leaves = data;

  if (leaves->len > 200)
    return FALSE;
  if (node->kind == MH_NODE_SCALAR && path->len > 0)
    {
      Leaf leaf = { g_strdup (path->str), node, node->start, node->end };

      g_array_append_val (leaves, leaf);
      return FALSE;
    }
  return TRUE;
}

/* Every list that is not read-only, with its path. */
static gboolean
visit_list (const MhNode *node,
            GString      *path,
            gpointer      data)
{
  GPtrArray *paths = data;

  if (paths->len > 50)
    return FALSE;
  if (node->kind == MH_NODE_SEQUENCE && path->len > 0 && !node->readonly)
    g_ptr_array_add (paths, g_strdup (path->str));
  return TRUE;
}

/* Appending an item and deleting it, or moving an item and moving it back,
 * gives back the bytes. */
static void
list_round_trips (MhDocument *doc,
                  guint64    *state)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GBytes) before = g_bytes_ref (mh_document_get_bytes (doc));
  const char *list_path;
  MhNode *list;
  guint n;

  walk_paths (mh_document_get_root (doc), path, 0, visit_list, paths);
  if (paths->len == 0)
    return;
  list_path = g_ptr_array_index (paths, next_random (state) % paths->len);
  list = mh_document_lookup (doc, list_path, NULL);
  if (list == NULL || list->kind != MH_NODE_SEQUENCE ||
      mh_document_get_path_readonly_reason (doc, list_path, NULL) != NULL)
    return;
  n = mh_node_get_n_items (list);

  {
    g_autoptr(MhEdit) append = mh_edit_new (MH_EDIT_APPEND, list_path,
                                            mh_node_new_scalar ("probe", MH_SCALAR_STRING));
    g_autofree char *item = g_strdup_printf ("%s[%u]", list_path, n);
    g_autoptr(MhEdit) del = mh_edit_new (MH_EDIT_DELETE, item, NULL);

    if (apply_checked (doc, append))
      {
        if (!apply_checked (doc, del))
          fail ("an appended item could not be deleted");
        if (!g_bytes_equal (before, mh_document_get_bytes (doc)))
          fail ("appending an item and deleting it did not give back the bytes");
      }
  }

  if (n >= 2 && g_getenv ("MH_FUZZ_TOLERATE_MOVE") == NULL)
    {
      guint from = next_random (state) % n;
      guint to = next_random (state) % n;
      g_autoptr(MhEdit) there = mh_edit_new_move (list_path, from, to);
      g_autoptr(MhEdit) back = mh_edit_new_move (list_path, to, from);

      if (apply_checked (doc, there))
        {
          if (!apply_checked (doc, back))
            fail ("a moved item could not be moved back");
          if (!g_bytes_equal (before, mh_document_get_bytes (doc)))
            fail ("moving an item and moving it back did not give back the bytes");
        }
    }
}

/* Promise 2: setting a scalar changes nothing outside the lines its old value spans. */
static void
set_one_leaf (MhDocument *doc,
              guint64    *state)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, TRUE, sizeof (Leaf));
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GBytes) before = g_bytes_ref (mh_document_get_bytes (doc));
  g_autoptr(MhEdit) edit = NULL;
  const char *old;
  const char *now;
  gsize old_len = 0, now_len = 0, from, to, tail;
  Leaf *leaf;

  g_array_set_clear_func (leaves, leaf_clear);
  walk_paths (mh_document_get_root (doc), path, 0, visit_leaf, leaves);
  if (leaves->len == 0)
    return;
  leaf = &g_array_index (leaves, Leaf, next_random (state) % leaves->len);
  if (leaf->node->readonly || mh_document_get_path_readonly_reason (doc, leaf->path, NULL) != NULL)
    return;

  old = g_bytes_get_data (before, &old_len);
  from = leaf->line_from;
  while (from > 0 && old[from - 1] != '\n' && old[from - 1] != '\r')
    from--;
  to = leaf->line_to;
  while (to < old_len && old[to] != '\n')
    to++;
  if (to < old_len)
    to++;

  edit = mh_edit_new (MH_EDIT_SET, leaf->path,
                      mh_node_new_scalar (values[next_random (state) % G_N_ELEMENTS (values)],
                                          MH_SCALAR_STRING));
  if (!apply_checked (doc, edit))
    return;
  now = g_bytes_get_data (mh_document_get_bytes (doc), &now_len);
  tail = old_len - to;
  if (now_len < from + tail || memcmp (old, now, from) != 0 ||
      memcmp (old + to, now + now_len - tail, tail) != 0)
    {
      fprintf (stderr, "path: %s\n", leaf->path);
      fail ("a set changed bytes outside its value's lines");
    }
}

static MhEdit *
pick_edit (MhDocument *doc,
           guint64    *state)
{
  g_autofree char *path = pick_path (doc, state);
  const char *value = values[next_random (state) % G_N_ELEMENTS (values)];
  MhNode *tree;

  switch (next_random (state) % 6)
    {
    case 0:
    case 1:
      return mh_edit_new (MH_EDIT_SET, path, mh_node_new_scalar (value, MH_SCALAR_STRING));
    case 2:
      return mh_edit_new (MH_EDIT_DELETE, path, NULL);
    case 3:
      return mh_edit_new (MH_EDIT_APPEND, path, mh_node_new_scalar (value, MH_SCALAR_STRING));
    case 4:
      return mh_edit_new_move (path, next_random (state) % 3, next_random (state) % 3);
    default:
      tree = mh_node_new_mapping ();
      mh_node_mapping_append (tree, "name", mh_node_new_scalar (value, MH_SCALAR_STRING));
      mh_node_mapping_append (tree, "n", mh_node_new_scalar ("4", MH_SCALAR_INT));
      if (next_random (state) & 1)
        return mh_edit_new (MH_EDIT_APPEND, path, tree);
      return mh_edit_new (MH_EDIT_INSERT, path, tree);
    }
}

static gboolean
holds (const uint8_t *data,
       size_t         size,
       const char    *text)
{
  size_t n = text != NULL ? strlen (text) : 0;

  if (n == 0)
    return FALSE;
  for (size_t i = 0; i + n <= size; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MhDocument) doc = NULL;
  guint64 state = 14695981039346656037ULL;
  const char *reason;
  gsize offset = 0;
  guint line = 0, column = 0;
  guint n_edits;

  if (holds (data, size, g_getenv ("MH_FUZZ_SKIP")))
    return 0;

  for (size_t i = 0; i < size; i++)
    state = (state ^ data[i]) * 1099511628211ULL;
  if (state == 0)
    state = 1;

  doc = mh_document_new_from_data ((const char *) data, size);
  if (!doc_has_bytes (doc, data, size))
    fail ("opening changed the bytes");
  if (mh_document_is_modified (doc))
    fail ("a fresh document counts as modified");

  /* reading never crashes, whatever the file */
  reason = mh_document_get_readonly_reason (doc, &offset);
  if (reason != NULL && reason[0] == '\0')
    fail ("an empty read-only reason");
  if (offset != G_MAXSIZE && reason != NULL)
    {
      if (offset > size)
        fail ("a read-only offset past the end");
      mh_document_get_position (doc, offset, &line, &column);
      if (line == 0 || column == 0)
        fail ("a position that is not 1-based");
    }
  mh_document_get_position (doc, size ? (gsize) (state % size) : 0, &line, &column);
  {
    g_autofree char *json = mh_node_to_json (mh_document_get_root (doc));
    gsize body_len = 0;

    if (json != NULL && json[0] == '\0')
      fail ("empty JSON for the root");
    (void) mh_document_get_body (doc, &body_len);
    if (body_len > size)
      fail ("a body longer than the file");
  }
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = pick_path (doc, &state);

      (void) mh_document_lookup (doc, path, NULL);
      (void) mh_document_get_path_readonly_reason (doc, path, NULL);
    }

  if (reason != NULL)
    {
      g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_SET, "title",
                                            mh_node_new_scalar ("x", MH_SCALAR_STRING));
      g_autoptr(GError) error = NULL;

      if (mh_document_apply (doc, edit, &error))
        fail ("a read-only document took an edit");
      if (!doc_has_bytes (doc, data, size))
        fail ("a refused edit changed a read-only document");
      return 0;
    }

  probe_roundtrip (doc, data, size);

  list_round_trips (doc, &state);
  set_one_leaf (doc, &state);

  n_edits = 1 + next_random (&state) % 4;
  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(MhEdit) edit = pick_edit (doc, &state);

      apply_checked (doc, edit);
      if (mh_document_get_readonly_reason (doc, NULL) != NULL)
        fail ("an edit made the document read-only");
    }

  return 0;
}
