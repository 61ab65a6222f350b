"""What staff recorded about each participant, in one small row per participant.

The staff overview and the programme overview show, of the staff records, only the
attendance per session, whether the participant presented (and whether that was
recorded at all), each paper version's newest assessment and who read it. Reading every staff
record of every participant for that was the largest part of the programme overview
at 10,000 participants (70,000 records read, decoded and folded). So every staff
write also appends the participant's staff summary (`StaffNotes`), folded from
that participant's staff records in the same call, under the same lock as the
record itself: a cost per participant written about, never per cohort. The
overviews read the newest summary per participant: one row each.

The summary is append-only like the participant's own summary row (case/stores.py
`summary`), lives in the package's own table (stores.api.notes, a ParticipantNote
of its own item type) and goes with the staff records: the staff removal tool
clears both, erasure removes every note about the participant.
"""
from .model import CaseView

STAFF_SUMMARY_TYPE = "leergang_case_staff_summary"
STAFF_SUMMARY_SUFFIX = "#staff-summary"
_CHUNK = 500   # participants per read when a cohort is written at once (one IN list each)


def summary_of(view):
    """The compact form of a participant's folded staff records (`view`: a CaseView)."""
    return {"attendance": [[session, event.data.get("present")] for session, event in view.attendance.items()],
            "presented": [bool(event.data.get("presented")) for event in view.presented_events[-1:]],
            "assessments": _newest_per_paper(view.assessments),
            # Who read which paper version (a second reader's case): the overviews say
            # how far an assessment is ("1 of 2 readers", case/paper_progress.py).
            "readers": _readers_per_paper(view.readings)}


def _readers_per_paper(readings):
    readers = {}
    for event in readings:
        by = event.data.get("by", "")
        kept = readers.setdefault(event.data.get("paper"), [])
        if by not in kept:
            kept.append(by)
    return [[paper, by] for paper, by in readers.items()]


def _newest_per_paper(assessments):
    newest = {}
    for event in assessments:
        newest[event.data.get("paper")] = event.data.get("result")
    return [[paper, result] for paper, result in newest.items()]


def view_of(summary):
    """A CaseView answering `attended`, `presented`, `paper_status` (once the paper is
    set) and `outcome` from what `summary_of` kept, as the full fold answers them."""
    return _SummaryView(summary)


class _SummaryView(CaseView):
    """The folded staff records as the summary keeps them: the attendance read from one
    dict (no event per session: 60,000 objects at 10,000 participants), the newest
    "presented" record, each paper version's newest assessment."""

    def __init__(self, summary):
        super().__init__()
        self._present = dict(summary.get("attendance", ()))
        presented = summary.get("presented", [])
        self._presented = bool(presented and presented[-1])
        self.presented_events = [True] * len(presented)   # `outcome` asks only whether one was recorded
        self.assessments = [_Kept({"paper": paper, "result": result})
                            for paper, result in summary.get("assessments", [])]
        self.readings = [_Kept({"paper": paper, "by": by})
                         for paper, readers in summary.get("readers", []) for by in readers]

    def attended(self, session_number):
        value = self._present.get(session_number)
        return None if value is None else bool(value)

    @property
    def presented(self):
        return self._presented


class _Kept:
    """A stand-in for an Event of which only `data` is read (`paper_assessment`)."""
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data


class StaffNotes:
    """The case's staff records (core NoteStore) with each participant's staff summary
    beside them: every append refreshes the summary of the participants it is about."""

    def __init__(self, records, summaries, participant_lock, summaries_lock):
        self.records = records
        self.summaries = summaries
        # aid -> the participant's course-level case lock (the one their own writes and
        # the attendance grid take; taking it again in the same transaction does not wait)
        self.participant_lock = participant_lock
        # The case's staff summaries as a whole: every staff write takes it (after the
        # participant's lock, never before), so a cohort's attendance saved by one
        # staff member and a single record saved by another at the same moment fold
        # each other's records in turn instead of each appending a summary without the
        # other's. Staff writes are few; participants' own writes never take it.
        self.summaries_lock = summaries_lock

    def __getattr__(self, name):
        # Every read (history, all_data, who_has, items, ...) is the records' own.
        return getattr(self.records, name)

    def append(self, anonymous_id, data, attempt):
        # Under the participant's case lock, so two staff recording about them at the
        # same moment each fold the other's record in, in turn.
        with self.participant_lock(anonymous_id), self.summaries_lock():
            written = self.records.append(anonymous_id, data, attempt)
            self.refresh([anonymous_id])
        return written

    def append_many(self, data_by_participant):
        with self.summaries_lock():
            self.records.append_many(data_by_participant)
            self.refresh(list(data_by_participant))

    def clear(self, anonymous_id):
        self.records.clear(anonymous_id)
        self.summaries.clear(anonymous_id)

    def refresh(self, anonymous_ids):
        """Fold these participants' staff records again and append their summaries."""
        ids = sorted(set(anonymous_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            views = CaseView.fold_per_participant(self.records.all_data(anonymous_ids=chunk))
            summaries = {aid: summary_of(views[aid]) for aid in chunk if aid in views}
            if len(summaries) == 1:
                (aid, summary), = summaries.items()
                self.summaries.append(aid, summary, 1)
            elif summaries:
                self.summaries.append_many(summaries)

    def views(self, anonymous_ids=None):
        """{anonymous id: CaseView} from each participant's newest staff summary (of
        `anonymous_ids` only, when given): one streamed read of one row per participant."""
        return {aid: view_of(data)
                for aid, _row_id, data in self.summaries.all_data(newest_only=True, anonymous_ids=anonymous_ids)}

