/* test-curate.c: curating many records in the window: bulk edit, topics, saved views, Save All
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mh-application.h"
#include "../mh-test-files.h"
#include "mh-window-private.h"

#define TIMEOUT_MS 20000
/* Each seed is copied under these prefixes: 45 records, a third of them left unselected. */
static const char *prefixes[] = { "a_", "b_", "c_" };

static MhApplication *app;

typedef struct
{
  char       *folder;
  MhWindow   *window;
  GHashTable *bytes;    /* file name → GBytes, as set up */
  GHashTable *mtimes;   /* file name → modification time in µs, as set up */
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds (NULL: for @ms milliseconds). */
static void
spin (Fixture   *f,
      Condition  condition,
      guint      ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (ms, flag_cb, &expired);

  while ((condition == NULL || !condition (f)) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (condition != NULL)
    {
      g_assert_false (expired);
      g_source_remove (id);
    }
}

static gint64
mtime_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, "time::*", G_FILE_QUERY_INFO_NONE, NULL,
                                                 NULL);

  g_assert_nonnull (info);
  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
         + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

static GBytes *
bytes_of (const char *folder,
          const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static gboolean
loaded_cond (Fixture *f)
{
  MhCollection *collection = _mh_window_get_collection (f->window);

  return collection != NULL && !mh_collection_get_loading (collection)
         && gtk_sort_list_model_get_pending (f->window->sort_model) == 0
         && g_list_model_get_n_items (_mh_window_get_shown (f->window)) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("MH_SOURCE_ROOT"), "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (seeds, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  const char *name;

  f->folder = g_dir_make_tmp ("masthead-curate-XXXXXX", &error);
  g_assert_no_error (error);
  f->bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_bytes_unref);
  f->mtimes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) seed = bytes_of (seeds, name);

      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        {
          char *copy = g_strconcat (prefixes[i], name, NULL);
          g_autofree char *path = g_build_filename (f->folder, copy, NULL);

          g_file_set_contents (path, g_bytes_get_data (seed, NULL), g_bytes_get_size (seed),
                               &error);
          g_assert_no_error (error);
          g_hash_table_insert (f->bytes, copy, g_bytes_ref (seed));
        }
    }
  g_assert_cmpuint (g_hash_table_size (f->bytes), >=, 30);
  /* The times are read once every file is there: saves later must leave most of them alone. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, f->bytes);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autofree char *path = g_build_filename (f->folder, key, NULL);
        gint64 *time = g_new (gint64, 1);

        *time = mtime_of (path);
        g_hash_table_insert (f->mtimes, g_strdup (key), time);
      }
  }

  f->window = mh_window_new (GTK_APPLICATION (app), mh_application_get_settings (app));
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  folder = g_file_new_for_path (f->folder);
  mh_window_open_folder (f->window, folder);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (f, loaded_cond, TIMEOUT_MS);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      mh_collection_revert_all (_mh_window_get_collection (f->window));
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  spin (f, NULL, 200);
  g_assert_null (f->window);
  mh_test_remove_tree (f->folder);
  g_free (f->folder);
  g_hash_table_unref (f->bytes);
  g_hash_table_unref (f->mtimes);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers */

static gboolean
painted_cond (Fixture *f)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->window), "test-painted"));
}

static void
painted_cb (GdkFrameClock *clock,
            Fixture       *f)
{
  g_object_set_data (G_OBJECT (f->window), "test-painted", GINT_TO_POINTER (TRUE));
}

/* With MH_UI_SCREENSHOTS=DIR, saves the window as DIR/NAME.png once the next frame is painted:
 * how the pages look, for a curator's eye. */
static void
shoot (Fixture    *f,
       const char *name)
{
  const char *dir = g_getenv ("MH_UI_SCREENSHOTS");
  GdkFrameClock *clock;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  gulong handler;

  if (dir == NULL)
    return;
  spin (f, NULL, 300);
  g_object_set_data (G_OBJECT (f->window), "test-painted", NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), f);
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  spin (f, painted_cond, TIMEOUT_MS);
  g_signal_handler_disconnect (clock, handler);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (_mh_window_save_screenshot (f->window, path));
}

static const char *
name_of (MhArticle *article)
{
  return mh_article_get_display_name (article);
}

/* Selects, as Ctrl+click would, every shown row whose file starts with one of @starts.
 * Returns: (transfer container) the selected records. */
static GPtrArray *
select_where (Fixture            *f,
              const char * const *starts)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (_mh_window_get_shown (f->window));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  gtk_selection_model_unselect_all (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (G_LIST_MODEL (model), i);

      for (guint k = 0; starts[k] != NULL; k++)
        if (g_str_has_prefix (name_of (article), starts[k]))
          gtk_selection_model_select_item (model, i, FALSE);
    }
  return _mh_window_dup_selected (f->window);
}

