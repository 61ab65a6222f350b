"""One timetable per course, set once in the outline and used by every case block.

A course's sessions (numbers, dates, themes, which session opens the case, where
the paper and the presentations are) are the programme's. When each case block
carried its own copy, one copy could fall back to another programme's timetable
or drift from the rest (issue 22). So the outline states them once:

    timetable:
      follows: 000_af1bad824f4ef276.txt        # the seed whose order and themes the course keeps
      seeds_differ: >-                          # where the seeds disagree, and what the course does
        ...
      example_dates: >-                         # only when the seed gives no dates
        ...
      sessions:                                 # the case tracker's sessions format (case/config.py)
        - number: 1
          date: 2021-01-13
          theme: {nl: ..., en: ...}
          opens_case: true
          cites: {heading: "Bijeenkomst 1: introductie en context", date: "13 januari 2021"}

`cites` holds the seed's own words a session rests on (its heading, its date as the
seed writes it); tests/unit/test_course_timetables.py compares each session with them.
The builder writes the sessions, without `cites`, into every case block's
`sessions_yaml` and refuses a case block that sets its own.
"""
import yaml

from leergang_xblocks.core.authored_yaml import AuthoredDataError

TIMETABLE_KEYS = {"follows", "seeds_differ", "example_dates", "sessions"}
CITE_KEYS = {"heading", "date"}
CASE_TYPE = "case"


def sessions_yaml(sessions):
    """The sessions as the case block stores them: the same data always gives the same text."""
    return yaml.safe_dump(sessions, allow_unicode=True, sort_keys=False, width=100)


def check(checker, timetable, seeds):
    """The outline's timetable, checked: {"follows", "seeds_differ", "example_dates",
    "sessions" (as authored, with cites), "yaml" (what every case block gets)}."""
    from leergang_xblocks.case import config as case_config
    checker.keys(timetable, TIMETABLE_KEYS, "timetable", "timetable")
    follows = timetable.get("follows")
    if follows is not None and (not isinstance(follows, str) or (seeds and follows not in seeds)):
        checker.fail("timetable 'follows' must name one of the course's seeds", "timetable", "follows")
    if len(seeds) > 1 and not follows:
        checker.fail("a course from several seeds says which one its timetable follows ('follows')", "timetable")
    if len(seeds) > 1 and "seeds_differ" not in timetable:
        checker.fail("a course from several seeds says where they disagree ('seeds_differ')", "timetable")
    for key in ("seeds_differ", "example_dates"):
        if key in timetable:
            checker.text(timetable[key], key, 2_000, "timetable", key)
    sessions = timetable.get("sessions")
    if not isinstance(sessions, list) or not sessions:
        checker.fail("'sessions' must be a non-empty list, one '- number: ...' per session", "timetable", "sessions")
    plain = []
    for index, session in enumerate(sessions):
        if not isinstance(session, dict):
            checker.fail("a session must be a mapping (number: 1, date: ...)", "timetable", "sessions", index)
        cites = session.get("cites", {})
        if not isinstance(cites, dict):
            checker.fail("'cites' must be a mapping (heading: ..., date: ...)", "timetable", "sessions", index, "cites")
        checker.keys(cites, CITE_KEYS, "cites", "timetable", "sessions", index, "cites")
        for key, value in cites.items():
            checker.text(value, key, 300, "timetable", "sessions", index, "cites", key)
        plain.append({key: value for key, value in session.items() if key != "cites"})
    text = sessions_yaml(plain)
    try:
        parsed = case_config.parse_sessions(text)
    except AuthoredDataError as error:
        checker.fail(f"the sessions are not usable by the case tracker: {error}", "timetable", "sessions")
    if not timetable.get("example_dates") and not all(s.date for s in parsed):
        checker.fail("every session needs its date, or the timetable says why it has none ('example_dates')",
                     "timetable", "sessions")
    checked = {key: timetable[key] for key in ("follows", "seeds_differ", "example_dates") if key in timetable}
    return {**checked, "sessions": sessions, "yaml": text, "parsed": parsed}


def case_settings(checker, settings, timetable, where):
    """A case block's settings with the course's timetable in them; a block of its own is refused."""
    if "sessions_yaml" in settings:
        checker.fail("a case block takes its sessions from the outline's timetable: remove 'sessions_yaml' "
                     "here and change 'timetable' if the sessions differ", *where, "settings", "sessions_yaml")
    if timetable is None:
        checker.fail("an outline with a case block needs a 'timetable': the programme's sessions, once for "
                     "every block", *where)
    return {**settings, "sessions_yaml": timetable["yaml"]}


def without_timetable(outline_data):
    """For the way back (export.py): the case blocks' common sessions become the outline's
    timetable again, and leave the blocks. Blocks that disagree stay as they are (the
    builder then refuses them, as it should)."""
    blocks = [b for ch in outline_data["chapters"] for u in ch["units"] for b in u.get("blocks", [])
              if b["type"] == CASE_TYPE]
    texts = {b["settings"].get("sessions_yaml") for b in blocks}
    if len(texts) != 1 or None in texts:
        return outline_data
    for block in blocks:
        del block["settings"]["sessions_yaml"]
    sessions = yaml.safe_load(texts.pop())
    return {"course": outline_data["course"], "timetable": {"sessions": sessions}, "chapters": outline_data["chapters"]}
