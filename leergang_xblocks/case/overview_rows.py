"""The case staff overview's rows: one per participant, from two streamed reads (each
participant's newest summary row, which every participant write leaves, and each
participant's newest staff summary, which every staff write leaves:
case/staff_summary.py) and the roster; and one participant's row (the programme
overview's detail) from their rows only.

Neither read converts a stored time: the rows' order is their id, and nothing the
overview shows reads when a staff record was written. No staff record is read:
the staff summary holds what the rows show of them.
"""
from dataclasses import dataclass

from .model import CaseView, Event
from .paper_progress import readers_in


@dataclass(frozen=True)
class _RowReading:
    """What every row is computed against: read once per overview, not per row."""
    sessions: list
    rule: object
    awards: bool
    day: object
    second_reader: bool = False


class OverviewRowsMixin:
    """Mixed into CaseBlock (through StaffMixin)."""

    # --- The summary row each participant write leaves ------------------------------------

    @staticmethod
    def summary_row(view, sessions):
        per_session = {}
        for entry in view.entries:
            key = str(entry.data.get("session"))
            per_session[key] = per_session.get(key, 0) + 1
        open_dues = [a["due"] for a in view.actions() if a["status"] == "open"]
        latest = view.latest_entry
        return {"kind": "summary", "title": view.title, "defined": view.defined, "entries": per_session,
                "last_entry_at": latest.at.isoformat() if latest is not None and hasattr(latest.at, "isoformat")
                else (str(latest.at) if latest is not None else ""),
                "open_dues": open_dues, "paper": view.paper.id if view.paper else "",
                "words": view.paper.data.get("words", 0) if view.paper else 0, "shared": view.shared}

    def overview_rows(self, with_names=True):
        """One row per participant: what the overview table, the CSV and the report show."""
        stores = self._stores()
        day = _today(self.time_zone)
        # (row id, data): a higher id is a newer row, so no stored time is read or converted.
        summaries = {aid: (row_id, data) for aid, row_id, data in stores.summary.all_data(newest_only=True)}
        staff_views = stores.staff.views()   # each participant's staff summary (case/staff_summary.py)
        names = {}
        team_of = {}
        source = self.group_source
        if source.managed_here and with_names:
            for aid, entry in source.store.roster().items():
                names[aid] = entry.get("display_name") or entry.get("username") or ""
        elif source.managed_here:   # who is on the roster, not by which name: no read of every name
            names = dict.fromkeys(source.store.roster_ids(), "")
        if self.team_mode:
            for group in source.all_groups():
                for member in group.members:
                    team_of[member.anonymous_id] = group
                    names.setdefault(member.anonymous_id, member.display_name)
        people = set(summaries) | set(staff_views) | set(names)
        reading = _RowReading(self.sessions, self.case_rule, self.show_outcome, day, bool(self.second_reader))
        rows = [self._overview_row(aid, summaries, staff_views.get(aid), team_of.get(aid),
                                   names.get(aid, "") if with_names else "", reading)
                for aid in people]
        rows.sort(key=lambda r: ((r["name"] or r["id"]).casefold(), r["id"]))
        return rows

    def overview_row(self, anonymous_id):
        """One participant's overview row without their name (the programme overview's
        detail), or None when the case knows nothing of them: their newest summary (in a
        team case each member's), their staff records, their team or roster entry. A few
        queries, the same at 20 and at 10,000 participants."""
        stores = self._stores()
        source = self.group_source
        group = self._group_of_participant(anonymous_id) if self.team_mode else None
        ids = [m.anonymous_id for m in group.members] if group is not None else [anonymous_id]
        summaries = {aid: (row_id, data)
                     for aid, row_id, data in stores.summary.all_data(newest_only=True, anonymous_ids=ids)}
        view = stores.staff.views([anonymous_id]).get(anonymous_id)
        known = (anonymous_id in summaries or view is not None or group is not None
                 or (source.managed_here and source.store.is_registered(anonymous_id)))
        if not known:
            return None
        reading = _RowReading(self.sessions, self.case_rule, self.show_outcome, _today(self.time_zone),
                              bool(self.second_reader))
        return self._overview_row(anonymous_id, summaries, view, group, "", reading)

    @staticmethod
    def _overview_row(aid, summaries, view, group, name, reading):
        """The row of `aid` from the newest summaries ({anonymous id: (row id, data)}), their
        staff records folded (`view`, None when there are none) and their team (team case)."""
        sessions, day = reading.sessions, reading.day
        summary = summaries.get(aid, (None, {}))[1]
        if group is not None:
            # A team case: the newest summary any member of the team left.
            newest = max((summaries[m.anonymous_id] for m in group.members if m.anonymous_id in summaries),
                         key=lambda pair: pair[0], default=None)
            summary = newest[1] if newest else {}
        view = view or CaseView()
        if summary.get("paper"):
            view.papers = [Event("paper", {}, aid, None, summary["paper"])]
        outcome = view.outcome(sessions, reading.rule, day)
        overdue = sum(1 for due in summary.get("open_dues", []) if due and due < day.isoformat())
        return {
            "id": aid, "name": name, "group": group.name if group is not None else "",
            "title": summary.get("title", ""), "defined": bool(summary.get("defined")),
            "last_entry_at": summary.get("last_entry_at", ""),
            "entries": {s.number: int(summary.get("entries", {}).get(str(s.number), 0)) for s in sessions},
            "open_actions": len(summary.get("open_dues", [])), "overdue_actions": overdue,
            "attendance": {s.number: view.attended(s.number) for s in sessions},
            "attended": outcome.attended, "paper_status": view.paper_status, "paper": summary.get("paper", ""),
            "readers_in": readers_in(view, reading.second_reader),
            "words": summary.get("words", 0), "presented": view.presented, "shared": bool(summary.get("shared")),
            **({"status": outcome.status, "missing": [m["code"] for m in outcome.missing]} if reading.awards
               else {}),
        }


def _today(zone_name):
    from .block import today
    return today(zone_name)
