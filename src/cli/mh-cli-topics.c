/* mh-cli-topics.c: `masthead-cli topics` (counts with variant spellings) and `rename-topic`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mh-cli.h"
#include "mh-cli-records.h"
#include "mh-fold.h"
#include "mh-path.h"

/* The list at @key, or NULL when the record has none. */
static const MhNode *
lookup_list (MhDocument *document,
             const char *key)
{
  const MhNode *list = mh_node_resolve (mh_document_lookup (document, key, NULL));

  return list != NULL && list->kind == MH_NODE_SEQUENCE ? list : NULL;
}

static const MhNode *
list_text_item (const MhNode *list,
                guint         index)
{
  const MhNode *item = mh_node_resolve (mh_node_get_item (list, index));

  if (item == NULL || item->kind != MH_NODE_SCALAR || mh_node_is_null (item)
      || item->value_len == 0)
    return NULL;
  return item;
}

/* Each record's spellings, once each. */
static void
topics_record_cb (MhCliRecord *record,
                  gpointer     user_data)
{
  const char *key = user_data;
  const MhNode *list = lookup_list (record->document, key);
  g_autoptr(GPtrArray) spellings = NULL;

  if (list == NULL)
    return;
  spellings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < mh_node_get_n_items (list); i++)
    {
      const MhNode *item = list_text_item (list, i);
      gboolean seen = FALSE;

      if (item == NULL)
        continue;
      for (guint k = 0; k < spellings->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (spellings, k), item->value) == 0;
      if (!seen)
        g_ptr_array_add (spellings, g_strdup (item->value));
    }
  g_ptr_array_add (spellings, NULL);
  record->data = g_ptr_array_free (g_steal_pointer (&spellings), FALSE);
  record->data_free = (GDestroyNotify) g_strfreev;
}

typedef struct
{
  GHashTable *spellings;   /* spelling → records holding it */
  guint       count;       /* records holding any spelling */
  const char *value;       /* the most used spelling */
  GPtrArray  *variants;    /* the others, most used first */
  guint       last_record; /* the last record counted, + 1 */
} Topic;

static void
topic_free (Topic *topic)
{
  g_hash_table_unref (topic->spellings);
  g_clear_pointer (&topic->variants, g_ptr_array_unref);
  g_free (topic);
}

static GHashTable *sort_spellings;   /* the table compare_spellings reads */

static int
compare_spellings (gconstpointer a,
                   gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (sort_spellings, sa));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (sort_spellings, sb));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return strcmp (sa, sb);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const Topic *ta = *(Topic * const *) a;
  const Topic *tb = *(Topic * const *) b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return strcmp (ta->value, tb->value);
}

/* Spellings that differ in case, accents, spacing or punctuation only are
 * one topic; one made of punctuation only is its own. */
static char *
topic_key (const char *spelling)
{
  char *key = mh_fold_variant_key (spelling, -1);

  if (key[0] == '\0')
    {
      g_free (key);
      key = g_strconcat ("\001", spelling, NULL);
    }
  return key;
}

static void
print_topics (GPtrArray *topics,
              gboolean   json)
{
  g_autoptr(GString) out = g_string_new (json ? "[" : NULL);

  for (guint i = 0; i < topics->len; i++)
    {
      const Topic *topic = g_ptr_array_index (topics, i);

      if (!json)
        {
          g_string_append_printf (out, "%s\t%u", topic->value, topic->count);
          for (guint k = 0; k < topic->variants->len; k++)
            g_string_append_printf (out, "\t%s", (char *) g_ptr_array_index (topic->variants, k));
          g_string_append_c (out, '\n');
          continue;
        }
      g_string_append (out, i == 0 ? "\n  {\"value\": " : ",\n  {\"value\": ");
      mh_cli_append_json_string (out, topic->value, strlen (topic->value));
      g_string_append_printf (out, ", \"count\": %u, \"variants\": [", topic->count);
      for (guint k = 0; k < topic->variants->len; k++)
        {
          const char *variant = g_ptr_array_index (topic->variants, k);

          if (k > 0)
            g_string_append (out, ", ");
          mh_cli_append_json_string (out, variant, strlen (variant));
        }
      g_string_append (out, "]}");
    }
  if (json)
    g_string_append (out, topics->len == 0 ? "]\n" : "\n]\n");
  fwrite (out->str, 1, out->len, stdout);
}

static int
parse_list_key (const char  *key,
                char       **normalised)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MhPath) path = mh_path_parse (key, &error);

  if (path == NULL)
    return mh_cli_usage_error ("--key: %s", error->message);
  *normalised = mh_path_to_string (path);
  return MH_CLI_EXIT_OK;
}

