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


def test_the_floors_are_the_oldest_lines_pins():
    oldest = pins.read(FILES[0])[1]
    for name, specifier in install_requires().items():
        assert specifier == f">={oldest[name]}", (name, specifier)


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
