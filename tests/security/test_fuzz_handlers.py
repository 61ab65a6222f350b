"""Whatever arrives, every handler of every block answers 2xx or a 4xx with the
error shape, never 5xx, and a refusal changes nothing stored.

Two kinds per handler, both from the contracts (tests/harness/blocks/) alone:
`test_fuzz_*` (hypothesis, random bodies and hostile changes of the example)
and `test_sweep_*` (every hostile value of tests/harness/hostile.py at every
position of the example, hostile keys in every object of it).
"""
import json
import uuid
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings, strategies as st

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan.instrument import parse_instrument
from tests.harness import hostile
from tests.harness.contracts import all_contracts
from tests.support.instruments import TWO_DIMENSIONS
from tests.support.workbench import Participant
from workbench.models import XBlockState

CONTRACTS = all_contracts()
# Budgets per handler, not per block copy (the sweeps below stay exhaustive for every copy):
# - a handler a block defines itself: 30 random bodies (writes) or 15 query strings (reads:
#   a query string has few places to go wrong);
# - a handler core/ gives every block (my_data, remove_participant_data, the group staff
#   tools, ...): 30 or 15 on the first block that has it, 5 on every other block, where the
#   same code runs behind another block's guard.
# At 40 examples for every handler of every block the fuzzing took about 20 of a 44-minute
# suite (2026-12-07, 4,325 tests); eight blocks would have put it past the 45-minute aim.
WRITE_EXAMPLES, READ_EXAMPLES, SHARED_COPY_EXAMPLES = 30, 15, 5
_fuzzed_shared = set()


def budget(contract, spec):
    """The examples hypothesis spends on this handler of this block (see above)."""
    handler = getattr(contract.block_class, spec.name, None)
    module = getattr(handler, "__module__", "") or ""
    full = WRITE_EXAMPLES if spec.method == "POST" else READ_EXAMPLES
    if not module.startswith("leergang_xblocks.core"):
        return full
    if (module, spec.name) in _fuzzed_shared:
        return SHARED_COPY_EXAMPLES
    _fuzzed_shared.add((module, spec.name))
    return full


def fuzz_settings(contract, spec):
    return settings(max_examples=budget(contract, spec), deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=50), st.text(alphabet=st.characters(max_codepoint=31), max_size=10))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=6), st.dictionaries(st.text(max_size=12), inner, max_size=6)), max_leaves=30)


yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TWO_DIMENSIONS.splitlines()), max_size=40).map("\n".join),
    st.tuples(st.integers(0, len(TWO_DIMENSIONS)), st.text(max_size=20)).map(
        lambda cut: TWO_DIMENSIONS[:cut[0]] + cut[1] + TWO_DIMENSIONS[cut[0]:]),
)


def shaped_like(example):
    """Bodies near a valid one: same keys with wrong values, plus unknown keys."""
    keys = list(example) or ["answers"]
    return st.dictionaries(st.sampled_from(keys + ["extra", "version", "text"]), json_values, max_size=4)


def check(response, before, after, studio=False):
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        body = json.loads(response.content)
        assert set(body["error"]) - {"problems"} == ({"code", "message", "messages"} if studio else {"code", "message"})
        for problem in body["error"].get("problems", []):  # shown next to its field
            assert set(problem) == {"field", "code", "message"} and problem["message"]
        assert after() == before, "a refused request changed stored state"


def prepared_participant(contract, usage_id, spec):
    """Someone who gets past the handler's guard, with everything the block's
    writing handlers store (a draft, a result, a note), so a refusal has
    something to spoil. Built from the contract alone."""
    staff = spec.studio or spec.expected["learner"] == 403
    person = Participant(("staff_" if staff else "fuzz_") + uuid.uuid4().hex[:8])
    if contract.prepare:
        contract.prepare(person.student_id, usage_id)  # e.g. put them in a group
    if spec.prepare:
        spec.prepare(person.student_id, usage_id)      # e.g. give them the role that calls it
    for write in contract.handlers:
        if write.writes and not write.studio and write.method == "POST":
            person.post(usage_id, write.name, write.example(contract, usage_id))
    if spec.studio:
        person.path = "studio"  # Studio's save path, where authorship is decided
    return person


def studio_bodies(contract):
    """Studio saves: real setting names with arbitrary values, YAML-ish text included."""
    fields = list(contract.block_class.editable_fields) + ["not_a_field"]
    values = st.one_of(json_values, yaml_text)
    return st.fixed_dictionaries({
        "values": st.dictionaries(st.sampled_from(fields), values, max_size=3),
        "defaults": st.lists(st.sampled_from(fields), max_size=2),
    }).map(json.dumps)


