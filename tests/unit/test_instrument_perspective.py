"""Each shipped trust scan speaks of one subject per dimension (issue 22): either what
the respondent does ("ik"), or their organisation or side of a partnership, never
both in one mean; and the band texts of an organisation's dimension describe the
organisation, not the person. Near-duplicate items are gone."""
import re

import pytest

from leergang_xblocks.trust_scan.instrument import shipped_instrument, shipped_instrument_keys

SELF, ORGANISATION = "self", "organisation"
SUBJECTS = {
    "sturen_vanuit_vertrouwen": {"vertrouwen_medewerkers": SELF, "proportionele_controle": ORGANISATION,
                                 "professionele_ruimte": ORGANISATION, "omgaan_met_fouten": ORGANISATION,
                                 "vertrouwen_inwoners_partners": ORGANISATION, "dialoog_openheid": SELF},
    "samenwerking_in_de_keten": {"deskundigheid_partners": ORGANISATION, "gedeeld_belang": ORGANISATION,
                                 "betrouwbaarheid_afspraken": ORGANISATION, "ondersteunende_sturing": ORGANISATION},
    "eigen_regie_en_vertrouwen": {"ruimte_voor_eigen_regie": ORGANISATION, "hr_instrumenten_als_steun": ORGANISATION,
                                  "van_buiten_naar_binnen": ORGANISATION, "experimenteren_en_leren": ORGANISATION,
                                  "eigen_rol_als_wegbereider": SELF},
    "samenspel_met_lef": {"open_aansluiten": SELF, "loslaten": SELF, "lef": SELF, "schakelen_tussen_rollen": SELF,
                          "ruimte_in_eigen_organisatie": ORGANISATION},
}
FIRST_PERSON = {"nl": re.compile(r"\bik\b", re.I), "en": re.compile(r"\bI\b")}
TEAM = {"nl": re.compile(r"\bmijn team\b", re.I), "en": re.compile(r"\bmy team\b", re.I)}
# A band of an organisation's dimension that opens by telling the person what *they* do.
PERSONAL_OPENING = {"nl": re.compile(r"^Je (lijkt|bouwt|geeft|laat|bent)\b"),
                    "en": re.compile(r"^You (seem|rely|extend|appear|are)\b")}


def test_every_shipped_dimension_has_a_declared_subject():
    assert set(SUBJECTS) == set(shipped_instrument_keys())
    for key, subjects in SUBJECTS.items():
        assert set(subjects) == {d.key for d in shipped_instrument(key).dimensions}, key


@pytest.mark.parametrize("key", sorted(SUBJECTS))
def test_each_dimension_speaks_of_one_subject(key):
    instrument = shipped_instrument(key)
    for dimension in instrument.dimensions:
        subject = SUBJECTS[key][dimension.key]
        for item in instrument.items_of(dimension.key):
            for language, text in item.text.items():
                assert not TEAM[language].search(text), (key, item.key, text)
                speaks_of_self = bool(FIRST_PERSON[language].search(text))
                assert speaks_of_self == (subject == SELF), (key, dimension.key, item.key, text)
        if subject == ORGANISATION:
            for band in dimension.bands:
                for language, text in band.text.items():
                    assert not PERSONAL_OPENING[language].search(text), (key, dimension.key, text)


def test_the_chain_scan_has_no_near_duplicate_items():
    chain = shipped_instrument("samenwerking_in_de_keten")
    assert "ba6" not in chain.item_keys
    texts = [item.text["nl"] for item in chain.items]
    openings = [" ".join(text.split()[:6]) for text in texts]
    assert len(openings) == len(set(openings)), openings
