/* test-batch.c: batches over folders of real-style records, and Save All off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mh-batch.h"
#include "mh-collection.h"
#include "mh-test-util.h"

/* Copies of the seeds (CRLF, flow lists, comments, a record that does not
 * parse), four of each, plus records written for the topic cases. */
#define N_COPIES 4
#define OLD_TIME G_GUINT64_CONSTANT (1500000000)

typedef struct
{
  char         *dir;
  GPtrArray    *paths;      /* char*, every record file */
  GHashTable   *original;   /* path -> original bytes (char*) */
  MhCollection *collection;
  MhHistory    *history;
} Corpus;

static const char * const topic_records[][2] = {
  { "t-ml.md", "---\ntitle: ML only\ntopics:\n  - ML\n---\n" },
  { "t-both.md", "---\ntitle: Both\ntopics:\n  - Machine Learning\n  - ML\n---\nBody\n" },
  { "t-three.md", "---\n# topics below\ntitle: Three\ntopics:\n  - machine-learning\n"
                  "  - AI\n  - ml\n---\n" },
  { "t-flow.md", "---\ntitle: Flow\ntopics: [AI, Climate]\n---\n" },
  { "t-crlf.md", "---\r\ntitle: Crlf\r\ntopics:\r\n  - Ai\r\n---\r\n" },
  { "t-none.md", "---\ntitle: No topics\nquality: 5\n---\n" },
};

static char *
read_text (const char *path)
{
  return mh_test_read (path);
}

static guint64
mtime_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
}

static void
set_old_mtime (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, OLD_TIME,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

static void
corpus_add (Corpus     *corpus,
            const char *name,
            const char *text)
{
  char *path = mh_test_write (corpus->dir, name, text);

  set_old_mtime (path);
  g_ptr_array_add (corpus->paths, path);
  g_hash_table_insert (corpus->original, path, g_strdup (text));
}

static Corpus *
corpus_new (void)
{
  Corpus *corpus = g_new0 (Corpus, 1);
  g_autofree char *seeds = g_build_filename (g_getenv ("MH_SOURCE_ROOT"), "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (seeds, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  corpus->dir = mh_test_make_dir ();
  corpus->paths = g_ptr_array_new_with_free_func (g_free);
  corpus->original = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (seeds, name, NULL);
      g_autofree char *text = read_text (path);

      for (guint k = 0; k < N_COPIES; k++)
        {
          g_autofree char *copy = g_strdup_printf ("c%u-%s", k, name);
          corpus_add (corpus, copy, text);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (topic_records); i++)
    corpus_add (corpus, topic_records[i][0], topic_records[i][1]);
  g_assert_cmpuint (corpus->paths->len, >=, 50);

  corpus->collection = mh_test_load (corpus->dir);
  corpus->history = mh_collection_get_history (corpus->collection);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus->collection)), ==,
                    corpus->paths->len);
  return corpus;
}

static void
corpus_free (Corpus *corpus)
{
  g_clear_object (&corpus->collection);
  mh_test_remove_tree (corpus->dir);
  g_free (corpus->dir);
  g_ptr_array_unref (corpus->paths);
  g_hash_table_unref (corpus->original);
  g_free (corpus);
}

static MhArticle *
corpus_article (Corpus     *corpus,
                const char *name)
{
  g_autofree char *path = g_build_filename (corpus->dir, name, NULL);
  MhArticle *article = mh_test_lookup (corpus->collection, path);

  g_assert_nonnull (article);
  return article;
}

/* Every record, or those that would not refuse. */
static GPtrArray *
corpus_select (Corpus   *corpus,
               gboolean  editable_only)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (corpus->collection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      MhArticle *article = g_list_model_get_item (model, i);

      if (editable_only && mh_article_get_readonly_reason (article) != NULL)
        g_object_unref (article);
      else
        g_ptr_array_add (articles, article);
    }
  return articles;
}

/* The bytes a record holds now (held or not). */
static char *
article_text (MhArticle *article)
{
  g_autoptr(GError) error = NULL;
  char *text;

  g_assert_true (mh_article_hold (article, &error));
  text = g_strndup (g_bytes_get_data (mh_article_get_bytes (article), NULL),
                    g_bytes_get_size (mh_article_get_bytes (article)));
  mh_article_release (article);
  return text;
}

