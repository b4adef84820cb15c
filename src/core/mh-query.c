/* mh-query.c: the query language of DESIGN §4, parsed once, matched over any record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mh-fold.h"
#include "mh-query.h"
#include "mh-schema.h"
#include "mh-validate.h"

/* Deeper than this, `((((…` or `not not …` is refused rather than recursed. */
#define MAX_DEPTH 100

typedef enum
{
  Q_ALL,       /* the empty query */
  Q_AND,
  Q_OR,
  Q_NOT,
  Q_TEXT,      /* a bare word or quoted phrase */
  Q_HAS,
  Q_PROBLEM,
  Q_READONLY,
  Q_COMPARE,
} QKind;

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_CONTAINS,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
} QOp;

typedef struct _QNode QNode;

struct _QNode
{
  QKind    kind;
  QOp      op;
  QNode   *a;
  QNode   *b;
  char    *path;      /* HAS, COMPARE */
  char   **keys;      /* the path split at its dots */
  char    *folded;    /* TEXT, COMPARE: the value, folded */
  gint64   integer;
  double   number;
  gint64   instant;   /* microseconds since the epoch, UTC */
  guint    has_integer : 1;
  guint    has_number : 1;
  guint    has_instant : 1;
  guint    quoted : 1;
};

struct _MhQuery
{
  QNode *root;
};

typedef enum
{
  T_END,
  T_LPAREN,
  T_RPAREN,
  T_AND,
  T_OR,
  T_NOT,
  T_TERM,
} TKind;

typedef struct
{
  const char *expr;
  gsize       len;
  gsize       pos;        /* where the lexer reads next */
  TKind       tok;        /* the current token */
  gsize       tok_start;
  QNode      *tok_node;   /* T_TERM, owned until taken */
  guint       depth;
  gsize       error_at;   /* byte offset of the error */
  char       *error;      /* its message */
} Parser;

G_DEFINE_QUARK (mh-query-error-quark, mh_query_error)

static void
qnode_free (QNode *node)
{
  if (node == NULL)
    return;
  qnode_free (node->a);
  qnode_free (node->b);
  g_free (node->path);
  g_strfreev (node->keys);
  g_free (node->folded);
  g_free (node);
}

static QNode *
qnode_new (QKind  kind,
           QNode *a,
           QNode *b)
{
  QNode *node = g_new0 (QNode, 1);

  node->kind = kind;
  node->a = a;
  node->b = b;
  return node;
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Parser     *p,
      gsize       at,
      const char *format,
      ...)
{
  va_list args;

  if (p->error != NULL)
    return FALSE;
  va_start (args, format);
  p->error = g_strdup_vprintf (format, args);
  va_end (args);
  p->error_at = at;
  return FALSE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
ends_word (char c)
{
  return c == '\0' || is_space (c) || c == '(' || c == ')' || c == '"';
}

static gboolean
is_op_char (char c)
{
  return c == '=' || c == '!' || c == '~' || c == '<' || c == '>';
}

/* A "quoted value" at p->pos (on its quote): `\"` and `\\` are escapes,
 * any other backslash stays. */
static char *
lex_quoted (Parser *p)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize open = p->pos;

  p->pos++;
  while (p->pos < p->len && p->expr[p->pos] != '"')
    {
      char c = p->expr[p->pos];

      if (c == '\\' && p->pos + 1 < p->len
          && (p->expr[p->pos + 1] == '"' || p->expr[p->pos + 1] == '\\'))
        {
          g_string_append_c (out, p->expr[p->pos + 1]);
          p->pos += 2;
          continue;
        }
      g_string_append_c (out, c);
      p->pos++;
    }
  if (p->pos >= p->len)
    {
      fail (p, open, _("this quote is never closed"));
      return NULL;
    }
  p->pos++;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A dotted path without indices, each step non-empty. */
static gboolean
check_key (Parser     *p,
           const char *key,
           gsize       key_len,
           gsize       at)
{
  gsize step_start = 0;

  for (gsize i = 0; i <= key_len; i++)
    {
      if (i < key_len && (key[i] == '[' || key[i] == ']'))
        return fail (p, at + i, _("a query key has no list indices: “images.width” "
                                  "matches any image"));
      if (i == key_len || key[i] == '.')
        {
          if (i == step_start)
            return fail (p, at + i, _("a key step is empty here"));
          step_start = i + 1;
        }
    }
  return TRUE;
}

static void
set_key (QNode      *node,
         const char *key,
         gsize       key_len)
{
  node->path = g_strndup (key, key_len);
  node->keys = g_strsplit (node->path, ".", -1);
}

/* `2024-01-01` is that day's midnight UTC; anything else goes through the
 * schema's date-time reading (UTC when no zone is given). */
static gboolean
parse_instant (const char *text,
               gsize       len,
               gint64     *instant)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *copy = NULL;

  if (len < 10 || !g_ascii_isdigit (text[0]))
    return FALSE;
  if (len == 10 && text[4] == '-' && text[7] == '-')
    copy = g_strconcat (text, "T00:00:00Z", NULL);
  else
    copy = g_strndup (text, len);
  date_time = mh_field_parse_datetime (copy);
  if (date_time == NULL)
    return FALSE;
  *instant = g_date_time_to_unix (date_time) * G_USEC_PER_SEC
             + g_date_time_get_microsecond (date_time);
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;

  /* Digits only: "nan" and "inf" are words, and NaN would equal anything. */
  if (!g_ascii_isdigit (*text) && *text != '-' && *text != '+' && *text != '.')
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && end != text && isfinite (*number);
}