static gboolean
in_set (GPtrArray  *articles,
        const char *name)
{
  for (guint i = 0; i < articles->len; i++)
    if (g_str_equal (name_of (g_ptr_array_index (articles, i)), name))
      return TRUE;
  return FALSE;
}

static gboolean
saved_cond (Fixture *f)
{
  MhCollection *collection = _mh_window_get_collection (f->window);

  return mh_collection_get_n_modified (collection) == 0
         && !mh_save_progress_is_running (_mh_window_get_save_progress (f->window));
}

static void
save_all (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-all", NULL));
  spin (f, saved_cond, TIMEOUT_MS);
}

/* What the engine makes of @name's set-up bytes with @edit: the bytes the window must write. */
static GBytes *
expected_bytes (Fixture      *f,
                const char   *name,
                const MhEdit *edit)
{
  g_autoptr(MhDocument) document = mh_document_new (g_hash_table_lookup (f->bytes, name));
  g_autoptr(GError) error = NULL;

  if (edit != NULL)
    {
      mh_document_apply (document, edit, &error);
      g_assert_no_error (error);
    }
  return g_bytes_ref (mh_document_get_bytes (document));
}

/* Every file: @changed ones hold @edit applied (NULL: their set-up bytes again) and have a new
 * time; every other one keeps its bytes and its modification time. */
static void
assert_files (Fixture      *f,
              GPtrArray    *changed,
              const MhEdit *edit,
              gboolean      rewritten)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, f->bytes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GBytes) disk = bytes_of (f->folder, key);
      g_autofree char *path = g_build_filename (f->folder, key, NULL);
      gint64 before = *(gint64 *) g_hash_table_lookup (f->mtimes, key);

      if (changed != NULL && in_set (changed, key))
        {
          g_autoptr(GBytes) want = expected_bytes (f, key, edit);

          g_assert_true (g_bytes_equal (disk, want));
          if (rewritten)
            g_assert_cmpint (mtime_of (path), !=, before);
        }
      else
        {
          g_assert_true (g_bytes_equal (disk, value));
          g_assert_cmpint (mtime_of (path), ==, before);
        }
    }
}

/* Every file not in @changed keeps its set-up bytes and modification time. */
static void
assert_untouched (Fixture   *f,
                  GPtrArray *changed)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, f->bytes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *path = g_build_filename (f->folder, key, NULL);
      g_autoptr(GBytes) disk = NULL;

      if (in_set (changed, key))
        continue;
      disk = bytes_of (f->folder, key);
      g_assert_true (g_bytes_equal (disk, value));
      g_assert_cmpint (mtime_of (path), ==, *(gint64 *) g_hash_table_lookup (f->mtimes, key));
    }
}

/* The records of @selected that can be edited. Returns: (transfer container) */
static GPtrArray *
writable (GPtrArray *selected)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < selected->len; i++)
    if (mh_article_get_readonly_reason (g_ptr_array_index (selected, i)) == NULL)
      g_ptr_array_add (out, g_ptr_array_index (selected, i));
  return out;
}

static void
undo (Fixture    *f,
      const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
}

/* ------------------------------------------------------------------------------------------ */
/* Bulk edit */

