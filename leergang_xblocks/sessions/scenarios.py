"""Workbench scenarios for sessions: what the demo lists."""
SCENARIOS = [
    ("Session: questions for the speaker and an evaluation (K = 3)", """
<vertical_demo>
  <leergang_session url_name="session_both" display_name="Bijeenkomst 3: goede praktijken" mode="both"
      min_respondents="3" speaker="de praktijkexperts"
      intro="Stel vooraf je vragen aan de praktijkexperts en steun de vragen van anderen. Na afloop: een korte evaluatie."/>
</vertical_demo>"""),
    ("Session: an evaluation that has closed", """
<vertical_demo>
  <leergang_session url_name="session_closed" display_name="Evaluation of session 2" mode="evaluation"
      min_respondents="3" evaluation_closes="2021-03-01"/>
</vertical_demo>"""),
]