static void
set_value (QNode      *node,
           const char *value)
{
  node->folded = mh_fold_text (value, -1);
  node->has_integer = mh_field_parse_int (value, &node->integer);
  node->has_number = node->has_integer || parse_number (value, &node->number);
  if (node->has_integer)
    node->number = (double) node->integer;
  node->has_instant = parse_instant (value, strlen (value), &node->instant);
}

static const char *
op_text (QOp op)
{
  static const char * const texts[] = { "=", "!=", "~", "<", "<=", ">", ">=" };

  return texts[op];
}

/* KEY OP VALUE, the operator at @op_at inside the word [start, end). */
static QNode *
lex_compare (Parser *p,
             gsize   start,
             gsize   op_at,
             gsize   end)
{
  const char *s = p->expr;
  g_autofree char *value = NULL;
  gsize value_at;
  QNode *node;
  QOp op;

  if (op_at == start)
    {
      fail (p, op_at, _("expected a key before “%c”"), s[op_at]);
      return NULL;
    }

  switch (s[op_at])
    {
    case '=':
      op = OP_EQ;
      break;
    case '~':
      op = OP_CONTAINS;
      break;
    case '!':
      if (op_at + 1 >= end || s[op_at + 1] != '=')
        {
          fail (p, op_at, _("expected “!=”"));
          return NULL;
        }
      op = OP_NE;
      break;
    case '<':
      op = op_at + 1 < end && s[op_at + 1] == '=' ? OP_LE : OP_LT;
      break;
    case '>':
    default:
      op = op_at + 1 < end && s[op_at + 1] == '=' ? OP_GE : OP_GT;
      break;
    }
  value_at = op_at + strlen (op_text (op));

  if (!check_key (p, s + start, op_at - start, start))
    return NULL;

  if (value_at < end)
    value = g_strndup (s + value_at, end - value_at);
  else if (value_at < p->len && s[value_at] == '"')
    {
      value = lex_quoted (p);
      if (value == NULL)
        return NULL;
    }
  else
    {
      fail (p, value_at, _("expected a value after “%s”"), op_text (op));
      return NULL;
    }

  node = qnode_new (Q_COMPARE, NULL, NULL);
  node->op = op;
  set_key (node, s + start, op_at - start);
  set_value (node, value);
  if (op >= OP_LT && !node->has_number && !node->has_instant)
    {
      qnode_free (node);
      fail (p, value_at, _("expected a number or a date after “%s”, not “%s”"),
            op_text (op), value);
      return NULL;
    }
  return node;
}