static void
assert_article (MhArticle  *article,
                const char *expected)
{
  g_autofree char *text = article_text (article);

  g_assert_cmpstr (text, ==, expected);
}

static char *
path_of (MhArticle *article)
{
  return g_file_get_path (mh_article_get_file (article));
}

/* Whether the record's summary (its list row, no document) has @topic,
 * case aside. */
static gboolean
row_has_topic (MhArticle  *article,
               const char *topic)
{
  const char * const *topics = mh_article_get_topics (article);

  for (guint i = 0; topics[i] != NULL; i++)
    if (g_ascii_strcasecmp (topics[i], topic) == 0)
      return TRUE;
  return FALSE;
}

static void
save_all (Corpus *corpus)
{
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;

  mh_collection_save_all (corpus->collection, &failed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 0);
}

/* Each file holds @expected's bytes for it (path -> text), or its original
 * ones with their old mtime when it is not in @expected. */
static void
assert_files (Corpus     *corpus,
              GHashTable *expected)
{
  for (guint i = 0; i < corpus->paths->len; i++)
    {
      const char *path = g_ptr_array_index (corpus->paths, i);
      const char *text = expected != NULL ? g_hash_table_lookup (expected, path) : NULL;

      if (text != NULL)
        mh_test_assert_file (path, text);
      else
        {
          mh_test_assert_file (path, g_hash_table_lookup (corpus->original, path));
          g_assert_cmpuint (mtime_of (path), ==, OLD_TIME);
        }
    }
}

/* The engine applied to a fresh copy of the original: what the batch must
 * give (independent of the batch's patches and of the history). */
static char *
expected_append (const char *original,
                 const char *list_path,
                 const char *value)
{
  g_autoptr(MhDocument) document = mh_document_new_from_data (original, strlen (original));
  g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_APPEND, list_path,
                                        mh_node_new_scalar (value, MH_SCALAR_STRING));
  g_autoptr(GError) error = NULL;

  g_assert_true (mh_document_apply (document, edit, &error));
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (mh_document_get_bytes (document), NULL),
                    g_bytes_get_size (mh_document_get_bytes (document)));
}

/* Add a topic to every record: the unparsable copies refuse, so nothing is
 * written; without them every file changes exactly as the engine would
 * change it alone, undo gives every byte back, redo the edited ones, and
 * files the batch does not change keep their bytes and their mtime. */
