"""Workbench scenarios for the programme overview: a small programme with a block of
each kind in one group set; the demo arranges its groups and writes the members' work
(demo/demo_groups.py), and adds cases, attendance and scans (demo/programme_demo.py).
Open it as `staff` to see the overview at the bottom of the page. The second scenario
has two case trackers (an own case and a team case) beside Mijn leergang: each case
its own columns in the overview and its own part of the journey."""
from ..case.scenarios import DEMO_SESSIONS

SCENARIOS = [
    ("Programme overview: every block of a programme in one view (staff)", f"""
<vertical_demo>
  <leergang_groups url_name="programme_groups" display_name="Jouw intervisiegroep" group_set_name="leergang"/>
  <leergang_trust_scan url_name="programme_scan_start" display_name="Vertrouwensscan: start" series="programma"
      series_position="1" min_cohort_size="3"/>
  <leergang_case url_name="programme_case" display_name="Jouw praktijkopdracht" group_set_name="leergang"
      show_outcome="true">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
  </leergang_case>
  <leergang_feedback_round url_name="programme_round" display_name="Terugkoppelen en acties afspreken"
      group_set_name="leergang" round_kind="both" method="airtime" round_number="1"/>
  <leergang_dialogue url_name="programme_dilemma" display_name="Stelling: vertrouwen vooraf" scope="group"
      group_set_name="leergang" kind="scale" min_positions="3"
      case_nl="Een team wil de verantwoording over een subsidie aan een buurtinitiatief terugbrengen tot één gesprek per jaar, zonder formulieren."
      case_en="A team wants to reduce the reporting on a grant to a neighbourhood initiative to one conversation a year, without forms."
      question_nl="Stelling: vertrouwen geef je vooraf, niet pas als het verdiend is."
      question_en="Statement: trust is given up front, not once it has been earned."
      values_nl="vertrouwen&#10;verantwoording&#10;doelmatigheid"
      values_en="trust&#10;accountability&#10;efficiency"/>
  <leergang_trust_scan url_name="programme_scan_end" display_name="Vertrouwensscan: afsluiting" series="programma"
      series_position="2" min_cohort_size="3"/>
  <leergang_programme url_name="programme_overview" display_name="Overzicht van de leergang"/>
</vertical_demo>"""),
    ("Programme overview and Mijn leergang with two case trackers: an own case and a team case (staff and participants)", f"""
<vertical_demo>
  <leergang_groups url_name="twocases_groups" display_name="Jouw intervisiegroep" group_set_name="leergang"/>
  <leergang_case url_name="twocases_own" display_name="Jouw eigen casus" group_set_name="leergang" case_key="eigen"
      show_outcome="true">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
  </leergang_case>
  <leergang_case url_name="twocases_team" display_name="Jullie teamcasus" group_set_name="leergang" case_key="team"
      case_mode="team" require_assessment="false"
      case_fields="title, purpose, problem, learning_question">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
  </leergang_case>
  <leergang_my_programme url_name="twocases_journey" display_name="Mijn leergang"/>
  <leergang_programme url_name="twocases_overview" display_name="Overzicht van de leergang"/>
</vertical_demo>"""),
]
