"""Reading the programme: one row per participant and one per group, from what each
block already reads for its own staff view.

Nothing is derived twice. Each kind of block is read by the reader its own staff
view uses, once per block (not per participant):

- the case: `CaseBlock.overview_rows` (case/staff.py), of the first copy of each case
  key in course order (a course may have several: a personal case and a team case),
  each its own set of columns: the summary row each participant write leaves, the staff
  records' summary (case/staff_summary.py) and the roster, three streamed reads per case key;
- feedback rounds: `all_groups_records` (core/group_records_staff.py) and
  `round_view.progress`, as `FeedbackStaffMixin.staff_overview_data` reads them;
- dilemmas and trust scans: the artefact copies, one aggregate query per kind for every
  block of that kind: in which dilemmas (stores.api.artefacts.per_participant), how many
  scans and the first and last moment (`span_per_participant`, a row per participant).
  No answer, reason or score is read: the overview shows none;
- groups and mentors: the group source of the first block that works in groups
  (core/groups.py, core/mentor_store.py), as every block's staff tools read it.

So the queries grow with the number of blocks, never with the number of participants
(tests/perf/test_programme_query_counts.py). One participant's detail (`build_participant`)
reads the same things for that participant only: their group, `CaseBlock.overview_row`,
their group's records in each round, their copies; it builds the row `build` builds.
"""
from dataclasses import dataclass, field

from django.utils import timezone

from ..core import platform
from ..core.collection import cycle_collection_paused
from ..core.group_records_staff import all_groups_records
from ..stores.api import artefacts, participants

CASE_ABSENT = "absent"
BEHIND = ("absent", "overdue_actions", "update_late", "feedback_late")


@dataclass
class Overview:
    sessions: list = field(default_factory=list)      # the first case's sessions: number, date, theme
    awards: bool = False                               # the first case awards a status (show_outcome)
    has_case: bool = False
    cases: list = field(default_factory=list)         # [{"key", "title", "sessions", "awards"}] per case key
    rounds: list = field(default_factory=list)        # [{"id", "title"}] in course order
    dialogues: list = field(default_factory=list)
    scans: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    groups: list = field(default_factory=list)


def _first_case_per_key(cases):
    seen, first = set(), []
    for case in cases:
        if case.case_key not in seen:
            seen.add(case.case_key)
            first.append(case)
    return first


def round_progress(block, now):
    """{anonymous id: progress} of one feedback round, as its staff overview reads it."""
    from ..feedback_round import round_view
    from ..feedback_round.block import ITEM_TYPE
    from ..feedback_round.round_view import KIND_UPDATE, RoundRecords

    # Only what `progress` reads of each record (RoundRecords.of: kind, to, feedback; a
    # reply's helpful; an update's time): the feedback's texts were most of this read at
    # 6,000 participants, every record's time a sixth of the overview at 10,000.
    by_group = all_groups_records(platform.course_id(block), platform.item_id(block), ITEM_TYPE,
                                  text_keys=("kind", "to"), value_keys=("feedback", "helpful"),
                                  times_of_kinds=(KIND_UPDATE,))
    progress = {}
    for group in block.group_source.all_groups():
        progress.update(round_view.progress(block, group, RoundRecords.of(by_group.get(group.id, [])), now))
    return progress


def round_progress_of(block, anonymous_id, now):
    """One participant's progress in one feedback round (None when in no group of it),
    from their group's records only, as the round's staff view reads one group."""
    from ..feedback_round import round_view
    from ..feedback_round.round_view import RoundRecords

    group = block.group_source.group_of(_identity(anonymous_id))
    if group is None:
        return None
    latest = RoundRecords.of(block._records().of_group(group))  # noqa: SLF001 - the round's own reader
    return round_view.progress(block, group, latest, now).get(anonymous_id)


