/* main.c: masthead-cli, edit and check records from scripts and CI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "mh-cli.h"
#include "mh-document.h"
#include "mh-file.h"
#include "mh-path.h"
#include "mh-schema.h"
#include "mh-validate.h"

/* One invocation of a verb on one file. */
typedef struct
{
  const char     *filename;
  const char     *key;
  const char     *value;
  MhFileContents *contents;
  MhDocument     *document;
  MhPath         *path;
  char           *path_text;   /* normalised, for building item paths */
} Session;

typedef int (*RunFunc)  (Session   *session);
/* Fills @edits with what the verb does, or reports why not and returns
 * non-zero. An empty @edits with 0 is a no-op. */
typedef int (*PlanFunc) (Session   *session,
                         GPtrArray *edits);

typedef struct
{
  const char *name;
  guint       n_args;   /* after the verb: FILE KEY [VALUE] */
  RunFunc     run;      /* read-only verbs */
  PlanFunc    plan;     /* verbs that edit the file */
} Verb;

static void
session_clear (Session *session)
{
  g_clear_pointer (&session->contents, mh_file_contents_free);
  g_clear_pointer (&session->document, mh_document_unref);
  g_clear_pointer (&session->path, mh_path_free);
  g_clear_pointer (&session->path_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

/* `FILE:LINE:COLUMN: error: message` where the offset is known, else
 * `masthead-cli: FILE: message`. */
G_GNUC_PRINTF (3, 4)
static void
report (Session    *session,
        gsize       offset,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (session->document != NULL && offset != G_MAXSIZE)
    {
      guint line, column;

      mh_document_get_position (session->document, offset, &line, &column);
      /* `error`, `warning` stay untranslated: editors and CI parse them. */
      fprintf (stderr, "%s:%u:%u: error: %s\n", session->filename, line, column, message);
    }
  else
    fprintf (stderr, "masthead-cli: %s: %s\n", session->filename, message);
}

G_GNUC_PRINTF (1, 2)
static void
report_usage (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "masthead-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “masthead-cli --help” for more information."));
}

static int
session_open (Session *session)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (session->filename);
  g_autoptr(GError) error = NULL;

  session->contents = mh_file_load (file, NULL, &error);
  if (session->contents == NULL)
    {
      report (session, G_MAXSIZE, "%s", error->message);
      return MH_CLI_EXIT_FAILURE;
    }

  session->document = mh_document_new (session->contents->bytes);
  if (session->contents->readonly_reason != NULL)
    mh_document_set_readonly_reason (session->document, session->contents->readonly_reason);

  session->path = mh_path_parse (session->key, &error);
  if (session->path == NULL)
    {
      report (session, G_MAXSIZE, "%s", error->message);
      return MH_CLI_EXIT_FAILURE;
    }
  session->path_text = mh_path_to_string (session->path);

  return MH_CLI_EXIT_OK;
}

/* Where a message about the key points: its value if it exists; else
 * nowhere, and the message names the file only. */
static gsize
session_key_offset (Session *session)
{
  MhNode *node = mh_document_lookup_path (session->document, session->path, NULL);

  return node != NULL ? node->start : G_MAXSIZE;
}

/* A block that did not parse has no data to read: say why instead of
 * pretending the key is absent. */
static gboolean
session_check_unreadable (Session *session)
{
  const MhSplit *split = mh_document_get_split (session->document);
  const char *reason;
  gsize offset = G_MAXSIZE;

  if (mh_document_get_root (session->document) != NULL || split->kind == MH_SPLIT_NONE)
    return FALSE;

  reason = mh_document_get_readonly_reason (session->document, &offset);
  if (reason == NULL)
    return FALSE;

  report (session, offset, "%s", reason);
  return TRUE;
}

static void
print_scalar (const MhNode *node)
{
  if (!mh_node_is_null (node) && node->value != NULL)
    fwrite (node->value, 1, node->value_len, stdout);
  fputc ('\n', stdout);
}

