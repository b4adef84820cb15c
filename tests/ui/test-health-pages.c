/* test-health-pages.c: the Problems and Duplicates pages over a folder of seed copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mh-application.h"
#include "mh-duplicates-page.h"
#include "mh-problems-page.h"
#include "mh-record-form.h"
#include "mh-window-private.h"

#include "../mh-test-files.h"

#define SEED_NYPD    "000_6a22c6f8e948ba59.txt"
#define SEED_EU      "001_5836575090c4a738.txt"
#define SEED_PRIVACY "009_707b1fbbad0875b6.txt"

/* The NYPD story again, under another title and another spelling of its URL. */
#define DUPLICATE \
  "---\n" \
  "title: Clearview emails show how widely officers tried it\n" \
  "webUrl: \"http://technologyreview.com/2021/04/09/1022240/clearview-ai-nypd-emails\"\n" \
  "---\n"

static MhApplication *app;

typedef struct
{
  char      *folder;
  MhWindow  *window;
  GPtrArray *names;    /* the files, for checking their bytes at the end */
  GPtrArray *bytes;
  gboolean   sidecar;  /* the test wrote .masthead/not-duplicates on purpose */
} Fixture;

static void
write_in (const char *folder,
          const char *name,
          const char *text,
          gsize       len)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
}

static void
add_file (Fixture    *f,
          const char *name,
          const char *text,
          gsize       len)
{
  write_in (f->folder, name, text, len);
  g_ptr_array_add (f->names, g_strdup (name));
  g_ptr_array_add (f->bytes, g_bytes_new (text, len));
}

static void
add_seed (Fixture    *f,
          const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("MH_SOURCE_ROOT"), "seeds", name, NULL);
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  add_file (f, name, text, len);
}

/* Runs the main loop until @done says so, for at most ten seconds. */
static void
iterate_until (gboolean (*done) (MhWindow *window),
               MhWindow  *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
is_loaded (MhWindow *window)
{
  MhCollection *collection = _mh_window_get_collection (window);

  return collection != NULL && !mh_collection_get_loading (collection)
         && g_list_model_get_n_items (_mh_window_get_shown (window)) > 0;
}

static gboolean
quiet (MhWindow *window)
{
  static gint64 until;

  if (until == 0)
    until = g_get_monotonic_time () + 300 * 1000;
  if (g_get_monotonic_time () < until)
    return FALSE;
  until = 0;
  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;

  f->folder = g_dir_make_tmp ("masthead-problems-XXXXXX", &error);
  g_assert_no_error (error);
  f->names = g_ptr_array_new_with_free_func (g_free);
  f->bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  add_seed (f, SEED_NYPD);
  add_seed (f, SEED_EU);
  add_seed (f, SEED_PRIVACY);
  add_file (f, "dup.md", DUPLICATE, strlen (DUPLICATE));

  f->window = mh_window_new (GTK_APPLICATION (app), mh_application_get_settings (app));
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  folder = g_file_new_for_path (f->folder);
  mh_window_open_folder (f->window, folder);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate_until (is_loaded, f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Nothing was saved: every file holds its bytes, and no sidecar appeared. */
  for (guint i = 0; i < f->names->len; i++)
    {
      g_autofree char *path = g_build_filename (f->folder, f->names->pdata[i], NULL);
      g_autofree char *text = NULL;
      gsize len = 0;
      gsize expected_len = 0;
      const char *expected = g_bytes_get_data (f->bytes->pdata[i], &expected_len);

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      g_assert_cmpmem (text, len, expected, expected_len);
    }
  {
    g_autofree char *masthead = g_build_filename (f->folder, ".masthead", NULL);

    g_assert_true (g_file_test (masthead, G_FILE_TEST_EXISTS) == f->sidecar);
  }
  if (f->window != NULL)
    {
      mh_collection_revert_all (_mh_window_get_collection (f->window));
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  iterate_until (quiet, NULL);
  mh_test_remove_tree (f->folder);
  g_free (f->folder);
  g_ptr_array_unref (f->names);
  g_ptr_array_unref (f->bytes);
}

/* The position of the row @text, or G_MAXUINT. */
static guint
find_row (MhProblemsPage *page,
          const char     *text)
{
  GListModel *rows = mh_problems_page_get_rows (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkStringObject) row = g_list_model_get_item (rows, i);

      if (strcmp (gtk_string_object_get_string (row), text) == 0)
        return i;
    }
  return G_MAXUINT;
}

static MhProblemsPage *
open_page (Fixture *f)
{
  MhProblemsPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-problems",
                                             NULL));
  page = g_object_get_data (G_OBJECT (f->window), "mh-problems-page");
  g_assert_true (MH_IS_PROBLEMS_PAGE (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page)));
  return page;
}