static void
test_add_topic (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) all = corpus_select (corpus, FALSE);
  g_autoptr(GPtrArray) editable = corpus_select (corpus, TRUE);
  g_autoptr(MhBatch) refused = mh_batch_new_add_item (all, "topics", "Climate");
  g_autoptr(MhBatch) batch = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected_summary = NULL;
  guint n_having = 0;
  gsize total = 0;

  /* A refusal blocks the whole batch. */
  g_assert_true (mh_batch_preview (refused, NULL, &error));
  g_assert_cmpuint (mh_batch_get_n_refusals (refused), ==, N_COPIES);
  g_assert_false (mh_batch_apply (refused, corpus->history, &error));
  g_assert_error (error, MH_BATCH_ERROR, MH_BATCH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (mh_history_get_can_undo (corpus->history));
  g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==, 0);
  assert_files (corpus, NULL);

  batch = mh_batch_new_add_item (editable, "topics", "Climate");
  g_assert_true (mh_batch_preview (batch, NULL, &error));
  g_assert_no_error (error);
  /* Records that have "Climate" (or "climate", ...) already are unchanged:
   * t-flow and some seeds. */
  for (guint i = 0; i < editable->len; i++)
    {
      const char * const *topics = mh_article_get_topics (g_ptr_array_index (editable, i));

      for (guint j = 0; topics[j] != NULL; j++)
        if (g_ascii_strcasecmp (topics[j], "climate") == 0)
          {
            n_having++;
            break;
          }
    }
  g_assert_cmpuint (n_having, >, 1);
  g_assert_cmpuint (mh_batch_get_n_unchanged (batch), ==, n_having);
  g_assert_cmpuint (mh_batch_get_n_refusals (batch), ==, 0);
  g_assert_cmpuint (mh_batch_get_n_changes (batch), ==, editable->len - n_having);
  summary = mh_batch_dup_summary (batch);
  expected_summary = g_strdup_printf ("%u records change", editable->len - n_having);
  g_assert_cmpstr (summary, ==, expected_summary);
  /* The preview touched no record. */
  g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==, 0);

  for (guint i = 0; i < mh_batch_get_n_records (batch); i++)
    {
      MhArticle *article = mh_batch_get_article (batch, i);
      g_autofree char *path = path_of (article);
      const char *original = g_hash_table_lookup (corpus->original, path);

      total += strlen (original);
      if (mh_batch_get_outcome (batch, i) != MH_BATCH_CHANGE)
        continue;
      g_hash_table_insert (expected, g_strdup (path),
                           expected_append (original, "topics", "Climate"));
    }
  /* Hand-checked: a flow list, a CRLF file, a record without the list. */
  g_assert_cmpstr (g_hash_table_lookup (expected, g_ptr_array_index (corpus->paths,
                                                                     corpus->paths->len - 2)),
                   ==, "---\r\ntitle: Crlf\r\ntopics:\r\n  - Ai\r\n  - Climate\r\n---\r\n");
  g_assert_cmpstr (g_hash_table_lookup (expected, g_ptr_array_index (corpus->paths,
                                                                     corpus->paths->len - 1)),
                   ==, "---\ntitle: No topics\nquality: 5\ntopics:\n  - Climate\n---\n");

  g_assert_true (mh_batch_apply (batch, corpus->history, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mh_history_get_undo_label (corpus->history), ==, "Add topic");
  g_assert_cmpuint (mh_history_get_step_n_records (corpus->history, TRUE), ==,
                    g_hash_table_size (expected));
  /* A step holds operations and patches: far less than the files. */
  g_assert_cmpuint (mh_history_get_step_size (corpus->history, TRUE), <, total / 4);

  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);
      const char *text = g_hash_table_lookup (expected, path);

      assert_article (article, text != NULL ? text : g_hash_table_lookup (corpus->original, path));
      g_assert_cmpint (mh_article_get_modified (article), ==, text != NULL);
    }
  save_all (corpus);
  assert_files (corpus, expected);

  /* Undo: every byte back, on disk after Save All too. The saved records
   * dropped their documents: the undo reads each file and parses only the
   * patched bytes, and the rows follow without a hold. */
  for (guint i = 0; i < editable->len; i++)
    g_assert_false (mh_article_is_held (g_ptr_array_index (editable, i)));
  g_assert_true (mh_history_undo (corpus->history));
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);

      if (g_hash_table_contains (expected, path))
        g_assert_false (row_has_topic (article, "Climate"));
      assert_article (article, g_hash_table_lookup (corpus->original, path));
    }
  save_all (corpus);
  for (guint i = 0; i < corpus->paths->len; i++)
    {
      const char *path = g_ptr_array_index (corpus->paths, i);

      mh_test_assert_file (path, g_hash_table_lookup (corpus->original, path));
    }

  /* Redo: the edited bytes again. */
  g_assert_true (mh_history_redo (corpus->history));
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);
      const char *text = g_hash_table_lookup (expected, path);

      g_assert_true (row_has_topic (article, "Climate"));
      assert_article (article, text != NULL ? text : g_hash_table_lookup (corpus->original, path));
    }
  corpus_free (corpus);
}

/* The bulk editor's apply: over every record, the unparsable copies refuse
 * and stay as they were, the others change exactly as the engine would
 * change them alone, as one step; undo gives every byte back. */