def example_of(contract, spec, usage_id):
    return hostile.studio_example(contract.block_class) if spec.studio else spec.example(contract, usage_id)


def bodies_for(spec, contract, usage_id):
    example = example_of(contract, spec, usage_id)
    near = hostile.mutated(example)
    if spec.studio:
        return st.one_of(studio_bodies(contract), json_values.map(json.dumps), near)
    return st.one_of(json_values.map(json.dumps), shaped_like(example if isinstance(example, dict) else {}).map(json.dumps),
                     st.binary(max_size=200).map(lambda b: b), st.just(json.dumps(example)[:-1]),
                     st.integers(1, 60).map(lambda depth: "[" * depth * 20 + "]" * depth * 20), near)


def post_and_check(contract, spec, usage_id, person, body, authored):
    """One request: never a 5xx; a refusal has the error shape and changes nothing.
    `authored`: the block's settings as the test found them (authored_settings), put
    back after an accepted Studio save so it does not leak into the next request."""
    before = contract.state(usage_id, person.student_id)
    rows_before = block_rows(usage_id)
    try:
        response = person.post(usage_id, spec.name, body, raw=True)
        check(response, before, lambda: contract.state(usage_id, person.student_id), studio=spec.studio)
        if response.status_code >= 400:
            assert block_rows(usage_id) == rows_before, "a refusal changed settings"
        return response
    finally:
        if block_rows(usage_id) != rows_before:
            restore_settings(contract, usage_id, authored)


def block_rows(usage_id):
    """Everything the workbench stores for the block and no user: its settings and
    content, i.e. the XBlockState rows of the usage and of its definition (ids are
    `{scenario}.{tag}.d{n}.u{n}`, workbench/runtime.py ScenarioIdManager). One query,
    where reading each authored setting through a block cost three quarters of a
    sweep; and stricter, since it also sees a field no form shows."""
    definition = usage_id.rsplit(".u", 1)[0]
    return sorted(XBlockState.objects.filter(scope_id__in=(usage_id, definition), user_id__isnull=True)
                  .values_list("scope", "scope_id", "state"))


def usage_of(contract, _known={}):
    """The contract's usage id, looked up when a test first runs rather than when the
    module is collected: each test process collects every test, and finding the
    usages at collection cost half a minute per process."""
    if contract.block_type not in _known:
        _known[contract.block_type] = contract.usage_id()
    return _known[contract.block_type]


def _make_post_test(contract, spec):
    prepared = []

    @fuzz_settings(contract, spec)
    @given(body=st.deferred(lambda: bodies_for(spec, contract, usage_of(contract))))
    def test(body):
        # One prepared participant for all examples of a handler (as the sweep does):
        # preparing replays every write of the block, which made this suite an hour
        # long with five blocks. Each request is still checked against the state just
        # before it, so a refusal that spoils anything is caught all the same.
        usage_id = usage_of(contract)
        if not prepared:
            contract.usage_id()   # what the contract arranges for its usage (e.g. its group), again
            prepared.append((prepared_participant(contract, usage_id, spec), authored_settings(contract, usage_id)))
        person, authored = prepared[0]
        post_and_check(contract, spec, usage_id, person, body, authored)
    return test


def _make_post_sweep(contract, spec):
    """Every hostile value at every position of the example, and hostile keys in
    every object of it: deterministic, so a regression names the exact case."""
    def test():
        usage_id = contract.usage_id()
        person = prepared_participant(contract, usage_id, spec)
        authored = authored_settings(contract, usage_id)
        statuses = {}
        for description, body in hostile.mutations(example_of(contract, spec, usage_id)):
            try:
                response = post_and_check(contract, spec, usage_id, person, body, authored)
            except AssertionError as exc:
                raise AssertionError(f"{spec.name}, {description}: {exc}") from None
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert any(status == 400 for status in statuses), statuses  # the sweep reached the validation
    return test


def authored_settings(contract, usage_id):
    block = Participant("settings_reader").block(usage_id)
    return {name: getattr(block, name) for name in contract.block_class.editable_fields}


def restore_settings(contract, usage_id, values):
    if authored_settings(contract, usage_id) == values:
        return
    block = Participant("settings_reader").block(usage_id)
    for name, value in values.items():
        setattr(block, name, value)
    block.save()


