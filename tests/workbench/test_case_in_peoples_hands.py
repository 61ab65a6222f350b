"""The case tracker as people met it (issue 21): an empty session entry is refused, a saved
entry says where it went, the certificate message says what still counts, what no longer
can and whom to talk to, and every date reads one way per language, in the course's time
zone, in the participant's view, the staff column, the download and the CSV."""
import datetime

import lxml.html
import pytest
from django.test import override_settings

from leergang_xblocks.case import block as case_block
from leergang_xblocks.core import platform, storage
from tests.support.case import new_case_course
from tests.support.workbench import Participant
from tests.workbench.test_participant_view import platform_user_state
# The case tests' calendar (an autouse fixture: importing it applies it here) and helpers.
from tests.workbench.test_case_handlers import code, define, entry, fixed_today, my_data, person  # noqa: F401


def tree(html):
    return lxml.html.fromstring(f"<div>{html}</div>")


def cls(name):
    """XPath for an element with class `name` (lxml's cssselect needs a package the platform lacks)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def find(node, *classes, tag="*", extra=""):
    """Descendants of `node`: each class in turn nested in the one before."""
    path = "." + "".join(f"//{tag if i == len(classes) - 1 else '*'}[{cls(c)}]" for i, c in enumerate(classes))
    return node.xpath(path + extra)


def data_codes(node, *classes):
    return [n.get("data-code") for n in find(node, *classes, extra="//*[@data-code]")]


# --- 1. An empty entry is refused ------------------------------------------------------------

def test_an_entry_with_only_its_open_actions_carried_unchanged_is_refused_and_stores_nothing():
    """The finding: the form sends every open action as "open"; with nothing written that
    was stored as an entry ("Opgeslagen.", a green "verslag geschreven")."""
    scenario, (usage,) = new_case_course()
    anna = Participant(person())
    define(anna, usage)
    first = anna.post(usage, "log_entry", entry(1, [("Gesprek met de wethouder", "2026-04-01")]))
    assert first.status_code == 200, first.content
    action = next(a["id"] for r in my_data(anna, usage)["own_records"] if r["data"]["kind"] == "entry"
                  for a in r["data"]["actions"])
    before = my_data(anna, usage)["own_records"]
    for body in ({"session": 2, "parts": {}, "reflection": {"action": "   ", "looking_back": "\n"}, "actions": [],
                  "carried": {action: "open"}, "seen": 0},
                 {"session": 2, "parts": {}, "reflection": {}, "actions": [], "carried": {action: "open"}, "seen": 0}):
        refused = anna.post(usage, "log_entry", body)
        assert (refused.status_code, code(refused)) == (400, "empty_entry")
    assert my_data(anna, usage)["own_records"] == before
    page = anna.page(scenario).content.decode()
    timeline = find(tree(page), "case-timeline", tag="table")[0]
    assert len(find(timeline, "case-badge-done")) == 1
    # Marking a carried action done is something written: that entry is kept.
    done = anna.post(usage, "log_entry", {"session": 2, "parts": {}, "reflection": {}, "actions": [],
                                          "carried": {action: "done"}, "seen": 0})
    assert done.status_code == 200, done.content


# --- 2. A saved entry says where it went -------------------------------------------------------

def test_a_saved_entry_is_shown_open_with_a_confirmation_beside_the_button_that_links_to_it():
    scenario, (usage,) = new_case_course()
    bram = Participant(person())
    define(bram, usage)
    saved = bram.post(usage, "log_entry", entry(1, done="Twee gesprekken gevoerd."))
    assert saved.status_code == 200, saved.content
    answer = saved.json()
    html = tree("".join(answer["regions"].values()))
    item = html.xpath(f".//*[@data-entry='{answer['entry']}']")
    assert len(item) == 1 and item[0].tag == "details" and item[0].get("open") is not None
    assert "Twee gesprekken gevoerd." in item[0].text_content()
    target = item[0].get("id")
    # The notice comes with the answer, for the entry form's status beside its button.
    notice = find(tree(answer["saved_note"]), "case-entry-saved")
    assert len(notice) == 1 and notice[0].get("data-code") == "entry_saved"
    assert [a.get("href") for a in notice[0].xpath(".//a")] == [f"#{target}"]
    # The timeline's "entry written" for session 1 leads to the same entry.
    timeline = find(html, "case-timeline", tag="table")[0]
    assert [a.get("href") for a in find(timeline, "case-entry-link", tag="a")] == [f"#{target}"]
    # The notice belongs to that answer only: the page loaded afresh has none.
    assert not find(tree(bram.page(scenario).content.decode()), "case-entry-saved")


# --- 3. The certificate message -----------------------------------------------------------------

def _staff_records(usage, participant_id, present_in, absent_in):
    staff = Participant("staff_" + person())
    for session in present_in:
        assert staff.post(usage, "record_attendance", {"session": session, "present": {participant_id: True}}).status_code == 200
    for session in absent_in:
        assert staff.post(usage, "record_attendance", {"session": session, "present": {participant_id: False}}).status_code == 200


def test_the_certificate_says_what_still_counts_what_no_longer_can_and_whom_to_talk_to():
    """Attendance out of reach on 30 March 2026: the diploma is lost by attendance alone; the
    paper and the presentation are still possible and are not listed as "not met"."""
    scenario, (usage,) = new_case_course()
    chris = Participant(person())
    define(chris, usage)
    aid = platform.workbench_anonymous_id(chris.student_id)
    _staff_records(usage, aid, present_in=[1], absent_in=[2, 3])
    outcome = find(tree(chris.page(scenario).content.decode()), "case-outcome")[0]
    assert outcome.get("data-status") == "certificate"
    assert data_codes(outcome, "case-outcome-lost") == ["attendance"]
    assert data_codes(outcome, "case-outcome-still") == ["paper", "presentation"]
    assert find(outcome, "case-outcome-counts") and find(outcome, "case-outcome-contact")
    # In Dutch too, with no English left in it.
    dutch = Participant(chris.student_id, language="nl").page(scenario).content.decode()
    contact = find(tree(dutch), "case-outcome", "case-outcome-contact")[0].text_content()
    assert "staff " not in contact and contact.strip()


def test_after_the_last_session_nothing_missing_is_listed_as_still_possible(monkeypatch):
    scenario, (usage,) = new_case_course()
    dewi = Participant(person())
    define(dewi, usage)
    aid = platform.workbench_anonymous_id(dewi.student_id)
    _staff_records(usage, aid, present_in=[1, 2, 3, 4, 5], absent_in=[6])
    # Staff have decided what the diploma rests on (wip/timetable: no status before that):
    # the presentation was not given.
    staff = Participant("staff_" + person())
    assert staff.post(usage, "record_presented", {"participant": aid, "presented": False}).status_code == 200
    monkeypatch.setattr(case_block, "today", lambda *zone: datetime.date(2026, 11, 1))
    outcome = find(tree(dewi.page(scenario).content.decode()), "case-outcome")[0]
    assert outcome.get("data-status") == "certificate"
    assert data_codes(outcome, "case-outcome-lost") == ["paper", "presentation"]
    assert not find(outcome, "case-outcome-still")


# --- 5. Dates ------------------------------------------------------------------------------------

LATE_EVENING_UTC = datetime.datetime(2026, 3, 29, 23, 30, tzinfo=datetime.timezone.utc)  # 30 March, 01:30 in Amsterdam


@pytest.fixture
def written_late(monkeypatch):
    """Every record is stored as written at 23:30 UTC on 29 March 2026."""
    real = storage.submissions_api.create_submission

    def at_that_moment(student_item, answer, *args, **kwargs):
        return real(student_item, answer, *args, submitted_at=LATE_EVENING_UTC, **kwargs)

    monkeypatch.setattr(storage.submissions_api, "create_submission", at_that_moment)


def _entry_day_everywhere(language):
    scenario, (usage,) = new_case_course()
    emre = Participant(person(), language=language)
    define(emre, usage)
    assert emre.post(usage, "log_entry", entry(1, [("Gesprek", "2026-04-15")])).status_code == 200
    staff = Participant("staff_" + person(), language=language)
    mine = tree(emre.page(scenario).content.decode())
    row = tree(staff.get(usage, "staff_overview", "names=0").json()["html"]).xpath(
        f".//tr[@data-id='{platform.workbench_anonymous_id(emre.student_id)}']")[0]
    return {
        "entry": mine.xpath(f".//details[{cls('case-entry-item')}]/summary")[0].text_content(),
        "staff_column": row.xpath(".//*[@data-label-key='last']")[0].text_content().strip(),
        "session_dates": [td.text_content().strip() for td in
                          find(mine, "case-timeline", tag="table")[0].xpath(".//*[@data-label-key='date']")],
        "action_due": find(mine, "case-actions", "case-due")[0].text_content(),
        "markdown": emre.get(usage, "download", "format=md").content.decode(),
        "csv": staff.get(usage, "export_csv", "format=en").content.decode("utf-8-sig"),
        # The platform's "Problem responses" report: the same moment, in the same zone.
        "report": dict(staff.block(usage).generate_report_data(iter([platform_user_state(emre, usage)])))[
            emre.student_id]["last entry"],
        "page": find(mine, "leergang-case")[0].text_content(),
    }


@pytest.mark.parametrize("language, day, session_six, due", [
    ("en", "30 March 2026", "16 September 2026", "15 April 2026"),
    ("nl", "30 maart 2026", "16 september 2026", "15 april 2026"),
])
def test_one_entry_shows_one_day_in_one_format_in_every_view(written_late, language, day, session_six, due):
    """The finding: 2026-12-06 in one view and 2026-12-07 in the staff column; ISO dates in
    the case tracker. Now: the course's time zone (Europe/Amsterdam by default) everywhere,
    one format per language."""
    seen = _entry_day_everywhere(language)
    assert day in seen["entry"] and seen["staff_column"] == day
    assert seen["session_dates"][5] == session_six
    assert due in seen["action_due"]
    assert day in seen["markdown"] and "2026-03-29" not in seen["markdown"]
    assert "2026-" not in seen["page"]
    # The CSV keeps a sortable date and time, in the zone its legend names.
    header, first = seen["csv"].splitlines()[:2]
    assert "Europe/Amsterdam" in header and "2026-03-30 01:30:00" in first
    assert seen["report"] == "2026-03-30 01:30:00"


def test_an_admin_sets_the_course_time_zone_through_the_platforms_xblock_settings(written_late):
    with override_settings(XBLOCK_SETTINGS={"leergang_xblocks": {"TIME_ZONE": "UTC"}}):
        seen = _entry_day_everywhere("en")
    assert "29 March 2026" in seen["entry"] and seen["staff_column"] == "29 March 2026"
    header, first = seen["csv"].splitlines()[:2]
    assert "(UTC)" in header and "2026-03-29 23:30:00" in first
    with override_settings(XBLOCK_SETTINGS={"leergang_xblocks": {"TIME_ZONE": "Mars/Olympus"}}):
        assert "30 March 2026" in _entry_day_everywhere("en")["entry"]   # unknown: the default zone
