"""What a participant shared of their case with their group, for other blocks.

    from leergang_xblocks.case.sharing import shared_case_summary
    shared_case_summary(course_id, anonymous_id)
    # -> {"title", "summary", "latest_entry", "shared_at"} or None

The feedback rounds block prefills an update from it. It needs no block: it
finds the participant's cases in the course from their overview rows (one
query on the package's own table), reads their own case records of each
(edx-submissions, through its API), and for a team case the team's records.
Never anything of other participants beyond that team. None when the participant has no case or has not shared it
(the default is private).
"""
from ..core import groups
from ..core.course_records import CourseGroupRecords
from ..core.storage import NoteStore, RecordStore
from .model import CaseView, as_event
from .stores import CASE_TYPE, SUMMARY_SUFFIX, SUMMARY_TYPE, TEAM_TYPE, case_base

SUMMARY_LENGTH = 600


def shared_case_summary(course_id, anonymous_id, case_key=None, block=None):
    """The shared summary of this participant's case in `course_id`, or None.

    With several case keys in a course (rare), the case they shared most
    recently counts, unless `case_key` names one. `block` (the asking block) lets
    a team on the platform's teams be found, and names the group source when the
    participant never wrote in a team.
    """
    if not anonymous_id:
        return None
    course_id = str(course_id)
    if case_key:
        bases = [case_base(case_key)]
    else:  # the cases they wrote in: an overview row is written with every case write
        every_case = NoteStore(None, SUMMARY_TYPE, item_id=case_base(""), course_id=course_id,
                              read_prefix=case_base(""))
        bases = [item_id[:-len(SUMMARY_SUFFIX)] for item_id in every_case.items(anonymous_id)
                 if item_id.endswith(SUMMARY_SUFFIX)]
    by_item = {}
    for base in filter(None, bases):
        for record in RecordStore(None, CASE_TYPE, item_id=base, course_id=course_id).history(anonymous_id):
            if isinstance(record.data, dict):
                by_item.setdefault(base, []).append(as_event(anonymous_id, record.submitted_at, record.data))
    shared = [(CaseView.fold(events), item_id) for item_id, events in by_item.items()]
    shared = [(view, item_id) for view, item_id in shared if view.shared]
    if not shared:
        return None
    view, item_id = max(shared, key=lambda pair: str(pair[0].shared_at))
    if not view.defined:
        view = _team_view(course_id, anonymous_id, item_id, view, block) or view
    return summary_of(view)


def _team_view(course_id, anonymous_id, base, personal_view, block=None):
    """The team case of the team this participant is in now: after a move, the new
    team's, never the old one's (core's `visible_group()` decides, as for the case
    tracker's own reads). Their own rows name the group source the case uses."""
    own = CourseGroupRecords.reader(course_id, base, TEAM_TYPE).own(anonymous_id)
    if own:
        newest = max(own, key=lambda record: (str(record.submitted_at), record.id))
        source = groups.source_of_group_id(block, course_id, newest.group_id)
    else:
        source = groups.for_block(block) if block is not None else None
    if source is None:
        return None
    team = CourseGroupRecords.reader(course_id, base, TEAM_TYPE, source=source)
    group = team.current_group(anonymous_id)
    if group is None:
        return None
    events = [as_event(record.author_id, record.submitted_at, record.data)
              for record in team.of_group(group) if isinstance(record.data, dict)]
    return CaseView.fold(events, personal_view.personal + personal_view.share_events)


def _short(text, limit=SUMMARY_LENGTH):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def summary_of(view):
    fields = view.fields
    summary = "\n".join(_short(fields.get(key, ""), 300) for key in ("purpose", "problem", "result")
                        if fields.get(key))
    entry = view.latest_entry
    latest = None
    if entry is not None:
        parts = entry.data.get("parts", {})
        # One structure per entry: the parts where the template asks for them, else the
        # reflection steps, in the order they were written.
        texts = [parts.get(key, "") for key in ("done", "effects", "obstacles", "gained") if parts.get(key)] \
            or [text for text in entry.data.get("reflection", {}).values() if text]
        latest = {
            "session": entry.data.get("session"),
            "written_at": entry.at.isoformat() if hasattr(entry.at, "isoformat") else str(entry.at),
            "text": _short("\n".join(texts)),
            "actions": [a.get("text", "") for a in entry.data.get("actions", [])],
        }
    shared_at = view.shared_at
    return {"title": view.title, "summary": summary, "latest_entry": latest,
            "shared_at": shared_at.isoformat() if hasattr(shared_at, "isoformat") else str(shared_at)}
