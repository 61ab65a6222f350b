"""The facilitator's live view of a round, kept up to date per participant.

The followed records (live_follow.py) say which participants wrote since the
version a view folded in last, with a new list of records for each of them.
A `RoundCounts` keeps, per participant, what their records add to the view
(first vote, latest position, re-vote, reasons, answers of the minority, their
counted records) and the sums the view shows (counts per option, who moved or
stayed, who has not taken a position, the tally); an update takes out and adds
again only the participants who wrote, so a poll after one new position costs
one participant's records, not the round's: nothing on it goes over every
participant. Built from nothing (the first poll of a process, another round or
group, records removed), it reads every participant once: the same code, so a
kept view and a new one cannot differ.

It also keeps the HTML of each reason (`fragments`, rendered once per reason and
its marks) and which reasons changed into each version the page was answered
(`changes_since`): a page that shows a recent version gets only the reasons that
changed and the parts around them, not every reason of the round again
(staff.py `live`).
"""
import bisect
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from . import exercise

MAX_KEPT = 16        # views kept per process (block, round, group, language, settings)
HISTORY = 24         # versions per view whose changed reasons are kept (2 minutes of 5 s polls)


@dataclass
class _Part:
    """What one participant's records of the round add to the view."""
    first: object = None
    final: object = None
    revoted: bool = False
    reasons: list = field(default_factory=list)    # (rid, option, item)
    needs: list = field(default_factory=list)      # (rid, need)
    counted: list = field(default_factory=list)    # record data, as the tally counts them


def _part(rows, round_number):
    part = _Part()
    of_round = [record.data for record in rows if record.data.get("round") == round_number]
    for data in of_round:
        kind = data.get("kind")
        by_mentor = data.get("role") == "mentor"   # takes part, never counted
        if kind == "position" and not by_mentor:
            part.first = part.final = data["option"]
        elif kind == "revote" and not by_mentor:
            part.final = data["option"]
            part.revoted = True
        if kind in ("position", "revote") and data.get("reason"):
            part.reasons.append((data["rid"], data["option"], {
                "rid": data["rid"], "text": data["reason"], "after_revote": kind == "revote",
                "by_mentor": by_mentor}))
        elif kind == "need":
            part.needs.append((data["rid"], {"rid": data["rid"], "option": data["option"], "text": data["text"],
                                             "by_mentor": by_mentor}))
    part.counted = exercise.counted(of_round)
    return part


def _counted(mapping, key, sign):
    """Add `sign` to `mapping[key]`; a count that reaches 0 is taken out (a view built
    from nothing has no zeros either)."""
    mapping[key] = mapping.get(key, 0) + sign
    if not mapping[key]:
        del mapping[key]


def _shift(part):
    """What a participant adds to who moved and who stayed: None (no re-vote after a
    first vote), "" (re-voted and kept their first position) or "a>b" (moved)."""
    if not part.revoted or part.first is None:
        return None
    return "" if part.final == part.first else f"{part.first}>{part.final}"


