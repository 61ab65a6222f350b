"""The check of a sample-course outline (`OutlineChecker`): every problem an
AuthoredDataError naming where in the outline (course.award.unit, chapters[6].units[0].html,
...) and the line; build.py's `load_outline` runs it."""
import datetime
import re
import unicodedata

from lxml import etree

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from sample_courses import course_image
from sample_courses import award_rule
from sample_courses import timetable as timetables

from sample_courses.terms import (DEFAULT_DISCUSSION_TOPIC, URL_NAME, COURSE_ID_PART, LANGUAGE,
                                  SEQUENTIAL_SUFFIX, HTML_SUFFIX, NOT_XML, MAX_TITLE, MAX_HTML, MAX_STATEMENT,
                                  PLACEHOLDER_BLOCKS, AWARD_WORDS, AWARD_BLOCK, COURSE_KEYS,
                                  REQUIRED_COURSE_KEYS, IMAGE_KEYS, AWARD_KEYS, AWARD_KINDS, CHAPTER_KEYS,
                                  UNIT_KEYS, BLOCK_KEYS, COURSE_KEY_HELP)
from sample_courses.block_types import BLOCK_TYPES


class OutlineChecker:
    def __init__(self, doc):
        self.doc = doc
        self.used = set()      # url_names in this course
        self.series = {}       # (block type, series) -> [path of each block]
        self.timetable = None  # the outline's timetable (sample_courses/timetable.py), once checked

    def fail(self, message, *path):
        """Refuse the outline. As for instruments, the message starts with where
        (course.award.unit: ..., chapters[6].units[0].html: ...); the error carries the line."""
        raise AuthoredDataError(message, self.doc.line(*path), path=path)

    def keys(self, value, allowed, what, *path):
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping (key: value)", *path)
        unknown = sorted(str(k) for k in set(value) - allowed)
        if unknown:
            self.fail(f"unknown {what} key '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}", *path, unknown[0])

    def discussion_topics(self, topics):
        """Course-wide forum topics a unit sends participants to (say, to propose themes)."""
        if not isinstance(topics, list) or not topics:
            self.fail("'discussion_topics' must be a list of topic names", "course", "discussion_topics")
        names = [self.text(t, "discussion_topics", 100, "course", "discussion_topics", i) for i, t in enumerate(topics)]
        defaults = set(DEFAULT_DISCUSSION_TOPIC.values())
        if len(set(names)) != len(names) or defaults & set(names):
            self.fail("'discussion_topics' must name each topic once (and not the default "
                      f"'{' or '.join(sorted(defaults))}')", "course", "discussion_topics")
        return names

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
        self.keys(data, {"course", "timetable", "chapters"}, "outline")
        for key in ("course", "chapters"):
            if key not in data:
                self.fail(f"an outline needs '{key}'")
        course = self.course(data["course"])
        self.timetable = timetables.check(self, data["timetable"], course["seeds"]) if "timetable" in data else None
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
        checked = {"course": course, "timetable": self.timetable,
                   "chapters": [self.chapter(ch, c) for c, ch in enumerate(chapters)]}
        self.check_series()
        self.check_award(checked)
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
        seeds = course.get("seeds", [])
        if not isinstance(seeds, list) or not all(isinstance(s, str) for s in seeds):
            self.fail("course 'seeds' must be a list of file names", "course", "seeds")
        checked["seeds"] = seeds
        for key in REQUIRED_COURSE_KEYS:
            if key not in course:
                self.fail(f"a course needs '{key}' ({COURSE_KEY_HELP[key]})", "course")
        checked["overview"] = self.html(course["overview"], "course", "overview")
        if not checked["overview"]:
            self.fail("'overview' (the course's about page) may not be empty", "course", "overview")
        checked["short_description"] = " ".join(self.text(
            course["short_description"], "short_description", 500, "course", "short_description").split())
        if "<" in checked["short_description"]:
            self.fail("'short_description' is plain text", "course", "short_description")
        checked.update(self.dates(course))
        if "max_participants" in course:
            places = course["max_participants"]
            if isinstance(places, bool) or not isinstance(places, int) or not 1 <= places <= 100_000:
                self.fail("'max_participants' must be a whole number from 1", "course", "max_participants")
            checked["max_participants"] = places
        if "discussion_topics" in course:
            checked["discussion_topics"] = self.discussion_topics(course["discussion_topics"])
        checked["image"] = self.image(course["image"])
        checked["award"] = self.award_shape(course["award"])
        return checked

    def date(self, course, key):
        value = course[key]
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            self.fail(f"course '{key}' must be a date written as 2026-01-13", "course", key)
        return value

    def dates(self, course):
        start, end = self.date(course, "start"), self.date(course, "end")
        opens, closes = self.date(course, "enrollment_start"), self.date(course, "enrollment_end")
        if end <= start:
            self.fail(f"course 'end' ({end}) must come after 'start' ({start})", "course", "end")
        if opens > start:
            self.fail(f"'enrollment_start' ({opens}) must be on or before the course start ({start})",
                      "course", "enrollment_start")
        if closes < opens:
            self.fail(f"'enrollment_end' ({closes}) may not come before 'enrollment_start' ({opens})",
                      "course", "enrollment_end")
        if closes > end:
            self.fail(f"'enrollment_end' ({closes}) may not come after the course end ({end})",
                      "course", "enrollment_end")
        return {"start": start, "end": end, "enrollment_start": opens, "enrollment_end": closes}

    def image(self, image):
        self.keys(image, IMAGE_KEYS, "image", "course", "image")
        colours = {}
        for key in sorted(IMAGE_KEYS):
            value = image.get(key)
            if not isinstance(value, str) or not course_image.COLOUR.match(value):
                self.fail(f"image '{key}' must be a colour written as #1f5f8b", "course", "image", key)
            colours[key] = value.lower()
        if colours["background"] == colours["accent"]:
            self.fail("the image's background and accent must differ", "course", "image", "accent")
        return colours

    def award_shape(self, award):
        """What the programme awards; checked against the units once they are known."""
        self.keys(award, AWARD_KEYS, "award", "course", "award")
        kind = award.get("kind")
        if kind not in AWARD_KINDS:
            self.fail(f"award 'kind' must be one of: {', '.join(AWARD_KINDS)}", "course", "award", "kind")
        statement = self.text(award.get("statement"), "statement", MAX_STATEMENT, "course", "award", "statement")
        if "<" in statement or ">" in statement:
            self.fail("the award statement is plain text (it also goes into the certificate)",
                      "course", "award", "statement")
        checked = {"kind": kind, "statement": " ".join(statement.split())}
        if kind == "diploma":
            checked["name"] = self.text(award.get("name"), "name", 60, "course", "award", "name")
            if "unit" not in award:
                self.fail(f"a diploma needs 'unit': the unit whose {AWARD_BLOCK} carries the rule",
                          "course", "award")
        elif "name" in award:
            self.fail("an award of kind none has no name", "course", "award", "name")
        if "unit" in award:
            if not isinstance(award["unit"], str) or not URL_NAME.match(award["unit"]):
                self.fail("award 'unit' must be the url_name of a unit", "course", "award", "unit")
            checked["unit"] = award["unit"]
        checked.update(award_rule.check_shape(self, award))
        return checked

    def check_award(self, checked):
        """The award, the graded blocks and the course texts must tell one story."""
        award = checked["course"]["award"]
        units = {u["url_name"]: (c, i, u) for c, ch in enumerate(checked["chapters"])
                 for i, u in enumerate(ch["units"])}
        scored = [(c, i, b) for c, i, u in units.values() for b, block in enumerate(u["blocks"])
                  if BLOCK_TYPES[block["type"]].scores(block)]
        for where, text in self.texts(checked):
            if AWARD_WORDS.search(text):
                self.fail("only course.award.statement may speak of a diploma or certificate: the builder "
                          "puts that statement in the about page, the certificate and the award unit, "
                          "so they always say the same", *where)
        if "unit" in award and award["unit"] not in units:
            self.fail(f"award 'unit' '{award['unit']}' is not a unit of this course", "course", "award", "unit")
        if award["kind"] == "none":
            if scored:
                c, i, b = scored[0]
                self.fail("this block is scored, but the course awards nothing (award kind none): "
                          "grading stays off", "chapters", c, "units", i, "blocks", b)
            award_rule.check_blocks(self, award, checked["chapters"])
            return
        c, i, unit = units[award["unit"]]
        carriers = [b for b, block in enumerate(unit["blocks"]) if BLOCK_TYPES[block["type"]].tag == AWARD_BLOCK]
        if unit.get("placeholder_for") != AWARD_BLOCK and not carriers:
            self.fail(f"the diploma rule needs the unit '{award['unit']}' to hold {AWARD_BLOCK} "
                      f"(or its placeholder: placeholder_for: {AWARD_BLOCK})", "course", "award", "unit")
        carrying = [(c, i, b) for b in carriers]
        for place in scored:
            if place not in carrying:
                self.fail(f"only the {AWARD_BLOCK} block of the award unit may be scored: another score "
                          "would change who gets the diploma", "chapters", place[0], "units", place[1],
                          "blocks", place[2])
        if len(carriers) > 1:
            self.fail(f"the award unit may hold one {AWARD_BLOCK} block", "chapters", c, "units", i,
                      "blocks", carriers[1])
        if carriers and not BLOCK_TYPES[unit["blocks"][carriers[0]]["type"]].scores(unit["blocks"][carriers[0]]):
            self.fail(f"the {AWARD_BLOCK} block that carries the diploma rule must be scored",
                      "chapters", c, "units", i, "blocks", carriers[0])
        award_rule.check_blocks(self, award, checked["chapters"],
                                unit["blocks"][carriers[0]]["settings"] if carriers else None)

    @staticmethod
    def texts(checked):
        """Every author-written text, with its path in the outline."""
        yield ("course", "overview"), checked["course"]["overview"]
        for c, chapter in enumerate(checked["chapters"]):
            yield ("chapters", c, "title"), chapter["title"]
            for i, unit in enumerate(chapter["units"]):
                yield ("chapters", c, "units", i, "title"), unit["title"]
                yield ("chapters", c, "units", i, "html"), unit["html"]

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
        if "staff_only" in unit:
            if not isinstance(unit["staff_only"], bool):
                self.fail("staff_only must be true or false", *where, "staff_only")
            if unit["staff_only"]:
                checked["staff_only"] = True
        for b, block in enumerate(checked["blocks"]):
            audience = BLOCK_TYPES[block["type"]].audience
            if audience == "staff" and not checked.get("staff_only"):
                self.fail(f"a {block['type']} block is for staff: put it in a unit with staff_only: true",
                          *where, "blocks", b)
            if audience == "participants" and checked.get("staff_only"):
                self.fail(f"a {block['type']} block is for participants: not in a staff_only unit",
                          *where, "blocks", b)
        if "placeholder_for" in unit:
            tag = unit["placeholder_for"]
            if tag not in PLACEHOLDER_BLOCKS:
                self.fail(f"placeholder_for must name a planned block: {', '.join(PLACEHOLDER_BLOCKS)}",
                          *where, "placeholder_for")
            if not checked["html"]:
                self.fail("a placeholder needs html: the text that stands in for the block", *where)
            checked["placeholder_for"] = tag
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
        if kind == timetables.CASE_TYPE:
            settings = timetables.case_settings(self, settings, self.timetable, where)
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


