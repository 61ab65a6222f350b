"""The sample courses build into OLX that Studio can import and the workbench can show."""
import dataclasses
import datetime
import html
import importlib
import json
import os
import re
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from lxml import etree
from opaque_keys.edx.keys import CourseKey, UsageKey
from workbench.runtime import WorkbenchRuntime
from xblock.fields import Boolean, Integer, Scope, String

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan import block as trust_scan_block
from leergang_xblocks.trust_scan.block import TrustScanBlock
from leergang_xblocks.trust_scan.instrument import shipped_instrument_keys
from sample_courses import build, course_image, export, terms

OPTION = "{http://code.edx.org/xblock/option}"
SEEDS = {"000_af1bad824f4ef276.txt", "001_225aaf2a2d2d0b6d.txt", "002_e74dd504b91f5ee1.txt",
         "003_aeeef78be1dbde92.txt", "004_1fa83670a833922d.txt"}
AUTHORED = (Scope.content, Scope.settings, Scope.children, Scope.parent)


def block_class(block_type):
    module, name = block_type.block_class.split(":")
    return getattr(importlib.import_module(module), name)


LEERGANG_TAGS = {t.tag: block_class(t) for t in build.BLOCK_TYPES.values()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("courses")
    return out, build.build_all(out)


def course_roots(built):
    out, archives = built
    return [out / archive.name[:-len(".tar.gz")] for archive in archives]


def parse(path):
    assert path.exists(), f"{path} is referenced but missing"
    return etree.parse(str(path)).getroot()


def walk(root):
    """Every element of one built course, following the OLX pointers; yields (kind, element)."""
    top = parse(root / "course.xml")
    yield "course.xml", top
    course = parse(root / "course" / f"{top.get('url_name')}.xml")
    for chapter_ref in course.iterchildren("chapter"):
        yield "chapter", chapter_ref
        chapter = parse(root / "chapter" / f"{chapter_ref.get('url_name')}.xml")
        for seq_ref in chapter.iterchildren("sequential"):
            yield "sequential", seq_ref
            sequential = parse(root / "sequential" / f"{seq_ref.get('url_name')}.xml")
            for vertical_ref in sequential.iterchildren("vertical"):
                yield "vertical", vertical_ref
                vertical = parse(root / "vertical" / f"{vertical_ref.get('url_name')}.xml")
                for child in vertical:
                    yield child.tag, child


# --- The courses -------------------------------------------------------------------------

def test_four_programmes_from_the_five_seed_files(built):
    _, archives = built
    assert sorted(a.name for a in archives) == ["VNG-WVB.tar.gz", "VU-SLV.tar.gz", "WIW-ERV.tar.gz", "ZET-SML.tar.gz"]
    assert all(a.stat().st_size > 500 for a in archives)
    outlines = {p.stem: build.load_outline(p) for p in build.outline_paths()}
    assert set().union(*(set(o["course"]["seeds"]) for o in outlines.values())) == SEEDS
    sessions = {stem: len(o["chapters"]) for stem, o in outlines.items()}
    assert sessions == {"vu_sturen_vanuit_vertrouwen": 7, "vng_leernetwerk_bedoeling": 8,
                        "zet_samenspel_met_lef": 4, "wiw_eigen_regie_en_vertrouwen": 5}
    for outline in outlines.values():
        assert outline["course"]["language"] == "nl"


def test_each_course_opens_with_the_staff_overview_and_mijn_leergang(built):
    """The programme overview in a unit only staff see (the vertical carries
    visible_to_staff_only="true", as Studio exports "Hide from learners"), then the
    participant's "Mijn leergang" as the first unit a participant sees."""
    outlines = outlines_by_number()
    for root in course_roots(built):
        first_chapter = outlines[root.name]["chapters"][0]
        staff, mine = first_chapter["units"][:2]
        assert [b["type"] for b in staff["blocks"]] == ["programme"] and staff.get("staff_only") is True
        assert [b["type"] for b in mine["blocks"]] == ["my_programme"] and not mine.get("staff_only")
        staff_only = {u["url_name"] for ch in outlines[root.name]["chapters"] for u in ch["units"]
                      if u.get("staff_only")}
        assert staff_only == {staff["url_name"]}, root.name
        for kind, element in walk(root):
            if kind == "vertical":
                vertical = parse(root / "vertical" / f"{element.get('url_name')}.xml")
                hidden = vertical.get("visible_to_staff_only")
                assert hidden == ("true" if element.get("url_name") in staff_only else None), element.get("url_name")
                tags = {child.tag for child in vertical}
                assert ("leergang_programme" in tags) <= (hidden == "true")


def test_the_vu_course_measures_before_and_after():
    outline = build.load_outline(build.HERE / "vu_sturen_vanuit_vertrouwen.yaml")
    scans = [(c, b["settings"]) for c, chapter in enumerate(outline["chapters"])
             for unit in chapter["units"] for b in unit["blocks"] if b["type"] == "trust_scan"]
    series = [(c, s["instrument_key"]) for c, s in scans if s.get("series") == "start-eind"]
    assert series == [(0, "sturen_vanuit_vertrouwen"), (5, "sturen_vanuit_vertrouwen")]


# --- The OLX -----------------------------------------------------------------------------

def test_every_referenced_file_exists_and_parses(built):
    for root in course_roots(built):
        elements = list(walk(root))
        top = elements[0][1]
        run = top.get("url_name")
        for kind, element in elements:
            if kind == "html":
                definition = parse(root / "html" / f"{element.get('url_name')}.xml")
                html = root / "html" / f"{definition.get('filename')}.html"
                assert html.read_text("utf-8").strip()
                etree.fromstring(f"<div>{html.read_text('utf-8')}</div>")
            else:
                assert kind in ("course.xml", "chapter", "sequential", "vertical") or kind in LEERGANG_TAGS, kind
        policy = parse_json(root / "policies" / run / "policy.json")
        assert set(policy) == {f"course/{run}"}
        used = {kind for kind, _ in elements} & set(LEERGANG_TAGS)
        assert set(policy[f"course/{run}"]["advanced_modules"]) == used
        assert "GRADER" in parse_json(root / "policies" / run / "grading_policy.json")
        assert (root / "about" / "overview.html").read_text("utf-8").strip()


def test_there_are_no_unreferenced_files(built):
    for root in course_roots(built):
        referenced = {(kind, element.get("url_name")) for kind, element in walk(root)}
        for folder in ("chapter", "sequential", "vertical"):
            for path in (root / folder).iterdir():
                assert (folder, path.stem) in referenced, path
        for path in (root / "html").iterdir():
            assert ("html", path.stem) in referenced, path


def test_every_url_name_is_unique_in_its_course(built):
    for root in course_roots(built):
        names = [element.get("url_name") for kind, element in walk(root) if kind != "course.xml"]
        assert all(names) and len(names) == len(set(names))


def test_the_keys_are_valid_open_edx_keys(built):
    for root in course_roots(built):
        elements = list(walk(root))
        top = elements[0][1]
        course_key = CourseKey.from_string(f"course-v1:{top.get('org')}+{top.get('course')}+{top.get('url_name')}")
        for kind, element in elements[1:]:
            usage_key = course_key.make_usage_key(kind, element.get("url_name"))
            assert UsageKey.from_string(str(usage_key)) == usage_key


def test_the_archive_holds_the_course_under_one_folder(built):
    out, archives = built
    for archive in archives:
        with tarfile.open(archive) as tar:
            members = tar.getmembers()
        names = {m.name for m in members}
        assert "course/course.xml" in names and "course/policies/assets.json" in names
        assert all(m.name == "course" or m.name.startswith("course/") for m in members)
        assert not any(".." in m.name.split("/") or m.issym() or m.islnk() for m in members)
        folder = out / archive.name[:-len(".tar.gz")]
        on_disk = {"course/" + str(p.relative_to(folder)) for p in folder.rglob("*")} | {"course"}
        assert names == on_disk


def test_a_rebuild_gives_the_same_bytes_and_drops_stale_files(tmp_path):
    outline = build.load_outline(build.outline_paths()[0])
    first = build.build_course(outline, tmp_path).read_bytes()
    stale = tmp_path / outline["course"]["number"] / "vertical" / "renamed_long_ago.xml"
    stale.write_text("<vertical/>")
    assert build.build_course(outline, tmp_path).read_bytes() == first
    assert not stale.exists()


# --- The leergang blocks in the OLX ----------------------------------------------------

def leergang_elements(built):
    for root in course_roots(built):
        for kind, element in walk(root):
            if kind in LEERGANG_TAGS:
                yield root, element


def test_block_attributes_are_valid_settings_of_the_block(built):
    series = {}
    for root, element in leergang_elements(built):
        cls = LEERGANG_TAGS[element.tag]
        for name, value in element.attrib.items():
            if name == "url_name":
                continue
            assert name in cls.editable_fields and not cls.fields[name].xml_node, name
            cls.fields[name].from_string(value)  # raises if the value does not fit the field
        for child in element:
            name = etree.QName(child).localname
            assert child.tag == OPTION + name and name in cls.editable_fields and cls.fields[name].xml_node, name
        if element.tag == "leergang_trust_scan":
            assert element.get("instrument_key", "sturen_vanuit_vertrouwen") in shipped_instrument_keys()
            assert 3 <= int(element.get("min_cohort_size", 5)) <= 1000
            if element.get("series"):
                series.setdefault((root.name, element.get("series")), []).append(element.get("url_name"))
    assert series and all(len(scans) == 2 for scans in series.values()), series


def test_the_olx_holds_no_learner_data(built):
    checked = 0
    for _, element in leergang_elements(built):
        cls = LEERGANG_TAGS[element.tag]
        learner_fields = {name for name, f in cls.fields.items() if f.scope not in AUTHORED}
        assert learner_fields  # the check below means something
        names = set(element.attrib) | {etree.QName(child).localname for child in element}
        assert not names & learner_fields
        checked += 1
    assert checked >= 8


def test_the_builder_knows_each_blocks_studio_fields():
    kinds = {String: {"text", "choice"}, Integer: {"int"}, Boolean: {"bool"}}
    for block_type in build.BLOCK_TYPES.values():
        cls = block_class(block_type)
        assert cls.fields and set(block_type.settings) == set(cls.editable_fields)
        for name, setting in block_type.settings.items():
            field = cls.fields[name]
            assert field.scope in (Scope.content, Scope.settings), name
            assert setting.kind in kinds[type(field)], name
            assert setting.xml_node == bool(field.xml_node), name
    choices = build.BLOCK_TYPES["trust_scan"].settings["instrument_key"].choices()
    assert choices == [c["value"] for c in trust_scan_block._instrument_choices()]  # Studio's drop-down


def test_settings_arrive_in_the_block(built):
    """Parse each leergang element as a runtime would and compare with the outline."""
    outlines = [build.load_outline(p) for p in build.outline_paths()]
    wanted = {(o["course"]["number"], b["url_name"]): b["settings"]
              for o in outlines for ch in o["chapters"] for u in ch["units"] for b in u["blocks"]}
    runtime = WorkbenchRuntime("sample-check")
    runtime.id_generator.set_scenario("sample-olx-" + uuid.uuid4().hex[:8])
    for root, element in leergang_elements(built):
        block = runtime.get_block(runtime.parse_xml_string(etree.tostring(element, encoding="unicode")))
        settings = wanted.pop((root.name, element.get("url_name")))
        for name, value in settings.items():
            assert getattr(block, name) == value, name
        assert not [m for m in block.validate().messages if m.type == "error"]
    assert not wanted


# --- Outlines that are wrong ------------------------------------------------------------

COURSE_REST = ('overview: "<p>o</p>", short_description: kort, start: 2026-01-01, end: 2026-02-01, enrollment_start: 2025-12-01, '
               'enrollment_end: 2025-12-31, image: {background: "#000000", accent: "#ffffff"}, '
               'award: {kind: none, statement: Niets.}')
GOOD = """\
course: {org: o, number: n, run: "1", display_name: d, REST}
chapters:
  - title: "H1"
    units:
      - title: u
        html: "<p>tekst</p>"
        blocks:
          - type: trust_scan
            url_name: s1
            settings: {series: x, min_cohort_size: 5}
          - {type: trust_scan, url_name: s2, settings: {series: x}}
""".replace("REST", COURSE_REST)
SECOND_SCAN = "          - {type: trust_scan, url_name: s2, settings: {series: x}}\n"


def test_the_good_outline_is_good(tmp_path):
    path = tmp_path / "outline.yaml"
    path.write_text(GOOD)
    outline = build.load_outline(path)
    assert outline["chapters"][0]["units"][0]["url_name"] == "h1_u"
    assert (tmp_path / "n.tar.gz") == build.build_course(outline, tmp_path)


@pytest.mark.parametrize("change, words, line", [
    (("type: trust_scan\n", "type: case_tracker\n"), "unknown block type 'case_tracker'; known: ", 8),
    (("  - title: \"H1\"", "  - titel: \"H1\""), "unknown chapter key 'titel'", 3),
    (("      - title: u\n", "      - html2: u\n"), "unknown unit key 'html2'", 5),
    (("      - title: u\n        html", "      - html"), "'title' must be non-empty text", 5),
    (("            url_name: s1\n", ""), "a block needs a url_name", 8),
    (("number: n, ", ""), "course 'number' is required", 1),
    (("series: x, min", "serie: x, min"), "'serie' is not a setting of trust_scan", 10),
    (("min_cohort_size: 5", "min_cohort_size: 2"), "'min_cohort_size' must be from 3 to 1000", 10),
    (("min_cohort_size: 5", "allow_retake: ja"), "'allow_retake' must be true or false", 10),
    (("series: x}}", "series: y}}"), "series 'x' has only one block", 10),
    (("url_name: s2", "url_name: s1"), "url_name 's1' is used twice", 11),
    (("<p>tekst</p>", "<p>tekst&nbsp;</p>"), "the HTML is not well-formed", 6),
    (("<p>tekst</p>", "<p>tekst"), "the HTML is not well-formed", 6),
    (("<p>tekst</p>", "\\x01"), "a character that XML cannot hold", 6),
    (("number: n,", "number: ../../etc,"), "course 'number' is required and may only hold", 1),
    (("settings: {series: x}}", "settings: {series: x, instrument_key: nope}}"), "must be one of", 11),
    (("    units:\n", "    x: 1\n    units:\n"), "unknown chapter key 'x'", 4),
    ((GOOD[GOOD.index("        blocks:"):], "        blocks: {type: trust_scan}\n"), "'blocks' must be a list", 7),
    (("Niets.}}", "Niets.}"), "the bracket that opens the value of “course”", 1),
    ((SECOND_SCAN, SECOND_SCAN + "          - {type: programme, url_name: p1, settings: {display_name: O}}\n"),
     "a programme block is for staff: put it in a unit with staff_only: true", 12),
    (("        html: \"<p>tekst</p>\"\n", "        staff_only: ja\n        html: \"<p>tekst</p>\"\n"),
     "staff_only must be true or false", 6),
    ((SECOND_SCAN, SECOND_SCAN + "      - title: staf\n        staff_only: true\n        blocks:\n"
      "          - {type: my_programme, url_name: m1, settings: {display_name: M}}\n"),
     "a my_programme block is for participants: not in a staff_only unit", 15),
])
def test_broken_outlines_name_the_file_and_line(tmp_path, change, words, line):
    assert change[0] in GOOD
    path = tmp_path / "outline.yaml"
    path.write_text(GOOD.replace(*change, 1))
    with pytest.raises(AuthoredDataError) as refused:
        build.load_outline(path)
    assert refused.value.message.startswith("outline.yaml: ")
    assert words in refused.value.message
    assert refused.value.line == line


def test_a_file_that_is_not_utf8_is_an_authored_data_error(tmp_path):
    path = tmp_path / "outline.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(AuthoredDataError, match="outline.yaml: the file is not UTF-8"):
        build.load_outline(path)


def test_a_custom_instrument_must_be_usable(tmp_path):
    path = tmp_path / "outline.yaml"
    custom = "{series: x, instrument_key: custom, custom_instrument_yaml: 'a: 1'}}"
    path.write_text(GOOD.replace("{series: x}}", custom))
    with pytest.raises(AuthoredDataError, match="custom_instrument_yaml is not a usable instrument") as refused:
        build.load_outline(path)
    assert refused.value.line == 11


def test_a_custom_instrument_goes_into_the_olx_as_an_element(tmp_path):
    shipped = (Path(trust_scan_block.__file__).parent / "instruments" / "samenwerking_in_de_keten.yaml").read_text()
    path = tmp_path / "outline.yaml"
    path.write_text(GOOD.replace("{series: x}}", "{series: x, instrument_key: custom, custom_instrument_yaml: CUSTOM}}")
                    .replace("CUSTOM", json.dumps(shipped)))
    build.build_course(build.load_outline(path), tmp_path)
    element = parse(tmp_path / "n" / "vertical" / "h1_u.xml").find("leergang_trust_scan[2]")
    assert element.get("instrument_key") == "custom" and "custom_instrument_yaml" not in element.attrib
    assert element.find(OPTION + "custom_instrument_yaml").text == shipped


def test_the_command_line_builds_all_or_names_the_problem(tmp_path, capsys, monkeypatch):
    assert build.main(["--out", str(tmp_path / "all")]) == 0
    assert len(capsys.readouterr().out.split()) == len(build.outline_paths())
    broken = tmp_path / "kapot.yaml"
    broken.write_text(GOOD.replace("type: trust_scan\n", "type: onbekend\n"))
    monkeypatch.setattr(build, "outline_paths", lambda: [broken])
    assert build.main(["--out", str(tmp_path / "broken")]) == 1
    assert capsys.readouterr().err.startswith("kapot.yaml:8: chapters[0].units[0].blocks[0].type: unknown block type 'onbekend'")


def test_the_documented_command_builds_the_courses_in_a_fresh_process(tmp_path):
    """docs/authors.md and docs/sample_courses.md say `.venv/bin/python -m sample_courses.build`:
    run as they say, in a process where nothing has set Django up (the dialogue's and the
    session block's own rules are checked on every outline, and they live beside their models)."""
    root = Path(__file__).resolve().parents[2]
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-m", "sample_courses.build", "--out", str(tmp_path)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(Path(line).name for line in done.stdout.split()) == sorted(
        path.name for path in tmp_path.glob("*.tar.gz"))
    assert len(done.stdout.split()) == len(build.outline_paths())