static void
test_apply_changes (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) all = corpus_select (corpus, FALSE);
  g_autoptr(MhBatch) batch = mh_batch_new_add_item (all, "topics", "Climate");
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          g_free, g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (mh_batch_preview (batch, NULL, &error));
  g_assert_cmpuint (mh_batch_get_n_refusals (batch), ==, N_COPIES);
  g_assert_cmpuint (mh_batch_get_n_changes (batch), >, 0);
  for (guint i = 0; i < mh_batch_get_n_records (batch); i++)
    {
      MhArticle *article = mh_batch_get_article (batch, i);
      g_autofree char *path = path_of (article);

      if (mh_batch_get_outcome (batch, i) == MH_BATCH_CHANGE)
        g_hash_table_insert (expected, g_strdup (path),
                             expected_append (g_hash_table_lookup (corpus->original, path),
                                              "topics", "Climate"));
    }

  g_assert_true (mh_batch_apply_changes (batch, corpus->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mh_history_get_step_n_records (corpus->history, TRUE), ==,
                    g_hash_table_size (expected));
  g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==,
                    g_hash_table_size (expected));
  for (guint i = 0; i < all->len; i++)
    {
      MhArticle *article = g_ptr_array_index (all, i);
      g_autofree char *path = path_of (article);
      const char *text = g_hash_table_lookup (expected, path);

      if (text != NULL)
        assert_article (article, text);
      g_assert_cmpint (mh_article_get_modified (article), ==, text != NULL);
    }
  save_all (corpus);
  assert_files (corpus, expected);

  g_assert_true (mh_history_undo (corpus->history));
  save_all (corpus);
  for (guint i = 0; i < corpus->paths->len; i++)
    {
      const char *path = g_ptr_array_index (corpus->paths, i);

      mh_test_assert_file (path, g_hash_table_lookup (corpus->original, path));
    }
  corpus_free (corpus);
}

/* Merge, rename and delete topics by variant; exact bytes, undo, redo. */
static void
test_rename_topics (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) editable = corpus_select (corpus, TRUE);
  const char *olds[] = { "ML", "machine learning", NULL };
  g_autoptr(MhBatch) merge = mh_batch_new_rename_item (editable, "topics", olds,
                                                       "Machine Learning");
  g_autoptr(MhBatch) remove = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mh_batch_apply (merge, corpus->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mh_batch_get_n_changes (merge), ==, 3);
  g_assert_cmpstr (mh_history_get_undo_label (corpus->history), ==, "Merge topics");
  /* Renamed where it was alone; removed where the new name is already. */
  assert_article (corpus_article (corpus, "t-ml.md"),
                  "---\ntitle: ML only\ntopics:\n  - Machine Learning\n---\n");
  assert_article (corpus_article (corpus, "t-both.md"),
                  "---\ntitle: Both\ntopics:\n  - Machine Learning\n---\nBody\n");
  assert_article (corpus_article (corpus, "t-three.md"),
                  "---\n# topics below\ntitle: Three\ntopics:\n  - Machine Learning\n"
                  "  - AI\n---\n");

  /* Delete everywhere, case and accents aside: "AI", "Ai" in a CRLF file,
   * a flow list, and the seeds' own "AI". */
  remove = mh_batch_new_remove_item (editable, "topics", "ai");
  g_assert_true (mh_batch_preview (remove, NULL, &error));
  g_assert_cmpuint (mh_batch_get_n_changes (remove), >, 3);
  g_assert_true (mh_batch_apply (remove, corpus->history, &error));
  g_assert_no_error (error);
  assert_article (corpus_article (corpus, "t-crlf.md"),
                  "---\r\ntitle: Crlf\r\ntopics: []\r\n---\r\n");
  assert_article (corpus_article (corpus, "t-flow.md"),
                  "---\ntitle: Flow\ntopics: [Climate]\n---\n");
  assert_article (corpus_article (corpus, "t-three.md"),
                  "---\n# topics below\ntitle: Three\ntopics:\n  - Machine Learning\n---\n");

  g_assert_true (mh_history_undo (corpus->history));
  g_assert_true (mh_history_undo (corpus->history));
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);

      assert_article (article, g_hash_table_lookup (corpus->original, path));
      g_assert_false (mh_article_get_modified (article));
    }
  g_assert_true (mh_history_redo (corpus->history));
  assert_article (corpus_article (corpus, "t-both.md"),
                  "---\ntitle: Both\ntopics:\n  - Machine Learning\n---\nBody\n");
  corpus_free (corpus);
}

