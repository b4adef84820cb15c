/* mh-window-restore.c: the window's offer to restore the unsaved edits a previous session left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-window-private.h"

enum
{
  RESPONSE_RESTORE = 1,
  RESPONSE_DISCARD,
};

static gboolean
remove_bar_cb (gpointer data)
{
  GtkWidget *bar = data;
  GtkWidget *parent = gtk_widget_get_parent (bar);

  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), bar);
  g_object_unref (bar);
  return G_SOURCE_REMOVE;
}

/* Hidden now, removed once its own signal (a button's click) is over. */
static void
hide_bar (MhWindow *self)
{
  if (self->restore_bar == NULL)
    return;
  gtk_widget_set_visible (self->restore_bar, FALSE);
  g_idle_add (remove_bar_cb, g_steal_pointer (&self->restore_bar));
}

/* A bar above the list: @text, and the buttons of @responses. */
static GtkWidget *
show_bar (MhWindow       *self,
          GtkMessageType  type,
          const char     *text,
          const char     *tooltip)
{
  GtkWidget *bar = gtk_info_bar_new ();
  GtkWidget *label = gtk_label_new (text);

  hide_bar (self);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), type);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), label);
  gtk_widget_add_css_class (bar, "mh-restore-bar");
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->main_stack))), bar);
  self->restore_bar = g_object_ref (bar);
  return bar;
}

static void
dismiss_cb (GtkInfoBar *bar,
            int         response,
            MhWindow   *self)
{
  hide_bar (self);
}

static void
restore_response_cb (GtkInfoBar *bar,
                     int         response,
                     MhWindow   *self)
{
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;

  if (response == RESPONSE_RESTORE)
    {
      guint n = mh_collection_restore_journal (self->collection, &failed);

      hide_bar (self);
      if (failed != NULL && failed->len > 0)
        {
          g_autofree char *list = NULL;
          g_autofree char *text = NULL;
          GtkWidget *shown;

          g_ptr_array_add (failed, NULL);
          list = g_strjoinv ("\n", (char **) failed->pdata);
          text = g_strdup_printf (ngettext ("%u record restored; %u could not be.",
                                            "%u records restored; %u could not be.", n),
                                  n, failed->len - 1);
          shown = show_bar (self, GTK_MESSAGE_WARNING, text, list);
          gtk_info_bar_set_show_close_button (GTK_INFO_BAR (shown), TRUE);
          g_signal_connect (shown, "response", G_CALLBACK (dismiss_cb), self);
        }
    }
  else if (response == RESPONSE_DISCARD)
    {
      if (!mh_collection_discard_journal (self->collection, &error))
        _mh_window_show_error (self, _("Could not discard the unsaved edits"), error);
      hide_bar (self);
    }
  _mh_window_update_actions (self);
}

/**
 * _mh_window_offer_restore:
 * @self: a window whose folder just loaded
 *
 * Opens the folder's journal, so that no edit of this session is lost, and
 * when a previous session left unsaved edits there, offers to restore or
 * discard them (a damaged journal says what it could not read). Never
 * blocks the folder: without a journal the window works as before.
 */
void
_mh_window_offer_restore (MhWindow *self)
{
  g_autoptr(GError) error = NULL;
  const MhJournalContents *pending;
  g_autofree char *damage = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_edits = 0, n_records = 0;
  GtkWidget *bar;

  hide_bar (self);
  if (!mh_collection_open_journal (self->collection, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Unsaved edits are not kept on disk for "
                                                    "this folder: %s"), error->message);

      bar = show_bar (self, GTK_MESSAGE_WARNING, message, NULL);
      gtk_info_bar_set_show_close_button (GTK_INFO_BAR (bar), TRUE);
      g_signal_connect (bar, "response", G_CALLBACK (dismiss_cb), self);
      return;
    }

  pending = mh_collection_get_journal_pending (self->collection);
  for (guint i = 0; i < pending->records->len; i++)
    {
      const MhJournalRecord *record = g_ptr_array_index (pending->records, i);
      g_autofree char *name = g_filename_display_name (record->record);

      if (record->edits->len == 0)
        continue;
      n_records++;
      n_edits += record->edits->len;
      if (n_records <= 20)
        g_string_append_printf (names, "%s%s", names->len > 0 ? "\n" : "", name);
    }
  damage = mh_journal_contents_dup_damage (pending);
  if (n_records == 0 && damage == NULL)
    return;

  if (n_records > 20)
    g_string_append_printf (names, "\n…");
  g_string_append_printf (text, ngettext ("%u unsaved edit from a previous session",
                                          "%u unsaved edits from a previous session", n_edits),
                          n_edits);
  g_string_append_printf (text, ngettext (" in %u record.", " in %u records.", n_records),
                          n_records);
  if (damage != NULL)
    g_string_append_printf (text, " %s", damage);

  bar = show_bar (self, GTK_MESSAGE_QUESTION, text->str, names->str);
  if (n_records > 0)
    {
      gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Discard"), RESPONSE_DISCARD);
      gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Restore"), RESPONSE_RESTORE);
      gtk_info_bar_set_default_response (GTK_INFO_BAR (bar), RESPONSE_RESTORE);
      g_signal_connect (bar, "response", G_CALLBACK (restore_response_cb), self);
    }
  else
    {
      gtk_info_bar_set_show_close_button (GTK_INFO_BAR (bar), TRUE);
      g_signal_connect (bar, "response", G_CALLBACK (dismiss_cb), self);
    }
}

static GtkLabel *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* For tests: the bar's text, or NULL when none is shown. */
const char *
_mh_window_get_restore_text (MhWindow *self)
{
  GtkLabel *label = self->restore_bar != NULL ? find_label (self->restore_bar) : NULL;

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/* For tests: answers the bar as a click would. */
void
_mh_window_answer_restore (MhWindow *self,
                           gboolean  restore)
{
  g_return_if_fail (self->restore_bar != NULL);
  gtk_info_bar_response (GTK_INFO_BAR (self->restore_bar),
                         restore ? RESPONSE_RESTORE : RESPONSE_DISCARD);
}
