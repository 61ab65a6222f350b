"""What a participant shared of their case with their group, for other blocks.

    from leergang_xblocks.case.sharing import shared_case_summary
    shared_case_summary(course_id, anonymous_id)
    # -> {"title", "summary", "latest_entry", "shared_at"} or None

The feedback rounds block prefills an update from it. It needs no block: it
reads this participant's own case records in the course (one query), and for a
team case the team's records (one more). Never anything of other participants
beyond that team. None when the participant has no case or has not shared it
(the default is private).
"""
from submissions.models import Submission

from .model import CaseView, as_event
from .stores import CASE_TYPE, TEAM_TYPE

SUMMARY_LENGTH = 600


def _rows(**filters):
    return (Submission.objects.filter(**filters).order_by("submitted_at", "id")
            .values_list("student_item__student_id", "student_item__item_id", "submitted_at", "answer"))


def shared_case_summary(course_id, anonymous_id, case_key=None):
    """The shared summary of this participant's case in `course_id`, or None.

    With several case keys in a course (rare), the case they shared most
    recently counts, unless `case_key` names one.
    """
    if not anonymous_id:
        return None
    by_item = {}
    for _author, item_id, at, answer in _rows(student_item__student_id=anonymous_id,
                                              student_item__course_id=str(course_id),
                                              student_item__item_type=CASE_TYPE):
        if case_key and item_id != f"leergang:case:{case_key}":
            continue
        if isinstance(answer, dict):
            by_item.setdefault(item_id, []).append(as_event(anonymous_id, at, answer))
    shared = [(CaseView.fold(events), item_id) for item_id, events in by_item.items()]
    shared = [(view, item_id) for view, item_id in shared if view.shared]
    if not shared:
        return None
    view, item_id = max(shared, key=lambda pair: str(pair[0].shared_at))
    if not view.defined:
        view = _team_view(course_id, anonymous_id, item_id, view) or view
    return summary_of(view)


def _team_view(course_id, anonymous_id, base, personal_view):
    """The team case of the team this participant last wrote in (their own rows say which)."""
    own_team_rows = list(Submission.objects.filter(
        student_item__student_id=anonymous_id, student_item__course_id=str(course_id),
        student_item__item_type=TEAM_TYPE, student_item__item_id__startswith=base + "#group:")
        .order_by("-submitted_at", "-id").values_list("student_item__item_id", flat=True)[:1])
    if not own_team_rows:
        return None
    events = [as_event(author, at, answer) for author, _item, at, answer in _rows(
        student_item__item_id=own_team_rows[0], student_item__course_id=str(course_id),
        student_item__item_type=TEAM_TYPE) if isinstance(answer, dict)]
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
        latest = {
            "session": entry.data.get("session"),
            "written_at": entry.at.isoformat() if hasattr(entry.at, "isoformat") else str(entry.at),
            "text": _short("\n".join(parts.get(key, "") for key in ("done", "effects", "obstacles", "gained")
                                     if parts.get(key))),
            "actions": [a.get("text", "") for a in entry.data.get("actions", [])],
        }
    shared_at = view.shared_at
    return {"title": view.title, "summary": summary, "latest_entry": latest,
            "shared_at": shared_at.isoformat() if hasattr(shared_at, "isoformat") else str(shared_at)}
