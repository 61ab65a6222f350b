"""A block whose author kept the default title shows it in the reader's language
(the default is an English source string); an author's own title is shown as written."""
import uuid

import pytest
from workbench.scenarios import add_xml_scenario, get_scenarios

from tests.support.workbench import Participant

DUTCH_DEFAULTS = {
    "leergang_trust_scan": "Vertrouwensscan",
    "leergang_groups": "Jouw groep",
    "leergang_case": "Je casus",
    "leergang_feedback_round": "Feedbackronde",
    "leergang_dialogue": "Dilemmadialoog",
    "leergang_session": "Bijeenkomst",
}


def scenario_with(xml):
    get_scenarios()  # the demo's scenarios first (see tests/support/groups.py)
    name = f"titles.{uuid.uuid4().hex[:10]}"
    add_xml_scenario(name, name, xml)
    return name


@pytest.mark.parametrize("tag", sorted(DUTCH_DEFAULTS))
def test_the_default_title_is_in_the_readers_language(tag):
    from xblock.core import XBlock

    default = XBlock.load_class(tag).fields["display_name"].default
    scenario = scenario_with(f"<{tag}/>")
    english = Participant("titles_reader_" + uuid.uuid4().hex[:6], language="en").page(scenario).content.decode()
    dutch = Participant("titles_lezer_" + uuid.uuid4().hex[:6], language="nl").page(scenario).content.decode()
    assert f'class="leergang-title">{default}</h2>' in english
    assert f'class="leergang-title">{default}</h2>' not in dutch
    if DUTCH_DEFAULTS[tag]:
        assert f'class="leergang-title">{DUTCH_DEFAULTS[tag]}</h2>' in dutch


def test_an_authors_own_title_is_shown_as_written():
    scenario = scenario_with('<leergang_groups display_name="Intervisiegroep Noord"/>')
    page = Participant("titles_x_" + uuid.uuid4().hex[:6], language="en").page(scenario).content.decode()
    assert 'class="leergang-title">Intervisiegroep Noord</h2>' in page
