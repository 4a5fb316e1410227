#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that only the SQLite backend's own files speak to SQLite (TAP).

Usage: test-store-seam.py SOURCE_ROOT

The store runs its SQL through the backend's statement layer
(src/core/kdx-store-stmt.h), so a PostgreSQL backend can run the same
files (issue 14). An sqlite3_ call, an SQLITE_ constant or sqlite3.h in
any other core file breaks that seam: each core file is one test, failing
with the lines that do. Allowed: kdx-store-sqlite*.c/.h (the backend and
its statements) and kdx-store-backup.c (SQLite's online backup API).
Comments may name SQLite's calls; code may not.
"""

import os
import re
import sys

ENGINE = re.compile(r"^kdx-store-(sqlite[^/]*\.[ch]|backup\.c)$")
ENGINE_USE = re.compile(r"\bsqlite3_\w+|\bSQLITE_[A-Z]\w*|<sqlite3\.h>")


def code_only(text):
    """@text with its comments blanked (line numbers kept)."""
    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))
    return re.sub(r"/\*.*?\*/|//[^\n]*", blank, text, flags=re.S)


def engine_uses(text):
    """(line number, line) of each use of SQLite's API in @text's code."""
    lines = text.splitlines()
    return [(number, lines[number - 1].strip())
            for number, code in enumerate(code_only(text).splitlines(), 1)
            if ENGINE_USE.search(code)]


def core_files(root):
    core = os.path.join(root, "src", "core")
    for folder, _, names in os.walk(core):
        for name in sorted(names):
            if name.endswith((".c", ".h")) and not ENGINE.match(name):
                yield os.path.join(folder, name)


def main():
    root = sys.argv[1]
    # The checker itself first: it must see a call, and not one in a comment.
    checks = [
        ("finds a call", engine_uses("int x;\n  rc = sqlite3_step (stmt);\n") == [(2, "rc = sqlite3_step (stmt);")]),
        ("finds a constant", len(engine_uses("if (rc == SQLITE_ROW)\n")) == 1),
        ("finds the header", len(engine_uses("#include <sqlite3.h>\n")) == 1),
        ("ignores comments", engine_uses("/* sqlite3_step () says\n * SQLITE_DONE */\n// sqlite3_reset\n") == []),
    ]
    files = sorted(core_files(root))
    print(f"1..{len(checks) + len(files)}")
    failed = not files
    number = 0
    for name, ok in checks:
        number += 1
        print(f"{'ok' if ok else 'not ok'} {number} checker {name}")
        failed |= not ok
    for path in files:
        number += 1
        with open(path, encoding="utf-8") as f:
            uses = engine_uses(f.read())
        relative = os.path.relpath(path, root)
        if uses:
            failed = True
            print(f"not ok {number} {relative}")
            for line, text in uses:
                print(f"# {relative}:{line}: {text}")
        else:
            print(f"ok {number} {relative}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
