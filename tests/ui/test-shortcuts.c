/* test-shortcuts.c: the shortcuts window lists every accelerator the application sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "mh-application.h"

static MhApplication *app;

typedef struct
{
  GHashTable *shown;
  gboolean    in_accelerator;
} Parse;

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              data,
               GError              **error)
{
  Parse *parse = data;

  parse->in_accelerator = FALSE;
  if (g_str_equal (element, "property"))
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "name") && g_str_equal (values[i], "accelerator"))
        parse->in_accelerator = TRUE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              data,
             GError              **error)
{
  ((Parse *) data)->in_accelerator = FALSE;
}

/* A shortcut may show several accelerators, separated by spaces. */
static void
text (GMarkupParseContext  *context,
      const char           *value,
      gsize                 length,
      gpointer              data,
      GError              **error)
{
  Parse *parse = data;
  g_autofree char *accelerator = NULL;
  g_auto(GStrv) accels = NULL;

  if (!parse->in_accelerator)
    return;
  accelerator = g_strndup (value, length);
  accels = g_strsplit (accelerator, " ", -1);
  for (guint i = 0; accels[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      g_assert_true (gtk_accelerator_parse (accels[i], &key, &mods));
      g_hash_table_add (parse->shown, gtk_accelerator_name (key, mods));
    }
}

/* The accelerators the shortcuts window shows, each normalised by gtk_accelerator_name(),
 * read from its .ui file in the resources: the file GtkApplication loads for Ctrl+?. Read as
 * XML, not built, so that the test creates no window. */
static GHashTable *
shown_accelerators (void)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ui =
    g_resources_lookup_data ("/io/github/masthead/Masthead/gtk/help-overlay.ui",
                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(GMarkupParseContext) context = NULL;
  Parse parse = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), FALSE };
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (ui, &size);
  context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (parse.shown), >, 0);
  return parse.shown;
}

/* Every accelerator of every action (gtk_application_set_accels_for_action) has its line in
 * the shortcuts window, so one added later without a line fails here. */
static void
test_every_accelerator_shown (void)
{
  g_autoptr(GHashTable) shown = shown_accelerators ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  guint n_accels = 0;

  g_assert_nonnull (actions);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint key = 0;
          GdkModifierType mods = 0;
          g_autofree char *name = NULL;

          g_assert_true (gtk_accelerator_parse (accels[j], &key, &mods));
          name = gtk_accelerator_name (key, mods);
          if (!g_hash_table_contains (shown, name))
            g_error ("%s (%s) is not in the shortcuts window", accels[j], actions[i]);
          n_accels++;
        }
    }
  /* Ctrl+O, S, Shift+S, F, Z, Shift+Z, Y, Alt+Up, Alt+Down, Ctrl+?, Ctrl+Q at least. */
  g_assert_cmpuint (n_accels, >=, 11);
}

/* The shortcuts window shows no accelerator the application does not have (F10, the main
 * menu, is GTK's own for a primary menu button). */
static void
test_no_stale_accelerator (void)
{
  g_autoptr(GHashTable) shown = shown_accelerators ();
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GHashTableIter iter;
  const char *name;

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint key = 0;
          GdkModifierType mods = 0;

          g_assert_true (gtk_accelerator_parse (accels[j], &key, &mods));
          g_hash_table_add (set, gtk_accelerator_name (key, mods));
        }
    }
  g_hash_table_add (set, g_strdup ("F10"));
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (set, name))
      g_error ("the shortcuts window shows %s, which no action has", name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* As in test-window: no GL probe (Mesa's EGL driver leaks at start-up where LeakSanitizer
   * cannot attribute it) and no accessibility bus. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  app = mh_application_new (G_APPLICATION_NON_UNIQUE);
  /* Registering runs startup, which sets the accelerators. */
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/ui/shortcuts/every-accelerator-shown", test_every_accelerator_shown);
  g_test_add_func ("/ui/shortcuts/no-stale-accelerator", test_no_stale_accelerator);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
