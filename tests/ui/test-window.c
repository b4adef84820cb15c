/* test-window.c: the window on a copy of seeds/: edit through widgets, save, search, facets, close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gtk/gtk.h>

#include "mh-application.h"
#include "mh-facet-sidebar.h"
#include "mh-record-form.h"
#include "mh-window-private.h"

#define SEED "000_6a22c6f8e948ba59.txt"
#define TIMEOUT_MS 10000

static MhApplication *app;

typedef struct
{
  char     *folder;
  MhWindow *window;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @condition holds; fails the test after a timeout. */
static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (TIMEOUT_MS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out waiting for %s", what);
  g_source_remove (id);
}

static void
drain (void)
{
  /* Let idle refreshes, the search entry's delay and facet recounts run. */
  gboolean done = FALSE;
  guint id = g_timeout_add (300, timeout_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void) id;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
painted_cond (gpointer data)
{
  return *(gboolean *) data;
}

/* With MH_UI_SCREENSHOTS=DIR, saves the window as DIR/NAME.png once the next frame is painted:
 * the README's screenshots come from here. */
static void
shoot (MhWindow   *window,
       const char *name)
{
  const char *dir = g_getenv ("MH_UI_SCREENSHOTS");
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  gulong handler;

  if (dir == NULL)
    return;
  drain ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  wait_for (painted_cond, &painted, "a frame");
  g_signal_handler_disconnect (clock, handler);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (_mh_window_save_screenshot (window, path));
}

/* Not inlined: GCC 12 then takes the returned buffer for a dangling local. */
G_GNUC_NO_INLINE static char *
read_file (const char *folder,
           const char *name,
           gsize      *len)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static void
copy_seeds (const char *dest)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("MH_SOURCE_ROOT"), "seeds", NULL);
  g_autoptr(GDir) dir = g_dir_open (seeds, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *to = g_build_filename (dest, name, NULL);
      g_autoptr(GError) error = NULL;
      gsize len;

      contents = read_file (seeds, name, &len);
      g_file_set_contents (to, contents, len, &error);
      g_assert_no_error (error);
    }
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

static gboolean
loaded_cond (gpointer data)
{
  MhWindow *window = data;
  MhCollection *collection = _mh_window_get_collection (window);

  /* The view sorts in steps: wait for the rows to be in their final order too. */
  return collection != NULL && !mh_collection_get_loading (collection)
         && gtk_sort_list_model_get_pending (window->sort_model) == 0
         && g_list_model_get_n_items (G_LIST_MODEL (collection)) > 0
         && g_list_model_get_n_items (_mh_window_get_shown (window)) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;

  f->folder = g_dir_make_tmp ("masthead-ui-XXXXXX", &error);
  g_assert_no_error (error);
  copy_seeds (f->folder);

  f->window = mh_window_new (GTK_APPLICATION (app), mh_application_get_settings (app));
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  folder = g_file_new_for_path (f->folder);
  mh_window_open_folder (f->window, folder);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (loaded_cond, f->window, "the collection to load");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      MhCollection *collection = _mh_window_get_collection (f->window);

      /* Unsaved edits would ask; the tests that care have checked that already. */
      if (collection != NULL)
        mh_collection_revert_all (collection);
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  drain ();
  g_assert_null (f->window);
  remove_folder (f->folder);
  g_free (f->folder);
}

static MhArticle *
select_file (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MhArticle *article = mh_collection_lookup (_mh_window_get_collection (f->window), file);

  g_assert_nonnull (article);
  g_assert_true (_mh_window_select_article (f->window, article));
  g_assert_true (mh_record_form_get_article (_mh_window_get_form (f->window)) == article);
  drain ();
  return article;
}

static GtkWidget *
field (Fixture    *f,
       const char *path)
{
  MhRecordForm *form = _mh_window_get_form (f->window);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *widget;

  /* The form rebuilds from an idle: on a loaded machine drain() can end
   * before it ran, so wait for the field rather than for a fixed time. */
  while ((widget = mh_record_form_get_field (form, path)) == NULL
         && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_sensitive (widget));
  return widget;
}

