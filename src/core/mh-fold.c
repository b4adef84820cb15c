/* mh-fold.c: text folded for comparison: casefolded, NFKD, marks dropped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mh-fold.h"

/* Folds a run that holds non-ASCII bytes (or is invalid UTF-8). */
static void
fold_slow (GString    *out,
           const char *text,
           gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  /* NFKD splits accented letters into base + combining marks, which are
   * then dropped: "Café" and "cafe" fold alike. */
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);

  if (decomposed == NULL)
    {
      g_string_append (out, folded);
      return;
    }
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK
          || t == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }
}

/* Two-byte characters (U+0080 to U+07FF: Latin accents, Greek, Cyrillic,
 * Hebrew, Arabic...) folded once each: casefolding and NFKD work character
 * by character, and the marks canonical ordering would move are dropped, so
 * folding a run character by character gives what folding it whole does. */
typedef struct
{
  guint8 len;               /* G_MAXUINT8: longer than bytes, fold it each time */
  char   bytes[7];
} FoldedChar;

static FoldedChar folded_chars[0x800];

static void
fold_table_init (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;
  for (gunichar c = 0x80; c < 0x800; c++)
    {
      g_autoptr(GString) folded = g_string_new (NULL);
      char utf8[6];
      int n = g_unichar_to_utf8 (c, utf8);

      fold_slow (folded, utf8, n);
      if (folded->len <= sizeof folded_chars[c].bytes)
        {
          folded_chars[c].len = folded->len;
          memcpy (folded_chars[c].bytes, folded->str, folded->len);
        }
      else
        folded_chars[c].len = G_MAXUINT8;
    }
  g_once_init_leave (&done, 1);
}

/* A run of non-ASCII bytes: two-byte characters from the table, anything
 * else (longer characters, invalid bytes) through fold_slow() in pieces
 * that end where a two-byte character starts, the same place whole-run
 * validation would be at. */
static void
fold_non_ascii (GString    *out,
                const char *text,
                gsize       len)
{
  gsize slow_start = 0;
  gsize p = 0;

  fold_table_init ();
  while (p < len)
    {
      guchar c = text[p];

      if (c >= 0xc2 && c <= 0xdf && p + 1 < len && ((guchar) text[p + 1] & 0xc0) == 0x80)
        {
          gunichar u = ((gunichar) (c & 0x1f) << 6) | ((guchar) text[p + 1] & 0x3f);
          const FoldedChar *folded = &folded_chars[u];

          if (p > slow_start)
            fold_slow (out, text + slow_start, p - slow_start);
          if (folded->len == G_MAXUINT8)
            fold_slow (out, text + p, 2);
          else
            g_string_append_len (out, folded->bytes, folded->len);
          p += 2;
          slow_start = p;
          continue;
        }

      /* Whole characters, or one invalid byte, as validation steps. */
      if ((gint32) g_utf8_get_char_validated (text + p, len - p) < 0)
        p++;
      else
        p += g_utf8_skip[c];
    }
  if (p > slow_start)
    fold_slow (out, text + slow_start, p - slow_start);
}

/* Appends @text folded to @out. ASCII, most of any record, is lowered in
 * place; only the runs around non-ASCII bytes go through casefolding and
 * normalisation. That is the same result: ASCII letters fold and decompose
 * to themselves, NFKD only decomposes (a mark after an ASCII letter is still
 * a mark, dropped alike), and canonical ordering never moves marks across an
 * ASCII byte. NUL is not taken as ASCII: it becomes U+FFFD as before. */
void
mh_fold_append (GString    *out,
                const char *text,
                gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize start = i;
      gsize base = out->len;
      gsize end;

      while (i < len && (guchar) text[i] - 1u < 0x7fu)
        i++;
      g_string_set_size (out, base + (i - start));
      for (gsize j = start; j < i; j++)
        out->str[base + (j - start)] = g_ascii_tolower (text[j]);
      if (i == len)
        break;
      end = i;
      while (end < len && !((guchar) text[end] - 1u < 0x7fu))
        end++;
      fold_non_ascii (out, text + i, end - i);
      i = end;
    }
}

char *
mh_fold_text (const char *text,
              gssize      len)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (len < 0)
    len = strlen (text);

  out = g_string_sized_new (len);
  mh_fold_append (out, text, len);
  return g_string_free (out, FALSE);
}

char *
mh_fold_variant_key (const char *text,
                     gssize      len)
{
  g_autofree char *folded = mh_fold_text (text, len);
  GString *key = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}
