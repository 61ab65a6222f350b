"""OLX export and import keep every setting, and never carry learner data."""
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.trust_scan.block import TrustScanBlock

SETTINGS = {
    "display_name": "Vertrouwensscan & <start>",
    "intro": "Regel 1\nRegel 2 met \"aanhalingstekens\"",
    "instrument_key": "custom",
    "custom_instrument_yaml": None,  # filled from the test instrument
    "min_cohort_size": 7,
    "allow_retake": True,
    "series": "start-eind",
    "series_position": 2,
}


def export(block):
    node = etree.Element("root")
    block.add_xml_to_node(node)
    return etree.tostring(node, encoding="unicode")


def test_every_setting_survives_export_and_import():
    from tests.support.instruments import TWO_DIMENSIONS
    settings = {**SETTINGS, "custom_instrument_yaml": TWO_DIMENSIONS}
    runtime = WorkbenchRuntime("author")
    runtime.id_generator.set_scenario("olx-roundtrip")
    block = runtime.get_block(runtime.parse_xml_string("<leergang_trust_scan/>"))
    assert set(settings) == set(TrustScanBlock.editable_fields)
    for name, value in settings.items():
        setattr(block, name, value)
    block.save()
    xml = export(block)

    runtime2 = WorkbenchRuntime("author")
    runtime2.id_generator.set_scenario("olx-roundtrip-2")
    copy = runtime2.get_block(runtime2.parse_xml_string(xml))
    for name, value in settings.items():
        assert getattr(copy, name) == value, name
    assert copy.instrument.key == "test_scan"


def test_learner_state_is_never_exported():
    runtime = WorkbenchRuntime("learner-olx")
    runtime.id_generator.set_scenario("olx-learner")
    block = runtime.get_block(runtime.parse_xml_string('<leergang_trust_scan series="x"/>'))
    block.submitted_result = {"answers": {"secret_item": 4}, "scores": {"d": 1.0}, "note": "PRIVATE-MARKER"}
    block.save()
    xml = export(block)
    for marker in ("secret_item", "PRIVATE-MARKER", "submitted_result"):
        assert marker not in xml
