#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the display tests skip without a display (TAP output).

Usage: test-no-display.py PROGRAM...

A plain `meson test` outside Xvfb must report the display tests as skipped,
with the reason, instead of dying with SIGTRAP on GTK's "Failed to open
display" (kdx_ui_test_init in kdx-ui-test.c). Each PROGRAM is run with
every way GTK finds a display removed from its environment; it must exit 0
after printing a TAP plan of no tests whose reason says "no display",
which meson counts as a skipped test.
"""

import os
import subprocess
import sys
import tempfile

SKIP = "1..0 # SKIP no display"

programs = sys.argv[1:]
env = {name: value for name, value in os.environ.items()
       if name not in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "GDK_BACKEND")}
# Without WAYLAND_DISPLAY, Wayland still tries "wayland-0" in the runtime
# folder: an empty one has no compositor's socket.
runtime_dir = tempfile.TemporaryDirectory()
env["XDG_RUNTIME_DIR"] = runtime_dir.name

print(f"1..{len(programs)}")
failed = False
for number, program in enumerate(programs, 1):
    name = os.path.basename(program)
    run = subprocess.run([program], env=env, capture_output=True, text=True, timeout=60)
    plan = [line for line in run.stdout.splitlines() if line.startswith("1..")]
    if run.returncode == 0 and len(plan) == 1 and plan[0].startswith(SKIP) and "ok" not in run.stdout.split():
        print(f"ok {number} {name}")
    else:
        failed = True
        print(f"not ok {number} {name}")
        print(f"# exit status {run.returncode}")
        for line in (run.stdout + run.stderr).splitlines():
            print(f"# {line}")
sys.exit(1 if failed else 0)
