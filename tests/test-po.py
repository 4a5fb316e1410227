#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations against the sources as they are now (TAP output).

Usage: test-po.py SOURCE_ROOT [LANGUAGE...]

For each language's po/LANGUAGE.po:
- every message the sources have (extracted from po/POTFILES with xgettext,
  the way meson's i18n module with the glib preset builds koldex.pot) has a
  translation that is neither missing, empty nor fuzzy;
- no Chinese, Japanese or Korean translation carries a "(_X)" mnemonic
  suffix: GNOME's own translations for these languages leave mnemonics out,
  and a suffix shows on screen as "添加 KOL(A)".

- every source file that marks strings for translation is in po/POTFILES,
  so a new or moved file cannot fall out of the template unnoticed.

The template is made at test time, not committed, so strings added to the
sources after this test was written are checked too.
"""

import os
import re
import subprocess
import sys
import tempfile

# Meson's i18n "glib" preset (mesonbuild/modules/i18n.py) plus what its
# gettext script adds (-k_ --from-code); only the keywords matter here.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '-k_',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
]

# Languages whose labels carry no mnemonic of their own.
NO_MNEMONIC_LANGUAGES = ('zh', 'ja', 'ko')
MNEMONIC_SUFFIX = re.compile(r'[(（]_[^)）\s][)）]')

ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a',
           'b': '\b', 'f': '\f', 'v': '\v'}


def unquote(text):
    """A PO string literal ("..." with C escapes) as its text."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError('not a PO string: %r' % text)
    body = text[1:-1]
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}  # index -> text; msgstr alone is index 0
        self.flags = set()
        self.line = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid)


def parse_po(path):
    """The live (not obsolete) entries of a PO file, header excluded."""
    entries = []
    entry = None
    field = None  # (name, index) the continuation lines belong to

    def finish():
        if entry is not None and entry.msgid is not None:
            entries.append(entry)

    with open(path, encoding='utf-8') as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            stripped = line.strip()
            if stripped == '' or stripped.startswith('#~'):
                # A blank line ends an entry; obsolete entries are skipped.
                finish()
                entry = None
                field = None
                continue
            if entry is None:
                entry = Entry()
                entry.line = number
            if stripped.startswith('#,'):
                entry.flags.update(flag.strip() for flag in stripped[2:].split(','))
                continue
            if stripped.startswith('#'):
                continue
            if stripped.startswith('"'):
                if field is None:
                    raise ValueError('%s:%d: a string outside of an entry' % (path, number))
                name, index = field
                if name == 'msgstr':
                    entry.msgstr[index] += unquote(stripped)
                else:
                    setattr(entry, name, getattr(entry, name) + unquote(stripped))
                continue
            keyword, _, value = stripped.partition(' ')
            match = re.fullmatch(r'msgstr\[(\d+)\]', keyword)
            if match:
                field = ('msgstr', int(match.group(1)))
                entry.msgstr[field[1]] = unquote(value)
            elif keyword == 'msgstr':
                field = ('msgstr', 0)
                entry.msgstr[0] = unquote(value)
            elif keyword in ('msgctxt', 'msgid', 'msgid_plural'):
                field = (keyword, None)
                setattr(entry, keyword, unquote(value))
            else:
                raise ValueError('%s:%d: cannot read %r' % (path, number, line))
    finish()
    return [e for e in entries if e.msgid != '']


def make_template(source_root, directory):
    pot = os.path.join(directory, 'koldex.pot')
    subprocess.run(['xgettext', '--package-name=koldex', '-f', os.path.join(source_root, 'po', 'POTFILES'),
                    '-D', source_root, '-o', pot] + XGETTEXT_ARGS,
                   check=True, cwd=source_root)
    return pot


# What marks a string for translation in C sources and GtkBuilder files.
TRANSLATABLE_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|g_dngettext|g_dpgettext2|g_dcgettext)\s*\(|translatable="yes"')


def unlisted_sources(source_root):
    """Files under src/ and data/ that mark strings but are not in POTFILES."""
    with open(os.path.join(source_root, 'po', 'POTFILES'), encoding='utf-8') as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith('#')}
    missing = []
    for top in ('src', 'data'):
        for directory, _, names in os.walk(os.path.join(source_root, top)):
            for name in names:
                if not name.endswith(('.c', '.ui', '.in', '.gschema.xml')):
                    continue
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, source_root)
                with open(path, encoding='utf-8') as f:
                    if TRANSLATABLE_MARK.search(f.read()) and relative not in listed:
                        missing.append(relative)
    return sorted(missing)


def describe(entry):
    text = entry.msgid if entry.msgctxt is None else '%s|%s' % (entry.msgctxt, entry.msgid)
    return repr(text)


def main():
    source_root = sys.argv[1]
    languages = sys.argv[2:]
    if not languages:
        with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
            languages = [word for line in f for word in line.split('#')[0].split()]

    with tempfile.TemporaryDirectory() as directory:
        template = parse_po(make_template(source_root, directory))

    checks = [('po/POTFILES lists every source with translatable strings',
               ['not in po/POTFILES: %s' % path for path in unlisted_sources(source_root)])]
    for language in languages:
        path = os.path.join(source_root, 'po', language + '.po')
        entries = parse_po(path)
        by_key = {e.key: e for e in entries}

        problems = []
        for wanted in template:
            have = by_key.get(wanted.key)
            if have is None:
                problems.append('missing: %s' % describe(wanted))
            elif 'fuzzy' in have.flags:
                problems.append('fuzzy (%s.po:%d): %s' % (language, have.line, describe(wanted)))
            elif not have.msgstr or any(text == '' for text in have.msgstr.values()):
                problems.append('untranslated (%s.po:%d): %s' % (language, have.line, describe(wanted)))
        checks.append(('%s: every message of the sources is translated (%d messages)'
                       % (language, len(template)), problems))

        problems = []
        if language.split('_')[0] in NO_MNEMONIC_LANGUAGES:
            for entry in entries:
                for text in entry.msgstr.values():
                    if MNEMONIC_SUFFIX.search(text):
                        problems.append('mnemonic suffix (%s.po:%d): %r' % (language, entry.line, text))
        checks.append(('%s: no "(_X)" mnemonic suffixes' % language, problems))

    print('TAP version 13')
    print('1..%d' % len(checks))
    failed = 0
    for number, (name, problems) in enumerate(checks, 1):
        if problems:
            failed += 1
            print('not ok %d - %s' % (number, name))
            for problem in problems:
                print('# %s' % problem)
        else:
            print('ok %d - %s' % (number, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
