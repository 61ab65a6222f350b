"""The participant's view of the dialogue (`ParticipantViewMixin`, mixed into DialogueBlock):
the view model of one round, its HTML, the page (`student_view`) and the mobile API's data."""
from django.utils import timezone
from xblock.core import XBlock
from xblock.utils.resources import ResourceLoader

from ..core import platform
from ..core.i18n import _
from ..core.rendering import render_template, view_fragment
from ..core.storage import participant_write
from . import answer_html, exercise
from .chart import distribution_svg
from .exercise import MAX_REASON, MAX_REFLECTION, MAX_RESPONSE
from .moderation_adapter import moderation
from .room import mine_from

loader = ResourceLoader(__name__)


class ParticipantViewMixin:
    """What the participant sees: the view model, its HTML and the page."""

    def _state(self, identity, store=None, group=None, pending=()):
        """Everything the participant's view needs, as data (and the room's HTML)."""
        store, round_number, mine, _history = self._participant(identity, store, group)
        room = None
        if mine.position is not None:
            room = self._room(identity, store, round_number, mine, group, pending)
        data = self._view_model(identity, round_number, mine, room)
        data["deliberation"] = self.deliberation_view(mine)
        if data["revealed"]:
            flagged = ({flag.record_id for flag in moderation(self).flagged_by(identity.anonymous_id)}
                       if store.read_once["had position"] else set())
            for option in data["reasons"]:
                for item in option["items"]:
                    item["flagged"] = item["rid"] in flagged
        data["html"] = self._exercise_html(data)
        return data

    def _exercise_html(self, view):
        """The exercise's HTML; the parts that repeat from answer to answer kept (answer_html.py)."""
        return render_template(self, loader, "templates/exercise.html", {
            "v": view, "block": self,
            "deliberation_html": answer_html.deliberation_form(self, loader, view) if view.get("deliberation") else "",
            "reason_groups": answer_html.reason_groups(self, loader, view),
            "position_values_html": (answer_html.values_fields(self, loader, view, "position", False)
                                     if not view["positioned"] else ""),
            "reflection_values_html": (answer_html.values_fields(self, loader, view, "reflection", True)
                                       if view["can_reflect"] else "")})

    def _view_model(self, identity, round_number, mine, room):
        dilemma = self.dilemma
        threshold = exercise.reveal_threshold(self.cfg.min_positions, room.group_size if room else None)
        revealed = bool(room) and self.cfg.step_reveal and room.positions >= threshold
        my_option = mine.current_option
        options = [{"key": o.key, "label": self.option_label(o)} for o in dilemma.options]
        labels = {o["key"]: o["label"] for o in options}
        view = {
            "round": round_number,
            "element_id": self._element_id(),
            "options": options,
            "values": [{"key": key, "label": self.localized(label)} for key, label in dilemma.values],
            "variations": [self.localized(v) for v in dilemma.variations],
            "listening_levels": [{"key": key, "label": self.translate(label)}
                                 for key, label in exercise.LISTENING_LEVELS],
            "steps": {name: bool(getattr(self.cfg, "step_" + name)) for name in exercise.STEP_NAMES},
            "positioned": mine.position is not None,
            "my": self._my_view(mine, labels, room),
            "revealed": revealed,
            "positions": room.positions if room else None,
            "threshold": threshold,
            "waiting": bool(room) and self.cfg.step_reveal and not revealed,
            "scale": dilemma.kind == exercise.KIND_SCALE,
            "cohort_scope": not self.group_scope,
            "max_reason": MAX_REASON, "max_response": MAX_RESPONSE, "max_reflection": MAX_REFLECTION,
            "max_own_values": exercise.MAX_OWN_VALUES,
        }
        if revealed:
            minority = room.minority
            view.update({
                "distribution": [{"key": key, "label": labels[key], "first": room.first[key],
                                  "final": room.final[key], "mine": key == my_option} for key in labels],
                "revotes": room.revotes,
                "moved": sum(room.moves.values()) - sum(n for k, n in room.moves.items()
                                                        if k.split(">")[0] == k.split(">")[1]),
                "reasons": [{"key": key, "label": labels[key], "items": [
                    self._reason_view(item, mine, my_option) for item in room.reasons.get(key, [])]}
                    for key in labels],
                "needs": [{"label": labels.get(item.get("option"), ""), "text": item.get("text", ""),
                           "by_mentor": item.get("author_role") == "mentor",
                           "is_you": item.get("rid") in {r.get("rid") for r in [mine.need] if r}}
                          for item in room.needs],
                "responses_to_me": [{"understand": item.get("understand", ""), "question": item.get("question", ""),
                                     "by_mentor": item.get("author_role") == "mentor",
                                     "name": item.get("name") if (item.get("named") and not self.cfg.anonymous) else ""}
                                    for item in room.responses_to_me],
                "minority": sorted(labels[key] for key in minority),
                "i_am_minority": my_option in minority,
                "can_respond": self.cfg.step_respond and mine.response is None,
                "can_revote": self.cfg.step_revote and mine.revote is None,
                "can_share_need": (self.cfg.step_minority and mine.need is None and my_option in minority
                                   and (mine.revote is not None or not self.cfg.step_revote)),
            })
            view["chart_svg"] = distribution_svg(
                [{"label": d["label"], "first": d["first"], "final": d["final"]} for d in view["distribution"]],
                show_final=room.revotes > 0,
                title=self.translate(_("How the positions are spread")),
                description=self.translate(_("Bar chart of the number of positions per option, first vote and "
                                             "latest position. The table below gives the same numbers.")),
                legend={"first": self.translate(_("First vote")), "final": self.translate(_("Latest position"))},
                id_prefix=self._element_id() + "-chart")
        # The closing reflection closes the dialogue: it comes once the others' reasons are
        # open (or right after the position when the author left the reveal out).
        view["can_reflect"] = (self.cfg.step_reflection and mine.position is not None
                               and (revealed or not self.cfg.step_reveal))
        return view

    def _my_view(self, mine, labels, room):
        hidden = room.hidden if room else set()

        def option(record):
            return labels.get(record["option"], "") if record else ""
        movement = None
        if mine.position and mine.revote:
            before, after = mine.position["option"], mine.revote["option"]
            movement = {"from": labels.get(before, ""), "to": labels.get(after, ""), "moved": before != after,
                        "points": exercise.scale_movement(before, after)
                        if self.cfg.kind == exercise.KIND_SCALE else None}
        return {
            "position": option(mine.position), "position_key": mine.position["option"] if mine.position else "",
            "reason": mine.position.get("reason", "") if mine.position else "",
            "values": self.value_labels(mine.position.get("values")) if mine.position else [],
            "revote": option(mine.revote), "revote_reason": mine.revote.get("reason", "") if mine.revote else "",
            "movement": movement,
            # The quote is read from the reason's own record, never kept in the response: a reason
            # staff hid is not quoted, and one whose author was erased (retirement) is gone.
            "response": {"to_text": self._quoted_reason(room, mine.response.get("to")),
                         "to_hidden": mine.response.get("to") in hidden, "understand": mine.response["understand"],
                         "question": mine.response["question"]} if mine.response else None,
            "need": mine.need["text"] if mine.need else "",
            "reflection": ({"values": self.value_labels(mine.reflection.get("values")),
                            "changed": mine.reflection.get("changed", ""),
                            "listening": mine.reflection.get("listening") or "",
                            "note": mine.reflection.get("note", "")} if mine.reflection else None),
        }

    def own_positions(self, identity):
        """What `identity` wrote here, round by round, as their own view shows it
        (`_my_view`): position, reason, re-vote, response, answer, reflection. Others'
        reasons are not quoted. Read only, one read of their own records: "Mijn
        leergang" (my_programme/) reads it."""
        if not identity.anonymous_id:
            return []
        history = self._store().own.history(identity.anonymous_id)
        labels = {o.key: self.option_label(o) for o in self.dilemma.options}
        rounds = sorted({r.data.get("round") for r in history if isinstance(r.data.get("round"), int)})
        found = []
        for number in rounds:
            mine = mine_from(history, number)
            if mine.position is not None:
                found.append({"round": number, **self._my_view(mine, labels, None)})
        return found

    @staticmethod
    def _quoted_reason(room, rid):
        """The text of reason `rid` as this participant's room shows it now ("" if hidden or gone)."""
        if room is None or rid in room.hidden:
            return ""
        for items in room.reasons.values():
            for item in items:
                if item.get("rid") == rid:
                    return item.get("text", "")
        return ""

    def _reason_view(self, item, mine, my_option):
        is_you = item.get("rid") in mine.rids
        return {"rid": item["rid"], "text": item.get("text", ""), "is_you": is_you,
                "after_revote": item.get("stage") == "revote", "by_mentor": item.get("author_role") == "mentor",
                "name": item.get("name") if (item.get("named") and not self.cfg.anonymous and not is_you) else "",
                "can_respond": (not is_you and item.get("option") != my_option)}

    # --- Views ----------------------------------------------------------------------

    @XBlock.supports("multi_device")  # the mobile course API reads it from this view
    def student_view(self, context=None):
        identity = self.identity
        problems = exercise.settings_problems(self.cfg)
        if problems:
            return view_fragment(self, loader, "templates/not_ready.html", {
                "block": self, "is_staff": identity.is_staff,
                "problems": [f"{name}: {self.translate(message) % params if params else self.translate(message)}"
                             for name, message, params in problems]})
        group, no_group, state = None, False, None
        if identity.is_authenticated:
            if self.group_scope:
                # A mentor is in no group, but takes part in the group they mentor.
                group = self.my_group(identity) or self._current_group(identity, self._store())
                no_group = group is None
            if not no_group:
                self._mark_seen(identity)
                state = self._state(identity, group=group)
        dilemma = self.dilemma
        context = {
            "block": self, "signed_in": identity.is_authenticated, "is_staff": identity.is_staff,
            "no_group": no_group, "group_name": group.name if group else "",
            "case_paragraphs": [p.strip() for p in self.localized(exercise.case_from(self.cfg)).split("\n\n")
                                if p.strip()],
            "question": self.localized({"nl": self.cfg.question_nl, "en": self.cfg.question_en})
            or self.translate(_("What would you do?") if dilemma.kind == exercise.KIND_OPTIONS
                              else _("How far do you agree?")),
            "exercise_html": state["html"] if state else "",
            "element_id": self._element_id(),
            "read_only": self.read_only_notice(),
            "staff_html": self.facilitator_html() if identity.is_staff else "",
            "groups_panel_html": self.groups_staff_panel_html() if (identity.is_staff and self.group_scope) else "",
        }
        fragment = view_fragment(
            self, loader, "templates/student_view.html", context,
            js_files=["static/dialogue.js"], css_files=["static/dialogue.css"], init_fn="LeergangDialogue",
            init_args={"staff": identity.is_staff, "waiting": bool(state and state["waiting"]),
                       "max_own_values": exercise.MAX_OWN_VALUES})
        if identity.is_staff and self.group_scope:
            self.add_groups_staff_script(fragment)
        return self.add_staff_removal(fragment, identity)

    def _mark_seen(self, identity):
        """Mark a participant's first view (the facilitator's "has not taken part yet"
        list in cohort scope). One write, once; never in preview or for staff."""
        if identity.is_staff or platform.write_refusal(self):
            return
        store = self._store()
        if store.own.latest(identity.anonymous_id) is not None:
            return
        with participant_write(self, identity):
            if store.own.latest(identity.anonymous_id) is None:
                store.own.append(identity.anonymous_id, {"kind": "seen", "at": timezone.now().isoformat()}, 1)

    def student_view_data(self, context=None):
        dilemma = self.dilemma
        return {"display_name": self.display_name, "kind": dilemma.kind, "case": exercise.case_from(self.cfg),
                "question": {"nl": self.cfg.question_nl, "en": self.cfg.question_en},
                "options": [{"key": o.key, "label": o.label} for o in dilemma.options],
                "variations": list(dilemma.variations),
                "values": [{"key": key, "label": label} for key, label in dilemma.values],
                "scope": self.scope, "min_positions": self.cfg.min_positions, "anonymous": self.cfg.anonymous,
                "steps": {name: bool(getattr(self.cfg, "step_" + name)) for name in exercise.STEP_NAMES}}
