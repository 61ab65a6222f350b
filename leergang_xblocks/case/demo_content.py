"""Realistic Dutch demo content for the workbench's VU-like case scenario: one
participant ("anna") who defined her case, wrote two entries with actions (one
carried over and done), and whose attendance staff recorded. Made once, when the
demo loads its scenarios (demo/scenarios.py); never used in the LMS."""
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

ENTRIES = [
    {"session": 1, "parts": {"done": "Mijn casus gekozen en besproken in mijn kleine groep.",
                             "gained": "De vertrouwensscan liet zien dat ons team laag scoort op ruimte voor "
                                       "eigen oordeel. Dat is precies waar mijn casus over gaat."},
     "reflection": {"action": "Ik heb de casus in de groep ingebracht.",
                    "looking_back": "Ik merkte dat ik vooral over regels praatte, niet over mensen.",
                    "trial": "Volgende keer begin ik bij wat de consulent nodig heeft."},
     "actions": [{"id": "demo-a1", "text": "Gesprek met control over de bezwaarzaken van twee jaar geleden",
                  "due": "2026-10-01"},
                 {"id": "demo-a2", "text": "Met drie consulenten in kaart brengen waar de formulieren tijd kosten",
                  "due": "2026-10-10"}]},
    {"session": 2, "parts": {"done": "Het gesprek met control gevoerd; de consulenten hebben een week "
                                     "bijgehouden waar hun tijd heen gaat.",
                             "effects": "Control staat open voor een proef als we de steekproef goed regelen.",
                             "obstacles": "De inventarisatie met de consulenten liep uit door ziekte.",
                             "gained": "Controle kan vertrouwen ondersteunen als ze helpt in plaats van wantrouwt."},
     "reflection": {"action": "Ik ging het gesprek aan zonder een kant-en-klaar voorstel.",
                    "essential": "Ik zocht bevestiging in plaats van samen te zoeken.",
                    "trial": "Een voorstel samen met control en twee consulenten schrijven."},
     "actions": [{"id": "demo-a3", "text": "Voorstel voor de proef schrijven met control en twee consulenten",
                  "due": "2026-11-20"}]},
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


def _identity(anonymous_id):
    from ..core.platform import Identity
    return Identity(anonymous_id, DEMO_PARTICIPANT, "Anna", False)