static int
run_get (Session *session)
{
  g_autoptr(GError) error = NULL;
  MhNode *node;
  const char *reason;
  gsize offset = G_MAXSIZE;

  if (session_check_unreadable (session))
    return MH_CLI_EXIT_FAILURE;

  /* What comes after a YAML error may be missing or read differently by
   * other tools: the value is printed, with a word of caution. */
  reason = mh_document_get_readonly_reason (session->document, &offset);
  if (reason != NULL && offset != G_MAXSIZE)
    {
      guint line, column;

      mh_document_get_position (session->document, offset, &line, &column);
      fprintf (stderr, "%s:%u:%u: warning: %s\n", session->filename, line, column, reason);
    }

  node = mh_document_lookup_path (session->document, session->path, &error);
  if (node == NULL)
    {
      report (session, G_MAXSIZE, "%s", error->message);
      return g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_INVALID_PATH)
             ? MH_CLI_EXIT_FAILURE : MH_CLI_EXIT_NOT_FOUND;
    }

  if (node->kind == MH_NODE_SCALAR)
    print_scalar (node);
  else
    {
      g_autofree char *json = mh_node_to_json (node);

      if (json == NULL)
        {
          report (session, node->start, "%s", _("The value is too large to print"));
          return MH_CLI_EXIT_FAILURE;
        }
      fputs (json, stdout);
      fputc ('\n', stdout);
    }

  return MH_CLI_EXIT_OK;
}

/* The schema row of @path or of the closest ancestor that has one. `secured`
 * is opaque all the way down. */
static gboolean
path_is_opaque (const MhPath *path)
{
  for (guint n = 1; n <= path->n_steps; n++)
    {
      MhPath prefix = { path->steps, n };
      g_autofree char *schema_path = mh_path_to_schema (&prefix);
      const MhField *field = mh_schema_lookup (schema_path);

      if (field != NULL && field->type == MH_FIELD_OPAQUE)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_keep_type (MhScalarType type)
{
  return type == MH_SCALAR_INT || type == MH_SCALAR_FLOAT
         || type == MH_SCALAR_BOOL || type == MH_SCALAR_NULL;
}

/* The node a VALUE is written as, typed by the schema row of @schema_path,
 * or outside the schema by @current (the value it replaces, or a sibling
 * item for a list). NULL with a message when VALUE has the wrong type. */
static MhNode *
type_value (Session      *session,
            const char   *schema_path,
            const MhNode *current,
            const char   *value,
            gsize         offset)
{
  const MhField *field = mh_schema_lookup (schema_path);
  const char *name = session->path_text;

  if (field == NULL)
    {
      MhScalarType type = MH_SCALAR_STRING;

      gint64 number;

      if (current != NULL && current->kind == MH_NODE_SCALAR && is_keep_type (current->type)
          && mh_resolve_plain_scalar (value, strlen (value)) == current->type)
        type = current->type;

      /* The same plain decimal form as schema integers, for YAML 1.1 readers. */
      if (type == MH_SCALAR_INT
          && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_autofree char *canonical = g_strdup_printf ("%" G_GINT64_FORMAT, number);

          return mh_node_new_scalar (canonical, type);
        }

      return mh_node_new_scalar (value, type);
    }

  switch (field->type)
    {
    case MH_FIELD_INT:
      {
        gint64 number;
        g_autofree char *canonical = NULL;

        /* Decimal only, written in its plain form: `08` or `+5` are integers
         * to YAML 1.2 but strings or octal to YAML 1.1 readers. */
        if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
          {
            report (session, offset, _("%s must be a whole number, not “%s”"), name, value);
            return NULL;
          }
        canonical = g_strdup_printf ("%" G_GINT64_FORMAT, number);
        return mh_node_new_scalar (canonical, MH_SCALAR_INT);
      }

    case MH_FIELD_BOOL:
      if (strcmp (value, "true") != 0 && strcmp (value, "false") != 0)
        {
          report (session, offset, _("%s must be true or false, not “%s”"), name, value);
          return NULL;
        }
      return mh_node_new_scalar (value, MH_SCALAR_BOOL);

    case MH_FIELD_DATETIME:
      {
        g_autoptr(GDateTime) parsed = mh_field_parse_datetime (value);

        if (parsed == NULL)
          {
            report (session, offset, _("%s must be an ISO 8601 date and time, not “%s”"),
                    name, value);
            return NULL;
          }
        /* Written with the curator's spelling, not GLib's. */
        return mh_node_new_scalar (value, MH_SCALAR_TIMESTAMP);
      }

    case MH_FIELD_STRING:
    case MH_FIELD_TEXT:
    case MH_FIELD_URL:
    case MH_FIELD_HOSTNAME:
      return mh_node_new_scalar (value, MH_SCALAR_STRING);

    case MH_FIELD_STRING_LIST:
    case MH_FIELD_MAPPING:
    case MH_FIELD_MAPPING_LIST:
      report (session, offset, _("%s is a list or mapping, not a single value"), name);
      return NULL;

    case MH_FIELD_OPAQUE:
    default:
      report (session, offset, _("%s cannot be edited"), name);
      return NULL;
    }
}

static int
plan_set (Session   *session,
          GPtrArray *edits)
{
  g_autofree char *schema_path = mh_path_to_schema (session->path);
  MhNode *current = mh_document_lookup_path (session->document, session->path, NULL);
  MhNode *value;

  if (current != NULL && current->kind != MH_NODE_SCALAR)
    {
      report (session, current->start,
              _("%s is a list or mapping: set one of its items instead"), session->path_text);
      return MH_CLI_EXIT_FAILURE;
    }

  value = type_value (session, schema_path, current, session->value, session_key_offset (session));
  if (value == NULL)
    return MH_CLI_EXIT_FAILURE;

  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_SET, session->path_text, value));
  return MH_CLI_EXIT_OK;
}

