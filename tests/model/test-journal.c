/* test-journal.c: the journal: its file, its format, and what it reads back from damage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mh-journal-private.h"
#include "mh-test-util.h"
#include "../mh-test-files.h"

typedef struct
{
  char *state;    /* XDG_STATE_HOME */
  char *folder;   /* the collection */
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->state = (char *) data;
  fixture->folder = mh_test_make_dir ();
  fixture->file = g_file_new_for_path (fixture->folder);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *journals = g_build_filename (fixture->state, "masthead", NULL);
  GDir *dir = g_dir_open (journals, 0, NULL);
  const char *name;

  /* Each test leaves the state folder empty of journals. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (journals, name, NULL);

      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_object_unref (fixture->file);
  mh_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static MhEdit *
set_edit (const char *path,
          const char *value)
{
  return mh_edit_new (MH_EDIT_SET, path, mh_node_new_scalar (value, MH_SCALAR_STRING));
}

/* Edits of every verb, with values that need every escape. */
static GPtrArray *
many_edits (void)
{
  GPtrArray *edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  MhNode *mapping = mh_node_new_mapping ();
  MhNode *list = mh_node_new_sequence ();
  MhNode *nul = mh_node_new_scalar ("", MH_SCALAR_STRING);
  MhNode *quoted = mh_node_new_scalar ("it's \"quoted\"", MH_SCALAR_STRING);
  MhNode *tagged = mh_node_new_scalar ("42", MH_SCALAR_INT);

  g_free (nul->value);
  nul->value = g_memdup2 ("a\0b", 4);
  nul->value_len = 3;
  nul->style = MH_STYLE_DOUBLE_QUOTED;
  quoted->style = MH_STYLE_SINGLE_QUOTED;
  tagged->tag = g_strdup ("tag:yaml.org,2002:int");
  tagged->anchor = g_strdup ("answer");

  mh_node_sequence_append (list, mh_node_new_scalar ("ai", MH_SCALAR_STRING));
  mh_node_sequence_append (list, tagged);
  list->style = MH_STYLE_FLOW;
  mh_node_mapping_append (mapping, "url", mh_node_new_scalar ("https://e.com/a b", MH_SCALAR_STRING));
  mh_node_mapping_append (mapping, "width", mh_node_new_scalar ("640", MH_SCALAR_INT));
  mh_node_mapping_append (mapping, "tags", list);
  mh_node_mapping_append (mapping, "nul", nul);
  mh_node_mapping_append (mapping, "quoted", quoted);

  g_ptr_array_add (edits, set_edit ("title", "Tabs\tnew\nlines \\ and ünïcödé ✓"));
  g_ptr_array_add (edits, set_edit ("provider.name", ""));
  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_SET, "quality",
                                       mh_node_new_scalar ("7", MH_SCALAR_INT)));
  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_DELETE, "topics[2]", NULL));
  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_APPEND, "images", mapping));
  g_ptr_array_add (edits, mh_edit_new_move ("topics", 3, 0));
  g_ptr_array_add (edits, mh_edit_new (MH_EDIT_INSERT, "related[0].images",
                                       mh_node_new_sequence ()));
  return edits;
}

/* An entry as the writer would write it: equal encodings mean equal
 * edits, styles, tags and all. */
static char *
encode (const char *record,
        GPtrArray  *edits)
{
  GString *out = g_string_new (NULL);

  _mh_journal_add_op (out, record, 0, "e", "h", (const MhEdit * const *) edits->pdata,
                      edits->len);
  return g_string_free (out, FALSE);
}

static void
assert_record (const MhJournalRecord *record,
               const char            *name,
               GPtrArray             *edits)
{
  g_autofree char *expected = encode (name, edits);
  g_autofree char *got = encode (record->record, record->edits);

  g_assert_cmpstr (record->record, ==, name);
  g_assert_cmpstr (got, ==, expected);
}