def test_the_build_folder_is_not_committed():
    assert "build/" in (build.HERE / ".gitignore").read_text().split()


# --- The workbench -----------------------------------------------------------------------

def test_each_course_is_one_workbench_scenario():
    scenarios = build.workbench_scenarios()
    outlines = [build.load_outline(p) for p in build.outline_paths()]
    assert len(scenarios) == len(outlines) == 4
    assert "Sample course: Sturen en leidinggeven vanuit vertrouwen (VU School of Governance)" in [title for title, _ in scenarios]
    for (title, xml), outline in zip(scenarios, outlines):
        runtime = WorkbenchRuntime("sample-check")
        runtime.id_generator.set_scenario("sample-check-" + uuid.uuid4().hex[:8])
        page = runtime.get_block(runtime.parse_xml_string(xml))
        children = [runtime.get_block(child) for child in page.children]
        units = [u for ch in outline["chapters"] for u in ch["units"]]
        blocks = [b for u in units for b in u["blocks"]]
        assert len(children) == len(outline["chapters"]) + len(units) + len(blocks)
        headings = [c.content for c in children if c.scope_ids.block_type == "html_demo" and "<h2>" in c.content]
        assert headings == [f"<h2>{ch['title']}</h2>" for ch in outline["chapters"]]
        leergang_blocks = [c for c in children if c.scope_ids.block_type in LEERGANG_TAGS]
        assert [s.display_name for s in leergang_blocks] == [b["settings"]["display_name"] for b in blocks]
        for child in children:  # every text renders: html_demo substitutes $names
            if child.scope_ids.block_type == "html_demo":
                child.fallback_view("student_view", {})


