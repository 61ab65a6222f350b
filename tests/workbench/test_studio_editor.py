"""Studio's settings editor speaks the author's language: every label, help
text, choice and button (issue 9), and its save answers in the shape Studio's
editor script reads."""
import uuid

from lxml import html as lxml_html

from tests.support.workbench import Participant, scenario_usage_ids

# Labels, choices, help texts, screen-reader texts and buttons, in page order.
UI = (".//label | .//option | .//*[contains(concat(' ', @class, ' '), ' setting-help ')]"
      " | .//*[contains(concat(' ', @class, ' '), ' sr ')] | .//a[contains(concat(' ', @class, ' '), ' button ')]")


def studio_texts(language):
    person = Participant("staff_editor_" + uuid.uuid4().hex[:6], language=language)
    response = person.client.get(f"/scenario/leergang_trust_scan.2/studio_view/?student={person.student_id}")
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    editor = tree.xpath("//*[contains(@class, 'leergang-studio-edit')]")[0]
    assert editor.get("lang") == language
    return [" ".join(element.text_content().split()) for element in editor.xpath(UI)]


def test_every_string_an_author_sees_is_in_their_language():
    english, dutch = studio_texts("en"), studio_texts("nl")
    assert len(english) == len(dutch) > 20
    assert "Custom (paste YAML below)" in english and "Eigen instrument (plak de YAML hieronder)" in dutch
    assert "Opslaan" in dutch and "Annuleren" in dutch and "Ja" in dutch and "Nee (standaard)" in dutch
    # The same text in both languages only where Dutch uses the English word.
    same = {en for en, nl in zip(english, dutch) if en == nl}
    assert same <= {"Instrument"}, same
    for text in dutch:
        assert text and "True" not in text and "False" not in text and "(Default)" not in text


def test_the_instrument_choice_shows_titles_not_file_names():
    dutch = studio_texts("nl")
    assert any(text.startswith("Zelfscan sturen vanuit vertrouwen") for text in dutch)
    assert "sturen_vanuit_vertrouwen" not in dutch