static void
test_select_all (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *shown = _mh_window_get_shown (f->window);
  GtkWidget *view = GTK_WIDGET (f->window->column_view);
  g_autoptr(GPtrArray) selected = NULL;
  const char *status;

  /* Ctrl+A is the list view's select-all: every row shown, here after a search. */
  gtk_editable_set_text (GTK_EDITABLE (_mh_window_get_search_entry (f->window)), "facial");
  spin (f, NULL, 400);
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      g_assert_true (gtk_widget_activate_action (child, "list.select-all", NULL));
  selected = _mh_window_dup_selected (f->window);
  g_assert_cmpuint (selected->len, ==, g_list_model_get_n_items (shown));
  g_assert_cmpuint (selected->len, >, 1);
  g_assert_cmpuint (selected->len, <, g_hash_table_size (f->bytes));
  g_assert_cmpstr (_mh_window_get_pane (f->window), ==, "bulk");
  g_assert_null (_mh_window_get_selected (f->window));
  status = gtk_label_get_text (f->window->status_label);
  {
    g_autofree char *count = g_strdup_printf ("· %u selected", selected->len);

    g_assert_nonnull (strstr (status, count));
  }

  /* One row: its form again. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), 0, TRUE);
  g_assert_cmpstr (_mh_window_get_pane (f->window), ==, "form");
  g_assert_nonnull (_mh_window_get_selected (f->window));
}

static void
test_bulk_add_topic (Fixture       *f,
                     gconstpointer  data)
{
  const char *starts[] = { "a_", "b_", NULL };
  g_autoptr(GPtrArray) selected = select_where (f, starts);
  g_autoptr(GPtrArray) changed = writable (selected);
  MhBulkEditor *editor = _mh_window_get_bulk_editor (f->window);
  MhBulkPreview *preview = mh_bulk_editor_get_preview (editor);
  g_autoptr(MhEdit) edit = mh_edit_new (MH_EDIT_APPEND, "topics",
                                        mh_node_new_scalar ("Curated", MH_SCALAR_STRING));
  MhHistory *history = mh_collection_get_history (_mh_window_get_collection (f->window));
  g_autofree char *want = NULL;
  g_autofree char *diff = NULL;
  GtkListBoxRow *row;

  g_assert_cmpuint (selected->len, ==, 2 * g_hash_table_size (f->bytes) / 3);
  /* The broken copies are selected too: they must refuse, not stop the others. */
  g_assert_cmpuint (changed->len, <, selected->len);
  g_assert_cmpstr (_mh_window_get_pane (f->window), ==, "bulk");

  gtk_drop_down_set_selected (mh_bulk_editor_get_action (editor), MH_BULK_ADD_TOPIC);
  /* Nothing typed yet: it says what is missing and cannot apply. */
  mh_bulk_editor_update_now (editor);
  g_assert_cmpstr (mh_bulk_preview_get_summary (preview), ==, "Type the topic to add.");
  g_assert_false (gtk_widget_get_sensitive (mh_bulk_preview_get_apply_button (preview)));

  /* The preview follows typing by itself. */
  gtk_editable_set_text (mh_bulk_editor_get_value (editor), "Curated");
  want = g_strdup_printf ("%u records change, %u would refuse: ", changed->len,
                          selected->len - changed->len);
  spin (f, NULL, 500);
  g_assert_true (g_str_has_prefix (mh_bulk_preview_get_summary (preview), want));
  g_assert_nonnull (strstr (mh_bulk_preview_get_summary (preview), "zz_broken_yaml.txt"));
  /* The preview changed no record. */
  g_assert_cmpuint (mh_collection_get_n_modified (_mh_window_get_collection (f->window)), ==, 0);

  /* Each diff is one click away. */
  row = gtk_list_box_get_row_at_index (mh_bulk_preview_get_list (preview), 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (mh_bulk_preview_get_list (preview), "row-activated", row);
  diff = mh_bulk_preview_dup_diff_text (preview);
  g_assert_nonnull (strstr (diff, "Curated"));
  shoot (f, "bulk-editor");

  /* Apply: one step over every writable selected record. */
  g_assert_true (gtk_widget_get_sensitive (mh_bulk_preview_get_apply_button (preview)));
  g_signal_emit_by_name (mh_bulk_preview_get_apply_button (preview), "clicked");
  g_assert_cmpuint (mh_collection_get_n_modified (_mh_window_get_collection (f->window)), ==,
                    changed->len);
  g_assert_cmpstr (mh_history_get_undo_label (history), ==, "Add “Curated” to Topics");
  /* Applied again, the same change does nothing more. */
  g_assert_true (g_str_has_prefix (mh_bulk_preview_get_summary (preview), "0 records change"));

  save_all (f);
  assert_files (f, changed, edit, TRUE);
  /* Two of the files by hand: a block list and a flow list. */
  {
    g_autoptr(GBytes) block = bytes_of (f->folder, "a_000_6a22c6f8e948ba59.txt");
    g_autoptr(GBytes) flow = bytes_of (f->folder, "b_005_a22be6dd6b64ef1f.txt");

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (block, NULL), g_bytes_get_size (block),
                                    "  - Computer Vision\n  - AI\n  - Curated\n\nimages:"));
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (flow, NULL), g_bytes_get_size (flow),
                                    "topics: [Space, Japan, 宇宙, Curated]\n"));
  }

  /* Ctrl+Z takes all of it back, in one step; Save All writes the old bytes. */
  undo (f, "win.undo");
  g_assert_cmpuint (mh_collection_get_n_modified (_mh_window_get_collection (f->window)), ==,
                    changed->len);
  save_all (f);
  assert_files (f, changed, NULL, TRUE);

  undo (f, "win.redo");
  save_all (f);
  assert_files (f, changed, edit, TRUE);
}