static MhJournal *
open_journal (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  MhJournal *journal = mh_journal_open (fixture->file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static void
append (MhJournal  *journal,
        const char *record,
        GPtrArray  *edits)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mh_journal_append (journal, record, "1:2:3", "abc",
                                    (const MhEdit * const *) edits->pdata, edits->len, &error));
  g_assert_no_error (error);
}

static char *
read_journal (const char *path,
              gsize      *len)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

static void
write_journal (const char *path,
               const char *data,
               gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

/* One journal a folder, under the state folder, named for the folder. */
static void
test_path (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *other = mh_test_make_dir ();
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autofree char *link = g_strconcat (other, "-link", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autofree char *path = mh_journal_dup_path_for_folder (fixture->file);
  g_autofree char *other_path = mh_journal_dup_path_for_folder (other_file);
  g_autofree char *link_path = NULL;
  g_autofree char *base = g_path_get_basename (fixture->folder);
  g_autofree char *tail = g_strconcat (base, ".journal", NULL);
  g_autofree char *dir = g_build_filename (fixture->state, "masthead", NULL);

  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_true (g_str_has_suffix (path, tail));
  g_assert_cmpstr (path, !=, other_path);
  /* The same folder through a link is the same journal. */
  g_assert_cmpint (symlink (other, link), ==, 0);
  link_path = mh_journal_dup_path_for_folder (link_file);
  g_assert_cmpstr (link_path, ==, other_path);
  g_unlink (link);
  mh_test_remove_tree (other);
}

/* Edits come back as they went in; the file holds a header and one line an
 * append, each line ending in a line feed. */
static void
test_roundtrip (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) edits = many_edits ();
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  MhJournal *journal;
  const MhJournalContents *pending;
  gsize len;

  g_ptr_array_add (one, set_edit ("title", "Second"));
  journal = open_journal (fixture);
  g_assert_cmpuint (mh_journal_get_pending (journal)->records->len, ==, 0);
  append (journal, "sub/a b.md", edits);
  append (journal, "c.md", one);
  append (journal, "sub/a b.md", one);

  text = read_journal (mh_journal_get_path (journal), &len);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_nonnull (strstr (lines[0], "\tmasthead-journal\t1\t/"));
  g_assert_nonnull (strstr (lines[2], "\top\tc.md\t0\t1:2:3\tabc\t1\tset\ttitle\t0\t0\t=saSecond"));
  g_assert_nonnull (strstr (lines[3], "\top\tsub/a b.md\t7\t"));
  mh_journal_close (journal);

  journal = open_journal (fixture);
  pending = mh_journal_get_pending (journal);
  g_assert_cmpuint (pending->n_damaged, ==, 0);
  g_assert_false (pending->torn);
  g_assert_cmpuint (pending->records->len, ==, 2);
  g_ptr_array_add (edits, set_edit ("title", "Second"));
  assert_record (pending->records->pdata[0], "sub/a b.md", edits);
  assert_record (pending->records->pdata[1], "c.md", one);
  g_assert_cmpstr (((MhJournalRecord *) pending->records->pdata[0])->etag, ==, "1:2:3");
  g_assert_cmpstr (((MhJournalRecord *) pending->records->pdata[0])->hash, ==, "abc");
  g_assert_null (mh_journal_contents_dup_damage (pending));
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);
}

/* Saved or undone records leave the journal; with nothing pending the file
 * goes when the journal closes. */
