/* mh-journal-format.c: the journal's lines: writing them, and reading whatever a file holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry a line: eight hex digits of an FNV-1a checksum of the rest of
 * the line, a tab, then tab-separated escaped fields (README: "The
 * journal"). A line is taken whole or not at all, so a torn tail, garbage
 * or a flipped bit costs that line only; per-record sequence numbers tell
 * which records a lost line belonged to.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mh-journal-private.h"

/* Caps on a decoded value, as the engine caps a document. */
#define MAX_VALUE_DEPTH MH_DOCUMENT_MAX_DEPTH
#define MAX_VALUE_NODES MH_DOCUMENT_MAX_NODES

static const char verb_names[][8] = {
  [MH_EDIT_SET] = "set",
  [MH_EDIT_DELETE] = "delete",
  [MH_EDIT_APPEND] = "append",
  [MH_EDIT_MOVE] = "move",
  [MH_EDIT_INSERT] = "insert",
};

/* Indexed by MhScalarType and MhStyle. */
static const char type_chars[] = "nbifst";
static const char style_chars[] = "apsdlfbw";

static guint32
checksum (const char *data,
          gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      hash ^= (guchar) data[i];
      hash *= 16777619u;
    }
  return hash;
}

/* Backslash escapes for what would end a field, a token or a line, and for
 * control bytes; every other byte (UTF-8 or not) is kept as it is. */
