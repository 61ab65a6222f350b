"""Workbench scenarios for the case tracker: a VU-like six-session case (with
Dutch demo content loaded by demo/scenarios.py), a team case, the HRM
network's learning wishes with the manifestatie, and the VU-like final paper
handed in as a file and assessed by a rubric with two readers."""
# The VU programme's themes on dates around today, so the demo's timeline shows
# every state: entries written, due, missed and upcoming sessions.
DEMO_SESSIONS = """
- number: 1
  date: 2026-09-16
  theme: {nl: Vertrouwen bouwen en behouden, en: Building and keeping trust}
  opens_case: true
- number: 2
  date: 2026-10-14
  theme: {nl: Condities voor vertrouwen, en: Conditions for trust}
- number: 3
  date: 2026-11-25
  theme: {nl: Dialogisch leiderschap, en: Dialogic leadership}
- number: 4
  date: 2027-01-13
  theme: {nl: Goede praktijken, en: Good practices}
- number: 5
  date: 2027-02-24
  theme: {nl: Verandermanagement naar sturen vanuit vertrouwen, en: Managing the change to governing from trust}
- number: 6
  date: 2027-04-07
  theme: {nl: "Contracteren, ketens en de lerende bureaucratie", en: "Contracting, chains and the learning bureaucracy"}
- number: 7
  date: 2027-05-19
  theme: {nl: Slotbijeenkomst met presentaties, en: Closing day with presentations}
  log_entry: false
  counts: false
  paper: true
  presentation: true
"""

# The VU programme's final paper (seed 001): "a short paper with reflection" whose
# result is "an advice or plan that applies to your own work situation", drawing on
# the programme's disciplines (its first learning goal). Criteria from those sentences.
PAPER_RUBRIC = """
- criterion: {nl: Advies of plan voor de eigen werksituatie, en: Advice or plan for your own work situation}
  levels: {nl: [Onvoldoende, Voldoende, Goed], en: [Insufficient, Sufficient, Good]}
  sufficient_from: 2
- criterion: {nl: Multidisciplinaire onderbouwing, en: Multidisciplinary grounding}
  levels: {nl: [Onvoldoende, Voldoende, Goed], en: [Insufficient, Sufficient, Good]}
  sufficient_from: 2
- criterion: {nl: Reflectie op eigen leiderschap, en: Reflection on your own leadership}
  levels: {nl: [Onvoldoende, Voldoende, Goed], en: [Insufficient, Sufficient, Good]}
  sufficient_from: 2
"""

SCENARIOS = [
    ("Case tracker: eigen casus in zes bijeenkomsten (VU-achtig, diploma bij 5 van 6)", f"""
<vertical_demo>
  <leergang_case url_name="case_vu" display_name="Jouw praktijkopdracht" group_set_name="intervisie"
      scored="true" paper_form="both"
      intro="Formuleer bij de start een eigen casus uit je werkpraktijk. Na elke bijeenkomst leg je vast wat je hebt gedaan, wat het opleverde en welke acties je neemt.">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
  </leergang_case>
</vertical_demo>"""),
    ("Case tracker: team case with a mentor (Zet-like)", """
<vertical_demo>
  <leergang_case url_name="case_team" display_name="Ons praktijkvraagstuk" case_mode="team" group_set_name="intervisie"
      case_key="teamcasus" attendance_required="3" require_assessment="false"
      case_fields="title, purpose, problem, stakeholders, result, learning_question" reflection_template="kolb">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">
- number: 1
  theme: {nl: "Op reis", en: "Setting out"}
  opens_case: true
- number: 2
  theme: {nl: "Jouw eigen leervraag centraal", en: "Your own learning question"}
- number: 3
  theme: {nl: "Vul je toolbox", en: "Fill your toolbox"}
- number: 4
  theme: {nl: "Het reisverslag", en: "The travel report"}
  log_entry: false
  paper: true
  presentation: true
</option:sessions_yaml>
  </leergang_case>
</vertical_demo>"""),
    ("Case tracker: learning wishes and the closing manifestatie (HRM network)", """
<vertical_demo>
  <leergang_case url_name="case_wishes" display_name="Mijn leerwensen" group_set_name="intervisie" case_key="leerwensen"
      case_fields="title, learning_wishes" reflection_template="korthagen" require_paper="false" require_assessment="false"
      require_presentation="false" attendance_required="4" group_page="true">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">
- number: 1
  date: 2014-06-12
  theme: {nl: Startbijeenkomst, en: Opening meeting}
  opens_case: true
- number: 2
  date: 2014-09-23
  theme: {nl: Tweedaagse, en: Two-day meeting}
- number: 3
  date: 2014-11-06
  theme: {nl: Eendaagse, en: One-day meeting}
- number: 4
  date: 2014-12-10
  theme: {nl: "Tweedaagse en manifestatie", en: "Two-day meeting and manifestatie"}
- number: 5
  date: 2015-01-29
  theme: {nl: Slotbijeenkomst, en: Closing meeting}
</option:sessions_yaml>
  </leergang_case>
</vertical_demo>"""),
    ("Case tracker: final paper as a file, a rubric and two readers (VU-like)", f"""
<vertical_demo>
  <leergang_case url_name="case_paper" display_name="Eindopdracht" group_set_name="intervisie" case_key="eindpaper"
      paper_form="file" second_reader="true" reader_rule="third_reader" attendance_required="0"
      require_presentation="false"
      intro="Werk je eigen casus uit tot een advies of plan voor je werksituatie, in een kort paper met reflectie.">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
    <option:paper_rubric xmlns:option="http://code.edx.org/xblock/option">{PAPER_RUBRIC}</option:paper_rubric>
  </leergang_case>
</vertical_demo>"""),
]
