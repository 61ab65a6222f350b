"""The dialogue exercise: a participant's requests in a course of 20 and of 5,000
participants who have all voted, cohort-wide and in small groups (goal: flat,
growth <= 1.5x), and the facilitator's live view and CSV at 10,000.
Called by benchmarks/run.py, which prints this section under its own table."""
import time
import uuid

from django.utils import timezone
from submissions.models import StudentItem, Submission
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import add_xml_scenario, get_scenarios

from benchmarks import fresh
from benchmarks.seeding import copy_rows
from benchmarks.tables import growth_table
from leergang_xblocks.core import platform
from leergang_xblocks.dialogue import exercise
from leergang_xblocks.dialogue.records import OWN_ITEM_TYPE, DialogueStore
from leergang_xblocks.stores.models import LogEntry, Tally
from tests.support.dialogue import CASE
from tests.support.workbench import Participant

GROWTH_TARGET = 1.5
# The participant writes, each a new participant's first of its kind, held to <= 1.0x the vote.
WRITES = ("take_position", "respond", "revote", "deliberate")
# The moral deliberation's steps as a participant fills them in (the judgement is required).
DELIBERATION = {"facts": "Wat vaststaat", "perspectives": "Burger en ambtenaar", "values_norms": "Zorg en recht",
                "options": "Drie wegen", "judgement": "Ik zou het gesprek aangaan, omdat ...", "needed": "Steun"}


def new_scenario(tag, scope="cohort", extra=""):
    scenario = f"bench.dialogue{tag}.{uuid.uuid4().hex[:6]}"
    get_scenarios()  # the demo's scenarios first: adding one before would leave them out
    add_xml_scenario(scenario, f"bench dialogue {tag}",
                     f'<leergang_dialogue scope="{scope}" min_positions="3" group_set_name="bench" {CASE} {extra}/>')
    return scenario, str(get_scenarios()[scenario].usage_id)


def seed_positions(usage_id, count, prefix):
    """`count` participants who each took a position with a reason, written as the
    block writes them: their own record, the reason in the cohort's log of its
    option, and the round's tally (one row, as the last write leaves it)."""
    block = WorkbenchRuntime("seeder").get_block(usage_id)
    store = DialogueStore(block)
    students = [f"{prefix}{i}" for i in range(count)]
    ids = [platform.workbench_anonymous_id(s) for s in students]
    now = timezone.now()
    records = []
    for index, anonymous_id in enumerate(ids):
        records.append({"kind": "position", "round": 1, "option": "abc"[index % 3], "reason": f"Reden {index}",
                        "values": {"keys": [f"v{1 + index % 3}"], "own": []}, "rid": uuid.uuid4().hex,
                        "at": now.isoformat()})
    StudentItem.objects.bulk_create([StudentItem(student_id=aid, course_id=store.course_id, item_id=store.item_id,
                                                 item_type=OWN_ITEM_TYPE) for aid in ids], batch_size=1000)
    own_items = dict(StudentItem.objects.filter(course_id=store.course_id, item_id=store.item_id)
                     .values_list("student_id", "pk"))
    Submission.objects.bulk_create([Submission(student_item_id=own_items[aid], attempt_number=1, answer=record,
                                               submitted_at=now) for aid, record in zip(ids, records)],
                                   batch_size=1000)
    copy_rows(store.course_id, store.item_id, OWN_ITEM_TYPE, {aid: [record] for aid, record in zip(ids, records)}, now)
    LogEntry.objects.bulk_create([LogEntry(
        course_id=store.course_id, log=store.wall.item_id, key=store.wall_key(1, record["option"]),
        uuid=uuid.UUID(record["rid"]), author=aid,
        data={"kind": "position", "round": 1, "rid": record["rid"], "named": False, "name": "",
              "option": record["option"], "text": record["reason"], "stage": "position", "author": aid},
        written_at=now) for aid, record in zip(ids, records)], batch_size=1000)
    tally = exercise.recount({aid: [record] for aid, record in zip(ids, records)}, 1)
    Tally.objects.create(course_id=store.course_id, item_id=store.tally_item, key="tally:r1", data=tally, version=1)
    return students