/* Replaces the one occurrence of @from in @text. */
static void
replace_once (GString    *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text->str, from);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  g_string_erase (text, at - text->str, strlen (from));
  g_string_insert (text, at - text->str, to);
}

static void
test_edit_and_save (Fixture       *f,
                    gconstpointer  data)
{
  MhRecordForm *form = _mh_window_get_form (f->window);
  MhArticle *article = select_file (f, SEED);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *diff = NULL;
  g_autoptr(GString) expected = NULL;
  GtkWidget *topic_entry;
  GtkWidget *remove;
  gsize len;

  before = read_file (f->folder, SEED, &len);
  expected = g_string_new_len (before, len);

  gtk_editable_set_text (GTK_EDITABLE (field (f, "title")), "The NYPD and facial recognition");
  drain ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (f, "excerpt"))),
                            "A shorter excerpt.", -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (f, "quality")), 61);
  gtk_switch_set_active (GTK_SWITCH (field (f, "published")), TRUE);
  drain ();

  topic_entry = mh_record_form_get_topic_entry (form);
  gtk_editable_set_text (GTK_EDITABLE (topic_entry), "Privacy");
  g_signal_emit_by_name (topic_entry, "activate");
  drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (topic_entry)), ==, "");
  remove = mh_record_form_get_topic_remove (form, "Computer Vision");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  drain ();
  g_assert_null (mh_record_form_get_topic_remove (form, "Computer Vision"));
  g_assert_nonnull (mh_record_form_get_topic_remove (form, "Privacy"));

  gtk_editable_set_text (GTK_EDITABLE (field (f, "related[0].webUrl")),
                         "https://nypost.com/2021/04/11/nypd/");
  drain ();

  g_assert_true (mh_article_get_modified (article));
  /* Browsing and editing never wrote a byte. */
  after = read_file (f->folder, SEED, &len);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  mh_record_form_show_view (form, "changes");
  shoot (f->window, "changes");
  mh_record_form_show_view (form, "fields");

  diff = mh_record_form_dup_diff_text (form);
  g_assert_nonnull (strstr (diff, "+title: \"The NYPD and facial recognition\"\n"));
  g_assert_nonnull (strstr (diff, "-quality: 52\n"));
  g_assert_nonnull (strstr (diff, "+quality: 61\n"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  drain ();
  g_assert_false (mh_article_get_modified (article));

  replace_once (expected,
                "title: \"The NYPD used a controversial facial recognition tool. Here’s what you "
                "need to know.\"\n",
                "title: \"The NYPD and facial recognition\"\n");
  {
    const char *start = strstr (expected->str, "\nexcerpt: \"") + 1;
    const char *end = strchr (start, '\n');

    g_string_erase (expected, start - expected->str, end - start);
    g_string_insert (expected, start - expected->str, "excerpt: \"A shorter excerpt.\"");
  }
  replace_once (expected, "quality: 52\n", "quality: 61\n");
  replace_once (expected, "published: false\n", "published: true\n");
  replace_once (expected, "  - Computer Vision\n  - AI\n", "  - AI\n  - Privacy\n");
  replace_once (expected,
                "    webUrl: \"https://nypost.com/2021/04/11/internal-affairs-used-facial-"
                "recognition-against-nypd-cops-email/\"\n",
                "    webUrl: \"https://nypost.com/2021/04/11/nypd/\"\n");

  after = read_file (f->folder, SEED, &len);
  g_assert_cmpuint (len, ==, expected->len);
  g_assert_cmpstr (after, ==, expected->str);
}

static void
test_revert (Fixture       *f,
             gconstpointer  data)
{
  MhArticle *article = select_file (f, SEED);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len;

  before = read_file (f->folder, SEED, &len);
  gtk_editable_set_text (GTK_EDITABLE (field (f, "title")), "Something else");
  gtk_switch_set_active (GTK_SWITCH (field (f, "published")), TRUE);
  drain ();
  g_assert_true (mh_article_get_modified (article));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.revert", NULL);
  drain ();
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "title"))), ==,
                   "The NYPD used a controversial facial recognition tool. Here’s what you need "
                   "to know.");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (f, "published"))));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-all", NULL);
  drain ();
  after = read_file (f->folder, SEED, &len);
  g_assert_cmpstr (after, ==, before);
}