static QNode *
lex_text (const char *text,
          gsize       len,
          gboolean    quoted)
{
  QNode *node = qnode_new (Q_TEXT, NULL, NULL);

  node->folded = mh_fold_text (text, (gssize) len);
  node->quoted = !!quoted;
  return node;
}

/* A word: a keyword, has:KEY, is:NAME, KEY OP VALUE, or free text. */
static gboolean
lex_word (Parser *p)
{
  const char *s = p->expr;
  gsize start = p->pos;
  gsize end = start;
  gsize len;

  while (!ends_word (s[end]))
    end++;
  p->pos = end;
  len = end - start;

  if ((len == 3 && (strncmp (s + start, "and", 3) == 0 || strncmp (s + start, "AND", 3) == 0)))
    return p->tok = T_AND, TRUE;
  if ((len == 2 && (strncmp (s + start, "or", 2) == 0 || strncmp (s + start, "OR", 2) == 0)))
    return p->tok = T_OR, TRUE;
  if ((len == 3 && (strncmp (s + start, "not", 3) == 0 || strncmp (s + start, "NOT", 3) == 0)))
    return p->tok = T_NOT, TRUE;

  p->tok = T_TERM;
  if (len >= 4 && strncmp (s + start, "has:", 4) == 0)
    {
      if (len == 4)
        return fail (p, start + 4, _("expected a key after “has:”"));
      if (!check_key (p, s + start + 4, len - 4, start + 4))
        return FALSE;
      p->tok_node = qnode_new (Q_HAS, NULL, NULL);
      set_key (p->tok_node, s + start + 4, len - 4);
      return TRUE;
    }
  if (len >= 3 && strncmp (s + start, "is:", 3) == 0)
    {
      const char *name = s + start + 3;
      gsize name_len = len - 3;

      if (name_len == 7 && strncmp (name, "problem", 7) == 0)
        p->tok_node = qnode_new (Q_PROBLEM, NULL, NULL);
      else if (name_len == 9 && strncmp (name, "read-only", 9) == 0)
        p->tok_node = qnode_new (Q_READONLY, NULL, NULL);
      else
        return fail (p, start + 3, _("expected “is:problem” or “is:read-only”"));
      return TRUE;
    }

  for (gsize i = start; i < end; i++)
    if (is_op_char (s[i]))
      {
        p->tok_node = lex_compare (p, start, i, end);
        return p->tok_node != NULL;
      }

  p->tok_node = lex_text (s + start, len, FALSE);
  return TRUE;
}

/* Reads the next token into p->tok. */
static gboolean
lex_next (Parser *p)
{
  const char *s = p->expr;

  g_clear_pointer (&p->tok_node, qnode_free);
  while (p->pos < p->len && is_space (s[p->pos]))
    p->pos++;
  p->tok_start = p->pos;

  if (p->pos >= p->len)
    return p->tok = T_END, TRUE;
  if (s[p->pos] == '(')
    return p->pos++, p->tok = T_LPAREN, TRUE;
  if (s[p->pos] == ')')
    return p->pos++, p->tok = T_RPAREN, TRUE;
  if (s[p->pos] == '"')
    {
      g_autofree char *text = lex_quoted (p);

      if (text == NULL)
        return FALSE;
      p->tok = T_TERM;
      p->tok_node = lex_text (text, strlen (text), TRUE);
      return TRUE;
    }
  return lex_word (p);
}

static const char *
token_text (TKind kind)
{
  switch (kind)
    {
    case T_AND:
      return "and";
    case T_OR:
      return "or";
    case T_NOT:
      return "not";
    case T_RPAREN:
      return ")";
    case T_LPAREN:
      return "(";
    case T_END:
    case T_TERM:
    default:
      return "";
    }
}