static int
plan_unset (Session   *session,
            GPtrArray *edits)
{
  g_autoptr(GError) error = NULL;

  if (mh_document_lookup_path (session->document, session->path, &error) == NULL)
    {
      report (session, G_MAXSIZE, "%s", error->message);
      return MH_CLI_EXIT_FAILURE;
    }

  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_DELETE, session->path_text, NULL));
  return MH_CLI_EXIT_OK;
}

static int
plan_add (Session   *session,
          GPtrArray *edits)
{
  g_autofree char *schema_path = mh_path_to_schema (session->path);
  g_autofree char *item_schema_path = g_strconcat (schema_path, "[]", NULL);
  const MhField *field = mh_schema_lookup (schema_path);
  MhNode *list = mh_document_lookup_path (session->document, session->path, NULL);
  const MhNode *sibling = NULL;
  MhNode *value;

  if (list != NULL && list->kind != MH_NODE_SEQUENCE && !mh_node_is_null (list))
    {
      report (session, list->start, _("%s is not a list"), session->path_text);
      return MH_CLI_EXIT_FAILURE;
    }

  if (field != NULL && field->type != MH_FIELD_STRING_LIST)
    {
      report (session, list != NULL ? list->start : G_MAXSIZE,
              _("%s is not a list of single values"), session->path_text);
      return MH_CLI_EXIT_FAILURE;
    }

  /* Outside the schema, a new item takes the type of the last one when it
   * can: `ids: [1, 2]` plus `3` stays a list of integers. */
  if (field == NULL && list != NULL && mh_node_get_n_items (list) > 0)
    sibling = mh_node_resolve (mh_node_get_item (list, mh_node_get_n_items (list) - 1));

  if (field != NULL)
    value = mh_node_new_scalar (session->value, MH_SCALAR_STRING);
  else
    value = type_value (session, item_schema_path, sibling, session->value,
                        list != NULL ? list->start : G_MAXSIZE);
  if (value == NULL)
    return MH_CLI_EXIT_FAILURE;

  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_APPEND, session->path_text, value));
  return MH_CLI_EXIT_OK;
}

static int
plan_remove (Session   *session,
             GPtrArray *edits)
{
  g_autoptr(GError) error = NULL;
  gsize value_len = strlen (session->value);
  MhNode *list;
  guint n;

  list = mh_document_lookup_path (session->document, session->path, &error);
  if (list == NULL)
    {
      report (session, G_MAXSIZE, "%s", error->message);
      return MH_CLI_EXIT_FAILURE;
    }

  if (list->kind != MH_NODE_SEQUENCE)
    {
      report (session, list->start, _("%s is not a list"), session->path_text);
      return MH_CLI_EXIT_FAILURE;
    }

  /* Last index first, so the indices of the items still to go hold. */
  n = mh_node_get_n_items (list);
  for (guint i = n; i-- > 0;)
    {
      const MhNode *item = mh_node_get_item (list, i);

      if (item != NULL && item->kind == MH_NODE_SCALAR && !mh_node_is_null (item)
          && item->value_len == value_len && memcmp (item->value, session->value, value_len) == 0)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", session->path_text, i);

          g_ptr_array_add (edits, mh_edit_new (MH_EDIT_DELETE, item_path, NULL));
        }
    }

  return MH_CLI_EXIT_OK;
}

/* A value of the right type that breaks a rule is written; say so. */
static void
warn_about_edited_path (Session *session)
{
  g_autoptr(GPtrArray) problems = mh_validate_document (session->document);

  for (guint i = 0; i < problems->len; i++)
    {
      const MhProblem *problem = g_ptr_array_index (problems, i);
      guint line = 1, column = 1;

      if (problem->path == NULL || !mh_path_text_is_under (problem->path, session->path_text))
        continue;

      if (problem->offset != G_MAXSIZE)
        mh_document_get_position (session->document, problem->offset, &line, &column);
      fprintf (stderr, "%s:%u:%u: warning: %s [%s]\n", session->filename, line, column,
               problem->message, problem->rule_id);
    }
}