static void
test_forget (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autofree char *path = NULL;
  MhJournal *journal;
  const MhJournalContents *pending;

  g_ptr_array_add (one, set_edit ("title", "T"));
  journal = open_journal (fixture);
  path = g_strdup (mh_journal_get_path (journal));
  append (journal, "a.md", one);
  append (journal, "b.md", one);
  g_assert_true (mh_journal_forget (journal, "a.md", NULL));
  /* Forgetting what is not pending writes nothing. */
  g_assert_true (mh_journal_forget (journal, "never.md", NULL));
  mh_journal_close (journal);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  journal = open_journal (fixture);
  pending = mh_journal_get_pending (journal);
  g_assert_cmpuint (pending->records->len, ==, 1);
  assert_record (pending->records->pdata[0], "b.md", one);
  /* What a previous session left goes only when the user says so. */
  g_assert_true (mh_journal_forget (journal, "b.md", NULL));
  mh_journal_close (journal);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  journal = open_journal (fixture);
  g_assert_cmpuint (mh_journal_get_pending (journal)->records->len, ==, 1);
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  journal = open_journal (fixture);
  g_assert_cmpuint (mh_journal_get_pending (journal)->records->len, ==, 0);
  mh_journal_close (journal);
}

/* A record edited again before the previous session was restored: the new
 * session's edits replace the old ones (they apply to the file as it is). */
static void
test_supersede (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autoptr(GPtrArray) new_edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  MhJournal *journal;
  const MhJournalContents *pending;

  g_ptr_array_add (old, set_edit ("title", "Old"));
  g_ptr_array_add (new_edits, set_edit ("title", "New"));
  journal = open_journal (fixture);
  append (journal, "a.md", old);
  append (journal, "b.md", old);
  mh_journal_close (journal);

  journal = open_journal (fixture);
  append (journal, "a.md", new_edits);
  /* Discard keeps what this session wrote. */
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);

  journal = open_journal (fixture);
  pending = mh_journal_get_pending (journal);
  g_assert_cmpuint (pending->records->len, ==, 1);
  assert_record (pending->records->pdata[0], "a.md", new_edits);
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);
}

/* Set replaces a record's entries: what an undo leaves. */
static void
test_set (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) two = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  MhJournal *journal;

  g_ptr_array_add (two, set_edit ("title", "A"));
  g_ptr_array_add (two, set_edit ("title", "B"));
  g_ptr_array_add (one, set_edit ("title", "A"));
  journal = open_journal (fixture);
  append (journal, "a.md", two);
  g_assert_true (mh_journal_set (journal, "a.md", "1:2:3", "abc",
                                 (const MhEdit * const *) one->pdata, 1, NULL));
  append (journal, "a.md", one);
  mh_journal_close (journal);

  journal = open_journal (fixture);
  g_ptr_array_add (one, set_edit ("title", "A"));
  assert_record (mh_journal_get_pending (journal)->records->pdata[0], "a.md", one);
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);
}

/* A batch is one write at its end. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  MhJournal *journal;
  GStatBuf st;

  g_ptr_array_add (one, set_edit ("topics[0]", "AI"));
  journal = open_journal (fixture);
  g_assert_cmpint (g_stat (mh_journal_get_path (journal), &st), ==, 0);
  mh_journal_begin_batch (journal);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.md", i);

      append (journal, name, one);
    }
  {
    GStatBuf during;

    g_assert_cmpint (g_stat (mh_journal_get_path (journal), &during), ==, 0);
    g_assert_cmpint (during.st_size, ==, st.st_size);
  }
  g_assert_true (mh_journal_end_batch (journal, NULL));
  mh_journal_close (journal);

  journal = open_journal (fixture);
  g_assert_cmpuint (mh_journal_get_pending (journal)->records->len, ==, 100);
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);
}

/* A second window on the same folder does not get the journal. */
static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MhJournal *journal = open_journal (fixture);
  MhJournal *second = mh_journal_open (fixture->file, &error);

  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  mh_journal_close (journal);
}