def sample_course_scenarios():
    """{course title: scenario id} of every sample course in the demo, adding any that an
    earlier test kept out (it loaded the stock scenarios before the demo's URLs)."""
    from workbench.scenarios import add_xml_scenario, get_scenarios

    by_title = {s.description: scenario_id for scenario_id, s in get_scenarios().items()}
    for index, (title, xml) in enumerate(build.workbench_scenarios()):
        if title not in by_title:
            add_xml_scenario(f"sample_course.{index}", title, xml)  # as demo/scenarios.py does
            by_title[title] = f"sample_course.{index}"
    return by_title


def test_each_sample_course_page_renders_in_the_demo():
    """Through the demo's own request path: demo/scenarios.py adds the courses to the index."""
    from tests.support.workbench import Participant

    reader = Participant("sample-course-reader", language="nl")
    assert reader.client.get("/").status_code == 200  # loads the demo's URLs and scenarios
    by_title = sample_course_scenarios()
    for (title, _), path in zip(build.workbench_scenarios(), build.outline_paths()):
        outline = build.load_outline(path)
        page = reader.page(by_title[title])
        assert page.status_code == 200, title
        text = page.content.decode("utf-8")
        for chapter in outline["chapters"]:
            assert f"<h2>{chapter['title']}</h2>" in text
        for block in (b for ch in outline["chapters"] for u in ch["units"] for b in u["blocks"]):
            assert html.escape(block["settings"]["display_name"]) in text
            assert html.escape(block["settings"].get("intro", "")) in text


