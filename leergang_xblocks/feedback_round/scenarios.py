"""Workbench scenarios for feedback rounds: what the demo lists. Staff form the
groups from the block's staff panel (open the scenario as `staff`), then each
participant opens it with their own `?student=`."""
from ..case.scenarios import DEMO_SESSIONS

SCENARIOS = [
    ("Feedback round: report back and agree actions (action learning)", """
<vertical_demo>
  <leergang_feedback_round url_name="feedback_round_both" display_name="Terugkoppelen en acties afspreken"
      group_set_name="intervisie" round_kind="both" method="airtime" round_number="2"
      instructions="Vertel je groep kort wat je sinds de vorige bijeenkomst met je casus hebt gedaan. Stel elkaar vragen en spreek je acties voor de komende weken af."/>
</vertical_demo>"""),
    ("Feedback round: anonymous intervisie feedback, released after its due date", """
<vertical_demo>
  <leergang_feedback_round url_name="feedback_round_incident" display_name="Intervisie: incidentmethode"
      group_set_name="intervisie" round_kind="report_back" method="incident" anonymous_feedback="true"
      peers_per_participant="2" feedback_due="2030-01-31 17:00" release_after_due="true"/>
</vertical_demo>"""),
    ("Feedback round: a fresh group set for staff to arrange (incident method)", """
<vertical_demo>
  <leergang_feedback_round url_name="feedback_round_fresh" display_name="Intervisieronde" group_set_name="rondes"
      round_kind="both" method="incident"/>
</vertical_demo>"""),
    ("Feedback round: regrouping while the round runs (a group set of its own)", """
<vertical_demo>
  <leergang_feedback_round url_name="feedback_round_regroup" display_name="Omgroeperen tijdens de ronde"
      group_set_name="omgroeperen" round_kind="both" method="free"/>
</vertical_demo>"""),
    ("Feedback round with the case tracker: one action list, the incident method's steps and live mode", f"""
<vertical_demo>
  <leergang_case url_name="case_action_list" display_name="Jouw praktijkopdracht" group_set_name="actielijst">
    <option:sessions_yaml xmlns:option="http://code.edx.org/xblock/option">{DEMO_SESSIONS}</option:sessions_yaml>
  </leergang_case>
  <leergang_feedback_round url_name="feedback_round_action_list" display_name="Intervisie met de incidentmethode"
      group_set_name="actielijst" round_kind="both" method="incident"
      instructions="We beginnen met de acties van de vorige keer. Daarna brengt de inbrenger een incident in."/>
</vertical_demo>"""),
    ("Feedback round: report back and agree actions, in groups staff arrange (action learning)", """
<vertical_demo>
  <leergang_feedback_round url_name="feedback_round_staff_arranged" display_name="Terugkoppelen en acties afspreken"
      group_set_name="terugkoppelen" round_kind="both" method="airtime" round_number="2"
      instructions="Vertel je groep kort wat je sinds de vorige bijeenkomst met je casus hebt gedaan. Stel elkaar vragen en spreek je acties voor de komende weken af."/>
</vertical_demo>"""),
]
