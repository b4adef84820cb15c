/* mh-test-util.h: temporary folders, exact bytes and main-loop waits for the model tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mh-collection.h"

#include "../mh-test-files.h"

#define MH_TEST_RECORD \
  "---\n" \
  "# a comment that must survive\n" \
  "category: news\n" \
  "title: \"Hello World\"\n" \
  "excerpt: \"Café society, an excerpt\"\n" \
  "publishedDateTime: 2021-04-09T12:58:00Z\n" \
  "type: article\n" \
  "quality: 52\n" \
  "heat: -1\n" \
  "published: false\n" \
  "\n" \
  "provider:\n" \
  "  name: MIT Technology Review\n" \
  "  domain: technologyreview.com\n" \
  "\n" \
  "topics:\n" \
  "  - Computer Vision\n" \
  "  - AI\n" \
  "\n" \
  "images:\n" \
  "  - url: \"https://example.com/a.png\"\n" \
  "    width: 932\n" \
  "    height: 460\n" \
  "    isCached: true\n" \
  "\n" \
  "related:\n" \
  "  - title: \"Other\"\n" \
  "    webUrl: \"https://example.com/other\"\n" \
  "    quality: 72\n" \
  "\n" \
  "custom: 7\n" \
  "secured: \"abc==\"\n" \
  "---\n" \
  "Body text\n"

static inline char *
mh_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mh-model-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline char *
mh_test_write (const char *dir,
               const char *name,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static inline char *
mh_test_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static inline void
mh_test_assert_file (const char *path,
                     const char *expected)
{
  g_autofree char *data = mh_test_read (path);

  g_assert_cmpstr (data, ==, expected);
}

/* Replaces the first @old in @text by @new. */
static inline char *
mh_test_replace (const char *text,
                 const char *old,
                 const char *new_text)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new_text, at + strlen (old));
}


typedef gboolean (*MhTestCondition) (gpointer data);

/* Runs the main loop until @condition holds, for at most five seconds. */
static inline gboolean
mh_test_wait (MhTestCondition condition,
              gpointer        data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static inline void
mh_test_load_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  GError **error = data;

  if (!mh_collection_load_finish (MH_COLLECTION (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  /* Mark "done" even on success. */
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static inline gboolean
mh_test_error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static inline MhCollection *
mh_test_load (const char *dir)
{
  g_autoptr(MhCollection) collection = mh_collection_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  mh_collection_load_async (collection, folder, NULL, mh_test_load_cb, &error);
  g_assert_true (mh_test_wait (mh_test_error_set, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (mh_collection_get_loading (collection));
  return g_steal_pointer (&collection);
}

static inline MhArticle *
mh_test_lookup (MhCollection *collection,
                const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return mh_collection_lookup (collection, file);
}
