/* mh-parse.c: libyaml events into a tree of nodes with byte spans, and the
 *             checks that make a whole file read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mh-document-private.h"

/* libyaml's marks count code points from the start of its input (the
 * block). Most text is ASCII, so only the multi-byte characters are listed,
 * each with how many bytes more than code points precede it, and a cursor
 * walks that list: marks mostly increase. */
typedef struct
{
  gsize cp;      /* code point index of a multi-byte character */
  gsize extra;   /* bytes minus code points before it */
} Wide;

typedef struct
{
  const char *data;     /* the whole file */
  gsize       start;    /* block start in data */
  gsize       end;      /* block end in data */
  GArray     *wide;     /* Wide, in order */
  guint       cursor;
} Marks;

static void
marks_init (Marks      *marks,
            const char *data,
            gsize       start,
            gsize       end)
{
  gsize extra = 0;
  gsize cp = 0;

  marks->data = data;
  marks->start = start;
  marks->end = end;
  marks->cursor = 0;
  marks->wide = NULL;

  for (gsize i = start; i < end; i++, cp++)
    {
      guchar c;
      guint n;
      Wide w;

      /* Eight ASCII bytes at a time. */
      while (i + 8 <= end)
        {
          guint64 word;

          memcpy (&word, data + i, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          i += 8;
          cp += 8;
        }
      if (i >= end)
        break;
      c = data[i];
      if (c < 0x80)
        continue;

      n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
      if (marks->wide == NULL)
        marks->wide = g_array_new (FALSE, FALSE, sizeof (Wide));
      w.cp = cp;
      w.extra = extra;
      g_array_append_val (marks->wide, w);
      /* Invalid UTF-8 stops libyaml anyway; only stay in bounds here. */
      n = MIN (n, end - i - 1);
      extra += n;
      i += n;
    }
  if (marks->wide != NULL)
    {
      Wide sentinel = { G_MAXSIZE, extra };

      g_array_append_val (marks->wide, sentinel);
    }
}

static gsize
marks_to_offset (Marks  *marks,
                 size_t  index)
{
  const Wide *w;
  gsize extra;

  if (marks->wide == NULL)
    return MIN (marks->start + index, marks->end);

  w = (const Wide *) marks->wide->data;
  while (w[marks->cursor].cp < index)
    marks->cursor++;
  while (marks->cursor > 0 && w[marks->cursor - 1].cp >= index)
    marks->cursor--;

  /* Entry `cursor` is the first at or past @index: its count covers
   * every multi-byte character before @index. */
  extra = w[marks->cursor].extra;
  return MIN (marks->start + index + extra, marks->end);
}

static void
marks_clear (Marks *marks)
{
  g_clear_pointer (&marks->wide, g_array_unref);
}

static gboolean
is_break (char c)
{
  return c == '\n' || c == '\r';
}

/* A block scalar's end mark sits at the next token, past its trailing
 * breaks. Clip and strip: end after the last line that is not blank.
 * Keep: the trailing blank lines are content, so end before the last break. */
static gsize
block_scalar_end (const char *data,
                  gsize       start,
                  gsize       mark_end,
                  gboolean    keep)
{
  gsize p = mark_end;
  gsize indent = G_MAXSIZE;

  /* The content's indentation: an explicit indicator's, else the first
   * line's that is not blank. Only a bound here, to tell blank lines. */
  {
    gsize q = start;

    while (q < mark_end && !is_break (data[q]))
      q++;
    while (q < mark_end)
      {
        gsize line, i;

        while (q < mark_end && is_break (data[q]))
          q++;
        line = q;
        for (i = line; i < mark_end && data[i] == ' '; i++)
          ;
        if (i < mark_end && !is_break (data[i]))
          {
            indent = i - line;
            break;
          }
        q = i;
      }
  }

  if (keep)
    {
      while (p > start && (data[p - 1] == ' ' || data[p - 1] == '\t'))
        p--;
      if (p > start && data[p - 1] == '\n')
        p--;
      if (p > start && data[p - 1] == '\r')
        p--;
      return MAX (p, start);
    }

  for (;;)
    {
      gsize line = p;

      while (line > start && !is_break (data[line - 1]))
        line--;
      /* A line of no more spaces than the indentation is blank; one with
       * more, or with a tab, holds content. */
      for (gsize i = line; i < p; i++)
        if (data[i] != ' ' || i - line >= indent)
          return p;
      if (line <= start)
        return start;
      p = line - 1;
      if (p > start && data[p] == '\n' && data[p - 1] == '\r')
        p--;
    }
}

#define ARENA_BLOCK 64

MhNode *
_mh_arena_alloc (MhArena *arena)
{
  MhNode *node;

  if (arena->left == 0)
    {
      arena->next = g_new0 (MhNode, ARENA_BLOCK);
      arena->blocks = g_slist_prepend (arena->blocks, arena->next);
      arena->left = ARENA_BLOCK;
    }
  arena->left--;
  node = arena->next++;
  node->in_arena = TRUE;
  return node;
}

void
_mh_arena_clear (MhArena *arena)
{
  g_slist_free_full (g_steal_pointer (&arena->blocks), g_free);
  arena->next = NULL;
  arena->left = 0;
}

/* The next NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9) at or after @p, or
 * NULL. Two vectorised memchr() runs, each picked up where it stopped: most
 * records hold other E2 characters (’, “, –). */
static const char *
next_unicode_break (const char *p,
                    const char *end)
{
  const char *c2 = p < end ? memchr (p, 0xC2, end - p) : NULL;
  const char *e2 = p < end ? memchr (p, 0xE2, end - p) : NULL;

  while (c2 != NULL || e2 != NULL)
    {
      if (c2 != NULL && (e2 == NULL || c2 < e2))
        {
          if (c2 + 1 < end && (guchar) c2[1] == 0x85)
            return c2;
          c2 = c2 + 1 < end ? memchr (c2 + 1, 0xC2, end - c2 - 1) : NULL;
        }
      else
        {
          if (e2 + 2 < end && (guchar) e2[1] == 0x80 &&
              ((guchar) e2[2] == 0xA8 || (guchar) e2[2] == 0xA9))
            return e2;
          e2 = e2 + 1 < end ? memchr (e2 + 1, 0xE2, end - e2 - 1) : NULL;
        }
    }
  return NULL;
}

static MhScalarType
scalar_type (const yaml_event_t *event)
{
  const char *tag = (const char *) event->data.scalar.tag;

  if (tag != NULL)
    {
      if (g_str_equal (tag, YAML_NULL_TAG))
        return MH_SCALAR_NULL;
      if (g_str_equal (tag, YAML_BOOL_TAG))
        return MH_SCALAR_BOOL;
      if (g_str_equal (tag, YAML_INT_TAG))
        return MH_SCALAR_INT;
      if (g_str_equal (tag, YAML_FLOAT_TAG))
        return MH_SCALAR_FLOAT;
      return MH_SCALAR_STRING;
    }
  if (event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
    return mh_resolve_plain_scalar ((const char *) event->data.scalar.value,
                                    event->data.scalar.length);
  return MH_SCALAR_STRING;
}

static MhStyle
scalar_style (yaml_scalar_style_t style)
{
  switch (style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return MH_STYLE_SINGLE_QUOTED;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return MH_STYLE_DOUBLE_QUOTED;
    case YAML_LITERAL_SCALAR_STYLE: return MH_STYLE_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE: return MH_STYLE_FOLDED;
    case YAML_PLAIN_SCALAR_STYLE:
    case YAML_ANY_SCALAR_STYLE:
    default:
      return MH_STYLE_PLAIN;
    }
}

typedef struct
{
  Marks       marks;
  GPtrArray  *stack;        /* open collections */
  GHashTable *anchors;      /* name -> node (borrowed), the latest wins */
  GArray     *multiline;    /* spans of scalars that cross a line: gsize pairs */
  MhNode     *root;
  guint       n_nodes;
  gboolean    special;      /* an alias or a `<<` key was seen */
  GArray     *quoted;       /* spans of quoted and block scalars, when the block has NEL/LS/PS */
} Builder;

static void
set_result_error (MhParseResult *result,
                  char          *message,
                  gsize          offset)
{
  g_free (result->error);
  result->error = message;
  result->error_offset = offset;
}

static void
builder_add (Builder *builder,
             MhNode  *node)
{
  MhNode *parent = builder->stack->len > 0
    ? g_ptr_array_index (builder->stack, builder->stack->len - 1)
    : NULL;

  builder->n_nodes++;
  if (parent == NULL)
    {
      if (builder->root == NULL)
        builder->root = node;
      else
        mh_node_free (node);
      return;
    }

  /* An empty value's mark may sit at the next token, lines below (`? a`
   * alone, or `"k":` at the end of a flow mapping): put it right after the
   * key's `:`, or at the key's end when there is none. */
  if (parent->kind == MH_NODE_MAPPING && parent->children->len % 2 == 1 &&
      node->kind == MH_NODE_SCALAR && node->value_len == 0 && node->start == node->end &&
      node->style == MH_STYLE_PLAIN && node->tag == NULL && node->anchor == NULL &&
      (node->start == 0 || builder->marks.data[node->start - 1] != ':'))
    {
      MhNode *key = g_ptr_array_index (parent->children, parent->children->len - 1);
      const char *data = builder->marks.data;
      gsize p = key->end;

      while (p < node->start && (data[p] == ' ' || data[p] == '\t'))
        p++;
      if (p < node->start && data[p] == ':')
        {
          /* In a flow mapping, past the blank after `:` too, so that `, c: x`
           * goes after it and `b: , c: x` reads back. */
          p++;
          if (parent->style == MH_STYLE_FLOW && p < node->start && (data[p] == ' ' || data[p] == '\t'))
            p++;
          node->start = node->end = p;
        }
      else
        node->start = node->end = key->end;
    }

  node->parent = parent;
  g_ptr_array_add (parent->children, node);
}

static void
builder_anchor (Builder            *builder,
                MhNode             *node,
                const yaml_char_t  *anchor)
{
  if (anchor == NULL)
    return;
  node->anchor = g_strdup ((const char *) anchor);
  if (builder->anchors == NULL)
    builder->anchors = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (builder->anchors, node->anchor, node);
}

static void
mark_readonly (MhNode *node)
{
  node->readonly = TRUE;
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      mark_readonly (g_ptr_array_index (node->children, i));
}

/* Aliases, the anchored nodes they refer to, and mappings with `<<` merges
 * are read-only, with everything under them. */
static void
mark_readonly_paths (MhNode *node)
{
  if (node->kind == MH_NODE_ALIAS)
    {
      node->readonly = TRUE;
      if (node->target != NULL)
        mark_readonly (node->target);
      return;
    }
  /* A mapping cut short by a YAML error may end with a key alone. */
  if (node->kind == MH_NODE_MAPPING)
    for (guint i = 0; i + 1 < node->children->len; i += 2)
      {
        MhNode *key = g_ptr_array_index (node->children, i);

        /* Only the merge itself: the mapping's own keys override it, so
         * editing or adding them is what the reader of `get` expects. */
        if (key->kind == MH_NODE_SCALAR && key->type == MH_SCALAR_STRING &&
            key->style == MH_STYLE_PLAIN && g_str_equal (key->value, "<<"))
          {
            key->readonly = TRUE;
            mark_readonly (g_ptr_array_index (node->children, i + 1));
          }
      }
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      mark_readonly_paths (g_ptr_array_index (node->children, i));
}

/* Keys are the same data whatever their anchors, tags or quotes. */
static gboolean
same_key (const MhNode *a,
          const MhNode *b)
{
  MhScalarType ta = a->type == MH_SCALAR_TIMESTAMP ? MH_SCALAR_STRING : a->type;
  MhScalarType tb = b->type == MH_SCALAR_TIMESTAMP ? MH_SCALAR_STRING : b->type;

  return a->kind == MH_NODE_SCALAR && b->kind == MH_NODE_SCALAR && ta == tb &&
         a->value_len == b->value_len && memcmp (a->value, b->value, a->value_len) == 0;
}

static gboolean
find_duplicate_key (const MhNode  *node,
                    const MhNode **duplicate)
{
  if (node->children == NULL)
    return FALSE;

  if (node->kind == MH_NODE_MAPPING)
    {
      guint n = node->children->len / 2;

      if (n > 1 && n <= 16)
        {
          guint64 seen = 0;

          for (guint i = 0; i < n; i++)
            {
              const MhNode *a = g_ptr_array_index (node->children, i * 2);
              guint bit;

              /* A cheap fingerprint first: only a clash is compared in full. */
              if (a->kind != MH_NODE_SCALAR)
                continue;
              bit = (a->value_len * 7 + (a->value_len ? (guchar) a->value[0] +
                                         (guchar) a->value[a->value_len - 1] : 0)) & 63;
              if ((seen & (G_GUINT64_CONSTANT (1) << bit)) == 0)
                {
                  seen |= G_GUINT64_CONSTANT (1) << bit;
                  continue;
                }

              for (guint j = 0; j < i; j++)
                {
                  const MhNode *b = g_ptr_array_index (node->children, j * 2);

                  if (same_key (a, b))
                    {
                      *duplicate = a;
                      return TRUE;
                    }
                }
            }
        }
      else if (n > 16)
        {
          g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint i = 0; i < n; i++)
            {
              const MhNode *a = g_ptr_array_index (node->children, i * 2);

              if (a->kind != MH_NODE_SCALAR || memchr (a->value, 0, a->value_len))
                continue;
              if (g_hash_table_contains (seen, a->value))
                {
                  for (guint j = 0; j < i; j++)
                    {
                      const MhNode *b = g_ptr_array_index (node->children, j * 2);

                      if (same_key (a, b))
                        {
                          *duplicate = a;
                          return TRUE;
                        }
                    }
                }
              g_hash_table_add (seen, a->value);
            }
        }
    }

  for (guint i = 0; i < node->children->len; i++)
    if (find_duplicate_key (g_ptr_array_index (node->children, i), duplicate))
      return TRUE;
  return FALSE;
}

static gboolean
in_multiline_scalar (GArray *spans,
                     gsize   offset,
                     guint  *cursor)
{
  if (spans == NULL)
    return FALSE;
  while (*cursor < spans->len && g_array_index (spans, gsize, *cursor + 1) < offset)
    *cursor += 2;
  return *cursor < spans->len &&
         g_array_index (spans, gsize, *cursor) < offset &&
         offset <= g_array_index (spans, gsize, *cursor + 1);
}

/* A tab before the first character of a line that is not blank, not a
 * comment and not inside a multi-line scalar. */
static gboolean
find_tab_indentation (const char *data,
                      gsize       start,
                      gsize       end,
                      GArray     *multiline,
                      gsize      *offset)
{
  guint cursor = 0;
  gsize line = start;

  while (line < end)
    {
      const char *nl = memchr (data + line, '\n', end - line);
      gsize next = nl ? (gsize) (nl - data) + 1 : end;
      gboolean tab = FALSE;
      gsize p = line;

      while (p < next && (data[p] == ' ' || data[p] == '\t'))
        tab |= data[p++] == '\t';

      if (tab && p < next && data[p] != '#' && !is_break (data[p]) &&
          !in_multiline_scalar (multiline, line, &cursor))
        {
          *offset = line;
          return TRUE;
        }
      line = next;
    }
  return FALSE;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const gsize *x = a, *y = b;

  return (x[0] > y[0]) - (x[0] < y[0]);
}

void
_mh_parse_block (const char    *data,
                 gsize          len,
                 const MhSplit *split,
                 MhParseResult *result)
{
  yaml_parser_t parser;
  Builder builder = { 0 };
  gsize block_len = split->block_end - split->block_start;
  guint n_documents = 0;
  gboolean done = FALSE;
  const MhNode *duplicate = NULL;
  gsize tab_offset;

  memset (result, 0, sizeof *result);
  result->error_offset = G_MAXSIZE;

  /* libyaml breaks lines at a lone CR and skips a BOM at any line's start;
   * the edit code's lines end at LF: such blocks are not edited. */
  for (const char *cr = memchr (data + split->block_start, '\r', block_len); cr != NULL;
       cr = memchr (cr + 1, '\r', data + split->block_end - cr - 1))
    if (cr + 1 >= data + split->block_end || cr[1] != '\n')
      {
        set_result_error (result, g_strdup (_("A line ends with a lone carriage return (CR)")),
                          cr - data);
        return;
      }
  for (const char *ef = memchr (data + split->block_start, 0xEF, block_len); ef != NULL;
       ef = memchr (ef + 1, 0xEF, data + split->block_end - ef - 1))
    if (ef + 2 < data + split->block_end && (guchar) ef[1] == 0xBB && (guchar) ef[2] == 0xBF)
      {
        set_result_error (result, g_strdup (_("A byte order mark (BOM) is inside the front matter")),
                          ef - data);
        return;
      }

  if (block_len > MH_DOCUMENT_MAX_BLOCK_SIZE)
    {
      set_result_error (result,
                        g_strdup_printf (_("The front matter is larger than %u MiB"),
                                         MH_DOCUMENT_MAX_BLOCK_SIZE / (1024 * 1024)),
                        G_MAXSIZE);
      return;
    }

  marks_init (&builder.marks, data, split->block_start, split->block_end);
  builder.stack = g_ptr_array_sized_new (16);

  /* libyaml breaks lines at NEL, LS and PS, YAML 1.2 readers do not: where
   * one stands outside a quoted or block scalar, the file is not edited. */
  if (builder.marks.wide != NULL &&
      next_unicode_break (data + split->block_start, data + split->block_end) != NULL)
    builder.quoted = g_array_new (FALSE, FALSE, sizeof (gsize));

  yaml_parser_initialize (&parser);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
  yaml_parser_set_input_string (&parser,
                                (const unsigned char *) data + split->block_start,
                                block_len);

  while (!done && result->error == NULL)
    {
      yaml_event_t event;
      MhNode *node = NULL;

      if (!yaml_parser_parse (&parser, &event))
        {
          gsize offset;

          if (parser.error == YAML_READER_ERROR)
            offset = split->block_start + MIN (parser.problem_offset, block_len);
          else
            offset = marks_to_offset (&builder.marks, parser.problem_mark.index);

          set_result_error (result,
                            parser.context != NULL
                              ? g_strdup_printf (_("YAML error: %s %s"),
                                                 parser.problem ? parser.problem : "",
                                                 parser.context)
                              : g_strdup_printf (_("YAML error: %s"),
                                                 parser.problem ? parser.problem : _("cannot parse")),
                            offset);
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_DOCUMENT_START_EVENT:
          if (++n_documents > 1)
            set_result_error (result, g_strdup (_("The front matter holds more than one YAML document")),
                              marks_to_offset (&builder.marks, event.start_mark.index));
          break;

        case YAML_SCALAR_EVENT:
          node = _mh_arena_alloc (&result->arena);
          node->kind = MH_NODE_SCALAR;
          /* libyaml allocates with malloc(), as g_malloc() does: take its strings. */
          node->type = scalar_type (&event);
          node->style = scalar_style (event.data.scalar.style);
          node->value = (char *) g_steal_pointer (&event.data.scalar.value);
          node->value_len = event.data.scalar.length;
          node->tag = (char *) g_steal_pointer (&event.data.scalar.tag);
          node->start = marks_to_offset (&builder.marks, event.start_mark.index);
          node->end = marks_to_offset (&builder.marks, event.end_mark.index);
          if (node->style == MH_STYLE_LITERAL || node->style == MH_STYLE_FOLDED)
            {
              gboolean keep = FALSE;

              /* The chomping indicator follows `|` or `>` on the header line. */
              for (gsize p = node->start; p < node->end && !is_break (data[p]) && data[p] != '#'; p++)
                if (data[p] == '+')
                  keep = TRUE;
              node->end = block_scalar_end (data, node->start, node->end, keep);
            }
          if (builder.quoted != NULL && node->style != MH_STYLE_PLAIN)
            {
              g_array_append_val (builder.quoted, node->start);
              g_array_append_val (builder.quoted, node->end);
            }
          if (memchr (data + node->start, '\n', node->end - node->start) != NULL)
            {
              if (builder.multiline == NULL)
                builder.multiline = g_array_new (FALSE, FALSE, sizeof (gsize));
              g_array_append_val (builder.multiline, node->start);
              g_array_append_val (builder.multiline, node->end);
            }
          if (node->value_len == 2 && node->value[0] == '<' && node->value[1] == '<')
            builder.special = TRUE;
          builder_anchor (&builder, node, event.data.scalar.anchor);
          builder_add (&builder, node);
          break;

        case YAML_ALIAS_EVENT:
          node = _mh_arena_alloc (&result->arena);
          node->kind = MH_NODE_ALIAS;
          node->type = MH_SCALAR_NULL;
          node->value = g_strdup ("");
          node->anchor = g_strdup ((const char *) event.data.alias.anchor);
          node->target = builder.anchors != NULL
            ? g_hash_table_lookup (builder.anchors, node->anchor) : NULL;
          if (node->target == NULL)
            set_result_error (result,
                              g_strdup_printf (_("The alias “*%s” refers to no anchor"), node->anchor),
                              marks_to_offset (&builder.marks, event.start_mark.index));
          node->start = marks_to_offset (&builder.marks, event.start_mark.index);
          node->end = marks_to_offset (&builder.marks, event.end_mark.index);
          builder.special = TRUE;
          builder_add (&builder, node);
          break;

        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          if (builder.stack->len >= MH_DOCUMENT_MAX_DEPTH)
            {
              set_result_error (result,
                                g_strdup_printf (_("The front matter nests deeper than %d levels"),
                                                 MH_DOCUMENT_MAX_DEPTH),
                                marks_to_offset (&builder.marks, event.start_mark.index));
              break;
            }
          if (event.type == YAML_SEQUENCE_START_EVENT)
            {
              node = _mh_arena_alloc (&result->arena);
              node->kind = MH_NODE_SEQUENCE;
              node->children = g_ptr_array_new_full (16, (GDestroyNotify) mh_node_free);
              node->style = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                ? MH_STYLE_FLOW : MH_STYLE_BLOCK;
              node->tag = g_strdup ((const char *) event.data.sequence_start.tag);
              builder_anchor (&builder, node, event.data.sequence_start.anchor);
            }
          else
            {
              node = _mh_arena_alloc (&result->arena);
              node->kind = MH_NODE_MAPPING;
              node->children = g_ptr_array_new_full (16, (GDestroyNotify) mh_node_free);
              node->style = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                ? MH_STYLE_FLOW : MH_STYLE_BLOCK;
              node->tag = g_strdup ((const char *) event.data.mapping_start.tag);
              builder_anchor (&builder, node, event.data.mapping_start.anchor);
            }
          node->start = marks_to_offset (&builder.marks, event.start_mark.index);
          builder_add (&builder, node);
          g_ptr_array_add (builder.stack, node);
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          node = g_ptr_array_steal_index (builder.stack, builder.stack->len - 1);
          if (node->style == MH_STYLE_FLOW)
            node->end = marks_to_offset (&builder.marks, event.end_mark.index);
          else if (node->children->len > 0)
            node->end = ((MhNode *) g_ptr_array_index (node->children,
                                                       node->children->len - 1))->end;
          else
            node->end = node->start;
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);

      if (result->error == NULL && builder.n_nodes > MH_DOCUMENT_MAX_NODES)
        set_result_error (result,
                          g_strdup_printf (_("The front matter has more than %d nodes"),
                                           MH_DOCUMENT_MAX_NODES),
                          G_MAXSIZE);
    }

  yaml_parser_delete (&parser);
  marks_clear (&builder.marks);

  if (result->error == NULL && builder.root != NULL)
    {
      if (builder.root->kind != MH_NODE_MAPPING &&
          !(builder.root->kind == MH_NODE_SCALAR && builder.root->type == MH_SCALAR_NULL &&
            builder.root->start == builder.root->end))
        set_result_error (result, g_strdup (_("The front matter is not a mapping of keys to values")),
                          builder.root->start);
      else if (find_duplicate_key (builder.root, &duplicate))
        set_result_error (result, g_strdup_printf (_("Duplicate key “%s”"), duplicate->value),
                          duplicate->start);
    }

  if (result->error == NULL && builder.quoted != NULL)
    {
      const char *end = data + split->block_end;

      for (const char *p = next_unicode_break (data + split->block_start, end); p != NULL;
           p = next_unicode_break (p + 1, end))
        {
          gsize at = p - data;
          gboolean inside = FALSE;

          for (guint i = 0; i < builder.quoted->len && !inside; i += 2)
            inside = g_array_index (builder.quoted, gsize, i) < at &&
                     at < g_array_index (builder.quoted, gsize, i + 1);
          if (!inside)
            {
              set_result_error (result, g_strdup (_("A line or paragraph separator (U+2028, U+2029 or "
                                                    "NEL) stands outside a quoted value")), at);
              break;
            }
        }
    }

  if (result->error == NULL)
    {
      if (builder.multiline != NULL)
        g_array_sort (builder.multiline, compare_spans);
      if (find_tab_indentation (data, split->block_start, split->block_end,
                                builder.multiline, &tab_offset))
        set_result_error (result, g_strdup (_("A tab is used for indentation")), tab_offset);
    }

  if (builder.root != NULL && builder.root->kind == MH_NODE_SCALAR &&
      builder.root->type == MH_SCALAR_NULL && builder.root->start == builder.root->end)
    g_clear_pointer (&builder.root, mh_node_free);

  if (builder.root != NULL && builder.special)
    mark_readonly_paths (builder.root);

  result->root = builder.root;
  g_ptr_array_unref (builder.stack);
  g_clear_pointer (&builder.anchors, g_hash_table_unref);
  g_clear_pointer (&builder.multiline, g_array_unref);
  g_clear_pointer (&builder.quoted, g_array_unref);
}