static void
test_invalid_date (Fixture       *f,
                   gconstpointer  data)
{
  MhArticle *article = select_file (f, SEED);
  GtkWidget *date = field (f, "publishedDateTime");

  gtk_editable_set_text (GTK_EDITABLE (date), "yesterday at noon");
  drain ();
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  /* A refused date is not written. */
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpstr (mh_article_get_published_date_time (article), ==, "2021-04-09T12:58:00Z");

  gtk_editable_set_text (GTK_EDITABLE (date), "2022-01-02T03:04:05Z");
  drain ();
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpstr (mh_article_get_published_date_time (article), ==, "2022-01-02T03:04:05Z");
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  MhArticle *article = select_file (f, SEED);

  gtk_editable_set_text (GTK_EDITABLE (field (f, "provider.name")), "MIT TR");
  drain ();
  g_assert_true (mh_article_get_modified (article));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  drain ();
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "provider.name"))), ==,
                   "MIT Technology Review");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "provider.name"))), ==,
                   "MIT TR");
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (_mh_window_get_shown (f->window));
}

static const char *
shown_name (Fixture *f,
            guint    i)
{
  g_autoptr(MhArticle) article = g_list_model_get_item (_mh_window_get_shown (f->window), i);

  return mh_article_get_display_name (article);
}