static QNode *parse_or (Parser *p);

/* A term, `not` term, or ( expr ). @after names the word before, for the
 * message when there is no term. */
static QNode *
parse_unary (Parser     *p,
             const char *after)
{
  QNode *node = NULL;

  if (++p->depth > MAX_DEPTH)
    {
      fail (p, p->tok_start, _("the query is nested too deeply"));
      return NULL;
    }

  switch (p->tok)
    {
    case T_TERM:
      node = g_steal_pointer (&p->tok_node);
      if (!lex_next (p))
        g_clear_pointer (&node, qnode_free);
      break;

    case T_NOT:
      {
        QNode *operand;

        if (!lex_next (p))
          break;
        operand = parse_unary (p, "not");
        if (operand != NULL)
          node = qnode_new (Q_NOT, operand, NULL);
        break;
      }

    case T_LPAREN:
      {
        gsize open = p->tok_start;
        QNode *inner;

        if (!lex_next (p))
          break;
        inner = parse_or (p);
        if (inner == NULL)
          break;
        if (p->tok != T_RPAREN)
          {
            qnode_free (inner);
            fail (p, open, _("this “(” is never closed"));
            break;
          }
        if (!lex_next (p))
          {
            qnode_free (inner);
            break;
          }
        node = inner;
        break;
      }

    case T_END:
      if (after != NULL)
        fail (p, p->tok_start, _("expected a term after “%s”"), after);
      else
        fail (p, p->tok_start, _("expected a term"));
      break;

    case T_RPAREN:
    case T_AND:
    case T_OR:
    default:
      if (after != NULL)
        fail (p, p->tok_start, _("expected a term after “%s”, not “%s”"), after,
              token_text (p->tok));
      else
        fail (p, p->tok_start, _("unexpected “%s”"), token_text (p->tok));
      break;
    }

  p->depth--;
  return node;
}

/* Terms side by side, or joined by `and`. */
static QNode *
parse_and (Parser *p)
{
  QNode *left = parse_unary (p, NULL);

  while (left != NULL)
    {
      const char *after = NULL;
      QNode *right;

      if (p->tok == T_AND)
        {
          after = "and";
          if (!lex_next (p))
            break;
        }
      else if (p->tok != T_TERM && p->tok != T_NOT && p->tok != T_LPAREN)
        return left;

      right = parse_unary (p, after);
      if (right == NULL)
        break;
      left = qnode_new (Q_AND, left, right);
    }

  qnode_free (left);
  return NULL;
}

static QNode *
parse_or (Parser *p)
{
  QNode *left = parse_and (p);

  while (left != NULL && p->tok == T_OR)
    {
      QNode *right;

      if (!lex_next (p))
        break;
      if (p->tok != T_TERM && p->tok != T_NOT && p->tok != T_LPAREN)
        {
          parse_unary (p, "or");
          break;
        }
      right = parse_and (p);
      if (right == NULL)
        break;
      left = qnode_new (Q_OR, left, right);
    }

  if (p->error != NULL)
    g_clear_pointer (&left, qnode_free);
  return left;
}

/**
 * mh_query_parse_full:
 * @expr: a query
 * @column: (out) (optional): on error, the 1-based column in characters
 * @error: MH_QUERY_ERROR_SYNTAX with a message that does not hold the column
 *
 * Returns: (transfer full) (nullable): the query
 */
