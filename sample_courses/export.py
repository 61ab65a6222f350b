"""From a built course back to an outline: `export_outline(course folder)` gives the
outline data, `outline_yaml(data)` its YAML text. Building that YAML gives the same
OLX byte for byte (tests/unit/test_sample_courses.py), so an outline can be recovered
from what the builder wrote, and the builder never writes what it cannot read back.
"""
import datetime
import json
from pathlib import Path

import yaml
from lxml import etree

from sample_courses import course_image
from sample_courses.timetable import without_timetable
from sample_courses.block_types import BLOCK_TYPES
from sample_courses.build import placeholder_note
from sample_courses.terms import AWARD_CLASS, DEFAULT_TOPIC_ID, PLACEHOLDER_CLASS, STAFF_ONLY_ATTRIBUTE


def export_outline(root):
    """Read a course this builder wrote (its folder) back into outline data; building
    that data again gives the same OLX, byte for byte. The seeds list is the one thing
    the OLX does not hold."""
    root = Path(root)
    top = etree.parse(str(root / "course.xml")).getroot()
    run = top.get("url_name")
    course_el = etree.parse(str(root / "course" / f"{run}.xml")).getroot()
    policy = json.loads((root / "policies" / run / "policy.json").read_text("utf-8"))[f"course/{run}"]
    background, accent = course_image.colours_of((root / "static" / policy["course_image"]).read_bytes())
    about = (root / "about" / "overview.html").read_text("utf-8").rstrip("\n")
    overview, award_text = _split_award(about)
    course = {
        "org": top.get("org"), "number": top.get("course"), "run": run,
        "display_name": course_el.get("display_name"), "provider": policy["display_organization"],
        "language": course_el.get("language"), "overview": overview,
        "short_description": etree.fromstring("<p>" + (root / "about" / "short_description.html")
                                              .read_text("utf-8").rstrip("\n") + "</p>").text,
        "start": _day(policy["start"]), "end": _day(policy["end"]),
        "enrollment_start": _day(policy["enrollment_start"]), "enrollment_end": _day(policy["enrollment_end"]),
    }
    if "max_student_enrollments_allowed" in policy:
        course["max_participants"] = policy["max_student_enrollments_allowed"]
    if "discussion_topics" in policy:
        course["discussion_topics"] = [name for name, topic in policy["discussion_topics"].items()
                                       if topic.get("id") != DEFAULT_TOPIC_ID]
    course["image"] = {"background": background, "accent": accent}
    if policy.get("no_grade"):
        award = {"kind": "none", "statement": award_text}
    else:
        certificate = policy["certificates"]["certificates"][0]
        award = {"kind": "diploma", "name": certificate["name"], "statement": certificate["description"]}
    chapters = []
    for chapter_ref in course_el.iterchildren("chapter"):
        chapter_el = etree.parse(str(root / "chapter" / f"{chapter_ref.get('url_name')}.xml")).getroot()
        units = []
        for sequential_ref in chapter_el.iterchildren("sequential"):
            sequential_el = etree.parse(str(root / "sequential" / f"{sequential_ref.get('url_name')}.xml")).getroot()
            for vertical_ref in sequential_el.iterchildren("vertical"):
                unit = _export_unit(root, vertical_ref.get("url_name"), award)
                units.append(unit)
        chapters.append({"title": chapter_el.get("display_name"), "url_name": chapter_ref.get("url_name"),
                         "units": units})
    course["award"] = award
    return without_timetable({"course": course, "chapters": chapters})


def _export_unit(root, url_name, award):
    vertical_el = etree.parse(str(root / "vertical" / f"{url_name}.xml")).getroot()
    unit = {"title": vertical_el.get("display_name"), "url_name": url_name}
    if vertical_el.get(STAFF_ONLY_ATTRIBUTE) == "true":
        unit["staff_only"] = True
    blocks = []
    by_tag = {t.tag: (kind, t) for kind, t in BLOCK_TYPES.items()}
    for child in vertical_el:
        if child.tag == "html":
            text = (root / "html" / f"{child.get('url_name')}.html").read_text("utf-8").rstrip("\n")
            text, stated = _split_award(text)
            if stated is not None:
                award["unit"] = url_name
            prefix = f'<div class="{PLACEHOLDER_CLASS}" data-placeholder-for="'
            if text.startswith(prefix):
                tag = text[len(prefix):text.index('"', len(prefix))]
                text = text[len(prefix) + len(tag) + 2 + len(placeholder_note(tag)):-len("</div>")]
                unit["placeholder_for"] = tag
            unit["html"] = text
            continue
        kind, block_type = by_tag[child.tag]
        settings = {}
        for name, value in child.attrib.items():
            if name != "url_name":
                settings[name] = _from_olx(block_type.settings[name], value)
        for option in child:
            settings[etree.QName(option).localname] = option.text or ""
        blocks.append({"type": kind, "url_name": child.get("url_name"), "settings": settings})
    if blocks:
        unit["blocks"] = blocks
    return unit


def _split_award(text):
    """(text before the award statement, the statement or None)."""
    start = text.find(f'<div class="{AWARD_CLASS}">')
    if start < 0:
        return text, None
    statement = etree.fromstring(text[start:]).find("p").text
    return text[:start], statement


def _from_olx(setting, value):
    if setting.kind == "bool":
        return json.loads(value)
    return int(value) if setting.kind == "int" else value


def _day(moment):
    return datetime.date.fromisoformat(moment[:10])


def outline_yaml(data):
    """Outline data as YAML text that load_outline reads back to the same data."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def main(argv=None):
    """python -m sample_courses.export sample_courses/build/VU-SLV > outline.yaml"""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Print a built course folder as a YAML outline.")
    parser.add_argument("folder", help="a course folder the builder wrote, e.g. sample_courses/build/VU-SLV")
    args = parser.parse_args(argv)
    sys.stdout.write(outline_yaml(export_outline(args.folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
