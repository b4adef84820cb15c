#!/usr/bin/env bash
# build-aux/check-potfiles.sh: fail when po/POTFILES.in and the translatable sources disagree
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh SOURCE_ROOT
# A file with _("…"), N_("…"), C_("…"), NC_("…") or translatable="yes" that POTFILES.in misses
# would silently stay untranslated; a listed file that no longer exists breaks `ninja *-pot`.
set -euo pipefail
cd "$1"

listed=$(grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in | LC_ALL=C sort -u)
# In a git checkout only committed files count, so a colleague's work in progress does not turn
# the suite red; a tarball has no such files.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  sources () { git ls-files -- "src/*.$1"; }
else
  sources () { find src -name "*.$1" -type f; }
fi
found=$({
  sources c | xargs -r grep -lE '(^|[^A-Za-z0-9_])N?C?_\("' || true
  sources ui | xargs -r grep -l 'translatable="yes"' || true
} | LC_ALL=C sort -u)

status=0
missing=$(LC_ALL=C comm -13 <(echo "$listed") <(echo "$found") | grep -v '^$' || true)
if [ -n "$missing" ]; then
  echo "po/POTFILES.in misses these files with translatable strings:"
  while IFS= read -r file; do echo "  $file"; done <<<"$missing"
  status=1
fi
while IFS= read -r file; do
  if [ -n "$file" ] && [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists a file that does not exist: $file"
    status=1
  fi
done <<<"$listed"
[ $status -ne 0 ] || echo "po/POTFILES.in lists all $(echo "$found" | grep -c .) translatable source files"
exit $status
