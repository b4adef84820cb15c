/* mh-document-edit-private.h: what the edit engine's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mh-document-private.h"

G_BEGIN_DECLS

typedef struct
{
  gsize  start;
  gsize  end;
  char  *text;
} Splice;

typedef struct
{
  MhDocument *doc;
  const char *data;
  gsize       len;
  const char *nl;
  GArray     *splices;
  MhNode     *expected;    /* the data the edit must produce */
  guint       map_step;    /* the file's mapping indentation */
  guint       seq_offset;  /* where the file puts a list's dash under its key */
  MhStyle     forced;
} Edit;

/* Where a path leads in the tree: the node, or the deepest node that
 * exists and the first step that does not. */
typedef struct
{
  MhNode *node;
  guint   missing;    /* n_steps when found */
  GArray *trail;      /* per found step: index into the parent's children */
} Walk;

gsize     _mh_edit_line_start (const Edit *e,
                               gsize       p);
gsize     _mh_edit_next_line_start (const Edit *e,
                                    gsize       p);
guint     _mh_edit_column (const Edit *e,
                           gsize       p);
gboolean  _mh_edit_starts_line (const Edit *e,
                                gsize       p);
gsize     _mh_edit_skip_blanks (const Edit *e,
                                gsize       p);
gboolean  _mh_edit_rest_is_blank (const Edit *e,
                                  gsize       p);
char     *_mh_edit_spaces (guint n);
gsize     _mh_edit_content_start (const Edit   *e,
                                  const MhNode *node);
gsize     _mh_edit_find_colon (const Edit   *e,
                               const MhNode *key);
gboolean  _mh_edit_inside_scalar (const MhNode *node,
                                  gsize         offset);
gsize     _mh_edit_entry_start (const Edit   *e,
                                const MhNode *mapping,
                                guint         pair);
gsize     _mh_edit_find_dash (const Edit   *e,
                              const MhNode *item);
gboolean  _mh_edit_in_flow (const MhNode *node);
guint     _mh_edit_owner_column (const Edit   *e,
                                 const MhNode *node);
void      _mh_edit_splice (Edit       *e,
                           gsize       start,
                           gsize       end,
                           char       *text);
gboolean  _mh_edit_fail_render (const MhNode  *value,
                                GError       **error);
gboolean  _mh_edit_render_flow (Edit          *e,
                                GString       *out,
                                const MhNode  *value,
                                GError       **error);
gboolean  _mh_edit_render_block_item (Edit          *e,
                                      GString       *out,
                                      const MhNode  *item,
                                      guint          dash_col,
                                      GError       **error);
gboolean  _mh_edit_render_block_entry (Edit          *e,
                                       GString       *out,
                                       const char    *key,
                                       const MhNode  *value,
                                       guint          col,
                                       GError       **error);
gboolean  _mh_edit_render_block_entries (Edit          *e,
                                         GString       *out,
                                         const MhNode  *mapping,
                                         guint          col,
                                         gboolean       first_inline,
                                         GError       **error);
void      _mh_edit_detect_style (Edit         *e,
                                 const MhNode *node,
                                 gboolean     *found_map,
                                 gboolean     *found_seq);
gsize     _mh_edit_flow_item_start (const MhNode *flow,
                                    guint         i);
gsize     _mh_edit_flow_item_end (const MhNode *flow,
                                  guint         i);
gboolean  _mh_edit_delete_child (Edit          *e,
                                 MhNode        *collection,
                                 MhNode        *expected,
                                 guint          i,
                                 GError       **error);
gboolean  _mh_edit_move_item (Edit          *e,
                              MhNode        *sequence,
                              MhNode        *expected,
                              guint          from,
                              guint          to,
                              GError       **error);

G_END_DECLS
