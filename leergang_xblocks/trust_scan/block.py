"""The trust scan (vertrouwensscan): a self-assessment with dimension scores,
a chart, a k-anonymous cohort comparison and pre/post growth.

Where things are:
- fields, Studio settings, the instrument and the participant's records: this file
- the page and the mobile apps' data: `views.py`
- the participant's results, chart and cohort comparison: `results.py`
- participant handlers (save_draft, submit, results, start_retake, save_reflection): `handlers.py`
- what the records say about a participant, the series records: `records.py`
- staff handlers (staff_report, export_csv) and instructor reports: `staff.py`
- scoring, cohort means, alpha: `scoring.py`; instruments: `instrument.py`; chart: `chart.py`
"""
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String

from ..core.authored_yaml import AuthoredDataError
from ..core.blocks import LeergangBlockMixin, needs_services
from ..core.handlers import HandlerError
from ..core.i18n import _
from ..core.validation import Problem
from ..core.storage import PrivateState, RecordStore, read_together
from .handlers import ANSWERS, ParticipantHandlersMixin  # noqa: F401  (ANSWERS: imported from here)
from .instrument import custom_instrument, shipped_instrument, shipped_instrument_keys
from .records import (ITEM_TYPE, PRIVATE_ITEM_TYPE, SERIES_ITEM_TYPE,  # noqa: F401  (imported from here)
                      ParticipantState, ResultRecords, SeriesRecords)
from .results import ResultsMixin
from .staff import StaffMixin
from .views import ViewsMixin, loader  # noqa: F401  (loader: imported from here)

CUSTOM = "custom"


def _instrument_choices(block=None):
    """Shipped instruments by their title in the author's language, then 'custom'."""
    return [{"display_name": block.localized(shipped_instrument(key).title) if block else key, "value": key}
            for key in shipped_instrument_keys()] + [{"display_name": _("Custom (paste YAML below)"), "value": CUSTOM}]