static void
test_bulk_set_and_clear (Fixture       *f,
                         gconstpointer  data)
{
  const char *starts[] = { "c_0", NULL };
  g_autoptr(GPtrArray) selected = select_where (f, starts);
  MhBulkEditor *editor = _mh_window_get_bulk_editor (f->window);
  MhBulkPreview *preview = mh_bulk_editor_get_preview (editor);
  MhHistory *history = mh_collection_get_history (_mh_window_get_collection (f->window));
  g_autoptr(MhEdit) set = mh_edit_new (MH_EDIT_SET, "quality",
                                       mh_node_new_scalar ("75", MH_SCALAR_INT));

  g_assert_cmpuint (selected->len, >=, 10);
  gtk_drop_down_set_selected (mh_bulk_editor_get_action (editor), MH_BULK_SET_FIELD);
  g_assert_true (mh_bulk_editor_select_field (editor, "quality"));
  /* A value of the wrong type says so, inline, and cannot apply. */
  gtk_editable_set_text (mh_bulk_editor_get_value (editor), "high");
  mh_bulk_editor_update_now (editor);
  g_assert_cmpstr (mh_bulk_preview_get_summary (preview), ==, "Type a whole number.");
  g_assert_false (gtk_widget_get_sensitive (mh_bulk_preview_get_apply_button (preview)));

  gtk_editable_set_text (mh_bulk_editor_get_value (editor), "75");
  mh_bulk_editor_update_now (editor);
  g_assert_true (mh_bulk_preview_apply (preview));
  save_all (f);
  assert_files (f, selected, set, TRUE);

  /* Clearing a field skips the records without it; one undo step again. */
  gtk_drop_down_set_selected (mh_bulk_editor_get_action (editor), MH_BULK_CLEAR_FIELD);
  g_assert_true (mh_bulk_editor_select_field (editor, "quality"));
  mh_bulk_editor_update_now (editor);
  g_assert_true (mh_bulk_preview_apply (preview));
  g_assert_cmpstr (mh_history_get_undo_label (history), ==, "Clear Quality");
  undo (f, "win.undo");
  save_all (f);
  assert_files (f, selected, set, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Topics page */

/* The items of @bytes' topics list, or NULL when it has none. */
static GStrv
topics_of (GBytes *bytes)
{
  g_autoptr(MhDocument) document = mh_document_new (bytes);
  MhNode *list = mh_document_lookup (document, "topics", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (list == NULL || list->kind != MH_NODE_SEQUENCE)
    return NULL;
  for (guint i = 0; i < mh_node_get_n_items (list); i++)
    g_strv_builder_add (builder, mh_node_get_item (list, i)->value);
  return g_strv_builder_end (builder);
}

static gboolean
has_item (GStrv items, const char *a, const char *b, const char *c)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (g_strcmp0 (items[i], a) == 0 || g_strcmp0 (items[i], b) == 0
        || g_strcmp0 (items[i], c) == 0)
      return TRUE;
  return FALSE;
}

/* The files whose set-up topics hold one of @a, @b, @c (NULL ends them). */
static GPtrArray *
files_with (Fixture *f, const char *a, const char *b, const char *c)
{
  GPtrArray *out = g_ptr_array_new ();
  GListModel *records = G_LIST_MODEL (_mh_window_get_collection (f->window));

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (records, i);
      g_auto(GStrv) items = topics_of (g_hash_table_lookup (f->bytes, name_of (article)));

      if (mh_article_get_readonly_reason (article) == NULL && has_item (items, a, b, c))
        g_ptr_array_add (out, article);
    }
  return out;
}

static MhTopicsPage *
open_topics (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-topics", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "topics");
  return _mh_window_get_topics_page (f->window);
}

static void
test_topics_rename (Fixture       *f,
                    gconstpointer  data)
{
  MhTopicsPage *page = open_topics (f);
  MhBulkPreview *preview = mh_topics_page_get_preview (page);
  g_autoptr(GPtrArray) with_ai = files_with (f, "AI", NULL, NULL);
  g_auto(GStrv) variants = mh_topics_page_dup_variants (page, "Privacy");
  g_autofree char *want = g_strdup_printf ("%u records change.", with_ai->len);
  GtkListBoxRow *row = mh_topics_page_find_row (page, "AI");
  GHashTableIter iter;
  gpointer key;

  /* Counts are records; a spelling differing in case is a variant, not a topic of its own. */
  g_assert_cmpuint (mh_topics_page_get_count (page, "AI"), ==, with_ai->len);
  g_assert_cmpuint (with_ai->len, >=, 6);
  g_assert_cmpstrv (variants, ((const char *[]) { "privacy", NULL }));
  g_assert_true (mh_topics_page_find_row (page, "privacy") == mh_topics_page_find_row (page,
                                                                                      "Privacy"));
  /* The search narrows the list, folding case and accents. */
  gtk_editable_set_text (mh_topics_page_get_search (page), "spac");
  spin (f, NULL, 400);
  g_assert_null (mh_topics_page_find_row (page, "AI"));
  g_assert_nonnull (mh_topics_page_find_row (page, "SpaceX"));
  gtk_editable_set_text (mh_topics_page_get_search (page), "");
  spin (f, NULL, 400);

  row = mh_topics_page_find_row (page, "AI");
  g_assert_nonnull (row);
  gtk_list_box_select_row (mh_topics_page_get_list (page), row);
  g_assert_cmpstr (gtk_editable_get_text (mh_topics_page_get_new_name (page)), ==, "AI");
  mh_topics_page_update_now (page);
  g_assert_cmpstr (mh_bulk_preview_get_summary (preview), ==, "No record would change.");
  gtk_editable_set_text (mh_topics_page_get_new_name (page), "Artificial Intelligence");
  mh_topics_page_update_now (page);
  g_assert_cmpstr (mh_bulk_preview_get_summary (preview), ==, want);
  g_assert_true (mh_bulk_preview_apply (preview));
  /* Counted again after the apply. */
  g_assert_cmpuint (mh_topics_page_get_count (page, "AI"), ==, 0);
  g_assert_cmpuint (mh_topics_page_get_count (page, "Artificial Intelligence"), ==, with_ai->len);
  save_all (f);

  /* In place: the item has the new spelling where the old one was, nothing else moved. */
  g_hash_table_iter_init (&iter, f->bytes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GBytes) disk = bytes_of (f->folder, key);
      g_auto(GStrv) before = topics_of (g_hash_table_lookup (f->bytes, key));
      g_auto(GStrv) after = topics_of (disk);

      if (!in_set (with_ai, key))
        continue;
      g_assert_cmpuint (g_strv_length (before), ==, g_strv_length (after));
      for (guint i = 0; before[i] != NULL; i++)
        g_assert_cmpstr (after[i], ==, g_str_equal (before[i], "AI") ? "Artificial Intelligence"
                                                                    : before[i]);
    }
  {
    g_autoptr(GBytes) flow = bytes_of (f->folder, "c_008_1543bd702e27e2e0.txt");

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (flow, NULL), g_bytes_get_size (flow),
                                    "topics: [Artificial Intelligence, Privacy]\n"));
  }
  assert_untouched (f, with_ai);

  /* One undo takes every record back. */
  undo (f, "win.undo");
  save_all (f);
  assert_files (f, with_ai, NULL, TRUE);
}

