"""Workbench scenario for "Mijn leergang": a small programme in one course (in the
workbench each scenario is a course of its own), with every leergang block and the
overview at the end. The demo writes what Anna, Bram and Chris did there
(demo/demo_groups.py for the group, demo/demo_journey.py for Anna's own part)."""
from ..case.scenarios import DEMO_SESSIONS

SCENARIO_TITLE = "Mijn leergang: a participant's journey across the course (every block, one download)"

SCENARIOS = [
    (SCENARIO_TITLE, f"""
<vertical_demo>
  <leergang_groups url_name="journey_groups" display_name="Jouw intervisiegroep" group_set_name="leergang"/>
  <leergang_trust_scan url_name="journey_scan_start" display_name="Vertrouwensscan: start" series="journey"
      series_position="1" min_cohort_size="3"/>
  <leergang_case url_name="journey_case" display_name="Jouw praktijkopdracht" group_set_name="leergang">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
  </leergang_case>
  <leergang_feedback_round url_name="journey_round" display_name="Intervisie: terugkoppelen en acties"
      group_set_name="leergang" round_kind="both" method="airtime" round_number="2"/>
  <leergang_dialogue url_name="journey_dilemma" display_name="Stelling: vertrouwen vooraf" scope="group"
      group_set_name="leergang" kind="scale" min_positions="3"
      case_nl="Een team wil de verantwoording over een subsidie aan een buurtinitiatief terugbrengen tot één gesprek per jaar, zonder formulieren."
      case_en="A team wants to reduce the reporting on a grant to a neighbourhood initiative to one conversation a year, without forms."
      question_nl="Stelling: vertrouwen geef je vooraf, niet pas als het verdiend is."
      question_en="Statement: trust is given up front, not once it has been earned."
      values_nl="vertrouwen&#10;verantwoording&#10;doelmatigheid"
      values_en="trust&#10;accountability&#10;efficiency"/>
  <leergang_trust_scan url_name="journey_scan_end" display_name="Vertrouwensscan: afsluiting" series="journey"
      series_position="2" min_cohort_size="3"/>
  <leergang_my_programme url_name="journey_overview" display_name="Mijn leergang"
      intro="Hier zie je in één overzicht wat je in deze leergang deed en wat er deze week nog openstaat."/>
</vertical_demo>"""),
]
