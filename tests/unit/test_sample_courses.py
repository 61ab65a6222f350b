"""The sample courses build into OLX that Studio can import and the workbench can show."""
from pathlib import Path

import pytest
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan.block import TrustScanBlock
from leergang_xblocks.trust_scan.instrument import shipped_instrument_keys
from sample_courses import build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("courses")
    return out, build.build_all(out)


def test_every_seed_programme_has_a_course(built):
    _, archives = built
    assert len(archives) == 4 and all(a.exists() and a.stat().st_size > 500 for a in archives)


def test_the_olx_is_complete_and_consistent(built):
    out, archives = built
    for archive in archives:
        root = out / archive.name.replace(".tar.gz", "")
        top = etree.parse(str(root / "course.xml")).getroot()
        course = etree.parse(str(root / "course" / f"{top.get('url_name')}.xml")).getroot()
        url_names = []
        for chapter_ref in course.iter("chapter"):
            chapter = etree.parse(str(root / "chapter" / f"{chapter_ref.get('url_name')}.xml")).getroot()
            for seq_ref in chapter.iter("sequential"):
                sequential = etree.parse(str(root / "sequential" / f"{seq_ref.get('url_name')}.xml")).getroot()
                for vertical_ref in sequential.iter("vertical"):
                    vertical = etree.parse(str(root / "vertical" / f"{vertical_ref.get('url_name')}.xml")).getroot()
                    for child in vertical:
                        url_names.append(child.get("url_name"))
                        if child.tag == "html":
                            assert (root / "html" / f"{child.get('url_name')}.html").exists()
                        elif child.tag == "leergang_trust_scan":
                            check_trust_scan(child)
        assert len(url_names) == len(set(url_names))
        assert (root / "policies" / top.get("url_name") / "policy.json").exists()


def check_trust_scan(element):
    fields = TrustScanBlock.fields
    for name, value in element.attrib.items():
        if name == "url_name":
            continue
        assert name in TrustScanBlock.editable_fields, name
        fields[name].from_string(value)
    assert element.get("instrument_key", "sturen_vanuit_vertrouwen") in shipped_instrument_keys()
    for forbidden in ("draft_answers", "results_history", "reflection", "retaking"):
        assert forbidden not in element.attrib


def test_builder_knows_each_blocks_studio_fields():
    assert build.BLOCK_TYPES["trust_scan"][1] == set(TrustScanBlock.editable_fields)


@pytest.mark.parametrize("change, words, line", [
    (("type: trust_scan", "type: onbekend"), "unknown block type 'onbekend'", 5),
    (("  - title: \"H1\"", "  - titel: \"H1\""), "a chapter needs a title", 3),
    (("{series: x}", "{serie: x}"), "settings may only be", 5),
    (("number: n,", "number: ../../etc,"), "'number' may only hold", 1),
])
def test_broken_outlines_name_the_line(tmp_path, change, words, line):
    good = ('course: {org: o, number: n, run: "1", display_name: d}\nchapters:\n  - title: "H1"\n'
            '    units:\n      - {title: u, blocks: [{type: trust_scan, url_name: s1, settings: {series: x}}]}\n')
    path = tmp_path / "outline.yaml"
    path.write_text(good.replace(*change))
    with pytest.raises(AuthoredDataError) as refused:
        build.load_outline(path)
    assert words in refused.value.message and "outline.yaml" in refused.value.message
    assert refused.value.line == line


def test_each_course_is_one_workbench_scenario():
    scenarios = build.workbench_scenarios()
    assert len(scenarios) == len(build.outline_paths())
    for title, xml in scenarios:
        runtime = WorkbenchRuntime("sample-check")
        runtime.id_generator.set_scenario("sample-check-" + title[:20])
        block = runtime.get_block(runtime.parse_xml_string(xml))
        assert block.children
