"""Translations tool: extract, update, compile and check the `text` catalogs.

    python tools/i18n.py update    # add new source strings to the .po files
    python tools/i18n.py compile   # .po -> .mo and per-block JS catalogs
    python tools/i18n.py check     # exit 1 if a string lacks Dutch or a compiled file is stale

Sources: `_("...")` in Python (any string the code marks), `{% trans %}` and
`{% blocktrans %}` in templates, `gettext("...")` in JS. Written in plain
Python so CI needs no gettext binaries.
"""
import ast
import json
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "leergang_xblocks"
TRANSLATIONS = PACKAGE / "translations"
LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "en"

_TRANS = re.compile(r"""{%\s*trans\s+(["'])(.*?)\1\s*%}""")
_BLOCKTRANS = re.compile(r"{%\s*blocktrans(?P<args>[^%]*)%}(?P<body>.*?){%\s*endblocktrans\s*%}", re.S)
_JS_GETTEXT = re.compile(r"""\bgettext\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)""")
_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def block_packages():
    """Sub-packages of leergang_xblocks that are blocks (they have static/ JS)."""
    return sorted(p for p in PACKAGE.iterdir() if (p / "static").is_dir() and p.name != "core")


# --- Extraction -----------------------------------------------------------------

def python_strings(path):
    """Constant string arguments of calls to `_` (implicit concatenation included), and
    the (singular, plural) pairs of calls to `_n`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if node.func.id == "_" and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.append((node.args[0].value, None))
        elif node.func.id == "_n" and len(texts) == 2 == len(node.args):
            found.append((texts[0], texts[1]))
    return found


def template_strings(path):
    text = path.read_text("utf-8")
    found = [(m.group(2), None) for m in _TRANS.finditer(text)]
    for match in _BLOCKTRANS.finditer(text):
        body = _VARIABLE.sub(lambda v: f"%({v.group(1)})s", match.group("body"))
        if "{% plural %}" in body:
            singular, plural = re.split(r"{%\s*plural\s*%}", body)
            found.append((singular, plural))
        else:
            found.append((body, None))
    return found


def js_strings(path):
    return [(re.sub(r"\\(.)", r"\1", m.group(2)), None)
            for m in _JS_GETTEXT.finditer(path.read_text("utf-8"))]


def extract(paths=None):
    """msgid -> msgid_plural (or None), from every source file (or the given ones)."""
    if paths is None:
        paths = [p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".html", ".js")
                 and "/i18n/" not in p.as_posix()]
    strings = {}
    for path in sorted(paths):
        reader = {".py": python_strings, ".html": template_strings, ".js": js_strings}[path.suffix]
        for msgid, plural in reader(path):
            strings.setdefault(msgid, plural)
    return strings


# --- .po files -------------------------------------------------------------------

def _unquote(line):
    return json.loads(line)


def read_po(path):
    """msgid -> {"plural": str|None, "msgstr": [str, ...]}; only what this tool writes."""
    entries = {}
    if not path.exists():
        return entries
    current, key = None, None
    for raw in path.read_text("utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if current is not None and current["msgid"]:
                entries[current["msgid"]] = {"plural": current.get("plural"), "msgstr": current["msgstr"]}
            if not line:
                current = None
            continue
        if current is None:
            current = {"msgid": "", "msgstr": []}
        if line.startswith('"'):
            if key == "msgid":
                current["msgid"] += _unquote(line)
            elif key == "msgid_plural":
                current["plural"] += _unquote(line)
            else:
                current["msgstr"][-1] += _unquote(line)
            continue
        word, _, value = line.partition(" ")
        if word == "msgid":
            key, current["msgid"] = "msgid", _unquote(value)
        elif word == "msgid_plural":
            key, current["plural"] = "msgid_plural", _unquote(value)
        elif word.startswith("msgstr"):
            key = "msgstr"
            current["msgstr"].append(_unquote(value))
    return entries


def _quote(text):
    return json.dumps(text, ensure_ascii=False)


def write_po(path, language, entries):
    plural_forms = "nplurals=2; plural=(n != 1);"
    lines = [
        f"# leergang-xblocks: {language}",
        'msgid ""',
        'msgstr ""',
        _quote(f"Language: {language}\n"),
        _quote("MIME-Version: 1.0\n"),
        _quote("Content-Type: text/plain; charset=UTF-8\n"),
        _quote("Content-Transfer-Encoding: 8bit\n"),
        _quote(f"Plural-Forms: {plural_forms}\n"),
        "",
    ]
    for msgid in sorted(entries):
        entry = entries[msgid]
        lines.append(f"msgid {_quote(msgid)}")
        if entry["plural"] is not None:
            lines.append(f"msgid_plural {_quote(entry['plural'])}")
            strs = (entry["msgstr"] + ["", ""])[:2]
            lines += [f"msgstr[{i}] {_quote(s)}" for i, s in enumerate(strs)]
        else:
            lines.append(f"msgstr {_quote((entry['msgstr'] or [''])[0])}")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), "utf-8")


def po_path(language):
    return TRANSLATIONS / language / "LC_MESSAGES" / "text.po"


def update():
    strings = extract()
    for language in LANGUAGES:
        old = read_po(po_path(language))
        entries = {msgid: {"plural": plural, "msgstr": old.get(msgid, {}).get("msgstr", [])}
                   for msgid, plural in strings.items()}
        write_po(po_path(language), language, entries)
        dropped = sorted(set(old) - set(strings))
        if dropped:
            print(f"{language}: dropped {len(dropped)} strings no longer in the source")


# --- Compiling --------------------------------------------------------------------

def mo_bytes(language, entries):
    """GNU .mo, as Python's msgfmt.py writes it."""
    header = (f"Language: {language}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
              f"Plural-Forms: nplurals=2; plural=(n != 1);\n")
    pairs = {"": header}
    for msgid, entry in entries.items():
        strs = [s for s in entry["msgstr"]]
        if not any(strs):
            continue
        if entry["plural"] is not None:
            pairs[msgid + "\0" + entry["plural"]] = "\0".join(strs)
        else:
            pairs[msgid] = strs[0]
    keys = sorted(pairs)
    ids = strs_blob = b""
    offsets = []
    for key in keys:
        k, v = key.encode("utf-8"), pairs[key].encode("utf-8")
        offsets.append((len(ids), len(k), len(strs_blob), len(v)))
        ids += k + b"\0"
        strs_blob += v + b"\0"
    count = len(keys)
    key_start = 7 * 4 + count * 16
    value_start = key_start + len(ids)
    table = []
    for id_off, id_len, str_off, str_len in offsets:
        table.append((id_len, key_start + id_off))
    for id_off, id_len, str_off, str_len in offsets:
        table.append((str_len, value_start + str_off))
    output = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    output += b"".join(struct.pack("ii", length, offset) for length, offset in table)
    return output + ids + strs_blob


