"""The participant's view of one round, as data (`ParticipantView`): what the templates
show and the room's JSON answer holds.

Each part is computed the first time a template (`v.x`) or the code asks for it, and
kept. The page and the whole-view answers take every part (`complete`); a write that
answers only the regions it changed (participant_view.py) renders those regions'
template parts from the same view, so it computes, and reads the settings of, only
what those parts show: in the workbench each setting read is a query or two.
"""
from functools import cached_property

from ..core.i18n import _
from . import exercise
from .chart import distribution_svg
from .exercise import MAX_REASON, MAX_REFLECTION, MAX_RESPONSE
from .moderation_adapter import moderation


class _Parts(dict):
    """A dict whose missing keys are made by the method `part_<key>`, once."""

    KEYS = ()

    def __missing__(self, key):
        make = getattr(self, "part_" + key, None)
        if make is None:
            raise KeyError(key)
        value = self[key] = make()
        return value

    def get(self, key, default=None):
        """As `dict.get`, with the parts made when asked for (dict.get skips __missing__)."""
        try:
            return self[key]
        except KeyError:
            return default

    def complete(self, keys=None):
        """Every part (of `keys`), as a plain dict."""
        for key in keys or self.KEYS:
            self[key]  # noqa: B018  made and kept by __missing__
        return dict(self)


class StepsView(_Parts):
    """Which steps the author switched on: {name: bool}, each read when asked for."""

    KEYS = exercise.STEP_NAMES

    def __init__(self, settings):
        super().__init__()
        self._settings = settings

    def __missing__(self, key):
        if key not in self.KEYS:
            raise KeyError(key)
        value = self[key] = bool(getattr(self._settings, "step_" + key))
        return value


class MyView(_Parts):
    """What this participant wrote in the round, as their view shows it."""

    KEYS = ("position", "position_key", "reason", "values", "revote", "revote_reason", "movement", "response",
            "need", "reflection")

    def __init__(self, block, mine, labels, room):
        super().__init__()
        self._block, self._mine, self._labels, self._room = block, mine, labels, room

    def _option(self, record):
        return self._labels().get(record["option"], "") if record else ""

    def part_position(self):
        return self._option(self._mine.position)

    def part_position_key(self):
        return self._mine.position["option"] if self._mine.position else ""

    def part_reason(self):
        return self._mine.position.get("reason", "") if self._mine.position else ""

    def part_values(self):
        return self._block.value_labels(self._mine.position.get("values")) if self._mine.position else []

    def part_revote(self):
        return self._option(self._mine.revote)

    def part_revote_reason(self):
        return self._mine.revote.get("reason", "") if self._mine.revote else ""

    def part_movement(self):
        mine = self._mine
        if not (mine.position and mine.revote):
            return None
        before, after = mine.position["option"], mine.revote["option"]
        labels = self._labels()
        return {"from": labels.get(before, ""), "to": labels.get(after, ""), "moved": before != after,
                "points": exercise.scale_movement(before, after)
                if self._block.dilemma.kind == exercise.KIND_SCALE else None}

    def part_response(self):
        # The quote is read from the reason's own record, never kept in the response: a reason
        # staff hid is not quoted, and one whose author was erased (retirement) is gone.
        response, room = self._mine.response, self._room
        if not response:
            return None
        hidden = room.hidden if room else set()
        return {"to_text": _quoted_reason(room, response.get("to")), "to_hidden": response.get("to") in hidden,
                "understand": response["understand"], "question": response["question"]}

    def part_need(self):
        return self._mine.need["text"] if self._mine.need else ""

    def part_reflection(self):
        reflection = self._mine.reflection
        if not reflection:
            return None
        return {"values": self._block.value_labels(reflection.get("values")), "changed": reflection.get("changed", ""),
                "listening": reflection.get("listening") or "", "note": reflection.get("note", "")}


def _quoted_reason(room, rid):
    """The text of reason `rid` as this participant's room shows it now ("" if hidden or gone)."""
    if room is None or rid in room.hidden:
        return ""
    for items in room.reasons.values():
        for item in items:
            if item.get("rid") == rid:
                return item.get("text", "")
    return ""


