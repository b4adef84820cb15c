/* mh-record-cell.c: one cell of the record list, showing one column of one record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mh-record-cell.h"

struct _MhRecordCell
{
  GtkWidget         parent_instance;

  MhArticle        *article;
  GSignalGroup     *article_signals;  /* follows the bound article's notifications */
  GtkWidget        *child;            /* inscription, label or image */

  MhRecordCellKind  kind;
};

G_DEFINE_FINAL_TYPE (MhRecordCell, mh_record_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mh_record_cell_update (MhRecordCell *self)
{
  MhArticle *article = self->article;

  if (article == NULL)
    return;

  switch (self->kind)
    {
    case MH_RECORD_CELL_MODIFIED:
      gtk_widget_set_visible (self->child, mh_article_get_modified (article));
      break;

    case MH_RECORD_CELL_PROBLEMS:
      {
        guint n = mh_article_get_n_problems (article);
        gboolean errors = mh_article_get_n_errors (article) > 0;
        const char *reason = mh_article_get_readonly_reason (article);

        gtk_widget_set_visible (self->child, n > 0 || reason != NULL);
        gtk_image_set_from_icon_name (GTK_IMAGE (self->child),
                                      reason != NULL ? "changes-prevent-symbolic"
                                      : errors ? "dialog-error-symbolic"
                                      : "dialog-warning-symbolic");
        gtk_widget_remove_css_class (self->child,
                                     errors ? "mh-marker-problem" : "mh-marker-error");
        gtk_widget_add_css_class (self->child, errors ? "mh-marker-error" : "mh-marker-problem");
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        reason != NULL ? _("Read-only")
                                        : errors ? _("Has errors") : _("Has warnings"), -1);
      }
      break;

    case MH_RECORD_CELL_TITLE:
      {
        const char *title = mh_article_get_title (article);

        if (title == NULL || title[0] == '\0')
          {
            /* A record without a title still needs a name in the list: its file's. */
            gtk_inscription_set_text (GTK_INSCRIPTION (self->child),
                                      mh_article_get_display_name (article));
            gtk_widget_add_css_class (self->child, "mh-cell-dim");
          }
        else
          {
            gtk_inscription_set_text (GTK_INSCRIPTION (self->child), title);
            gtk_widget_remove_css_class (self->child, "mh-cell-dim");
          }
      }
      break;

    case MH_RECORD_CELL_PROVIDER:
      gtk_inscription_set_text (GTK_INSCRIPTION (self->child),
                                mh_article_get_provider_name (article));
      break;

    case MH_RECORD_CELL_DATE:
      {
        g_autoptr(GDateTime) date = mh_article_dup_date_time (article);
        /* Translators: the Date column, a g_date_time_format() format: "%d.%m.%Y" in German.
         * The record keeps its own spelling; this is only how the list shows it. */
        g_autofree char *text = date != NULL ? g_date_time_format (date, _("%Y-%m-%d")) : NULL;

        gtk_inscription_set_text (GTK_INSCRIPTION (self->child), text != NULL ? text : "");
      }
      break;

    case MH_RECORD_CELL_QUALITY:
    case MH_RECORD_CELL_HEAT:
      {
        gboolean quality = self->kind == MH_RECORD_CELL_QUALITY;
        gboolean has = quality ? mh_article_get_has_quality (article)
                               : mh_article_get_has_heat (article);
        gint64 value = quality ? mh_article_get_quality (article) : mh_article_get_heat (article);
        g_autofree char *text = has ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;

        gtk_label_set_text (GTK_LABEL (self->child), text != NULL ? text : "–");
      }
      break;

    case MH_RECORD_CELL_TOPICS:
      {
        g_autofree char *text = g_strjoinv (", ", (char **) mh_article_get_topics (article));

        gtk_inscription_set_text (GTK_INSCRIPTION (self->child), text);
      }
      break;

    case MH_RECORD_CELL_PUBLISHED:
      if (!mh_article_get_has_published (article))
        gtk_label_set_text (GTK_LABEL (self->child), "–");
      else
        gtk_label_set_text (GTK_LABEL (self->child),
                            mh_article_get_published (article) ? _("Yes") : _("No"));
      break;

    case MH_RECORD_CELL_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Tooltips are made when asked for: setting one on every rebind makes GTK
 * ask the X server where the pointer is, a round trip per cell. */
static gboolean
query_tooltip_cb (GtkWidget    *child,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  MhRecordCell *self)
{
  MhArticle *article = self->article;
  g_autofree char *text = NULL;

  if (article == NULL)
    return FALSE;

  if (self->kind == MH_RECORD_CELL_DATE)
    text = g_strdup (mh_article_get_published_date_time (article));
  else if (mh_article_get_readonly_reason (article) != NULL)
    text = g_strdup (mh_article_get_readonly_reason (article));
  else
    {
      guint n = mh_article_get_n_problems (article);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u problem", "%'u problems", n), n);
    }

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
mh_record_cell_build (MhRecordCell *self)
{
  switch (self->kind)
    {
    case MH_RECORD_CELL_MODIFIED:
      self->child = gtk_label_new ("●");
      gtk_widget_add_css_class (self->child, "mh-marker-modified");
      gtk_widget_set_tooltip_text (self->child, _("Modified, not saved"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Modified"), -1);
      gtk_widget_set_visible (self->child, FALSE);
      break;

    case MH_RECORD_CELL_PROBLEMS:
      self->child = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (self->child, "mh-marker-problem");
      gtk_widget_set_visible (self->child, FALSE);
      break;

    case MH_RECORD_CELL_QUALITY:
    case MH_RECORD_CELL_HEAT:
    case MH_RECORD_CELL_PUBLISHED:
      self->child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->child),
                            self->kind == MH_RECORD_CELL_PUBLISHED ? 0.0 : 1.0);
      gtk_widget_add_css_class (self->child, "numeric");
      break;

    case MH_RECORD_CELL_TITLE:
    case MH_RECORD_CELL_PROVIDER:
    case MH_RECORD_CELL_DATE:
    case MH_RECORD_CELL_TOPICS:
      /* Inscriptions, not labels: they skip the text measurement a label does per row. */
      self->child = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->child),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      /* Minimums keep the title readable in a narrow pane (the list scrolls sideways instead). */
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->child),
                                     self->kind == MH_RECORD_CELL_TITLE ? 26
                                     : self->kind == MH_RECORD_CELL_DATE ? 10 : 8);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->child),
                                     self->kind == MH_RECORD_CELL_TITLE ? 48
                                     : self->kind == MH_RECORD_CELL_DATE ? 10 : 16);
      if (self->kind == MH_RECORD_CELL_DATE)
        gtk_widget_add_css_class (self->child, "numeric");
      break;

    case MH_RECORD_CELL_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (self->kind == MH_RECORD_CELL_PROBLEMS || self->kind == MH_RECORD_CELL_DATE)
    {
      gtk_widget_set_has_tooltip (self->child, TRUE);
      g_signal_connect (self->child, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
    }

  gtk_widget_set_hexpand (self->child, TRUE);
  if (self->kind == MH_RECORD_CELL_MODIFIED || self->kind == MH_RECORD_CELL_PROBLEMS)
    gtk_widget_set_halign (self->child, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}

static void
article_notify_cb (MhRecordCell *self)
{
  mh_record_cell_update (self);
}

/**
 * mh_record_cell_new:
 *
 * Returns: (transfer floating): a cell for one column
 */
GtkWidget *
mh_record_cell_new (MhRecordCellKind kind)
{
  g_return_val_if_fail (kind < MH_RECORD_CELL_N_KINDS, NULL);

  return g_object_new (MH_TYPE_RECORD_CELL, "kind", kind, NULL);
}

MhRecordCellKind
mh_record_cell_get_kind (MhRecordCell *self)
{
  g_return_val_if_fail (MH_IS_RECORD_CELL (self), 0);

  return self->kind;
}

MhArticle *
mh_record_cell_get_article (MhRecordCell *self)
{
  g_return_val_if_fail (MH_IS_RECORD_CELL (self), NULL);

  return self->article;
}

void
mh_record_cell_set_article (MhRecordCell *self,
                            MhArticle    *article)
{
  g_return_if_fail (MH_IS_RECORD_CELL (self));
  g_return_if_fail (article == NULL || MH_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;
  g_signal_group_set_target (self->article_signals, article);
  mh_record_cell_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

static void
mh_record_cell_constructed (GObject *object)
{
  MhRecordCell *self = MH_RECORD_CELL (object);

  G_OBJECT_CLASS (mh_record_cell_parent_class)->constructed (object);

  mh_record_cell_build (self);
}

static void
mh_record_cell_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MhRecordCell *self = MH_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;

    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_record_cell_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MhRecordCell *self = MH_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_uint (value);
      break;

    case PROP_ARTICLE:
      mh_record_cell_set_article (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mh_record_cell_dispose (GObject *object)
{
  MhRecordCell *self = MH_RECORD_CELL (object);

  if (self->article_signals != NULL)
    g_signal_group_set_target (self->article_signals, NULL);
  g_clear_object (&self->article_signals);
  g_clear_object (&self->article);
  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (mh_record_cell_parent_class)->dispose (object);
}

static void
mh_record_cell_class_init (MhRecordCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mh_record_cell_constructed;
  object_class->dispose = mh_record_cell_dispose;
  object_class->get_property = mh_record_cell_get_property;
  object_class->set_property = mh_record_cell_set_property;

  /**
   * MhRecordCell:kind:
   *
   * Which column the cell shows (an #MhRecordCellKind).
   */
  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, MH_RECORD_CELL_N_KINDS - 1, MH_RECORD_CELL_TITLE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * MhRecordCell:article:
   *
   * The record the cell shows, set while its row is bound.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, MH_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mh-record-cell");
}

static void
mh_record_cell_init (MhRecordCell *self)
{
  self->article_signals = g_signal_group_new (MH_TYPE_ARTICLE);
  /* Any property may change with an edit, an undo or a reload: one update covers them. */
  g_signal_group_connect_swapped (self->article_signals, "notify",
                                  G_CALLBACK (article_notify_cb), self);
}