MhQuery *
mh_query_parse_full (const char  *expr,
                     guint       *column,
                     GError     **error)
{
  Parser p = { 0 };
  const char *bad = NULL;
  QNode *root = NULL;
  MhQuery *query;

  g_return_val_if_fail (expr != NULL, NULL);

  /* Number reading uses GLib's C locale, created on first use: do it here,
   * before any worker threads match. */
  g_ascii_strtod ("0", NULL);

  p.expr = expr;
  p.len = strlen (expr);

  if (!g_utf8_validate (expr, (gssize) p.len, &bad))
    fail (&p, (gsize) (bad - expr), _("the query is not valid UTF-8"));
  else if (lex_next (&p))
    {
      if (p.tok == T_END)
        root = qnode_new (Q_ALL, NULL, NULL);
      else
        {
          root = parse_or (&p);
          if (root != NULL && p.tok != T_END)
            {
              fail (&p, p.tok_start, _("unexpected “%s”"), token_text (p.tok));
              g_clear_pointer (&root, qnode_free);
            }
        }
    }
  g_clear_pointer (&p.tok_node, qnode_free);

  if (p.error != NULL)
    {
      qnode_free (root);
      if (column != NULL)
        *column = (guint) g_utf8_strlen (expr, (gssize) p.error_at) + 1;
      g_set_error_literal (error, MH_QUERY_ERROR, MH_QUERY_ERROR_SYNTAX, p.error);
      g_free (p.error);
      return NULL;
    }

  query = g_new0 (MhQuery, 1);
  query->root = root;
  return query;
}

/**
 * mh_query_parse:
 *
 * Returns: (transfer full) (nullable): the query, or %NULL with an error
 *   whose message starts with the column ("column 7: …")
 */
MhQuery *
mh_query_parse (const char  *expr,
                GError     **error)
{
  g_autoptr(GError) local = NULL;
  guint column = 0;
  MhQuery *query = mh_query_parse_full (expr, &column, &local);

  if (query == NULL)
    g_set_error (error, MH_QUERY_ERROR, MH_QUERY_ERROR_SYNTAX, _("column %u: %s"), column,
                 local->message);
  return query;
}

void
mh_query_free (MhQuery *query)
{
  if (query == NULL)
    return;
  qnode_free (query->root);
  g_free (query);
}

typedef struct
{
  const QNode *node;
  gboolean     present;   /* a non-null value was reached */
  gboolean     matched;
} Walk;

static gboolean
value_is_number (const MhQueryValue *value,
                 double             *number,
                 gint64             *integer,
                 gboolean           *is_integer)
{
  g_autofree char *copy = NULL;

  if (value->type != MH_SCALAR_INT && value->type != MH_SCALAR_FLOAT)
    return FALSE;
  copy = g_strndup (value->text, value->len);
  *is_integer = value->type == MH_SCALAR_INT && mh_field_parse_int (copy, integer);
  if (*is_integer)
    {
      *number = (double) *integer;
      return TRUE;
    }
  return parse_number (copy, number);
}

/* -1, 0, 1, or 2 when the value cannot be compared with the node's. */
static int
compare_ordered (const QNode        *node,
                 const MhQueryValue *value)
{
  double number;
  gint64 integer;
  gboolean is_integer;
  gint64 instant;

  if (node->has_number && value_is_number (value, &number, &integer, &is_integer))
    {
      if (is_integer && node->has_integer)
        return integer < node->integer ? -1 : integer > node->integer;
      return number < node->number ? -1 : number > node->number;
    }
  if (node->has_instant && value->type != MH_SCALAR_NULL
      && parse_instant (value->text, value->len, &instant))
    return instant < node->instant ? -1 : instant > node->instant;
  return 2;
}

static gboolean
value_equals (const QNode        *node,
              const MhQueryValue *value)
{
  g_autofree char *folded = NULL;

  if (node->has_number && (value->type == MH_SCALAR_INT || value->type == MH_SCALAR_FLOAT))
    return compare_ordered (node, value) == 0;
  folded = mh_fold_text (value->text, (gssize) value->len);
  return strcmp (folded, node->folded) == 0;
}

