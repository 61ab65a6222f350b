"""Build the sample courses: YAML outlines -> Open edX OLX (a folder and a .tar.gz
per course, ready for Studio's Tools -> Import) and workbench scenarios.

    python -m sample_courses.build [--out DIR]     # default: sample_courses/build/

An outline (`sample_courses/*.yaml`; docs/sample_courses.md has the full reference):

    course: {org, number, run, display_name, provider, language, start, seeds, overview}
    chapters:                                    # one chapter per session (bijeenkomst)
      - title: ...
        units:
          - title: ...
            html: <p>...</p>                     # optional, a well-formed HTML fragment
            blocks:                              # optional, leergang blocks
              - type: trust_scan
                url_name: scan_start             # stable: it keeps learner data on re-import
                settings: {series: start-eind, intro: "..."}

Every problem in an outline is an `AuthoredDataError` whose message starts with
the file name and whose `line` is the line in that file.

A new block type joins by one entry in BLOCK_TYPES: its OLX tag, its class (the
tests compare the entry with the class's Studio fields) and, per Studio setting,
the kind of value it takes.
"""
import argparse
import datetime
import gzip
import io
import json
import re
import shutil
import sys
import tarfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from leergang_xblocks.core.authored_yaml import AuthoredDataError, load
from leergang_xblocks.trust_scan.instrument import custom_instrument, shipped_instrument_keys

HERE = Path(__file__).resolve().parent
OPTION_NS = "http://code.edx.org/xblock/option"
URL_NAME = re.compile(r"^[a-z0-9_]{1,60}$")
COURSE_ID_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$")  # they become file names
LANGUAGE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2,4})?$")
DEFAULT_START = datetime.date(2026, 1, 1)
SEQUENTIAL_SUFFIX = "_seq"   # the one subsection of a chapter
HTML_SUFFIX = "_text"        # the text component of a unit
# Characters XML 1.0 cannot hold (YAML escapes such as "\x01" can produce them).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_TITLE = 200
MAX_HTML = 20_000


