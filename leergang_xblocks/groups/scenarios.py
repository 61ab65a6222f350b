"""Workbench scenarios for small groups: what the demo lists.

The demo's first scenario comes with a group set of three groups ("intervisie")
made on first load (see demo/scenarios.py), so the index can link to it as each
member and as staff.
"""
SCENARIOS = [
    ("Small groups: your intervisie group (three groups, staff tools)", """
<vertical_demo>
  <leergang_groups url_name="groups_intervisie" display_name="Jouw intervisiegroep" group_set_name="intervisie"
      intro="In elke bijeenkomst werk je in deze groep aan elkaars casus. Stel je hier kort voor."/>
</vertical_demo>"""),
    ("Small groups: a fresh group set for staff to arrange", """
<vertical_demo>
  <leergang_groups url_name="groups_fresh" display_name="Your small group" group_set_name="werkgroepen"/>
</vertical_demo>"""),
]
