"""The case tracker's completion rule at its boundaries (VU: 5 of 6 sessions, a
sufficient paper, presented), carry-over of open actions, revisions, the sessions format."""
import datetime

import pytest

from leergang_xblocks.case import config, model
from leergang_xblocks.case import rule as rules
from leergang_xblocks.case.model import CaseView, Event
from leergang_xblocks.core.authored_yaml import AuthoredDataError
from tests.support.case import VU_2021_SESSIONS_YAML

VU = rules.Rule(required_attendance=5, require_assessment=True, require_presentation=True)
AT = datetime.datetime(2026, 3, 1, 12, 0)


@pytest.mark.parametrize("attended, paper, presented, status", [
    (6, "sufficient", True, rules.DIPLOMA),
    (5, "sufficient", True, rules.DIPLOMA),
    (4, "sufficient", True, rules.CERTIFICATE),      # programme over: out of reach
    (5, "insufficient", True, rules.CERTIFICATE),
    (5, "missing", True, rules.CERTIFICATE),
    (5, "submitted", True, rules.NOT_YET),           # not assessed yet: staff have not decided
    (5, "sufficient", False, rules.CERTIFICATE),
    (6, "insufficient", False, rules.CERTIFICATE),
    (0, "missing", False, rules.NOT_YET),            # nobody to certify: no participation at all
])
def test_the_vu_rule_once_the_programme_is_over(attended, paper, presented, status):
    outcome = rules.outcome(VU, attended, 0, paper, presented, programme_over=True)
    assert outcome.status == status
    assert outcome.score == (1.0 if status == rules.DIPLOMA else 0.0)


def test_no_status_while_staff_have_not_decided_what_it_rests_on():
    """The day after the closing day, a paper that waits for its assessment, a session
    without recorded attendance or a presentation nobody recorded leave the status open."""
    assert rules.outcome(VU, 5, 0, "submitted", True, programme_over=True).status == rules.NOT_YET
    assert rules.outcome(VU, 4, 1, "sufficient", True, programme_over=True).status == rules.NOT_YET
    assert rules.outcome(VU, 5, 0, "sufficient", False, programme_over=True,
                         presentation_recorded=False).status == rules.NOT_YET
    # Once staff recorded it, the status follows.
    assert rules.outcome(VU, 5, 0, "insufficient", True, programme_over=True).status == rules.CERTIFICATE
    assert rules.outcome(VU, 5, 0, "sufficient", False, programme_over=True,
                         presentation_recorded=True).status == rules.CERTIFICATE
    # Recorded absences decide before the end: the diploma is out of reach.
    assert rules.outcome(VU, 3, 1, "submitted", False, programme_over=False,
                         presentation_recorded=False).status == rules.CERTIFICATE


def test_during_the_programme_missing_parts_are_not_yet_and_say_what_is_missing():
    outcome = rules.outcome(VU, 3, 3, "missing", False, programme_over=False)
    assert outcome.status == rules.NOT_YET
    assert [m["code"] for m in outcome.missing] == ["attendance", "paper", "presentation"]
    assert outcome.missing[0]["needed"] == 2


def test_four_attended_with_one_session_left_can_still_reach_five():
    assert rules.outcome(VU, 4, 1, "sufficient", True, False).status == rules.NOT_YET
    # ... but with no session left the diploma is out of reach before the end.
    assert rules.outcome(VU, 4, 0, "sufficient", True, False).status == rules.CERTIFICATE
    # Two missed of six: 4 attended + 0 left.
    assert rules.outcome(VU, 3, 1, "sufficient", True, False).status == rules.CERTIFICATE


@pytest.mark.parametrize("paper, missing", [
    ("missing", ["paper"]), ("submitted", ["paper_assessment"]),
    ("insufficient", ["paper_insufficient"]), ("sufficient", [])])
def test_paper_states_each_name_what_is_missing(paper, missing):
    outcome = rules.outcome(VU, 6, 0, paper, True, False)
    assert [m["code"] for m in outcome.missing] == missing


def test_without_assessment_or_presentation_required_a_submitted_paper_suffices():
    relaxed = rules.Rule(5, require_assessment=False, require_presentation=False)
    assert rules.outcome(relaxed, 5, 0, "submitted", False, False).status == rules.DIPLOMA
    assert rules.outcome(relaxed, 5, 0, "missing", False, False).missing == [{"code": "paper"}]
    no_paper = rules.Rule(4, require_assessment=False, require_presentation=False, require_paper=False)
    assert rules.outcome(no_paper, 4, 0, "missing", False, False).status == rules.DIPLOMA


