"""The trust scan's writes read the participant's results from the package's copies
(trust_scan/records.py ResultRecords), the page and `results` from edx-submissions: both
must say the same, and a submit's answer (first or retake) is what a fresh `results` read
then shows, in English and Dutch."""
import uuid

import pytest

from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.workbench import Participant, scenario_usage_ids


@pytest.fixture
def keten():
    """The chain-partner scan (7 points, retakes allowed)."""
    return [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]


def answers(value):
    return {item.key: value for item in shipped_instrument("samenwerking_in_de_keten").items}


@pytest.mark.parametrize("language", ("en", "nl"))
def test_a_submit_and_a_retake_answer_what_a_fresh_read_shows(keten, language):
    person = Participant(f"wr-{uuid.uuid4().hex[:8]}", language=language)
    first = person.post(keten, "submit", {"answers": answers(2)})
    assert first.status_code == 200, first.content
    assert first.json() == person.get(keten, "results").json()
    assert person.post(keten, "start_retake", {}).status_code == 200
    retake = person.post(keten, "submit", {"answers": answers(6)})
    assert retake.status_code == 200, retake.content
    assert retake.json()["attempt"] == 2
    assert retake.json() == person.get(keten, "results").json()


def test_the_copies_a_write_reads_say_what_edx_submissions_says(keten):
    person = Participant(f"wr-{uuid.uuid4().hex[:8]}")
    assert person.post(keten, "submit", {"answers": answers(3)}).status_code == 200
    assert person.post(keten, "start_retake", {}).status_code == 200
    assert person.post(keten, "submit", {"answers": answers(5)}).status_code == 200
    block = person.block(keten)
    from_copies = block._participant(block.identity, with_series=True, writing=True)
    from_submissions = block._participant(block.identity, with_series=True)
    assert [r["attempt"] for r in from_copies.results] == [1, 2]
    assert from_copies == from_submissions