/* Three records' entries as bytes, and the offset where each line starts. */
static GString *
three_entries (GArray *starts)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autoptr(GPtrArray) two = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  GString *text = g_string_new (NULL);
  gsize at;

  g_ptr_array_add (one, set_edit ("title", "One"));
  g_ptr_array_add (two, set_edit ("title", "Two"));
  _mh_journal_add_header (text, "/folder");
  at = text->len; g_array_append_val (starts, at);
  _mh_journal_add_op (text, "a.md", 0, "e", "h", (const MhEdit * const *) one->pdata, 1);
  at = text->len; g_array_append_val (starts, at);
  _mh_journal_add_op (text, "b.md", 0, "e", "h", (const MhEdit * const *) one->pdata, 1);
  at = text->len; g_array_append_val (starts, at);
  _mh_journal_add_op (text, "a.md", 1, "e", "h", (const MhEdit * const *) two->pdata, 1);
  at = text->len; g_array_append_val (starts, at);
  return text;
}

static guint
n_edits (const MhJournalContents *contents,
         guint                    i)
{
  return ((MhJournalRecord *) contents->records->pdata[i])->edits->len;
}

/* Cut at every byte: whole lines read, the cut one is torn and skipped,
 * nothing is ever counted damaged or half-read. */
static void
test_torn (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) text = three_entries (starts);

  for (gsize cut = 0; cut <= text->len; cut++)
    {
      g_autoptr(MhJournalContents) contents = mh_journal_parse (text->str, cut);
      guint whole = 0;

      for (guint i = 0; i < starts->len; i++)
        if (g_array_index (starts, gsize, i) <= cut)
          whole = i;
      g_assert_cmpuint (contents->n_damaged, ==, 0);
      g_assert_cmpint (contents->torn, ==, cut > 0 && text->str[cut - 1] != '\n');
      /* whole: how many op lines are complete (the header is line 0). */
      g_assert_cmpuint (contents->records->len, ==, whole == 0 ? 0 : whole == 1 ? 1 : 2);
      if (whole == 3)
        g_assert_cmpuint (n_edits (contents, 0), ==, 2);
      else if (whole >= 1)
        g_assert_cmpuint (n_edits (contents, 0), ==, 1);
      if (cut > 0 && contents->torn)
        {
          g_autofree char *damage = mh_journal_contents_dup_damage (contents);

          g_assert_cmpstr (damage, ==, "The last entry was cut short.");
        }
    }
}

static GString *
with_line (const char *fields_text)
{
  g_auto(GStrv) fields = g_strsplit (fields_text, "|", -1);
  guint n = g_strv_length (fields);
  g_autofree gboolean *raw = g_new0 (gboolean, n);
  GString *out = g_string_new (NULL);

  /* An op's values go unescaped, as the writer's do. */
  for (guint i = 6; strcmp (fields[0], "op") == 0 && i < n; i++)
    raw[i] = (i - 6) % 5 == 4;
  _mh_journal_add_header (out, "/folder");
  _mh_journal_add_line (out, (const char * const *) fields, raw, n);
  return out;
}

static MhJournalContents *
parse (GString *text)
{
  return mh_journal_parse (text->str, text->len);
}

