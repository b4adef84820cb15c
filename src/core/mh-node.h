/* mh-node.h: the YAML tree, each node carrying its byte span in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MH_NODE_SCALAR,
  MH_NODE_SEQUENCE,
  MH_NODE_MAPPING,
  MH_NODE_ALIAS,
} MhNodeKind;

/* A scalar's type, resolved under the YAML 1.2 core schema (quoted and
 * block scalars are strings; explicit `!!tags` win). TIMESTAMP is only
 * used in values handed to an edit: a string that may stay plain although
 * YAML 1.1 would read it as a date (publishedDateTime). */
typedef enum
{
  MH_SCALAR_NULL,
  MH_SCALAR_BOOL,
  MH_SCALAR_INT,
  MH_SCALAR_FLOAT,
  MH_SCALAR_STRING,
  MH_SCALAR_TIMESTAMP,
} MhScalarType;

typedef enum
{
  MH_STYLE_ANY,
  MH_STYLE_PLAIN,
  MH_STYLE_SINGLE_QUOTED,
  MH_STYLE_DOUBLE_QUOTED,
  MH_STYLE_LITERAL,
  MH_STYLE_FOLDED,
  MH_STYLE_BLOCK,   /* block mapping or sequence */
  MH_STYLE_FLOW,    /* flow mapping or sequence */
} MhStyle;

typedef struct _MhNode MhNode;

struct _MhNode
{
  MhNodeKind    kind;
  MhStyle       style;
  MhScalarType  type;       /* scalars only */
  char         *value;      /* scalars: decoded, NUL-terminated (may hold NULs: see value_len) */
  gsize         value_len;
  char         *tag;        /* explicit tag, or NULL */
  char         *anchor;     /* anchor; for an alias, the name it refers to */
  gsize         start;      /* first byte of the node (indicator or quote included) */
  gsize         end;        /* byte after its last byte, its final line break
                             * excluded: a `|+` scalar ends before the break
                             * of its last kept line (the kept lines are in) */
  MhNode       *parent;
  MhNode       *target;     /* an alias's anchored node (borrowed), NULL in copies */
  GPtrArray    *children;   /* sequence: items; mapping: key, value, key, value, … */
  guint         readonly : 1; /* alias, referenced anchor, `<<` merge, or under one */
  guint         in_arena : 1; /* allocated in a document's block of nodes */
};

MhNode       *mh_node_new_scalar      (const char   *value,
                                       MhScalarType  type);
MhNode       *mh_node_new_mapping     (void);
MhNode       *mh_node_new_sequence    (void);
void          mh_node_mapping_append  (MhNode       *mapping,
                                       const char   *key,
                                       MhNode       *value);
void          mh_node_sequence_append (MhNode       *sequence,
                                       MhNode       *item);
MhNode       *mh_node_copy            (const MhNode *node);
void          mh_node_free            (MhNode       *node);

guint         mh_node_get_n_items     (const MhNode *node);
MhNode       *mh_node_get_item        (const MhNode *node,
                                       guint         index);
MhNode       *mh_node_get_key         (const MhNode *mapping,
                                       guint         index);
MhNode       *mh_node_lookup_key      (const MhNode *mapping,
                                       const char   *key,
                                       guint        *index);
gboolean      mh_node_equal           (const MhNode *a,
                                       const MhNode *b);
gboolean      mh_node_is_null         (const MhNode *node);
/* One line of JSON (YAML 1.2 core types, aliases followed); NULL when the
 * expansion would be too large (alias bombs). */
char         *mh_node_to_json         (const MhNode *node);
/* Follows an alias to its anchored node. */
const MhNode *mh_node_resolve         (const MhNode *node);
MhScalarType  mh_resolve_plain_scalar (const char   *value,
                                       gsize         len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MhNode, mh_node_free)

G_END_DECLS