static void
escape (GString    *out,
        const char *data,
        gsize       len,
        gboolean    space_too)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) data[i];

      switch (c)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case ' ':
          if (space_too)
            g_string_append (out, "\\s");
          else
            g_string_append_c (out, ' ');
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Undoes escape(). FALSE on a bad escape or a raw control byte. */
static gboolean
unescape (const char *data,
          gsize       len,
          GString    *out)
{
  g_string_truncate (out, 0);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x20 || c == 0x7f)
        return FALSE;
      if (c != '\\')
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (++i >= len)
        return FALSE;
      switch (data[i])
        {
        case '\\': g_string_append_c (out, '\\'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 's': g_string_append_c (out, ' '); break;
        case 'x':
          if (i + 2 >= len || hex_value (data[i + 1]) < 0 || hex_value (data[i + 2]) < 0)
            return FALSE;
          g_string_append_c (out, (char) (hex_value (data[i + 1]) * 16 + hex_value (data[i + 2])));
          i += 2;
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* UTF-8 where NUL bytes may appear (a scalar may hold them). */
static gboolean
utf8_with_nuls (const char *data,
                gsize       len)
{
  while (len > 0)
    {
      const char *end;

      if (*data == '\0')
        {
          data++;
          len--;
          continue;
        }
      if (!g_utf8_validate_len (data, len, &end) && *end != '\0')
        return FALSE;
      len -= (gsize) (end - data);
      data = end;
    }
  return TRUE;
}

static gboolean
utf8_text (const GString *text)
{
  return memchr (text->str, '\0', text->len) == NULL
         && g_utf8_validate_len (text->str, text->len, NULL);
}

/* Writing */

static void
encode_value (GString      *out,
              const MhNode *node)
{
  if (node == NULL)
    {
      g_string_append_c (out, '-');
      return;
    }
  if (node->tag != NULL)
    {
      g_string_append_c (out, '!');
      escape (out, node->tag, strlen (node->tag), TRUE);
      g_string_append_c (out, ' ');
    }
  if (node->anchor != NULL && node->kind != MH_NODE_ALIAS)
    {
      g_string_append_c (out, '&');
      escape (out, node->anchor, strlen (node->anchor), TRUE);
      g_string_append_c (out, ' ');
    }

  switch (node->kind)
    {
    case MH_NODE_SCALAR:
      g_string_append_c (out, '=');
      g_string_append_c (out, type_chars[node->type]);
      g_string_append_c (out, style_chars[node->style]);
      escape (out, node->value != NULL ? node->value : "", node->value_len, TRUE);
      break;

    case MH_NODE_ALIAS:
      g_string_append_c (out, '*');
      escape (out, node->anchor != NULL ? node->anchor : "", node->anchor != NULL
              ? strlen (node->anchor) : 0, TRUE);
      break;

    case MH_NODE_SEQUENCE:
    case MH_NODE_MAPPING:
      g_string_append_c (out, node->kind == MH_NODE_SEQUENCE ? '[' : '{');
      g_string_append_c (out, style_chars[node->style]);
      for (guint i = 0; node->children != NULL && i < node->children->len; i++)
        {
          g_string_append_c (out, ' ');
          encode_value (out, g_ptr_array_index (node->children, i));
        }
      g_string_append (out, node->kind == MH_NODE_SEQUENCE ? " ]" : " }");
      break;

    default:
      g_assert_not_reached ();
    }
}

/* @raw: (nullable): fields already escaped (values: escape() with spaces). */
void
_mh_journal_add_line (GString            *out,
                      const char * const *fields,
                      const gboolean     *raw,
                      guint               n_fields)
{
  gsize start = out->len;
  char sum[9];

  g_string_append (out, "00000000");
  for (guint i = 0; i < n_fields; i++)
    {
      g_string_append_c (out, '\t');
      if (raw != NULL && raw[i])
        g_string_append (out, fields[i]);
      else
        escape (out, fields[i], strlen (fields[i]), FALSE);
    }
  g_snprintf (sum, sizeof sum, "%08x", checksum (out->str + start + 9, out->len - start - 9));
  memcpy (out->str + start, sum, 8);
  g_string_append_c (out, '\n');
}

void
_mh_journal_add_header (GString    *out,
                        const char *folder)
{
  const char *fields[] = { MH_JOURNAL_MAGIC, MH_JOURNAL_VERSION, folder };

  _mh_journal_add_line (out, fields, NULL, G_N_ELEMENTS (fields));
}

void
_mh_journal_add_forget (GString    *out,
                        const char *record)
{
  const char *fields[] = { "forget", record };

  _mh_journal_add_line (out, fields, NULL, G_N_ELEMENTS (fields));
}

void
_mh_journal_add_op (GString              *out,
                    const char           *record,
                    guint                 seq,
                    const char           *etag,
                    const char           *hash,
                    const MhEdit * const *edits,
                    guint                 n_edits)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GArray) raw = g_array_new (FALSE, TRUE, sizeof (gboolean));

  g_ptr_array_add (fields, (char *) "op");
  g_ptr_array_add (fields, (char *) record);
  g_ptr_array_add (owned, g_strdup_printf ("%u", seq));
  g_ptr_array_add (fields, owned->pdata[owned->len - 1]);
  g_ptr_array_add (fields, (char *) (etag != NULL ? etag : ""));
  g_ptr_array_add (fields, (char *) (hash != NULL ? hash : ""));
  g_ptr_array_add (owned, g_strdup_printf ("%u", n_edits));
  g_ptr_array_add (fields, owned->pdata[owned->len - 1]);

  for (guint i = 0; i < n_edits; i++)
    {
      const MhEdit *edit = edits[i];
      GString *value = g_string_new (NULL);

      g_ptr_array_add (fields, (char *) verb_names[edit->verb]);
      g_ptr_array_add (fields, edit->path);
      g_ptr_array_add (owned, g_strdup_printf ("%u", edit->index));
      g_ptr_array_add (fields, owned->pdata[owned->len - 1]);
      g_ptr_array_add (owned, g_strdup_printf ("%u", edit->to));
      g_ptr_array_add (fields, owned->pdata[owned->len - 1]);
      encode_value (value, edit->value);
      g_ptr_array_add (owned, g_string_free (value, FALSE));
      g_ptr_array_add (fields, owned->pdata[owned->len - 1]);
      g_array_set_size (raw, fields->len);
      g_array_index (raw, gboolean, fields->len - 1) = TRUE;
    }

  g_array_set_size (raw, fields->len);
  _mh_journal_add_line (out, (const char * const *) fields->pdata,
                        (const gboolean *) (gpointer) raw->data, fields->len);
}

