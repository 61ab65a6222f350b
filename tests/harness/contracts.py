"""What each block tells the reliability and security suites about itself.

A block joins the authorization matrix, the fuzzing, the load test, the
injection tests and the data-boundary tests by adding one module to
`tests/harness/blocks/` that registers a `BlockContract`:

- every handler with its HTTP method, a valid example body, and the status
  each role should get (the matrix fails on a handler nobody declared);
- which handlers write, and how to read a participant's stored state back
  (to prove refusals change nothing and accepted writes are kept exactly once);
- the free-text and authored-text fields an attacker could fill;
- how to recompute the block's aggregates from raw records (for the load test).
"""
from dataclasses import dataclass, field
from typing import Callable

ROLES = ("learner", "peer", "other_group", "staff", "no_user")

# The workbench's `?student=` ids per role; tests add a unique suffix.
ROLE_PREFIX = {"learner": "learner", "peer": "peer", "other_group": "othergroup", "staff": "staff", "no_user": None}


@dataclass
class HandlerSpec:
    name: str
    method: str                      # "GET" or "POST"
    example: Callable                # (contract, usage_id) -> body dict (POST) or query string (GET)
    expected: dict                   # role -> HTTP status for a participant with no prior state
    writes: bool = False
    studio: bool = False             # Studio's save handler: fuzzed as staff


@dataclass
class Step:
    """One request of a simulated participant in the load test."""
    handler: str
    method: str
    body: object = None              # dict for POST, query string for GET
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
    # Same-participant overlaps: (index, usage_id) -> (kind, stages), each stage a
    # list of Steps sent at one moment; and (kind, stage outcomes, final JSON of
    # `results` and `my_data`) -> {"duplicates", "stuck", "lost_drafts",
    # "unexpected", "problems"}.
    overlap_journey: Callable = None
    overlap_verify: Callable = None

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
