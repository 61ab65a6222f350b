"""The case tracker's contract for the reliability and security suites.

A fresh participant has no case, so the handlers that build on one answer 409
`case_not_defined` (after every guard); the group handlers answer 409
`no_group` (nobody is in a group here); the staff handlers take a participant
by anonymous id. The load journey: a draft, the case, two entries (the second
carrying actions over), sharing, the paper and the download; verified against
the server's database: every accepted entry stored exactly once, and the staff
overview counts them.
"""
import base64

from submissions.models import Submission

from leergang_xblocks.case.block import CaseBlock
from leergang_xblocks.case.stores import CASE_TYPE
from leergang_xblocks.core import platform
from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.core.mentor_store import MentorStore
from tests.harness.contracts import ROLES, BlockContract, HandlerSpec, Step, register
from tests.support.stores import submissions_of
from tests.support.workbench import scenario_usage_ids

OWNER = platform.workbench_anonymous_id("contract_case_owner")
LEARNERS_OK = {"learner": 200, "peer": 200, "other_group": 200, "mentor": 200, "staff": 200, "no_user": 403}
STAFF_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 200, "no_user": 403}
# Past every guard, refused by the block's own rule.
NEEDS_CASE = {"learner": 409, "peer": 409, "other_group": 409, "mentor": 409, "staff": 409, "no_user": 403}
NEEDS_ACTION = {"learner": 404, "peer": 404, "other_group": 404, "mentor": 404, "staff": 404, "no_user": 403}
NEEDS_GROUP = NEEDS_CASE
# A mentor of the owner's group may follow up the owner's learning wishes.
FOLLOW_UP = {**NEEDS_CASE, "mentor": 200}
NO_GROUP_PAGE = {"learner": 404, "peer": 404, "other_group": 404, "mentor": 404, "staff": 404, "no_user": 403}
# The owner's group's mentor (see arrange_role) and staff read and comment on the owner's case.
STAFF_OR_MENTOR = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 200, "staff": 200, "no_user": 403}
MENTORS_ONLY = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 200, "staff": 403, "no_user": 403}
NO_FILE = {"learner": 404, "peer": 404, "other_group": 404, "mentor": 404, "staff": 404, "no_user": 403}
PDF_BASE64 = base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode()
STAFF_RULE = {"learner": 403, "peer": 403, "other_group": 403, "mentor": 403, "staff": 409, "no_user": 403}


SET_NAME = "intervisie"          # the group set of the VU-like scenario (case/scenarios.py)
OWNER_GROUP = "Contractgroep"


def grid_change(usage):
    """A grid save that changes the owner's session 1 and "presented", from what is stored now
    (as the overview page sends it: with the value it loaded; earlier calls changed them)."""
    from workbench.runtime import WorkbenchRuntime

    from leergang_xblocks.case.attendance import state_of
    from leergang_xblocks.case.model import CaseView
    block = WorkbenchRuntime("contract_grid_reader").get_block(usage)
    view = CaseView.fold((), (), block._stores().staff_events(OWNER))
    was = state_of(view.attended(1))
    state = "absent" if was == "present" else "present"
    return {"attendance": [{"participant": OWNER, "session": 1, "state": state, "was": was}],
            "presented": [{"participant": OWNER, "presented": not view.presented, "was": view.presented}]}


def group_store(usage):
    return GroupSetStore("workbench:" + usage.split(".", 1)[0], SET_NAME)


def usage_id():
    """The VU-like scenario, with the owner of the examples in a group of their own
    (checked every time: a test may have emptied the database)."""
    usage = next(u for u in scenario_usage_ids("leergang_case") if "eigen-casus-in-zes" in u)
    store = group_store(usage)
    latest = store.latest()
    if not any(g.has(OWNER) for g in latest.groups):
        spec = latest.as_spec() + [{"key": f"g{latest.next_key}", "name": OWNER_GROUP, "members": [OWNER]}]
        store.save(latest.version, spec, {OWNER: "Eigenaar"}, {OWNER: "contract_case_owner"}, "contract")
    return usage


