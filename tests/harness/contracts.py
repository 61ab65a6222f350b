"""What each block tells the reliability and security suites about itself.

A block joins the authorization matrix, the fuzzing, the load test, the
injection tests and the data-boundary tests by adding one module to
`tests/harness/blocks/` that registers a `BlockContract`:

- every handler with its HTTP method, a valid example body, and the status
  each role should get (the matrix fails on a handler nobody declared);
- which handlers write, and how to read a participant's stored state back
  (to prove refusals change nothing and accepted writes are kept exactly once);
- the free-text and authored-text fields an attacker could fill;
- (nothing more for the fuzzing: tests/harness/hostile.py builds hostile input
  from each handler's example, and Studio's save from the block's editable
  fields, so make the example a realistic, valid request with nested values
  where the handler takes them);
- how to recompute the block's aggregates from raw records (for the load test).
"""
from dataclasses import dataclass, field
from typing import Optional, Callable

ROLES = ("learner", "peer", "other_group", "mentor", "staff", "no_user")

# The workbench's `?student=` ids per role; tests add a unique suffix.
# "mentor": someone staff assigned to follow a group (core/mentor_store.py); a
# contract whose block uses groups makes that true in `arrange_role`.
ROLE_PREFIX = {"learner": "learner", "peer": "peer", "other_group": "othergroup", "mentor": "mentor",
               "staff": "staff", "no_user": None}


@dataclass
class HandlerSpec:
    name: str
    method: str                      # "GET" or "POST"
    example: Callable                # (contract, usage_id) -> body dict (POST) or query string (GET)
    expected: dict                   # role -> HTTP status for a participant with no prior state
    writes: bool = False
    studio: bool = False             # Studio's save handler: fuzzed as staff
    # What this handler needs of the fuzzed participant beyond the contract's `prepare`
    # (student_id, usage_id) -> None, e.g. holding the role that may call it.
    prepare: Optional[Callable] = None


@dataclass
class Step:
    """One request of a simulated participant in the load test."""
    handler: str
    method: str
    body: object = None              # dict for POST, query string for GET, or a callable
                                     # (session, handler base url, student) -> body, called just before sending
    as_staff: bool = False


@dataclass
class BlockContract:
    block_type: str
    block_class: type
    usage_id: Callable               # () -> the usage id the suites exercise
    handlers: list
    state: Callable                  # (usage_id, student_id) -> comparable snapshot of everything stored
    free_text: dict = field(default_factory=dict)    # handler -> (body builder taking a text)
    authored_text: tuple = ()        # Studio fields holding text shown to participants
    # Load test: the requests participant i makes, and a check run afterwards
    # against the server's database:
    # (usage_id, outcomes, final staff report) -> {"checked", "lost", "problems"}.
    load_journey: Callable = None
    load_verify: Callable = None
    # (student_id, usage_id) -> None: make a fresh participant able to write
    # (for blocks where that takes more than the participant's own request,
    # e.g. being placed in a group by staff). None: nothing to do.
    prepare: Callable = None
    # The staff handler the load test reads at the end (its JSON goes to load_verify).
    report_handler: str = "staff_report"
    # Load test: (base url, usage_id, student ids, csrf token) -> None, run before the
    # participants start; and whether GET responses go to load_verify (as outcome["response"]).
    load_setup: Callable = None
    load_keeps_responses: bool = False
    # Same-participant overlaps: (index, usage_id) -> (kind, stages), each stage a
    # list of Steps sent at one moment; and (kind, stage outcomes, final JSON of
    # `results` and `my_data`) -> {"duplicates", "stuck", "lost_drafts",
    # "unexpected", "problems"}.
    overlap_journey: Callable = None
    overlap_verify: Callable = None
    # The overlap phase's block (None: `usage_id`), what it needs before participants
    # start ((base url, usage_id, student ids, csrf token) -> None; None: nothing), and
    # the participant's GET handlers whose JSON `overlap_verify` receives afterwards.
    overlap_usage_id: Callable = None
    overlap_setup: Callable = None
    overlap_reads: tuple = ("results", "my_data")
    # Authorization matrix: (role, student_id, usage_id) -> None, run before a role's
    # request to make the role true (say, assign the "mentor" to a group). None: nothing.
    arrange_role: Callable = None

    def handler(self, name):
        return next(h for h in self.handlers if h.name == name)


CONTRACTS = []


def register(contract):
    CONTRACTS.append(contract)
    return contract


def all_contracts():
    """Import every block module under tests/harness/blocks/ and return their contracts."""
    import importlib
    import pkgutil

    from tests.harness import blocks

    for module in pkgutil.iter_modules(blocks.__path__):
        importlib.import_module(f"tests.harness.blocks.{module.name}")
    return list(CONTRACTS)
