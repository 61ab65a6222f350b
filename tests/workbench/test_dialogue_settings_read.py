"""A request reads each setting once, with one call of the field data (dialogue/settings_read.py),
and gets what the field's descriptor gives: the stored value, or the default."""
from xblock.fields import Scope

from benchmarks.cost import measured
from leergang_xblocks.dialogue.block import DialogueBlock
from tests.support.dialogue import new_dialogue
from tests.support.workbench import Participant


def settings_fields():
    return [name for name, field in DialogueBlock.fields.items() if field.scope in (Scope.settings, Scope.content)]


def test_each_setting_read_once_is_what_the_descriptor_gives():
    _scenario, usage = new_dialogue(extra='step_revote="false" display_name="Dilemma vandaag"')
    read = Participant("settings_reader").block(usage)
    names = settings_fields()
    assert {"case_nl", "options_nl", "scope", "min_positions", "step_revote", "kind", "purpose"} <= set(names)
    found = {name: getattr(read.cfg, name) for name in names}
    expected_block = Participant("settings_reader").block(usage)
    assert found == {name: getattr(expected_block, name) for name in names}
    assert found["step_revote"] is False and found["kind"] == "options" and found["min_positions"] == 3
    assert found["display_name"] == "Dilemma vandaag" and found["anonymous"] is True   # set; left at its default


def test_a_set_setting_costs_one_field_store_query_and_a_second_look_none():
    _scenario, usage = new_dialogue()
    block = Participant("settings_reader2").block(usage)
    with measured() as cost:
        assert block.cfg.options_nl.startswith("Ja")
    assert cost["queries"] == 1
    with measured() as cost:
        assert block.cfg.options_nl.startswith("Ja") and block.cfg.step_revote is True
    assert cost["queries"] == 1                            # options_nl kept; step_revote (unset) one query