static void
test_topics_merge (Fixture       *f,
                   gconstpointer  data)
{
  MhTopicsPage *page = open_topics (f);
  MhBulkPreview *preview = mh_topics_page_get_preview (page);
  g_autoptr(GPtrArray) touched = files_with (f, "Privacy", "privacy", "Computer Vision");
  GHashTableIter iter;
  gpointer key;

  gtk_list_box_select_row (mh_topics_page_get_list (page),
                           mh_topics_page_find_row (page, "Computer Vision"));
  gtk_list_box_select_row (mh_topics_page_get_list (page),
                           mh_topics_page_find_row (page, "Privacy"));
  gtk_editable_set_text (mh_topics_page_get_new_name (page), "Privacy");
  mh_topics_page_update_now (page);
  shoot (f, "topics-merge");
  g_assert_true (mh_bulk_preview_apply (preview));
  g_assert_cmpuint (mh_topics_page_get_count (page, "Computer Vision"), ==, 0);
  g_assert_cmpuint (mh_topics_page_get_count (page, "Privacy"), ==, touched->len);
  {
    g_auto(GStrv) variants = mh_topics_page_dup_variants (page, "Privacy");

    g_assert_cmpstrv (variants, ((const char *[]) { NULL }));
  }
  save_all (f);

  /* Every spelling of the merged topics became one "Privacy", where the first of them was. */
  g_hash_table_iter_init (&iter, f->bytes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GBytes) disk = bytes_of (f->folder, key);
      g_auto(GStrv) before = topics_of (g_hash_table_lookup (f->bytes, key));
      g_auto(GStrv) after = topics_of (disk);
      g_autoptr(GStrvBuilder) want = g_strv_builder_new ();
      g_auto(GStrv) wanted = NULL;
      gboolean placed = FALSE;

      if (!in_set (touched, key))
        continue;
      for (guint i = 0; before[i] != NULL; i++)
        if (!has_item ((char *[]) { before[i], NULL }, "Privacy", "privacy", "Computer Vision"))
          g_strv_builder_add (want, before[i]);
        else if (!placed)
          {
            g_strv_builder_add (want, "Privacy");
            placed = TRUE;
          }
      wanted = g_strv_builder_end (want);
      g_assert_cmpstrv (after, wanted);
    }
  assert_untouched (f, touched);

  /* (A record with only "Privacy" was not rewritten: its time is not checked here.) */
  undo (f, "win.undo");
  save_all (f);
  assert_files (f, touched, NULL, FALSE);
}