static void
test_search_and_facets (Fixture       *f,
                        gconstpointer  data)
{
  GtkSearchEntry *entry = _mh_window_get_search_entry (f->window);
  MhFacetSidebar *sidebar = _mh_window_get_facet_sidebar (f->window);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (_mh_window_get_collection (f->window)));
  GtkWidget *space;
  GtkWidget *nasa;
  int count;

  g_assert_cmpuint (n_shown (f), ==, total);

  /* "nypd" is in 000's title, and in 001 only inside a related record, which search skips. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nypd");
  drain ();
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (shown_name (f, 0), ==, SEED);

  /* Accent-insensitive. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "BEHORDE");
  drain ();
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (shown_name (f, 0), ==, "003_03f9acb2056ebc5a.txt");

  gtk_editable_set_text (GTK_EDITABLE (entry), "no record says this");
  drain ();
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->list_stack), ==, "no-results");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  drain ();
  g_assert_cmpuint (n_shown (f), ==, total);

  space = mh_facet_sidebar_get_button (sidebar, MH_FACET_TOPIC, "Space");
  g_assert_nonnull (space);
  count = mh_facet_sidebar_get_count (sidebar, MH_FACET_TOPIC, "Space");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (space), TRUE);
  drain ();
  g_assert_cmpint (count, >, 1);
  g_assert_cmpuint (n_shown (f), ==, (guint) count);
  shoot (f->window, "facets");
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (_mh_window_get_shown (f->window), i);

      g_assert_true (mh_article_has_topic (article, "Space"));
    }

  /* Facets combine. */
  nasa = mh_facet_sidebar_get_button (sidebar, MH_FACET_PROVIDER, "NASA");
  g_assert_nonnull (nasa);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nasa), TRUE);
  drain ();
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (shown_name (f, 0), ==, "012_8a7dc38251f4c2c4.txt");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  drain ();
  g_assert_cmpuint (n_shown (f), ==, total);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (space)));

  /* The quality range and the published radio buttons. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mh_facet_sidebar_get_quality_spin (sidebar, FALSE)),
                             80);
  drain ();
  g_assert_cmpuint (n_shown (f), >, 0);
  g_assert_cmpuint (n_shown (f), <, total);
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (_mh_window_get_shown (f->window), i);

      g_assert_true (mh_article_get_has_quality (article));
      g_assert_cmpint (mh_article_get_quality (article), >=, 80);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mh_facet_sidebar_get_button (sidebar,
                                                                              MH_FACET_PUBLISHED,
                                                                              "true")),
                               TRUE);
  drain ();
  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (_mh_window_get_shown (f->window), i);

      g_assert_true (mh_article_get_published (article));
      g_assert_cmpint (mh_article_get_quality (article), >=, 80);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mh_facet_sidebar_get_button (sidebar,
                                                                              MH_FACET_PUBLISHED,
                                                                              NULL)),
                               TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  drain ();
  g_assert_cmpuint (n_shown (f), ==, total);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (mh_facet_sidebar_get_quality_spin (sidebar, FALSE))), ==, 0);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GSettings *settings = mh_application_get_settings (app);
  g_autofree char *sort = NULL;
  guint n;
  gint64 previous = G_MAXINT64;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sort-by", "(sb)", "quality", TRUE);
  wait_for (loaded_cond, f->window, "the sort");
  drain ();
  sort = g_settings_get_string (settings, "sort-column");
  g_assert_cmpstr (sort, ==, "quality");
  g_clear_pointer (&sort, g_free);
  g_assert_true (g_settings_get_boolean (settings, "sort-descending"));

  n = n_shown (f);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MhArticle) article = g_list_model_get_item (_mh_window_get_shown (f->window), i);

      if (!mh_article_get_has_quality (article))
        continue;
      g_assert_cmpint (mh_article_get_quality (article), <=, previous);
      previous = mh_article_get_quality (article);
    }

  /* A click on a header sorts through the column view's own sorter: the window reads it back. */
  {
    g_autoptr(GtkColumnViewColumn) provider =
      g_list_model_get_item (gtk_column_view_get_columns (f->window->column_view), 3);

    gtk_column_view_sort_by_column (f->window->column_view, provider, GTK_SORT_DESCENDING);
    drain ();
    g_clear_pointer (&sort, g_free);
    sort = g_settings_get_string (settings, "sort-column");
    g_assert_cmpstr (sort, ==, "provider");
    g_assert_true (g_settings_get_boolean (settings, "sort-descending"));
    g_clear_pointer (&sort, g_free);
  }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sort-by", "(sb)", "title", FALSE);
  drain ();
  sort = g_settings_get_string (settings, "sort-column");
  g_assert_cmpstr (sort, ==, "title");

  /* Columns hide from the menu, and the choice is kept. */
  {
    g_auto(GStrv) visible = NULL;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "columns.heat", NULL);
    visible = g_settings_get_strv (settings, "visible-columns");
    g_assert_false (g_strv_contains ((const char * const *) visible, "heat"));
    g_assert_true (g_strv_contains ((const char * const *) visible, "title"));
    g_clear_pointer (&visible, g_strfreev);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "columns.heat", NULL);
    visible = g_settings_get_strv (settings, "visible-columns");
    g_assert_true (g_strv_contains ((const char * const *) visible, "heat"));
  }
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  MhArticle *article = select_file (f, "zz_broken_yaml.txt");
  GtkWidget *title = mh_record_form_get_field (_mh_window_get_form (f->window), "title");

  g_assert_nonnull (mh_article_get_readonly_reason (article));
  g_assert_false (gtk_widget_is_sensitive (title));
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *shown = _mh_window_get_shown (f->window);
  MhRecordForm *form = _mh_window_get_form (f->window);
  g_autoptr(MhArticle) first = g_list_model_get_item (shown, 0);
  g_autoptr(MhArticle) second = g_list_model_get_item (shown, 1);

  /* Nothing selected: the form says so. */
  g_assert_null (mh_record_form_get_article (form));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-record", NULL);
  drain ();
  g_assert_true (mh_record_form_get_article (form) == first);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-record", NULL);
  drain ();
  g_assert_true (mh_record_form_get_article (form) == second);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.previous-record", NULL);
  drain ();
  g_assert_true (mh_record_form_get_article (form) == first);
}

