"""The final paper: a participant hands in (a new version of) their paper, staff
assess the newest version. Mixed into CaseBlock (block.py), beside the staff
mixin (staff.py) whose helpers the assessment uses: who the participant is,
their team, the staff record, the score.
"""
from ..core.handlers import Choice, HandlerError, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy
from . import model
from .shapes import MAX_BODY, MAX_FIELD
from .staff import MAX_COMMENT, PARTICIPANT


class PaperMixin:
    """Handing in and assessing the final paper."""

    @json_handler(Object({"text": Str(MAX_FIELD, multiline=True), "reflection": Str(MAX_FIELD, multiline=True)}),
                  writes=True, max_body=MAX_BODY)
    def submit_paper(self, data, identity):
        """Hand in (a new version of) the final paper with its reflection section."""
        text, reflection = tidy(data["text"]), tidy(data["reflection"])
        if not text:
            raise HandlerError(400, "empty_paper", _("The paper is empty."), field="text")
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            if not view.defined:
                raise HandlerError(409, "case_not_defined", _("Describe your case first."))
            words = model.word_count(text, reflection)
            self._append_case_event(identity, stores, group, {"kind": "paper", "text": text, "reflection": reflection,
                                                              "words": words, "version": len(view.papers) + 1})
            if drafts.get("paper"):
                version = stores.drafts.write(identity.anonymous_id, {**drafts, "paper": {}}, version)
            self.publish_event("paper_submitted", {"words": words})
            view, version, drafts = self._after_write(identity, stores, group)
        return self._answer(identity, view, version, drafts, group, words=words)

    @json_handler(Object({"participant": PARTICIPANT, "paper": Str(40, min_length=1),
                          "result": Choice("sufficient", "insufficient"),
                          "feedback": Optional(Str(MAX_COMMENT, multiline=True), "")}), staff_only=True, writes=True)
    def assess_paper(self, data, identity):
        """Assess the newest version of the final paper; the score follows when scoring is on."""
        self._refuse_unknown_participants([data["participant"]])
        view, _group = self._participant_case(data["participant"])
        if view.paper is None:
            raise HandlerError(409, "no_paper", _("This participant has not handed in a paper."))
        if view.paper.id != data["paper"]:
            raise HandlerError(409, "stale_paper", _("A newer version of this paper was handed in. "
                                                     "Read it before you assess."))
        if data["result"] == "insufficient" and not tidy(data["feedback"]):
            raise HandlerError(400, "feedback_required", _("Say what is needed for a sufficient paper."),
                               field="feedback")
        members = self._team_members(data["participant"])
        for aid in members:
            self._staff_append(identity, aid, {"kind": "assessment", "paper": data["paper"], "result": data["result"],
                                               "feedback": tidy(data["feedback"])})
        for aid in sorted(members):
            self._update_score_for(aid, identity)
        self.publish_event("paper_assessed", {"result": data["result"]})
        return {"saved": True, "html": self._staff_case_html(data["participant"], "staff")}
