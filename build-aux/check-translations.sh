#!/usr/bin/env bash
# build-aux/check-translations.sh: fail when a catalog of po/LINGUAS misses a string of the sources
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translations.sh SOURCE_ROOT
# Extracts a fresh template from po/POTFILES.in (the keywords of meson's glib preset, as
# `ninja masthead-pot` does), then for each language of po/LINGUAS reports every msgid its .po
# leaves untranslated or fuzzy, and any format mismatch (msgfmt --check). A string added to the
# sources fails this until it is translated; obsolete entries are ignored.
set -euo pipefail
cd "$1"

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool not found (install gettext): skipped"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in >"$tmp/files"
xgettext --package-name=masthead --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from="$tmp/files" --output="$tmp/masthead.pot"
total=$(grep -c '^msgid ' "$tmp/masthead.pot")
total=$((total - 1))

status=0
languages=$(grep -vE '^[[:space:]]*(#|$)' po/LINGUAS || true)
for lang in $languages; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS lists $lang, but $po does not exist"
    status=1
    continue
  fi
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$po: msgfmt --check failed"
    status=1
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/masthead.pot"
  missing=$( { msgattrib --untranslated --no-obsolete "$tmp/$lang.po";
               msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po"; } \
             | grep -A1 '^msgid ' | grep -v '^msgid ""$' | grep -v '^--$' || true)
  if [ -n "$missing" ]; then
    echo "$po lacks a translation of:"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | msgcat --no-wrap - \
      | grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/  /'
    msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | msgcat --no-wrap - \
      | grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/  (fuzzy) /'
    status=1
  else
    echo "$po translates all $total strings"
  fi
done
[ -n "$languages" ] || { echo "po/LINGUAS lists no language"; status=1; }
exit $status
