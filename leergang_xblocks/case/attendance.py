"""The staff overview's grid save: attendance per cell (present, absent, not recorded)
and "presented", in one explicit save of exactly the cells staff changed.

Why a save of changed cells and not of a session's column: the overview's old form
sent the column of the one session chosen under the table, ticked or not, for every
row including those the filter hid, and dropped the ticks in other columns (issue 20).
The page now sends only the cells whose value differs from what it loaded, with that
loaded value (`was`). If another staff member changed one of those cells since, nothing
is saved and the answer is 409 `stale_attendance` with the cells as they are now;
the page reloads them and keeps the rest of what staff changed.

Every participant concerned is locked (core/course_records.py `course_write`, sorted
order, held until the handler's step ends) before the check, so the check and the
writes are one step for them.
"""
import contextlib
import json

from ..core import platform
from ..core.course_records import course_write
from ..core.handlers import (Bool, Choice, HandlerError, Int, ListOf, Object, Optional, Str, error_response,
                             json_handler, json_response)
from ..core.i18n import _
from . import score_carrier
from .model import CaseView

PARTICIPANT = Str(200, min_length=1)
STATES = ("present", "absent", "unrecorded")
MAX_CELLS = 5000   # changed cells in one save (a cohort of 100 by 6 sessions is 600)
STATE = Choice(*STATES)
GRID_SAVE = Object({
    "attendance": Optional(ListOf(Object({"participant": PARTICIPANT, "session": Int(1, 99), "state": STATE,
                                          "was": STATE}, name="AttendanceCell"), MAX_CELLS), []),
    "presented": Optional(ListOf(Object({"participant": PARTICIPANT, "presented": Bool(), "was": Bool()},
                                        name="PresentedCell"), MAX_CELLS), []),
})


def state_of(value):
    """The stored attendance (True, False, None) as the grid's state."""
    return "unrecorded" if value is None else ("present" if value else "absent")


def stored_value(state):
    return {"present": True, "absent": False, "unrecorded": None}[state]


class AttendanceMixin:
    """Mixed into StaffMixin: the grid save."""

    @json_handler(GRID_SAVE, staff_only=True, writes=True, max_body=MAX_CELLS * 300)
    def save_attendance(self, data, identity):
        """Write exactly the changed cells, or nothing (409) when one of them changed meanwhile."""
        cells, presented = data["attendance"], data["presented"]
        if not cells and not presented:
            raise HandlerError(400, "no_changes", _("There are no changes to save."))
        numbers = {s.number for s in self.sessions}
        for cell in cells:
            if cell["session"] not in numbers:
                raise HandlerError(400, "no_such_session", _("There is no session %(number)s."),
                                   number=cell["session"])
        keys = [(c["participant"], c["session"]) for c in cells]
        if len(set(keys)) != len(keys) or len({p["participant"] for p in presented}) != len(presented):
            raise HandlerError(400, "duplicate_cell", _("The same cell was sent twice; reload the overview."))
        self._refuse_unknown_participants({c["participant"] for c in cells} | {p["participant"] for p in presented})
        # A team case: "presented" is the whole team's; every member's record changes.
        presented_members = {p["participant"]: self._team_members(p["participant"]) for p in presented}
        concerned = {c["participant"] for c in cells} | {m for ms in presented_members.values() for m in ms}
        with contextlib.ExitStack() as held:
            base = self._stores().base
            for aid in sorted(concerned):
                held.enter_context(course_write(self, _participant(aid), base))
            conflicts = self._stale_cells(cells, presented)
            if conflicts:
                return self._stale_answer(conflicts)
            self._write_cells(identity, cells, presented_members, presented)
        scores_set = self._set_scores_after_grid(sorted(concerned), identity)
        self.publish_event("attendance_saved", {"cells": len(cells), "presented": len(presented)})
        return {"recorded": len(cells) + len(presented), "scores_set": scores_set}

    def _stale_cells(self, cells, presented):
        """The cells whose stored value is no longer what the page loaded, as they are now."""
        stores = self._stores()
        views = {}

        def view(aid):
            if aid not in views:
                views[aid] = CaseView.fold((), (), stores.staff_events(aid))
            return views[aid]

        conflicts = []
        for cell in cells:
            now = state_of(view(cell["participant"]).attended(cell["session"]))
            if now != cell["was"]:
                conflicts.append({"participant": cell["participant"], "session": cell["session"], "state": now})
        for cell in presented:
            now = view(cell["participant"]).presented
            if now != cell["was"]:
                conflicts.append({"participant": cell["participant"], "presented": now})
        return conflicts

    def _stale_answer(self, conflicts):
        """409 in the usual error shape, plus `cells` beside it: what is stored now in the cells that differ.
        Returned, not raised: nothing was written, and the page needs the cells."""
        response = error_response(self, 409, "stale_attendance",
                                  _("Someone else changed %(n)s of these cells meanwhile. Nothing was saved; "
                                    "the overview now shows what is stored."), n=len(conflicts))
        payload = json.loads(response.body)
        payload["cells"] = conflicts   # beside the error: every error object is exactly {code, message}
        return json_response(payload, status=409)

    def _write_cells(self, identity, cells, presented_members, presented):
        by = {"by": identity.anonymous_id or "", "role": "staff",
              "by_name": identity.display_name or identity.username or ""}
        per_session = {}
        for cell in cells:
            per_session.setdefault(cell["session"], {})[cell["participant"]] = stored_value(cell["state"])
        stores = self._stores()
        for session, values in sorted(per_session.items()):
            stores.append_many_staff({aid: {"kind": "attendance", "session": session, "present": value, **by}
                                      for aid, value in values.items()})
        for cell in presented:
            for aid in presented_members[cell["participant"]]:
                self._staff_append(identity, aid, {"kind": "presented", "presented": cell["presented"]})

    def _set_scores_after_grid(self, ids, identity):
        """Only the learners whose records changed; with a paper required, only those with a
        case can reach the diploma, the others' score stays 0 whatever their attendance."""
        target = score_carrier.carrier(self)   # this copy, or the copy of the case that is scored
        if target is None:
            return 0
        candidates = self._stores().with_case(ids) if target["rule"].require_paper else ids
        return sum(1 for aid in sorted(candidates) if self._update_score_for(aid, identity, target))


def _participant(anonymous_id):
    return platform.Identity(anonymous_id, None, "", False)
