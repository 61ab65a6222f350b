"""A participant's case body, region by region (`data-region`, see docs/developers.md).

Each region is one template part (templates/case_regions/<name>.html) with the context it
shows, and nothing else: the page renders them all into templates/case_body.html, a write
answers with the few it changed. So an answer and a page loaded afresh cannot drift, and a
write's answer reads only the settings its regions show (in the workbench every setting
read is a query; the body as a whole reads nearly every setting of the block).

The settings-made parts that no participant write changes stay on the page: the privacy
note, the downloads, the case text above the body. The group section is group.py's
(`data-region="group"`), rendered by its own template part.
"""
import functools

from xblock.utils.resources import ResourceLoader

from ..core.i18n import _
from ..core.rendering import render_template
from . import config
from .shapes import MAX_ACTIONS, MAX_FIELD

loader = ResourceLoader(__name__)

REGIONS = ("outcome", "definition", "entry", "timeline", "actions", "entries", "comments", "paper",
           "presentation", "share")


class CaseBody:
    """What the regions of one participant's case body show, each value worked out once and
    only when a region asks for it. `sessions`: the block's sessions when the caller read
    them already (read from the block otherwise, and only by a region that shows them)."""

    def __init__(self, block, identity, view, drafts, group, sessions=None):
        self.block = block
        self.identity = identity
        self.view = view
        self.drafts = drafts or {}
        self.group = group
        self._sessions = sessions

    # --- What several regions share ---------------------------------------------------

    @functools.cached_property
    def base(self):
        block = self.block
        team = block.team_mode
        return {"block": block, "signed_in": self.identity.is_authenticated, "is_staff": self.identity.is_staff,
                "team": team, "group": self.group, "no_team": team and self.group is None,
                "defined": self.view.defined, "element_id": block._element_id(), "max_field": MAX_FIELD,
                "max_actions": MAX_ACTIONS}

    @functools.cached_property
    def sessions(self):
        return self._sessions if self._sessions is not None else self.block.sessions

    @functools.cached_property
    def day(self):
        return self.block._today()

    @functools.cached_property
    def focus(self):
        return self.block.focus_session

    @functools.cached_property
    def actions(self):
        return [self.block._with_due_text(a) for a in self.view.actions(self.day)]

    @functools.cached_property
    def action_states(self):
        translate = self.block.translate
        return [{"value": "open", "label": translate(_("open"))},
                {"value": "done", "label": translate(_("done"))},
                {"value": "dropped", "label": translate(_("dropped"))}]

    @functools.cached_property
    def shown_entries(self):
        """The entries this copy shows (one session's, for a copy focused on it), oldest first."""
        focus = self.focus
        return [e for e in self.view.entries if not focus or e.data.get("session") == focus]

    # --- One context per region -----------------------------------------------------------

    def outcome(self):
        block = self.block
        if not block.show_outcome:
            return {}
        return {"outcome": block._outcome_context(self.view.outcome(self.sessions, block.case_rule, self.day))}

    def definition(self):
        view = self.view
        return {"fields": self.block._field_context(view, self.drafts), "revisions": len(view.definitions)}

    def entry(self):
        block, view = self.block, self.view
        if not view.defined:
            return {}
        focus = self.focus
        log_sessions = [s for s in self.sessions if s.log_entry and (not focus or s.number == focus)]
        next_session = next((s for s in log_sessions if not view.entries_for(s.number)), None)
        if next_session is None and log_sessions:
            next_session = log_sessions[-1]
        entry_draft = self.drafts.get("entry") or {}
        template = block.reflection_template
        return {
            "log_sessions": [{**block._localized_session(s),
                              "seen": view.entries_by(self.identity.anonymous_id, s.number)} for s in log_sessions],
            "next_session": next_session.number if next_session else None,
            "entry_parts": [{"key": key, "label": block.translate(label),
                             "value": (entry_draft.get("parts") or {}).get(key, "")}
                            for key, label in config.entry_parts(template)],
            "reflection_steps": block._reflection_steps(entry_draft),
            "template_name": block.translate(config.REFLECTION_TEMPLATES[template][0])
            if template in config.REFLECTION_TEMPLATES else "",
            "open_actions": [a for a in self.actions if a["status"] == "open"],
            "action_states": self.action_states,
        }

    def timeline(self):
        block, view, sessions = self.block, self.view, self.sessions
        # Each written session's newest entry shown below: the timeline links to it.
        newest = {e.data.get("session"): e.id for e in self.shown_entries}
        context = {"timeline": [{**row, "entry_id": newest.get(row["number"], "")}
                                for row in block._timeline_context(view, sessions, self.day)]}
        if block.show_outcome:   # the caption: what attendance the rule asks, without the rest of the rule
            context["attendance"] = {"attended": view.attended_count(sessions), "required": block.attendance_required}
        return context

    def actions_region(self):
        return {"actions": self.actions, "action_states": self.action_states}

    def entries(self):
        return {"entries": self.entry_contexts()}

    def entry_contexts(self):
        return [self.block._entry_context(e) for e in self.shown_entries]

    def comments(self):
        block = self.block
        return {"comments": [{"text": c.data.get("text", ""), "author": c.data.get("by_name", ""),
                              "role": c.data.get("role", "staff"), "at": c.at, "at_text": block.date_text(c.at),
                              "target": c.data.get("target", "case")} for c in self.view.comments]}

    def paper(self):
        block, focus = self.block, self.focus
        if not self.view.defined or not block.require_paper:
            return {"show_paper": False}
        shown = not focus or any(s.paper and s.number == focus for s in self.sessions)
        if not shown:
            return {"show_paper": False}
        return {"show_paper": True, **block._paper_context(self.view, self.drafts.get("paper") or {})}

    def presentation(self):
        focus, view = self.focus, self.view
        if not view.defined:
            return {}
        presentation = view.presentation
        draft = self.drafts.get("presentation") or {}
        return {"show_presentation": not focus or any(s.presentation and s.number == focus for s in self.sessions),
                "presentation": presentation.data if presentation else None,
                "presentation_draft": draft or (presentation.data if presentation else {}),
                "presented": view.presented}

    def share(self):
        return {"shared": self.view.shared} if self.view.defined else {}

    # --- Rendering ------------------------------------------------------------------------

    def context(self, name):
        part = self.actions_region if name == "actions" else getattr(self, name)
        return {**self.base, **part()}

    def region_html(self, name):
        return render_template(self.block, loader, f"templates/case_regions/{name}.html", {"c": self.context(name)})

    def regions(self, names):
        """{name: outer html} of the regions named, for a write's answer."""
        return {name: self.region_html(name) for name in names}

    def saved_entry_html(self, entry_id):
        """The confirmation beside the entry form's button, in the answer of the write that saved it."""
        entry = next((e for e in self.shown_entries if e.id == entry_id), None)
        if entry is None:
            return ""
        return render_template(self.block, loader, "templates/case_regions/entry_saved.html",
                               {"c": {**self.base, "saved_entry": {"id": entry.id,
                                                                   "session": entry.data.get("session")}}})

    def html(self):
        """The whole body, as the page shows it (and `case_view` after a conflict)."""
        context = dict(self.base)
        if context["signed_in"] and not context["no_team"]:
            context["regions"] = self.regions(REGIONS)
            if self.group is not None and self.identity.anonymous_id:
                context["group_html"] = self.block.group_html(self.identity, self.group, self.block._stores())
        return render_template(self.block, loader, "templates/case_body.html", {"c": context})

    def full_context(self):
        """What the staff's view of one case shows (staff_case.html): the fields, the entries,
        the comments, the outcome and the paper, whatever this copy shows the participant."""
        block, view = self.block, self.view
        return {**self.base, **self.definition(), **self.entries(), **self.comments(),
                "outcome": block._outcome_context(view.outcome(self.sessions, block.case_rule, self.day)),
                **block._paper_context(view, {})}