/* Set and clear fields on a selection; a value the schema refuses refuses
 * in every record; the diff of one record. */
static void
test_set_field (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) selection = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MhBatch) bad = NULL;
  g_autoptr(MhBatch) set = NULL;
  g_autoptr(MhBatch) clear = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *diff = NULL;

  g_ptr_array_add (selection, g_object_ref (corpus_article (corpus, "t-none.md")));
  g_ptr_array_add (selection, g_object_ref (corpus_article (corpus, "t-flow.md")));

  bad = mh_batch_new_set_field (selection, "quality", "high");
  g_assert_true (mh_batch_preview (bad, NULL, &error));
  g_assert_cmpuint (mh_batch_get_n_refusals (bad), ==, 2);
  g_assert_cmpstr (mh_batch_get_reason (bad, 0), ==, "“high” is not an integer");
  g_assert_false (mh_batch_apply (bad, corpus->history, &error));
  g_assert_error (error, MH_BATCH_ERROR, MH_BATCH_ERROR_REFUSED);
  g_clear_error (&error);

  set = mh_batch_new_set_field (selection, "published", "false");
  g_assert_true (mh_batch_preview (set, NULL, &error));
  g_assert_cmpuint (mh_batch_get_n_changes (set), ==, 2);
  diff = mh_batch_dup_diff (set, 0);
  g_assert_cmpstr (diff, ==,
                   "--- a/t-none.md\n+++ b/t-none.md\n@@ -1,4 +1,5 @@\n"
                   " ---\n title: No topics\n quality: 5\n+published: false\n ---\n");
  g_assert_true (mh_batch_apply (set, corpus->history, &error));
  assert_article (corpus_article (corpus, "t-flow.md"),
                  "---\ntitle: Flow\ntopics: [AI, Climate]\npublished: false\n---\n");

  /* Clearing: only where the key is. */
  clear = mh_batch_new_set_field (selection, "quality", NULL);
  g_assert_true (mh_batch_apply (clear, corpus->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mh_batch_get_n_changes (clear), ==, 1);
  g_assert_cmpuint (mh_batch_get_n_unchanged (clear), ==, 1);
  assert_article (corpus_article (corpus, "t-none.md"),
                  "---\ntitle: No topics\npublished: false\n---\n");

  g_assert_true (mh_history_undo (corpus->history));
  g_assert_true (mh_history_undo (corpus->history));
  assert_article (corpus_article (corpus, "t-none.md"), topic_records[5][1]);
  assert_article (corpus_article (corpus, "t-flow.md"), topic_records[3][1]);
  corpus_free (corpus);
}

/* A record that changed on disk after the preview: nothing is applied. */
static void
test_changed_since_preview (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) editable = corpus_select (corpus, TRUE);
  g_autoptr(MhBatch) batch = mh_batch_new_add_item (editable, "topics", "Zeta");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (corpus->dir, "t-none.md", NULL);
  const char *changed = "---\ntitle: Changed outside\n---\n";

  g_assert_true (mh_batch_preview (batch, NULL, &error));
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);
  mh_collection_flush_events (corpus->collection);

  g_assert_false (mh_batch_apply (batch, corpus->history, &error));
  g_assert_error (error, MH_BATCH_ERROR, MH_BATCH_ERROR_CHANGED);
  g_assert_false (mh_history_get_can_undo (corpus->history));
  g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==, 0);
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *article_path = path_of (article);

      if (g_str_equal (article_path, path))
        continue;
      assert_article (article, g_hash_table_lookup (corpus->original, article_path));
      g_assert_cmpuint (mh_article_get_edits (article)->len, ==, 0);
    }
  corpus_free (corpus);
}

/* The bytes a record holds now, read without holding it. */
static void
assert_kept (MhArticle  *article,
             const char *expected)
{
  GBytes *bytes = mh_article_get_bytes (article);

  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, strlen (expected));
}

/* Modified records nobody holds keep their bytes, not their parsed
 * documents: they undo, redo, take a second batch, save and replay onto a
 * file changed on disk byte-exact, without a hold. */