/* Reading */

MhJournalRecord *
_mh_journal_record_new (const char *record,
                        const char *etag,
                        const char *hash)
{
  MhJournalRecord *self = g_new0 (MhJournalRecord, 1);

  self->record = g_strdup (record);
  self->etag = g_strdup (etag);
  self->hash = g_strdup (hash);
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  return self;
}

void
_mh_journal_record_free (MhJournalRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->record);
  g_free (record->etag);
  g_free (record->hash);
  g_ptr_array_unref (record->edits);
  g_free (record);
}

void
mh_journal_contents_free (MhJournalContents *contents)
{
  if (contents == NULL)
    return;
  g_ptr_array_unref (contents->records);
  g_free (contents->folder);
  g_free (contents);
}

typedef struct
{
  char   **tokens;
  guint    n_tokens;
  guint    pos;
  guint    n_nodes;
  GString *text;
} ValueReader;

static int
char_index (const char *set,
            char        c)
{
  const char *at = c != '\0' ? strchr (set, c) : NULL;

  return at != NULL ? (int) (at - set) : -1;
}

static MhNode *
read_node (ValueReader *reader,
           guint        depth)
{
  g_autofree char *tag = NULL;
  g_autofree char *anchor = NULL;
  g_autoptr(MhNode) node = NULL;
  const char *token;

  if (depth > MAX_VALUE_DEPTH || ++reader->n_nodes > MAX_VALUE_NODES)
    return NULL;

  for (;;)
    {
      if (reader->pos >= reader->n_tokens)
        return NULL;
      token = reader->tokens[reader->pos++];
      if (token[0] != '!' && token[0] != '&')
        break;
      if ((token[0] == '!' ? tag : anchor) != NULL
          || !unescape (token + 1, strlen (token + 1), reader->text)
          || reader->text->len == 0 || !utf8_text (reader->text))
        return NULL;
      if (token[0] == '!')
        tag = g_strdup (reader->text->str);
      else
        anchor = g_strdup (reader->text->str);
    }

  switch (token[0])
    {
    case '=':
      {
        int type = char_index (type_chars, token[1]);
        int style = type >= 0 ? char_index (style_chars, token[2]) : -1;

        if (style < 0 || style > MH_STYLE_FOLDED
            || !unescape (token + 3, strlen (token + 3), reader->text)
            || !utf8_with_nuls (reader->text->str, reader->text->len))
          return NULL;
        node = mh_node_new_scalar (NULL, (MhScalarType) type);
        g_free (node->value);
        node->value_len = reader->text->len;
        node->value = g_memdup2 (reader->text->str, reader->text->len + 1);
        node->style = (MhStyle) style;
        break;
      }

    case '*':
      if (tag != NULL || anchor != NULL
          || !unescape (token + 1, strlen (token + 1), reader->text)
          || reader->text->len == 0 || !utf8_text (reader->text))
        return NULL;
      node = mh_node_new_scalar (NULL, MH_SCALAR_NULL);
      node->kind = MH_NODE_ALIAS;
      node->anchor = g_strdup (reader->text->str);
      return g_steal_pointer (&node);

    case '[':
    case '{':
      {
        gboolean mapping = token[0] == '{';
        int style = char_index (style_chars, token[1]);

        if ((style != MH_STYLE_ANY && style != MH_STYLE_BLOCK && style != MH_STYLE_FLOW)
            || token[2] != '\0')
          return NULL;
        node = mapping ? mh_node_new_mapping () : mh_node_new_sequence ();
        node->style = (MhStyle) style;
        for (;;)
          {
            MhNode *child;

            if (reader->pos >= reader->n_tokens)
              return NULL;
            if (strcmp (reader->tokens[reader->pos], mapping ? "}" : "]") == 0)
              {
                reader->pos++;
                break;
              }
            child = read_node (reader, depth + 1);
            if (child == NULL)
              return NULL;
            /* A mapping's keys are scalars. */
            if (mapping && node->children->len % 2 == 0 && child->kind != MH_NODE_SCALAR)
              {
                mh_node_free (child);
                return NULL;
              }
            child->parent = node;
            g_ptr_array_add (node->children, child);
          }
        if (mapping && node->children->len % 2 != 0)
          return NULL;
        break;
      }

    default:
      return NULL;
    }

  node->tag = g_steal_pointer (&tag);
  node->anchor = g_steal_pointer (&anchor);
  return g_steal_pointer (&node);
}