static gboolean
walk_value_cb (const MhQueryValue *value,
               gpointer            user_data)
{
  Walk *walk = user_data;
  const QNode *node = walk->node;
  int order;

  if (value->type == MH_SCALAR_NULL && !value->is_mapping)
    return FALSE;
  walk->present = TRUE;
  if (node->kind == Q_HAS)
    return walk->matched = TRUE;
  if (value->is_mapping || value->text == NULL)
    return FALSE;

  switch (node->op)
    {
    case OP_EQ:
      walk->matched = value_equals (node, value);
      break;
    case OP_NE:
      /* Matches when no value equals: one equal value decides. */
      if (value_equals (node, value))
        {
          walk->matched = TRUE;
          return TRUE;
        }
      return FALSE;
    case OP_CONTAINS:
      {
        g_autofree char *folded = mh_fold_text (value->text, (gssize) value->len);

        walk->matched = strstr (folded, node->folded) != NULL;
        break;
      }
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    default:
      order = compare_ordered (node, value);
      if (order == 2)
        return FALSE;
      walk->matched = (node->op == OP_LT && order < 0) || (node->op == OP_LE && order <= 0)
                      || (node->op == OP_GT && order > 0) || (node->op == OP_GE && order >= 0);
      break;
    }
  return walk->matched;
}

static gboolean
match_node (const QNode         *node,
            const MhQueryRecord *record)
{
  switch (node->kind)
    {
    case Q_ALL:
      return TRUE;
    case Q_AND:
      return match_node (node->a, record) && match_node (node->b, record);
    case Q_OR:
      return match_node (node->a, record) || match_node (node->b, record);
    case Q_NOT:
      return !match_node (node->a, record);
    case Q_TEXT:
      {
        const char *text = record->klass->get_text (record->user_data);

        return text != NULL && strstr (text, node->folded) != NULL;
      }
    case Q_PROBLEM:
      return record->klass->is_problem (record->user_data);
    case Q_READONLY:
      return record->klass->is_readonly (record->user_data);
    case Q_HAS:
    case Q_COMPARE:
    default:
      {
        Walk walk = { node, FALSE, FALSE };

        record->klass->foreach_value (record->user_data, (const char * const *) node->keys,
                                      node->path, walk_value_cb, &walk);
        if (node->kind == Q_COMPARE && node->op == OP_NE)
          return walk.present && !walk.matched;
        return walk.matched;
      }
    }
}

gboolean
mh_query_match (MhQuery             *query,
                const MhQueryRecord *record)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record->klass != NULL, FALSE);

  return match_node (query->root, record);
}

static gboolean
node_is_plain (const QNode *node)
{
  switch (node->kind)
    {
    case Q_ALL:
      return TRUE;
    case Q_TEXT:
      return !node->quoted;
    case Q_AND:
      return node_is_plain (node->a) && node_is_plain (node->b);
    case Q_OR:
    case Q_NOT:
    case Q_HAS:
    case Q_PROBLEM:
    case Q_READONLY:
    case Q_COMPARE:
    default:
      return FALSE;
    }
}

gboolean
mh_query_is_plain_text (MhQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return node_is_plain (query->root);
}

static gboolean
node_needs_problems (const QNode *node)
{
  if (node == NULL)
    return FALSE;
  return node->kind == Q_PROBLEM || node_needs_problems (node->a)
         || node_needs_problems (node->b);
}

gboolean
mh_query_needs_problems (MhQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return node_needs_problems (query->root);
}

/* The document adapter. */