def js_catalog(entries, msgids):
    catalog = {m: entries[m]["msgstr"][0] for m in sorted(msgids)
               if m in entries and entries[m]["msgstr"] and entries[m]["msgstr"][0]}
    body = json.dumps(catalog, ensure_ascii=False, indent=1, sort_keys=True)
    return ("/* Generated by tools/i18n.py compile: do not edit. */\n"
            "window.LeergangI18n = window.LeergangI18n || {};\n"
            f"window.LeergangI18n.catalog = Object.assign(window.LeergangI18n.catalog || {{}}, {body});\n")


def compiled_files():
    """Every generated file and the content it should have."""
    files = {}
    core_js = extract(list((PACKAGE / "core").rglob("*.js")))
    for language in LANGUAGES:
        entries = read_po(po_path(language))
        files[po_path(language).with_suffix(".mo")] = mo_bytes(language, entries)
        if language == SOURCE_LANGUAGE:
            continue
        for package in block_packages():
            msgids = set(core_js) | set(extract(list((package / "static").glob("*.js"))))
            files[package / "static" / "i18n" / f"{language}.js"] = js_catalog(entries, msgids).encode("utf-8")
    return files


def compile_all():
    for path, content in compiled_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def problems():
    """What is missing or stale, as sentences; empty when all is well."""
    found = []
    strings = extract()
    for language in LANGUAGES:
        entries = read_po(po_path(language))
        for msgid in sorted(set(strings) - set(entries)):
            found.append(f"{language}: not in the .po file: {msgid!r} (run tools/i18n.py update)")
    nl = read_po(po_path("nl"))
    for msgid in sorted(strings):
        entry = nl.get(msgid)
        if entry and not all(entry["msgstr"] or [""]):
            found.append(f"nl: no Dutch translation for {msgid!r}")
        if entry and entry["msgstr"] and not _same_placeholders(msgid, entry["msgstr"]):
            found.append(f"nl: placeholders differ from the source in {msgid!r}")
    for path, content in compiled_files().items():
        if not path.exists() or path.read_bytes() != content:
            found.append(f"stale or missing: {path.relative_to(ROOT)} (run tools/i18n.py compile)")
    return found


def _same_placeholders(msgid, msgstrs):
    wanted = sorted(re.findall(r"%\(\w+\)s", msgid))
    return all(sorted(re.findall(r"%\(\w+\)s", s)) == wanted for s in msgstrs if s)


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "translations complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
