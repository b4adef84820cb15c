/* fuzz-query.c: libFuzzer target over the query parser and matcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses the input as a query (it may hold NULs: the part before the first
 * one is the query). A malformed query must come back as a syntax error
 * whose column lies inside the query or just past it; a query that parses
 * is matched against a few fixed records, and must match the same way
 * twice. A broken promise is an abort(), which libFuzzer and the replay test
 * both report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mh-query.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char *const records[] = {
  "---\n"
  "title: Police drones\n"
  "quality: 07\n"
  "published: true\n"
  "publishedDateTime: 2024-01-01T00:00:00Z\n"
  "provider: {name: Le Monde, domain: lemonde.fr}\n"
  "topics: [Sécurité, AI]\n"
  "images:\n"
  "  - width: 640\n"
  "  - width: 1280\n"
  "anchor: &a {x: 1}\n"
  "alias: *a\n"
  "---\n",
  "---\ntitle: x\n\tbad: tab\n---\n",
  "no front matter\n",
  "---\nempty:\nlist: []\nmap: {}\n---\n",
};

static void
fail (const char *what)
{
  fprintf (stderr, "fuzz-query: %s\n", what);
  abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *expr = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MhQuery) query = NULL;
  guint column = 0;

  query = mh_query_parse_full (expr, &column, &error);
  if (query == NULL)
    {
      glong n_chars;

      if (error == NULL || !g_error_matches (error, MH_QUERY_ERROR, MH_QUERY_ERROR_SYNTAX))
        fail ("a refused query has no syntax error");
      n_chars = g_utf8_validate (expr, -1, NULL) ? g_utf8_strlen (expr, -1) : (glong) strlen (expr);
      if (column < 1 || column > (guint) n_chars + 1)
        fail ("the error's column lies outside the query");
      return 0;
    }

  (void) mh_query_is_plain_text (query);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr(MhDocument) document = mh_document_new_from_data (records[i],
                                                                  strlen (records[i]));
      MhQueryDocumentRecord record;
      gboolean first, second;

      mh_query_document_record_init (&record, document);
      first = mh_query_match (query, &record.record);
      second = mh_query_match (query, &record.record);
      mh_query_document_record_clear (&record);
      if (first != second)
        fail ("the same record matched differently twice");
    }
  return 0;
}