static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  drain ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  drain ();
}

static void
test_accels (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.open", "<Control>o" },
    { "win.save", "<Control>s" },
    { "win.save-all", "<Shift><Control>s" },
    { "win.search", "<Control>f" },
    { "win.undo", "<Control>z" },
    { "win.redo", "<Shift><Control>z" },
    { "win.previous-record", "<Alt>Up" },
    { "win.next-record", "<Alt>Down" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     expected[i].action);
      guint key;
      GdkModifierType mods;
      g_autofree char *wanted = NULL;
      g_autofree char *got = NULL;

      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
      /* Compare parsed, not spelled: GTK normalises the modifier order. */
      g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
      got = gtk_accelerator_name (key, mods);
      g_assert_true (gtk_accelerator_parse (expected[i].accel, &key, &mods));
      wanted = gtk_accelerator_name (key, mods);
      g_assert_cmpstr (got, ==, wanted);
    }
}

static void
test_empty_state (void)
{
  MhWindow *window = mh_window_new (GTK_APPLICATION (app), mh_application_get_settings (app));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Masthead");
  gtk_window_close (GTK_WINDOW (window));
  drain ();
  g_assert_null (window);
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* The first button under @root (depth first) whose label or list data match. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label,
             const char *list,
             const char *verb,
             guint       index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child))
        {
          const char *text = gtk_button_get_label (GTK_BUTTON (child));

          if (label != NULL && g_strcmp0 (text, label) == 0)
            return child;
          if (verb != NULL
              && g_strcmp0 (g_object_get_data (G_OBJECT (child), "mh-list"), list) == 0
              && g_strcmp0 (g_object_get_data (G_OBJECT (child), "mh-verb"), verb) == 0
              && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "mh-index")) == index)
            return child;
        }
      found = find_button (child, label, list, verb, index);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *form = GTK_WIDGET (_mh_window_get_form (f->window));
  MhArticle *article = select_file (f, SEED);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *images_before;
  const char *images_after;
  const char *related_before;
  const char *related_after;
  GtkWidget *button;
  gsize len;

  before = read_file (f->folder, SEED, &len);

  /* Add an image, fill it in, then remove the first one and move nothing else. */
  button = find_button (form, "Add _Image", NULL, NULL, 0);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain ();
  gtk_editable_set_text (GTK_EDITABLE (field (f, "images[1].url")), "https://example.com/a.png");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (f, "images[1].width")), 640);
  drain ();
  button = find_button (form, NULL, "images", "remove", 0);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain ();
  g_assert_cmpstr (mh_article_get_value (article, "images[0].url"), ==,
                   "https://example.com/a.png");
  g_assert_cmpstr (mh_article_get_value (article, "images[0].width"), ==, "640");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "images[0].url"))), ==,
                   "https://example.com/a.png");
  g_assert_null (mh_record_form_get_field (_mh_window_get_form (f->window), "images[1].url"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  drain ();

  /* Only the images block changed. */
  after = read_file (f->folder, SEED, &len);
  images_before = strstr (before, "\nimages:\n");
  images_after = strstr (after, "\nimages:\n");
  related_before = strstr (before, "\nrelated:\n");
  related_after = strstr (after, "\nrelated:\n");
  g_assert_nonnull (images_after);
  g_assert_nonnull (related_after);
  g_assert_cmpint (images_before - before, ==, images_after - after);
  g_assert_true (strncmp (before, after, images_before - before) == 0);
  g_assert_cmpstr (related_before, ==, related_after);
  g_assert_null (strstr (after, "Screen-Shot-2021-04-08"));
  g_assert_nonnull (strstr (images_after, "https://example.com/a.png"));
}

static gboolean
conflict_shown_cond (gpointer data)
{
  return _mh_window_get_conflict_dialog (data) != NULL;
}

static void
test_changed_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  MhArticle *article = select_file (f, SEED);
  MhCollection *collection = _mh_window_get_collection (f->window);
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) external = NULL;
  gsize len;

  original = read_file (f->folder, SEED, &len);

  /* Another program changes another field: my edit is replayed onto its text. */
  gtk_editable_set_text (GTK_EDITABLE (field (f, "category")), "science");
  drain ();
  external = g_string_new (original);
  replace_once (external, "quality: 52\n", "quality: 99\n");
  write_file (f->folder, SEED, external->str);
  mh_collection_flush_events (collection);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  drain ();
  g_assert_null (_mh_window_get_conflict_dialog (f->window));
  g_assert_false (mh_article_get_modified (article));
  replace_once (external, "category: news\n", "category: science\n");
  after = read_file (f->folder, SEED, &len);
  g_assert_cmpstr (after, ==, external->str);
  g_clear_pointer (&after, g_free);

  /* It changes the same field: the window asks, and Reload takes the disk's text. */
  gtk_editable_set_text (GTK_EDITABLE (field (f, "category")), "opinion");
  drain ();
  replace_once (external, "category: science\n", "category: tech\n");
  write_file (f->folder, SEED, external->str);
  mh_collection_flush_events (collection);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  wait_for (conflict_shown_cond, f->window, "the conflict dialog");
  after = read_file (f->folder, SEED, &len);
  g_assert_cmpstr (after, ==, external->str);
  gtk_dialog_response (GTK_DIALOG (_mh_window_get_conflict_dialog (f->window)), 1);
  drain ();
  g_assert_false (mh_article_get_modified (article));
  g_assert_cmpstr (mh_article_get_category (article), ==, "tech");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "category"))), ==, "tech");
}

