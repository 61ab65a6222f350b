"""Every case block of a course tells the course's award, or the builder refuses the outline.

The award is stated once (`course.award`); the case blocks carry what it rests on
(attendance threshold, paper, assessment, presentation) and whether participants
and staff see a status. Where these drifted apart, a course that awards nothing
still labelled people "Diploma" against an invented threshold (issue 22). So:

- `kind: none`: every case block has `show_outcome: false` (no status, no award
  label, no threshold for anyone) and `attendance_required: 0`, and none is scored.
- `kind: diploma`: every case block has the award's rule, the same in each: the
  outline may state it (`award.rule: {attendance, paper, assessment,
  presentation}`, with `award.cites` the seed's words it rests on); otherwise the
  award unit's scored block is the measure.
"""

# Award rule key -> the case block's setting, and that setting's default (CaseBlock's
# field defaults; tests/unit/test_course_timetables.py compares them with the class).
RULE_SETTINGS = {"attendance": "attendance_required", "paper": "require_paper",
                 "assessment": "require_assessment", "presentation": "require_presentation"}
BLOCK_DEFAULTS = {"attendance_required": 5, "require_paper": True, "require_assessment": True,
                  "require_presentation": True, "show_outcome": True}
CASE_TYPE = "case"


def check_shape(checker, award):
    """The optional `rule` and `cites` of an award, checked; returns what to keep."""
    kept = {}
    if "rule" in award:
        rule = award["rule"]
        if award.get("kind") != "diploma":
            checker.fail("an award of kind none rests on nothing: it has no rule", "course", "award", "rule")
        checker.keys(rule, set(RULE_SETTINGS), "award rule", "course", "award", "rule")
        for key in RULE_SETTINGS:
            if key not in rule:
                checker.fail(f"the award rule needs '{key}'", "course", "award", "rule")
        attendance = rule["attendance"]
        if isinstance(attendance, bool) or not isinstance(attendance, int) or not 0 <= attendance <= 99:
            checker.fail("the award rule's 'attendance' must be a whole number from 0 to 99",
                         "course", "award", "rule", "attendance")
        for key in ("paper", "assessment", "presentation"):
            if not isinstance(rule[key], bool):
                checker.fail(f"the award rule's '{key}' must be true or false", "course", "award", "rule", key)
        kept["rule"] = dict(rule)
    if "cites" in award:
        cites = award["cites"]
        if not isinstance(cites, list) or not cites:
            checker.fail("award 'cites' must be a list of the seed's words", "course", "award", "cites")
        kept["cites"] = [checker.text(c, "cites", 500, "course", "award", "cites", i) for i, c in enumerate(cites)]
    return kept


def _value(settings, name):
    return settings.get(name, BLOCK_DEFAULTS[name])


def check_blocks(checker, award, chapters, carrier=None):
    """Refuse the first case block that disagrees with the award. `carrier`: the award
    unit's scored case block (its settings), or None."""
    places = [(("chapters", c, "units", i, "blocks", b), block["settings"])
              for c, chapter in enumerate(chapters) for i, unit in enumerate(chapter["units"])
              for b, block in enumerate(unit["blocks"]) if block["type"] == CASE_TYPE]
    if award["kind"] == "none":
        for where, settings in places:
            if _value(settings, "show_outcome"):
                checker.fail("the course awards nothing (award kind none): this case block must say so with "
                             "show_outcome: false, so nobody sees a status", *where, "settings")
            if _value(settings, "attendance_required"):
                checker.fail("the course awards nothing (award kind none): a threshold of attendance "
                             "means nothing here; set attendance_required: 0", *where, "settings")
        return
    if "rule" in award:
        expected = {RULE_SETTINGS[key]: value for key, value in award["rule"].items()}
    elif carrier is not None:
        expected = {name: _value(carrier, name) for name in RULE_SETTINGS.values()}
    else:
        return
    expected["show_outcome"] = True
    for where, settings in places:
        for name, wanted in expected.items():
            if _value(settings, name) != wanted:
                checker.fail(f"this case block disagrees with the course's award: {name} is "
                             f"{_value(settings, name)!r} here, the award says {wanted!r}", *where, "settings")
