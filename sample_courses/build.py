"""Build the sample courses: YAML outlines -> Open edX OLX (a folder and a .tar.gz
per course, ready for Studio's Tools -> Import) and workbench scenarios.

    python -m sample_courses.build [--out DIR]     # default: sample_courses/build/

An outline (`sample_courses/*.yaml`):

    course: {org, number, run, display_name, language, seeds: [...], overview}
    chapters:
      - title: ...
        units:
          - title: ...
            html: <p>...</p>                 # optional
            blocks:                          # optional, leergang blocks
              - {type: trust_scan, url_name: scan_start, settings: {series: start-eind}}

A new block type joins by one entry in BLOCK_TYPES.
"""
import argparse
import json
import re
import tarfile
from pathlib import Path

from lxml import etree

from leergang_xblocks.core.authored_yaml import AuthoredDataError, load

HERE = Path(__file__).resolve().parent
URL_NAME = re.compile(r"^[a-z0-9_]{1,60}$")
COURSE_ID_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$")


# outline type -> (OLX tag, the settings an author may give). Kept here rather than
# read from the block classes so the builder runs without Django; a test checks
# they equal each block's Studio fields.
BLOCK_TYPES = {
    "trust_scan": ("leergang_trust_scan", {"display_name", "intro", "instrument_key", "custom_instrument_yaml",
                                           "min_cohort_size", "allow_retake", "series"}),
}
COURSE_KEYS = {"org", "number", "run", "display_name", "language", "seeds", "overview"}


def outline_paths():
    return sorted(HERE.glob("*.yaml"))


def load_outline(path):
    """Parse and check an outline; AuthoredDataError names the file and line."""
    path = Path(path)
    try:
        doc = load(path.read_text("utf-8"))
        return _checked(doc)
    except AuthoredDataError as error:
        raise AuthoredDataError(f"{path.name}: {error.message}", error.line) from error


def _checked(doc):
    data = doc.data
    if not isinstance(data, dict) or set(data) != {"course", "chapters"}:
        raise doc.error("an outline has exactly two keys: course and chapters")
    course = data["course"]
    if not isinstance(course, dict):
        raise doc.error("'course' must be a mapping", "course")
    unknown = set(course) - COURSE_KEYS
    if unknown:
        raise doc.error(f"unknown course key '{sorted(unknown)[0]}'", "course", sorted(unknown)[0])
    for key in ("org", "number", "run", "display_name"):
        if not isinstance(course.get(key), (str, int)) or not str(course.get(key)).strip():
            raise doc.error(f"course needs '{key}'", "course")
    for key in ("org", "number", "run"):  # they become file names and the course key
        if not COURSE_ID_PART.match(str(course[key])):
            raise doc.error(f"'{key}' may only hold letters, digits, '.', '_' and '-'", "course", key)
    if not isinstance(data["chapters"], list) or not data["chapters"]:
        raise doc.error("'chapters' must be a non-empty list", "chapters")
    seen = set()
    for c, chapter in enumerate(data["chapters"]):
        if not isinstance(chapter, dict) or not isinstance(chapter.get("title"), str):
            raise doc.error("a chapter needs a title", "chapters", c)
        units = chapter.get("units")
        if not isinstance(units, list) or not units:
            raise doc.error("a chapter needs a list of units", "chapters", c)
        for u, unit in enumerate(units):
            where = ("chapters", c, "units", u)
            if not isinstance(unit, dict) or not isinstance(unit.get("title"), str):
                raise doc.error("a unit needs a title", *where)
            if set(unit) - {"title", "html", "blocks"}:
                raise doc.error(f"unknown unit key '{sorted(set(unit) - {'title', 'html', 'blocks'})[0]}'", *where)
            if "html" in unit and not isinstance(unit["html"], str):
                raise doc.error("'html' must be text", *where, "html")
            for b, block in enumerate(unit.get("blocks") or []):
                _check_block(doc, block, where + ("blocks", b), seen)
    return data


def _check_block(doc, block, where, seen):
    if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
        raise doc.error(f"unknown block type '{block.get('type') if isinstance(block, dict) else block}'; "
                        f"known: {', '.join(sorted(BLOCK_TYPES))}", *where)
    url_name = block.get("url_name")
    if not isinstance(url_name, str) or not URL_NAME.match(url_name) or url_name in seen:
        raise doc.error("a block needs a unique url_name of a-z, 0-9 and _", *where)
    seen.add(url_name)
    settings = block.get("settings") or {}
    allowed = BLOCK_TYPES[block["type"]][1]
    if not isinstance(settings, dict) or set(settings) - allowed:
        raise doc.error(f"settings may only be: {', '.join(sorted(allowed))}", *where)


