#!/usr/bin/env bash
# data/make-screenshots.sh: refresh data/screenshots/ from the running app
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: data/make-screenshots.sh [BUILD_DIR]   (default _build/dev, already built)
# The window takes its own pictures: `masthead --screenshot` on a copy of seeds/ for the main
# window, a read-only record and the empty state, and the GUI tests (MH_UI_SCREENSHOTS) for the
# Changes view and the facets, which need an edit or a click first. Runs under Xvfb with the
# default settings, so the pictures do not depend on this machine's dconf or display.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
build=$(readlink -f "${1:-_build/dev}")
out=$PWD/data/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -r seeds "$tmp/seeds"
export GSETTINGS_SCHEMA_DIR=$build/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
export NO_AT_BRIDGE=1 GTK_A11Y=none LANGUAGE=en LC_ALL=C.UTF-8 HOME=$tmp
headless () { xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- "$@"; }

headless "$build/src/ui/masthead" --screenshot "$out/main-window.png" \
  --select 000_6a22c6f8e948ba59.txt "$tmp/seeds"
headless "$build/src/ui/masthead" --screenshot "$out/read-only.png" \
  --select zz_broken_yaml.txt "$tmp/seeds"
headless "$build/src/ui/masthead" --screenshot "$out/empty.png"
MH_SOURCE_ROOT=$PWD MH_BUILD_ROOT=$build MH_UI_SCREENSHOTS=$tmp headless "$build/tests/ui/test-window" >/dev/null
for name in changes facets; do
  cp "$tmp/$name.png" "$out/$name.png"
done
ls -l "$out"
