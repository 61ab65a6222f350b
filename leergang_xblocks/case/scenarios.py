"""Workbench scenarios for the case tracker: a VU-like six-session case (with
Dutch demo content loaded by demo/scenarios.py), a team case and the HRM
network's learning wishes with the manifestatie."""
SCENARIOS = [
    ("Case tracker: eigen casus in zes bijeenkomsten (VU-achtig, diploma bij 5 van 6)", """
<vertical_demo>
  <leergang_case url_name="case_vu" display_name="Jouw praktijkopdracht" group_set_name="intervisie"
      scored="true"
      intro="Formuleer bij de start een eigen casus uit je werkpraktijk. Na elke bijeenkomst leg je vast wat je hebt gedaan, wat het opleverde en welke acties je neemt."/>
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
]
