"""Each block's same-participant overlap check (tests/load, `overlap_verify`) must be
able to fail: a write kept twice, an acknowledged write not kept, a participant whose
page no longer shows or takes their work, and a 5xx are each reported; the clean
outcome passes. (The trust scan's: tests/load/test_verification_can_fail.py.)"""
from tests.harness.contracts import all_contracts

CONTRACTS = {c.block_type: c for c in all_contracts()}


def answered(block, kind, statuses):
    contract = CONTRACTS[block]
    index = next(i for i in range(12) if contract.overlap_journey(i, "u")[0] == kind)
    _kind, stages = contract.overlap_journey(index, "u")
    flat = iter(statuses)
    # Bodies read from the server before the release stand in as fixed values here.
    body = {"give_feedback": {"to": "r1", "answers": {"clarifying": "vraag"}},
            "rate_feedback": {"feedback": "f1", "helpful": 3, "answer": "dank"},
            "log_entry": {"session": 1, "reflection": {"action": "volgende"}, "seen": 1},
            "save_group_page": {"heading": "", "text": "herladen", "seen": 1},
            "save_draft": {"key": "entry", "data": {"reflection.action": "half"}, "version": 1},
            "live_move": {"from": 0, "to": 1, "timer": "keep"}}
    return [[{"handler": s.handler, "body": s.body if not callable(s.body) else body[s.handler],
              "status": next(flat), "retries": 0, "staff": False} for s in stage] for stage in stages]


def verdict(block, kind, stages, final):
    result = CONTRACTS[block].overlap_verify(kind, stages, final)
    return {k: v for k, v in result.items() if v}


# --- Case tracker -----------------------------------------------------------------------

def case_final(entries=(), parts=(), drafts=()):
    return {"case_view": {"version": 1}, "my_data": {"data": {
        "own_records": [{"data": {"kind": "definition"}}]
        + [{"data": {"kind": "entry", "session": 1, "reflection": {"action": t}}} for t in entries],
        "group_page_records": [{"data": {"kind": "page_part", "text": t}} for t in parts],
        "drafts": [{"data": {"entry": {"parts": {}, "reflection": {"action": t}}}} for t in drafts]}}}


def test_the_case_trackers_check_fails_on_duplicates_lost_writes_stuck_pages_and_errors():
    burst = answered("leergang_case", "entry_burst", [200] + [200] + [409] * 5 + [200])
    first = burst[1][0]["body"]["reflection"]["action"]
    assert verdict("leergang_case", "entry_burst", burst, case_final([first, first, "volgende"]))["duplicates"] >= 1
    clean = answered("leergang_case", "entry_burst", [200] + [200] + [409] * 5 + [200])
    clean[1][1]["status"] = 409
    assert verdict("leergang_case", "entry_burst", clean, case_final([first, "volgende"])) == {}
    stuck = answered("leergang_case", "entry_burst", [200] + [200] + [409] * 5 + [409])
    assert verdict("leergang_case", "entry_burst", stuck, case_final([first]))["stuck"] == 1
    tabs = answered("leergang_case", "page_tabs", [200, 200, 200])
    one = tabs[0][0]["body"]["text"]
    found = verdict("leergang_case", "page_tabs", tabs, case_final(parts=[one, "herladen"]))
    assert found["lost_drafts"] == 1 and found["duplicates"] == 1
    race = answered("leergang_case", "draft_vs_entry", [200, 200, 200, 200])
    assert verdict("leergang_case", "draft_vs_entry", race,
                   case_final(["race 2", "volgende"]))["lost_drafts"] == 1
    assert verdict("leergang_case", "draft_vs_entry", race, case_final(["race 2", "volgende"], drafts=["half"])) == {}
    broken = answered("leergang_case", "page_tabs", [200, 500, 200])
    assert verdict("leergang_case", "page_tabs", broken, case_final(parts=[one, "herladen"]))["unexpected"] == 1