int
mh_cli_topics (int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autofree char *list_key = NULL;
  const char *key = "topics";
  gboolean json = FALSE;
  const MhCliOption options[] = {
    { "--key", &key, NULL },
    { "--json", NULL, &json },
    { NULL, NULL, NULL },
  };
  GHashTableIter iter;
  gpointer value;
  int status;

  status = mh_cli_parse_options ("topics", argc, argv, options, positional);
  if (status == MH_CLI_EXIT_OK)
    status = parse_list_key (key, &list_key);
  if (status != MH_CLI_EXIT_OK)
    return status;
  records = mh_cli_records_scan_paths ("topics", positional, NULL, topics_record_cb, list_key,
                                       &status);
  if (records == NULL)
    return status;

  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) topic_free);
  for (guint r = 0; r < records->len; r++)
    {
      const MhCliRecord *record = g_ptr_array_index (records, r);
      char **spellings = record->data;

      for (guint i = 0; spellings != NULL && spellings[i] != NULL; i++)
        {
          char *tkey = topic_key (spellings[i]);
          Topic *topic = g_hash_table_lookup (by_key, tkey);
          guint n;

          if (topic == NULL)
            {
              topic = g_new0 (Topic, 1);
              topic->spellings = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (by_key, tkey, topic);
            }
          else
            g_free (tkey);
          /* A record with "AI" and "ai" counts once for the topic. */
          if (topic->last_record != r + 1)
            topic->count++;
          topic->last_record = r + 1;
          n = GPOINTER_TO_UINT (g_hash_table_lookup (topic->spellings, spellings[i]));
          g_hash_table_insert (topic->spellings, spellings[i], GUINT_TO_POINTER (n + 1));
        }
    }

  topics = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Topic *topic = value;
      GHashTableIter spellings;
      gpointer spelling;

      /* g_hash_table_get_keys_as_ptr_array() is GLib 2.76. */
      topic->variants = g_ptr_array_new ();
      g_hash_table_iter_init (&spellings, topic->spellings);
      while (g_hash_table_iter_next (&spellings, &spelling, NULL))
        g_ptr_array_add (topic->variants, spelling);
      sort_spellings = topic->spellings;
      g_ptr_array_sort (topic->variants, compare_spellings);
      topic->value = g_ptr_array_steal_index (topic->variants, 0);
      g_ptr_array_add (topics, topic);
    }
  sort_spellings = NULL;
  g_ptr_array_sort (topics, compare_topics);
  print_topics (topics, json);

  return status;
}

typedef struct
{
  const char *list_key;     /* normalised */
  const char *new_value;
  char       *folded_old;
  char       *folded_new;
} Rename;

/* Says why @record refuses, in the form of the single-file commands; the
 * main thread prints it in file order. */
static void
refuse (MhCliRecord *record,
        gsize        offset,
        const char  *message)
{
  char *text;

  if (offset != G_MAXSIZE)
    {
      guint line, column;

      mh_document_get_position (record->document, offset, &line, &column);
      text = g_strdup_printf ("%s:%u:%u: error: %s\n", record->filename, line, column, message);
    }
  else
    text = g_strdup_printf ("masthead-cli: %s: %s\n", record->filename, message);
  record->refused = TRUE;
  record->data = text;
  record->data_free = g_free;
}

static gboolean
folds_to (const MhNode *item,
          const char   *folded)
{
  g_autofree char *mine = mh_fold_text (item->value, (gssize) item->value_len);

  return strcmp (mine, folded) == 0;
}

/* The edits on one record: each OLD item becomes NEW, or goes where NEW is
 * already in the list (or where an earlier OLD item became it). */
static GPtrArray *
plan_rename (const Rename *rename,
             const MhNode *list)
{
  GPtrArray *edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autoptr(GArray) old_items = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean same_topic = strcmp (rename->folded_old, rename->folded_new) == 0;
  gboolean has_new = FALSE;
  gint keep = -1;   /* the OLD item left as it is */
  gint set = -1;    /* the OLD item set to NEW */

  for (guint i = 0; i < mh_node_get_n_items (list); i++)
    {
      const MhNode *item = list_text_item (list, i);

      if (item == NULL)
        continue;
      if (folds_to (item, rename->folded_old))
        {
          g_array_append_val (old_items, i);
          if (same_topic && keep < 0 && strcmp (item->value, rename->new_value) == 0)
            keep = (gint) i;
        }
      else if (folds_to (item, rename->folded_new))
        has_new = TRUE;
    }
  if (old_items->len == 0)
    return edits;

  if (keep < 0 && !has_new)
    set = (gint) g_array_index (old_items, guint, 0);

  /* Last index first, so the indices of the items still to go hold; the
   * item set comes first in the list, before every one deleted. */
  for (guint k = old_items->len; k-- > 0;)
    {
      guint index = g_array_index (old_items, guint, k);

      if ((gint) index != keep && (gint) index != set)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", rename->list_key, index);

          g_ptr_array_add (edits, mh_edit_new (MH_EDIT_DELETE, path, NULL));
        }
    }
  if (set >= 0)
    {
      g_autofree char *path = g_strdup_printf ("%s[%d]", rename->list_key, set);

      g_ptr_array_add (edits, mh_edit_new (MH_EDIT_SET, path,
                                           mh_node_new_scalar (rename->new_value,
                                                               MH_SCALAR_STRING)));
    }
  return edits;
}