/* What each malformed line does: it is counted damaged and skipped, and
 * the lines around it still read. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) text = three_entries (starts);
  gsize b_line = g_array_index (starts, gsize, 1);
  gsize a2_line = g_array_index (starts, gsize, 2);
  static const char *const bad_lines[] = {
    "op|a.md|0|e|h|1|set|title|0|0|=saX|extra",    /* a field too many */
    "op|a.md|0|e|h|2|set|title|0|0|=saX",          /* n says two edits, one follows */
    "op|a.md|x|e|h|1|set|title|0|0|=saX",          /* a sequence number that is no number */
    "op|a.md|0|e|h|1|frob|title|0|0|=saX",         /* an unknown verb */
    "op|a.md|0|e|h|1|set|title[|0|0|=saX",         /* a key path that does not parse */
    "op|a.md|0|e|h|1|set|ti\xfftle|0|0|=saX",      /* invalid UTF-8 in the key path */
    "op|a.md|0|e|h|1|set|title|0|0|=sa\xc3(",      /* invalid UTF-8 in a value */
    "op|a.md|0|e|h|1|set|title|0|0|-",             /* set without a value */
    "op|a.md|0|e|h|1|delete|title|0|0|=saX",       /* delete with a value */
    "op|a.md|0|e|h|1|append|images|0|0|[b =saX",   /* an unclosed list */
    "op|a.md|0|e|h|1|append|images|0|0|{b [b ] =saX }", /* a list as a key */
    "op|a.md|0|e|h|1|set|title|0|0|=qaX",          /* an unknown scalar type */
    "op|a.md|0|e|h|1|set|title|0|0|=sa\\q",        /* an unknown escape */
    "op|a.md|0|e|h|1|set|title|0|99999999999|=saX", /* an index past 32 bits */
    "op||0|e|h|1|set|title|0|0|=saX",              /* no record */
    "forget",                                      /* forget without a record */
    "frobnicate|a.md",                             /* an unknown kind */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autoptr(GString) one = with_line (bad_lines[i]);
      g_autoptr(MhJournalContents) contents = parse (one);
      g_autofree char *shown = g_utf8_make_valid (bad_lines[i], -1);

      /* Made valid for the TAP log, which is UTF-8; the journal gets the raw bytes. */
      g_test_message ("bad line %u: %s", i, shown);
      g_assert_cmpuint (contents->n_damaged, ==, 1);
      g_assert_cmpuint (contents->records->len, ==, 0);
      g_assert_false (contents->torn);
    }

  /* Garbage, a raw NUL and a raw control byte between good lines. */
  {
    g_autoptr(GString) copy = g_string_new_len (text->str, (gssize) text->len);
    g_autoptr(MhJournalContents) contents = NULL;

    static const char garbage[] = "garbage without tabs\n\x01\x02\n"
                                  "0000000\tshort sum\n\0\0\0\n";

    g_string_insert_len (copy, (gssize) b_line, garbage, sizeof garbage - 1);
    contents = parse (copy);
    g_assert_cmpuint (contents->n_damaged, ==, 4);
    g_assert_cmpuint (contents->records->len, ==, 2);
    g_assert_cmpuint (n_edits (contents, 0), ==, 2);
  }

  /* A flipped byte: the checksum catches it. b.md's only line is lost,
   * a.md reads. */
  {
    g_autoptr(GString) copy = g_string_new_len (text->str, (gssize) text->len);
    g_autoptr(MhJournalContents) contents = NULL;
    g_autofree char *damage = NULL;

    copy->str[b_line + 20] ^= 0x01;
    contents = parse (copy);
    g_assert_cmpuint (contents->n_damaged, ==, 1);
    g_assert_cmpuint (contents->records->len, ==, 1);
    g_assert_cmpstr (((MhJournalRecord *) contents->records->pdata[0])->record, ==, "a.md");
    g_assert_cmpuint (n_edits (contents, 0), ==, 2);
    damage = mh_journal_contents_dup_damage (contents);
    g_assert_cmpstr (damage, ==, "1 entry of the journal could not be read.");
  }

  /* A gap in a record's entries: its first edit is lost, so the second is
   * never replayed alone; the record is listed as incomplete. */
  {
    g_autoptr(GString) copy = g_string_new_len (text->str, (gssize) text->len);
    g_autoptr(MhJournalContents) contents = NULL;
    g_autofree char *damage = NULL;
    const MhJournalRecord *a;

    copy->str[g_array_index (starts, gsize, 0) + 30] ^= 0x20;
    contents = parse (copy);
    g_assert_cmpuint (contents->n_damaged, ==, 1);
    g_assert_cmpuint (contents->records->len, ==, 2);
    g_assert_cmpstr (((MhJournalRecord *) contents->records->pdata[0])->record, ==, "b.md");
    a = contents->records->pdata[1];
    g_assert_cmpstr (a->record, ==, "a.md");
    g_assert_true (a->incomplete);
    g_assert_cmpuint (a->edits->len, ==, 0);
    damage = mh_journal_contents_dup_damage (contents);
    g_assert_cmpstr (damage, ==, "1 entry of the journal could not be read. Some edits of 1 "
                     "record were lost; those before the loss can be restored.");
  }

  /* A huge line (past 16 MiB) is skipped unread; the next line reads. */
  {
    g_autoptr(GString) copy = g_string_new_len (text->str, (gssize) a2_line);
    g_autoptr(MhJournalContents) contents = NULL;

    g_string_set_size (copy, a2_line + MH_JOURNAL_MAX_LINE + 1);
    memset (copy->str + a2_line, 'x', MH_JOURNAL_MAX_LINE + 1);
    g_string_append_c (copy, '\n');
    g_string_append_len (copy, text->str + a2_line, (gssize) (text->len - a2_line));
    contents = parse (copy);
    g_assert_cmpuint (contents->n_damaged, ==, 1);
    g_assert_cmpuint (n_edits (contents, 0), ==, 2);
  }

  /* A record's name is bytes (a file name need not be UTF-8). */
  {
    g_autoptr(GString) one = with_line ("op|caf\xe9.md|0|e|h|1|set|title|0|0|=saX");
    g_autoptr(MhJournalContents) contents = parse (one);

    g_assert_cmpuint (contents->n_damaged, ==, 0);
    g_assert_cmpuint (contents->records->len, ==, 1);
    g_assert_cmpstr (((MhJournalRecord *) contents->records->pdata[0])->record, ==,
                     "caf\xe9.md");
  }

  /* Values nested past the engine's depth cap do not read. */
  {
    GString *deep = g_string_new ("op|a.md|0|e|h|1|append|x|0|0|");
    g_autoptr(GString) one = NULL;
    g_autoptr(MhJournalContents) contents = NULL;

    for (guint i = 0; i < MH_DOCUMENT_MAX_DEPTH + 2; i++)
      g_string_append (deep, "[b ");
    for (guint i = 0; i < MH_DOCUMENT_MAX_DEPTH + 2; i++)
      g_string_append (deep, i == 0 ? "]" : " ]");
    one = with_line (deep->str);
    g_string_free (deep, TRUE);
    contents = parse (one);
    g_assert_cmpuint (contents->n_damaged, ==, 1);
  }

  /* A journal of a newer format: nothing of it is replayed. */
  {
    g_autoptr(GString) copy = g_string_new (NULL);
    g_autoptr(MhJournalContents) contents = NULL;
    const char *fields[] = { MH_JOURNAL_MAGIC, "2", "/folder" };

    _mh_journal_add_line (copy, fields, NULL, 3);
    g_string_append_len (copy, text->str + b_line, (gssize) (text->len - b_line));
    contents = parse (copy);
    g_assert_cmpuint (contents->n_damaged, ==, 3);
    g_assert_cmpuint (contents->records->len, ==, 0);
  }

  /* Nothing, or a header only: nothing pending, no damage. */
  {
    g_autoptr(MhJournalContents) empty = mh_journal_parse (NULL, 0);
    g_autoptr(MhJournalContents) header = mh_journal_parse (text->str,
                                                            g_array_index (starts, gsize, 0));

    g_assert_cmpuint (empty->records->len + empty->n_damaged, ==, 0);
    g_assert_cmpuint (header->records->len + header->n_damaged, ==, 0);
    g_assert_cmpstr (header->folder, ==, "/folder");
  }
}

