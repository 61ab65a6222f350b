"""What a participant sees of the room (their group, or the cohort) in one round.

`Mine` is the participant's own records of the round (from their own rows,
read inside the serialised step when a handler writes). `Room` is what the
others contributed, built from the group's records (small group) or from the
tally and the newest entries of the shared logs (cohort). Both only ever hold
what this participant may see: no author ids, no row ids, no times; reasons
carry their random id and are ordered by it.
"""
from dataclasses import dataclass, field

from . import exercise


@dataclass
class Mine:
    round: int
    records: list            # this round's own record data, oldest first

    def _latest(self, kind):
        found = [r for r in self.records if r.get("kind") == kind]
        return found[-1] if found else None

    @property
    def position(self):
        return self._latest("position")

    @property
    def revote(self):
        return self._latest("revote")

    @property
    def response(self):
        return self._latest("response")

    @property
    def need(self):
        return self._latest("need")

    @property
    def reflection(self):
        return self._latest("reflection")

    @property
    def current_option(self):
        latest = self.revote or self.position
        return latest["option"] if latest else None

    @property
    def rids(self):
        """The ids of this participant's own reasons (others may respond to them)."""
        return [r["rid"] for r in (self.position, self.revote) if r and r.get("rid")]


def mine_from(history, round_number, group_id=None):
    """This participant's records of the round; in group scope (`group_id`) only those
    written in that group. A position belongs to the group it was taken in: after a
    move mid-round the participant takes a position in the new group's round, and the
    old group's records stay there. A record without its own `group_id` (written before
    every record carried one) belongs to the group of the position before it."""
    records = [r.data for r in history if r.data.get("round") == round_number]
    if group_id is None:
        return Mine(round_number, records)
    kept, context = [], None
    for data in records:
        if data.get("group_id") or data.get("kind") == "position":
            context = data.get("group_id")
        if context == group_id:
            kept.append(data)
    return Mine(round_number, kept)


@dataclass
class Room:
    positions: int                     # positions taken in the room this round
    first: dict                        # {option: count}
    final: dict                        # {option: count}, latest position of each
    revotes: int
    moves: dict                        # {"a>b": count}
    reasons: dict = field(default_factory=dict)        # {option: [shared reason]}
    needs: list = field(default_factory=list)          # minority's answers
    responses_to_me: list = field(default_factory=list)
    group_size: int = None
    hidden: set = field(default_factory=set)           # ids staff hid: shown nowhere, not even quoted

    @property
    def minority(self):
        return exercise.minority_options(self.final)


def shared_part(record, named, name):
    """The part of a participant's record the others may read (stored in the shared copy)."""
    kind = record["kind"]
    shared = {"kind": kind, "round": record["round"], "rid": record.get("rid"), "named": named,
              "name": name if named else ""}
    if kind in ("position", "revote"):
        shared.update(option=record["option"], text=record.get("reason", ""), stage=kind)
        if kind == "revote":
            shared["from"] = record["from"]
    elif kind == "response":
        shared.update(to=record["to"], understand=record["understand"], question=record["question"])
    elif kind == "need":
        shared.update(option=record["option"], text=record["text"])
    return shared


def group_room(option_keys, round_number, records, my_rids, hidden, group):
    """The room of a small group from the group's records (GroupRecords rows).

    Only the group's current members count (positions, spread, reveal threshold):
    the position of someone who moved away stays readable where it was written but
    no longer counts, so no group is revealed early or left waiting; a mentor's
    contributions are shown as the mentor's and never counted."""
    first, final, shown, needs, responses = {}, {}, {}, [], []
    moves = {}
    revotes = 0
    for record in records:
        data = record.data
        if data.get("round") != round_number:
            continue
        kind = data.get("kind")
        counts = data.get("author_role") != "mentor" and group.has(record.author_id)
        if kind == "position" and counts and record.author_id not in first:
            first[record.author_id] = data["option"]
            final[record.author_id] = data["option"]
        elif kind == "revote" and counts and record.author_id in first:
            revotes += 1
            final[record.author_id] = data["option"]
        if data.get("rid") in hidden:
            continue
        if kind in ("position", "revote") and data.get("text"):
            shown.setdefault(data["option"], []).append(data)
        elif kind == "need":
            needs.append(data)
        elif kind == "response" and data.get("to") in my_rids:
            responses.append(data)
    change = exercise.shift(first, final)
    return Room(
        positions=len(first), first=exercise.distribution(option_keys, first.values()),
        final=exercise.distribution(option_keys, final.values()), revotes=revotes, moves=change["moves"],
        reasons={key: sorted(shown.get(key, []), key=lambda d: d["rid"]) for key in option_keys},
        needs=sorted(needs, key=lambda d: d["rid"]), responses_to_me=sorted(responses, key=lambda d: d["rid"]),
        group_size=group.size, hidden=set(hidden))


def cohort_room(option_keys, tally, reasons, needs, responses, hidden):
    """The room of the whole cohort: counts from the tally, a bounded number of reasons per option."""
    def visible(entries):
        return sorted((e.data for e in entries if e.uuid not in hidden and e.data.get("rid") not in hidden),
                      key=lambda d: d["rid"])
    return Room(
        positions=tally.get("positions", 0),
        first={key: tally.get("first", {}).get(key, 0) for key in option_keys},
        final={key: tally.get("final", {}).get(key, 0) for key in option_keys},
        revotes=tally.get("revotes", 0), moves=dict(tally.get("moves", {})),
        reasons={key: [d for d in visible(reasons.get(key, [])) if d.get("text")] for key in option_keys},
        needs=visible(needs), responses_to_me=visible(responses), hidden=set(hidden))
