"""The scan's questions are rendered once per instrument, language and block and
kept (trust_scan/views.py `_questions_html`); each participant's page must still
show exactly their own draft answers checked, in either language."""
import re
import uuid

import pytest

from leergang_xblocks.trust_scan.instrument import shipped_instrument
from tests.support.workbench import Participant, scenario_usage_ids
from tests.workbench.test_trust_scan_handlers import _scenario_of

CHECKED = re.compile(r'<input type="radio" name="[^"]*-([a-z0-9_]+)" value="(\d+)" checked>')


@pytest.fixture
def keten():
    return [u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u][0]


def checked_on_page(participant, usage_id):
    page = participant.page(_scenario_of(usage_id)).content.decode()
    return {key: int(value) for key, value in CHECKED.findall(page)}, page


@pytest.mark.parametrize("language", ["en", "nl"])
def test_each_page_checks_only_that_participants_draft(keten, language):
    items = [item.key for item in shipped_instrument("samenwerking_in_de_keten").items]
    anna, bram = (Participant(f"page-{name}-{uuid.uuid4().hex[:8]}", language=language) for name in ("a", "b"))
    draft_anna = {items[0]: 3, items[4]: 7, items[9]: 0}      # 0: "don't know"
    draft_bram = {items[0]: 5, items[1]: 1}
    for person, draft in ((anna, draft_anna), (bram, draft_bram)):
        assert person.post(keten, "save_draft", {"answers": draft, "version": 0}).status_code == 200
    fresh = Participant(f"page-c-{uuid.uuid4().hex[:8]}", language=language)
    for _ in range(2):   # the second round renders from the kept questions
        assert checked_on_page(anna, keten)[0] == draft_anna
        assert checked_on_page(bram, keten)[0] == draft_bram
        found, page = checked_on_page(fresh, keten)
        assert found == {}
        assert page.count('type="radio"') == len(items) * 8   # 7 points and "don't know": all there
    # A cleared answer is unchecked again.
    assert anna.post(keten, "save_draft", {"answers": {items[4]: None}, "version": 1}).status_code == 200
    assert checked_on_page(anna, keten)[0] == {items[0]: 3, items[9]: 0}