static void
test_problems_grouped (Fixture       *f,
                       gconstpointer  data)
{
  MhProblemsPage *page = open_page (f);

  /* Collection rules and record rules, each under its rule with a count. */
  g_assert_cmpuint (find_row (page, "duplicate-url (2)"), !=, G_MAXUINT);
  g_assert_cmpuint (find_row (page, "dup.md:3:9: Same URL as " SEED_NYPD), !=, G_MAXUINT);
  g_assert_cmpuint (find_row (page, SEED_NYPD ":6:14: Same URL as dup.md"), !=, G_MAXUINT);
  g_assert_cmpuint (find_row (page, "topic-variant (1)"), !=, G_MAXUINT);
  g_assert_cmpuint (find_row (page, SEED_PRIVACY ":22:3: Topic “privacy” is a variant of "
                              "“Privacy”, used by 1 record such as " SEED_EU), !=, G_MAXUINT);
  /* A rule's line leads nowhere. */
  g_assert_false (mh_problems_page_activate (page, find_row (page, "duplicate-url (2)")));

  /* Opening it again presents the same page. */
  g_assert_true (open_page (f) == page);
}

static void
test_problems_jump_and_follow (Fixture       *f,
                               gconstpointer  data)
{
  MhProblemsPage *page = open_page (f);
  guint row = find_row (page, "dup.md:3:9: Same URL as " SEED_NYPD);
  MhRecordForm *form = _mh_window_get_form (f->window);
  MhArticle *article;
  GtkWidget *field;
  GtkWidget *focus;

  /* Activating selects the record and focuses its webUrl field. */
  g_assert_cmpuint (row, !=, G_MAXUINT);
  g_assert_true (mh_problems_page_activate (page, row));
  article = _mh_window_get_selected (f->window);
  g_assert_nonnull (article);
  g_assert_cmpstr (mh_article_get_display_name (article), ==, "dup.md");
  iterate_until (quiet, NULL);
  field = mh_record_form_get_field (form, "webUrl");
  g_assert_nonnull (field);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == field || gtk_widget_is_ancestor (focus, field));

  /* An edit that ends the duplicate: the rows follow (the edit is not
   * saved; the teardown checks the files kept their bytes). */
  mh_article_set_web_url (article, "https://example.org/another-story");
  iterate_until (quiet, NULL);
  mh_problems_page_refresh (page);
  g_assert_cmpuint (find_row (page, "duplicate-url (2)"), ==, G_MAXUINT);
  g_assert_cmpuint (find_row (page, "dup.md:3:9: Same URL as " SEED_NYPD), ==, G_MAXUINT);
  g_assert_cmpuint (find_row (page, "topic-variant (1)"), !=, G_MAXUINT);
}

static MhDuplicatesPage *
open_duplicates (Fixture *f)
{
  MhDuplicatesPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-duplicates",
                                             NULL));
  page = g_object_get_data (G_OBJECT (f->window), "mh-duplicates-page");
  g_assert_true (MH_IS_DUPLICATES_PAGE (page));
  return page;
}

static char *
group_text (MhDuplicatesPage *page,
            guint             position)
{
  g_autoptr(GtkStringObject) row = g_list_model_get_item (mh_duplicates_page_get_groups (page),
                                                          position);

  return g_strdup (gtk_string_object_get_string (row));
}