# --- Feedback round ---------------------------------------------------------------------

def round_final(updates=(), feedback=(), shown=1, given=None):
    records = [{"kind": "update", "text": t} for t in ("eerste stand x",) + tuple(updates)]
    records += [{"kind": "feedback", "answers": {"clarifying": t, "deeper": ""}} for t in feedback]
    return {"my_data": {"data": {"records": records}},
            "round_state": {"updates": [{"is_you": True}] * shown, "my_update": records[len(updates)]["text"],
                            "to_review": [{"given": given is not None, "answers": {"clarifying": given or ""}}],
                            "received": []}}


def test_the_feedback_rounds_check_fails_on_duplicates_lost_writes_stuck_rounds_and_errors():
    burst = answered("leergang_feedback_round", "update_burst", [200] * 6)
    text = burst[0][0]["body"]["text"]
    assert verdict("leergang_feedback_round", "update_burst", burst, round_final([text] * 6)) == {}
    assert verdict("leergang_feedback_round", "update_burst", burst, round_final([text] * 5))["lost_drafts"] == 1
    assert verdict("leergang_feedback_round", "update_burst", burst,
                   round_final([text] * 6, shown=2))["duplicates"] == 1
    feedback = answered("leergang_feedback_round", "feedback_burst", [200, 200, 409, 409, 409, 409])
    assert verdict("leergang_feedback_round", "feedback_burst", feedback,
                   round_final(feedback=["vraag", "vraag"], given="vraag"))["duplicates"] == 1
    feedback[0][1]["status"] = 409
    assert verdict("leergang_feedback_round", "feedback_burst", feedback,
                   round_final(feedback=["vraag"], given="vraag")) == {}
    assert verdict("leergang_feedback_round", "feedback_burst", feedback,
                   round_final(feedback=["vraag"]))["stuck"] == 1
    broken = answered("leergang_feedback_round", "two_tabs", [200, 502])
    tab = broken[0][0]["body"]["text"]
    assert verdict("leergang_feedback_round", "two_tabs", broken, round_final([tab]))["unexpected"] == 1


def test_the_feedback_rounds_step_check_fails_on_a_skipped_step_a_lost_move_and_a_stranger_moving():
    def final(step, can_move=True):
        return {**round_final(), "round_state": {**round_final()["round_state"],
                                                 "live": {"step": step, "can_move": can_move}}}
    one = answered("leergang_feedback_round", "step_burst", [200, 409, 409, 409, 409, 409])
    assert verdict("leergang_feedback_round", "step_burst", one, final(1)) == {}
    assert verdict("leergang_feedback_round", "step_burst", one, final(0))["stuck"] == 1
    two = answered("leergang_feedback_round", "step_burst", [200, 200, 409, 409, 409, 409])
    assert verdict("leergang_feedback_round", "step_burst", two, final(1))["duplicates"] == 1
    refused = answered("leergang_feedback_round", "step_burst", [403] * 6)
    assert verdict("leergang_feedback_round", "step_burst", refused, final(0, can_move=False)) == {}
    assert verdict("leergang_feedback_round", "step_burst", one, final(1, can_move=False))["unexpected"] == 1


# --- Dialogue ---------------------------------------------------------------------------

def dialogue_final(records, positioned=True):
    return {"my_data": {"data": {"records": [{"kind": k, "option": o, "reason": r} for k, o, r in records]}},
            "room": {"positioned": positioned, "revealed": False}}


