"""The demo's scenario titles in English and Dutch, and the index's own words.

A scenario's description (the first part of each block's `workbench_scenarios()`)
is also where the workbench takes the scenario's course id from, and tests find
blocks by it, so it stays as it is; what a visitor reads is the title below, in
the language of the page (issue 21: a Dutch title on the English index). Ids are
positional (`<block type>.<n>`): a new scenario is appended to its block's list
and gets its two titles here; tests/workbench/test_demo_index.py fails until then.
"""
from django.utils import translation

TITLES = {
    "leergang_case.0": ("Case tracker: your own case over six sessions (VU-like, diploma at 5 of 6)",
                        "Casustracker: eigen casus in zes bijeenkomsten (zoals bij de VU, diploma bij 5 van 6)"),
    "leergang_case.1": ("Case tracker: team case with a mentor (Zet-like)",
                        "Casustracker: teamcasus met een mentor (zoals bij Zet)"),
    "leergang_case.2": ("Case tracker: learning wishes and the closing manifestatie (HRM network)",
                        "Casustracker: leerwensen en de manifestatie tot slot (HRM-netwerk)"),
    "leergang_case.3": ("Case tracker: final paper as a file, a rubric and two readers (VU-like)",
                        "Casustracker: eindpaper als bestand, een rubric en twee lezers (zoals bij de VU)"),
    "leergang_dialogue.0": ("Dialogue: a dilemma for the whole cohort (reveal at 3 positions)",
                            "Dilemmadialoog: een dilemma voor de hele groep (zichtbaar vanaf 3 standpunten)"),
    "leergang_dialogue.1": ("Dialogue: a statement in your intervisie group",
                            "Dilemmadialoog: een stelling in je intervisiegroep"),
    "leergang_feedback_round.0": ("Feedback round: report back and agree actions (action learning)",
                                  "Feedbackronde: terugkoppelen en acties afspreken (actieleren)"),
    "leergang_feedback_round.1": ("Feedback round: anonymous intervisie feedback, released after its due date",
                                  "Feedbackronde: anonieme intervisiefeedback, zichtbaar na de einddatum"),
    "leergang_feedback_round.2": ("Feedback round: a fresh group set for staff to arrange (incident method)",
                                  "Feedbackronde: nieuwe groepsindeling die de begeleiders zelf maken "
                                  "(incidentmethode)"),
    "leergang_feedback_round.3": ("Feedback round: regrouping while the round runs (a group set of its own)",
                                  "Feedbackronde: omgroeperen terwijl de ronde loopt (eigen groepsindeling)"),
    "leergang_feedback_round.4": ("Feedback round with the case tracker: one action list, a live mode (staff arrange the groups)",
                                  "Feedbackronde met de casustracker: één actielijst en een live-modus (begeleiders maken de groepen)"),
    "leergang_feedback_round.5": ("Feedback round: report back and agree actions, in groups staff arrange (action learning)",
                                  "Feedbackronde: terugkoppelen en acties afspreken, in groepen die de begeleiders "
                                  "zelf maken (actieleren)"),
    "leergang_groups.0": ("Small groups: your intervisie group (three groups, staff tools)",
                          "Jouw groep: je intervisiegroep (drie groepen, hulpmiddelen voor begeleiders)"),
    "leergang_groups.1": ("Small groups: a fresh group set for staff to arrange",
                          "Jouw groep: nieuwe groepsindeling die de begeleiders zelf maken"),
    "leergang_session.0": ("Session: questions for the speaker and an evaluation (results from 3 answers)",
                           "Bijeenkomst: vragen voor de spreker en een evaluatie (uitslag vanaf 3 antwoorden)"),
    "leergang_session.1": ("Session: an evaluation that has closed",
                           "Bijeenkomst: een evaluatie die gesloten is"),
    "leergang_my_programme.0": ("My programme: a participant's journey across every block, and one download of it all",
                                "Mijn leergang: de weg van een deelnemer door alle onderdelen, en alles in één download"),
    "leergang_programme.0": ("Programme overview: every participant and group across all blocks (staff only)",
                             "Programma-overzicht: alle deelnemers en groepen in alle onderdelen (alleen begeleiders)"),
    "leergang_programme.1": ("Programme overview and My programme with two case trackers: an own case and a team case",
                             "Programma-overzicht en Mijn leergang met twee casustrackers: een eigen casus en een "
                             "teamcasus"),
    "leergang_trust_scan.0": ("Trust scan: first and last session (pre/post series)",
                              "Vertrouwensscan: eerste en laatste bijeenkomst (voor- en nameting)"),
    "leergang_trust_scan.1": ("Trust scan: chain partners, 7-point scale, retakes allowed",
                              "Vertrouwensscan: ketenpartners, 7-puntsschaal, opnieuw invullen mag"),
    "leergang_trust_scan.2": ("Trust scan: a custom instrument pasted in Studio",
                              "Vertrouwensscan: een eigen instrument, geplakt in Studio"),
    "leergang_trust_scan.3": ("Trust scan: eigen regie (HRM network) and samenspel met lef (Zet)",
                              "Vertrouwensscan: eigen regie (HRM-netwerk) en samenspel met lef (Zet)"),
}
SAMPLE_COURSE = ("Sample course", "Voorbeeldcursus")