def participant_requests(scenario, usage_id, person, other_rid):
    """A participant's requests in the order they meet them; `other_rid` is a reason
    from another option to respond to."""
    return [
        ("page", lambda i: person.page(scenario)),
        ("take_position", lambda i: person.post(usage_id, "take_position", {
            "option": "a", "reason": "Mijn reden", "values": {"keys": ["v1"], "own": []}})),
        ("room", lambda i: person.get(usage_id, "room")),
        ("respond", lambda i: person.post(usage_id, "respond", {"to": other_rid, "understand": "u", "question": "q"})),
        ("revote", lambda i: person.post(usage_id, "revote", {"option": "b", "reason": ""})),
        ("deliberate", lambda i: person.post(usage_id, "deliberate", DELIBERATION)),
        ("reflect", lambda i: person.post(usage_id, "reflect", {"values": {"keys": [], "own": []},
                                                                "changed": "x", "listening": None, "note": ""})),
        ("my_data", lambda i: person.get(usage_id, "my_data")),
    ]


def other_reason(usage_id, size):
    """A reason for option b from the seeded cohort (the newest, as a page would show it)."""
    block = WorkbenchRuntime("reader").get_block(usage_id)
    return DialogueStore(block).wall.newest(DialogueStore.wall_key(1, "b"), 1)[0].uuid


def first_writes(usage_id, person, rid):
    """Each write as a new participant's first of its kind: {name: (before, call)}, where
    `before(i)` (untimed) forgets the participant (benchmarks/fresh.py) and writes what
    the measured write needs first (a position before a response, both before a re-vote,
    the three before the moral deliberation, which closes the dialogue)."""
    course_id = platform.course_id(WorkbenchRuntime("reader").get_block(usage_id))
    steps = dict(participant_requests(None, usage_id, person, rid))

    def new_participant(i):
        fresh.forget(course_id, [person.student_id], roster=True)

    def after(*names):
        def before(i):
            new_participant(i)
            for name in names:
                steps[name](i)
        return before
    return {"take_position": (new_participant, steps["take_position"]),
            "respond": (after("take_position"), steps["respond"]),
            "revote": (after("take_position", "respond"), steps["revote"]),
            "deliberate": (after("take_position", "respond", "revote"), steps["deliberate"])}


def measure(timed, repeat, sizes=(20, 5000)):
    """p50 per request: reads are repeated on one participant who voted; each write is a
    new participant's first of its kind, who is forgotten again after it (untimed), so the
    cohort stays at its size."""
    rows = {}
    for size in sizes:
        scenario, usage_id = new_scenario(size)
        seed_positions(usage_id, size, prefix=f"bd{size}_")
        rid = other_reason(usage_id, size)
        reader = Participant(f"bd{size}_0")
        rows[size] = {
            "page (after voting)": timed(lambda i: reader.page(scenario), repeat),
            "room (cohort-wide)": timed(lambda i: reader.get(usage_id, "room"), repeat),
        }
        newcomer = Participant(f"bd{size}_new")
        for name, (before, call) in first_writes(usage_id, newcomer, rid).items():
            rows[size][name] = timed(call, repeat, before=before)
        fresh.forget(platform.course_id(WorkbenchRuntime("reader").get_block(usage_id)), [newcomer.student_id],
                     roster=True)
        rows[size]["my_data"] = timed(lambda i: reader.get(usage_id, "my_data"), repeat)
    return {"sizes": list(sizes), "rows": rows}


def report(figures):
    return growth_table("Dialogue exercise (cohort-wide): participant requests", figures, GROWTH_TARGET,
                        writes=WRITES)


LIVE_POLL_MS = 50   # a poll of the live view at 10,000 participants costs what changed: < 50 ms


