/* mh-document-private.h: what the core's own files share about documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <yaml.h>

#include "mh-document.h"

G_BEGIN_DECLS

/* Parsed nodes come in blocks, freed together after the tree. */
typedef struct
{
  GSList *blocks;
  MhNode *next;
  guint   left;
} MhArena;

MhNode   *_mh_arena_alloc          (MhArena       *arena);
void      _mh_arena_clear          (MhArena       *arena);

struct _MhDocument
{
  gatomicrefcount  ref_count;
  GBytes          *bytes;
  GBytes          *original;
  MhSplit          split;
  MhNode          *root;              /* whatever the block's root is, any kind */
  MhArena          arena;             /* root's nodes */
  char            *readonly_reason;   /* from the bytes */
  gsize            readonly_offset;
  char            *fs_readonly_reason;
};

typedef struct
{
  MhArena arena;          /* the nodes' blocks: the caller clears it after the root */
  MhNode *root;           /* NULL for an empty block */
  char   *error;          /* NULL when the block parsed and passed the checks */
  gsize   error_offset;   /* G_MAXSIZE: no position */
} MhParseResult;

/* Parses data[split->block_start, split->block_end) into a span tree with
 * file offsets, and runs the checks that make a whole file read-only. */
void      _mh_parse_block          (const char    *data,
                                    gsize          len,
                                    const MhSplit *split,
                                    MhParseResult *result);

/* Renders @value (a scalar) as YAML text for a value position, preferring
 * @style; continuation lines get @indent spaces. NULL if it cannot be. */
char     *_mh_render_scalar        (const MhNode  *value,
                                    MhStyle        style,
                                    guint          indent,
                                    gboolean       flow_context,
                                    const char    *newline);
/* A key for a new entry: plain when it reads back as the same string. */
char     *_mh_render_key           (const char    *key,
                                    gboolean       flow_context);
gboolean  _mh_scalar_needs_quotes  (const char    *value,
                                    gsize          len);

void      _mh_document_take        (MhDocument    *self,
                                    MhDocument    *check);
gboolean  _mh_document_apply_edit  (MhDocument    *self,
                                    const MhEdit  *edit,
                                    MhStyle        forced_style,
                                    GError       **error);

G_END_DECLS