# --- OLX ---------------------------------------------------------------------------

def _slug(text, used):
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "x"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}_{n}", n + 1
    used.add(slug)
    return slug


def _write(path, element):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(element, pretty_print=True, encoding="utf-8"))


def _block_element(block):
    tag, _ = BLOCK_TYPES[block["type"]]
    element = etree.Element(tag, url_name=block["url_name"])
    option = "{http://code.edx.org/xblock/option}"
    for name, value in (block.get("settings") or {}).items():
        text = json.dumps(value) if isinstance(value, bool) else str(value)
        if "\n" in text:  # long texts as elements, as the block exports them
            child = etree.SubElement(element, option + name, nsmap={"option": option[1:-1]})
            child.text = text
        else:
            element.set(name, text)
    return element


def build_course(outline, out_dir):
    """Write one course's OLX under out_dir/<number>/ and a .tar.gz beside it; return the archive."""
    course = outline["course"]
    run, root = str(course["run"]), Path(out_dir) / str(course["number"])
    top = etree.Element("course", url_name=run, org=str(course["org"]), course=str(course["number"]))
    _write(root / "course.xml", top)
    course_el = etree.Element("course", display_name=course["display_name"], language=course.get("language", "nl"))
    used = set()
    block_types = set()
    for chapter in outline["chapters"]:
        chapter_name = _slug(chapter["title"], used)
        etree.SubElement(course_el, "chapter", url_name=chapter_name)
        chapter_el = etree.Element("chapter", display_name=chapter["title"])
        sequential_name = chapter_name + "_seq"
        etree.SubElement(chapter_el, "sequential", url_name=sequential_name)
        _write(root / "chapter" / f"{chapter_name}.xml", chapter_el)
        sequential_el = etree.Element("sequential", display_name=chapter["title"])
        for unit in chapter["units"]:
            unit_name = _slug(unit["title"], used)
            etree.SubElement(sequential_el, "vertical", url_name=unit_name)
            vertical_el = etree.Element("vertical", display_name=unit["title"])
            if unit.get("html"):
                etree.SubElement(vertical_el, "html", url_name=unit_name + "_text")
                _write(root / "html" / f"{unit_name}_text.xml",
                       etree.Element("html", filename=unit_name + "_text", display_name=unit["title"]))
                (root / "html" / f"{unit_name}_text.html").write_text(unit["html"], "utf-8")
            for block in unit.get("blocks") or []:
                vertical_el.append(_block_element(block))
                block_types.add(BLOCK_TYPES[block["type"]][0])
            _write(root / "vertical" / f"{unit_name}.xml", vertical_el)
        _write(root / "sequential" / f"{sequential_name}.xml", sequential_el)
    _write(root / "course" / f"{run}.xml", course_el)
    policy = {f"course/{run}": {"display_name": course["display_name"], "language": course.get("language", "nl"),
                                "advanced_modules": sorted(block_types), "start": "2026-01-01T00:00:00Z"}}
    (root / "policies" / run).mkdir(parents=True, exist_ok=True)
    (root / "policies" / run / "policy.json").write_text(json.dumps(policy, indent=2, ensure_ascii=False), "utf-8")
    (root / "policies" / run / "grading_policy.json").write_text(
        json.dumps({"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}, indent=2), "utf-8")
    (root / "about").mkdir(exist_ok=True)
    (root / "about" / "overview.html").write_text(course.get("overview", ""), "utf-8")
    archive = Path(out_dir) / f"{course['number']}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(root, arcname="course")
    return archive


def build_all(out_dir=HERE / "build"):
    return [build_course(load_outline(path), out_dir) for path in outline_paths()]


def workbench_scenarios():
    """One workbench scenario per course: chapter and unit headings, texts and blocks."""
    scenarios = []
    for path in outline_paths():
        outline = load_outline(path)
        page = etree.Element("vertical_demo")
        for chapter in outline["chapters"]:
            heading = etree.SubElement(page, "html_demo")
            etree.SubElement(heading, "h2").text = chapter["title"]
            for unit in chapter["units"]:
                # html_demo substitutes $names, so a literal $ is doubled.
                text = f"<div><h3>{_escape(unit['title'])}</h3>{unit.get('html', '')}</div>".replace("$", "$$")
                page.append(etree.fromstring(f"<html_demo>{text}</html_demo>"))
                for block in unit.get("blocks") or []:
                    page.append(_block_element(block))
        title = f"Sample course: {outline['course']['display_name']}"
        scenarios.append((title, etree.tostring(page, encoding="unicode")))
    return scenarios


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "build"))
    args = parser.parse_args(argv)
    for archive in build_all(args.out):
        print(archive)


if __name__ == "__main__":
    main()