def test_an_unknown_paper_state_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.outcome(VU, 5, 0, "great", True, False)


# --- Folding records --------------------------------------------------------------------

def ev(kind, id="", author="p1", at=AT, **data):
    return Event(kind, {"kind": kind, "id": id, **data}, author, at, id)


def sessions():
    return config.parse_sessions(VU_2021_SESSIONS_YAML)


def attended(numbers, absent=()):
    return [ev("attendance", session=n, present=True) for n in numbers] + \
           [ev("attendance", session=n, present=False) for n in absent]


@pytest.mark.parametrize("count, status", [(4, rules.CERTIFICATE), (5, rules.DIPLOMA), (6, rules.DIPLOMA)])
def test_the_rule_from_records_at_4_5_6_sessions(count, status):
    staff = attended(range(1, count + 1), absent=range(count + 1, 7)) + [
        ev("presented", presented=True), ev("assessment", paper="p", result="sufficient")]
    view = CaseView.fold([ev("definition", id="d", fields={"title": "T"}), ev("paper", id="p", text="x")], (), staff)
    outcome = view.outcome(sessions(), VU, datetime.date(2021, 12, 1))
    assert outcome.status == status and outcome.attended == count


def test_a_new_paper_version_needs_a_new_assessment_and_the_latest_attendance_counts():
    staff = attended(range(1, 7)) + [ev("attendance", session=6, present=False), ev("presented", presented=True),
                                     ev("assessment", paper="p1", result="sufficient")]
    view = CaseView.fold([ev("paper", id="p1"), ev("paper", id="p2")], (), staff)
    assert view.paper_status == rules.PAPER_SUBMITTED
    assert view.attended(6) is False and view.attended(5) is True
    assert view.outcome(sessions(), VU, datetime.date(2021, 5, 1)).status == rules.NOT_YET


def test_open_actions_carry_over_until_done_or_dropped():
    events = [
        ev("definition", id="d1", fields={"title": "Eerste"}),
        ev("entry", id="e1", session=1, actions=[{"id": "a1", "text": "Gesprek wethouder", "due": "2021-02-01"},
                                                 {"id": "a2", "text": "Teamoverleg", "due": "2021-03-01"}]),
        ev("entry", id="e2", session=2, actions=[{"id": "a3", "text": "Evaluatie", "due": ""}]),
        ev("action_status", action="a1", status="done"),
    ]
    view = CaseView.fold(events)
    open_now = view.open_actions(datetime.date(2021, 2, 15))
    assert [(a["id"], a["session"]) for a in open_now] == [("a2", 1), ("a3", 2)]
    assert not open_now[0]["overdue"]
    assert view.open_actions(datetime.date(2021, 3, 2))[0]["overdue"]
    # Status changes are events: dropping, then reopening, keeps the history.
    view = CaseView.fold(events + [ev("action_status", action="a2", status="dropped"),
                                   ev("action_status", action="a2", status="open")])
    a2 = next(a for a in view.actions() if a["id"] == "a2")
    assert a2["status"] == "open" and [h["status"] for h in a2["history"]] == ["dropped", "open"]


def test_revisions_keep_the_first_version():
    view = CaseView.fold([ev("definition", id="d1", fields={"title": "Eerste", "problem": "A"}),
                          ev("definition", id="d2", fields={"title": "Tweede", "problem": "B"}),
                          ev("definition", id="d3", fields={"title": "Derde", "problem": "B"})])
    assert view.title == "Derde" and view.first_fields == {"title": "Eerste", "problem": "A"}
    assert len(view.definitions) == 3


def test_the_timeline_states():
    view = CaseView.fold([ev("entry", id="e1", session=1)], (), attended([1], absent=[2]))
    rows = {r["session"].number: r for r in view.timeline(sessions(), datetime.date(2021, 3, 30))}
    assert rows[1]["state"] == "done" and rows[1]["attended"] is True
    assert rows[2]["state"] == "missed" and rows[2]["attended"] is False    # session 3 has been held
    assert rows[3]["state"] == "due" and rows[3]["attended"] is None        # 6 days after session 3
    assert rows[4]["state"] == "upcoming"
    assert rows[7]["state"] == "none"
    later = {r["session"].number: r for r in view.timeline(sessions(), datetime.date(2021, 4, 1))}
    assert later[3]["state"] == "overdue"


