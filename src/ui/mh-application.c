/* mh-application.c: the GtkApplication: command line, actions, accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-about.h"
#include "mh-application.h"
#include "mh-window.h"

struct _MhApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  char           *screenshot;
  char           *select;
};

G_DEFINE_FINAL_TYPE (MhApplication, mh_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Once the records are shown, save the window as a PNG image and quit"), N_("FILE") },
  { "select", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Select the record FILE (a path inside the folder) once loaded"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
  { NULL }
};

static MhWindow *
mh_application_create_window (MhApplication *self)
{
  MhWindow *window = mh_window_new (GTK_APPLICATION (self), self->settings);

  if (self->select != NULL)
    mh_window_set_initial_selection (window, self->select);
  if (self->screenshot != NULL)
    mh_window_set_screenshot_file (window, self->screenshot);
  return window;
}

static void
mh_application_activate (GApplication *app)
{
  MhApplication *self = MH_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      MhWindow *new_window = mh_application_create_window (self);
      g_autofree char *uri = NULL;

      if (self->settings != NULL)
        uri = g_settings_get_string (self->settings, "last-folder");
      if (uri != NULL && uri[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (uri);

          /* A folder removed since the last run would only show an error: start empty. */
          if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL)
              == G_FILE_TYPE_DIRECTORY)
            mh_window_open_folder (new_window, folder);
        }
      window = GTK_WINDOW (new_window);
    }

  gtk_window_present (window);
}

static void
mh_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  MhApplication *self = MH_APPLICATION (app);

  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    {
      MhWindow *window;

      /* A window still showing the empty state takes the first folder. */
      if (i == 0 && MH_IS_WINDOW (active) && !mh_window_has_folder (MH_WINDOW (active)))
        window = MH_WINDOW (active);
      else
        window = mh_application_create_window (self);

      mh_window_open_folder (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
mh_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  MhApplication *self = MH_APPLICATION (app);
  const char *screenshot = NULL;
  const char *select = NULL;

  if (g_variant_dict_lookup (options, "select", "&s", &select))
    {
      g_free (self->select);
      self->select = g_strdup (select);
    }

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("masthead %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (screenshot);

      g_free (self->screenshot);
      self->screenshot = g_file_get_path (file);
      /* A screenshot run is a one-off: it must not hand its work to a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;

  mh_about_show (gtk_application_get_active_window (app));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window goes through its unsaved-changes question. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static void
mh_application_startup (GApplication *app)
{
  MhApplication *self = MH_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-all", { "<Control><Shift>s", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.previous-record", { "<Alt>Up", NULL } },
    { "win.next-record", { "<Alt>Down", NULL } },
    { "win.revert", { NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (mh_application_parent_class)->startup (app);

  /* GtkApplication (unlike AdwApplication) does not load style.css by itself. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/masthead/Masthead/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    /* Run uninstalled without GSETTINGS_SCHEMA_DIR: work, but remember nothing. */
    g_printerr (_("masthead: the settings schema %s is not installed; "
                  "window state will not be kept\n"), APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    if (accels[i].accels[0] != NULL)
      gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                             accels[i].accels);
}

static void
mh_application_dispose (GObject *object)
{
  MhApplication *self = MH_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mh_application_parent_class)->dispose (object);
}

static void
mh_application_finalize (GObject *object)
{
  MhApplication *self = MH_APPLICATION (object);

  g_free (self->screenshot);
  g_free (self->select);

  G_OBJECT_CLASS (mh_application_parent_class)->finalize (object);
}

static void
mh_application_class_init (MhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mh_application_dispose;
  object_class->finalize = mh_application_finalize;
  app_class->startup = mh_application_startup;
  app_class->activate = mh_application_activate;
  app_class->open = mh_application_open;
  app_class->handle_local_options = mh_application_handle_local_options;
}

static void
mh_application_init (MhApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FOLDER]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Browse, fix and save folders of article records."));
}

/**
 * mh_application_new:
 * @flags: flags added to %G_APPLICATION_HANDLES_OPEN
 *
 * Returns: (transfer full): a new application
 */
MhApplication *
mh_application_new (GApplicationFlags flags)
{
  return g_object_new (MH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/masthead/Masthead",
                       NULL);
}

/**
 * mh_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, NULL when the schema is not installed
 */
GSettings *
mh_application_get_settings (MhApplication *self)
{
  g_return_val_if_fail (MH_IS_APPLICATION (self), NULL);

  return self->settings;
}