/* Walks @node along @keys from step @i; TRUE when @func stopped the walk. */
static gboolean
walk_node (const MhNode        *node,
           const char * const  *keys,
           guint                i,
           MhQueryValueFunc     func,
           gpointer             func_data)
{
  node = mh_node_resolve (node);
  if (node == NULL)
    return FALSE;

  if (node->kind == MH_NODE_SEQUENCE)
    {
      for (guint n = 0; n < mh_node_get_n_items (node); n++)
        if (walk_node (mh_node_get_item (node, n), keys, i, func, func_data))
          return TRUE;
      return FALSE;
    }

  if (keys[i] == NULL)
    {
      MhQueryValue value = { 0 };

      if (node->kind == MH_NODE_MAPPING)
        {
          if (mh_node_get_n_items (node) == 0)
            return FALSE;
          value.is_mapping = TRUE;
          value.type = MH_SCALAR_STRING;
        }
      else
        {
          value.text = node->value != NULL ? node->value : "";
          value.len = node->value != NULL ? node->value_len : 0;
          value.type = mh_node_is_null (node) ? MH_SCALAR_NULL : node->type;
        }
      return func (&value, func_data);
    }

  if (node->kind != MH_NODE_MAPPING)
    return FALSE;
  return walk_node (mh_node_lookup_key (node, keys[i], NULL), keys, i + 1, func, func_data);
}

static void
document_foreach_value (gpointer             user_data,
                        const char * const  *keys,
                        const char          *path,
                        MhQueryValueFunc     func,
                        gpointer             func_data)
{
  MhQueryDocumentRecord *self = user_data;
  MhNode *root = mh_document_get_root (self->document);

  (void) path;
  if (root != NULL && keys[0] != NULL)
    walk_node (root, keys, 0, func, func_data);
}

static void
text_add (GString      *text,
          const MhNode *node)
{
  node = mh_node_resolve (node);
  if (node == NULL || node->kind != MH_NODE_SCALAR || mh_node_is_null (node))
    return;
  mh_fold_append (text, node->value, node->value_len);
  g_string_append_c (text, '\n');
}

char *
mh_query_document_dup_text (MhDocument *document)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const MhNode *root;
  const MhNode *provider;
  const MhNode *topics;

  g_return_val_if_fail (document != NULL, NULL);

  root = mh_document_get_root (document);
  if (root == NULL)
    return g_strdup ("");
  text_add (text, mh_node_lookup_key (root, "title", NULL));
  text_add (text, mh_node_lookup_key (root, "excerpt", NULL));
  provider = mh_node_resolve (mh_node_lookup_key (root, "provider", NULL));
  if (provider != NULL && provider->kind == MH_NODE_MAPPING)
    text_add (text, mh_node_lookup_key (provider, "name", NULL));
  topics = mh_node_resolve (mh_node_lookup_key (root, "topics", NULL));
  if (topics != NULL && topics->kind == MH_NODE_SEQUENCE)
    for (guint i = 0; i < mh_node_get_n_items (topics); i++)
      text_add (text, mh_node_get_item (topics, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
document_get_text (gpointer user_data)
{
  MhQueryDocumentRecord *self = user_data;

  if (self->text == NULL)
    self->text = mh_query_document_dup_text (self->document);
  return self->text;
}

static gboolean
document_is_problem (gpointer user_data)
{
  MhQueryDocumentRecord *self = user_data;

  if (self->is_problem < 0)
    {
      g_autoptr(GPtrArray) problems = mh_validate_document (self->document);

      self->is_problem = problems->len > 0;
    }
  return self->is_problem;
}

static gboolean
document_is_readonly (gpointer user_data)
{
  MhQueryDocumentRecord *self = user_data;

  return mh_document_get_readonly_reason (self->document, NULL) != NULL;
}

static const MhQueryRecordClass document_record_class = {
  document_foreach_value,
  document_get_text,
  document_is_problem,
  document_is_readonly,
};

void
mh_query_document_record_init (MhQueryDocumentRecord *self,
                               MhDocument            *document)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (document != NULL);

  self->record.klass = &document_record_class;
  self->record.user_data = self;
  self->document = document;
  self->text = NULL;
  self->is_problem = -1;
}

void
mh_query_document_record_set_problem (MhQueryDocumentRecord *self,
                                      gboolean               is_problem)
{
  g_return_if_fail (self != NULL);

  self->is_problem = !!is_problem;
}

void
mh_query_document_record_clear (MhQueryDocumentRecord *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->text, g_free);
  self->document = NULL;
}