static gboolean
dialog_shown_cond (gpointer data)
{
  return _mh_window_get_close_dialog (data) != NULL;
}

static void
test_close_asks (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MhArticle *article = select_file (f, SEED);
  GtkWidget *dialog;
  gsize len;

  before = read_file (f->folder, SEED, &len);
  gtk_editable_set_text (GTK_EDITABLE (field (f, "title")), "Unsaved");
  drain ();

  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (dialog_shown_cond, f->window, "the unsaved-changes dialog");
  dialog = _mh_window_get_close_dialog (f->window);
  g_assert_true (gtk_widget_get_visible (dialog));

  /* Cancel keeps the window and the edit. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  drain ();
  g_assert_nonnull (f->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_null (_mh_window_get_close_dialog (f->window));
  g_assert_true (mh_article_get_modified (article));

  /* Discard closes without writing. */
  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (dialog_shown_cond, f->window, "the unsaved-changes dialog");
  gtk_dialog_response (GTK_DIALOG (_mh_window_get_close_dialog (f->window)),
                       GTK_RESPONSE_REJECT);
  drain ();
  g_assert_null (f->window);
  after = read_file (f->folder, SEED, &len);
  g_assert_cmpstr (after, ==, before);
}

static void
count_then (MhWindow *window,
            gpointer  data)
{
  (*(guint *) data)++;
}

