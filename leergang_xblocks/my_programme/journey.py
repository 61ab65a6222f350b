"""A participant's journey across the course, read from the course's other leergang blocks.

Nothing here reads a block's stores itself: every part comes from a public function
of the block that owns it, which decides what this participant may see there:

- case tracker: `CaseBlock.participant_case` (their case, or their team's)
- feedback round: `FeedbackRoundBlock.participant_round` (their current group's round
  as they see it: anonymous feedback without its giver, peers' names only where the
  round shows them, hidden items left out)
- dilemma: `DialogueBlock.own_positions` (their own positions and reflections only)
- trust scan: `TrustScanBlock.results_over_time` (their results; their note only for
  themselves, never for staff viewing as them)

Cost: per block one read of this participant's own records (a round: one group's
records, bounded by the group's size); never a read of every participant, so a
request costs the same in a course of 20 and of 5,000 (tests/perf/test_my_programme_query_counts.py).
"""
import datetime

from django.utils import timezone

from ..core import dates
from ..core.course_blocks import leergang_blocks_of_course
from ..core.handlers import HandlerError

CASE, ROUND, DIALOGUE, SCAN = "leergang_case", "leergang_feedback_round", "leergang_dialogue", "leergang_trust_scan"
# An open action counts as "this week" when it is due within this many days (or overdue).
SOON_DAYS = 7
ENTRY_OPEN_STATES = ("due", "overdue")


def today(zone_name=dates.DEFAULT_TIME_ZONE):
    """Today in the course's time zone (a function, so tests can move the calendar)."""
    return dates.today(zone_name)


def read(block, identity):
    """The journey of `identity` as data: {"cases", "rounds", "dilemmas", "scans", "open"}."""
    day = today(block.time_zone)
    now = timezone.now()
    journey = {"cases": [], "rounds": [], "dilemmas": [], "scans": [], "open": []}
    if not identity.anonymous_id:
        return journey
    seen_cases = set()
    for other in leergang_blocks_of_course(block):
        kind = other.scope_ids.block_type
        try:
            if kind == CASE and other.case_key not in seen_cases:
                seen_cases.add(other.case_key)   # one case per key, however many blocks show it
                _add_case(journey, other, identity, day)
            elif kind == ROUND:
                _add_round(journey, other, identity, now)
            elif kind == DIALOGUE:
                _add_dilemma(journey, other, identity)
            elif kind == SCAN:
                _add_scan(journey, other, identity)
        except HandlerError:
            continue  # a block not set up correctly says so on its own page; its part is left out here
    journey["open"].sort(key=lambda item: (not item["overdue"], item["sort"]))
    return journey


def _title(other):
    return other.shown_display_name


def _add_case(journey, other, identity, day):
    view, sessions = other.participant_case(identity)
    soon = (day + datetime.timedelta(days=SOON_DAYS)).isoformat()
    actions = [{"text": a["text"], "due": a["due"], "due_text": other.date_text(a["due"]) if a["due"] else "",
                "status": a["status"], "overdue": a["overdue"], "origin_name": a["origin_name"]}
               for a in view.actions(day)]
    timeline = []
    for row in view.timeline(sessions, day):
        session = row["session"]
        timeline.append({"number": session.number, "date": session.date, "date_text": other.date_text(session.date),
                         "theme": other.localized(session.theme), "state": row["state"],
                         "entries": row["entries"], "attended": row["attended"]})
    title = view.title or _title(other)
    journey["cases"].append({"title": title, "block": _title(other), "defined": view.defined,
                             "timeline": timeline, "actions": actions})
    for action in actions:
        if action["status"] == "open" and action["due"] and action["due"] <= soon:
            journey["open"].append({"kind": "action", "overdue": action["overdue"], "sort": action["due"],
                                    "text": action["text"], "due_text": action["due_text"], "where": title})
    upcoming = next((row for row in timeline if row["state"] in ENTRY_OPEN_STATES + ("upcoming",)), None)
    if upcoming is not None:
        state = upcoming["state"]
        journey["open"].append({"kind": "entry_" + state, "overdue": state == "overdue", "sort": upcoming["date"] or "9999",
                                "text": upcoming["theme"], "number": upcoming["number"],
                                "due_text": upcoming["date_text"], "where": title})


def _add_round(journey, other, identity, now):
    view = other.participant_round(identity, now)
    if view is None:
        journey["rounds"].append({"title": _title(other), "group": None})
        return
    labels = {p["key"]: p["label"] for p in view["prompts"]}
    given = [{"to": item["name"], "answers": [{"label": labels.get(key, key), "text": text}
                                              for key, text in item["answers"].items() if text]}
             for item in view["to_review"] if item["given"]]
    owed = [item["name"] for item in view["to_review"] if item["has_update"] and not item["given"]]
    dues = other.due_texts()
    journey["rounds"].append({
        "title": _title(other), "group": view["group"]["name"], "anonymous": view["anonymous"],
        "my_update": view["my_update"], "given": given, "received": view["received"],
        "released": view["released"], "actions": view["actions"], "owed": owed,
    })
    feedback_due, update_due = other.due_of("feedback_due"), other.due_of("update_due")
    if owed:
        journey["open"].append({"kind": "feedback", "overdue": _past(feedback_due, now), "sort": _sort(feedback_due),
                                "names": owed, "due_text": dues["feedback_due"], "where": _title(other)})
    if not view["my_update"]:
        journey["open"].append({"kind": "update", "overdue": _past(update_due, now), "sort": _sort(update_due),
                                "due_text": dues["update_due"], "where": _title(other)})


def _past(due, now):
    return due is not None and due < now


def _sort(due):
    return due.date().isoformat() if due is not None else "9999"


def _add_dilemma(journey, other, identity):
    positions = other.own_positions(identity)
    if positions:
        journey["dilemmas"].append({"title": _title(other), "rounds": positions})


def _add_scan(journey, other, identity):
    found = other.results_over_time(identity)
    if found["results"]:
        results = [{**r, "date_text": other.date_text(r["submitted_at"]) if r["submitted_at"] else ""}
                   for r in found["results"]]
        journey["scans"].append({"title": _title(other), "points": found["points"], "results": results,
                                 "reflection": found["reflection"]})
