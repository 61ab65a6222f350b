"""Realistic Dutch demo content for the workbench's VU-like case scenario: one
participant ("anna") who defined her case, wrote two entries with actions (one
carried over and done), and whose attendance staff recorded; and her case in the
VU sample course, with an entry after each session. Made once, when the demo
loads its scenarios (demo/scenarios.py); never used in the LMS."""
from ..core.platform import workbench_anonymous_id
from .stores import CaseStores

DEMO_PARTICIPANT = "anna"

CASE = {
    "title": "Minder verantwoordingslast in de Wmo-toegang",
    "purpose": "Inwoners snel de ondersteuning geven die bij hun situatie past, zonder dat consulenten de "
               "helft van hun tijd aan formulieren besteden.",
    "problem": "Elke maatwerkvoorziening vraagt drie formulieren en een akkoord van de teamleider, ook bij "
               "kleine aanvragen. Consulenten voelen zich gecontroleerd en wachttijden lopen op.",
    "context": "Een middelgrote gemeente; ik ben teamleider van de Wmo-consulenten (twaalf mensen). Na twee "
               "bezwaarzaken is het controleregime twee jaar geleden aangescherpt.",
    "stakeholders": "Consulenten, de afdeling control, de wethouder zorg, zorgaanbieders en de adviesraad sociaal "
                    "domein. Beschreven als rollen, niet als personen.",
    "result": "Een proef van een half jaar waarin consulenten tot een afgesproken bedrag zelf beslissen, met "
              "steekproefsgewijze terugblik in plaats van vooraf tekenen.",
    "learning_question": "Hoe houd ik zelf vertrouwen vast als er toch iets misgaat?",
    "sponsor": "De afdelingsmanager Sociaal Domein.",
}

# One structure per entry: the block's reflection template (Korthagen) asks what
# happened in its own first steps, so an entry holds the steps, not the parts as well.
ENTRIES = [
    {"session": 1,
     "reflection": {"action": "Mijn casus gekozen en in mijn kleine groep ingebracht.",
                    "looking_back": "Ik merkte dat ik vooral over regels praatte, niet over mensen. De "
                                    "vertrouwensscan liet zien dat ons team laag scoort op ruimte voor eigen "
                                    "oordeel: precies waar mijn casus over gaat.",
                    "trial": "Volgende keer begin ik bij wat de consulent nodig heeft."},
     "actions": [{"id": "demo-a1", "text": "Gesprek met control over de bezwaarzaken van twee jaar geleden",
                  "due": "2026-10-01"},
                 {"id": "demo-a2", "text": "Met drie consulenten in kaart brengen waar de formulieren tijd kosten",
                  "due": "2026-10-10"}]},
    {"session": 2,
     "reflection": {"action": "Het gesprek met control gevoerd, zonder kant-en-klaar voorstel; de consulenten "
                              "hebben een week bijgehouden waar hun tijd heen gaat.",
                    "looking_back": "Control staat open voor een proef als we de steekproef goed regelen. De "
                                    "inventarisatie liep uit door ziekte.",
                    "essential": "Ik zocht bevestiging in plaats van samen te zoeken. Controle kan vertrouwen "
                                 "ondersteunen als ze helpt in plaats van wantrouwt.",
                    "trial": "Een voorstel samen met control en twee consulenten schrijven."},
     "actions": [{"id": "demo-a3", "text": "Voorstel voor de proef schrijven met control en twee consulenten",
                  "due": "2026-11-20"}]},
]