/* Opening another folder goes through the same question before it drops the edits. */
static void
test_open_other_asks (Fixture       *f,
                      gconstpointer  data)
{
  guint called = 0;

  select_file (f, SEED);
  gtk_editable_set_text (GTK_EDITABLE (field (f, "title")), "Unsaved");
  drain ();

  _mh_window_confirm_discard (f->window, count_then, &called, NULL);
  wait_for (dialog_shown_cond, f->window, "the unsaved-changes dialog");
  gtk_dialog_response (GTK_DIALOG (_mh_window_get_close_dialog (f->window)),
                       GTK_RESPONSE_CANCEL);
  drain ();
  g_assert_cmpuint (called, ==, 0);

  _mh_window_confirm_discard (f->window, count_then, &called, NULL);
  wait_for (dialog_shown_cond, f->window, "the unsaved-changes dialog");
  gtk_dialog_response (GTK_DIALOG (_mh_window_get_close_dialog (f->window)),
                       GTK_RESPONSE_REJECT);
  drain ();
  g_assert_cmpuint (called, ==, 1);

  /* Nothing unsaved: no question. */
  mh_collection_revert_all (_mh_window_get_collection (f->window));
  _mh_window_confirm_discard (f->window, count_then, &called, NULL);
  g_assert_null (_mh_window_get_close_dialog (f->window));
  g_assert_cmpuint (called, ==, 2);
}

static void
test_close_save_all (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *after = NULL;
  gsize len;

  select_file (f, SEED);
  gtk_editable_set_text (GTK_EDITABLE (field (f, "category")), "science");
  drain ();

  gtk_window_close (GTK_WINDOW (f->window));
  wait_for (dialog_shown_cond, f->window, "the unsaved-changes dialog");
  gtk_dialog_response (GTK_DIALOG (_mh_window_get_close_dialog (f->window)),
                       GTK_RESPONSE_ACCEPT);
  drain ();
  g_assert_null (f->window);
  after = read_file (f->folder, SEED, &len);
  g_assert_true (g_str_has_prefix (after, "---\ncategory: science\ntitle: "));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The tests draw with cairo: probing GL under Xvfb only loads Mesa, whose EGL driver leaks
   * at start-up in ways LeakSanitizer's fast unwinder cannot attribute. No accessibility bus
   * either: nothing listens to it here. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);

  app = mh_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  /* Keep the application alive between tests, with no window open. */
  g_application_hold (G_APPLICATION (app));

  g_test_add ("/ui/window/edit-and-save", Fixture, NULL, fixture_setup, test_edit_and_save,
              fixture_teardown);
  g_test_add ("/ui/window/invalid-date", Fixture, NULL, fixture_setup, test_invalid_date,
              fixture_teardown);
  g_test_add ("/ui/window/undo", Fixture, NULL, fixture_setup, test_undo, fixture_teardown);
  g_test_add ("/ui/window/revert", Fixture, NULL, fixture_setup, test_revert, fixture_teardown);
  g_test_add ("/ui/window/search-and-facets", Fixture, NULL, fixture_setup,
              test_search_and_facets, fixture_teardown);
  g_test_add ("/ui/window/sort", Fixture, NULL, fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/ui/window/read-only", Fixture, NULL, fixture_setup, test_read_only,
              fixture_teardown);
  g_test_add ("/ui/window/lists", Fixture, NULL, fixture_setup, test_lists, fixture_teardown);
  g_test_add ("/ui/window/changed-on-disk", Fixture, NULL, fixture_setup, test_changed_on_disk,
              fixture_teardown);
  g_test_add ("/ui/window/navigation", Fixture, NULL, fixture_setup, test_navigation,
              fixture_teardown);
  g_test_add ("/ui/window/shortcuts-window", Fixture, NULL, fixture_setup,
              test_shortcuts_window, fixture_teardown);
  g_test_add_func ("/ui/window/empty-state", test_empty_state);
  g_test_add_func ("/ui/window/accels", test_accels);
  g_test_add ("/ui/window/close-asks", Fixture, NULL, fixture_setup, test_close_asks,
              fixture_teardown);
  g_test_add ("/ui/window/open-other-asks", Fixture, NULL, fixture_setup, test_open_other_asks,
              fixture_teardown);
  g_test_add ("/ui/window/close-save-all", Fixture, NULL, fixture_setup, test_close_save_all,
              fixture_teardown);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
