"""Workbench scenarios for the trust scan: what the demo lists."""

CUSTOM_EXAMPLE = """key: mini_voorbeeld
title: {nl: "Mini-scan", en: "Mini scan"}
scale:
  points: 5
  labels:
    - {nl: "Helemaal oneens", en: "Strongly disagree"}
    - {nl: "Oneens", en: "Disagree"}
    - {nl: "Neutraal", en: "Neutral"}
    - {nl: "Eens", en: "Agree"}
    - {nl: "Helemaal eens", en: "Strongly agree"}
dimensions:
  - key: ruimte
    name: {nl: "Ruimte", en: "Room"}
items:
  - {key: r1, dimension: ruimte, text: {nl: "Ik krijg ruimte om zelf te beslissen.", en: "I get room to decide for myself."}}
  - {key: r2, dimension: ruimte, reverse: true, text: {nl: "Ik moet elke stap laten goedkeuren.", en: "I must have every step approved."}}
"""

# In the workbench each scenario is its own course, so a pre/post series must
# sit in one scenario.
SCENARIOS = [
    ("Trust scan: first and last session (pre/post series)", """
<vertical_demo>
  <html_demo><h2>Bijeenkomst 1 / Session 1</h2></html_demo>
  <leergang_trust_scan url_name="scan_start" display_name="Vertrouwensscan: start" series="start-eind" series_position="1" min_cohort_size="3"/>
  <html_demo><h2>Bijeenkomst 6 / Session 6</h2></html_demo>
  <leergang_trust_scan url_name="scan_end" display_name="Vertrouwensscan: afsluiting" series="start-eind" series_position="2" min_cohort_size="3"/>
</vertical_demo>"""),
    ("Trust scan: chain partners, 7-point scale, retakes allowed", """
<vertical_demo>
  <leergang_trust_scan url_name="scan_keten" display_name="Scan ketensamenwerking" instrument_key="samenwerking_in_de_keten" allow_retake="true"/>
</vertical_demo>"""),
    ("Trust scan: a custom instrument pasted in Studio", f"""
<vertical_demo>
  <leergang_trust_scan url_name="scan_custom" display_name="Mini-scan" instrument_key="custom" min_cohort_size="3">
    <option:custom_instrument_yaml xmlns:option="http://code.edx.org/xblock/option">{CUSTOM_EXAMPLE}</option:custom_instrument_yaml>
  </leergang_trust_scan>
</vertical_demo>"""),
    # Appended last: scenario ids are positional (leergang_trust_scan.N) and tests use them.
    ("Trust scan: eigen regie (HRM network) and samenspel met lef (Zet)", """
<vertical_demo>
  <leergang_trust_scan url_name="scan_eigen_regie" display_name="Scan eigen regie en vertrouwen" instrument_key="eigen_regie_en_vertrouwen" min_cohort_size="3"/>
  <leergang_trust_scan url_name="scan_samenspel" display_name="Scan samenspel met lef" instrument_key="samenspel_met_lef" min_cohort_size="3"/>
</vertical_demo>"""),
]
