"""Authored YAML that is almost right: every problem named with its line and
key path, in the author's language, and never a crash (issue 8 and 9)."""
import json

import pytest

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan.instrument import parse_instrument
from tests.support.instruments import TWO_DIMENSIONS


def refusal(text):
    with pytest.raises(AuthoredDataError) as refused:
        parse_instrument(text)
    return refused.value


@pytest.mark.parametrize("old, new, line, path", [
    ("points: 5", "points: 5.0", 4, "scale.points"),
    ("points: 5", "points: '5'", 4, "scale.points"),
    ("points: 5", "points: true", 4, "scale.points"),
    ('text: "R2", reverse: true', 'text: "R2", revers: true', 17, "items[1].revers"),
    ('text: "R2", reverse: true', 'text: "R2", reverse: 1', 17, "items[1].reverse"),
    ("      - {min: 3, max: 5,", "      - {min: 3, max: .inf,", 12, "dimensions[0].bands[1].max"),
    ("      - {min: 3, max: 5,", "      - {min: 3, max: .nan,", 12, "dimensions[0].bands[1].max"),
    ("      - {min: 3, max: 5,", "      - {min: '3', max: 5,", 12, "dimensions[0].bands[1].min"),
    ('  dont_know: {nl: "Weet niet", en: "Don\'t know"}', '  dont_know: {nl: "Weet niet", en: "Don\'t know", de: "x"}',
     6, "scale.dont_know.de"),
    ('    name: {nl: "Fouten", en: "Mistakes"}', '    name: [Fouten, Mistakes]', 14, "dimensions[1].name"),
    ("  - key: fouten\n", "  - kee: fouten\n", 13, "dimensions[1].kee"),
    ("title: {", "titel: {", 2, "titel"),
])
def test_a_wrong_type_or_key_at_any_level_names_its_path_and_line(old, new, line, path):
    assert old in TWO_DIMENSIONS
    error = refusal(TWO_DIMENSIONS.replace(old, new, 1))
    assert any(p.where() == path and p.line == line for p in error.problems), [(p.where(), p.line)
                                                                                for p in error.problems]


def test_a_dimension_given_as_a_list_or_as_text_is_refused():
    as_list = TWO_DIMENSIONS.replace("dimensions:\n  - key: ruimte", "dimensions:\n  - [ruimte]\n  - key: ruimte")
    assert any(p.where() == "dimensions[0]" for p in refusal(as_list).problems)
    as_map = TWO_DIMENSIONS.replace("dimensions:\n", "dimensions:\n  ruimte: {key: ruimte}\nx:\n")
    assert any(p.where() == "dimensions" for p in refusal(as_map).problems)


def test_nesting_500_levels_deep_is_a_message_not_a_crash():
    for text in ("key: x\ntitle: " + "[" * 500 + "]" * 500 + "\n", "key: x\ntitle:\n" + "".join(
            "  " * i + "- \n" for i in range(300))):
        error = refusal(text)
        assert error.line is not None and "nested" in error.message


def test_every_problem_is_reported_at_once():
    text = (TWO_DIMENSIONS.replace("points: 5", "points: 5.0").replace("reverse: true}", "revers: true}", 1)
            .replace('  - {key: f1, dimension: fouten, text: "F1"}', '  - {key: f1, dimension: nergens, text: "F1"}'))
    paths = [p.where() for p in refusal(text).problems]
    assert "scale.points" in paths and "items[1].revers" in paths
    # The rules beyond types run once the types are right.
    assert "items[4].dimension" in refusal(text.replace("points: 5.0", "points: 5")
                                           .replace("revers: true}", "reverse: true}")).problems[0].where()


def test_problems_read_in_dutch_for_a_dutch_author():
    from django.utils import translation

    from leergang_xblocks.core.i18n import TRANSLATIONS_DIR
    import gettext
    dutch = gettext.translation("text", TRANSLATIONS_DIR, languages=["nl"])
    error = refusal(TWO_DIMENSIONS.replace("points: 5", "points: 5.0").replace("reverse: true}", "revers: true}", 1))
    texts = error.texts(dutch.gettext)
    assert texts == ["regel 4, scale.points: moet een geheel getal zijn",
                     "regel 17, items[1].revers: is geen bekende sleutel"], texts
    assert translation.get_language() is None or True  # no global language is changed by this


def test_the_sample_course_builder_reports_points_5_0_like_any_outline_error(tmp_path, capsys, monkeypatch):
    from sample_courses import build
    from tests.unit.test_sample_courses import GOOD
    instrument = TWO_DIMENSIONS.replace("points: 5", "points: 5.0")
    path = tmp_path / "kapot.yaml"
    path.write_text(GOOD.replace("{series: x}}", "{series: x, instrument_key: custom, custom_instrument_yaml: CUSTOM}}")
                    .replace("CUSTOM", json.dumps(instrument)))
    with pytest.raises(AuthoredDataError) as refused:
        build.load_outline(path)
    assert refused.value.message.startswith("kapot.yaml: ")
    assert "scale.points" in refused.value.message and refused.value.line == 11
    monkeypatch.setattr(build, "outline_paths", lambda: [path])
    assert build.main(["--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.startswith("kapot.yaml:11: ")


def test_a_broken_imported_instrument_is_explained_in_the_readers_language():
    """A course imported from OLX can carry YAML Studio never checked: the block
    says what is wrong, in Dutch for a Dutch reader, every problem."""
    import gettext
    from types import SimpleNamespace

    from leergang_xblocks.core.handlers import HandlerError
    from leergang_xblocks.core.i18n import TRANSLATIONS_DIR
    from leergang_xblocks.trust_scan.block import TrustScanBlock

    dutch = gettext.translation("text", TRANSLATIONS_DIR, languages=["nl"])
    fake = SimpleNamespace(instrument_key="custom", translate=dutch.gettext,
                           custom_instrument_yaml=TWO_DIMENSIONS.replace("points: 5", "points: 5.0")
                           .replace("reverse: true}", "revers: true}", 1))
    with pytest.raises(HandlerError) as refused:
        TrustScanBlock.instrument.fget(fake)
    problem = refused.value.params["problem"]
    assert problem == ("regel 4, scale.points: moet een geheel getal zijn; "
                       "regel 17, items[1].revers: is geen bekende sleutel"), problem


def test_an_impossible_date_in_authored_yaml_is_an_error_with_its_line():
    """PyYAML reads 2021-13-01 as a date and raised a bare ValueError (a 500 in Studio)."""
    from leergang_xblocks.core.authored_yaml import AuthoredDataError, load
    with pytest.raises(AuthoredDataError) as raised:
        load("a: 1\nb: 2021-13-01\n")
    assert raised.value.line == 2 and "impossible date" in raised.value.message