/* Plans the verb's edit and applies it to the document in memory: the
 * part of an edit that may refuse. */
static int
edit_in_memory (Session    *session,
                const Verb *verb)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autoptr(GError) error = NULL;
  const char *reason;
  gsize offset = G_MAXSIZE;
  int status;

  if (path_is_opaque (session->path))
    {
      report (session, session_key_offset (session),
              _("%s is opaque and is never edited"), session->path_text);
      return MH_CLI_EXIT_FAILURE;
    }

  reason = mh_document_get_readonly_reason (session->document, &offset);
  if (reason == NULL)
    reason = mh_document_get_path_readonly_reason (session->document, session->path_text,
                                                   &offset);
  if (reason != NULL)
    {
      report (session, offset, _("%s is read-only: %s"), session->path_text, reason);
      return MH_CLI_EXIT_FAILURE;
    }

  status = verb->plan (session, edits);
  if (status != MH_CLI_EXIT_OK)
    return status;

  for (guint i = 0; i < edits->len; i++)
    {
      const MhEdit *edit = g_ptr_array_index (edits, i);

      if (!mh_document_apply (session->document, edit, &error))
        {
          if (g_error_matches (error, MH_DOCUMENT_ERROR, MH_DOCUMENT_ERROR_READ_ONLY))
            mh_document_get_path_readonly_reason (session->document, edit->path, &offset);
          report (session, offset, "%s", error->message);
          return MH_CLI_EXIT_FAILURE;
        }
    }

  return MH_CLI_EXIT_OK;
}

