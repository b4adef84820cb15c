/* mh-a11y.c: one accessible name per control, said without mnemonic underscores
 *
 * GTK 4.8 names a control from its label property and its labelled-by relation both, and a
 * button with a mnemonic gets both: the property holds the raw "_Save" and the button's own
 * label, its mnemonic label, adds "Save". A stack switcher's tabs and the stack's pages take
 * the raw title ("C_hanges"). These helpers leave one source, spelled as it is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mh-a11y.h"

/**
 * mh_a11y_strip_mnemonic:
 * @text: a label with mnemonic underscores
 *
 * Returns: (transfer full): @text as it is shown: "C_hanges" is "Changes", "__" one "_"
 */
char *
mh_a11y_strip_mnemonic (const char *text)
{
  GString *plain = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (plain, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/**
 * mh_a11y_name_once:
 * @button: a #GtkButton whose label has a mnemonic
 *
 * Drops the raw label property GtkButton sets, so the button's mnemonic label (the
 * labelled-by relation) names it alone. Call it after every gtk_button_set_label().
 */
void
mh_a11y_name_once (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (gtk_button_get_use_underline (GTK_BUTTON (button))
      && gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * mh_a11y_label_only:
 * @widget: a control named by its label property that also has a mnemonic label
 *
 * Drops the labelled-by relation gtk_label_set_mnemonic_widget() adds, so the label property
 * ("Minimum quality") is said alone, not followed by the mnemonic label's "From". Call it
 * after gtk_label_set_mnemonic_widget().
 */
void
mh_a11y_label_only (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
name_stack_pages (GtkStack *stack)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
  guint n = g_list_model_get_n_items (pages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      const char *title = gtk_stack_page_get_title (page);

      if (title != NULL && gtk_stack_page_get_use_underline (page)
          && GTK_IS_ACCESSIBLE (page))
        {
          g_autofree char *plain = mh_a11y_strip_mnemonic (title);

          gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          plain, -1);
        }
    }
}

/* A switcher's tab shows its page title through a label of its own, which already reads
 * "Changes"; the tab's name is set from that label's text. */
static void
name_switcher_tabs (GtkWidget *switcher)
{
  for (GtkWidget *tab = gtk_widget_get_first_child (switcher); tab != NULL;
       tab = gtk_widget_get_next_sibling (tab))
    {
      GtkWidget *label = GTK_IS_BUTTON (tab) ? gtk_button_get_child (GTK_BUTTON (tab)) : NULL;

      if (label != NULL && GTK_IS_LABEL (label))
        gtk_accessible_update_property (GTK_ACCESSIBLE (tab), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_label_get_text (GTK_LABEL (label)), -1);
    }
}

/**
 * mh_a11y_fix_names:
 * @root: a widget, usually a window or a page just built from a template
 *
 * Applies mh_a11y_name_once() to every mnemonic button under @root, and names every stack
 * page and switcher tab under it by its title as read. Widgets added later need their own
 * call.
 */
void
mh_a11y_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_STACK_SWITCHER (root))
    {
      name_switcher_tabs (root);
      return;
    }
  if (GTK_IS_BUTTON (root))
    mh_a11y_name_once (root);
  else if (GTK_IS_STACK (root))
    name_stack_pages (GTK_STACK (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mh_a11y_fix_names (child);
}