static void
test_topics_delete_other_key (Fixture       *f,
                              gconstpointer  data)
{
  MhTopicsPage *page = open_topics (f);
  MhBulkPreview *preview = mh_topics_page_get_preview (page);

  /* Any list key: the images' list holds mappings, not items to count. */
  mh_topics_page_set_key (page, "images");
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (mh_topics_page_get_list (page))));
  mh_topics_page_set_key (page, "topics");
  gtk_list_box_select_row (mh_topics_page_get_list (page), mh_topics_page_find_row (page, "SpaceX"));
  gtk_drop_down_set_selected (mh_topics_page_get_action (page), MH_TOPICS_DELETE);
  mh_topics_page_update_now (page);
  g_assert_true (mh_bulk_preview_apply (preview));
  g_assert_null (mh_topics_page_find_row (page, "SpaceX"));
  g_assert_cmpstr (mh_history_get_undo_label (mh_collection_get_history (
                     _mh_window_get_collection (f->window))), ==, "Delete “SpaceX” everywhere");
  undo (f, "win.undo");
  mh_topics_page_refresh (page);
  g_assert_nonnull (mh_topics_page_find_row (page, "SpaceX"));

  /* Escape, or the back button, goes back to the records. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-records", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "collection");
}

/* ------------------------------------------------------------------------------------------ */
/* Save All */

static gboolean
save_done_cond (Fixture *f)
{
  return !mh_save_progress_is_running (_mh_window_get_save_progress (f->window));
}

/* Selects @starts, sets quality to 75 on them in one step. */
static GPtrArray *
set_quality (Fixture            *f,
             const char * const *starts)
{
  GPtrArray *selected = select_where (f, starts);
  MhBulkEditor *editor = _mh_window_get_bulk_editor (f->window);

  gtk_drop_down_set_selected (mh_bulk_editor_get_action (editor), MH_BULK_SET_FIELD);
  g_assert_true (mh_bulk_editor_select_field (editor, "quality"));
  gtk_editable_set_text (mh_bulk_editor_get_value (editor), "75");
  mh_bulk_editor_update_now (editor);
  g_assert_true (mh_bulk_preview_apply (mh_bulk_editor_get_preview (editor)));
  return selected;
}

static void
test_save_all_failure (Fixture       *f,
                       gconstpointer  data)
{
  const char *starts[] = { "a_0", NULL };
  const char *victim = "a_001_5836575090c4a738.txt";
  g_autoptr(GPtrArray) selected = set_quality (f, starts);
  g_autoptr(GPtrArray) saved = g_ptr_array_new ();
  g_autoptr(MhEdit) set = mh_edit_new (MH_EDIT_SET, "quality",
                                       mh_node_new_scalar ("75", MH_SCALAR_INT));
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) disk = NULL;
  MhSaveProgress *progress = _mh_window_get_save_progress (f->window);
  MhCollection *collection = _mh_window_get_collection (f->window);
  GPtrArray *failures;
  GtkListBoxRow *row;
  GtkWidget *dialog;

  /* Someone else sets the same field in one file meanwhile: that record conflicts. */
  {
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (g_hash_table_lookup (f->bytes,
                                                                                       victim),
                                                                  NULL),
                                                g_bytes_get_size (g_hash_table_lookup (f->bytes,
                                                                                       victim)));
    g_autofree char *path = g_build_filename (f->folder, victim, NULL);
    g_autoptr(GError) error = NULL;
    char *at = strstr (text->str, "\nquality: ");

    g_assert_nonnull (at);
    g_string_insert (text, at - text->str + strlen ("\nquality: "), "1");
    g_file_set_contents (path, text->str, text->len, &error);
    g_assert_no_error (error);
    theirs = g_bytes_new (text->str, text->len);
  }
  mh_collection_flush_events (collection);
  for (guint i = 0; i < selected->len; i++)
    if (!g_str_equal (name_of (g_ptr_array_index (selected, i)), victim))
      g_ptr_array_add (saved, g_ptr_array_index (selected, i));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-all", NULL));
  g_assert_true (mh_save_progress_is_running (progress));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_true (g_str_has_prefix (mh_save_progress_get_text (progress), "Saving 1 of 14"));
  /* Save All does not start twice. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-all", NULL);
  g_assert_true (g_str_has_prefix (mh_save_progress_get_text (progress), "Saving 1 of 14"));
  spin (f, save_done_cond, TIMEOUT_MS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));

  /* The one that failed is listed with its reason; the others are saved. */
  failures = mh_save_progress_get_failures (progress);
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_cmpstr (name_of (((MhSaveFailure *) g_ptr_array_index (failures, 0))->article), ==,
                   victim);
  g_assert_error (((MhSaveFailure *) g_ptr_array_index (failures, 0))->error,
                  MH_COLLECTION_ERROR, MH_COLLECTION_ERROR_CONFLICT);
  g_assert_cmpuint (mh_collection_get_n_modified (collection), ==, 1);
  assert_untouched (f, selected);
  for (guint i = 0; i < saved->len; i++)
    {
      g_autoptr(GBytes) want = expected_bytes (f, name_of (g_ptr_array_index (saved, i)), set);
      g_autoptr(GBytes) now = bytes_of (f->folder, name_of (g_ptr_array_index (saved, i)));

      g_assert_true (g_bytes_equal (now, want));
    }
  disk = bytes_of (f->folder, victim);
  g_assert_true (g_bytes_equal (disk, theirs));

  /* The list takes the curator to the record. */
  dialog = _mh_window_get_failures_dialog (f->window);
  g_assert_nonnull (dialog);
  row = NULL;
  for (GtkWidget *w = dialog; w != NULL && row == NULL;)
    {
      /* The first list box row inside the dialog. */
      GtkWidget *next = gtk_widget_get_first_child (w);

      while (next == NULL && w != dialog)
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = next;
      if (w != NULL && GTK_IS_LIST_BOX_ROW (w))
        row = GTK_LIST_BOX_ROW (w);
    }
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  g_assert_cmpstr (name_of (_mh_window_get_selected (f->window)), ==, victim);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (_mh_window_get_failures_dialog (f->window));
}