def parse_json(path):
    return json.loads(Path(path).read_text("utf-8"))


def outlines_by_number():
    return {o["course"]["number"]: o for o in map(build.load_outline, build.outline_paths())}


def moment(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


# --- A complete course: dates, image, about page, what it awards ---------------------------

def test_every_built_course_is_complete(built):
    outlines = outlines_by_number()
    images = set()
    for root in course_roots(built):
        outline = outlines[root.name]
        top = parse(root / "course.xml")
        run = top.get("url_name")
        policy = parse_json(root / "policies" / run / "policy.json")[f"course/{run}"]
        start, end = moment(policy["start"]), moment(policy["end"])
        opens, closes = moment(policy["enrollment_start"]), moment(policy["enrollment_end"])
        assert opens <= start < end and opens < closes <= end, root.name
        assert end.date() == outline["course"]["end"]          # the closing day, all of it
        assert policy["display_organization"] == outline["course"]["provider"]

        image = root / "static" / policy["course_image"]
        width, height, _ = course_image.read_png(image.read_bytes())
        assert (width, height) == (756, 450)
        images.add(image.read_bytes())
        assets = parse_json(root / "policies" / "assets.json")
        assert assets[policy["course_image"]]["contentType"] == "image/png"

        about = (root / "about" / "overview.html").read_text("utf-8")
        etree.fromstring(f"<div>{about}</div>")
        assert len(re.sub("<[^>]+>", "", about)) > 300, root.name
        short = (root / "about" / "short_description.html").read_text("utf-8").strip()
        assert 40 < len(short) < 500 and "<" not in short

        award = outline["course"]["award"]
        grading = parse_json(root / "policies" / run / "grading_policy.json")
        statement = html.escape(award["statement"], quote=False)
        assert statement in about
        graded = {}
        for kind, element in walk(root):
            if kind == "sequential":
                seq = parse(root / "sequential" / f"{element.get('url_name')}.xml")
                if seq.get("graded") == "true":
                    graded[seq.get("format")] = seq
        if award["kind"] == "none":
            # Nothing awarded: grading off, no certificate, and the course says so.
            assert policy["no_grade"] is True and grading["GRADER"] == [] and not graded
            assert "certificates" not in policy and "cert_name_short" not in policy
        else:
            certificate, = policy["certificates"]["certificates"]
            assert certificate["name"] == policy["cert_name_short"] == award["name"]
            assert certificate["description"] == award["statement"]
            assert not policy.get("no_grade")
            assert {g["type"] for g in grading["GRADER"]} == set(graded)
            assert certificate["is_active"] == bool(grading["GRADER"])
            unit = build.award_unit(outline)
            unit_text = (root / "html" / f"{unit['url_name']}_text.html").read_text("utf-8")
            assert statement in unit_text
    assert len(images) == len(outlines)  # one image per programme, each its own


def test_the_vu_diploma_rule_is_stated_once_and_carried_by_the_scored_case_block(built):
    out, _ = built
    outline = outlines_by_number()["VU-SLV"]
    award = outline["course"]["award"]
    assert award["kind"] == "diploma" and award["name"] == "Diploma"
    for words in ("vijf van de zes inhoudelijke", "voldoende", "gepresenteerd", "certificaat van deelname"):
        assert words in award["statement"]
    unit = build.award_unit(outline)
    assert outline["chapters"][-1]["units"][-1] is unit and "placeholder_for" not in unit
    [carrier] = unit["blocks"]
    assert carrier["type"] == "case" and carrier["settings"]["scored"] is True
    # The block's rule is the statement's: 5 of the 6 sessions that count, a sufficient paper, presented.
    from leergang_xblocks.case import config as case_config
    sessions = case_config.parse_sessions(carrier["settings"]["sessions_yaml"])
    assert sum(1 for s in sessions if s.counts) == 6 and carrier["settings"]["attendance_required"] == 5
    assert "require_assessment" not in carrier["settings"] and "require_presentation" not in carrier["settings"]
    run = outline["course"]["run"]
    grading = parse_json(out / "VU-SLV" / "policies" / run / "grading_policy.json")
    assert grading == {"GRADER": [{"type": "Diploma", "short_label": "Dipl", "min_count": 1, "drop_count": 0,
                                   "weight": 1.0}], "GRADE_CUTOFFS": {"Pass": 1.0}}
    sequential = parse(out / "VU-SLV" / "sequential" / "slotbijeenkomst_seq.xml")
    assert (sequential.get("graded"), sequential.get("format")) == ("true", "Diploma")
    about = (out / "VU-SLV" / "about" / "overview.html").read_text("utf-8")
    assert build.AWARD_PENDING not in about
    # Every case block of the course shows the same case: one key.
    keys = {b["settings"]["case_key"] for ch in outline["chapters"] for u in ch["units"] for b in u["blocks"]
            if b["type"] == "case"}
    assert keys == {"praktijkopdracht"}
    # Nowhere else does a text state its own version of the rule.
    texts = [outline["course"]["overview"]] + [u["html"] for ch in outline["chapters"] for u in ch["units"]]
    assert not any(terms.AWARD_WORDS.search(text) for text in texts)


def test_only_the_award_units_case_block_may_be_scored(tmp_path):
    text = (build.HERE / "vu_sturen_vanuit_vertrouwen.yaml").read_text("utf-8")
    anchor = "              focus_session: 4\n"
    assert anchor in text
    path = tmp_path / "vu.yaml"
    path.write_text(text.replace(anchor, anchor + "              scored: true\n"))
    with pytest.raises(AuthoredDataError, match="only the leergang_case block of the award unit may be scored"):
        build.load_outline(path)
    # An unscored case block cannot carry the diploma.
    path.write_text(text.replace("              scored: true\n", ""))
    with pytest.raises(AuthoredDataError, match="the leergang_case block that carries the diploma rule must be scored"):
        build.load_outline(path)


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


VU = "vu_sturen_vanuit_vertrouwen.yaml"
WIW = "wiw_eigen_regie_en_vertrouwen.yaml"


@pytest.mark.parametrize("outline, change, words, at", [
    (VU, ("  end: 2021-10-13\n", ""), "a course needs 'end' (the programme's closing day)", "course:"),
    (VU, ("  end: 2021-10-13", "  end: 2021-01-13"), "'end' (2021-01-13) must come after 'start'", "  end:"),
    (VU, ("  enrollment_end: 2021-01-12", "  enrollment_end: 2021-11-01"), "may not come after the course end",
     "  enrollment_end:"),
    (VU, ("  enrollment_start: 2020-09-01", "  enrollment_start: 2021-02-01"), "must be on or before the course start",
     "  enrollment_start:"),
    (VU, ('  image: {background: "#1f5f8b", accent: "#f2b134"}\n', ""), "a course needs 'image'", "course:"),
    (VU, ('accent: "#f2b134"', 'accent: geel'), "image 'accent' must be a colour", "  image:"),
    (VU, ("  overview: >-\n", "  overvieuw: >-\n"), "unknown course key 'overvieuw'", "  overvieuw:"),
    (VU, ("    unit: slot_paper_en_presentatie", "    unit: b4_dilemma"),
     "needs the unit 'b4_dilemma' to hold leergang_case", "    unit: b4_dilemma"),
    (VU, ("    unit: slot_paper_en_presentatie", "    unit: nergens"), "'nergens' is not a unit", "    unit: nergens"),
    (VU, ("    kind: diploma", "    kind: certificaat"), "award 'kind' must be one of", "    kind:"),
    (VU, ("borrel.</p>", "borrel en het diploma.</p>"), "only course.award.statement may speak of a diploma",
     "        html: >-\n          <p>Je werkt je praktijkopdracht"),
    (VU, ("        url_name: b4_opdracht\n", "        url_name: b4_opdracht\n        placeholder_for: leergang_case_tracker\n"),
     "placeholder_for must name a planned block", "leergang_case_tracker"),
    (WIW, ("    kind: none\n", "    kind: none\n    name: Bewijs\n"), "an award of kind none has no name",
     "    name: Bewijs"),
])
def test_an_incomplete_or_inconsistent_outline_is_refused_at_its_line(tmp_path, outline, change, words, at):
    text = (build.HERE / outline).read_text("utf-8")
    assert change[0] in text
    changed = text.replace(*change, 1)
    path = tmp_path / outline
    path.write_text(changed, "utf-8")
    with pytest.raises(AuthoredDataError) as refused:
        build.load_outline(path)
    assert refused.value.message.startswith(f"{outline}: ") and words in refused.value.message
    assert re.match(rf"{outline}: (course|chapters)[\w.\[\]]*: ", refused.value.message)  # and the path
    expected = line_of(changed, at)
    if at == "course:":  # a missing key: the line of the mapping that lacks it
        expected += 1
    assert refused.value.line == expected


# --- Faithful to the seeds ------------------------------------------------------------------

def all_text(outline):
    return " ".join([outline["course"]["overview"]] + [u["html"] for ch in outline["chapters"] for u in ch["units"]])


def test_vng_half_day_4_says_what_the_seed_says():
    outline = outlines_by_number()["VNG-WVB"]
    text = " ".join(u["html"] for u in outline["chapters"][3]["units"])
    assert "een grote Nederlandse gemeente" in text and "legitimiteit" in text and "menselijke maat" in text
    assert "grootste" not in all_text(outline) and "rechtmatigheid" not in all_text(outline)
    assert outline["course"]["start"] == datetime.date(2022, 1, 27) and outline["course"]["end"] == datetime.date(2022, 10, 6)
    assert outline["course"]["max_participants"] == 30            # ten municipalities, three each


def test_every_vng_half_day_has_its_step_in_the_municipality():
    outline = outlines_by_number()["VNG-WVB"]
    for number, chapter in enumerate(outline["chapters"], start=1):
        cases = [b for u in chapter["units"] for b in u["blocks"] if b["type"] == "case"]
        assert cases, chapter["title"]
        for case in cases:   # the municipality's trio: one team case, this half-day's step of it
            assert case["settings"]["case_mode"] == "team" and case["settings"]["case_key"] == "gemeente"
            assert case["settings"].get("focus_session", 0) in (0, number)


def test_zet_has_the_team_assignment_the_mentor_and_a_listening_exercise():
    outline = outlines_by_number()["ZET-SML"]
    units = {u["url_name"]: u for ch in outline["chapters"] for u in ch["units"]}
    [team_case] = units["teamopdracht"]["blocks"]
    assert team_case["type"] == "case" and team_case["settings"]["case_mode"] == "team"
    assert "learning_question" in team_case["settings"]["case_fields"]      # each member's own
    assert "mentor" in units["mentor"]["html"] and "leest" in units["mentor"]["html"]
    assert "Persoonlijke leervraag" in units["leervraag"]["html"]
    assert [b["settings"]["focus_session"] for name in ("dag2_teamopdracht", "dag3_teamopdracht", "reisverslag")
            for b in units[name]["blocks"]] == [2, 3, 4]
    listening = units["dag1_luisteren"]["blocks"][0]
    assert listening["type"] == "dialogue" and listening["settings"].get("step_reflection", True)
    assert outline["course"]["max_participants"] == 24
    assert "voorbeelddata" in outline["course"]["overview"]       # the seed gives dates on request only


def test_the_hrm_network_chooses_its_own_themes():
    outline = outlines_by_number()["WIW-ERV"]
    units = {u["url_name"]: u for ch in outline["chapters"] for u in ch["units"]}
    [wishes] = units["leerwensen"]["blocks"]
    assert wishes["type"] == "case" and "learning_wishes" in wishes["settings"]["case_fields"]
    [harvest] = units["manifestatie"]["blocks"]
    # The harvest is presented at the manifestatie: its own moment in the timetable, on 11 December.
    manifestatie = {s.number: s for s in outline["timetable"]["parsed"]}[harvest["settings"]["focus_session"]]
    assert harvest["settings"]["group_page"] is True and manifestatie.presentation
    assert manifestatie.day == datetime.date(2014, 12, 11)
    later = outline["chapters"][1:]
    # The meetings after the start carry no theme of ours: their kind and date only ...
    assert all(re.fullmatch(r"(Tweedaagse|Eendaagse|Slotbijeenkomst)[^:]*\(\d.*\)", ch["title"]) for ch in later)
    # ... every meeting before the last gives the group a unit to propose themes in the forum first ...
    topics = outline["course"]["discussion_topics"]
    for chapter in outline["chapters"][:-1]:
        assert [u for u in chapter["units"] if u["title"].startswith("Thema")
                and any(f'"{topic}"' in u["html"] for topic in topics)], chapter["title"]
    # ... and no vote offers themes before the group proposed them: the one vote is the manifestatie's form.
    votes = [u["url_name"] for u in units.values() for b in u["blocks"] if b["type"] == "dialogue"]
    assert votes == ["manifestatie_opzet"]
    assert (outline["course"]["start"], outline["course"]["end"], outline["course"]["enrollment_end"]) == (
        datetime.date(2014, 6, 12), datetime.date(2015, 1, 29), datetime.date(2014, 5, 25))


def test_placeholders_are_marked_in_the_olx(built):
    outlines = outlines_by_number()
    for root in course_roots(built):
        listed = build.placeholders(outlines[root.name])
        for _, unit, tag in listed:
            text = (root / "html" / f"{unit['url_name']}_text.html").read_text("utf-8")
            assert text.startswith(f'<div class="leergang-placeholder" data-placeholder-for="{tag}">')
        marked = [p for p in (root / "html").glob("*.html") if "data-placeholder-for" in p.read_text("utf-8")]
        assert len(marked) == len(listed)


def test_one_name_for_the_case_block_everywhere():
    for path in [build.HERE.parent / "docs" / "sample_courses.md", build.HERE.parent / "README.md",
                 *(build.HERE.parent / "docs").glob("*.md"),
                 *build.outline_paths()]:
        assert "leergang_case_tracker" not in path.read_text("utf-8"), path


# --- Round trip -------------------------------------------------------------------------------

def test_build_export_build_gives_the_same_olx(built, tmp_path):
    out, archives = built
    for archive in archives:
        root = out / archive.name[:-len(".tar.gz")]
        yaml_path = tmp_path / f"{root.name}.yaml"
        yaml_path.write_text(export.outline_yaml(export.export_outline(root)), "utf-8")
        again = build.build_course(build.load_outline(yaml_path), tmp_path / "again")
        first = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        second = {p.relative_to(again.parent / root.name): p.read_bytes()
                  for p in (again.parent / root.name).rglob("*") if p.is_file()}
        assert first.keys() == second.keys()
        assert [name for name in first if first[name] != second[name]] == []
        assert again.read_bytes() == archive.read_bytes()


# --- Every unit of every built course renders in Dutch in the workbench ----------------------

def test_every_built_unit_renders_in_dutch_in_the_workbench(built):
    from django.utils import translation

    from demo.services import _catalog_for

    # A text each block shows this reader (a participant): their own-data download; the
    # programme overview, a staff tool, refuses them; "Mijn leergang" says what is open.
    markers = {tag: "Download my data in this block" for tag in LEERGANG_TAGS}
    markers["leergang_programme"] = "You do not mentor a group in this course."
    markers["leergang_my_programme"] = "Still open this week"
    catalog = _catalog_for("nl")
    assert all(catalog.gettext(english) != english for english in markers.values())
    rendered_scans = 0
    for root in course_roots(built):
        runtime = WorkbenchRuntime("sample-dutch-reader")
        runtime.id_generator.set_scenario("sample-nl-" + uuid.uuid4().hex[:8])
        for kind, element in walk(root):
            if kind != "vertical":
                continue
            vertical = parse(root / "vertical" / f"{element.get('url_name')}.xml")
            page = etree.Element("vertical_demo")
            for child in vertical:
                if child.tag == "html":
                    text = (root / "html" / f"{child.get('url_name')}.html").read_text("utf-8")
                    page.append(etree.fromstring(f"<html_demo>{text.replace('$', '$$')}</html_demo>"))
                else:
                    copy = etree.fromstring(etree.tostring(child))
                    del copy.attrib["url_name"]
                    page.append(copy)
            with translation.override("nl"):
                unit = runtime.get_block(runtime.parse_xml_string(etree.tostring(page, encoding="unicode")))
                fragment = runtime.render(unit, "student_view")
            content = fragment.content
            assert vertical.get("display_name") and content, element.get("url_name")
            for child in vertical:
                if child.tag in LEERGANG_TAGS:
                    english = markers[child.tag]
                    assert catalog.gettext(english) in content and english not in content, element.get("url_name")
                    rendered_scans += 1
    assert rendered_scans >= 8


def test_the_demo_index_lists_each_courses_placeholders():
    """Only courses that still have placeholders are listed (issue 21: no list of
    "No placeholders"); tests/workbench/test_demo_index.py shows a listed one."""
    from tests.support.workbench import Participant

    reader = Participant("sample-index-reader")
    assert reader.client.get("/").status_code == 200  # loads the demo's URLs and scenarios
    by_title = sample_course_scenarios()
    index = reader.client.get("/")
    page = index.content.decode("utf-8")
    outlines = list(map(build.load_outline, build.outline_paths()))
    if not any(build.placeholders(outline) for outline in outlines):
        assert 'id="demo-placeholders-heading"' not in page
        return
    section = page[page.index('id="demo-placeholders-heading"'):]
    for outline in outlines:
        listed = build.placeholders(outline)
        heading = f"<h3 lang=\"nl\">{html.escape(outline['course']['display_name'])}</h3>"
        if not listed:
            assert heading not in section
            continue
        assert heading in section
        assert f"{len(listed)} of {sum(len(ch['units']) for ch in outline['chapters'])} units are placeholders" in section
        scenario_id = by_title[build.scenario_title(outline)]
        for _, unit, tag in listed:
            assert html.escape(unit["title"]) in section
            assert f'/scenario/{scenario_id}/#unit-{unit["url_name"]}">' in section
        # ... and each link's anchor is on the scenario page
        scenario_page = reader.page(scenario_id).content.decode("utf-8")
        assert all(f'id="unit-{unit["url_name"]}"' in scenario_page for _, unit, _ in listed)


def test_the_reference_doc_counts_what_the_outlines_hold():
    doc = (build.HERE.parent / "docs" / "sample_courses.md").read_text("utf-8")
    for path in build.outline_paths():
        outline = build.load_outline(path)
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{path.name}` |"))
        units = sum(len(ch["units"]) for ch in outline["chapters"])
        assert f"| {units} ({len(build.placeholders(outline))}) |" in row, path.name
        assert f"run {outline['course']['run']} |" in row, path.name


def test_a_course_that_awards_nothing_may_hold_no_scored_block(tmp_path, monkeypatch):
    scored = dataclasses.replace(build.BLOCK_TYPES["trust_scan"], tag="leergang_scored_thing", scored=True,
                                 series_setting=None, check=None)
    monkeypatch.setitem(build.BLOCK_TYPES, "scored_thing", scored)
    text = (build.HERE / WIW).read_text("utf-8")
    anchor = "        url_name: opdracht\n"
    changed = text.replace(anchor, anchor + "        blocks: [{type: scored_thing, url_name: telt, settings: {display_name: T}}]\n")
    path = tmp_path / WIW
    path.write_text(changed, "utf-8")
    with pytest.raises(AuthoredDataError, match="the course awards nothing") as refused:
        build.load_outline(path)
    assert refused.value.line == line_of(changed, "        blocks: [{type: scored_thing")


def test_the_export_command_prints_the_outline(built, capsys):
    out, archives = built
    root = out / archives[0].name[:-len(".tar.gz")]
    assert export.main([str(root)]) == 0
    assert capsys.readouterr().out == export.outline_yaml(export.export_outline(root))


def test_the_reference_docs_error_example_is_what_the_builder_says(tmp_path, capsys, monkeypatch):
    doc = (build.HERE.parent / "docs" / "sample_courses.md").read_text("utf-8")
    example = next(line for line in doc.splitlines() if line.startswith(f"{VU}:"))
    path = tmp_path / VU
    path.write_text((build.HERE / VU).read_text("utf-8").replace("min_cohort_size: 5", "min_cohort_size: 2", 1))
    monkeypatch.setattr(build, "outline_paths", lambda: [path])
    assert build.main(["--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.strip() == example


def test_every_forum_topic_a_unit_sends_people_to_is_in_the_course(built):
    """The HRM network chooses its own themes in the course forum: each topic a unit
    names ("in de discussie onder ...") exists as a course-wide topic in the policy."""
    for root in course_roots(built):
        policy = next(iter(json.loads(next((root / "policies").glob("*/policy.json")).read_text()).values()))
        topics = set(policy.get("discussion_topics", {}))
        named = set()
        for html_file in (root / "html").glob("*.html"):
            text = html.unescape(html_file.read_text("utf-8"))
            named |= set(re.findall(r"discussie[^\"<]*?onder(?: het onderwerp)? \"([^\"]+)\"", text))
        assert named <= topics, (root.name, named - topics)
        if root.name.startswith("WIW"):
            assert len(named) == 4 and all(policy["discussion_topics"][t]["id"].startswith("topic_") for t in named)
            # The forum's default topic is there too, in the course's language.
            assert [name for name, topic in policy["discussion_topics"].items() if topic["id"] == "course"] \
                == ["Algemeen"]


@pytest.mark.parametrize("topics, words", [
    ("discussion_topics: [a, a]", "must name each topic once"),
    ("discussion_topics: [General]", "must name each topic once"),
    ("discussion_topics: [Algemeen]", "must name each topic once"),
    ("discussion_topics: a", "must be a list of topic names"),
    ("discussion_topics: ['']", "must be non-empty text"),
])
def test_discussion_topics_are_checked(tmp_path, topics, words):
    path = tmp_path / "outline.yaml"
    path.write_text(GOOD.replace("course: {org: o,", "course: {" + topics + ", org: o,", 1))
    with pytest.raises(AuthoredDataError, match=words):
        build.load_outline(path)
