#!/usr/bin/env bash
# tests/install/test-install.sh: `meson install` into a temporary prefix, then use what landed
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-install.sh SOURCE_ROOT WORK_DIR [PYTHON]
# Configures SOURCE_ROOT afresh with --prefix=WORK_DIR/prefix, builds only what is installed,
# installs it (post-install steps included: schemas compiled, icon cache), and checks, as TAP:
# every file is where a distribution expects it; the installed desktop file and metainfo
# validate; the metainfo lists screenshots that exist, releases and a content rating; the
# manual pages name every command of `masthead-cli --help` and render without warnings; the
# installed masthead-cli works in English and German; the installed window starts from the
# prefix alone (schema, icons, resources, translations) and, under LANGUAGE=de, shows no
# string its catalog translates in English (tests/ui/a11y-walk.py --language de).
# Needs a display and a session bus for the window (xvfb-run -a dbus-run-session --); without
# them those checks skip.
set -uo pipefail

src=$(cd "$1" && pwd)
work=$2
python=${3:-python3}
app_id=io.github.masthead.Masthead
prefix=$work/prefix
build=$work/build

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $*"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
skip () { n=$((n + 1)); echo "ok $n - $* # SKIP"; }
# check DESCRIPTION COMMAND...: one TAP line from COMMAND's status, its output as comments.
check () {
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then
    ok "$what"
  else
    not_ok "$what"
    sed 's/^/# /' <<<"$out"
  fi
}

rm -rf "$work"
mkdir -p "$work"

# The installed window and CLI find nothing of the build or the source folder.
unset GSETTINGS_SCHEMA_DIR MH_SOURCE_ROOT MH_BUILD_ROOT
export XDG_DATA_DIRS=$prefix/share:/usr/local/share:/usr/share
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_CACHE_HOME=$work/home/cache
mkdir -p "$HOME"

# A build of its own (the sanitizers of the calling build are not the point here).
if ! out=$(env -u CC -u CFLAGS -u LDFLAGS meson setup "$build" "$src" --prefix="$prefix" \
             --buildtype=debug -Db_sanitize=none 2>&1); then
  echo "1..1"
  echo "not ok 1 - meson setup --prefix"
  sed 's/^/# /' <<<"$out"
  exit 1
