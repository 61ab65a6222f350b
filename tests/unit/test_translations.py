"""Every participant-facing string has Dutch, and the compiled catalogs are current."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import i18n  # noqa: E402


def test_every_source_string_has_a_dutch_translation_and_compiled_files_are_current():
    assert i18n.problems() == []


def test_extraction_finds_python_template_and_js_strings():
    strings = i18n.extract()
    assert "Only course staff may do this." in strings           # Python
    assert "Send and see my scores" in strings                    # template {% trans %}
    assert "%(n)s participant has submitted." in strings         # {% blocktrans count %}
    assert strings["%(n)s participant has submitted."] == "%(n)s participants have submitted."
    assert "Draft saved" in strings                              # JS gettext()


def test_a_missing_translation_is_reported(tmp_path, monkeypatch):
    source = tmp_path / "new.py"
    source.write_text('_("A brand new sentence")\n')
    monkeypatch.setattr(i18n, "extract", lambda paths=None, _orig=i18n.extract: {
        **_orig(paths), **dict(i18n.python_strings(source))})
    assert any("A brand new sentence" in problem for problem in i18n.problems())
