/* mh-cli-list.c: `masthead-cli list` and `stats`, the records a query matches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>


#include "mh-cli.h"
#include "mh-cli-records.h"
#include "mh-path.h"
#include "mh-schema.h"
#include "mh-validate.h"

static const char default_fields[] = "title,publishedDateTime,provider.name,quality,topics";

typedef struct
{
  char    **names;   /* as given, for the JSON keys */
  GPtrArray *paths;  /* MhPath */
  gboolean  json;
} ListSpec;

/* A value in a tab-separated line: a tab, line break or backslash inside
 * it would split or blur the columns, so they are written `\t`, `\n`, `\r`,
 * `\\`. */
static void
append_cell (GString    *out,
             const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\t' || c == '\n' || c == '\r' || c == '\\')
        {
          g_string_append_c (out, '\\');
          c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
        }
      g_string_append_c (out, c);
    }
}

static void
list_record_cb (MhCliRecord *record,
                gpointer     user_data)
{
  const ListSpec *spec = user_data;
  GString *out = g_string_new (NULL);

  if (spec->json)
    {
      g_string_append (out, "{\"file\": ");
      mh_cli_append_json_string (out, record->filename, strlen (record->filename));
    }
  else
    append_cell (out, record->filename, strlen (record->filename));

  for (guint i = 0; i < spec->paths->len; i++)
    {
      const MhNode *node = mh_document_lookup_path (record->document,
                                                    g_ptr_array_index (spec->paths, i), NULL);
      g_autofree char *json = NULL;

      node = mh_node_resolve (node);
      if (!spec->json)
        {
          g_string_append_c (out, '\t');
          if (node == NULL || (node->kind == MH_NODE_SCALAR && mh_node_is_null (node)))
            continue;
          if (node->kind == MH_NODE_SCALAR)
            append_cell (out, node->value, node->value_len);
          else if ((json = mh_node_to_json (node)) != NULL)
            append_cell (out, json, strlen (json));
          continue;
        }

      /* Absent from the record, absent from its object. */
      if (node == NULL || (json = mh_node_to_json (node)) == NULL)
        continue;
      g_string_append (out, ", ");
      mh_cli_append_json_string (out, spec->names[i], strlen (spec->names[i]));
      g_string_append (out, ": ");
      g_string_append (out, json);
    }

  g_string_append (out, spec->json ? "}" : "\n");
  record->data = g_string_free (out, FALSE);
  record->data_free = g_free;
}

int
mh_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *where = NULL;
  const char *fields = default_fields;
  gboolean json = FALSE;
  const MhCliOption options[] = {
    { "--where", &where, NULL },
    { "--fields", &fields, NULL },
    { "--json", NULL, &json },
    { NULL, NULL, NULL },
  };
  ListSpec spec = { 0 };
  gboolean first = TRUE;
  int status;

  status = mh_cli_parse_options ("list", argc, argv, options, positional);
  if (status != MH_CLI_EXIT_OK)
    return status;

  spec.json = json;
  spec.names = g_strsplit (fields, ",", -1);
  spec.paths = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_path_free);
  for (guint i = 0; spec.names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      MhPath *path = mh_path_parse (spec.names[i], &error);

      if (path == NULL)
        {
          status = mh_cli_usage_error ("--fields: %s", error->message);
          goto out;
        }
      g_ptr_array_add (spec.paths, path);
    }

  records = mh_cli_records_scan_paths ("list", positional, where, list_record_cb, &spec, &status);
  if (records == NULL)
    goto out;

  if (json)
    g_string_append_c (out, '[');
  for (guint i = 0; i < records->len; i++)
    {
      const MhCliRecord *record = g_ptr_array_index (records, i);

      if (record->data == NULL)
        continue;
      if (json)
        g_string_append (out, first ? "\n  " : ",\n  ");
      g_string_append (out, record->data);
      first = FALSE;
    }
  if (json)
    g_string_append (out, first ? "]\n" : "\n]\n");
  fwrite (out->str, 1, out->len, stdout);

out:
  g_strfreev (spec.names);
  g_clear_pointer (&spec.paths, g_ptr_array_unref);
  return status;
}