def test_the_dialogues_check_fails_on_duplicates_stuck_rooms_and_errors():
    burst = answered("leergang_dialogue", "position_burst", [200, 200, 409, 409, 409, 409])
    body = burst[0][0]["body"]
    position = ("position", body["option"], body["reason"])
    assert verdict("leergang_dialogue", "position_burst", burst,
                   dialogue_final([position, position]))["duplicates"] == 1
    burst[0][1]["status"] = 409
    assert verdict("leergang_dialogue", "position_burst", burst, dialogue_final([position])) == {}
    assert verdict("leergang_dialogue", "position_burst", burst,
                   dialogue_final([position], positioned=False))["stuck"] == 1
    tabs = answered("leergang_dialogue", "two_tabs", [200, 200, 200])
    own = ("position", tabs[0][0]["body"]["option"], tabs[0][0]["body"]["reason"])
    found = verdict("leergang_dialogue", "two_tabs", tabs, dialogue_final(
        [own] + [("revote", s["body"]["option"], s["body"]["reason"]) for s in tabs[1]]))
    assert found == {"duplicates": 1, "problems": found["problems"]}
    broken = answered("leergang_dialogue", "revote_burst", [200, 500, 200, 409, 409, 409, 409])
    assert verdict("leergang_dialogue", "revote_burst", broken, dialogue_final([position]))["unexpected"] == 1


# --- Small groups -----------------------------------------------------------------------

def groups_final(stored, shown):
    return {"my_data": {"data": {"introductions": [{"text": t} for t in stored]}},
            "group_introductions": {"introductions": [{"is_you": True, "text": t} for t in shown]}}


def test_the_small_groups_check_fails_on_duplicates_lost_writes_stuck_groups_and_errors():
    burst = answered("leergang_groups", "intro_burst", [200] * 6)
    text = burst[0][0]["body"]["text"]
    assert verdict("leergang_groups", "intro_burst", burst, groups_final([text] * 6, [text])) == {}
    assert verdict("leergang_groups", "intro_burst", burst, groups_final([text] * 5, [text]))["lost_drafts"] == 1
    assert verdict("leergang_groups", "intro_burst", burst,
                   groups_final([text] * 6, [text, text]))["duplicates"] == 1
    tabs = answered("leergang_groups", "two_tabs", [200, 200])
    first, second = (s["body"]["text"] for s in tabs[0])
    assert verdict("leergang_groups", "two_tabs", tabs, groups_final([first, second], [first]))["stuck"] == 1
    tabs[0][1]["status"] = 500
    assert verdict("leergang_groups", "two_tabs", tabs, groups_final([first], [first]))["unexpected"] == 1


# --- Sessions ---------------------------------------------------------------------------

def session_final(answers=(), questions=(), endorsed=(), shown=None):
    return {"my_data": {"data": {"evaluation": [{"open": t} for t in answers],
                                 "questions": [{"text": t} for t in questions], "endorsed": list(endorsed)}},
            "state": {"evaluation": {"answer": {"open": shown} if shown else None}}}


def test_the_sessions_check_fails_on_duplicates_stuck_answers_and_errors():
    burst = answered("leergang_session", "answer_burst", [200] * 6)
    text = burst[0][0]["body"]["open"]
    assert verdict("leergang_session", "answer_burst", burst, session_final([text], shown=text)) == {}
    assert verdict("leergang_session", "answer_burst", burst, session_final([text, text]))["duplicates"] == 1
    assert verdict("leergang_session", "answer_burst", burst, session_final([]))["stuck"] == 1
    tabs = answered("leergang_session", "two_tabs_answers", [200, 200])
    assert verdict("leergang_session", "two_tabs_answers", tabs, session_final(["tab 1", "tab 2"], shown="tab 2")) == {}
    assert verdict("leergang_session", "two_tabs_answers", tabs,
                   session_final(["tab 1", "tab 2"], shown="tab 1"))["stuck"] == 1
    endorse = answered("leergang_session", "endorse_burst", [200] * 6)
    assert verdict("leergang_session", "endorse_burst", endorse, session_final(endorsed=["q1"])) == {}
    assert verdict("leergang_session", "endorse_burst", endorse,
                   session_final(endorsed=["q1", "q1"]))["duplicates"] == 1
    posted = answered("leergang_session", "question_burst", [200] * 5 + [500])
    assert verdict("leergang_session", "question_burst", posted, session_final(questions=["v"]))["unexpected"] == 1