static void
test_save_all_cancel (Fixture       *f,
                      gconstpointer  data)
{
  const char *starts[] = { "a_", "b_", NULL };
  g_autoptr(GPtrArray) selected = set_quality (f, starts);
  g_autoptr(GPtrArray) changed = writable (selected);
  g_autoptr(MhEdit) set = mh_edit_new (MH_EDIT_SET, "quality",
                                       mh_node_new_scalar ("75", MH_SCALAR_INT));
  MhSaveProgress *progress = _mh_window_get_save_progress (f->window);
  MhCollection *collection = _mh_window_get_collection (f->window);
  guint left;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-all", NULL));
  /* Cancel at once: the worker stops before its next file. What was written stays written
   * and unmodified; the rest keeps its old bytes on disk and stays modified. */
  g_signal_emit_by_name (mh_save_progress_get_cancel_button (progress), "clicked");
  spin (f, save_done_cond, TIMEOUT_MS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_null (_mh_window_get_failures_dialog (f->window));
  left = mh_collection_get_n_modified (collection);
  g_test_message ("%u of %u records left modified by the cancel", left, changed->len);
  for (guint i = 0; i < changed->len; i++)
    {
      MhArticle *article = g_ptr_array_index (changed, i);
      g_autoptr(GBytes) want = expected_bytes (f, name_of (article), set);
      g_autoptr(GBytes) now = bytes_of (f->folder, name_of (article));

      if (mh_article_get_modified (article))
        g_assert_true (g_bytes_equal (now, g_hash_table_lookup (f->bytes, name_of (article))));
      else
        g_assert_true (g_bytes_equal (now, want));
    }

  save_all (f);
  assert_files (f, changed, set, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* Saved views */

static void
test_saved_views (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = mh_application_get_settings (app);
  MhSavedViews *views = _mh_window_get_saved_views (f->window);
  GtkEditable *search = GTK_EDITABLE (_mh_window_get_search_entry (f->window));
  GListModel *shown = _mh_window_get_shown (f->window);
  guint n_all = g_list_model_get_n_items (shown);
  guint n_privacy;
  g_autoptr(GFile) folder = g_file_new_for_path (f->folder);
  g_autoptr(GFile) other = NULL;
  g_autofree char *other_path = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "saved-views");
  /* Nothing to keep and nothing kept: no section at all. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (views)));
  gtk_editable_set_text (search, "privacy");
  spin (f, NULL, 400);
  n_privacy = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_privacy, <, n_all);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (views)));
  g_assert_true (gtk_widget_get_sensitive (mh_saved_views_get_keep_button (views)));
  gtk_editable_set_text (mh_saved_views_get_name_entry (views), "Privacy news");
  g_signal_emit_by_name (mh_saved_views_get_name_entry (views), "activate");
  names = mh_saved_views_dup_names (views);
  g_assert_cmpstrv (names, ((const char *[]) { "Privacy news", NULL }));

  /* Clicking the view searches again. */
  gtk_editable_set_text (search, "");
  spin (f, NULL, 400);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
  g_signal_emit_by_name (mh_saved_views_get_button (views, "Privacy news"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "privacy");
  spin (f, NULL, 400);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_privacy);

  g_assert_true (mh_saved_views_rename (views, "Privacy news", "Privacy"));
  mh_saved_views_add (views, "Space", "space");

  /* A new window on the same folder has them, in order; another folder has none. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (f, NULL, 200);
  g_assert_null (f->window);
  f->window = mh_window_new (GTK_APPLICATION (app), settings);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  mh_window_open_folder (f->window, folder);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (f, loaded_cond, TIMEOUT_MS);
  views = _mh_window_get_saved_views (f->window);
  g_clear_pointer (&names, g_strfreev);
  names = mh_saved_views_dup_names (views);
  g_assert_cmpstrv (names, ((const char *[]) { "Privacy", "Space", NULL }));
  g_assert_cmpstr (mh_saved_views_lookup (views, "Privacy"), ==, "privacy");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (views)));
  shoot (f, "saved-views");

  other_path = g_dir_make_tmp ("masthead-curate-other-XXXXXX", &error);
  g_assert_no_error (error);
  other = g_file_new_for_path (other_path);
  mh_saved_views_set_folder (views, other);
  g_clear_pointer (&names, g_strfreev);
  names = mh_saved_views_dup_names (views);
  g_assert_cmpstrv (names, ((const char *[]) { NULL }));
  mh_saved_views_set_folder (views, folder);

  /* Removing the last view of a folder leaves no entry for it. */
  g_assert_true (mh_saved_views_remove (views, "Privacy"));
  g_assert_true (mh_saved_views_remove (views, "Space"));
  g_assert_false (mh_saved_views_remove (views, "Space"));
  {
    g_autoptr(GVariant) stored = g_settings_get_value (settings, "saved-views");

    g_assert_cmpuint (g_variant_n_children (stored), ==, 0);
  }
  g_rmdir (other_path);
  g_settings_reset (settings, "saved-views");
}

/* ------------------------------------------------------------------------------------------ */
/* Queries in the search field */

static guint
count_where (Fixture *f,
             gboolean (*test) (MhArticle *article))
{
  GListModel *records = G_LIST_MODEL (_mh_window_get_collection (f->window));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (records, i);

      n += test (article);
    }
  return n;
}

static gboolean
good_quality (MhArticle *article)
{
  return mh_article_get_has_quality (article) && mh_article_get_quality (article) >= 60;
}

static gboolean
about_privacy (MhArticle *article)
{
  const char * const *topics = mh_article_get_topics (article);

  for (guint i = 0; topics[i] != NULL; i++)
    if (g_ascii_strcasecmp (topics[i], "privacy") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
from_mit (MhArticle *article)
{
  return g_strcmp0 (name_of (article) + 2, "000_6a22c6f8e948ba59.txt") == 0;
}

static void
search_for (Fixture    *f,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (_mh_window_get_search_entry (f->window)), text);
  spin (f, NULL, 400);
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  GListModel *shown = _mh_window_get_shown (f->window);
  GtkWidget *error = GTK_WIDGET (f->window->search_error);
  guint n_all = g_list_model_get_n_items (shown);
  guint n;

  /* A comparison of numbers, from the records' summaries. */
  search_for (f, "quality>=60");
  n = count_where (f, good_quality);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, n_all);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_false (gtk_widget_get_visible (error));

  /* Text compares ignoring case; a list matches when an item does. */
  search_for (f, "topics=PRIVACY");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_where (f, about_privacy));

  /* A key the list does not show reads the documents. */
  search_for (f, "provider.domain=technologyreview.com and webUrl~clearview");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_where (f, from_mit));
  search_for (f, "not has:provider.domain");
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n_all);

  /* A malformed query says where, under the field, and leaves the list as it was. */
  search_for (f, "quality>=60");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_where (f, good_quality));
  /* As a curator would: two characters taken back (a new text would pass through ""). */
  gtk_editable_delete_text (GTK_EDITABLE (_mh_window_get_search_entry (f->window)), 9, -1);
  spin (f, NULL, 400);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_mh_window_get_search_entry (f->window))),
                   ==, "quality>=");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error)), "Column 10: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_mh_window_get_search_entry (f->window)),
                                           "error"));
  shoot (f, "query-error");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_where (f, good_quality));

  /* Plain words search as they always did; an empty field shows every record. */
  search_for (f, "clearview");
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_where (f, from_mit));
  search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *name;
    void      (*func) (Fixture *f, gconstpointer data);
  } tests[] = {
    { "select-all", test_select_all },
    { "bulk-add-topic", test_bulk_add_topic },
    { "bulk-set-and-clear", test_bulk_set_and_clear },
    { "topics-rename", test_topics_rename },
    { "topics-merge", test_topics_merge },
    { "topics-delete-other-key", test_topics_delete_other_key },
    { "query", test_query },
    { "saved-views", test_saved_views },
    { "save-all-failure", test_save_all_failure },
    { "save-all-cancel", test_save_all_cancel },
  };
  int status;

  /* As test-window.c does: cairo, no GL (Mesa leaks at start-up), no accessibility bus. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  app = mh_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strconcat ("/ui/curate/", tests[i].name, NULL);

      g_test_add (path, Fixture, NULL, fixture_setup, tests[i].func, fixture_teardown);
    }
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