def _taken_part(course_id, item_type, blocks, anonymous_id=None, times=True):
    """{anonymous id: [(block index, copies, first, last)]} of the blocks of one kind
    (of one participant's copies only, with `anonymous_id`; first and last None
    without `times`: the dilemmas' column shows neither)."""
    ids = [platform.item_id(b) for b in blocks]
    index = {item: n for n, item in enumerate(ids)}
    found = {}
    copies_of = artefacts.per_participant(course_id, item_type, ids, anonymous_id=anonymous_id, times=times)
    for (item, aid), (copies, first, last) in copies_of.items():
        found.setdefault(aid, []).append((index[item], copies, first, last))
    return found


def _described(found):
    """The overview's columns (the cases with their sessions, rounds, dilemmas, scans) and
    the cases it reads: the first block of each case key, in course order."""
    overview = Overview()
    cases = _first_case_per_key(found.cases)
    overview.cases = [{"key": case.case_key, "title": case.shown_display_name, "awards": bool(case.show_outcome),
                       "sessions": [{"number": s.number, "date": s.date, "theme": case.localized(s.theme)}
                                    for s in case.sessions]} for case in cases]
    if cases:
        # The first case's sessions are the programme's: the session filter and the groups' attendance.
        overview.has_case, overview.awards = True, overview.cases[0]["awards"]
        overview.sessions = overview.cases[0]["sessions"]
    overview.rounds = [{"id": platform.item_id(b), "title": b.shown_display_name} for b in found.rounds]
    overview.dialogues = [{"id": platform.item_id(b), "title": b.shown_display_name} for b in found.dialogues]
    overview.scans = [{"id": platform.item_id(b), "title": b.shown_display_name} for b in found.scans]
    return overview, cases


def _mentor_ids(mentor_version):
    return {aid for aids in mentor_version.by_group.values() for aid in aids} if mentor_version is not None else set()


def build(programme, found, with_names=True, now=None):
    """The overview of the course `found` (course_blocks.CourseBlocks) describes, built
    with the cycle collector paused (core/collection.py: half the time at 10,000)."""
    with cycle_collection_paused():
        return _build(programme, found, with_names, now)


def _build(programme, found, with_names, now):
    from ..dialogue.records import OWN_ITEM_TYPE as DIALOGUE_TYPE
    from ..trust_scan.block import ITEM_TYPE as SCAN_TYPE

    now = now or timezone.now()
    course_id = platform.course_id(programme)
    group_block = found.group_block()
    source = group_block.group_source if group_block is not None else None
    groups = source.all_groups() if source is not None else []
    mentor_version = source.mentor_store.latest() if source is not None else None
    group_of = {m.anonymous_id: g for g in groups for m in g.members}
    mentor_ids = _mentor_ids(mentor_version)

    overview, cases = _described(found)
    case_rows = [{r["id"]: r for r in case.overview_rows(with_names=False)} for case in cases]
    progress = [round_progress(b, now) for b in found.rounds]
    dilemmas = _taken_part(course_id, DIALOGUE_TYPE, found.dialogues, times=False)
    scans = artefacts.span_per_participant(course_id, SCAN_TYPE, [platform.item_id(b) for b in found.scans])

    people = set(group_of) | set(dilemmas) | set(scans)
    for per_case in case_rows:
        people |= set(per_case)
    for per_round in progress:
        people |= set(per_round)
    if source is not None and source.managed_here:
        people |= set(source.store.roster_ids())
    people -= mentor_ids
    names = participants.names(course_id) if with_names else None
    rows = [_participant_row(aid, names, group_of, mentor_version, [c.get(aid) for c in case_rows], overview,
                             [p.get(aid) for p in progress], dilemmas.get(aid, []), scans.get(aid))
            for aid in people]
    rows.sort(key=lambda r: ((r["name"] or r["id"]).casefold(), r["id"]))
    overview.participants = rows
    overview.groups = group_rows(rows, groups, overview)
    return overview


