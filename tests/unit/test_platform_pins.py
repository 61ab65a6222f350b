"""The platform pins (.ci/pins/, tools/pins.py): each file says where its pins
were read (repository, file, commit), setup.cfg's floors are the oldest line's
pins, and the install check's comparison of `pip freeze` sees every change but
this package's own (issue 18, "Installing must change nothing of the platform")."""
import configparser
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import pins  # noqa: E402

FILES = pins.pins_files()


def install_requires():
    """{normalised name: specifier} from setup.cfg."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    requirements = {}
    for line in config["options"]["install_requires"].splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, specifier = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", line).groups()
            requirements[pins.normalise(name)] = specifier
    return requirements


def test_there_are_pins_to_check_against():
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_pins_file_names_the_platform_file_and_commit_it_was_read_from(path):
    header, pinned = pins.read(path)
    assert re.fullmatch(r"openedx/(edx|openedx)-platform requirements/edx/base\.txt", header["source"])
    assert re.fullmatch(r"[0-9a-f]{40}", header["commit"])
    assert re.fullmatch(r"3\.\d+", header["python"])
    assert re.fullmatch(r"\d{4}-\d{2}", header["date"])
    assert all(re.fullmatch(r"[0-9][0-9a-z.]*", version) for version in pinned.values())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_pins_file_pins_every_requirement_of_the_package(path):
    pinned = pins.read(path)[1]
    missing = set(install_requires()) - set(pinned)
    assert not missing, f"{path.name} lacks {missing}: the install check would not see them move"


REPORTED = pins.reported_files()


def test_the_floors_are_the_oldest_lines_pins_lowered_to_what_a_reported_line_names():
    oldest = pins.read(FILES[0])[1]
    lowered = {}
    for path in REPORTED:
        header, pinned = pins.read(path)
        for name in header["reported"].split():
            lowered[name] = min(lowered.get(name, pinned[name]), pinned[name], key=pins._version_key)
    for name, specifier in install_requires().items():
        expected = lowered[name] if name in lowered and pins._version_key(lowered[name]) < pins._version_key(oldest[name]) else oldest[name]
        assert specifier == f">={expected}", (name, specifier, expected)


@pytest.mark.parametrize("path", REPORTED, ids=lambda p: p.name)
def test_a_reported_line_says_what_was_reported_and_where_the_rest_comes_from(path):
    header, pinned = pins.read(path)
    assert "could not be read" in path.read_text("utf-8") or "NOT read" in path.read_text("utf-8")
    assert header["reported"].split(), "a reported line names the versions that were reported"
    assert set(header["reported"].split()) <= set(pinned)
    assert re.fullmatch(r"3\.\d+", header["python"])
    assert re.fullmatch(r"\d{4}-\d{2}", header["date"])
    missing = set(install_requires()) - set(pinned)
    assert not missing, f"{path.name} lacks {missing}: the install check would not see them move"


def test_a_reported_version_lowers_a_floor_and_an_unreported_one_does_not(tmp_path):
    (tmp_path / "main.txt").write_text("# date: 2026-01\n# python: 3.11\ndjango==5.2.10\nxblock==5.3.0\nlxml==5.3.2\n")
    reported = tmp_path / "reported"
    reported.mkdir()
    (reported / "old.txt").write_text("# reported: xblock django\n# date: 2025-12\n# python: 3.11\n"
                                      "django==5.2.7\nxblock==5.2.0\nlxml==5.1.0\n")
    floors = pins.floors(pins.pins_files(tmp_path), pins.reported_files(reported))
    assert floors == {"django": "5.2.7", "xblock": "5.2.0", "lxml": "5.3.2"}
    # A reported version above the supported pin never raises the floor.
    (reported / "old.txt").write_text("# reported: django\n# date: 2025-12\n# python: 3.11\ndjango==5.2.12\n")
    assert pins.floors(pins.pins_files(tmp_path), pins.reported_files(reported))["django"] == "5.2.10"


def test_the_files_are_ordered_by_their_date(tmp_path):
    for name, date in (("b.txt", "2026-01"), ("a.txt", "2025-10"), ("c.txt", "2025-12")):
        (tmp_path / name).write_text(f"# date: {date}\n# python: 3.11\ndjango==5.2.7\n")
    assert [p.name for p in pins.pins_files(tmp_path)] == ["a.txt", "c.txt", "b.txt"]


def test_a_moved_pin_is_not_held():
    assert pins.not_held({"xblock": "5.2.0", "pyyaml": "6.0.3"}, ["XBlock==5.2.0", "PyYAML==6.0.3"]) == []
    problems = pins.not_held({"xblock": "5.2.0", "django": "5.2.7"}, ["XBlock==6.1.0"])
    assert problems == ["django: pinned 5.2.7, installed nothing", "xblock: pinned 5.2.0, installed 6.1.0"]


def test_the_install_check_sees_every_change_but_this_package():
    before = ["Django==5.2.7", "XBlock==5.2.0", "edx-submissions==3.12.1", "PyYAML==6.0.3"]
    after = ["Django==5.2.7", "XBlock==6.1.0", "edx-submissions==3.12.1", "leergang-xblocks==0.1.0", "six==1.17.0"]
    assert pins.changed(before, after) == ["pyyaml: 6.0.3 -> removed", "six: not installed -> 1.17.0",
                                           "xblock: 5.2.0 -> 6.1.0"]
    installed = ["leergang_xblocks @ file:///tmp/dist/leergang_xblocks-0.1.0-py3-none-any.whl"]
    assert pins.changed(before, before + installed) == []
