/* mh-bench-corpus.c: deterministic generator of seed-like article records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mh-bench.h"

/* Bump when the records' shape changes, so an old corpus is not reused. */
#define CORPUS_VERSION 1
#define MIN_RECORD     1024
#define MAX_RECORD     4096

/* splitmix64: tiny, fast, and the same on every machine, so a corpus
 * generated anywhere has the same bytes for the same seed. */
typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

static gboolean
rng_chance (Rng   *rng,
            guint  percent)
{
  return rng_below (rng, 1000) < percent * 10;
}

static guint
rng_range (Rng   *rng,
           guint  lo,
           guint  hi)
{
  return lo + rng_below (rng, hi - lo + 1);
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

static const char * const categories[] = {
  "news", "news", "news", "opinion", "analysis", "review", "feature", "interview", "explainer",
};

static const char * const types[] = {
  "article", "article", "article", "article", "article", "video", "podcast", "gallery",
};

typedef struct
{
  const char *name;
  const char *domain;
} Provider;

static const Provider providers[] = {
  { "MIT Technology Review", "technologyreview.com" },
  { "New York Post", "nypost.com" },
  { "The Verge", "theverge.com" },
  { "Ars Technica", "arstechnica.com" },
  { "Wired", "wired.com" },
  { "The Guardian", "theguardian.com" },
  { "Le Monde", "lemonde.fr" },
  { "Süddeutsche Zeitung", "sueddeutsche.de" },
  { "El País", "elpais.com" },
  { "Neue Zürcher Zeitung", "nzz.ch" },
  { "BBC News", "bbc.co.uk" },
  { "Reuters", "reuters.com" },
  { "Associated Press", "apnews.com" },
  { "Nikkei Asia", "asia.nikkei.com" },
  { "TechCrunch", "techcrunch.com" },
  { "VentureBeat", "venturebeat.com" },
  { "ZDNet", "zdnet.com" },
  { "Engadget", "engadget.com" },
  { "Heise online", "heise.de" },
  { "Gazeta Wyborcza", "wyborcza.pl" },
  { "Folha de S.Paulo", "folha.uol.com.br" },
  { "The Atlantic", "theatlantic.com" },
  { "Nature", "nature.com" },
  { "Science News", "sciencenews.org" },
  { "Quanta Magazine", "quantamagazine.org" },
  { "IEEE Spectrum", "spectrum.ieee.org" },
  { "Politico Europe", "politico.eu" },
  { "Der Standard", "derstandard.at" },
  { "Helsingin Sanomat", "hs.fi" },
  { "Ελληνική Καθημερινή", "kathimerini.gr" },
  { "日本経済新聞", "nikkei.com" },
  { "The Register", "theregister.com" },
  { "Rest of World", "restofworld.org" },
  { "404 Media", "404media.co" },
  { "The Markup", "themarkup.org" },
  { "Protocol", "protocol.com" },
};

static const char * const topics[] = {
  "AI", "Computer Vision", "Privacy", "Surveillance", "Robotics", "Climate", "Energy",
  "Batteries", "Semiconductors", "Open Source", "Linux", "Security", "Cryptography", "Policy",
  "Regulation", "Antitrust", "Space", "Biotech", "Genomics", "Health", "Vaccines", "Quantum",
  "Networking", "5G", "Cloud", "Databases", "Startups", "Venture Capital", "Labor", "Education",
  "Transport", "Electric Vehicles", "Autonomous Vehicles", "Drones", "Social Media",
  "Misinformation", "Elections", "Courts", "Police", "Facial Recognition", "Smart Cities",
  "Agriculture", "Food", "Oceans", "Wildfires", "Housing", "Finance", "Crypto", "Gaming",
  "Music", "Film", "Books", "Design", "Science", "Mathematics", "Physics", "Chemistry",
  "Astronomy", "Archaeology", "Café Culture", "Économie", "Sécurité", "Übersetzung",
};

static const char * const subjects[] = {
  "The NYPD", "Clearview AI", "A startup in Zürich", "Europe’s regulators", "A new chip",
  "The city council", "Researchers at MIT", "A team in São Paulo", "The FTC", "Open-source "
  "maintainers", "A hospital in Kraków", "Farmers in Kenya", "The Supreme Court",
  "A robot", "Engineers in Tokyo", "A café owner", "The EU", "Scientists", "Volunteers",
  "A drone company", "Students", "A small newsroom", "The world’s largest battery",
  "Wikipedia editors", "A satellite", "Cloud providers", "Game developers", "Librarians",
};

static const char * const verbs[] = {
  "used", "banned", "built", "tested", "questioned", "rebuilt", "sold", "mapped", "audited",
  "opened", "leaked", "approved", "rejected", "simulated", "measured", "reinvented",
  "defended", "trained", "shipped", "broke",
};

static const char * const objects[] = {
  "a controversial facial recognition tool", "the power grid", "3 billion photos",
  "a search engine for faces", "the last mile of fibre", "a quantum computer",
  "an open dataset", "the city’s traffic lights", "a vaccine trial", "a new kind of battery",
  "the election results", "its own language model", "a naïve scheduling algorithm",
  "the coral reef", "a million lines of C", "a privacy law", "its surveillance budget",
  "a 40-year-old mainframe", "the Ελληνικά keyboard", "東京’s subway map",
};

static const char * const tails[] = {
  "Here’s what you need to know.", "What happens next?", "It did not go well.",
  "The results surprised everyone.", "Critics are worried.", "—and it worked.",
  "Why it matters", "A timeline", "in 5 charts", "and nobody noticed", "again",
  "", "", "", "",
};

static const char * const words[] = {
  "the", "a", "of", "to", "and", "in", "that", "for", "is", "on", "with", "as", "it", "was",
  "company", "city", "data", "system", "people", "researchers", "said", "police", "report",
  "photos", "database", "software", "faces", "public", "week", "officials", "model", "network",
  "policy", "users", "new", "first", "billion", "million", "study", "court", "engineers",
  "privacy", "controversial", "search", "engine", "published", "records", "internal",
  "investigation", "according", "documents", "technology", "platform", "community", "open",
  "source", "research", "results", "government", "agency", "emails", "cameras", "training",
  "café", "déjà", "naïve", "façade", "Zürich", "São", "Paulo", "Kraków", "Ελλάδα", "東京",
  "über", "résumé", "crème", "piñata", "Ångström", "smörgåsbord",
};

static const char * const comment_lines[] = {
  "# reviewed by the desk",
  "# TODO: check the excerpt against the source",
  "# imported from the feed",
  "# quality set by hand",
  "# légende vérifiée",
};

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
append_words (GString *out,
              Rng     *rng,
              guint    n_chars)
{
  gsize start = out->len;
  gboolean capital = TRUE;

  while (out->len - start < n_chars)
    {
      const char *w = PICK (rng, words);

      if (out->len > start)
        g_string_append_c (out, ' ');
      if (capital && g_ascii_islower (w[0]))
        {
          g_string_append_c (out, g_ascii_toupper (w[0]));
          g_string_append (out, w + 1);
        }
      else
        g_string_append (out, w);
      capital = FALSE;
      if (rng_chance (rng, 8))
        {
          g_string_append_c (out, rng_chance (rng, 20) ? ',' : '.');
          capital = out->str[out->len - 1] == '.';
        }
    }
}

static void
append_double_quoted (GString    *out,
                      const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Plain where YAML allows it, else one of the quoted styles, as real
 * collections mix them. */
static void
append_string (GString    *out,
               Rng        *rng,
               const char *text)
{
  gboolean plain_ok = strstr (text, ": ") == NULL && strstr (text, " #") == NULL
                      && strchr ("-?:,[]{}#&*!|>'\"%@`", text[0]) == NULL
                      && text[0] != '\0' && text[strlen (text) - 1] != ':'
                      && text[strlen (text) - 1] != ' ';
  guint style = rng_below (rng, 10);

  if (plain_ok && style < 3)
    g_string_append (out, text);
  else if (style < 4 && strchr (text, '\'') == NULL)
    g_string_append_printf (out, "'%s'", text);
  else
    append_double_quoted (out, text);
}

static void
append_slug (GString    *out,
             const char *title)
{
  gboolean dash = FALSE;

  for (const char *p = title; *p && out->len < 4096; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash)
            g_string_append_c (out, '-');
          g_string_append_c (out, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
}

typedef struct
{
  const Provider *provider;
  char           *title;
  char           *excerpt;
  char           *date;
  char           *path;   /* /2021/04/09/1022240/slug/ */
} Story;

static void
story_clear (Story *story)
{
  g_free (story->title);
  g_free (story->excerpt);
  g_free (story->date);
  g_free (story->path);
}

static void
story_init (Story *story,
            Rng   *rng,
            guint  excerpt_min,
            guint  excerpt_max)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) excerpt = g_string_new (NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  guint year = rng_range (rng, 2012, 2024);
  guint month = rng_range (rng, 1, 12);
  guint day = rng_range (rng, 1, 28);
  const char *tail;

  story->provider = &PICK (rng, providers);

  g_string_append_printf (title, "%s %s %s", PICK (rng, subjects), PICK (rng, verbs),
                          PICK (rng, objects));
  tail = PICK (rng, tails);
  if (*tail)
    g_string_append_printf (title, rng_chance (rng, 50) ? ". %s" : ": %s", tail);
  story->title = g_string_free (g_steal_pointer (&title), FALSE);

  append_words (excerpt, rng, rng_range (rng, excerpt_min, excerpt_max));
  story->excerpt = g_string_free (g_steal_pointer (&excerpt), FALSE);

  story->date = g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:00Z", year, month, day,
                                 rng_below (rng, 24), rng_below (rng, 60));

  g_string_append_printf (path, "/%04u/%02u/%02u/%u/", year, month, day,
                          rng_range (rng, 1000000, 9999999));
  append_slug (path, story->title);
  g_string_append_c (path, '/');
  story->path = g_string_free (g_steal_pointer (&path), FALSE);
}

static void
append_urls (GString     *out,
             Rng         *rng,
             const Story *story,
             const char  *indent,
             gboolean     original)
{
  const char *domain = story->provider->domain;
  g_autofree char *cdn_host = g_strdelimit (g_strdup (domain), ".", '-');

  if (original)
    g_string_append_printf (out, "%soriginalUrl: \"https://www.%s%s\"\n", indent, domain,
                            story->path);
  g_string_append_printf (out, "%swebUrl: \"https://www.%s%s\"\n", indent, domain, story->path);
  if (rng_chance (rng, 85))
    g_string_append_printf (out, "%sampWebUrl: \"https://www.%s%samp/\"\n", indent, domain,
                            story->path);
  if (rng_chance (rng, 75))
    g_string_append_printf (out,
                            "%scdnAmpWebUrl: \"https://www-%s.cdn.ampproject.org/c/s/www.%s%samp/\"\n",
                            indent, cdn_host, domain, story->path);
}

static void
append_images (GString     *out,
               Rng         *rng,
               const Story *story,
               const char  *indent,
               guint        n_images)
{
  if (n_images == 0)
    return;

  g_string_append_printf (out, "%simages:\n", indent);
  for (guint i = 0; i < n_images; i++)
    {
      guint width = PICK (rng, ((const guint[]) { 640, 800, 932, 1024, 1200, 1600, 1920 }));

      g_string_append_printf (out,
                              "%s  - url: \"https://%s/wp-content/uploads/%.7s/img-%u.%s?w=%u\"\n"
                              "%s    width: %u\n"
                              "%s    height: %u\n"
                              "%s    isCached: %s\n",
                              indent, story->provider->domain, story->path + 1,
                              rng_range (rng, 1, 99999),
                              rng_chance (rng, 70) ? "jpg" : "png", width,
                              indent, width,
                              indent, width * rng_range (rng, 40, 75) / 100,
                              indent, rng_chance (rng, 80) ? "true" : "false");
    }
}

static void
append_related (GString *out,
                Rng     *rng,
                guint    n_related)
{
  if (n_related == 0)
    return;

  g_string_append (out, "\nrelated:\n");
  for (guint i = 0; i < n_related; i++)
    {
      Story story = { 0 };

      story_init (&story, rng, 80, 200);
      g_string_append (out, "  - title: ");
      append_string (out, rng, story.title);
      g_string_append (out, "\n    excerpt: ");
      append_double_quoted (out, story.excerpt);
      g_string_append_printf (out, "\n    publishedDateTime: %s\n", story.date);
      append_urls (out, rng, &story, "    ", FALSE);
      g_string_append (out, "    type: article\n");
      g_string_append_printf (out, "    provider:\n      name: %s\n      domain: %s\n",
                              story.provider->name, story.provider->domain);
      g_string_append_printf (out, "    quality: %u\n", rng_range (rng, 0, 100));
      append_images (out, rng, &story, "    ", rng_chance (rng, 60) ? 1 : 0);
      story_clear (&story);
    }
}

static void
append_topics (GString *out,
               Rng     *rng)
{
  guint n = rng_range (rng, 0, 5);
  guint style = rng_below (rng, 10);
  const char *picked[5];

  if (n == 0)
    {
      if (rng_chance (rng, 50))
        g_string_append (out, "\ntopics: []\n");
      return;
    }

  for (guint i = 0; i < n; i++)
    picked[i] = PICK (rng, topics);

  if (style < 2)
    {
      g_string_append (out, "\ntopics: [");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s%s", i ? ", " : "", picked[i]);
      g_string_append (out, "]\n");
    }
  else
    {
      /* Both block list indentations real files use. */
      const char *indent = style < 4 ? "" : "  ";

      g_string_append (out, "\ntopics:\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s- %s\n", indent, picked[i]);
    }
}

static void
append_secured (GString *out,
                Rng     *rng)
{
  guint len = rng_range (rng, 200, 900) & ~3u;

  g_string_append (out, "\nsecured: \"");
  for (guint i = 0; i < len; i++)
    g_string_append_c (out, b64[rng_below (rng, 64)]);
  g_string_append (out, "==;");
  for (guint i = 0; i < 22; i++)
    g_string_append_c (out, b64[rng_below (rng, 64)]);
  g_string_append (out, "==\"\n");
}

static void
append_body (GString *out,
             Rng     *rng,
             guint    n_chars)
{
  g_string_append_c (out, '\n');
  while (n_chars > 0)
    {
      guint para = rng_range (rng, 200, 600);   /* not inside MIN (): it would draw twice */

      para = MIN (para, n_chars);

      append_words (out, rng, para);
      g_string_append (out, ".\n\n");
      n_chars -= para;
    }
}

static void
build_record (GString *out,
              Rng     *rng,
              guint    n_related,
              gboolean drop_secured,
              guint    body_chars)
{
  Story story = { 0 };
  guint n_images = rng_below (rng, 10) < 6 ? 1 : rng_below (rng, 4);

  story_init (&story, rng, 120, 400);

  g_string_append (out, "---\n");
  if (rng_chance (rng, 5))
    g_string_append_printf (out, "%s\n", PICK (rng, comment_lines));
  g_string_append_printf (out, "category: %s\n", PICK (rng, categories));
  if (!rng_chance (rng, 1))
    {
      g_string_append (out, "title: ");
      append_string (out, rng, story.title);
      g_string_append_c (out, '\n');
    }
  if (rng_chance (rng, 10))
    {
      /* A folded block scalar, as hand-edited records have. */
      g_autofree char *wrapped = NULL;
      g_auto(GStrv) lines = NULL;

      g_string_append (out, "excerpt: >-\n");
      wrapped = g_strdup (story.excerpt);
      lines = g_strsplit (wrapped, ". ", -1);
      for (guint i = 0; lines[i]; i++)
        g_string_append_printf (out, "  %s%s\n", lines[i], lines[i + 1] ? "." : "");
    }
  else
    {
      g_string_append (out, "excerpt: ");
      append_double_quoted (out, story.excerpt);
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "publishedDateTime: %s\n", story.date);
  append_urls (out, rng, &story, "", TRUE);
  g_string_append_printf (out, "type: %s\n", PICK (rng, types));
  /* Some out-of-range values, so `check` and the problem index have work. */
  g_string_append_printf (out, "quality: %u\n",
                          rng_chance (rng, 2) ? 150 : rng_range (rng, 0, 100));
  g_string_append_printf (out, "heat: %d\n",
                          rng_chance (rng, 60) ? -1 : (int) rng_range (rng, 0, 5000));
  g_string_append_printf (out, "published: %s\n", rng_chance (rng, 50) ? "true" : "false");
  if (rng_chance (rng, 5))
    g_string_append_printf (out, "author: %s\n",
                            rng_chance (rng, 50) ? "Anaïs Dupré" : "J. Smith");

  if (rng_chance (rng, 3))
    g_string_append (out, "\nprovider: {name: Unknown, domain: example.org}\n");
  else
    g_string_append_printf (out, "\nprovider:\n  name: %s\n  domain: %s\n",
                            story.provider->name, story.provider->domain);

  append_topics (out, rng);
  if (n_images > 0)
    g_string_append_c (out, '\n');
  append_images (out, rng, &story, "", n_images);
  append_related (out, rng, n_related);
  if (!drop_secured)
    append_secured (out, rng);
  if (rng_chance (rng, 3))
    g_string_append_printf (out, "\n%s\n", PICK (rng, comment_lines));
  g_string_append (out, "---\n");
  if (body_chars > 0)
    append_body (out, rng, body_chars);

  story_clear (&story);
}

GString *
mh_bench_corpus_record (guint64 seed,
                        guint   index)
{
  guint64 base = seed * G_GUINT64_CONSTANT (0xD1B54A32D192ED03) + index;
  Rng shape = { base ^ G_GUINT64_CONSTANT (0xA0761D6478BD642F) };
  guint n_related = PICK (&shape, ((const guint[]) { 0, 0, 1, 1, 1, 1, 2, 2, 3 }));
  gboolean drop_secured = rng_chance (&shape, 25);
  guint body = rng_chance (&shape, 30) ? rng_range (&shape, 100, 1500) : 0;
  GString *out = g_string_new (NULL);

  /* Regenerate with the same content stream and a smaller or larger shape
   * until the record is within 1–4 KB. */
  for (guint attempt = 0; ; attempt++)
    {
      Rng rng = { base };

      g_string_truncate (out, 0);
      build_record (out, &rng, n_related, drop_secured, body);
      if (out->len > MAX_RECORD && attempt < 16)
        {
          if (body > 0)
            body = body > 400 ? body - 400 : 0;
          else if (n_related > 0)
            n_related--;
          else
            drop_secured = TRUE;
          continue;
        }
      if (out->len < MIN_RECORD && attempt < 16)
        {
          body += MIN_RECORD - out->len + 50;
          continue;
        }
      break;
    }

  /* A few files with the line endings and marks real collections have. */
  if (index % 50 == 7)
    {
      g_autoptr(GString) crlf = g_string_sized_new (out->len + out->len / 20);

      for (gsize i = 0; i < out->len; i++)
        {
          if (out->str[i] == '\n')
            g_string_append_c (crlf, '\r');
          g_string_append_c (crlf, out->str[i]);
        }
      g_string_assign (out, crlf->str);
    }
  if (index % 100 == 13)
    g_string_prepend (out, "\xEF\xBB\xBF");
  if (index % 1000 == 999)
    {
      /* A YAML error (a mapping value where none is allowed): the record
       * opens read-only. */
      const char *at = strstr (out->str, "\ncategory: ");

      if (at)
        g_string_insert (out, at - out->str + 1, "broken: a: b\n");
    }

  return out;
}

char *
mh_bench_corpus_filename (guint64 seed,
                          guint   index)
{
  Rng rng = { seed ^ ((guint64) index << 32) ^ index };

  return g_strdup_printf ("%06u_%016" G_GINT64_MODIFIER "x.txt", index, rng_next (&rng));
}

void
mh_bench_corpus_free (MhBenchCorpus *corpus)
{
  if (corpus == NULL)
    return;
  g_free (corpus->dir);
  g_free (corpus);
}

static char *
marker_text (guint   n_records,
             guint64 seed)
{
  return g_strdup_printf ("masthead-bench corpus v%d records %u seed %" G_GUINT64_FORMAT "\n",
                          CORPUS_VERSION, n_records, seed);
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                       g_strerror (saved));
          return FALSE;
        }
      done += n;
    }
  close (fd);
  return TRUE;
}

