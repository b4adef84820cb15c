#!/usr/bin/env python3
# keyboard-only.py: a whole edit, save, undo and save again with the keyboard alone
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: keyboard-only.py MASTHEAD SEEDS
#
# Starts MASTHEAD on a copy of SEEDS with a record selected and types at it through the X
# server (xdotool, XTEST: the key events a keyboard makes), never a click:
#   Alt+T (the Title field's mnemonic), Ctrl+A, a new title, Ctrl+S  -> the file has the new
#     title, every other byte as before, and no other file changed (bytes and mtime);
#   Ctrl+Z, Ctrl+S                                                    -> the file's bytes are
#     the original ones again;
#   Alt+Down, then an edit and Ctrl+S                                 -> only the next record's
#     file changed; Ctrl+Z, Ctrl+S put it back; Alt+Up, an edit, Ctrl+S -> the first record's
#     file changed; Ctrl+Z, Ctrl+S put every byte back;
#   Ctrl+Q                                                            -> the window closes
#     without asking, as nothing is left unsaved.
# Prints TAP; exits 77 (skip) without xdotool, a display or a session bus.

import os
import shutil
import subprocess
import sys
import tempfile
import time

SEED = "000_6a22c6f8e948ba59.txt"
NEW_TITLE = "Typed from the keyboard"


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)


def wait(condition, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


def snapshot(folder):
    result = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            result[name] = (f.read(), os.stat(path).st_mtime_ns)
    return result


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, condition, what, detail=""):
        self.n += 1
        if condition:
            print(f"ok {self.n} - {what}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {what}")
            for line in str(detail).splitlines():
                print(f"# {line}")
        return condition


def keys(window, *names):
    for name in names:
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "--clearmodifiers", name)
        time.sleep(0.4)


def main():
    if len(sys.argv) != 3:
        print("usage: keyboard-only.py MASTHEAD SEEDS", file=sys.stderr)
        return 2
    if shutil.which("xdotool") is None:
        print("1..0 # SKIP xdotool is not installed")
        return 77
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("1..0 # SKIP needs a display and a session bus (xvfb-run -a dbus-run-session --)")
        return 77
    masthead, seeds = sys.argv[1], sys.argv[2]
    tap = Tap()
    with tempfile.TemporaryDirectory(prefix="mh-keys-") as tmp:
        folder = os.path.join(tmp, "seeds")
        shutil.copytree(seeds, folder)
        before = snapshot(folder)
        # mtimes in the past, so a rewrite shows even within the same second.
        for name in before:
            os.utime(os.path.join(folder, name), ns=(10**18, 10**18))
        before = snapshot(folder)
        env = dict(os.environ, GSETTINGS_BACKEND="memory", HOME=tmp, LANGUAGE="en",
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        proc = subprocess.Popen([masthead, "--select", SEED, folder], env=env)
        # A window that could not reach the X server at all (a shared, busy machine) gets
        # one more try before the test starts typing.
        if wait(lambda: window_of(proc) or proc.poll() is not None, 30) is True:
            print(f"# the window exited with status {proc.returncode} before it appeared: "
                  "starting it again")
            time.sleep(2)
            proc = subprocess.Popen([masthead, "--select", SEED, folder], env=env)
        try:
            run(tap, proc, folder, before)
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


def snapshot_bytes(folder):
    return {name: data for name, (data, _) in snapshot(folder).items()}


def type_title_and_save(window, folder, saved, title):
    """Alt+T, Ctrl+A, TITLE, Ctrl+S: returns the files whose bytes then differ from SAVED."""
    keys(window, "alt+t", "ctrl+a")
    xdotool("windowfocus", "--sync", window)
    xdotool("type", "--delay", "20", title)
    time.sleep(0.5)
    keys(window, "ctrl+s")

    def differ():
        now = snapshot_bytes(folder)
        return sorted(n for n in now if now[n] != saved[n]) or None

    return wait(differ, 10) or []


def window_of(proc):
    found = xdotool("search", "--onlyvisible", "--pid", str(proc.pid))
    ids = found.stdout.split()
    return ids[-1] if ids else None


def title_of(window):
    return xdotool("getwindowname", window).stdout.strip()


def run(tap, proc, folder, before):
    window = wait(lambda: window_of(proc), 30)
    if not tap.check(window is not None, "the window appears"):
        return
    wait(lambda: "15 records" in title_of(window), 30)
    time.sleep(1.0)
    original = before[SEED][0]

    keys(window, "alt+t", "ctrl+a")
    xdotool("windowfocus", "--sync", window)
    xdotool("type", "--delay", "20", NEW_TITLE)
    wait(lambda: "1 modified" in title_of(window), 10)
    tap.check("1 modified" in title_of(window), "typing in the title field edits the record",
              title_of(window))
    keys(window, "ctrl+s")
    edited = original.replace(
        b'title: "The NYPD used a controversial facial recognition tool. '
        b'Here\xe2\x80\x99s what you need to know."',
        b'title: "' + NEW_TITLE.encode() + b'"')
    now = wait(lambda: (lambda s: s if s[SEED][0] != original else None)(snapshot(folder)), 10)
    now = now or snapshot(folder)
    tap.check(now[SEED][0] == edited, "Ctrl+S saved the new title and changed no other byte",
              now[SEED][0].decode("utf-8", "replace")[:200])
    others = [n for n in before if n != SEED and now[n] != before[n]]
    tap.check(not others, "no other file was touched (bytes and mtime)", " ".join(others))

    keys(window, "ctrl+z")
    wait(lambda: "1 modified" in title_of(window), 10)
    tap.check("1 modified" in title_of(window), "Ctrl+Z undid the edit (the record is modified "
              "again, against the saved file)", title_of(window))
    keys(window, "ctrl+s")
    now = wait(lambda: (lambda s: s if s[SEED][0] == original else None)(snapshot(folder)), 10)
    now = now or snapshot(folder)
    tap.check(now[SEED][0] == original, "Ctrl+S after the undo wrote back the original bytes")
    now = snapshot_bytes(folder)
    wait(lambda: "modified" not in title_of(window), 10)
    tap.check("modified" not in title_of(window), "nothing is left unsaved", title_of(window))

    # Alt+Down selects the next record: an edit typed now lands in another file. Undone and
    # saved, every file is as it was; Alt+Up brings the first record back into the form.
    keys(window, "alt+Down")
    changed = type_title_and_save(window, folder, now, "Next record")
    tap.check(len(changed) == 1 and SEED not in changed,
              "after Alt+Down, the edit and Ctrl+S went to the next record", changed)
    keys(window, "ctrl+z", "ctrl+s")
    restored = wait(lambda: (lambda s: s if s == now else None)(snapshot_bytes(folder)), 10)
    tap.check(restored is not None, "Ctrl+Z, Ctrl+S put that record's bytes back")
    keys(window, "alt+Up")
    changed = type_title_and_save(window, folder, now, "First record again")
    tap.check(changed == [SEED], "after Alt+Up, the edit went to the first record again",
              changed)
    keys(window, "ctrl+z", "ctrl+s")
    restored = wait(lambda: (lambda s: s if s == now else None)(snapshot_bytes(folder)), 10)
    tap.check(restored is not None, "undone and saved, every file has its original bytes")

    keys(window, "ctrl+q")
    tap.check(wait(lambda: proc.poll() is not None, 15) is not None,
              "Ctrl+Q closes the window, with nothing unsaved to ask about")


if __name__ == "__main__":
    sys.exit(main())
