"""Learner data stays where it belongs: never in OLX, and a participant's own
download holds all of their data and nothing of anyone else's."""
import json
import uuid

from lxml import etree
from xblock.fields import UserScope

from leergang_xblocks.core.export import neutralise_formula
from tests.harness.contracts import all_contracts
from tests.support.workbench import Participant


def fill(contract, usage_id, student_id, marker):
    person = Participant(student_id)
    if contract.prepare:
        contract.prepare(student_id, usage_id)
    for spec in contract.handlers:
        if spec.writes and not spec.studio:
            person.post(usage_id, spec.name, spec.example(contract, usage_id))
    for handler, body in contract.free_text.items():
        assert person.post(usage_id, handler, body(marker)).status_code == 200
    return person


def test_olx_export_holds_no_learner_data():
    for contract in all_contracts():
        usage_id = contract.usage_id()
        marker = "LEARNER-MARKER-" + uuid.uuid4().hex
        person = fill(contract, usage_id, "olx_" + uuid.uuid4().hex[:6], marker)
        block = person.block(usage_id)  # a runtime with this learner's state loaded
        node = etree.Element("export")
        block.add_xml_to_node(node)
        xml = etree.tostring(node, encoding="unicode")
        assert marker not in xml
        assert block.identity.anonymous_id not in xml
        assert person.student_id not in xml
        for name, field in block.fields.items():
            if getattr(field.scope, "user", UserScope.NONE) != UserScope.NONE:  # any per-user field
                assert f"{name}=" not in xml and f":{name}" not in xml, name


def test_own_data_download_is_complete_and_only_ones_own():
    for contract in all_contracts():
        usage_id = contract.usage_id()
        mine, theirs = "MINE-" + uuid.uuid4().hex, "THEIRS-" + uuid.uuid4().hex
        me = fill(contract, usage_id, "own_" + uuid.uuid4().hex[:6], mine)
        other = fill(contract, usage_id, "other_" + uuid.uuid4().hex[:6], theirs)
        download = me.get(usage_id, "my_data")
        assert download.status_code == 200
        text = download.content.decode("utf-8")
        data = json.loads(text)
        # A block that takes no text of its own (Mijn leergang: it only reads the course's
        # other blocks) has no marker to hold; nothing of the other's may be in it either way.
        assert mine in text or not any(spec.writes and not spec.studio for spec in contract.handlers)
        assert theirs not in text
        assert other.block(usage_id).identity.anonymous_id not in text
        # Everything the block stores for me is in it.
        block = me.block(usage_id)
        whole = compact(data)
        for name, field in block.fields.items():
            if getattr(field.scope, "user", None) == UserScope.ONE and field.is_set_on(block):
                value = getattr(block, name)
                if value not in ({}, [], "", None) and not isinstance(value, (bool, int)):
                    assert compact(value) in whole, name


def compact(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def test_csv_cells_cannot_run_as_formulas():
    assert neutralise_formula("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    for start in "=+-@":
        assert neutralise_formula(start + "1+1").startswith("'")
    assert neutralise_formula("gewoon") == "gewoon"
    assert neutralise_formula(-1.5) == -1.5  # numbers stay numbers
    scan = next(c for c in all_contracts() if c.block_type == "leergang_trust_scan")
    usage_id = scan.usage_id()
    evil = Participant("=HYPERLINK(1)" + uuid.uuid4().hex[:4])
    evil.post(usage_id, "submit", scan.handler("submit").example(None, usage_id))
    csv_text = Participant("staff_csv_check").get(usage_id, "export_csv", "names=1").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