/* @value_text: a decoded field. *value NULL for `-`. */
static gboolean
read_value (const char  *value_text,
            GString     *scratch,
            MhNode     **value)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(MhNode) node = NULL;
  ValueReader reader = { 0 };

  *value = NULL;
  if (strcmp (value_text, "-") == 0)
    return TRUE;
  tokens = g_strsplit (value_text, " ", -1);
  reader.tokens = tokens;
  reader.n_tokens = g_strv_length (tokens);
  reader.text = scratch;
  for (guint i = 0; i < reader.n_tokens; i++)
    if (tokens[i][0] == '\0')
      return FALSE;
  node = read_node (&reader, 0);
  if (node == NULL || reader.pos != reader.n_tokens)
    return FALSE;
  *value = g_steal_pointer (&node);
  return TRUE;
}

static gboolean
read_uint (const char *text,
           guint64     max,
           guint      *value)
{
  guint64 number;

  if (!g_ascii_isdigit (text[0])
      || !g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

static MhEdit *
read_edit (char    **fields,
           GString  *scratch)
{
  g_autoptr(MhPath) path = NULL;
  MhNode *value = NULL;
  MhEdit *edit;
  guint index, to;
  int verb = -1;

  for (guint i = 0; i < G_N_ELEMENTS (verb_names); i++)
    if (strcmp (fields[0], verb_names[i]) == 0)
      verb = (int) i;
  if (verb < 0 || !g_utf8_validate (fields[1], -1, NULL)
      || (path = mh_path_parse (fields[1], NULL)) == NULL
      || !read_uint (fields[2], G_MAXUINT, &index) || !read_uint (fields[3], G_MAXUINT, &to)
      || !read_value (fields[4], scratch, &value))
    return NULL;

  /* What each verb needs: anything else could not have been written. */
  if ((verb == MH_EDIT_SET && (value == NULL || value->kind != MH_NODE_SCALAR))
      || ((verb == MH_EDIT_APPEND || verb == MH_EDIT_INSERT) && value == NULL)
      || ((verb == MH_EDIT_DELETE || verb == MH_EDIT_MOVE) && value != NULL))
    {
      mh_node_free (value);
      return NULL;
    }

  edit = mh_edit_new ((MhEditVerb) verb, fields[1], value);
  edit->index = index;
  edit->to = to;
  return edit;
}

typedef struct
{
  MhJournalRecord *record;
  guint            order;  /* when this incarnation began */
  guint            count;  /* edits read for it so far */
  gboolean         lost;   /* a gap: later entries are dropped */
} Pending;

static void
pending_free (Pending *pending)
{
  _mh_journal_record_free (pending->record);
  g_free (pending);
}

typedef struct
{
  MhJournalContents *contents;
  GHashTable        *pending;   /* record name → Pending */
  guint              n_orders;
  gboolean           newer;     /* a header of another version: nothing reads */
} Reader;

static Pending *
pending_restart (Reader     *reader,
                 const char *record,
                 const char *etag,
                 const char *hash)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->record = _mh_journal_record_new (record, etag, hash);
  pending->order = reader->n_orders++;
  g_hash_table_replace (reader->pending, pending->record->record, pending);
  return pending;
}

/* Decodes @fields completely before anything changes: a line is taken
 * whole or not at all. */
static gboolean
read_entry (Reader   *reader,
            char    **fields,
            guint     n_fields,
            GString  *scratch)
{
  const char *kind = fields[0];

  if (strcmp (kind, MH_JOURNAL_MAGIC) == 0)
    {
      if (n_fields != 3)
        return FALSE;
      if (strcmp (fields[1], MH_JOURNAL_VERSION) != 0)
        {
          reader->newer = TRUE;
          return FALSE;
        }
      if (reader->contents->folder == NULL)
        reader->contents->folder = g_strdup (fields[2]);
      return TRUE;
    }

  if (strcmp (kind, "forget") == 0)
    {
      if (n_fields != 2 || fields[1][0] == '\0')
        return FALSE;
      g_hash_table_remove (reader->pending, fields[1]);
      return TRUE;
    }

  if (strcmp (kind, "op") == 0)
    {
      g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
      Pending *pending;
      guint seq, n_edits;

      if (n_fields < 11 || (n_fields - 6) % 5 != 0 || fields[1][0] == '\0'
          || !read_uint (fields[2], G_MAXUINT, &seq)
          || !g_utf8_validate (fields[3], -1, NULL) || !g_utf8_validate (fields[4], -1, NULL)
          || !read_uint (fields[5], G_MAXUINT, &n_edits) || n_edits != (n_fields - 6) / 5)
        return FALSE;
      for (guint i = 6; i < n_fields; i += 5)
        {
          MhEdit *edit = read_edit (fields + i, scratch);

          if (edit == NULL)
            return FALSE;
          g_ptr_array_add (edits, edit);
        }

      pending = g_hash_table_lookup (reader->pending, fields[1]);
      if (seq == 0)
        pending = pending_restart (reader, fields[1], fields[3], fields[4]);
      else if (pending == NULL || pending->lost || seq != pending->count)
        {
          /* An entry before this one is missing: what it did is unknown,
           * so nothing after it can be replayed safely. */
          if (pending == NULL)
            pending = pending_restart (reader, fields[1], fields[3], fields[4]);
          pending->lost = TRUE;
          pending->record->incomplete = TRUE;
          return TRUE;
        }
      pending->count += n_edits;
      g_ptr_array_extend_and_steal (pending->record->edits, g_steal_pointer (&edits));
      return TRUE;
    }

  return FALSE;
}

static gboolean
read_line (Reader     *reader,
           const char *line,
           gsize       len,
           GString    *scratch)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *payload = line + 9;
  const char *end = line + len;
  const char *start;
  guint64 sum;
  char digits[9];
  gboolean is_op, is_header;

  if (len < 10 || line[8] != '\t')
    return FALSE;
  memcpy (digits, line, 8);
  digits[8] = '\0';
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (digits[i]) || g_ascii_isupper (digits[i]))
      return FALSE;
  sum = g_ascii_strtoull (digits, NULL, 16);
  if (sum != checksum (payload, (gsize) (end - payload)))
    return FALSE;

  is_op = end - payload > 3 && memcmp (payload, "op\t", 3) == 0;
  for (start = payload; start <= end;)
    {
      const char *tab = memchr (start, '\t', (gsize) (end - start));
      const char *stop = tab != NULL ? tab : end;
      guint i = fields->len;

      /* An op's values are written escaped already (see encode_value()). */
      if (is_op && i >= 6 && (i - 6) % 5 == 4)
        {
          for (const char *c = start; c < stop; c++)
            if ((guchar) *c < 0x20 || *c == 0x7f)
              return FALSE;
          g_ptr_array_add (fields, g_strndup (start, (gsize) (stop - start)));
        }
      else
        {
          /* No field holds a NUL: it would cut it short. */
          if (!unescape (start, (gsize) (stop - start), scratch)
              || memchr (scratch->str, '\0', scratch->len) != NULL)
            return FALSE;
          g_ptr_array_add (fields, g_strndup (scratch->str, scratch->len));
        }
      start = stop + 1;
    }

  /* Every field but a path of the file system (a record's name, the
   * header's folder) is UTF-8. */
  is_header = strcmp (fields->pdata[0], MH_JOURNAL_MAGIC) == 0;
  for (guint i = 0; i < fields->len; i++)
    if (i != (is_header ? 2 : 1) && !g_utf8_validate (fields->pdata[i], -1, NULL))
      return FALSE;

  return read_entry (reader, (char **) fields->pdata, fields->len, scratch);
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Pending *pa = *(Pending * const *) a;
  const Pending *pb = *(Pending * const *) b;

  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

