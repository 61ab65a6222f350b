"""A participant's writes on their case (or their team's): the case's description, a
session's log entry, an action's status, the presentation, sharing, drafts, and the
readable download. Mixed into CaseBlock (block.py); the paper is paper.py, the group's
pages group.py.
"""
import re
import uuid

from django.utils import timezone

from ..core.course_records import course_write
from ..core.dates import real_date
from ..core.handlers import (Bool, Choice, HandlerError, Int, ListOf, MapOf, Object, Optional, Str,
                             json_handler)
from ..core.i18n import _
from ..core.text import tidy
from . import config, document, model
from .shapes import FIELD_TEXT, MAX_ACTIONS, MAX_BODY, check_size

URL = re.compile(r"^https?://[^\s<>\"']+$")
DRAFT_KEYS = ("definition", "entry", "paper", "presentation")


def new_id():
    return uuid.uuid4().hex[:12]


class ParticipantWritesMixin:
    """The participant's handlers on their case."""

    # --- Participant handlers ---------------------------------------------------------------
    # Each write runs in the participant's serialised step (core/storage.py) and
    # also takes the course-level case lock (core/course_records.py), because
    # every case block of the course with the same key writes the same case.

    def _write_step(self, identity):
        return course_write(self, identity, self._stores().base)

    def _case_in_step(self, identity, group_required=True):
        """Inside `_write_step`: the stores, the writer's group (a team case needs one) and
        their case as the records say now, so every check a write makes sees the latest."""
        stores = self._stores().keep_reads()
        group = self._group(identity)
        if group_required:
            self._require_group(group)
        view, version, drafts = self._case(identity, group, stores)
        return stores, group, view, version, drafts

    @json_handler(Object({"fields": MapOf(Str(40), FIELD_TEXT, 20)}), writes=True, max_body=MAX_BODY)
    def save_case(self, data, identity):
        """A new revision of the case (the first is kept), and the personal fields."""
        keys = self.field_keys
        unknown = [key for key in data["fields"] if key not in keys]
        if unknown:
            # Only an out-of-date page sends a field the author has since removed; the key
            # itself means nothing to the participant.
            raise HandlerError(400, "unknown_field", _("This case no longer asks for one of these fields. "
                                                       "Copy what you wrote, reload the page and try again."),
                               field="fields")
        fields = {key: tidy(value) for key, value in data["fields"].items()}
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            was_defined = view.defined
            if not was_defined:
                # Its answer shows the log entry form, made from the sessions: a broken list refuses
                # the write before anything is stored, as the page shows no form then.
                sessions = self.sessions
            case_fields = {k: v for k, v in fields.items() if k not in config.PERSONAL_FIELDS or not self.team_mode}
            personal = {k: v for k, v in fields.items() if k in config.PERSONAL_FIELDS and self.team_mode}
            merged = {**view.fields, **case_fields}
            if "title" in keys and not merged.get("title") and (case_fields or not view.defined):
                raise HandlerError(400, "title_required", _("Give your case a title first."), field="fields.title")
            changed = False
            if case_fields and merged != view.fields:
                self._append_case_event(identity, stores, group, {"kind": "definition", "fields": merged,
                                                                  "revision": len(view.definitions) + 1})
                changed = True
            merged_personal = {**view.personal_fields, **personal}
            if personal and merged_personal != view.personal_fields:
                self._append_own(identity, stores, {"kind": "personal", "fields": merged_personal})
                changed = True
            if drafts.get("definition"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "definition": {}}, version)
            if changed:
                self.publish_event("case_saved", {"revision": len(view.definitions) + 1})
            view, version, drafts = self._after_write(identity, stores, group)
        regions = ["definition"]
        if view.defined and not was_defined:   # what a described case adds below its description
            regions += ["entry", "paper", "presentation", "share"]
        else:
            sessions = None
        if "learning_wishes" in fields and group is not None:   # the group section shows one's own wishes' follow-ups
            regions.append("group")
        return self._regions_answer(identity, view, version, drafts, group, regions, sessions, saved=changed)

    @json_handler(Object({
        "session": Int(1, 99),
        "parts": MapOf(Str(20), FIELD_TEXT, 10),
        "reflection": MapOf(Str(30), FIELD_TEXT, 10),
        "actions": ListOf(Object({"text": Str(1000, min_length=1), "due": Optional(Str(10), "")}, "Action"),
                          MAX_ACTIONS),
        "carried": Optional(MapOf(Str(40), Choice(*model.ACTION_STATES), 200), {}),
        "seen": Int(0, 10_000),
    }), writes=True, max_body=MAX_BODY)
    def log_entry(self, data, identity):
        """A session's log entry: what happened, the reflection, next actions (each with
        a due date); and the status of the actions carried over from earlier entries.

        `seen` is how many entries of this session the writer's page showed as theirs.
        When the records hold another number, this entry was written against an older
        page (a double click, a second tab): 409 `stale_entry`, nothing is stored, and
        the page loads what is there (`case_view`)."""
        sessions = self.sessions
        session = {s.number: s for s in sessions}.get(data["session"])
        if session is None or not session.log_entry:
            raise HandlerError(400, "no_such_session", _("Session %(number)s does not ask for a log entry."),
                               number=data["session"])
        # One structure per entry: parts only where the template asks for them.
        part_keys = {key for key, _label in config.entry_parts(self.reflection_template)}
        _label, steps = config.REFLECTION_TEMPLATES.get(self.reflection_template, config.REFLECTION_TEMPLATES["free"])
        step_keys = {key for key, _l, _p in steps}
        bad = [k for k in data["parts"] if k not in part_keys] + [k for k in data["reflection"] if k not in step_keys]
        if bad:
            raise HandlerError(400, "unknown_part", _("This log entry no longer has one of these parts. "
                                                      "Copy what you wrote, reload the page and try again."),
                               field="parts" if set(bad) - step_keys - set(data["reflection"]) else "reflection")
        actions = []
        for index, action in enumerate(data["actions"]):   # the page names each row by its place in the list sent
            text = tidy(action["text"])
            due = tidy(action["due"])
            if not text:
                raise HandlerError(400, "empty_action", _("Describe each action in a few words."),
                                   field=f"actions[{index}].text")
            if due and not real_date(due):
                raise HandlerError(400, "bad_date", _("Choose a date that exists, or leave the date empty."),
                                   field=f"actions[{index}].due")
            actions.append({"id": new_id(), "text": text, "due": due})
        parts = {k: tidy(v) for k, v in data["parts"].items() if tidy(v)}
        reflection = {k: tidy(v) for k, v in data["reflection"].items() if tidy(v)}
        if not parts and not reflection and not actions and not data["carried"]:
            raise _empty_entry()
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            if not view.defined:
                raise HandlerError(409, "case_not_defined", _("Describe your case first."))
            if view.entries_by(identity.anonymous_id, session.number) != data["seen"]:
                raise HandlerError(409, "stale_entry", _("This entry was saved already, in this window or "
                                                         "another one. The page now shows what is stored."))
            current = {a["id"]: a["status"] for a in view.actions(self._today())}
            unknown = [action_id for action_id in data["carried"] if action_id not in current]
            if unknown:
                raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
            # The form sends every open action, as "open" unless changed: only a change is written.
            carried = {aid: status for aid, status in data["carried"].items() if current[aid] != status}
            if not parts and not reflection and not actions and not carried:
                raise _empty_entry()
            entry = self._append_case_event(identity, stores, group, {
                "kind": "entry", "session": session.number, "parts": parts, "reflection": reflection,
                "template": self.reflection_template, "actions": actions})
            for action_id, status in carried.items():
                self._append_case_event(identity, stores, group, {
                    "kind": "action_status", "action": action_id, "status": status, "in_entry": entry["id"]})
            if drafts.get("entry"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "entry": {}}, version)
            self.publish_event("entry_logged", {"session": session.number, "actions": len(actions)})
            view, version, drafts = self._after_write(identity, stores, group, sessions)
        # The form (emptied, its counts and carried actions), the timeline, the actions and the entries.
        return self._regions_answer(identity, view, version, drafts, group, ["entry", "timeline", "actions", "entries"],
                                    sessions, entry=entry["id"])

    @json_handler(Object({"action": Str(40, min_length=1), "status": Choice(*model.ACTION_STATES),
                          "note": Optional(Str(1000, multiline=True), "")}), writes=True)
    def set_action_status(self, data, identity):
        """Mark an action done, dropped or open again (a new event; the history stays)."""
        # The answer's entry form lists the sessions: read (and checked) before anything is written.
        sessions = self.sessions
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            current = {a["id"]: a["status"] for a in view.actions(self._today())}
            if data["action"] not in current:
                raise HandlerError(404, "no_such_action", _("There is no such action in this case."))
            # A note on an unchanged status ("still open: waiting for a date") is kept too.
            if current[data["action"]] != data["status"] or tidy(data["note"]):
                self._append_case_event(identity, stores, group, {"kind": "action_status", "action": data["action"],
                                                                  "status": data["status"],
                                                                  "note": tidy(data["note"])})
                self.publish_event("action_status_changed", {"status": data["status"]})
            view, version, drafts = self._after_write(identity, stores, group)
        # The actions, and the entry form's list of open actions to carry over.
        return self._regions_answer(identity, view, version, drafts, group, ["actions", "entry"], sessions)

    @json_handler(Object({"title": Str(300), "date": Str(10), "slides": Str(500)}), writes=True)
    def save_presentation(self, data, identity):
        """The presentation's title, date and a link to the slides."""
        title, day, slides = tidy(data["title"]), tidy(data["date"]), tidy(data["slides"])
        if not title:
            raise HandlerError(400, "empty_title", _("Give the presentation a title."), field="title")
        if day and not real_date(day):
            raise HandlerError(400, "bad_date", _("Choose a date that exists, or leave the date empty."),
                               field="date")
        if slides and not URL.match(slides):
            raise HandlerError(400, "bad_link", _("The slides link must start with https:// or http://."),
                               field="slides")
        # A copy focused on one session shows the presentation only on its session: read (and
        # checked) before anything is written. The whole journey's copy needs no sessions.
        sessions = self.sessions if self.focus_session else None
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            self._append_case_event(identity, stores, group, {"kind": "presentation", "title": title, "date": day,
                                                              "slides": slides})
            if drafts.get("presentation"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "presentation": {}}, version)
            self.publish_event("presentation_saved", {})
            view, version, drafts = self._after_write(identity, stores, group)
        # Whether it was given is staff's record (the outcome): only the presentation's own part changes.
        return self._regions_answer(identity, view, version, drafts, group, ["presentation"], sessions)

    @json_handler(Object({"shared": Bool()}), writes=True)
    def share(self, data, identity):
        """Share the case summary and latest entry with the group, or keep it private (the default)."""
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity, group_required=False)
            if view.shared != data["shared"]:
                self._append_own(identity, stores, {"kind": "share", "shared": data["shared"]})
                self.publish_event("shared", {"shared": data["shared"]})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._regions_answer(identity, view, version, drafts, group, ["share"], shared=data["shared"])

    @json_handler(Object({"key": Choice(*DRAFT_KEYS), "data": MapOf(Str(60), FIELD_TEXT, 40), "version": Int(0)}),
                  writes=True, max_body=MAX_BODY)
    def save_draft(self, data, identity):
        """Autosave: keep what is being typed. `version` must be the one last returned (else 409)."""
        with self._write_step(identity):
            stores = self._stores()
            version, drafts = stores.drafts.read(identity.anonymous_id)
            if data["version"] != version:
                raise HandlerError(409, "stale_version", _("This was changed in another window. "
                                                           "Reload the page to continue with the newest text."))
            draft = _nested_draft(data["key"], data["data"])
            new = {**drafts, data["key"]: draft}
            check_size(new)
            version = stores.drafts.write(identity.anonymous_id, new, version)
            self.publish_event("draft_saved", {"key": data["key"]})
        return {"version": version, "saved_at": timezone.now().isoformat()}

    @json_handler(Object({"format": Optional(Choice("md", "html"), "html")}), methods=("GET",))
    def download(self, data, identity):
        """Everything the participant (or their team) wrote, as one readable document."""
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        view, sessions = self.participant_case(identity)
        return document.download(self, view, sessions, data["format"])

    def participant_case(self, identity):
        """(case view, sessions): `identity`'s case as this block shows it to them (their
        team's, for a team case), without drafts. The readable download reads it, and so
        does "Mijn leergang" (my_programme/); a few queries, none about other participants.
        Only reads: the group is looked up, never registered (the page does that)."""
        group = self.group_source.group_of(identity) if not identity.is_staff else None
        view, _version, _drafts = self._case(identity, group, with_drafts=False)
        return view, self.sessions


def _empty_entry():
    return HandlerError(400, "empty_entry", _("Your entry is empty. Write at least one part of it, a next action, "
                                              "or mark an earlier action done or dropped."))


def _nested_draft(key, flat):
    """Drafts arrive flat ('parts.done', 'reflection.action', 'actions'); kept as the form has them."""
    if key != "entry":
        return dict(flat)
    draft = {"parts": {}, "reflection": {}}
    for name, value in flat.items():
        head, _dot, tail = name.partition(".")
        if head in ("parts", "reflection") and tail:
            draft[head][tail] = value
        else:
            draft[name] = value
    return draft
