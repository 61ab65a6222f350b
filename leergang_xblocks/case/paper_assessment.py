"""Staff assess the newest version of the final paper: by a rubric when the author
wrote one (a level per criterion, with feedback), else sufficient or insufficient;
and with a second reader when the author asked for one.

One reader: their assessment is the verdict (a newer one replaces it).
Two readers: each assessment is a `reading` (a staff record the participant
never sees); the first two staff members who assess a version are its readers,
and each may revise theirs until both are in. Neither sees the other's reading
before then (nor does other staff). With both in, the author's rule
(rubric.combined) makes the verdict, an `assessment`; under "a third reader
decides" a difference waits for staff, who then see both and decide. The
verdict is what the participant sees and what the diploma rule and the score use.

Each assessment is written under the participant's course-level case lock (for a
team case: every member's, in sorted order), so two readers saving at the same
moment are taken one after the other and the second sees the first.
"""
import contextlib

from ..core.course_records import course_write
from ..core.handlers import Choice, HandlerError, Int, ListOf, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy
from . import rubric
from .staff import MAX_COMMENT, PARTICIPANT, _staff_identity

FEEDBACK = Str(MAX_COMMENT, multiline=True)


class PaperAssessmentMixin:
    """Assessing the final paper (mixed into CaseBlock through PaperMixin)."""

    @json_handler(Object({"participant": PARTICIPANT, "paper": Str(40, min_length=1),
                          "result": Optional(Choice("sufficient", "insufficient"), None),
                          "levels": Optional(ListOf(Int(0, rubric.MAX_LEVELS - 1), rubric.MAX_CRITERIA), []),
                          "criteria_feedback": Optional(ListOf(FEEDBACK, rubric.MAX_CRITERIA), []),
                          "feedback": Optional(FEEDBACK, "")}), staff_only=True, writes=True)
    def assess_paper(self, data, identity):
        """Assess the newest version of the final paper; the score follows when scoring is on."""
        self._refuse_unknown_participants([data["participant"]])
        verdict = self._checked_verdict(data)
        members = self._team_members(data["participant"])
        with contextlib.ExitStack() as held:
            for aid in sorted(members):
                held.enter_context(course_write(self, _staff_identity(aid), self._stores().base))
            view, _group = self._participant_case(data["participant"])
            if view.paper is None:
                raise HandlerError(409, "no_paper", _("This participant has not handed in a paper."))
            if view.paper.id != data["paper"]:
                raise HandlerError(409, "stale_paper", _("A newer version of this paper was handed in. "
                                                         "Read it before you assess."))
            verdict = {"paper": data["paper"], **verdict}
            if not self.second_reader:
                final = verdict
            else:
                final = self._read(identity, data["participant"], view, members, verdict)
            if final is not None:
                for aid in members:
                    self._staff_append(identity, aid, {"kind": "assessment", **final})
                for aid in sorted(members):
                    self._update_score_for(aid, identity)
        self.publish_event("paper_assessed", {"result": verdict["result"], "final": final is not None})
        return {"saved": True, "final": final is not None,
                "html": self._staff_case_html(data["participant"], "staff")}

    def _checked_verdict(self, data):
        criteria = self.rubric_criteria
        feedback = tidy(data["feedback"])
        notes = [tidy(text) for text in data["criteria_feedback"]]
        if criteria:
            levels = data["levels"]
            if len(levels) != len(criteria) or any(level >= len(c["levels"]) for c, level in zip(criteria, levels)):
                raise HandlerError(400, "levels_required", _("Choose a level for every criterion."), field="levels")
            if len(notes) > len(criteria):
                raise HandlerError(400, "levels_required", _("Choose a level for every criterion."), field="levels")
            result = rubric.result_of(criteria, levels)
        else:
            levels, notes = [], []
            result = data["result"]
            if result is None:
                raise HandlerError(400, "result_required", _("Choose sufficient or insufficient."), field="result")
        if result == "insufficient" and not feedback and not any(notes):
            raise HandlerError(400, "feedback_required", _("Say what is needed for a sufficient paper."),
                               field="feedback")
        return {"result": result, "levels": levels, "feedback": feedback,
                "criteria_feedback": notes + [""] * (len(levels) - len(notes)),
                "criteria": [c["name"] for c in criteria], "level_names": _level_names(criteria, levels)}

    def _read(self, identity, participant, view, members, verdict):
        """A reading by one of the two readers, or the third reader's decision. Returns the
        verdict once there is one, else None."""
        readings = view.paper_readings()
        me = identity.anonymous_id or ""
        if len(readings) >= 2:
            if view.paper_assessment is None and self.reader_rule == "third_reader":
                return {**verdict, "decided": True, "readings": [r.id for r in readings]}
            raise HandlerError(409, "assessment_closed", _("Both readers have assessed this version: their verdict "
                                                           "is final. A new version can be assessed again."))
        for aid in members:
            self._staff_append(identity, aid, {"kind": "reading", **verdict})
        view, _group = self._participant_case(participant)
        readings = view.paper_readings()
        if len(readings) < 2 or me not in {r.data.get("by") for r in readings}:
            return None
        first, second = readings[0].data, readings[1].data
        combined = rubric.combined(self.reader_rule, self.rubric_criteria, first, second)
        if combined is None:
            return None
        return {**verdict, **combined, "level_names": _level_names(self.rubric_criteria, combined["levels"]),
                "feedback": _joined(first.get("feedback"), second.get("feedback")),
                "criteria_feedback": [_joined(a, b) for a, b in zip(first.get("criteria_feedback", []),
                                                                    second.get("criteria_feedback", []))],
                "readings": [r.id for r in readings]}

    # --- What each person sees -----------------------------------------------------------

    def verdict_context(self, assessment):
        """The final verdict as the participant (and staff) see it: result, each criterion's level, feedback."""
        if assessment is None:
            return None
        data = assessment.data
        criteria = data.get("criteria") or []
        names = data.get("level_names") or []
        notes = data.get("criteria_feedback") or []
        rows = [{"criterion": self.localized(name), "level": self.localized(names[index]) if index < len(names)
                 else "", "feedback": notes[index] if index < len(notes) else ""}
                for index, name in enumerate(criteria)]
        return {"result": data.get("result"), "feedback": data.get("feedback", ""), "at": assessment.at,
                "criteria": rows, "decided": bool(data.get("decided"))}

    def _criteria_or_none(self):
        try:
            return self.rubric_criteria
        except HandlerError:
            return []

    def reading_context(self, view, viewer):
        """The staff case view's assessment part for `viewer`: the rubric form, and the readings
        they may see (their own; both once both are in)."""
        criteria = self._criteria_or_none()
        readings = view.paper_readings() if self.second_reader else []
        me = viewer.anonymous_id or ""
        both_in = len(readings) >= 2
        final = view.paper_assessment
        mine = next((r for r in readings if r.data.get("by") == me), None)
        own = mine or (final if not self.second_reader else None)
        shown = readings if both_in else ([mine] if mine else [])
        if not self.second_reader:
            state = "single"
        elif both_in:
            state = "final" if final is not None else "decide"
        else:
            state = "waiting" if readings else "open"
        return {
            "state": state, "rule": self.reader_rule, "second_reader": self.second_reader,
            "readers_in": len(readings), "can_assess": state != "final",
            "criteria": [{"index": i, "name": self.localized(c["name"]),
                          "levels": [{"value": n, "label": self.localized(level),
                                      "checked": own is not None and n == _level_of(own, i)}
                                     for n, level in enumerate(c["levels"])],
                          "feedback": _note_of(own, i)} for i, c in enumerate(criteria)],
            "result": own.data.get("result") if own is not None and not criteria else "",
            "feedback": own.data.get("feedback", "") if own is not None else "",
            "readings": [{"by": r.data.get("by_name") or r.data.get("by", ""), "mine": r is mine,
                          **self.verdict_context(r)} for r in shown],
            "verdict": self.verdict_context(final),
        }


def _level_of(event, index):
    levels = event.data.get("levels") or []
    return levels[index] if index < len(levels) else None


def _note_of(event, index):
    notes = (event.data.get("criteria_feedback") or []) if event is not None else []
    return notes[index] if index < len(notes) else ""


def shown_to_participant(staff_records):
    """Staff records about a participant as their own data download gives them: a reading
    only once its paper version has its verdict (before that, the readers are still apart)."""
    decided = {r.data.get("paper") for r in staff_records if r.data.get("kind") == "assessment"}
    return [r for r in staff_records if r.data.get("kind") != "reading" or r.data.get("paper") in decided]


def _level_names(criteria, levels):
    """The chosen level of each criterion in both languages, kept with the verdict, so it reads
    the same in every copy of the case and after the author changes the rubric."""
    return [c["levels"][level] for c, level in zip(criteria, levels)]


def _joined(*texts):
    return "\n\n".join(text for text in texts if text)