class ParticipantView(_Parts):
    """The participant's view of round `round_number`: `mine` their records, `room` what
    they may see of the others (None before their position)."""

    KEYS = ("round", "element_id", "options", "values", "variations", "listening_levels", "steps", "positioned",
            "my", "revealed", "positions", "threshold", "waiting", "scale", "cohort_scope", "max_reason",
            "max_response", "max_reflection", "max_own_values", "can_reflect", "deliberation")
    # Only once the spread is open.
    REVEALED_KEYS = ("distribution", "revotes", "moved", "reasons", "needs", "responses_to_me", "minority",
                     "i_am_minority", "can_respond", "can_revote", "can_share_need", "chart_svg")

    def __init__(self, block, identity, store, round_number, mine, room):
        super().__init__()
        self._block, self._identity, self._store = block, identity, store
        self._round, self._mine, self._room = round_number, mine, room

    def complete(self, keys=None):
        keys = self.KEYS + (self.REVEALED_KEYS if self["revealed"] else ())
        found = super().complete(keys)
        found["steps"] = self["steps"].complete()
        found["my"] = self["my"].complete()
        return found

    @property
    def _cfg(self):
        return self._block.cfg

    @cached_property
    def _named(self):
        """Whether names show with reasons written from now on; read only when a shared
        record carries a name (most rooms have none)."""
        return not self._cfg.anonymous

    @cached_property
    def labels(self):
        return {option["key"]: option["label"] for option in self["options"]}

    def part_round(self):
        return self._round

    def part_element_id(self):
        return self._block._element_id()

    def part_options(self):
        return [{"key": o.key, "label": self._block.option_label(o)} for o in self._block.dilemma.options]

    def part_values(self):
        return [{"key": key, "label": self._block.localized(label)} for key, label in self._block.dilemma.values]

    def part_variations(self):
        return [self._block.localized(v) for v in self._block.dilemma.variations]

    def part_listening_levels(self):
        return [{"key": key, "label": self._block.translate(label)} for key, label in exercise.LISTENING_LEVELS]

    def part_steps(self):
        return StepsView(self._cfg)

    def part_positioned(self):
        return self._mine.position is not None

    def part_my(self):
        return MyView(self._block, self._mine, lambda: self.labels, self._room)

    def part_threshold(self):
        return exercise.reveal_threshold(self._cfg.min_positions, self._room.group_size if self._room else None)

    def part_revealed(self):
        return bool(self._room) and self["steps"]["reveal"] and self._room.positions >= self["threshold"]

    def part_positions(self):
        return self._room.positions if self._room else None

    def part_waiting(self):
        return bool(self._room) and self["steps"]["reveal"] and not self["revealed"]

    def part_scale(self):
        return self._block.dilemma.kind == exercise.KIND_SCALE

    def part_cohort_scope(self):
        return not self._block.group_scope

    def part_max_reason(self):
        return MAX_REASON

    def part_max_response(self):
        return MAX_RESPONSE

    def part_max_reflection(self):
        return MAX_REFLECTION

    def part_max_own_values(self):
        return exercise.MAX_OWN_VALUES

    def part_can_reflect(self):
        # The closing reflection closes the dialogue: it comes once the others' reasons are
        # open (or right after the position when the author left the reveal out).
        return (self["steps"]["reflection"] and self._mine.position is not None
                and (self["revealed"] or not self["steps"]["reveal"]))

    def part_deliberation(self):
        return self._block.deliberation_view(self._mine)

    # --- Once the spread is open ------------------------------------------------------

    def part_distribution(self):
        room, my_option = self._room, self._mine.current_option
        return [{"key": key, "label": label, "first": room.first[key], "final": room.final[key],
                 "mine": key == my_option} for key, label in self.labels.items()]

    def part_revotes(self):
        return self._room.revotes

    def part_moved(self):
        moves = self._room.moves
        return sum(moves.values()) - sum(n for k, n in moves.items() if k.split(">")[0] == k.split(">")[1])

    def part_reasons(self):
        room, mine, my_option = self._room, self._mine, self._mine.current_option
        flagged = ({flag.record_id for flag in moderation(self._block).flagged_by(self._identity.anonymous_id)}
                   if self._store.read_once["had position"] else set())
        groups = []
        for key, label in self.labels.items():
            items = []
            for item in room.reasons.get(key, []):
                is_you = item.get("rid") in mine.rids
                items.append({
                    "rid": item["rid"], "text": item.get("text", ""), "is_you": is_you,
                    "after_revote": item.get("stage") == "revote", "by_mentor": item.get("author_role") == "mentor",
                    "name": item.get("name") if (item.get("named") and not is_you and self._named) else "",
                    "can_respond": (not is_you and item.get("option") != my_option),
                    "flagged": item["rid"] in flagged})
            groups.append({"key": key, "label": label, "items": items})
        return groups

    def part_needs(self):
        mine_rids = {r.get("rid") for r in [self._mine.need] if r}
        return [{"label": self.labels.get(item.get("option"), ""), "text": item.get("text", ""),
                 "by_mentor": item.get("author_role") == "mentor", "is_you": item.get("rid") in mine_rids}
                for item in self._room.needs]

    def part_responses_to_me(self):
        return [{"understand": item.get("understand", ""), "question": item.get("question", ""),
                 "by_mentor": item.get("author_role") == "mentor",
                 "name": item.get("name") if (item.get("named") and self._named) else ""}
                for item in self._room.responses_to_me]

    def part_minority(self):
        return sorted(self.labels[key] for key in self._room.minority)

    def part_i_am_minority(self):
        return self._mine.current_option in self._room.minority

    def part_can_respond(self):
        return self["steps"]["respond"] and self._mine.response is None

    def part_can_revote(self):
        return self["steps"]["revote"] and self._mine.revote is None

    def part_can_share_need(self):
        mine, steps = self._mine, self["steps"]
        return (steps["minority"] and mine.need is None and mine.current_option in self._room.minority
                and (mine.revote is not None or not steps["revote"]))

    def part_chart_svg(self):
        block = self._block
        return distribution_svg(
            [{"label": d["label"], "first": d["first"], "final": d["final"]} for d in self["distribution"]],
            show_final=self._room.revotes > 0,
            title=block.translate(_("How the positions are spread")),
            description=block.translate(_("Bar chart of the number of positions per option, first vote and "
                                          "latest position. The table below gives the same numbers.")),
            legend={"first": block.translate(_("First vote")), "final": block.translate(_("Latest position"))},
            id_prefix=self["element_id"] + "-chart")
