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
from .room import mine_from
from .view_model import MyView, ParticipantView

loader = ResourceLoader(__name__)


# The parts of the exercise a write may answer with (`data-region`, each rendered by its
# template in templates/parts/ for the page and for the answer alike).
REGIONS = ("movement", "spread", "reasons", "my-response", "revote", "minority", "deliberation", "reflection")


class ParticipantViewMixin:
    """What the participant sees: the view model, its HTML, the regions a write answers, the page."""

    def _state(self, identity, store=None, group=None, pending=()):
        """Everything the participant's view needs, as data (and the exercise's HTML)."""
        store, round_number, mine, _history = self._participant(identity, store, group)
        room = None
        if mine.position is not None:
            room = self._room(identity, store, round_number, mine, group, pending)
        view = ParticipantView(self, identity, store, round_number, mine, room)
        data = view.complete()
        data["html"] = self._exercise_html(view)
        return data

    def _exercise_html(self, view):
        """The exercise's HTML; the parts that repeat from answer to answer kept (answer_html.py)."""
        parts = {}
        if view["positioned"]:
            names = REGIONS if view["revealed"] else ("movement", "deliberation", "reflection")
            parts = {name.replace("-", "_"): self._region_html(name, view) for name in names}
        return render_template(self, loader, "templates/exercise.html", {
            "v": view, "block": self, "parts": parts,
            "position_values_html": (answer_html.values_fields(self, loader, view, "position", False)
                                     if not view["positioned"] else "")})

    def _region_html(self, name, view):
        """The region `name` of the exercise (its outer element carries data-region="name")."""
        context = {"v": view, "block": self}
        if name == "reasons":
            context["reason_groups"] = answer_html.reason_groups(self, loader, view)
        elif name == "deliberation":
            context["deliberation_html"] = (answer_html.deliberation_form(self, loader, view)
                                            if view["deliberation"] else "")
        elif name == "reflection" and view["can_reflect"]:
            context["reflection_values_html"] = answer_html.values_fields(self, loader, view, "reflection", True)
        return render_template(self, loader, f"templates/parts/{name}.html", context).strip()

    def _regions(self, identity, store, group, names, room_parts=None, pending=(), room=None):
        """The answer of a write that changed only the regions `names`: {"regions": {name:
        html}}, each rendered from a view that computes (and reads the settings of) only
        what those regions show. `room_parts`: what of the room they show (`_room`), None
        when they show none of it; `room`: the room as the write already read it.

        A region that is not on the participant's page as it now is (staff started a new
        round since the page was loaded) cannot be swapped in: then the answer is the
        whole state, as the page loads it."""
        store, round_number, mine, _history = self._participant(identity, store, group)
        if room is None and room_parts is not None and mine.position is not None:
            room = self._room(identity, store, round_number, mine, group, pending, parts=room_parts)
        view = ParticipantView(self, identity, store, round_number, mine, room)
        shown = REGIONS if view["revealed"] else ("movement", "deliberation", "reflection")
        if not (view["positioned"] and set(names) <= set(shown)):
            return self._state(identity, store, group, pending)
        return {"regions": {name: self._region_html(name, view) for name in names}}

    def own_positions(self, identity):
        """What `identity` wrote here, round by round, as their own view shows it
        (view_model.MyView): position, reason, re-vote, response, answer, reflection. Others'
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
                found.append({"round": number, **MyView(self, mine, lambda: labels, None).complete()})
        return found

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
