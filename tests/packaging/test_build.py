"""The package as an admin gets it: `python -m build` is silent and the wheel
holds everything the blocks read at run time, plus what an index needs."""
import os
import re
import subprocess
import sys
import zipfile
from email import message_from_string
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    wheel = next(out.glob("*.whl"))
    return result.stdout + result.stderr, zipfile.ZipFile(wheel)


def test_the_build_prints_no_warnings(built):
    output, _ = built
    noisy = [line for line in output.splitlines()
             if "warn" in line.lower() or "absent from the `packages`" in line or "deprecat" in line.lower()]
    assert noisy == []


def test_the_wheel_holds_what_the_blocks_read(built):
    _, wheel = built
    names = set(wheel.namelist())
    expected = [
        "leergang_xblocks/trust_scan/templates/student_view.html",
        "leergang_xblocks/trust_scan/static/trust_scan.js",
        "leergang_xblocks/trust_scan/static/trust_scan.css",
        "leergang_xblocks/trust_scan/static/i18n/nl.js",
        "leergang_xblocks/core/static/leergang_core.js",
        "leergang_xblocks/core/static/leergang_core.css",
        "leergang_xblocks/translations/nl/LC_MESSAGES/text.mo",
        "leergang_xblocks/trust_scan/instruments/sturen_vanuit_vertrouwen.yaml",
    ]
    assert [name for name in expected if name not in names] == []
    packaged_templates = {n for n in names if n.endswith(".html")}
    source_templates = {p.relative_to(ROOT).as_posix() for p in (ROOT / "leergang_xblocks").rglob("*.html")}
    assert source_templates <= packaged_templates
    assert not any("/tests/" in n or n.startswith(("tests/", "demo/", "sample_courses/")) for n in names)


def test_the_metadata_is_ready_for_an_index(built):
    _, wheel = built
    meta_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    meta = message_from_string(wheel.read(meta_name).decode())
    assert meta["Requires-Python"] == ">=3.11"
    classifiers = meta.get_all("Classifier")
    # What the suite runs on (.ci/pins/, the oldest line's Python and Django), no more.
    python_classifiers = {c for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)}
    django_classifiers = {c for c in classifiers if re.fullmatch(r"Framework :: Django :: \d\.\d", c)}
    assert python_classifiers == {"Programming Language :: Python :: 3.11"}
    assert django_classifiers == {"Framework :: Django :: 5.2"}
    requires = meta.get_all("Requires-Dist")
    # Floors only (tests/unit/test_platform_pins.py: the oldest line's pins, lowered to
    # the versions reported for Ulmo).
    assert "XBlock>=5.2.0" in requires and "Django>=5.2.7" in requires
    assert not any(r.lower().startswith(("xblock-sdk", "web-fragments")) for r in requires if "extra" not in r)
    assert meta["Description-Content-Type"] == "text/markdown" and "leergang" in meta.get_payload()
    license_files = [n for n in wheel.namelist() if n.endswith("dist-info/licenses/LICENSE")]
    assert license_files
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in wheel.read(license_files[0]).decode()