def build_participant(programme, found, anonymous_id, now=None):
    """(overview, row) of one participant, the row `build` makes for them (row None when
    the programme does not know them), read for them only: their group and its mentors,
    their case row, their group's records in each round, their copies in each dilemma and
    scan. The overview has the columns and no rows. The same queries at 20 and at 10,000
    participants (tests/perf/test_programme_query_counts.py)."""
    from ..dialogue.records import OWN_ITEM_TYPE as DIALOGUE_TYPE
    from ..trust_scan.block import ITEM_TYPE as SCAN_TYPE

    now = now or timezone.now()
    course_id = platform.course_id(programme)
    overview, cases = _described(found)
    group_block = found.group_block()
    source = group_block.group_source if group_block is not None else None
    mentor_version = source.mentor_store.latest() if source is not None else None
    if anonymous_id in _mentor_ids(mentor_version):
        return overview, None
    group = source.group_of(_identity(anonymous_id)) if source is not None else None
    case_rows = [case.overview_row(anonymous_id) for case in cases]
    progress = [round_progress_of(b, anonymous_id, now) for b in found.rounds]
    dilemmas = _taken_part(course_id, DIALOGUE_TYPE, found.dialogues, anonymous_id, times=False).get(anonymous_id, [])
    scans = artefacts.span_per_participant(course_id, SCAN_TYPE, [platform.item_id(b) for b in found.scans],
                                           anonymous_id)
    known = (group is not None or any(r is not None for r in case_rows) or dilemmas or scans
             or any(p is not None for p in progress)
             or (source is not None and source.managed_here and source.store.is_registered(anonymous_id)))
    if not known:
        return overview, None
    names = participants.names(course_id, [anonymous_id])
    group_of = {anonymous_id: group} if group is not None else {}
    return overview, _participant_row(anonymous_id, names, group_of, mentor_version, case_rows, overview, progress,
                                      dilemmas, scans.get(anonymous_id))


def _identity(anonymous_id):
    return platform.Identity(anonymous_id, None, "", False)


def _case_cell(case_row, case):
    """One participant's columns of one case (`case`: an entry of Overview.cases)."""
    case_row = case_row or {}
    numbers = [s["number"] for s in case["sessions"]]
    attendance = {n: (case_row.get("attendance") or {}).get(n) for n in numbers}
    entries = {n: int((case_row.get("entries") or {}).get(n, 0)) for n in numbers}
    return {"attendance": attendance, "attended": sum(1 for v in attendance.values() if v),
            "case_title": case_row.get("title", ""), "last_entry_at": case_row.get("last_entry_at", ""),
            "entries": entries, "entry_total": sum(entries.values()),
            "open_actions": case_row.get("open_actions", 0), "overdue_actions": case_row.get("overdue_actions", 0),
            "paper_status": case_row.get("paper_status", "missing"), "readers_in": case_row.get("readers_in"),
            "presented": case_row.get("presented"),
            "status": case_row.get("status", "") if case["awards"] else ""}


NO_CASE = {"attendance": {}, "attended": 0, "case_title": "", "last_entry_at": "", "entries": {}, "entry_total": 0,
           "open_actions": 0, "overdue_actions": 0, "paper_status": "", "readers_in": None, "presented": None,
           "status": ""}


