"""Build the sample courses: YAML outlines -> Open edX OLX (a folder and a .tar.gz
per course, ready for Studio's Tools -> Import) and workbench scenarios.

    python -m sample_courses.build [--out DIR]     # default: sample_courses/build/

An outline (`sample_courses/*.yaml`; docs/sample_courses.md has the full reference):

    course: {org, number, run, display_name, provider, language, seeds, overview,
             start, end, enrollment_start, enrollment_end, max_participants,
             image: {background, accent}, award: {kind, name, statement, unit, rule, cites}}
    timetable: {follows, seeds_differ, example_dates, sessions}   # sample_courses/timetable.py
    chapters:                                    # one chapter per session (bijeenkomst)
      - title: ...
        units:
          - title: ...
            html: <p>...</p>                     # optional, a well-formed HTML fragment
            placeholder_for: leergang_case       # optional: the html stands in for that block
            blocks:                              # optional, leergang blocks
              - type: trust_scan
                url_name: scan_start             # stable: it keeps learner data on re-import
                settings: {series: start-eind, intro: "..."}

Every problem in an outline is an `AuthoredDataError` whose message starts with
the file name and whose `line` is the line in that file. sample_courses/export.py
reads a built course back into an outline; building that again gives the same OLX.

A new block type joins by one entry in BLOCK_TYPES (block_types.py): its OLX tag, its class (the
tests compare the entry with the class's Studio fields) and, per Studio setting,
the kind of value it takes.
"""
import argparse
import gzip
import io
import json
import re
import shutil
import sys
import tarfile
import unicodedata
from pathlib import Path

from lxml import etree

from leergang_xblocks.core.authored_yaml import AuthoredDataError, load
from sample_courses import course_image
from sample_courses.terms import (HERE, DEFAULT_TOPIC_ID, default_discussion_topic, OPTION_NS,
                                  SEQUENTIAL_SUFFIX, HTML_SUFFIX, PLACEHOLDER_BLOCKS, PLACEHOLDER_CLASS,
                                  AWARD_CLASS, AWARD_BLOCK, AWARD_PENDING, AWARD_NONE_TITLE, CERTIFICATE_ID,
                                  STAFF_ONLY_ATTRIBUTE)
from sample_courses.block_types import BLOCK_TYPES
from sample_courses.outline_check import OutlineChecker


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
        return OutlineChecker(doc).outline()
    except AuthoredDataError as error:
        raise AuthoredDataError(f"{path.name}: {error.message}", error.line) from error


# --- What the builder adds to the authored texts --------------------------------------

def award_unit(outline):
    """The unit that states the award (and, for a diploma, carries its rule), or None."""
    name = outline["course"]["award"].get("unit")
    return next((u for ch in outline["chapters"] for u in ch["units"] if u["url_name"] == name), None)


def award_active(outline):
    """True when the diploma rule is carried by a scored block: grading and the certificate
    are switched on. While the award unit holds the placeholder, they stay off."""
    if outline["course"]["award"]["kind"] != "diploma":
        return False
    return any(BLOCK_TYPES[b["type"]].tag == AWARD_BLOCK and BLOCK_TYPES[b["type"]].scores(b)
               for b in award_unit(outline)["blocks"])


def award_html(outline):
    """The award statement as HTML, the same in the about page and in the award unit."""
    award = outline["course"]["award"]
    title = award.get("name") or AWARD_NONE_TITLE
    parts = [f'<div class="{AWARD_CLASS}"><h3>{_escape(title)}</h3><p>{_escape(award["statement"])}</p>']
    if award["kind"] == "diploma" and not award_active(outline):
        parts.append(f'<p class="{AWARD_CLASS}-pending">{_escape(AWARD_PENDING)}</p>')
    parts.append("</div>")
    return "".join(parts)


def placeholder_note(tag):
    return (f'<p class="{PLACEHOLDER_CLASS}-note"><em>Voorlopige tekst: hier komt {PLACEHOLDER_BLOCKS[tag]} '
            f"({tag}) zodra het beschikbaar is. Tot dan werk je zoals hieronder staat.</em></p>")