static void
rename_record_cb (MhCliRecord *record,
                  gpointer     user_data)
{
  const Rename *rename = user_data;
  const MhNode *list = lookup_list (record->document, rename->list_key);
  g_autoptr(GPtrArray) edits = NULL;
  const char *reason;
  gsize offset = G_MAXSIZE;

  if (list == NULL)
    return;
  edits = plan_rename (rename, list);
  if (edits->len == 0)
    return;
  record->keep = TRUE;

  reason = mh_document_get_readonly_reason (record->document, &offset);
  if (reason != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s is read-only: %s"), rename->list_key,
                                                  reason);

      refuse (record, offset, message);
      return;
    }

  for (guint i = 0; i < edits->len; i++)
    {
      const MhEdit *edit = g_ptr_array_index (edits, i);
      g_autoptr(GError) error = NULL;

      reason = mh_document_get_path_readonly_reason (record->document, edit->path, &offset);
      if (reason != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s is read-only: %s"), edit->path,
                                                      reason);

          refuse (record, offset, message);
          return;
        }
      if (!mh_document_apply (record->document, edit, &error))
        {
          refuse (record, G_MAXSIZE, error->message);
          return;
        }
    }
}

/**
 * mh_cli_rename_topic:
 * @argc: the number of arguments after `rename-topic`
 * @argv: `PATH... OLD NEW [--key KEY] [--dry-run]`
 *
 * Replaces the items equal to OLD (case and accents ignored) with NEW in
 * every record under the PATHs, or removes them where NEW is already there;
 * planned on every record first, nothing written if one refuses.
 *
 * Returns: the exit status
 */
int
mh_cli_rename_topic (int    argc,
                     char **argv)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *list_key = NULL;
  const char *key = "topics";
  gboolean dry_run = FALSE;
  const MhCliOption options[] = {
    { "--key", &key, NULL },
    { "--dry-run", NULL, &dry_run },
    { NULL, NULL, NULL },
  };
  Rename rename = { 0 };
  const char *old_value;
  int status;

  status = mh_cli_parse_options ("rename-topic", argc, argv, options, positional);
  if (status == MH_CLI_EXIT_OK)
    status = parse_list_key (key, &list_key);
  if (status != MH_CLI_EXIT_OK)
    return status;
  if (positional->len < 3)
    return mh_cli_usage_error ("%s", _("“rename-topic” takes PATH... OLD NEW"));

  old_value = g_ptr_array_index (positional, positional->len - 2);
  rename.new_value = g_ptr_array_index (positional, positional->len - 1);
  g_ptr_array_set_size (positional, positional->len - 2);
  if (!g_utf8_validate (old_value, -1, NULL) || !g_utf8_validate (rename.new_value, -1, NULL))
    return mh_cli_usage_error ("%s", _("OLD and NEW must be valid UTF-8"));
  if (old_value[0] == '\0' || rename.new_value[0] == '\0')
    return mh_cli_usage_error ("%s", _("OLD and NEW must not be empty"));

  rename.list_key = list_key;
  rename.folded_old = mh_fold_text (old_value, -1);
  rename.folded_new = mh_fold_text (rename.new_value, -1);

  records = mh_cli_records_scan_paths ("rename-topic", positional, NULL, rename_record_cb,
                                       &rename, &status);
  if (records != NULL && status == MH_CLI_EXIT_OK)
    {
      for (guint i = 0; i < records->len; i++)
        {
          const MhCliRecord *record = g_ptr_array_index (records, i);

          if (record->refused)
            fputs (record->data, stderr);
        }
      status = mh_cli_records_commit (records, dry_run, list_key);
    }

  g_free (rename.folded_old);
  g_free (rename.folded_new);
  return status;
}