# The index's own words.
WORDS = {
    "en": {
        "heading": "leergang-xblocks: demo",
        "language": "Language / taal",
        "remembered": "remembered in a cookie; the browser's language is used otherwise",
        "how": "Open a scenario as a participant or as staff with the links beside it, or add "
               "?student=<name> to any scenario address. Names starting with staff are course staff; "
               "none is a visitor who is not signed in. Staff can view a scenario as a specific participant "
               "(&masquerade=anna) or as a learner in general (&view_as=learner), as the LMS's \"View this "
               "course as\" menu does; nothing is saved then (see docs/platform.md).",
        "groups": "Participants Anna, Bram and Chris share a small group with what Bram and Chris wrote there "
                  "already; the other groups are Dewi, Emre and Fleur, and Gijs, Hanna and Ilse.",
        "as_anna": "as participant Anna", "as_bram": "as participant Bram", "as_staff": "as staff",
        "as_masquerade": "as staff viewing as Anna", "as_learner": "as staff viewing as a learner",
        "arrange_first": "Staff arrange the groups here themselves: open it as staff first. Until then "
                         "participants are in no group.",
        "members": "Members", "no_group_yet": "Joris (no group yet)",
        "placeholders": "Sample courses: units that are still placeholders",
        "placeholders_intro": "These units hold a text that stands in for a block that is not built yet; "
                              "the block named beside each will replace it.",
        "of_units": "%(count)s of %(units)s units are placeholders.",
        "reset": "Reset state",
    },
    "nl": {
        "heading": "leergang-xblocks: demo",
        "language": "Taal / language",
        "remembered": "onthouden in een cookie; anders geldt de taal van de browser",
        "how": "Open een scenario als deelnemer of als begeleider met de links ernaast, of zet "
               "?student=<naam> achter het adres van een scenario. Namen die met staff beginnen zijn "
               "begeleiders; none is een bezoeker die niet is ingelogd. Begeleiders kunnen een scenario "
               "bekijken als een bepaalde deelnemer (&masquerade=anna) of als deelnemer in het algemeen "
               "(&view_as=learner), zoals het menu \"Deze cursus bekijken als\" van het LMS; er wordt dan "
               "niets opgeslagen (zie docs/platform.md).",
        "groups": "De deelnemers Anna, Bram en Chris zitten samen in een kleine groep, met wat Bram en Chris "
                  "daar al schreven; de andere groepen zijn Dewi, Emre en Fleur, en Gijs, Hanna en Ilse.",
        "as_anna": "als deelnemer Anna", "as_bram": "als deelnemer Bram", "as_staff": "als begeleider",
        "as_masquerade": "als begeleider die kijkt als Anna", "as_learner": "als begeleider die kijkt als deelnemer",
        "arrange_first": "Hier maken de begeleiders de groepen zelf: open het eerst als begeleider. Tot dan "
                         "zitten deelnemers in geen groep.",
        "members": "Leden", "no_group_yet": "Joris (nog geen groep)",
        "placeholders": "Voorbeeldcursussen: onderdelen die nog een tijdelijke tekst hebben",
        "placeholders_intro": "Deze onderdelen hebben een tekst in plaats van een onderdeel dat nog niet "
                              "gebouwd is; het genoemde onderdeel komt ervoor in de plaats.",
        "of_units": "%(count)s van de %(units)s onderdelen hebben een tijdelijke tekst.",
        "reset": "Alles wissen",
    },
}


def language():
    """The page's language: "nl" or "en"."""
    return "nl" if (translation.get_language() or "").lower().startswith("nl") else "en"


def title(scenario_id, description):
    """The scenario's title in the page's language; a sample course keeps its course's
    name and provider (proper names, the same in both languages)."""
    index = 1 if language() == "nl" else 0
    if is_sample_course(scenario_id):
        return f"{SAMPLE_COURSE[index]}: {description.split(': ', 1)[-1]}"
    titles = TITLES.get(scenario_id)
    return titles[index] if titles else description


def is_sample_course(scenario_id):
    return scenario_id.startswith("sample_course.")


def template_context(request):
    """The title of the scenario a page shows (demo/templates/workbench/block.html)."""
    match = getattr(request, "resolver_match", None)
    scenario_id = (match.kwargs if match else {}).get("scenario_id", "")
    if not scenario_id:
        return {}
    from workbench.scenarios import get_scenarios
    scenario = get_scenarios().get(scenario_id)
    return {"scenario_title": title(scenario_id, scenario.description)} if scenario else {}