static void
test_bytes_only (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) editable = corpus_select (corpus, TRUE);
  g_autoptr(MhBatch) batch = mh_batch_new_add_item (editable, "topics", "Zeta");
  g_autoptr(MhBatch) again = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *ml_path = g_build_filename (corpus->dir, "t-ml.md", NULL);
  const char *theirs = "---\ntitle: ML renamed\ntopics:\n  - ML\n---\n";
  MhArticle *ml = corpus_article (corpus, "t-ml.md");
  MhSaveOutcome outcome;

  g_assert_true (mh_batch_apply (batch, corpus->history, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);
      const char *original = g_hash_table_lookup (corpus->original, path);

      g_assert_false (mh_article_is_held (article));
      if (!mh_article_get_modified (article))
        continue;
      g_hash_table_insert (expected, g_strdup (path), expected_append (original, "topics", "Zeta"));
      assert_kept (article, g_hash_table_lookup (expected, path));
      g_assert_true (row_has_topic (article, "Zeta"));
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, editable->len);

  /* Undo and redo patch the kept bytes. */
  g_assert_true (mh_history_undo (corpus->history));
  g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==, 0);
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);

      g_assert_false (mh_article_is_held (article));
      g_assert_false (row_has_topic (article, "Zeta"));
      assert_article (article, g_hash_table_lookup (corpus->original, path));
    }
  g_assert_true (mh_history_redo (corpus->history));
  for (guint i = 0; i < editable->len; i++)
    {
      MhArticle *article = g_ptr_array_index (editable, i);
      g_autofree char *path = path_of (article);

      g_assert_false (mh_article_is_held (article));
      assert_kept (article, g_hash_table_lookup (expected, path));
    }

  /* A second batch previews the kept bytes, not the files. */
  again = mh_batch_new_set_field (editable, "quality", "9");
  g_assert_true (mh_batch_preview (again, NULL, &error));
  for (guint i = 0; i < mh_batch_get_n_records (again); i++)
    if (mh_batch_get_outcome (again, i) == MH_BATCH_CHANGE)
      {
        g_autoptr(GBytes) after = mh_batch_dup_bytes (again, i);

        g_assert_nonnull (after);
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (after, NULL),
                                        g_bytes_get_size (after), "Zeta"));
      }
  g_clear_object (&again);

  /* Someone else renames t-ml.md: the kept edits replay onto it. */
  g_file_set_contents (ml_path, theirs, -1, &error);
  g_assert_no_error (error);
  mh_collection_flush_events (corpus->collection);
  g_assert_true (mh_collection_save (corpus->collection, ml, &outcome, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, MH_SAVE_MERGED);
  mh_test_assert_file (ml_path, "---\ntitle: ML renamed\ntopics:\n  - ML\n  - Zeta\n---\n");
  g_assert_cmpstr (mh_article_get_title (ml), ==, "ML renamed");
  g_hash_table_insert (expected, g_strdup (ml_path), mh_test_read (ml_path));

  /* The rest save as they were kept; untouched files keep their mtime. */
  save_all (corpus);
  assert_files (corpus, expected);
  corpus_free (corpus);
}

typedef struct
{
  guint         n_calls;
  guint         last_done;
  guint         total;
  guint         cancel_at;
  GCancellable *cancellable;
  gboolean      finished;
  guint         n_written;
  GPtrArray    *failed;
  GError       *error;
} Saving;

static void
progress_cb (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  Saving *saving = user_data;

  g_assert_cmpuint (n_done, >, saving->last_done);
  g_assert_cmpuint (n_done, <=, n_total);
  saving->n_calls++;
  saving->last_done = n_done;
  saving->total = n_total;
  if (saving->cancel_at > 0 && n_done >= saving->cancel_at)
    g_cancellable_cancel (saving->cancellable);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Saving *saving = user_data;

  saving->n_written = mh_collection_save_all_finish (MH_COLLECTION (object), result,
                                                     &saving->failed, &saving->error);
  saving->finished = TRUE;
}

static gboolean
saving_finished (gpointer data)
{
  return ((Saving *) data)->finished;
}

/* Save All off the main thread: progress up to the total, one conflicting
 * record listed with its reason while the others are written; then a
 * cancelled run leaves the rest modified. */