def measure_staff(timed, size, repeat=5, polls=21):
    """The facilitator's live view and the CSV in a cohort of `size` who all voted
    (staff views read every record: they grow with the cohort, which is expected).

    The live view reads only what was added since its previous poll
    (dialogue/live_follow.py): its first poll in a process reads every record,
    later ones the new rows. Timed: the first poll (after forgetting, `repeat`
    times); then, `polls` times each, the page's next poll with nothing new (it
    sends the version it shows: `seen`), a poll with nothing new without it (the
    whole view again, from what the process kept), and the page's poll after one new
    position (the position itself untimed).

    The polls are timed with the seeded cohort and the view's first build frozen out
    of the garbage collector (`gc.freeze()`, here only, never in the package): this
    process holds every section's seeded rows, and a full collection of that heap
    (125-616 ms each, seen in earlier runs) landing in a 5-sample row made the row
    one collection, not the poll. Full collections are the process's cost, paid in
    proportion to what it allocates; the poll's own work is what is compared with
    the target. How many full collections ran during the polls is printed beside
    them (after `gc.unfreeze()` they count again)."""
    import gc

    from leergang_xblocks.dialogue import live_follow

    scenario, usage_id = new_scenario(f"staff{size}")
    seed_positions(usage_id, size, prefix=f"bds{size}_")
    staff = Participant("staff_bench_dialogue")
    voters = [Participant(f"bds{size}_live{n}") for n in range(polls + 1)]
    shown = {}

    def first_poll(index):
        live_follow.forget()
        return staff.get(usage_id, "live")

    def page_poll(index):
        response = staff.get(usage_id, "live", f"seen={shown['version']}" if shown else "")
        shown["version"] = response.json()["version"]
        return response

    def after_a_new_position(index):
        voters[index].post(usage_id, "take_position", {"option": "a", "reason": "Nieuw",
                                                        "values": {"keys": ["v1"], "own": []}})
        started = time.perf_counter()
        response = page_poll(index)
        return response, (time.perf_counter() - started) * 1000

    first = timed(first_poll, repeat)
    page_poll(0)
    gc.collect()
    gc.freeze()
    full_collections = gc.get_stats()[2]["collections"]
    try:
        unchanged_page = timed(page_poll, polls)
        unchanged = timed(lambda i: staff.get(usage_id, "live"), polls)
        page_poll(0)
        samples = [after_a_new_position(i) for i in range(polls)]
        full_collections = gc.get_stats()[2]["collections"] - full_collections
    finally:
        gc.unfreeze()
    changed = {"p50_ms": round(sorted(ms for _, ms in samples)[len(samples) // 2], 2), "n": len(samples)}
    return {"size": size, "live view": first, "live view, the page polls, nothing new": unchanged_page,
            "live view, nothing new": unchanged, "live view, one new position": changed,
            "full collections during the polls": full_collections,
            "CSV": timed(lambda i: staff.get(usage_id, "export_csv"), repeat)}


def report_staff(figures):
    size = figures["size"]

    def poll(name):
        row = figures.get(name)
        if row is None:
            return "| |"
        ok = size < 10000 or row["p50_ms"] < LIVE_POLL_MS
        return f"{row['p50_ms']} | < {LIVE_POLL_MS} ms at 10,000 | {'PASS' if ok else 'MISS'} |"
    page_polls, after_one = poll("live view, the page polls, nothing new"), poll("live view, one new position")
    after_one_n = figures.get("live view, one new position", {}).get("n")
    return ["", f"Dialogue exercise: the facilitator at {size:,} participants (p50 ms)", "",
            "| request | p50 ms | target | |", "|---|---|---|---|",
            f"| live view, first poll of a process (reads every record) | {figures['live view']['p50_ms']} | | |",
            f"| live view, the page's next poll, nothing new | {page_polls}",
            f"| live view, the page's next poll after one new position | {after_one}",
            f"| live view, a poll without the page's version, nothing new | "
            f"{figures.get('live view, nothing new', {}).get('p50_ms')} | | |",
            f"| CSV of every contribution | {figures['CSV']['p50_ms']} | | |"] + ([
            "", f"Polls: {after_one_n} samples a row, timed with the seeded cohort frozen out of the garbage "
                f"collector (gc.freeze, in the benchmark only); full collections during them: "
                f"{figures['full collections during the polls']}."]
            if "full collections during the polls" in figures else [])