def arrange_role(role, student_id, usage):
    """A "mentor" follows the group of the examples' owner."""
    if role != "mentor":
        return
    store = group_store(usage)
    group = next(g for g in store.latest().groups if g.has(OWNER))
    mentors = MentorStore(store.course_id, f"set:{SET_NAME}")
    latest = mentors.latest()
    anonymous_id = platform.workbench_anonymous_id(student_id)
    by_group = {gid: list(aids) for gid, aids in latest.by_group.items()}
    by_group.setdefault(group.id, []).append(anonymous_id)
    mentors.save(latest.version, by_group, {anonymous_id: student_id}, {anonymous_id: student_id}, "contract")


def state(usage, student_id):
    return submissions_of(platform.workbench_anonymous_id(student_id))


# The default template (Korthagen) asks no parts: an entry is its reflection steps.
ENTRY = {"session": 1, "parts": {},
         "reflection": {"action": "Gesprekken met twee teamleiders", "trial": "Eerst luisteren"},
         "actions": [{"text": "Werksessie met het team", "due": "2026-12-15"}, {"text": "Wethouder bellen", "due": ""}],
         "carried": {}, "seen": 0}

CONTRACT = register(BlockContract(
    block_type="leergang_case",
    block_class=CaseBlock,
    usage_id=usage_id,
    handlers=[
        HandlerSpec("save_case", "POST", lambda c, u: {"fields": {
            "title": "Minder verantwoording in de jeugdhulp", "purpose": "Ruimte voor de professional",
            "learning_question": "Hoe laat ik los?"}}, LEARNERS_OK, writes=True),
        HandlerSpec("log_entry", "POST", lambda c, u: ENTRY, NEEDS_CASE, writes=True),
        HandlerSpec("set_action_status", "POST", lambda c, u: {"action": "abc123", "status": "done", "note": "klaar"},
                    NEEDS_ACTION, writes=True),
        # The VU-like block takes text and a file (paper_form "both"): a real (tiny) PDF.
        HandlerSpec("submit_paper", "POST", lambda c, u: {"text": "Mijn paper", "reflection": "Wat ik leerde",
                                                          "file": {"name": "paper.pdf", "data": PDF_BASE64},
                                                          "keep_file": False},
                    NEEDS_CASE, writes=True),
        # One's own paper's file (there is none: 404). Someone else's (`participant=`) is refused
        # to everyone but staff after the query is read, so it is tested in
        # tests/workbench/test_case_papers.py, not here (a 403 here must hold for every query).
        HandlerSpec("paper_file", "GET", lambda c, u: "", NO_FILE),
        HandlerSpec("save_presentation", "POST", lambda c, u: {"title": "Van regels naar vertrouwen",
                                                               "date": "2027-05-19",
                                                               "slides": "https://example.org/dia"},
                    LEARNERS_OK, writes=True),
        HandlerSpec("share", "POST", lambda c, u: {"shared": True}, LEARNERS_OK, writes=True),
        HandlerSpec("save_draft", "POST", lambda c, u: {"key": "entry", "data": {"reflection.action": "half af"},
                                                        "version": 0}, LEARNERS_OK, writes=True),
        HandlerSpec("download", "GET", lambda c, u: "format=md", LEARNERS_OK),
        HandlerSpec("my_data", "GET", lambda c, u: "", LEARNERS_OK),
        HandlerSpec("case_view", "GET", lambda c, u: "", LEARNERS_OK),
        # Who may call: staff only. An id nobody has is refused (404) before anything is removed;
        # tests/workbench/test_reset.py removes a real participant's data.
        HandlerSpec("remove_participant_data", "POST", lambda c, u: {"participant": "nobody-known-here"},
                    {**{role: 403 for role in ROLES}, "staff": 404}),
        HandlerSpec("group_view", "GET", lambda c, u: "", NEEDS_GROUP),
        HandlerSpec("follow_up_wish", "POST", lambda c, u: {"owner": OWNER, "text": "Hoe gaat het ermee?"},
                    FOLLOW_UP, writes=True),
        HandlerSpec("save_group_page", "POST", lambda c, u: {"heading": "Wat we oogsten", "text": "Ons verhaal", "seen": 0},
                    NO_GROUP_PAGE, writes=True),
        HandlerSpec("group_page_download", "GET", lambda c, u: "format=html", NO_GROUP_PAGE),
        HandlerSpec("staff_overview", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("record_attendance", "POST", lambda c, u: {"session": 1, "present": {OWNER: True}}, STAFF_ONLY,
                    writes=True),
        HandlerSpec("save_attendance", "POST", lambda c, u: grid_change(u), STAFF_ONLY, writes=True),
        HandlerSpec("record_presented", "POST", lambda c, u: {"participant": OWNER, "presented": True}, STAFF_ONLY,
                    writes=True),
        HandlerSpec("assess_paper", "POST", lambda c, u: {"participant": OWNER, "paper": "none", "result": "sufficient",
                                                          "feedback": ""}, STAFF_RULE, writes=True),
        HandlerSpec("comment", "POST", lambda c, u: {"participant": OWNER, "target": "case", "text": "Mooie stap"},
                    STAFF_OR_MENTOR, writes=True),
        HandlerSpec("staff_case", "GET", lambda c, u: f"participant={OWNER}", STAFF_OR_MENTOR),
        HandlerSpec("mentor_groups", "GET", lambda c, u: "", MENTORS_ONLY),
        HandlerSpec("export_csv", "GET", lambda c, u: "names=0", STAFF_ONLY),
        HandlerSpec("groups_overview", "GET", lambda c, u: "", STAFF_ONLY),
        HandlerSpec("export_groups", "GET", lambda c, u: "names=0", STAFF_ONLY),
        # The group tools (core's GroupsMixin) on a version nobody has: refused as stale.
        HandlerSpec("make_groups", "POST", lambda c, u: {"version": 10**6, "size": 2, "order": "name",
                                                         "who": "ungrouped"}, STAFF_RULE, writes=True),
        HandlerSpec("import_groups", "POST", lambda c, u: {"version": 10**6, "text": "niemand,Noord"},
                    STAFF_RULE, writes=True),
        HandlerSpec("add_group", "POST", lambda c, u: {"version": 10**6, "name": "Noord"},
                    STAFF_RULE, writes=True),
        HandlerSpec("rename_group", "POST", lambda c, u: {"version": 10**6, "group": "set:x:g1", "name": "Zuid"},
                    STAFF_RULE, writes=True),
        HandlerSpec("move_member", "POST", lambda c, u: {"version": 10**6, "member": OWNER, "group": ""},
                    STAFF_RULE, writes=True),
        HandlerSpec("delete_group", "POST", lambda c, u: {"version": 10**6, "group": "set:x:g1"},
                    STAFF_RULE, writes=True),
        # Empty text removes every mentor: refused here as stale, so the arranged mentor stays.
        HandlerSpec("assign_mentors", "POST", lambda c, u: {"version": 10**6, "mentors_version": 10**6, "text": ""},
                    STAFF_RULE, writes=True),
        HandlerSpec("submit_studio_edits", "POST", lambda c, u: {"values": {}, "defaults": []}, STAFF_ONLY,
                    writes=True, studio=True),
    ],
    state=state,
    free_text={
        "save_case": lambda text: {"fields": {"title": text[:300], "problem": text}},
        # Session 2: the handler examples before it wrote session 1's entry (a second one
        # for that session would need "seen": 1).
        "log_entry": lambda text: {**ENTRY, "session": 2, "reflection": {"action": text},
                                   "actions": [{"text": text[:1000], "due": ""}]},
        "submit_paper": lambda text: {"text": text, "reflection": text},
        "save_presentation": lambda text: {"title": text[:300], "date": "", "slides": ""},
    },
    authored_text=("display_name", "intro"),
    report_handler="staff_overview",
    arrange_role=lambda role, student_id, usage: arrange_role(role, student_id, usage),
))


# --- Load test ---------------------------------------------------------------------------

def journey(index, usage):
    return [
        Step("save_draft", "POST", {"key": "definition", "data": {"title": f"Concept {index}"}, "version": 0}),
        Step("save_case", "POST", {"fields": {"title": f"Casus {index}", "purpose": "Ruimte voor de professional"}}),
        Step("log_entry", "POST", {**ENTRY, "reflection": {"action": f"entry {index} a"}}),
        Step("log_entry", "POST", {**ENTRY, "session": 2, "reflection": {"action": f"entry {index} b"}, "actions": []}),
        Step("share", "POST", {"shared": True}),
        Step("submit_paper", "POST", {"text": f"paper {index}", "reflection": "reflectie"}),
        Step("download", "GET", "format=md"),
    ]


def verify(usage, outcomes, report):
    """Every accepted entry, case revision and paper is stored exactly once, in order;
    the staff overview counts each participant's entries as stored."""
    problems, lost, checked = [], 0, 0
    rows = {row["id"]: row for row in report.get("rows", [])}
    for student, steps in outcomes:
        anonymous_id = platform.workbench_anonymous_id(student)
        stored = list(Submission.objects.filter(student_item__student_id=anonymous_id,
                                                student_item__item_type=CASE_TYPE)
                      .order_by("submitted_at", "id").values_list("answer", flat=True))
        for kind, handler, text_of in (("entry", "log_entry", lambda b: b["reflection"]["action"]),
                                       ("definition", "save_case", lambda b: b["fields"]["title"]),
                                       ("paper", "submit_paper", lambda b: b["text"])):
            accepted = [text_of(s["body"]) for s in steps if s["handler"] == handler and s["status"] == 200]
            kept = [r.get("reflection", {}).get("action") if kind == "entry" else
                    (r.get("fields", {}).get("title") if kind == "definition" else r.get("text"))
                    for r in stored if r.get("kind") == kind]
            checked += len(accepted)
            if kept != accepted:
                lost += max(1, abs(len(accepted) - len(kept)))
                problems.append(f"{student}: {kind}s accepted {accepted}, stored {kept}")
        entries = sum(1 for s in steps if s["handler"] == "log_entry" and s["status"] == 200)
        row = rows.get(anonymous_id)
        if entries and (row is None or sum(row["entries"].values()) != entries):
            problems.append(f"{student}: the overview counts {row and sum(row['entries'].values())} entries, "
                            f"{entries} accepted")
    return {"checked": checked, "lost": lost, "problems": problems}


CONTRACT.load_journey = journey
CONTRACT.load_verify = verify


# --- Load test: one participant's overlapping requests ---------------------------------
# On the manifestatie scenario (group_page="true"), everyone placed in groups of four.

OVERLAP_KINDS = ("entry_burst", "page_tabs", "draft_vs_entry")
BURST = 6


def overlap_usage_id():
    return next(u for u in scenario_usage_ids("leergang_case") if "closing-manifestatie" in u)


def overlap_setup(base_url, usage, students, token):
    from tests.harness.blocks.small_groups import load_setup as open_pages_and_make_groups
    open_pages_and_make_groups(base_url, usage, students, token)


def _entry(text, seen):
    return {"session": 1, "parts": {}, "reflection": {"action": text}, "actions": [], "carried": {}, "seen": seen}


def _entries_seen(session, handler_base, student):
    """How many session-1 entries the participant's page shows as theirs now (a page reloaded)."""
    mine = session.get(f"{handler_base}/my_data/?student={student}", timeout=120).json()["data"]["own_records"]
    return sum(1 for r in mine if r["data"].get("kind") == "entry" and r["data"].get("session") == 1)


def _parts_seen(session, handler_base, student):
    mine = session.get(f"{handler_base}/my_data/?student={student}", timeout=120).json()["data"]
    return sum(1 for r in mine["group_page_records"] if r["data"].get("kind") == "page_part")


def _draft_version(session, handler_base, student):
    return session.get(f"{handler_base}/case_view/?student={student}", timeout=120).json()["version"]


def overlap_journey(index, usage):
    """(kind, stages): the requests of each stage are sent at the same moment.

    entry_burst: the case, then a burst of one identical log entry (a double click,
    one page: the same `seen`), then the next entry from the reloaded page;
    page_tabs: two tabs saving their part of the manifestatie with the same `seen`,
    then a save from the reloaded page;
    draft_vs_entry: the case, then the entry's autosave racing the entry, then the
    next entry from the reloaded page.
    """
    kind = OVERLAP_KINDS[index % len(OVERLAP_KINDS)]
    case = [Step("save_case", "POST", {"fields": {"title": f"Leerwens {index}"}})]
    after = [Step("log_entry", "POST", lambda s, h, who: _entry(f"volgende {index}", _entries_seen(s, h, who)))]
    if kind == "entry_burst":
        return kind, [case, [Step("log_entry", "POST", _entry(f"dubbelklik {index}", 0)) for _ in range(BURST)],
                      after]
    if kind == "page_tabs":
        return kind, [[Step("save_group_page", "POST", {"heading": "Wat we oogsten", "text": f"tab {tab} van {index}",
                                                        "seen": 0}) for tab in (1, 2)],
                      [Step("save_group_page", "POST", lambda s, h, who: {
                          "heading": "Wat we oogsten", "text": f"herladen {index}", "seen": _parts_seen(s, h, who)})]]
    draft = Step("save_draft", "POST", lambda s, h, who: {"key": "entry", "data": {"reflection.action": f"half {index}"},
                                                          "version": _draft_version(s, h, who)})
    return kind, [case, [Step("log_entry", "POST", _entry(f"race {index}", 0)), draft], after]


def overlap_verify(kind, stages, final):
    """One participant after their overlapping requests, through `my_data` and `case_view`:
    each acknowledged entry, part and draft is stored once, one of a burst (or of two
    tabs) with the same `seen` is accepted and the others answer 409, and the reloaded
    page can write again (else the participant is stuck)."""
    from tests.harness.overlaps import Verdict, accepted, flat

    verdict = Verdict(kind)
    steps = flat(stages)
    data = final["my_data"]["data"]
    verdict.only(steps, {("save_case", 200), ("log_entry", 200), ("log_entry", 409), ("save_group_page", 200),
                         ("save_group_page", 409), ("save_draft", 200), ("save_draft", 409)})
    entries = [r["data"]["reflection"].get("action") for r in data["own_records"] if r["data"].get("kind") == "entry"]
    verdict.kept_as_acknowledged("entry", [s["body"]["reflection"]["action"] for s in accepted(steps, "log_entry")],
                                 entries)
    parts = [r["data"]["text"] for r in data["group_page_records"] if r["data"].get("kind") == "page_part"]
    verdict.kept_as_acknowledged("part", [s["body"]["text"] for s in accepted(steps, "save_group_page")], parts)
    racing = stages[1] if kind != "page_tabs" else stages[0]
    handler = "save_group_page" if kind == "page_tabs" else "log_entry"
    same_seen = [s for s in racing if s["handler"] == handler]
    if len(accepted(same_seen, handler)) != 1:
        verdict.problem("duplicates" if len(accepted(same_seen, handler)) > 1 else "stuck",
                        f"{len(accepted(same_seen, handler))} of {len(same_seen)} {handler} with one `seen` accepted")
    if stages[-1][0]["status"] != 200:
        verdict.problem("stuck", f"the reloaded page's {stages[-1][0]['handler']} answered {stages[-1][0]['status']}")
    for step in accepted(steps, "save_draft"):
        if not any((r["data"].get("entry") or {}).get("reflection") == {"action": step["body"]["data"]["reflection.action"]}
                   for r in data["drafts"]):
            verdict.problem("lost_drafts", f"acknowledged draft {step['body']['data']} missing from the drafts")
    if "version" not in final["case_view"]:
        verdict.problem("stuck", "the case does not load")
    return verdict.result()


CONTRACT.overlap_usage_id = overlap_usage_id
CONTRACT.overlap_setup = overlap_setup
CONTRACT.overlap_journey = overlap_journey
CONTRACT.overlap_verify = overlap_verify
CONTRACT.overlap_reads = ("my_data", "case_view")