/* Opening a damaged journal reads what it can, and rewrites the file with
 * just that: the damage is reported once. */
static void
test_open_damaged (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) mh_edit_free);
  g_autofree char *path = mh_journal_dup_path_for_folder (fixture->file);
  g_autofree char *text = NULL;
  g_autoptr(GString) damaged = NULL;
  MhJournal *journal;
  gsize len;

  g_ptr_array_add (one, set_edit ("title", "Kept"));
  journal = open_journal (fixture);
  append (journal, "a.md", one);
  mh_journal_close (journal);
  text = read_journal (path, &len);
  damaged = g_string_new_len (text, (gssize) len);
  g_string_append (damaged, "\xff\xfe garbage\n0badf00d\top\tb.md\t0\tpartial");
  write_journal (path, damaged->str, damaged->len);

  journal = open_journal (fixture);
  g_assert_cmpuint (mh_journal_get_pending (journal)->n_damaged, ==, 1);
  g_assert_true (mh_journal_get_pending (journal)->torn);
  assert_record (mh_journal_get_pending (journal)->records->pdata[0], "a.md", one);
  mh_journal_close (journal);

  journal = open_journal (fixture);
  g_assert_cmpuint (mh_journal_get_pending (journal)->n_damaged, ==, 0);
  g_assert_false (mh_journal_get_pending (journal)->torn);
  assert_record (mh_journal_get_pending (journal)->records->pdata[0], "a.md", one);
  g_assert_true (mh_journal_discard_pending (journal, NULL));
  mh_journal_close (journal);
}