@needs_services
class TrustScanBlock(ParticipantHandlersMixin, ResultsMixin, ViewsMixin, StaffMixin, LeergangBlockMixin, XBlock):
    """A self-assessment on governing from trust, taken once or as pre/post."""

    display_name = String(display_name=_("Display name"), default=_("Trust scan"), scope=Scope.settings)
    intro = String(
        display_name=_("Introduction"), default="", scope=Scope.content, multiline_editor=True, xml_node=True,
        help=_("Shown above the questions. Plain text."),
    )
    instrument_key = String(
        display_name=_("Instrument"), default="sturen_vanuit_vertrouwen", scope=Scope.settings,
        values_provider=_instrument_choices,
        help=_("One of the instruments that come with this block, or your own: choose 'Custom' "
               "and paste it as YAML under Advanced settings."),
    )
    custom_instrument_yaml = String(
        display_name=_("Custom instrument (YAML)"), default="", scope=Scope.content, multiline_editor=True,
        xml_node=True,  # exported as an element, so the YAML stays readable in OLX
        help=_("Used when you choose 'Custom' as the instrument. The authors' guide describes the format."),
    )
    min_cohort_size = Integer(
        display_name=_("Minimum group size for the cohort comparison"), default=5, scope=Scope.settings,
        help=_("The cohort mean is shown only once at least this many participants have a score (3 or more)."),
    )
    allow_retake = Boolean(
        display_name=_("Allow retakes"), default=False, scope=Scope.settings,
        help=_("Participants may take the scan again; earlier results are kept."),
    )
    series = String(
        display_name=_("Pre/post series"), default="", scope=Scope.settings,
        help=_("Give two scans in this course the same series name (say 'start-end') "
               "to show participants their change on the later one."),
    )
    series_position = Integer(
        display_name=_("Position in the series"), default=0, scope=Scope.settings,
        help=_("1 for the first scan of the series, 2 for the next, and so on. Set it before participants "
               "start. Scans with the same position count in the order in which a participant took them."),
    )

    # Everything about a participant is in records (core/storage.py): results in
    # `_records()`, the draft and the private note in `_private()`; whether they
    # submitted, their attempts and "retaking" are derived from those
    # (`_participant`). This copy of the latest result exists only for the
    # platform's "Problem responses" report, which reads user state; it is
    # written in submit's serialised step and never read to decide anything.
    submitted_result = Dict(default={}, scope=Scope.user_state)
    # A submit saves that copy, which keeps the learner's user-state row for the LMS's
    # reset on its own: it need not read the marker as well (core/reset.py).
    report_copy_keeps_state_row = True

    # Writing an instrument of one's own is for the few who need it: folded away.
    studio_advanced = ("custom_instrument_yaml",)

    editable_fields = ("display_name", "intro", "instrument_key", "custom_instrument_yaml",
                       "min_cohort_size", "allow_retake", "series", "series_position")
    event_names = ("draft_saved", "submitted", "retake_started", "reflection_saved")

    # --- The instrument -----------------------------------------------------------

    @property
    def instrument(self):
        """The instrument in use. Studio refuses invalid ones, but a course imported
        from OLX, or a shipped instrument removed in an upgrade, can still lack one."""
        try:
            key = self.instrument_key
            # The YAML field is read only when used: in the workbench every field
            # read is a query, and most scans use a shipped instrument.
            return _load_instrument(key, self.custom_instrument_yaml if key == CUSTOM else "")
        except AuthoredDataError as exc:
            # Every problem, in the reader's language (an OLX import can bring broken YAML).
            raise HandlerError(409, "not_configured", _("This scan is not set up correctly: %(problem)s"),
                               problem="; ".join(exc.texts(self.translate))) from exc

    def settings_problems(self, data):
        """Every problem in the settings, each naming its field (and for the
        YAML its line and key path). Types are already checked (core/blocks.py)."""
        problems = []
        if data.instrument_key != CUSTOM and data.instrument_key not in shipped_instrument_keys():
            problems.append(Problem(("instrument_key",), _("Choose one of the options in the list.")))
        elif data.instrument_key == CUSTOM:
            try:
                custom_instrument(data.custom_instrument_yaml or "")
            except AuthoredDataError as exc:
                problems += [Problem(("custom_instrument_yaml",) + p.path, p.message, p.params, p.line)
                             for p in exc.problems]
        if not isinstance(data.min_cohort_size, int) or not 3 <= data.min_cohort_size <= 1000:
            problems.append(Problem(("min_cohort_size",), _("Write a whole number from 3 to 1000.")))
        if len(data.series or "") > 60:
            problems.append(Problem(("series",), _("Write at most 60 characters.")))
        if not isinstance(data.series_position, int) or not 0 <= data.series_position <= 99:
            problems.append(Problem(("series_position",), _("Write a whole number from 0 to 99.")))
        if not (data.display_name or "").strip():
            problems.append(Problem(("display_name",), _("Write a name for this block.")))
        return problems

    # --- Records ------------------------------------------------------------------

    def _records(self, writing=False):
        """The participant's results; `writing`: a write's read of them, from the copies
        (records.ResultRecords). The page and the reads keep reading edx-submissions,
        whose `get_submissions` makes a new participant's StudentItem on their first
        page, so that their first submit finds it."""
        return ResultRecords(self, ITEM_TYPE) if writing else RecordStore(self, ITEM_TYPE)

    def _series_records(self, course_id=None, item_id=None):
        return SeriesRecords(self, self.series, course_id, item_id) if self.series else None

    def _private(self, course_id=None, item_id=None):
        """The participant's draft and private note: private records, versioned."""
        return PrivateState(self, PRIVATE_ITEM_TYPE, course_id=course_id, item_id=item_id)

    staff_removal_text = _("This removes everything %(participant)s did in this scan: their submitted results, "
                           "their draft and their private note. They can then fill it in again as if new. Their "
                           "scores are taken out of the group figures at once; the group mean participants see "
                           "changes with the next snapshot, once at least %(k)s participants have submitted, "
                           "retaken or been removed since the last one. If fewer than %(k)s participants are "
                           "left, participants see no group mean until there are %(k)s again.")

    def staff_removal_params(self):
        return {"k": self.min_cohort_size}

    def participant_stores(self, course_id, item_id):
        """Every store this block writes for a participant (for clear_student_state)."""
        stores = [RecordStore(self, ITEM_TYPE, item_id=item_id, course_id=course_id),
                  self._private(course_id, item_id)]
        if self.series:
            stores.append(self._series_records(course_id, item_id))
        return stores

    def _participant(self, identity, with_series=False, writing=False):
        """What the records say about this participant, read now, in one query:
        their results, their newest private state and, `with_series`, their
        records of this scan's series (storage.read_together).

        Inside a writing handler (`writing`) this runs within the serialised step,
        so what it returns is what the next write builds on.
        """
        if not identity.anonymous_id:
            return ParticipantState([], 0, {}, [] if with_series else None)
        series = self._series_records() if with_series else None
        stores = [self._records(writing), self._private()] + ([series] if series else [])
        found = read_together(identity.anonymous_id, *stores)
        results = [{**record.data, "attempt": record.attempt} for record in found[0]]
        version, private = PrivateState.state_of(found[1][-1] if found[1] else None)
        series_data = [record.data for record in found[2]] if series else ([] if with_series else None)
        return ParticipantState(results, version, private, series_data)

    @staticmethod
    def workbench_scenarios():
        from .scenarios import SCENARIOS
        return SCENARIOS


def _load_instrument(key, custom_yaml):
    if key == CUSTOM:
        return custom_instrument(custom_yaml or "")
    return shipped_instrument(key)