static void
test_duplicates_compare_and_mark (Fixture       *f,
                                  gconstpointer  data)
{
  MhDuplicatesPage *page = open_duplicates (f);
  g_autofree char *group = NULL;
  g_autofree char *comparison = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *path = g_build_filename (f->folder, ".masthead", "not-duplicates", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (mh_duplicates_page_get_groups (page)), ==, 1);
  group = group_text (page, 0);
  g_assert_cmpstr (group, ==, "url: " SEED_NYPD ", dup.md");

  /* Side by side, what differs from the first record marked. */
  mh_duplicates_page_select_group (page, 0);
  comparison = mh_duplicates_page_dup_comparison (page);
  g_assert_cmpstr (comparison, ==,
                   "Title\tThe NYPD used a controversial facial recognition tool. Here’s what "
                   "you need to know.\t≠ Clearview emails show how widely officers tried it\n"
                   "Web URL\thttps://www.technologyreview.com/2021/04/09/1022240/"
                   "clearview-ai-nypd-emails/\t≠ http://technologyreview.com/2021/04/09/"
                   "1022240/clearview-ai-nypd-emails\n"
                   "Original URL\thttps://www.technologyreview.com/2021/04/09/1022240/"
                   "clearview-ai-nypd-emails/\t≠ \n"
                   "Published\t2021-04-09T12:58:00Z\t≠ \n"
                   "Provider\tMIT Technology Review\t≠ \n"
                   "Topics\tComputer Vision, AI\t≠ \n");

  /* "Not a duplicate": stored, and the group goes. */
  g_assert_true (mh_duplicates_page_not_duplicate (page, &error));
  g_assert_no_error (error);
  f->sidecar = TRUE;
  g_assert_true (g_file_get_contents (path, &sidecar, NULL, NULL));
  g_assert_cmpstr (sidecar, ==, SEED_NYPD "\tdup.md\n");
  g_assert_cmpuint (g_list_model_get_n_items (mh_duplicates_page_get_groups (page)), ==, 0);
}

static gboolean
dup_gone (MhWindow *window)
{
  g_autoptr(GPtrArray) groups =
    mh_health_index_dup_groups (mh_collection_get_health (_mh_window_get_collection (window)));

  return groups->len == 0;
}

static gboolean
dup_back (MhWindow *window)
{
  return !dup_gone (window);
}

static void
test_duplicates_keep_and_undo (Fixture       *f,
                               gconstpointer  data)
{
  MhDuplicatesPage *page = open_duplicates (f);
  g_autofree char *dup = g_build_filename (f->folder, "dup.md", NULL);
  g_autoptr(GError) error = NULL;

  /* Keep the first: the other goes to the trash, and out of the groups
   * once the folder monitor sees it go. */
  mh_duplicates_page_select_group (page, 0);
  g_assert_true (mh_duplicates_page_keep (page, 0, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dup, G_FILE_TEST_EXISTS));
  iterate_until (dup_gone, f->window);

  /* Undo writes it back byte for byte (the teardown compares them). */
  g_assert_true (mh_duplicates_page_undo (page, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (dup, G_FILE_TEST_EXISTS));
  iterate_until (dup_back, f->window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("masthead-data-XXXXXX", NULL);
  int ret;

  /* The trash: under a folder of ours, on the same file system as the
   * test folders, so g_file_trash() has one. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);

  app = mh_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));

  g_test_add ("/ui/problems/grouped", Fixture, NULL, fixture_setup, test_problems_grouped,
              fixture_teardown);
  g_test_add ("/ui/problems/jump-and-follow", Fixture, NULL, fixture_setup,
              test_problems_jump_and_follow, fixture_teardown);

  g_test_add ("/ui/duplicates/compare-and-mark", Fixture, NULL, fixture_setup,
              test_duplicates_compare_and_mark, fixture_teardown);
  g_test_add ("/ui/duplicates/keep-and-undo", Fixture, NULL, fixture_setup,
              test_duplicates_keep_and_undo, fixture_teardown);

  ret = g_test_run ();
  mh_test_remove_tree (data_home);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
