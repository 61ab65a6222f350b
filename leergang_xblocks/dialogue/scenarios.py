"""Workbench scenarios for the dialogue exercise: what the demo lists."""
SCENARIOS = [
    ("Dialogue: a dilemma for the whole cohort (reveal at 3 positions)", """
<vertical_demo>
  <leergang_dialogue url_name="dialogue_cohort" display_name="Dilemma: de regel of de bedoeling?" scope="cohort"
      min_positions="3"
      case_nl="Een inwoner vraagt bijzondere bijstand aan voor een wasmachine. Volgens de beleidsregel komt zij net niet in aanmerking: haar inkomen ligt een paar euro boven de grens. Haar consulent kent de situatie: drie kinderen, een kapotte machine, geen spaargeld.&#10;&#10;Je bent de teamleider van de consulent. Zij vraagt je of ze mag afwijken van de regel."
      case_en="A resident applies for special assistance to replace her washing machine. Under the policy rule she just falls short: her income is a few euros above the limit. Her caseworker knows the situation: three children, a broken machine, no savings.&#10;&#10;You lead the caseworker's team. She asks whether she may depart from the rule."
      question_nl="Mag de consulent afwijken van de beleidsregel?"
      question_en="May the caseworker depart from the policy rule?"
      options_nl="Ja, zij mag afwijken en legt uit waarom&#10;Nee, de regel geldt voor iedereen gelijk&#10;Eerst overleggen met juridische zaken"
      options_en="Yes, she may depart from it and explains why&#10;No, the rule applies to everyone equally&#10;First consult the legal team"
      variations_nl="Maar wat als de inwoner al twee keer eerder een uitzondering kreeg?&#10;Maar wat als een collega in dezelfde situatie eerder nee zei?"
      variations_en="But what if the resident was granted an exception twice before?&#10;But what if a colleague said no in the same situation before?"
      values_nl="rechtszekerheid&#10;gelijkheid&#10;rechtvaardigheid&#10;vertrouwen&#10;zorg"
      values_en="legal certainty&#10;equality&#10;fairness&#10;trust&#10;care"/>
</vertical_demo>"""),
    ("Dialogue: a statement in your intervisie group", """
<vertical_demo>
  <leergang_dialogue url_name="dialogue_group" display_name="Stelling: vertrouwen vooraf" scope="group"
      group_set_name="intervisie" kind="scale" min_positions="3"
      case_nl="Een team wil de verantwoording over een subsidie aan een buurtinitiatief terugbrengen tot één gesprek per jaar, zonder formulieren."
      case_en="A team wants to reduce the reporting on a grant to a neighbourhood initiative to one conversation a year, without forms."
      question_nl="Stelling: vertrouwen geef je vooraf, niet pas als het verdiend is."
      question_en="Statement: trust is given up front, not once it has been earned."
      values_nl="vertrouwen&#10;verantwoording&#10;doelmatigheid"
      values_en="trust&#10;accountability&#10;efficiency"/>
</vertical_demo>"""),
]