def test_word_count_counts_dutch_words():
    assert model.word_count("Het is een goede, 'lerende' bureaucratie-aanpak.", "Nog twee") == 8
    assert model.word_count("", None) == 0


def test_sessions_format_errors_name_their_line():
    with pytest.raises(AuthoredDataError) as raised:
        config.parse_sessions("- number: 1\n  theme: A\n- number: 1\n  date: '1 maart'\n  theme: [A]\n")
    texts = raised.value.texts()
    assert any("line 4" in t and "YYYY-MM-DD" in t for t in texts)
    assert any("line 5" in t for t in texts)
    with pytest.raises(AuthoredDataError) as raised:
        config.parse_sessions("- number: 1\n  theme: A\n- number: 1\n  theme: B\n")
    assert any("line 3" in t and "used twice" in t for t in raised.value.texts())
    with pytest.raises(AuthoredDataError) as raised:
        config.parse_sessions("- number: 1\n  date: 2021-13-01\n  theme: A\n")
    assert raised.value.line == 2
    with pytest.raises(AuthoredDataError):
        config.parse_sessions("number: 1")
    with pytest.raises(AuthoredDataError) as raised:
        config.parse_sessions("- number: 2\n  date: 2021-02-01\n  theme: B\n- number: 3\n  date: 2021-01-01\n  theme: C\n")
    assert "follow each other" in raised.value.texts()[0]


def test_the_vu_2021_sessions_parse_with_six_that_count():
    parsed = sessions()
    assert [s.number for s in parsed if s.counts] == [1, 2, 3, 4, 5, 6]
    assert parsed[-1].paper and parsed[-1].presentation and not parsed[-1].log_entry
    assert parsed[0].theme["nl"] == "Vertrouwen bouwen en behouden"


def test_a_new_case_tracker_starts_with_numbered_sessions_of_no_programme():
    """Studio's new tracker: numbered sessions, no dates, no themes; never one programme's timetable."""
    from leergang_xblocks.case.block import CaseBlock
    parsed = config.parse_sessions(CaseBlock.sessions_yaml.default)
    assert [s.number for s in parsed] == list(range(1, len(parsed) + 1))
    assert all(s.date == "" and s.theme == {"nl": "", "en": ""} for s in parsed)
    assert parsed[0].opens_case and sum(s.counts for s in parsed) >= CaseBlock.attendance_required.default
    assert not hasattr(config, "VU_SESSIONS_YAML")


def test_a_session_may_leave_out_its_theme():
    parsed = config.parse_sessions("- number: 1\n- number: 2\n  theme: Twee\n- number: 3\n  theme: ''\n")
    assert parsed[0].theme == parsed[2].theme == {"nl": "", "en": ""}
    assert parsed[1].theme == {"nl": "Twee", "en": "Twee"}


def test_case_fields_are_checked():
    assert config.parse_case_fields("title, purpose,title") == ["title", "purpose"]
    with pytest.raises(ValueError, match="bogus"):
        config.parse_case_fields("title, bogus")


def test_sessions_without_recorded_attendance_still_count_as_chances():
    """Staff often record attendance afterwards: only recorded absences make the diploma out of reach."""
    view = CaseView.fold((), (), attended([1]))
    assert view.outcome(sessions(), VU, datetime.date(2021, 5, 1)).status == rules.NOT_YET
    view = CaseView.fold((), (), attended([1], absent=[2, 3]))
    assert view.outcome(sessions(), VU, datetime.date(2021, 5, 1)).status == rules.CERTIFICATE
    # After the last session, a session staff never recorded still waits for them ...
    view = CaseView.fold((), (), attended([1, 2, 3, 4, 5]))
    assert view.outcome(sessions(), VU, datetime.date(2021, 12, 1)).status == rules.NOT_YET
    # ... and once every session and the presentation are recorded, the status is decided.
    view = CaseView.fold((), (), attended([1, 2, 3, 4, 5], absent=[6])
                         + [ev("presented", "p", presented=False)])
    assert view.outcome(sessions(), VU, datetime.date(2021, 12, 1)).status == rules.CERTIFICATE