def unit_html(outline, unit):
    """A unit's text as the course shows it: a placeholder is marked as one (for participants
    and for tools: data-placeholder-for), and the award unit ends with the award statement."""
    text = unit["html"]
    if unit.get("placeholder_for"):
        tag = unit["placeholder_for"]
        text = (f'<div class="{PLACEHOLDER_CLASS}" data-placeholder-for="{tag}">'
                f"{placeholder_note(tag)}{text}</div>")
    if outline["course"]["award"].get("unit") == unit["url_name"]:
        text += award_html(outline)
    return text


def about_html(outline):
    return outline["course"]["overview"] + award_html(outline)


def placeholders(outline):
    """[(chapter title, unit, block tag)] of every unit that still stands in for a block."""
    return [(ch["title"], u, u["placeholder_for"]) for ch in outline["chapters"] for u in ch["units"]
            if u.get("placeholder_for")]


def _moment(day, end_of_day=False):
    """A date as Open edX stores it (UTC); an end or closing date lasts the whole day."""
    return f"{day.isoformat()}T{'23:59:59' if end_of_day else '00:00:00'}Z"


def discussion_topic_id(name):
    """A stable id for a course-wide forum topic, from its name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "topic_" + re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def course_policy(outline, block_tags):
    course = outline["course"]
    policy = {
        "display_name": course["display_name"],
        "display_organization": course["provider"],
        "language": course["language"],
        "start": _moment(course["start"]),
        "end": _moment(course["end"], end_of_day=True),
        "enrollment_start": _moment(course["enrollment_start"]),
        "enrollment_end": _moment(course["enrollment_end"], end_of_day=True),
        "course_image": course_image.FILE_NAME,
        "banner_image": course_image.FILE_NAME,   # its default names a file the course lacks
        "advanced_modules": sorted(block_tags),  # Studio shows them under Advanced
    }
    if "max_participants" in course:
        policy["max_student_enrollments_allowed"] = course["max_participants"]
    if "discussion_topics" in course:
        # Course-wide topics of the course's forum (the Discussion tab): no component
        # needed. Open edX's default topic stays first.
        policy["discussion_topics"] = {default_discussion_topic(course["language"]): {"id": DEFAULT_TOPIC_ID}, **{
            name: {"id": discussion_topic_id(name)} for name in course["discussion_topics"]}}
    award = course["award"]
    if award["kind"] == "none":
        policy["no_grade"] = True   # "Course Not Graded": nothing to grade, nothing to certify
    else:
        policy.update({
            "cert_name_short": award["name"],
            "cert_name_long": f"{award['name']} {course['display_name']}",
            "certificates_display_behavior": "end",  # the diploma comes on the closing day
            "certificates": {"certificates": [{
                "id": CERTIFICATE_ID, "version": 1, "name": award["name"], "description": award["statement"],
                "course_title": course["display_name"], "signatories": [], "is_active": award_active(outline),
            }]},
        })
    return policy


def grading_policy(outline):
    """A diploma is one assignment type, the award unit's subsection, passed only at 100%:
    the case block scores 1 when the rule is met and 0 otherwise. Until that block is in
    the course the list of graded types is empty, so nobody passes by accident."""
    award = outline["course"]["award"]
    if award["kind"] == "none":
        return {"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}
    grader = []
    if award_active(outline):
        grader = [{"type": award["name"], "short_label": award["name"][:4], "min_count": 1,
                   "drop_count": 0, "weight": 1.0}]
    return {"GRADER": grader, "GRADE_CUTOFFS": {"Pass": 1.0}}


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
    graded = award_active(outline) and award_unit(outline)["url_name"]
    for chapter in outline["chapters"]:
        etree.SubElement(course_el, "chapter", url_name=chapter["url_name"])
        chapter_el = etree.Element("chapter", display_name=chapter["title"])
        # One sequential (subsection) per session: the session is what a participant navigates by.
        sequential_name = chapter["url_name"] + SEQUENTIAL_SUFFIX
        etree.SubElement(chapter_el, "sequential", url_name=sequential_name)
        _write(root / "chapter" / f"{chapter['url_name']}.xml", chapter_el)
        sequential_el = etree.Element("sequential", display_name=chapter["title"])
        if graded in [u["url_name"] for u in chapter["units"]]:
            # The award's subsection is the one graded assignment (grading_policy).
            sequential_el.set("graded", "true")
            sequential_el.set("format", course["award"]["name"])
        for unit in chapter["units"]:
            etree.SubElement(sequential_el, "vertical", url_name=unit["url_name"])
            vertical_el = etree.Element("vertical", display_name=unit["title"])
            if unit.get("staff_only"):
                vertical_el.set(STAFF_ONLY_ATTRIBUTE, "true")
            if unit["html"]:
                html_name = unit["url_name"] + HTML_SUFFIX
                etree.SubElement(vertical_el, "html", url_name=html_name)
                _write(root / "html" / f"{html_name}.xml",
                       etree.Element("html", filename=html_name, display_name=unit["title"]))
                (root / "html" / f"{html_name}.html").write_text(unit_html(outline, unit) + "\n", "utf-8")
            for block in unit["blocks"]:
                vertical_el.append(block_element(block))
                block_tags.add(BLOCK_TYPES[block["type"]].tag)
            _write(root / "vertical" / f"{unit['url_name']}.xml", vertical_el)
        _write(root / "sequential" / f"{sequential_name}.xml", sequential_el)
    _write(root / "course" / f"{run}.xml", course_el)

    _write_json(root / "policies" / run / "policy.json", {f"course/{run}": course_policy(outline, block_tags)})
    _write_json(root / "policies" / run / "grading_policy.json", grading_policy(outline))
    image = course["image"]
    (root / "static").mkdir()
    (root / "static" / course_image.FILE_NAME).write_bytes(
        course_image.course_image_png(course["number"], image["background"], image["accent"]))
    # Studio's import reads an asset's type and lock from here (xml_importer, import_static_content).
    _write_json(root / "policies" / "assets.json", {course_image.FILE_NAME: {
        "contentType": "image/png", "displayname": course_image.FILE_NAME, "locked": False}})
    (root / "about").mkdir(exist_ok=True)
    (root / "about" / "overview.html").write_text(about_html(outline) + "\n", "utf-8")
    # The catalogue's course card and the about page's summary (Studio: Course Short Description).
    (root / "about" / "short_description.html").write_text(_escape(course["short_description"]) + "\n", "utf-8")

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
    """One workbench scenario per course: a heading per session, the texts and the blocks.
    Returns [(title, xml)]; the demo's index also lists each course's placeholders
    (`placeholders(outline)`), linking to the unit's anchor `#unit-<url_name>`."""
    return [(scenario_title(outline), scenario_xml(outline)) for outline in map(load_outline, outline_paths())]


def scenario_title(outline):
    course = outline["course"]
    return f"Sample course: {course['display_name']} ({course['provider']})"


def scenario_xml(outline):
    page = etree.Element("vertical_demo")
    for chapter in outline["chapters"]:
        heading = etree.SubElement(page, "html_demo")
        etree.SubElement(heading, "h2").text = chapter["title"]
        for unit in chapter["units"]:
            # html_demo fills in $names from its context, so a literal $ is doubled.
            text = (f'<h3 id="unit-{unit["url_name"]}">{_escape(unit["title"])}</h3>'
                    f"{unit_html(outline, unit) if unit['html'] else ''}").replace("$", "$$")
            page.append(etree.fromstring(f"<html_demo>{text}</html_demo>"))
            for block in unit["blocks"]:
                element = block_element(block)
                del element.attrib["url_name"]  # the workbench names blocks itself
                page.append(element)
    return etree.tostring(page, encoding="unicode")


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


def _set_up_django():
    """The outline's check runs each block's own rules (the dialogue's, the session
    block's), which live beside the package's models: from the command line, Django is
    set up with the demo's settings first (no database is opened)."""
    import os

    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings")
    django.setup()


if __name__ == "__main__":
    _set_up_django()
    sys.exit(main())