static void
test_save_all_async (void)
{
  Corpus *corpus = corpus_new ();
  g_autoptr(GPtrArray) editable = corpus_select (corpus, TRUE);
  g_autoptr(MhBatch) batch = mh_batch_new_set_field (editable, "heat", "7");
  g_autoptr(GError) error = NULL;
  g_autofree char *conflict_path = g_build_filename (corpus->dir, "t-none.md", NULL);
  Saving saving = { 0 };
  MhSaveFailure *failure;
  guint n_changes;

  g_assert_true (mh_batch_apply (batch, corpus->history, &error));
  g_assert_no_error (error);
  n_changes = mh_batch_get_n_changes (batch);
  g_assert_cmpuint (n_changes, >=, 50);

  /* Someone else edits the same field of one record meanwhile. */
  g_file_set_contents (conflict_path, "---\ntitle: No topics\nquality: 5\nheat: 9\n---\n", -1,
                       &error);
  g_assert_no_error (error);

  mh_collection_save_all_async (corpus->collection, progress_cb, &saving, NULL, saved_cb,
                                &saving);
  g_assert_true (mh_test_wait (saving_finished, &saving));
  g_assert_no_error (saving.error);
  g_assert_cmpuint (saving.total, ==, n_changes);
  g_assert_cmpuint (saving.last_done, ==, n_changes);
  g_assert_cmpuint (saving.n_written, ==, n_changes - 1);
  g_assert_cmpuint (saving.failed->len, ==, 1);
  failure = g_ptr_array_index (saving.failed, 0);
  g_assert_true (failure->article == corpus_article (corpus, "t-none.md"));
  g_assert_error (failure->error, MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT);
  g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==, 1);
  mh_test_assert_file (g_ptr_array_index (corpus->paths, corpus->paths->len - 3),
                       "---\ntitle: Flow\ntopics: [AI, Climate]\nheat: 7\n---\n");
  g_clear_pointer (&saving.failed, g_ptr_array_unref);

  /* Cancelled after a few: those stay written, the others modified. */
  {
    g_autoptr(MhBatch) again = mh_batch_new_set_field (editable, "heat", "8");
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    guint n_again;

    g_assert_true (mh_batch_apply (again, corpus->history, &error));
    g_assert_no_error (error);
    n_again = mh_collection_get_n_modified (corpus->collection);
    memset (&saving, 0, sizeof saving);
    saving.cancel_at = 2;
    saving.cancellable = cancellable;
    mh_collection_save_all_async (corpus->collection, progress_cb, &saving, cancellable,
                                  saved_cb, &saving);
    g_assert_true (mh_test_wait (saving_finished, &saving));
    g_assert_error (saving.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* Stopped early: not all written, and each record is either saved (its
     * file has the new value, it is unmodified) or still modified (its file
     * has not). The conflicting one is listed again. */
    g_assert_cmpuint (saving.n_written, <, n_again);
    g_assert_cmpuint (mh_collection_get_n_modified (corpus->collection), ==,
                      n_again - saving.n_written);
    for (guint i = 0; i < editable->len; i++)
      {
        MhArticle *article = g_ptr_array_index (editable, i);
        g_autofree char *article_path = path_of (article);
        g_autofree char *text = read_text (article_path);

        if (g_str_equal (article_path, conflict_path))
          continue;
        g_assert_cmpint (strstr (text, "\nheat: 8\n") != NULL || strstr (text, "\nheat: 8\r\n") != NULL,
                         ==, !mh_article_get_modified (article));
      }
    g_clear_pointer (&saving.failed, g_ptr_array_unref);
    g_clear_error (&saving.error);
  }
  corpus_free (corpus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch/add-topic", test_add_topic);
  g_test_add_func ("/batch/apply-changes", test_apply_changes);
  g_test_add_func ("/batch/rename-topics", test_rename_topics);
  g_test_add_func ("/batch/set-field", test_set_field);
  g_test_add_func ("/batch/changed-since-preview", test_changed_since_preview);
  g_test_add_func ("/batch/bytes-only", test_bytes_only);
  g_test_add_func ("/batch/save-all-async", test_save_all_async);

  return g_test_run ();
}