/* What stats counts of one record. */
typedef struct
{
  guint    readonly : 1;
  guint    problem : 1;
  char   **keys;   /* the root's keys with a value (not null, not empty) */
} Counts;

static void
counts_free (Counts *counts)
{
  g_strfreev (counts->keys);
  g_free (counts);
}

static gboolean
node_has_value (const MhNode *node)
{
  node = mh_node_resolve (node);
  if (node == NULL)
    return FALSE;
  if (node->kind == MH_NODE_SCALAR)
    return !mh_node_is_null (node);
  return mh_node_get_n_items (node) > 0;
}

static void
stats_record_cb (MhCliRecord *record,
                 gpointer     user_data)
{
  Counts *counts = g_new0 (Counts, 1);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  const MhNode *root = mh_document_get_root (record->document);
  g_autoptr(GPtrArray) problems = mh_validate_document (record->document);

  (void) user_data;
  counts->readonly = mh_document_get_readonly_reason (record->document, NULL) != NULL;
  counts->problem = problems->len > 0;
  for (guint i = 0; root != NULL && i < mh_node_get_n_items (root); i++)
    {
      const MhNode *key = mh_node_get_key (root, i);

      if (key->kind == MH_NODE_SCALAR && node_has_value (mh_node_get_item (root, i)))
        g_strv_builder_add (keys, key->value);
    }
  counts->keys = g_strv_builder_end (keys);
  record->data = counts;
  record->data_free = (GDestroyNotify) counts_free;
}

typedef struct
{
  const char *key;
  guint       count;
} KeyCount;

static int
compare_key_counts (gconstpointer a,
                    gconstpointer b)
{
  const KeyCount *ka = a;
  const KeyCount *kb = b;

  if (ka->count != kb->count)
    return ka->count > kb->count ? -1 : 1;
  return strcmp (ka->key, kb->key);
}

int
mh_cli_stats (int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) key_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (KeyCount));
  g_autoptr(GString) out = g_string_new (NULL);
  const char *where = NULL;
  gboolean json = FALSE;
  const MhCliOption options[] = {
    { "--where", &where, NULL },
    { "--json", NULL, &json },
    { NULL, NULL, NULL },
  };
  guint n_records = 0, n_readonly = 0, n_problems = 0;
  GHashTableIter iter;
  gpointer key, value;
  int status;

  status = mh_cli_parse_options ("stats", argc, argv, options, positional);
  if (status != MH_CLI_EXIT_OK)
    return status;
  records = mh_cli_records_scan_paths ("stats", positional, where, stats_record_cb, NULL, &status);
  if (records == NULL)
    return status;

  for (guint i = 0; i < records->len; i++)
    {
      const MhCliRecord *record = g_ptr_array_index (records, i);
      const Counts *counts = record->data;

      if (counts == NULL)
        continue;
      n_records++;
      n_readonly += counts->readonly;
      n_problems += counts->problem;
      for (guint k = 0; counts->keys[k] != NULL; k++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (key_counts, counts->keys[k]));

          g_hash_table_insert (key_counts, counts->keys[k], GUINT_TO_POINTER (n + 1));
        }
    }

  g_hash_table_iter_init (&iter, key_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KeyCount entry = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (sorted, entry);
    }
  g_array_sort (sorted, compare_key_counts);

  if (json)
    g_string_append_printf (out, "{\"records\": %u, \"read-only\": %u, \"problems\": %u, "
                            "\"values\": {", n_records, n_readonly, n_problems);
  else
    g_string_append_printf (out, "records\t%u\nread-only\t%u\nproblems\t%u\n",
                            n_records, n_readonly, n_problems);
  for (guint i = 0; i < sorted->len; i++)
    {
      const KeyCount *entry = &g_array_index (sorted, KeyCount, i);

      if (json)
        {
          if (i > 0)
            g_string_append (out, ", ");
          mh_cli_append_json_string (out, entry->key, strlen (entry->key));
          g_string_append_printf (out, ": %u", entry->count);
        }
      else
        {
          g_string_append (out, "values\t");
          append_cell (out, entry->key, strlen (entry->key));
          g_string_append_printf (out, "\t%u\n", entry->count);
        }
    }
  if (json)
    g_string_append (out, "}}\n");
  fwrite (out->str, 1, out->len, stdout);
  return status;
}