def _make_get_test(contract, spec):
    queries = st.one_of(
        st.dictionaries(st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1, max_size=8),
                        st.text(max_size=20), max_size=3).map(urlencode),
        st.sampled_from(hostile.HOSTILE_QUERIES))

    prepared = []

    @fuzz_settings(contract, spec)
    @given(query=queries)
    def test(query):
        usage_id = usage_of(contract)
        if not prepared:  # one prepared participant per handler, as above
            contract.usage_id()
            prepared.append(prepared_participant(contract, usage_id, spec))
        person = prepared[0]
        before = contract.state(usage_id, person.student_id)
        response = person.get(usage_id, spec.name, query)
        check(response, before, lambda: contract.state(usage_id, person.student_id))
        assert contract.state(usage_id, person.student_id) == before, "a read changed stored state"
    return test


for _contract in CONTRACTS:
    for _spec in _contract.handlers:
        maker = _make_post_test if _spec.method == "POST" else _make_get_test
        globals()[f"test_fuzz_{_contract.block_type}_{_spec.name}"] = maker(_contract, _spec)
        if _spec.method == "POST":
            globals()[f"test_sweep_{_contract.block_type}_{_spec.name}"] = _make_post_sweep(_contract, _spec)


def test_the_settings_check_sees_a_changed_setting_and_the_restore_undoes_it():
    """block_rows, which post_and_check compares around every request, can fail: a
    changed setting shows in it, and restore_settings puts the authored value back."""
    contract = CONTRACTS[0]
    usage_id = contract.usage_id()
    authored = authored_settings(contract, usage_id)
    rows = block_rows(usage_id)
    block = Participant("settings_writer").block(usage_id)
    block.display_name = "Veranderd door de test"
    block.save()
    assert block_rows(usage_id) != rows
    restore_settings(contract, usage_id, authored)
    assert authored_settings(contract, usage_id) == authored


def test_every_handler_of_every_block_is_fuzzed():
    for contract in CONTRACTS:
        for spec in contract.handlers:
            assert f"test_fuzz_{contract.block_type}_{spec.name}" in globals()
            if spec.method == "POST":
                assert f"test_sweep_{contract.block_type}_{spec.name}" in globals()


def test_the_hostile_bodies_hold_what_the_issue_names():
    """Surrogates in keys and values (nested), NUL, long keys, deep nesting, huge
    numbers, Infinity/NaN literals and wrong types, for a nested example."""
    bodies = [body for _, body in hostile.mutations({"a": {"b": [1]}, "c": "x"})]
    joined = b"\n".join(bodies)
    for needle in (b'{"\\ud800": 1', b'"a": {"b": [1], "\\ud800": 1}', b'"\\u0000"', b"Infinity", b"NaN",
                   b"1e400", b"1" + b"0" * 400, b"[" * 600, b'"' + b"k" * 10_000 + b'"', b'"c": null', b'"c": []'):
        assert needle in joined, needle


def test_stale_draft_versions_are_refused_and_change_nothing():
    for contract in CONTRACTS:
        spec = next((h for h in contract.handlers if h.name == "save_draft"), None)
        if spec is None:
            continue
        usage_id = contract.usage_id()
        person = Participant("stale_" + uuid.uuid4().hex[:8])
        body = spec.example(contract, usage_id)  # each block's own draft shape
        ok = person.post(usage_id, "save_draft", {**body, "version": 0})
        assert ok.status_code == 200, (contract.block_type, ok.content[:200])
        before = contract.state(usage_id, person.student_id)
        for version in (0, 5, 10**9):
            response = person.post(usage_id, "save_draft", {**body, "version": version})
            assert response.status_code == 409, (contract.block_type, version, response.content[:200])
        assert contract.state(usage_id, person.student_id) == before


@settings(max_examples=300, deadline=None)
@given(text=yaml_text)
def test_instrument_yaml_fails_only_with_an_authored_data_error(text):
    try:
        parse_instrument(text)
    except AuthoredDataError as error:
        assert error.message


def _outline_lines():
    from sample_courses.build import outline_paths
    return outline_paths()[0].read_text("utf-8").splitlines()


outline_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_outline_lines()), max_size=40).map("\n".join),
    st.tuples(st.integers(0, 2000), st.text(max_size=20)).map(
        lambda cut: "\n".join(_outline_lines())[:cut[0]] + cut[1] + "\n".join(_outline_lines())[cut[0]:]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=outline_text)
def test_course_outlines_fail_only_with_an_authored_data_error(text, tmp_path_factory):
    from sample_courses.build import build_course, load_outline
    path = tmp_path_factory.mktemp("outline") / "outline.yaml"
    path.write_text(text, "utf-8")
    try:
        outline = load_outline(path)
    except AuthoredDataError as error:
        assert error.message.startswith("outline.yaml")
        return
    build_course(outline, tmp_path_factory.mktemp("olx"))  # what loads must also build