static void
note_size (MhBenchCorpus *corpus,
           gsize          size)
{
  corpus->total_bytes += size;
  corpus->min_size = corpus->min_size ? MIN (corpus->min_size, size) : size;
  corpus->max_size = MAX (corpus->max_size, size);
}

MhBenchCorpus *
mh_bench_corpus_ensure (const char  *dir,
                        guint        n_records,
                        guint64      seed,
                        GError     **error)
{
  g_autoptr(MhBenchCorpus) corpus = g_new0 (MhBenchCorpus, 1);
  g_autofree char *marker = g_build_filename (dir, MH_BENCH_CORPUS_MARKER, NULL);
  g_autofree char *expected = marker_text (n_records, seed);
  g_autofree char *found = NULL;
  double start;

  corpus->dir = g_strdup (dir);
  corpus->n_records = n_records;
  corpus->seed = seed;

  if (g_file_get_contents (marker, &found, NULL, NULL) && g_str_equal (found, expected))
    {
      g_autoptr(GPtrArray) files = mh_bench_list_records (dir);

      if (files->len == n_records)
        {
          for (guint i = 0; i < files->len; i++)
            {
              GStatBuf st;

              if (g_stat (files->pdata[i], &st) == 0)
                note_size (corpus, st.st_size);
            }
          corpus->reused = TRUE;
          return g_steal_pointer (&corpus);
        }
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      return NULL;
    }

  /* Clear a previous, different corpus: only our own files, by name. */
  {
    g_autoptr(GPtrArray) old = mh_bench_list_records (dir);

    g_unlink (marker);
    for (guint i = 0; i < old->len; i++)
      {
        g_autofree char *base = g_path_get_basename (old->pdata[i]);

        if (g_str_has_suffix (base, ".txt") && strlen (base) == 27 && base[6] == '_')
          g_unlink (old->pdata[i]);
      }
  }

  start = mh_bench_now ();
  for (guint i = 0; i < n_records; i++)
    {
      g_autoptr(GString) record = mh_bench_corpus_record (seed, i);
      g_autofree char *name = mh_bench_corpus_filename (seed, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!write_file (path, record->str, record->len, error))
        return NULL;
      note_size (corpus, record->len);
    }
  if (!write_file (marker, expected, strlen (expected), error))
    return NULL;
  corpus->gen_seconds = mh_bench_now () - start;

  return g_steal_pointer (&corpus);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
mh_bench_list_records (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return files;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (name[0] == '.')
        continue;
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_sort (files, compare_strings);
  return files;
}

guint64
mh_bench_warm_cache (const char *dir)
{
  g_autoptr(GPtrArray) files = mh_bench_list_records (dir);
  guint64 total = 0;

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (files->pdata[i], &data, &len, NULL))
        total += len;
    }
  return total;
}