static int
run_edit (Session        *session,
          const Verb     *verb)
{
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;
  int status;

  status = edit_in_memory (session, verb);
  if (status != MH_CLI_EXIT_OK)
    return status;

  if (!mh_file_save (session->contents, mh_document_get_bytes (session->document), &written,
                     NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        report (session, G_MAXSIZE, "%s",
                _("The file changed on disk while it was being edited; nothing was written"));
      else
        report (session, G_MAXSIZE, "%s", error->message);
      return MH_CLI_EXIT_FAILURE;
    }

  warn_about_edited_path (session);

  return MH_CLI_EXIT_OK;
}

static const Verb verbs[] = {
  { "get",    2, run_get, NULL },
  { "set",    3, NULL,    plan_set },
  { "unset",  2, NULL,    plan_unset },
  { "add",    3, NULL,    plan_add },
  { "remove", 3, NULL,    plan_remove },
};

static const Verb *
find_edit_verb (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (strcmp (verbs[i].name, name) == 0 && verbs[i].plan != NULL)
      return &verbs[i];
  return NULL;
}

gboolean
mh_cli_edit_takes_value (const char *verb_name)
{
  const Verb *verb = find_edit_verb (verb_name);

  return verb != NULL && verb->n_args == 3;
}

/* The edit of `VERB FILE KEY [VALUE]` applied to @document in memory, with
 * the single-file command's checks and messages; nothing is saved. */
int
mh_cli_edit_document (const char *verb_name,
                      const char *filename,
                      MhDocument *document,
                      const char *key,
                      const char *value)
{
  g_auto(Session) session = { 0 };
  g_autoptr(GError) error = NULL;
  const Verb *verb = find_edit_verb (verb_name);

  g_return_val_if_fail (verb != NULL, MH_CLI_EXIT_FAILURE);

  session.filename = filename;
  session.key = key;
  session.value = value;
  session.document = mh_document_ref (document);
  session.path = mh_path_parse (key, &error);
  if (session.path == NULL)
    {
      report (&session, G_MAXSIZE, "%s", error->message);
      return MH_CLI_EXIT_FAILURE;
    }
  session.path_text = mh_path_to_string (session.path);

  return edit_in_memory (&session, verb);
}

/* The warnings a saved edit of @key prints (a value that breaks a rule). */
void
mh_cli_warn_edited (const char *filename,
                    MhDocument *document,
                    const char *key)
{
  g_auto(Session) session = { 0 };
  g_autoptr(MhPath) path = mh_path_parse (key, NULL);

  if (path == NULL)
    return;
  session.filename = filename;
  session.document = mh_document_ref (document);
  session.path_text = mh_path_to_string (path);
  warn_about_edited_path (&session);
}

static int
run_file_verb (const Verb  *verb,
               int          argc,
               char       **argv)
{
  g_auto(Session) session = { 0 };
  int status;

  if ((guint) argc != verb->n_args)
    {
      report_usage (verb->n_args == 3 ? _("“%s” takes FILE KEY VALUE")
                                      : _("“%s” takes FILE KEY"),
                    verb->name);
      return MH_CLI_EXIT_FAILURE;
    }

  session.filename = argv[0];
  session.key = argv[1];
  session.value = verb->n_args == 3 ? argv[2] : NULL;

  /* Front matter is UTF-8; a value in another encoding would corrupt it. */
  if (session.value != NULL && !g_utf8_validate (session.value, -1, NULL))
    {
      report_usage ("%s", _("VALUE is not valid UTF-8"));
      return MH_CLI_EXIT_FAILURE;
    }

  status = session_open (&session);
  if (status != MH_CLI_EXIT_OK)
    return status;

  return verb->run != NULL ? verb->run (&session) : run_edit (&session, verb);
}

static void
print_help (void)
{
  fputs (_("Usage:\n"
           "  masthead-cli get    FILE KEY           print a value: a scalar decoded, a list or "
           "mapping as JSON\n"
           "  masthead-cli set    FILE KEY VALUE     set a scalar, creating the key\n"
           "  masthead-cli unset  FILE KEY           remove a key or list item\n"
           "  masthead-cli add    FILE KEY VALUE     append VALUE to the list at KEY\n"
           "  masthead-cli remove FILE KEY VALUE     remove every item equal to VALUE\n"
           "  masthead-cli set|unset|add|remove --where EXPR PATH... KEY [VALUE] [--dry-run]\n"
           "                                         the same edit on every record EXPR matches\n"
           "  masthead-cli check  PATH... [--json]   validate files and folders\n"
           "  masthead-cli list   PATH... [--where EXPR] [--fields=a,b] [--json]\n"
           "                                         the matching records, one a line\n"
           "  masthead-cli stats  PATH... [--where EXPR] [--json]\n"
           "                                         counts: records, read-only, problems, values\n"
           "  masthead-cli topics PATH... [--key KEY] [--json]\n"
           "                                         every item of the list KEY with its count\n"
           "  masthead-cli rename-topic PATH... OLD NEW [--key KEY] [--dry-run]\n"
           "                                         rename or merge a topic everywhere\n"
           "  masthead-cli --help | --version\n"
           "\n"
           "KEY is a dotted path with indices: title, provider.name, topics[2],\n"
           "related[0].images[1].width. --key defaults to topics.\n"
           "\n"
           "EXPR: KEY=VALUE, KEY!=VALUE, KEY~TEXT (contains), KEY<N, KEY<=N, KEY>N, KEY>=N,\n"
           "has:KEY, is:problem, is:read-only and bare words (title, excerpt, provider,\n"
           "topics), joined with and, or, not and parentheses; side by side means and.\n"
           "KEY is dotted without indices and matches when any list item does; text\n"
           "compares ignoring case and accents; \"quoted values\" hold spaces. Example:\n"
           "  --where 'provider.name=\"Le Monde\" publishedDateTime>=2023-01-01 not has:heat'\n"
           "\n"
           "A command over many records plans every edit first: if one record refuses,\n"
           "nothing is written. --dry-run prints a unified diff per file instead.\n"
           "\n"
           "Exit status: 0 done (also when nothing changed), 1 get found no value or\n"
           "check found an error, 2 anything else (nothing is written).\n"),
         stdout);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("masthead-cli");

  if (argc < 2)
    {
      report_usage ("%s", _("Missing command"));
      return MH_CLI_EXIT_FAILURE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help ();
      return MH_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      fputs ("masthead-cli " PACKAGE_VERSION "\n", stdout);
      return MH_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "check") == 0)
    return mh_cli_check (argc - 2, argv + 2);

  if (strcmp (argv[1], "list") == 0)
    return mh_cli_list (argc - 2, argv + 2);
  if (strcmp (argv[1], "stats") == 0)
    return mh_cli_stats (argc - 2, argv + 2);
  if (strcmp (argv[1], "topics") == 0)
    return mh_cli_topics (argc - 2, argv + 2);
  if (strcmp (argv[1], "rename-topic") == 0)
    return mh_cli_rename_topic (argc - 2, argv + 2);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (strcmp (argv[1], verbs[i].name) == 0)
      {
        if (verbs[i].plan != NULL && mh_cli_args_have_where (argc - 2, argv + 2))
          return mh_cli_edit_where (verbs[i].name, argc - 2, argv + 2);
        return run_file_verb (&verbs[i], argc - 2, argv + 2);
      }

  report_usage (_("Unknown command “%s”"), argv[1]);
  return MH_CLI_EXIT_FAILURE;
}