fi
targets=$(meson introspect "$build" --targets | "$python" -c '
import json, os, sys
build = sys.argv[1]
for target in json.load(sys.stdin):
    if target.get("installed"):
        for name in target["filename"]:
            print(os.path.relpath(name, build))
' "$build")
# shellcheck disable=SC2086 # one target a word
check "build the installed targets" ninja -C "$build" ${NINJA_JOBS:+-j "$NINJA_JOBS"} $targets
check "meson install --no-rebuild" meson install -C "$build" --no-rebuild

expected=(
  bin/masthead
  bin/masthead-cli
  share/applications/$app_id.desktop
  share/metainfo/$app_id.metainfo.xml
  share/icons/hicolor/scalable/apps/$app_id.svg
  share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
  share/glib-2.0/schemas/$app_id.gschema.xml
  share/glib-2.0/schemas/gschemas.compiled
  share/locale/de/LC_MESSAGES/masthead.mo
  share/man/man1/masthead.1
  share/man/man1/masthead-cli.1
)
for file in "${expected[@]}"; do
  if [ -s "$prefix/$file" ]; then ok "installed $file"; else not_ok "installed $file"; fi
done
for bin in bin/masthead bin/masthead-cli; do
  if [ -x "$prefix/$bin" ]; then ok "$bin is executable"; else not_ok "$bin is executable"; fi
done

desktop=$prefix/share/applications/$app_id.desktop
metainfo=$prefix/share/metainfo/$app_id.metainfo.xml
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate on the installed entry" desktop-file-validate "$desktop"
else
  skip "desktop-file-validate not installed"
fi
if command -v appstreamcli >/dev/null; then
  check "appstreamcli validate --no-net on the installed metainfo" \
    appstreamcli validate --no-net "$metainfo"
else
  skip "appstreamcli not installed"
fi
check "the desktop entry is translated into German" grep -q '^GenericName\[de\]=' "$desktop"
check "the metainfo is translated into German" grep -q 'xml:lang="de"' "$metainfo"
check "the metainfo lists releases" grep -q '<release version=' "$metainfo"
check "the metainfo has a content rating" grep -q '<content_rating type="oars-1\.1"' "$metainfo"
shots=$(grep -o 'data/screenshots/[A-Za-z0-9_.-]*\.png' "$metainfo" | sort -u)
if [ "$(wc -w <<<"$shots")" -lt 2 ]; then
  not_ok "the metainfo lists at least two screenshots"
else
  missing=""
  for shot in $shots; do [ -s "$src/$shot" ] || missing="$missing $shot"; done
  if [ -z "$missing" ]; then
    ok "the metainfo's $(wc -w <<<"$shots") screenshots are in data/screenshots"
  else
    not_ok "the metainfo's screenshots exist:$missing"
  fi
fi

cli=$prefix/bin/masthead-cli
check "the installed masthead-cli --version" "$cli" --version
cp "$src/seeds/000_6a22c6f8e948ba59.txt" "$work/record.txt"
if [ "$("$cli" get "$work/record.txt" provider.name 2>&1)" = "MIT Technology Review" ]; then
  ok "the installed masthead-cli reads a record"
else
  not_ok "the installed masthead-cli reads a record"
fi
de_locale=C.UTF-8
if locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  de_locale=$(locale -a | grep -ix 'de_DE\.utf-\?8' | head -n 1)
fi
german=$(LANGUAGE=de LC_ALL=$de_locale "$cli" 2>&1)
if grep -q 'Befehl fehlt' <<<"$german" && grep -q '»masthead-cli --help«' <<<"$german"; then
  ok "masthead-cli speaks German under LANGUAGE=de ($de_locale)"
else
  not_ok "masthead-cli speaks German under LANGUAGE=de ($de_locale)"
  sed 's/^/# /' <<<"$german"
fi
help_en=$(LANGUAGE=en LC_ALL=C.UTF-8 "$cli" --help)
help_de=$(LANGUAGE=de LC_ALL=$de_locale "$cli" --help)
if [ "$help_en" != "$help_de" ] && grep -q '^Aufruf:' <<<"$help_de"; then
  ok "masthead-cli --help is German under LANGUAGE=de"
else
  not_ok "masthead-cli --help is German under LANGUAGE=de"
fi

man=$prefix/share/man/man1/masthead-cli.1
verbs=$(grep -oE '^ +masthead-cli [a-z][a-z-]*' <<<"$help_en" | awk '{print $2}' | sort -u)
missing=""
for verb in $verbs; do
  # Each command has its synopsis line, `.B masthead\-cli VERB` (groff spells - as \-).
  grep -qxF ".B masthead\\-cli ${verb//-/\\-}" "$man" || missing="$missing $verb"
done
if [ -z "$missing" ] && [ -n "$verbs" ]; then
  ok "masthead-cli(1) documents every command of --help ($(wc -w <<<"$verbs"))"
else
  not_ok "masthead-cli(1) documents every command of --help; missing:$missing"
fi
for page in masthead.1 masthead-cli.1; do
  if command -v man >/dev/null; then
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$prefix/share/man/man1/$page" 2>&1 \
               >/dev/null)
    if [ -z "$warnings" ]; then ok "$page renders without warnings"; else
      not_ok "$page renders without warnings"; sed 's/^/# /' <<<"$warnings"; fi
  else
    skip "man not installed: $page not rendered"
  fi
done

app=$prefix/bin/masthead
check "the installed masthead --version" "$app" --version
if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  skip "no display or session bus: the installed window is not started"
else
  mkdir -p "$work/seeds"
  cp "$src"/seeds/* "$work/seeds/"
  # The settings schema, icons and translations come from the prefix only: a missing one
  # is a warning, fatal here.
  out=$(G_DEBUG=fatal-warnings LANGUAGE=de LC_ALL=$de_locale NO_AT_BRIDGE=1 \
        timeout 120 "$app" --screenshot "$work/window.png" "$work/seeds" 2>&1)
  status=$?
  if [ $status -eq 0 ] && [ -s "$work/window.png" ] && ! grep -q 'schema' <<<"$out"; then
    ok "the installed window starts from the prefix and draws itself"
  else
    not_ok "the installed window starts from the prefix and draws itself (status $status)"
    sed 's/^/# /' <<<"$out"
  fi
  out=$(G_DEBUG=fatal-warnings "$python" "$src/tests/ui/a11y-walk.py" "$app" "$work/seeds" \
        --language de --po "$src/po/de.po" 2>&1)
  status=$?
  if [ $status -eq 0 ]; then
    ok "the installed window in German: no untranslated string, every name once"
  elif [ $status -eq 77 ]; then
    skip "the German window walk: $(tail -n 1 <<<"$out")"
  else
    not_ok "the installed window in German: no untranslated string, every name once"
  fi
  grep -E '^(not ok|ok|#)' <<<"$out" | sed 's/^/#   /'
fi

echo "1..$n"
[ $failed -eq 0 ]