/* The child: appends numbered titles to one record until it is killed. */
static int
child_append (const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  MhJournal *journal = mh_journal_open (file, &error);

  if (journal == NULL)
    return 3;
  for (guint i = 0; ; i++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", i);
      g_autoptr(MhEdit) edit = set_edit ("title", title);

      if (!mh_journal_append (journal, "a.md", "e", "h", (const MhEdit * const *) &edit, 1,
                              NULL))
        return 4;
      if (i == 0)
        {
          /* Tell the parent the journal is open. */
          if (write (STDOUT_FILENO, "R", 1) != 1)
            return 5;
        }
    }
}

/* A writer killed at random moments leaves whole entries, in order. */
static void
test_killed_writer (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *self_path = g_getenv ("MH_TEST_JOURNAL_SELF");
  g_autofree char *path = mh_journal_dup_path_for_folder (fixture->file);

  g_assert_nonnull (self_path);
  for (guint run = 0; run < 20; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MhJournalContents) contents = NULL;
      g_autofree char *text = NULL;
      const char *argv[] = { self_path, "--child-append", fixture->folder, NULL };
      GPid pid;
      int out_fd, status;
      char ready;
      gsize len;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      g_usleep (g_random_int_range (0, 20000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      close (out_fd);
      g_spawn_close_pid (pid);

      text = read_journal (path, &len);
      contents = mh_journal_parse (text, len);
      g_assert_cmpuint (contents->n_damaged, ==, 0);
      g_assert_cmpuint (contents->records->len, ==, 1);
      /* Titles 0, 1, 2, … in order, none missing. */
      for (guint i = 0; i < n_edits (contents, 0); i++)
        {
          MhEdit *edit = ((MhJournalRecord *) contents->records->pdata[0])->edits->pdata[i];
          g_autofree char *title = g_strdup_printf ("Title %u", i);

          g_assert_cmpstr (edit->value->value, ==, title);
        }
      g_assert_cmpuint (n_edits (contents, 0), >=, 1);
      g_unlink (path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;
  int status;

  if (argc == 3 && strcmp (argv[1], "--child-append") == 0)
    return child_append (argv[2]);

  /* Before anything asks GLib for the state folder. */
  state = g_dir_make_tmp ("mh-state-XXXXXX", NULL);
  g_assert_nonnull (state);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("MH_TEST_JOURNAL_SELF", argv[0], TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/journal/" name, Fixture, state, fixture_set_up, func, fixture_tear_down)
  ADD ("path", test_path);
  ADD ("roundtrip", test_roundtrip);
  ADD ("forget", test_forget);
  ADD ("supersede", test_supersede);
  ADD ("set", test_set);
  ADD ("batch", test_batch);
  ADD ("busy", test_busy);
  ADD ("torn", test_torn);
  ADD ("damaged", test_damaged);
  ADD ("open-damaged", test_open_damaged);
  ADD ("killed-writer", test_killed_writer);
#undef ADD

  status = g_test_run ();
  mh_test_remove_tree (state);
  return status;
}