class RoundCounts:
    """The sums of every participant's part of one view, and the reasons' HTML."""

    def __init__(self, basis, round_number, option_keys):
        self.basis = basis
        self.round_number = round_number
        self.lock = threading.Lock()
        self.followed = None                                   # the records' version folded in
        self.rows_of = {}
        self.parts = {}
        self.first, self.final, self.revoted = {}, {}, set()
        # The sums the view shows, kept as parts come and go: a poll never counts the round.
        self.first_counts, self.final_counts = {}, {}          # option -> first votes, latest positions
        self.revoters, self.stayed, self.moves = 0, 0, {}      # of those who re-voted; "a>b" -> moved
        self.without_position = {}                             # who wrote, but took no position (in order)
        self.tally = exercise.empty_tally(round_number)
        self.reason_ids = {key: [] for key in option_keys}   # option -> rids, sorted
        self.reasons = {}                                      # rid -> (option, item)
        self.needs = {}                                        # rid -> need
        self.hidden, self.flags = frozenset(), {}
        self.marked_items = {}                                 # rid -> the reason with its marks
        self.fragments = {}                                    # rid -> the reason's HTML with its marks
        self.present_fragments = {}                            # rid -> the reason's presenter HTML
        self.pending = set()                                   # reasons changed since the last version
        self.versions = OrderedDict()                          # version -> reasons changed into it
        self.shown = None                                      # (data, version) of the last answer
        self.page = None                                       # (version, the whole view's HTML)
        self.present_page = None                               # (version, the whole presenter view's HTML)
        self.summary = None                                    # (inputs, data) of the last poll

    def update(self, followed, wanted, hidden, flags):
        """Fold in the participants (of `wanted`, None: everyone) whose records changed
        since the version folded in last (live_follow.Followed; everyone's, the first
        time or when that version is no longer known), and the reasons whose hidden mark
        or reports changed."""
        rows_by = followed.changed_since(self.followed) if self.followed else None
        if rows_by is None:
            rows_by = followed.everyone()
        self.followed = followed.version
        changed = [who for who, rows in rows_by.items()
                   if self.rows_of.get(who) is not rows and (wanted is None or who in wanted)]
        for who in changed:
            before = self.parts.get(who)
            self._take_out(who)
            rows = rows_by[who]
            self.rows_of[who] = rows
            after = _part(rows, self.round_number)
            self._add(who, after)
            if after.first is None:
                self.without_position.setdefault(who)
            else:
                self.without_position.pop(who, None)
            # Only reasons that were added, taken out or changed are shown again.
            if before is None or before.reasons != after.reasons:
                old = {rid: (option, item) for rid, option, item in before.reasons} if before else {}
                new = {rid: (option, item) for rid, option, item in after.reasons}
                for rid in old.keys() | new.keys():
                    if old.get(rid) != new.get(rid):
                        self._changed(rid)
        marks = set(self.hidden.symmetric_difference(hidden))
        marks |= {rid for rid in set(self.flags) | set(flags) if self.flags.get(rid, 0) != flags.get(rid, 0)}
        self.hidden, self.flags = frozenset(hidden), dict(flags)
        for rid in marks:
            if rid in self.reasons:
                self._changed(rid)
        return bool(changed or marks)

    def _changed(self, rid):
        """Reason `rid` was added, changed, marked or taken out: shown again."""
        self.fragments.pop(rid, None)
        self.present_fragments.pop(rid, None)
        self.marked_items.pop(rid, None)
        self.pending.add(rid)

    def _take_out(self, who):
        part = self.parts.pop(who, None)
        if part is None:
            return
        self._sums(part, -1)
        self.first.pop(who, None)
        self.final.pop(who, None)
        self.revoted.discard(who)
        for rid, option, _item in part.reasons:
            ids = self.reason_ids.get(option)
            if ids is not None and self.reasons.pop(rid, None) is not None:
                del ids[bisect.bisect_left(ids, rid)]
        for rid, _need in part.needs:
            self.needs.pop(rid, None)
        for record in reversed(part.counted):
            self.tally = exercise.fold(self.tally, record, -1)

    def _add(self, who, part):
        self.parts[who] = part
        self._sums(part, 1)
        if part.first is not None:
            self.first[who] = part.first
        if part.final is not None:
            self.final[who] = part.final
        if part.revoted:
            self.revoted.add(who)
        for rid, option, item in part.reasons:
            ids = self.reason_ids.get(option)
            if ids is not None and rid not in self.reasons:
                bisect.insort(ids, rid)
                self.reasons[rid] = (option, item)
        for rid, need in part.needs:
            self.needs[rid] = need
        for record in part.counted:
            self.tally = exercise.fold(self.tally, record)

    def _sums(self, part, sign):
        if part.first is not None:
            _counted(self.first_counts, part.first, sign)
        if part.final is not None:
            _counted(self.final_counts, part.final, sign)
        shift = _shift(part)
        if shift is not None:
            self.revoters += sign
            if shift:
                _counted(self.moves, shift, sign)
            else:
                self.stayed += sign

    def distribution(self, option_keys):
        """({option: first votes}, {option: latest positions}) for every option, zeros included."""
        return ({key: self.first_counts.get(key, 0) for key in option_keys},
                {key: self.final_counts.get(key, 0) for key in option_keys})

    def shift(self):
        """exercise.shift of the view's participants, from the kept sums."""
        return {"moved": sum(self.moves.values()), "stayed": self.stayed, "moves": dict(sorted(self.moves.items()))}

    def marked(self, rid):
        """Reason `rid` with the facilitator's marks (hidden, reports), made once while it
        stays the same (never change it: answers handed out share it)."""
        found = self.marked_items.get(rid)
        if found is None:
            item = self.reasons[rid][1]
            found = self.marked_items[rid] = {**item, "hidden": rid in self.hidden, "flags": self.flags.get(rid, 0)}
        return found

    def new_version(self, data):
        """The version of the answer `data` (the view without its reasons: kept while it
        stays equal and no reason changed), and the reasons changed into it noted for
        pages that show an earlier one."""
        if self.shown is not None and not self.pending and self.shown[0] == data:
            return self.shown[1]
        version = uuid.uuid4().hex
        self.versions[version] = self.pending
        self.pending = set()
        while len(self.versions) > HISTORY:
            self.versions.popitem(last=False)
        self.shown = (data, version)
        return version

    def changes_since(self, seen):
        """The reasons changed after version `seen` up to the current one, or None when
        `seen` is not a version this view still knows (the page then gets all of it)."""
        if not seen or seen not in self.versions:
            return None
        changed, after = set(), False
        for version, rids in self.versions.items():
            if after:
                changed |= rids
            after = after or version == seen
        return changed


_kept = OrderedDict()
_guard = threading.Lock()


def counts(view, basis, round_number, option_keys):
    """The `RoundCounts` of `view` (None: a new one, kept nowhere) built on `basis`
    (what makes a kept one unusable when it changes: the records' generation, the
    round, the group and its members); a new one when the basis changed."""
    if view is None:
        return RoundCounts(basis, round_number, option_keys)
    with _guard:
        kept = _kept.get(view)
        if kept is None or kept.basis != basis:
            kept = _kept[view] = RoundCounts(basis, round_number, option_keys)
        _kept.move_to_end(view)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
        return kept


def forget():
    with _guard:
        _kept.clear()
