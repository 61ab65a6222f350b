"""What the trust scan tells a participant, checked against what the code does:
who can see their answers, the reflection prompt for the scan's place in a
series, and the dimension descriptions (issues 8 and 9)."""
import json
import uuid

from xblock.fields import Scope

from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.workbench import Participant, scenario_usage_ids
from tests.workbench.test_trust_scan_handlers import _scenario_of, full_answers

import pytest


@pytest.fixture
def keten():
    return [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]


@pytest.fixture
def pre_post():
    ids = [u for u in scenario_usage_ids("leergang_trust_scan") if "pre-post" in u or "prepost" in u]
    return sorted(ids)


def person(language="en"):
    return Participant(f"pv-{uuid.uuid4().hex[:8]}", language=language)


def _form_html(participant, usage_id):
    return participant.page(_scenario_of(usage_id)).content.decode()


def test_the_privacy_notice_says_what_staff_really_see(keten):
    """Staff read every answer, with names: the notice must say so, not 'only averages'."""
    instrument = shipped_instrument("samenwerking_in_de_keten")
    english, dutch = person(), person("nl")
    assert "only averages" not in _form_html(english, keten)
    notice = _form_html(english, keten)
    assert "Course staff can see every answer and score of each participant, with their name" in notice
    dutch_page = _form_html(dutch, keten)
    assert "alleen gemiddelden" not in dutch_page
    assert "Begeleiders van de cursus kunnen alle antwoorden en scores van iedere deelnemer zien, met naam" in dutch_page
    # What the notice claims is what the staff tools give: the CSV (with names on
    # request) and the platform's response report hold each answer.
    answers = full_answers(instrument, 6)
    assert english.post(keten, "submit", {"answers": answers}).status_code == 200
    named_csv = Participant("staff_pv").get(keten, "export_csv", "names=1").content.decode("utf-8-sig")
    row = next(line for line in named_csv.splitlines() if line.startswith(english.student_id))
    assert row.count("6") >= len(instrument.items)
    reported = list(english.block(keten).generate_report_data(iter([platform_user_state(english, keten)])))
    assert reported[0][0] == english.student_id
    assert all(reported[0][1][f"item {item.key}"] == 6 for item in instrument.items)


def platform_user_state(participant, usage_id):
    """What the platform's user-state client yields for a participant: their
    Scope.user_state fields (the Problem Responses report prints this state)."""
    block = participant.block(usage_id)

    class UserState:
        username = participant.student_id
        state = {name: field.read_from(block) for name, field in block.fields.items()
                 if field.scope == Scope.user_state}
    return UserState()


def test_the_note_is_where_the_participant_is_told_it_is(keten):
    """'Course staff cannot see this note': not in the CSV, the staff report, the
    platform's report or the user state it prints; but in the participant's own download."""
    instrument = shipped_instrument("samenwerking_in_de_keten")
    someone = person()
    html = someone.post(keten, "submit", {"answers": full_answers(instrument, 3)}).json()["html"]
    assert "Course staff cannot see this note" in html
    note = f"privé-notitie {uuid.uuid4().hex}"
    assert someone.post(keten, "save_reflection", {"text": note}).status_code == 200
    staff = Participant("staff_pv")
    assert note not in staff.get(keten, "export_csv", "names=1").content.decode("utf-8-sig")
    assert note not in staff.get(keten, "staff_report").content.decode()
    user_state = platform_user_state(someone, keten)
    assert note not in json.dumps(user_state.state, default=str)
    assert note not in json.dumps(list(someone.block(keten).generate_report_data(iter([user_state]))), default=str)
    assert note in someone.get(keten, "my_data").content.decode()


def test_the_reflection_prompt_fits_the_place_in_the_series(pre_post, keten):
    first, later = pre_post
    instrument = shipped_instrument("sturen_vanuit_vertrouwen")
    someone = person("nl")
    first_html = someone.post(first, "submit", {"answers": full_answers(instrument, 2)}).json()["html"]
    assert "vóór de volgende bijeenkomst" in first_html
    later_html = someone.post(later, "submit", {"answers": full_answers(instrument, 4)}).json()["html"]
    assert "volgende bijeenkomst" not in later_html
    assert "Je scoort nu het laagst op" in later_html and "eerdere scan" in later_html
    single = person().post(keten, "submit", {"answers": full_answers(shipped_instrument("samenwerking_in_de_keten"), 2)})
    assert "in the coming weeks" in single.json()["html"]
    assert "next session" not in single.json()["html"]


def test_dimension_descriptions_are_shown_in_the_form_and_beside_the_scores(keten):
    instrument = shipped_instrument("samenwerking_in_de_keten")
    english = person()
    page = _form_html(english, keten)
    results = english.post(keten, "submit", {"answers": full_answers(instrument, 5)}).json()["html"]
    for dimension in instrument.dimensions:
        description = dimension.description["en"]
        assert description and description.replace("'", "&#x27;") in page
        assert description.replace("'", "&#x27;") in results