# --- Block types ---------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One Studio setting of a block, as an outline may give it."""
    kind: str                 # "text", "int", "bool" or "choice"
    xml_node: bool = False    # written as <option:name> child element, as the block exports it
    required: bool = False    # may not be empty when given
    max_length: int = 10_000
    minimum: int = None
    maximum: int = None
    choices: object = None    # for "choice": a function returning the allowed values

    def problem(self, value):
        """What is wrong with `value`, or None."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else "must be true or false"
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return "must be a whole number"
            if not self.minimum <= value <= self.maximum:
                return f"must be from {self.minimum} to {self.maximum}"
            return None
        if not isinstance(value, str):
            return "must be text"
        if self.required and not value.strip():
            return "may not be empty"
        if len(value) > self.max_length:
            return f"may be at most {self.max_length} characters"
        if self.kind == "choice" and value not in self.choices():
            return f"must be one of: {', '.join(self.choices())}"
        return None


@dataclass(frozen=True)
class BlockType:
    tag: str                  # the OLX element name (the XBlock entry point)
    block_class: str          # "module:Class"; only the tests import it (it needs Django)
    settings: dict            # name -> Setting: the block's Studio fields, nothing else
    check: object = None      # check(settings) -> problem text or None, for rules across settings
    series_setting: str = None  # a setting that pairs blocks in a course (pre/post): needs two or more


def _trust_scan_check(settings):
    key = settings.get("instrument_key", "sturen_vanuit_vertrouwen")
    if key != "custom":
        return None
    try:
        custom_instrument(settings.get("custom_instrument_yaml", ""))
    except AuthoredDataError as error:
        return f"custom_instrument_yaml is not a usable instrument: {error}"
    return None


BLOCK_TYPES = {
    "trust_scan": BlockType(
        tag="leergang_trust_scan",
        block_class="leergang_xblocks.trust_scan.block:TrustScanBlock",
        settings={
            "display_name": Setting("text", required=True, max_length=200),
            "intro": Setting("text", xml_node=True, max_length=5_000),
            "instrument_key": Setting("choice", choices=lambda: shipped_instrument_keys() + ["custom"]),
            "custom_instrument_yaml": Setting("text", xml_node=True, max_length=100_000),
            "min_cohort_size": Setting("int", minimum=3, maximum=1000),
            "allow_retake": Setting("bool"),
            "series": Setting("text", max_length=60),
            "series_position": Setting("int", minimum=0, maximum=99),
        },
        check=_trust_scan_check,
        series_setting="series",
    ),
}

COURSE_KEYS = {"org", "number", "run", "display_name", "provider", "language", "start", "seeds", "overview"}
CHAPTER_KEYS = {"title", "url_name", "units"}
UNIT_KEYS = {"title", "url_name", "html", "blocks"}
BLOCK_KEYS = {"type", "url_name", "settings"}


# --- Loading and checking --------------------------------------------------------------

def outline_paths():
    return sorted(HERE.glob("*.yaml"))


def load_outline(path):
    """Parse and check an outline. Returns plain data with every url_name filled in;
    any problem is an AuthoredDataError naming the file and the line."""
    path = Path(path)
    try:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError as exc:
            raise AuthoredDataError("the file is not UTF-8 text") from exc
        doc = load(text)
        return _Checker(doc).outline()
    except AuthoredDataError as error:
        raise AuthoredDataError(f"{path.name}: {error.message}", error.line) from error


class _Checker:
    def __init__(self, doc):
        self.doc = doc
        self.used = set()      # url_names in this course
        self.series = {}       # (block type, series) -> [path of each block]

    def fail(self, message, *path):
        raise self.doc.error(message, *path)

    def keys(self, value, allowed, what, *path):
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping (key: value)", *path)
        unknown = sorted(str(k) for k in set(value) - allowed)
        if unknown:
            self.fail(f"unknown {what} key '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}", *path, unknown[0])

    def text(self, value, name, maximum, *path):
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{name}' must be non-empty text", *path)
        if len(value) > maximum:
            self.fail(f"'{name}' may be at most {maximum} characters", *path)
        return value.strip()

    def xml_safe(self, value, path=()):
        """Every text must fit in XML; name the first that does not."""
        if isinstance(value, str):
            bad = NOT_XML.search(value)
            if bad:
                self.fail(f"the text contains a character that XML cannot hold (#x{ord(bad.group()):04x})", *path)
        elif isinstance(value, dict):
            for key, item in value.items():
                self.xml_safe(key, path)
                self.xml_safe(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.xml_safe(item, path + (index,))

    def outline(self):
        data = self.doc.data
        self.xml_safe(data)
        self.keys(data, {"course", "chapters"}, "outline")
        for key in ("course", "chapters"):
            if key not in data:
                self.fail(f"an outline needs '{key}'")
        course = self.course(data["course"])
        chapters = data["chapters"]
        if not isinstance(chapters, list) or not chapters:
            self.fail("'chapters' must be a non-empty list", "chapters")
        # Explicit url_names first, so a derived one never takes a name an author chose.
        for c, chapter in enumerate(chapters):
            self.keys(chapter, CHAPTER_KEYS, "chapter", "chapters", c)
            if "url_name" in chapter:
                self.claim(chapter["url_name"], ("", SEQUENTIAL_SUFFIX), "chapters", c, "url_name")
            units = chapter.get("units")
            if not isinstance(units, list) or not units:
                self.fail("a chapter needs a non-empty list of units", "chapters", c)
            for u, unit in enumerate(units):
                self.keys(unit, UNIT_KEYS, "unit", "chapters", c, "units", u)
                if "url_name" in unit:
                    self.claim(unit["url_name"], ("", HTML_SUFFIX), "chapters", c, "units", u, "url_name")
                blocks = unit.get("blocks", [])
                if not isinstance(blocks, list):
                    self.fail("'blocks' must be a list", "chapters", c, "units", u, "blocks")
                for b, block in enumerate(blocks):
                    where = ("chapters", c, "units", u, "blocks", b)
                    self.keys(block, BLOCK_KEYS, "block", *where)
                    if "url_name" not in block:
                        self.fail("a block needs a url_name (it keeps learner data when the course is re-imported)",
                                  *where)
                    self.claim(block["url_name"], ("",), *where, "url_name")
        checked = {"course": course, "chapters": [self.chapter(ch, c) for c, ch in enumerate(chapters)]}
        self.check_series()
        return checked

    def claim(self, url_name, suffixes, *path):
        """Take an author's url_name (and the names built from it) for this course."""
        if not isinstance(url_name, str) or not URL_NAME.match(url_name):
            self.fail("a url_name has 1-60 characters a-z, 0-9 and _", *path)
        names = {url_name + suffix for suffix in suffixes}
        if names & self.used:
            self.fail(f"url_name '{url_name}' is used twice in this course", *path)
        self.used |= names

    def derive(self, title, suffixes):
        """A url_name from a title, for chapters and units that have none."""
        base = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
        base = re.sub(r"[^a-z0-9]+", "_", base).strip("_") or "x"
        while len(base) > 50 and "_" in base:  # whole words, room for a suffix
            base = base.rsplit("_", 1)[0]
        base = base[:50]
        name, n = base, 2
        while {name + suffix for suffix in suffixes} & self.used:
            name, n = f"{base}_{n}", n + 1
        self.used |= {name + suffix for suffix in suffixes}
        return name

    def course(self, course):
        self.keys(course, COURSE_KEYS, "course", "course")
        checked = {}
        for key in ("org", "number", "run"):
            value = course.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not COURSE_ID_PART.match(value):
                self.fail(f"course '{key}' is required and may only hold letters, digits, '.', '_' and '-'",
                          "course", key)
            checked[key] = value
        checked["display_name"] = self.text(course.get("display_name"), "display_name", MAX_TITLE,
                                            "course", "display_name")
        checked["provider"] = self.text(course.get("provider", checked["org"]), "provider", 60, "course", "provider")
        language = course.get("language", "nl")
        if not isinstance(language, str) or not LANGUAGE.match(language):
            self.fail("course 'language' must be a language code such as nl", "course", "language")
        checked["language"] = language
        start = course.get("start", DEFAULT_START)
        if not isinstance(start, datetime.date) or isinstance(start, datetime.datetime):
            self.fail("course 'start' must be a date written as 2026-01-13", "course", "start")
        checked["start"] = start
        seeds = course.get("seeds", [])
        if not isinstance(seeds, list) or not all(isinstance(s, str) for s in seeds):
            self.fail("course 'seeds' must be a list of file names", "course", "seeds")
        checked["seeds"] = seeds
        checked["overview"] = self.html(course.get("overview", ""), "course", "overview")
        return checked

    def html(self, value, *path):
        if not isinstance(value, str):
            self.fail("HTML must be text", *path)
        if len(value) > MAX_HTML:
            self.fail(f"HTML may be at most {MAX_HTML} characters", *path)
        try:  # well-formed, so the workbench's html_demo and Studio's editor both take it
            etree.fromstring(f"<div>{value}</div>", etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            self.fail(f"the HTML is not well-formed ({exc.msg}); close every tag and write "
                      "characters such as é or a non-breaking space directly, not as &eacute; or &nbsp;", *path)
        return value.strip()

    def chapter(self, chapter, c):
        title = self.text(chapter.get("title"), "title", MAX_TITLE, "chapters", c, "title")
        url_name = chapter.get("url_name") or self.derive(title, ("", SEQUENTIAL_SUFFIX))
        return {
            "title": title,
            "url_name": url_name,
            "units": [self.unit(unit, c, u, url_name) for u, unit in enumerate(chapter["units"])],
        }

    def unit(self, unit, c, u, chapter_url_name):
        where = ("chapters", c, "units", u)
        title = self.text(unit.get("title"), "title", MAX_TITLE, *where, "title")
        checked = {
            "title": title,
            "url_name": unit.get("url_name") or self.derive(f"{chapter_url_name} {title}", ("", HTML_SUFFIX)),
            "html": self.html(unit["html"], *where, "html") if "html" in unit else "",
            "blocks": [self.block(block, where + ("blocks", b)) for b, block in enumerate(unit.get("blocks", []))],
        }
        if not checked["html"] and not checked["blocks"]:
            self.fail("a unit needs html, blocks or both", *where)
        return checked

    def block(self, block, where):
        kind = block.get("type")
        if not isinstance(kind, str) or kind not in BLOCK_TYPES:
            self.fail(f"unknown block type '{kind}'; known: {', '.join(sorted(BLOCK_TYPES))}", *where, "type")
        block_type = BLOCK_TYPES[kind]
        settings = block.get("settings", {})
        if settings is None:
            settings = {}
        if not isinstance(settings, dict):
            self.fail("'settings' must be a mapping (name: value)", *where, "settings")
        for name, value in settings.items():
            if name not in block_type.settings:
                self.fail(f"'{name}' is not a setting of {kind}; settings: {', '.join(block_type.settings)}",
                          *where, "settings", name)
            problem = block_type.settings[name].problem(value)
            if problem:
                self.fail(f"{kind} setting '{name}' {problem}", *where, "settings", name)
        problem = block_type.check(settings) if block_type.check else None
        if problem:
            self.fail(problem, *where, "settings")
        if block_type.series_setting and settings.get(block_type.series_setting):
            self.series.setdefault((kind, settings[block_type.series_setting]), []).append(where)
        return {"type": kind, "url_name": block["url_name"], "settings": dict(settings)}

    def check_series(self):
        for (kind, name), places in self.series.items():
            if len(places) < 2:
                setting = BLOCK_TYPES[kind].series_setting
                self.fail(f"{kind} {setting} '{name}' has only one block; give the same {setting} "
                          "to the earlier and the later block", *places[0], "settings", setting)


# --- OLX ---------------------------------------------------------------------------

def _to_olx(setting, value):
    return json.dumps(value) if setting.kind == "bool" else str(value)


def block_element(block):
    """The OLX element of one leergang block, as the block itself would export it."""
    block_type = BLOCK_TYPES[block["type"]]
    element = etree.Element(block_type.tag, url_name=block["url_name"])
    for name, value in block["settings"].items():
        setting = block_type.settings[name]
        if setting.xml_node:
            if value:
                child = etree.SubElement(element, etree.QName(OPTION_NS, name), nsmap={"option": OPTION_NS})
                child.text = value
        else:
            element.set(name, _to_olx(setting, value))
    return element


def _write(path, element):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(element, pretty_print=True, encoding="utf-8", xml_declaration=False))


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def build_course(outline, out_dir):
    """Write one course's OLX under out_dir/<number>/ and <number>.tar.gz beside it;
    return the archive's path. `outline` is what load_outline returns."""
    course = outline["course"]
    run = course["run"]
    out_dir = Path(out_dir)
    root = out_dir / course["number"]
    if (root / "course.xml").exists():  # a previous build: start clean, so nothing stale is archived
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)

    _write(root / "course.xml", etree.Element("course", url_name=run, org=course["org"], course=course["number"]))
    course_el = etree.Element("course", display_name=course["display_name"], language=course["language"])
    block_tags = set()
    for chapter in outline["chapters"]:
        etree.SubElement(course_el, "chapter", url_name=chapter["url_name"])
        chapter_el = etree.Element("chapter", display_name=chapter["title"])
        # One sequential (subsection) per session: the session is what a participant navigates by.
        sequential_name = chapter["url_name"] + SEQUENTIAL_SUFFIX
        etree.SubElement(chapter_el, "sequential", url_name=sequential_name)
        _write(root / "chapter" / f"{chapter['url_name']}.xml", chapter_el)
        sequential_el = etree.Element("sequential", display_name=chapter["title"])
        for unit in chapter["units"]:
            etree.SubElement(sequential_el, "vertical", url_name=unit["url_name"])
            vertical_el = etree.Element("vertical", display_name=unit["title"])
            if unit["html"]:
                html_name = unit["url_name"] + HTML_SUFFIX
                etree.SubElement(vertical_el, "html", url_name=html_name)
                _write(root / "html" / f"{html_name}.xml",
                       etree.Element("html", filename=html_name, display_name=unit["title"]))
                (root / "html" / f"{html_name}.html").write_text(unit["html"] + "\n", "utf-8")
            for block in unit["blocks"]:
                vertical_el.append(block_element(block))
                block_tags.add(BLOCK_TYPES[block["type"]].tag)
            _write(root / "vertical" / f"{unit['url_name']}.xml", vertical_el)
        _write(root / "sequential" / f"{sequential_name}.xml", sequential_el)
    _write(root / "course" / f"{run}.xml", course_el)

    start = datetime.datetime.combine(course["start"], datetime.time(), datetime.timezone.utc)
    _write_json(root / "policies" / run / "policy.json", {f"course/{run}": {
        "display_name": course["display_name"],
        "language": course["language"],
        "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "advanced_modules": sorted(block_tags),  # Studio shows them under Advanced
    }})
    _write_json(root / "policies" / run / "grading_policy.json", {"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}})
    _write_json(root / "policies" / "assets.json", {})
    (root / "about").mkdir(exist_ok=True)
    (root / "about" / "overview.html").write_text(course["overview"] + "\n", "utf-8")

    archive = out_dir / f"{course['number']}.tar.gz"
    _archive(root, archive)
    return archive


def _archive(root, archive):
    """A .tar.gz with one top folder, as Studio's import expects; the same
    outline gives the same bytes (no dates or owners in it)."""
    def tidy(info):
        info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
        info.mode = 0o755 if info.isdir() else 0o644
        return info

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(root, arcname="course", filter=tidy)
    with open(archive, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buffer.getvalue())


def build_all(out_dir=HERE / "build"):
    """Build every outline; return the archives' paths."""
    return [build_course(load_outline(path), out_dir) for path in outline_paths()]


# --- Workbench ---------------------------------------------------------------------

def workbench_scenarios():
    """One workbench scenario per course: a heading per session, the texts and the blocks."""
    scenarios = []
    for path in outline_paths():
        outline = load_outline(path)
        page = etree.Element("vertical_demo")
        for chapter in outline["chapters"]:
            heading = etree.SubElement(page, "html_demo")
            etree.SubElement(heading, "h2").text = chapter["title"]
            for unit in chapter["units"]:
                # html_demo fills in $names from its context, so a literal $ is doubled.
                text = f"<h3>{_escape(unit['title'])}</h3>{unit['html']}".replace("$", "$$")
                page.append(etree.fromstring(f"<html_demo>{text}</html_demo>"))
                for block in unit["blocks"]:
                    element = block_element(block)
                    del element.attrib["url_name"]  # the workbench names blocks itself
                    page.append(element)
        course = outline["course"]
        scenarios.append((f"Sample course: {course['display_name']} ({course['provider']})",
                          etree.tostring(page, encoding="unicode")))
    return scenarios


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "build"), help="output folder (default: sample_courses/build)")
    args = parser.parse_args(argv)
    try:
        archives = build_all(args.out)
    except AuthoredDataError as error:  # "name.yaml: problem" -> "name.yaml:12: problem"
        name, _, problem = error.message.partition(": ")
        print(f"{name}:{error.line or '?'}: {problem}", file=sys.stderr)
        return 1
    for archive in archives:
        print(archive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
