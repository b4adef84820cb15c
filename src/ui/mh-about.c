/* mh-about.c: the About dialog: version, licence, website, credits and translators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-about.h"

#define MH_WEBSITE "https://github.com/masthead/masthead"

/**
 * mh_about_show:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Shows the About dialog, modal to @parent. GtkAboutDialog (not AdwAboutWindow: no libadwaita
 * on GTK 4.8) lists the licence text and the credits on pages of its own.
 */
void
mh_about_show (GtkWindow *parent)
{
  static const char *authors[] = { "The Masthead developers", NULL };
  static const char *documenters[] = { "The Masthead developers", NULL };
  GtkAboutDialog *dialog = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());

  gtk_about_dialog_set_program_name (dialog, _("Masthead"));
  gtk_about_dialog_set_logo_icon_name (dialog, APP_ID);
  gtk_about_dialog_set_version (dialog, PACKAGE_VERSION);
  gtk_about_dialog_set_comments (dialog, _("Curate folders of article records without "
                                           "changing a byte you did not edit"));
  gtk_about_dialog_set_website (dialog, MH_WEBSITE);
  gtk_about_dialog_set_website_label (dialog, _("Website"));
  gtk_about_dialog_set_copyright (dialog, _("© 2026 The Masthead developers"));
  gtk_about_dialog_set_license_type (dialog, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_authors (dialog, authors);
  gtk_about_dialog_set_documenters (dialog, documenters);
  /* Translators: your names, one a line, as you want them credited in the About dialog. */
  gtk_about_dialog_set_translator_credits (dialog, _("translator-credits"));
  {
    static const char *engine[] = { "libyaml https://pyyaml.org/wiki/LibYAML", NULL };

    gtk_about_dialog_add_credit_section (dialog, _("Built on"), engine);
  }

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_hide_on_close (GTK_WINDOW (dialog), FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}