/**
 * mh_journal_parse:
 * @data: (array length=len): a journal file's bytes
 * @len: their length
 *
 * Reads every whole line that decodes; counts the others. A line without
 * its line feed at the end is torn (a kill or a power cut during the
 * write) and skipped. A record whose entries have a gap is listed with the
 * edits before the gap and marked incomplete.
 *
 * Returns: (transfer full): what the journal holds
 */
MhJournalContents *
mh_journal_parse (const char *data,
                  gsize       len)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) pending_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  Reader reader = { 0 };
  GHashTableIter iter;
  gpointer value;
  gsize pos = 0;

  reader.contents = g_new0 (MhJournalContents, 1);
  reader.contents->records = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                             _mh_journal_record_free);
  reader.pending = pending;

  if (len > MH_JOURNAL_MAX_READ)
    {
      len = MH_JOURNAL_MAX_READ;
      reader.contents->torn = TRUE;
    }

  while (data != NULL && pos < len)
    {
      const char *line = data + pos;
      const char *nl = memchr (line, '\n', len - pos);
      gsize line_len;

      if (nl == NULL)
        {
          reader.contents->torn = TRUE;
          break;
        }
      line_len = (gsize) (nl - line);
      pos += line_len + 1;
      if (line_len == 0)
        continue;
      if (reader.newer || line_len > MH_JOURNAL_MAX_LINE
          || !read_line (&reader, line, line_len, scratch))
        reader.contents->n_damaged++;
    }

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_order);
  for (guint i = 0; i < sorted->len; i++)
    {
      Pending *p = g_ptr_array_index (sorted, i);

      g_ptr_array_add (reader.contents->records, g_steal_pointer (&p->record));
    }
  g_hash_table_steal_all (pending);
  for (guint i = 0; i < sorted->len; i++)
    g_free (g_ptr_array_index (sorted, i));

  return reader.contents;
}

/**
 * mh_journal_contents_dup_damage:
 * @contents: what mh_journal_parse() read
 *
 * Returns: (transfer full) (nullable): a sentence or two saying what could
 *   not be restored, or %NULL when everything read
 */
char *
mh_journal_contents_dup_damage (const MhJournalContents *contents)
{
  GString *text = g_string_new (NULL);
  guint n_incomplete = 0;

  g_return_val_if_fail (contents != NULL, NULL);

  if (contents->n_damaged > 0)
    g_string_append_printf (text, ngettext ("%u entry of the journal could not be read.",
                                            "%u entries of the journal could not be read.",
                                            contents->n_damaged),
                            contents->n_damaged);
  if (contents->torn)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("The last entry was cut short."));
    }
  for (guint i = 0; i < contents->records->len; i++)
    if (((MhJournalRecord *) g_ptr_array_index (contents->records, i))->incomplete)
      n_incomplete++;
  if (n_incomplete > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("Some edits of %u record were lost; "
                                              "those before the loss can be restored.",
                                              "Some edits of %u records were lost; "
                                              "those before the loss can be restored.",
                                              n_incomplete),
                              n_incomplete);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}
