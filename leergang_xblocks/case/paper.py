"""The final paper: a participant hands in (a new version of) their paper as text,
as a file (PDF or Word) or both, as the author chose; they and staff download the
file. Mixed into CaseBlock (block.py); staff's assessment is paper_assessment.py,
the file checks and storage paper_files.py, the rubric rubric.py.
"""
from xblock.fields import Boolean, Integer, Scope, String

from ..core.authored_yaml import AuthoredDataError
from ..core.handlers import Bool, HandlerError, Nullable, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core.text import tidy
from ..core.validation import Problem
from ..stores.api import stored_files
from . import config, model, paper_files, rubric
from .paper_assessment import PaperAssessmentMixin
from .shapes import MAX_FIELD
from .staff import PARTICIPANT

PAPER_FORMS = config.PAPER_FORMS
UPLOAD = Object({"name": Str(paper_files.MAX_NAME), "data": Str(paper_files.MAX_UPLOAD_BODY)}, "File")


def _form_choices(block=None):
    return [{"display_name": _("As text in the page"), "value": "text"},
            {"display_name": _("As a file (PDF or Word)"), "value": "file"},
            {"display_name": _("As text, a file or both (the participant chooses)"), "value": "both"}]


class PaperMixin(PaperAssessmentMixin):
    """Handing in the final paper, its settings and what the participant sees of it."""

    paper_form = String(
        display_name=_("How the final paper is handed in"), default="text", scope=Scope.settings,
        values_provider=_form_choices,
        help=_("A file is kept in the platform's file storage; participants and staff download it."))
    paper_max_mb = Integer(
        display_name=_("Largest paper file (MB)"), default=paper_files.DEFAULT_MAX_MB, scope=Scope.settings,
        help=_("Files larger than this are refused with a message to the participant."))
    paper_rubric = String(
        display_name=_("Rubric for the final paper"), default="", scope=Scope.content, multiline_editor=True,
        xml_node=True,
        help=_("Criteria staff assess the paper on, each with its levels from low to high. Empty: staff assess "
               "the paper as sufficient or insufficient."))
    second_reader = Boolean(
        display_name=_("A second reader assesses the paper"), default=False, scope=Scope.settings,
        help=_("Two staff members assess each paper version independently; they see each other's verdict once "
               "both are in. The participant sees only the final verdict."))
    reader_rule = String(
        display_name=_("When the two readers differ"), default="lowest", scope=Scope.settings,
        values_provider=rubric.rule_choices)

    PAPER_FIELDS = ("paper_form", "paper_max_mb", "paper_rubric", "second_reader", "reader_rule")

    @property
    def rubric_criteria(self):
        try:
            return rubric.criteria_of(self.paper_rubric or "")
        except AuthoredDataError as exc:
            raise HandlerError(409, "not_configured", _("This case tracker is not set up correctly: %(problem)s"),
                               problem="; ".join(exc.texts(self.translate))) from exc

    def paper_settings_problems(self, data):
        problems = []
        if data.paper_form not in PAPER_FORMS:
            problems.append(Problem(("paper_form",), _("Choose one of the options in the list.")))
        if not isinstance(data.paper_max_mb, int) or not 1 <= data.paper_max_mb <= paper_files.MAX_MB:
            problems.append(Problem(("paper_max_mb",), _("Write a whole number from 1 to %(max)s."),
                                    {"max": paper_files.MAX_MB}))
        criteria = []
        try:
            criteria = rubric.parse(data.paper_rubric or "")
        except AuthoredDataError as exc:
            problems += [Problem(("paper_rubric",) + p.path, p.message, p.params, p.line) for p in exc.problems]
        if data.reader_rule not in rubric.RULES:
            problems.append(Problem(("reader_rule",), _("Choose one of the options in the list.")))
        elif data.second_reader and data.reader_rule == "average" and not criteria:
            problems.append(Problem(("reader_rule",), _("An average needs a rubric: add criteria with levels, "
                                                        "or choose another rule.")))
        return problems

    @json_handler(Object({"text": Str(MAX_FIELD, multiline=True), "reflection": Str(MAX_FIELD, multiline=True),
                          "file": Optional(Nullable(UPLOAD.type), None), "keep_file": Optional(Bool(), False)}),
                  writes=True, max_body=paper_files.MAX_UPLOAD_BODY, upload="file")
    def submit_paper(self, data, identity):
        """Hand in (a new version of) the final paper with its reflection section: the
        text, a file, or both, as the author chose. The page sends a form (multipart: the
        body as part `json`, the file as part `file`, see core/handlers.py); a program may
        send JSON with `file` as its name and base64 content (a small file: the platform
        refuses request data over 2.5 MB). `keep_file`: keep the previous version's file."""
        form = self.paper_form if self.paper_form in PAPER_FORMS else "text"
        text = tidy(data["text"]) if form != "file" else ""
        reflection = tidy(data["reflection"])
        upload = data["file"]
        if upload is not None and form == "text":
            raise HandlerError(400, "file_not_asked", _("This paper is handed in as text, not as a file."),
                               field="file")
        if form == "text" and not text:
            raise HandlerError(400, "empty_paper", _("The paper is empty."), field="text")
        received = paper_files.received(upload, self.paper_max_mb) if upload is not None else None
        # The answer's outcome counts the sessions: read (and checked) before anything is written.
        sessions = self.sessions
        with self._write_step(identity):
            stores, group, view, version, drafts = self._case_in_step(identity)
            if not view.defined:
                raise HandlerError(409, "case_not_defined", _("Describe your case first."))
            kept = (view.paper.data.get("file") if view.paper else None) if data["keep_file"] and not received \
                else None
            if data["keep_file"] and not received and not kept:
                raise HandlerError(409, "no_file_to_keep", _("The previous version has no file. Choose the file "
                                                             "with your paper."), field="file")
            if form == "file" and received is None and kept is None:
                raise HandlerError(400, "file_required", _("Choose the file with your paper."), field="file")
            if form == "both" and not text and received is None and kept is None:
                raise HandlerError(400, "empty_paper", _("Write your paper here or choose the file with it."),
                                   field="text")
            described = paper_files.store(*received) if received else kept
            try:
                words = model.word_count(text, reflection)
                record = {"kind": "paper", "text": text, "reflection": reflection, "words": words,
                          "version": len(view.papers) + 1, **({"file": described} if described else {})}
                self._append_case_event(identity, stores, group, record)
                if drafts.get("paper"):
                    version = stores.drafts.write(identity.anonymous_id, {**drafts, "paper": {}}, version)
                self.publish_event("paper_submitted", {"words": words, "file": bool(described)})
                view, version, drafts = self._after_write(identity, stores, group, sessions)
            except BaseException:
                if received:   # nothing of this version is kept: not its file either
                    stored_files.delete([described["path"]])
                raise
        # The paper's part, and where the participant stands (a paper handed in waits for its assessment).
        return self._regions_answer(identity, view, version, drafts, group, ["paper", "outcome"], sessions,
                                    words=words)

    @json_handler(Object({"participant": Optional(PARTICIPANT, ""), "paper": Optional(Str(40), "")}),
                  methods=("GET",))
    def paper_file(self, data, identity):
        """The file of a paper version (the newest unless `paper` names one): a participant's
        own (or their team's); staff name the participant. Nobody else."""
        participant = data["participant"]
        if participant and participant != identity.anonymous_id:
            if not identity.is_staff:
                raise HandlerError(403, "not_your_paper", _("You can only download your own paper."))
            self._refuse_unknown_participants([participant])
            view, _group = self._participant_case(participant)
        else:
            group = self._group(identity) if not identity.is_staff else None
            view, _version, _drafts = self._case(identity, group, with_drafts=False)
        paper = next((p for p in view.papers if p.id == data["paper"]), None) if data["paper"] else view.paper
        described = paper.data.get("file") if paper is not None else None
        if not isinstance(described, dict):
            raise HandlerError(404, "no_file", _("This paper has no file."))
        return paper_files.download(described)

    def _file_context(self, paper):
        described = paper.data.get("file") if paper is not None else None
        if not isinstance(described, dict):
            return None
        return {"name": described.get("name", ""), "kind": paper_files.kind_text(described.get("type")),
                "paper": paper.id, "size_text": paper_files.size_text(described.get("size", 0), self.language)}

    def _paper_context(self, view, paper_draft):
        """What the participant's page shows of the paper: their versions, the form, the final verdict."""
        paper = view.paper
        form = self.paper_form if self.paper_form in PAPER_FORMS else "text"
        return {
            "paper": {"text": paper.data.get("text", ""), "reflection": paper.data.get("reflection", ""),
                      "words": paper.data.get("words", 0), "at": paper.at, "file": self._file_context(paper),
                      "author": paper.data.get("author_name", "")} if paper else None,
            "paper_versions": len(view.papers),
            "paper_draft": {"text": paper_draft.get("text", paper.data.get("text", "") if paper else ""),
                            "reflection": paper_draft.get("reflection",
                                                          paper.data.get("reflection", "") if paper else "")},
            "paper_status": view.paper_status,
            "paper_form": form, "paper_max_mb": self.paper_max_mb,
            "assessment": self.verdict_context(view.paper_assessment),
        }