# Anna's case in the VU sample course (sample_courses/vu_sturen_vanuit_vertrouwen.yaml,
# 2021 run): an entry after each of the six content sessions, so the demo can be walked
# through session by session. Her own words, about her own case; no citizens named.
VU_COURSE_ENTRIES = [
    {"session": 1,
     "reflection": {"action": "Ik heb mijn opdracht gekozen: minder vooraf tekenen in de Wmo-toegang. In mijn "
                              "kleine groep heb ik hem kort toegelicht.",
                    "looking_back": "De groep vroeg wat de consulenten er zelf van vinden. Dat wist ik eigenlijk niet.",
                    "trial": "Eerst luisteren naar de consulenten, dan pas een voorstel."},
     "actions": [{"id": "vu-a1", "text": "Met drie consulenten praten over wat hen tijd kost", "due": "2021-02-03"}]},
    {"session": 2,
     "reflection": {"action": "Drie gesprekken met consulenten gevoerd en de drie invalshoeken van vandaag op mijn "
                              "opdracht gelegd.",
                    "looking_back": "Het juridische perspectief liet zien dat de verordening meer ruimte laat dan "
                                    "wij gebruiken.",
                    "essential": "De regels zitten minder in de verordening dan in onze eigen werkinstructies.",
                    "trial": "De werkinstructies naast de verordening leggen, met iemand van juridische zaken."},
     "actions": [{"id": "vu-a2", "text": "Werkinstructies vergelijken met de verordening", "due": "2021-03-17"}]},
    {"session": 3,
     "reflection": {"action": "Van twee goede praktijken gehoord hoe zij met steekproeven achteraf werken.",
                    "looking_back": "Het bestuur moest daar eerst over een incident heen; dat herken ik.",
                    "alternatives": "In plaats van een grote verandering een proef van een half jaar in één team.",
                    "trial": "Een proefopzet maken die de wethouder kan uitleggen als het misgaat."},
     "actions": [{"id": "vu-a3", "text": "Proefopzet op één A4 voor de afdelingsmanager", "due": "2021-04-14"}]},
    {"session": 4,
     "reflection": {"action": "Het dilemma over de melding van een collega besproken en mijn eigen dilemma "
                              "ingebracht: wat doe ik als een consulent een fout maakt tijdens de proef?",
                    "looking_back": "Ik merkte spanning bij het idee dat ik de fout moet verdedigen.",
                    "essential": "Vertrouwen geven betekent ook vooraf afspreken hoe we met fouten omgaan.",
                    "trial": "In de proefopzet een paragraaf over fouten en herstel opnemen."},
     "actions": [{"id": "vu-a4", "text": "Afspraken over fouten en herstel met het team bespreken",
                  "due": "2021-05-26"}]},
    {"session": 5,
     "reflection": {"action": "De proef is gestart in één team; ik heb het team zelf de spelregels laten opstellen.",
                    "looking_back": "Twee consulenten vonden het spannend om zelf te beslissen; de anderen "
                                    "waren opgelucht.",
                    "essential": "Een cultuur verandert niet met een besluit, maar met wat mensen samen meemaken.",
                    "trial": "Elke maand een korte terugblik met het team op wat er gebeurde."},
     "actions": [{"id": "vu-a5", "text": "Eerste maandelijkse terugblik met het team", "due": "2021-07-07"}]},
    {"session": 6,
     "reflection": {"action": "De eerste maanden van de proef op een rij gezet voor mijn paper.",
                    "looking_back": "De wachttijd is korter en er was één fout, die het team zelf herstelde.",
                    "essential": "De steekproef achteraf gaf control meer zicht dan het tekenen vooraf.",
                    "trial": "In mijn paper voorstellen de proef uit te breiden naar een tweede team."},
     "actions": [{"id": "vu-a6", "text": "Paper afmaken en presentatie voorbereiden", "due": "2021-10-06"}]},
]


def seed_demo_case(block):
    """Anna's case in this block's course, unless she has one already (or changed it in the demo)."""
    stores = CaseStores(block)
    anna = workbench_anonymous_id(DEMO_PARTICIPANT)
    if stores.own.latest(anna) is not None:
        return
    stores.own.append(anna, {"kind": "definition", "id": "demo-d1", "fields": CASE, "revision": 1,
                             "author_name": "Anna"}, None)
    for number, entry in enumerate(ENTRIES, start=1):
        stores.own.append(anna, {"kind": "entry", "id": f"demo-e{number}", "template": "korthagen",
                                 "author_name": "Anna", **entry}, None)
        if number == 2:
            stores.own.append(anna, {"kind": "action_status", "id": "demo-s1", "action": "demo-a1",
                                     "status": "done"}, None)
    for session in (1, 2, 3):
        stores.staff.append(anna, {"kind": "attendance", "session": session, "present": session != 3,
                                   "by": "staff", "role": "staff", "by_name": "Programmabegeleider"}, None)
    stores.staff.append(anna, {"kind": "comment", "target": "case", "role": "staff", "by": "staff",
                               "by_name": "Programmabegeleider",
                               "text": "Sterke keuze. Neem in bijeenkomst 3 mee hoe je de consulenten zelf "
                                       "eigenaar maakt van de proef."}, None)
    view_block = block
    view, _version, _drafts = view_block._case(_identity(anna), None, stores, with_drafts=False)
    stores.summary.append(anna, view_block.summary_row(view, view_block.sessions), None)


def seed_vu_course_case(block):
    """Anna's case in the VU sample course, with an entry per session and her attendance,
    unless she has one there already. `block`: any case block of that course."""
    stores = CaseStores(block)
    anna = workbench_anonymous_id(DEMO_PARTICIPANT)
    if stores.own.latest(anna) is not None:
        return
    stores.own.append(anna, {"kind": "definition", "id": "vu-d1", "fields": CASE, "revision": 1,
                             "author_name": "Anna"}, None)
    for number, entry in enumerate(VU_COURSE_ENTRIES, start=1):
        stores.own.append(anna, {"kind": "entry", "id": f"vu-e{number}", "template": "korthagen",
                                 "author_name": "Anna", **entry}, None)
        if number > 1:   # each session's entry follows up the action of the one before
            stores.own.append(anna, {"kind": "action_status", "id": f"vu-s{number}", "action": f"vu-a{number - 1}",
                                     "status": "done"}, None)
    for session in range(1, 7):
        stores.staff.append(anna, {"kind": "attendance", "session": session, "present": True,
                                   "by": "staff", "role": "staff", "by_name": "Programmabegeleider"}, None)
    view, _version, _drafts = block._case(_identity(anna), None, stores, with_drafts=False)
    stores.summary.append(anna, block.summary_row(view, block.sessions), None)


def _identity(anonymous_id):
    from ..core.platform import Identity
    return Identity(anonymous_id, DEMO_PARTICIPANT, "Anna", False)