def _participant_row(aid, names, group_of, mentor_version, case_rows, overview, rounds, dilemmas, scans):
    username, full_name = (names or {}).get(aid, ("", ""))
    group = group_of.get(aid)
    # The name the group set knows them by (as every block's staff view shows it), else the platform's.
    known = next((m.display_name for m in group.members if m.anonymous_id == aid), "") if group is not None else ""
    mentors = mentor_version.mentors_of(group.id) if (group is not None and mentor_version) else ()
    case_cells = [_case_cell(case_row, case) for case_row, case in zip(case_rows, overview.cases)]
    round_cells = [{"posted": bool(p and p["posted"]), "owes": p["owes"] if p else 0, "gave": p["gave"] if p else 0,
                    "received": p["received"] if p else 0, "helpfulness": p["helpfulness"] if p else None,
                    "behind": list(p["behind"]) if p else [], "in_round": p is not None} for p in rounds]
    rated = [c["helpfulness"] for c in round_cells if c["helpfulness"] is not None]
    row = {
        "id": aid, "name": (known or full_name or username or "") if names is not None else "",
        "group": group.name if group is not None else "",
        "group_id": group.id if group is not None else "", "mentors": [m.display_name for m in mentors],
        # The first case's columns at the top level (the programme's sessions, as before);
        # every case's, the first included, in "cases".
        **(case_cells[0] if case_cells else NO_CASE), "cases": case_cells,
        "rounds": round_cells, "posted": sum(1 for c in round_cells if c["posted"]),
        "owes": sum(c["owes"] for c in round_cells), "gave": sum(c["gave"] for c in round_cells),
        "received": sum(c["received"] for c in round_cells),
        "helpfulness": round(sum(rated) / len(rated), 2) if rated else None,
        "dilemmas": sorted(index for index, *_rest in dilemmas),
        # (scans done, first, last): stores.api.artefacts.span_per_participant
        "scans_done": scans[0] if scans else 0,
        "scan_first": _iso(scans[1]) if scans else None, "scan_last": _iso(scans[2]) if scans else None,
    }
    row["behind"] = behind_codes(row)
    return row


def _iso(moment):
    return moment.isoformat() if moment is not None else None


def behind_codes(row):
    """What a participant is behind in (the filter "behind in anything"): absent at a
    session staff recorded, an action past its date, an update or feedback past the
    round's due date. Work that is not due yet is not "behind"."""
    codes = []
    if any(value is False for cell in row["cases"] for value in cell["attendance"].values()):
        codes.append("absent")
    if any(cell["overdue_actions"] for cell in row["cases"]):
        codes.append("overdue_actions")
    late = {b for c in row["rounds"] for b in c["behind"]}
    if "update_overdue" in late:
        codes.append("update_late")
    if "feedback_overdue" in late:
        codes.append("feedback_late")
    return codes


def _group_case_cell(cells, case):
    """A group's columns of one case: its members' `cells` of that case summed."""
    numbers = [s["number"] for s in case["sessions"]]
    return {"present": {n: sum(1 for c in cells if c["attendance"][n]) for n in numbers},
            "entries": {n: sum(c["entries"][n] for c in cells) for n in numbers},
            **{key: sum(c[key] for c in cells) for key in ("entry_total", "open_actions", "overdue_actions")},
            "papers": sum(1 for c in cells if c["paper_status"] not in ("", "missing")),
            "presented": sum(1 for c in cells if c["presented"])}


def group_rows(rows, groups, overview):
    """One row per group: the participant figures summed (helpfulness: the mean of the
    members' means), in the groups' own order; participants in no group last. The case
    figures per case key in "cases"; the first case's also at the top level."""
    by_group = {}
    for row in rows:
        by_group.setdefault(row["group_id"], []).append(row)
    result = []
    for group_id, name in [(g.id, g.name) for g in groups] + [("", "")]:
        members = by_group.get(group_id, [])
        if not members and not group_id:
            continue
        rated = [r["helpfulness"] for r in members if r["helpfulness"] is not None]
        cases = [_group_case_cell([r["cases"][index] for r in members], case)
                 for index, case in enumerate(overview.cases)]
        first = cases[0] if cases else {"present": {}, "entries": {}, "entry_total": 0, "open_actions": 0,
                                        "overdue_actions": 0, "papers": 0, "presented": 0}
        result.append({
            "id": group_id, "name": name, "size": len(members), **first, "cases": cases,
            **{key: sum(r[key] for r in members) for key in ("posted", "owes", "gave", "received", "scans_done")},
            "helpfulness": round(sum(rated) / len(rated), 2) if rated else None,
            "dilemmas": sum(len(r["dilemmas"]) for r in members),
            "behind": sum(1 for r in members if r["behind"]),
        })
    return result
