"""Deterministic cost of one participant request: SQL queries, and the work
SQLite's virtual machine does for them (instructions, counted with a progress
handler). A request that reads every participant's rows, or scans an index
that grows with the cohort, does more instructions at 5,000 participants than
at 20; one that reads only its own rows does not. Used by tests/perf and by
benchmarks/run.py."""
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

# SQLite calls the progress handler every STEP instructions *within one
# statement* (its counter restarts per statement), so anything above 1 misses
# short statements: count every instruction.
STEP = 1


@contextmanager
def measured():
    """{'queries': n, 'sqlite_instructions': virtual-machine instructions} of what runs inside."""
    found = {"queries": 0, "sqlite_instructions": 0}
    connection.ensure_connection()
    # Django's query log is a deque of at most 9,000 entries: once full (the demo's
    # scenario set-up writes that many), its length stops growing and a count by length
    # (CaptureQueriesContext) sees 0 queries. Start from an empty log.
    connection.queries_log.clear()
    raw = connection.connection

    def tick():
        found["sqlite_instructions"] += 1
        return 0  # 0: go on

    raw.set_progress_handler(tick, STEP)
    try:
        with CaptureQueriesContext(connection) as captured:
            yield found
    finally:
        raw.set_progress_handler(None, STEP)
    found["queries"] = len(captured.captured_queries)


@contextmanager
def query_log():
    """Django's CaptureQueriesContext, started from an empty query log (see `measured`)."""
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        yield captured


def analyze():
    """Refresh SQLite's planner statistics after bulk inserts. Without them
    SQLite may look a workbench field up by its low-selectivity `tag` index and
    read every participant's row of that block type: a workbench artefact (the
    LMS's StudentModule has a unique index per learner and block), which a
    long-running demo database gets past once SQLite has statistics."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def participant_requests(scenario, usage_id, person):
    """Every participant request of the trust scan, in the order a new participant
    meets them: the page, a draft, submit, results, a note, a retake (opening
    the form, submitting again), their own data, the page with results."""
    from leergang_xblocks.trust_scan.instrument import shipped_instrument
    full = {item.key: 4 for item in shipped_instrument("sturen_vanuit_vertrouwen").items}
    first_item = next(iter(full))
    return [
        ("student_view", lambda: person.page(scenario)),
        ("save_draft", lambda: person.post(usage_id, "save_draft", {"answers": {first_item: 2}, "version": 0})),
        ("submit", lambda: person.post(usage_id, "submit", {"answers": full})),
        ("results", lambda: person.get(usage_id, "results")),
        ("save_reflection", lambda: person.post(usage_id, "save_reflection", {"text": "x"})),
        ("start_retake", lambda: person.post(usage_id, "start_retake", {})),
        ("submit (retake)", lambda: person.post(usage_id, "submit", {"answers": full})),
        ("my_data", lambda: person.get(usage_id, "my_data")),
        ("student_view (results)", lambda: person.page(scenario)),
    ]


@contextmanager
def python_steps():
    """{'python_steps': n}: the Python bytecode instructions this thread runs inside,
    counted with a trace function (deterministic, unlike a time). A loop or a
    comprehension over every participant shows up here; SQLite's work does not (see
    `measured`), nor does one built-in call over a whole collection (a dict copy, a
    set operation), which counts as one step. The counters' own code is not counted."""
    import sys
    found = {"python_steps": 0}

    def local(frame, event, arg):
        if event == "opcode":
            found["python_steps"] += 1
        return local

    def on_call(frame, event, arg):
        if frame.f_code.co_filename == __file__:
            return None
        frame.f_trace_opcodes = True
        return local(frame, event, arg)

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield found
    finally:
        sys.settrace(previous)
