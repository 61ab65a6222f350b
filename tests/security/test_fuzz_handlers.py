"""Property-based tests: whatever arrives, every handler answers 2xx or a 4xx
with the error shape, never 5xx, and a refusal changes nothing stored."""
import json
import uuid

from hypothesis import HealthCheck, given, settings, strategies as st

from leergang_xblocks.core.authored_yaml import AuthoredDataError
from leergang_xblocks.trust_scan.instrument import parse_instrument
from tests.harness.contracts import all_contracts
from tests.support.instruments import TWO_DIMENSIONS
from tests.support.workbench import Participant

CONTRACTS = all_contracts()
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

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


def check(response, before, after):
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        body = json.loads(response.content)
        assert set(body["error"]) == {"code", "message"}
        assert after() == before, "a refused request changed stored state"


def prepared_participant(contract, usage_id, staff=False):
    """A participant with a draft and a result, so refusals have something to spoil."""
    person = Participant(("staff_" if staff else "fuzz_") + uuid.uuid4().hex[:8])
    submit = contract.handler("submit").example(contract, usage_id)
    person.post(usage_id, "submit", submit)
    person.post(usage_id, "save_reflection", {"text": "bewaard"})
    return person


def studio_bodies(contract):
    """Studio saves: real setting names with arbitrary values, YAML-ish text included."""
    fields = list(contract.block_class.editable_fields) + ["not_a_field"]
    values = st.one_of(json_values, yaml_text)
    return st.fixed_dictionaries({
        "values": st.dictionaries(st.sampled_from(fields), values, max_size=3),
        "defaults": st.lists(st.sampled_from(fields), max_size=2),
    }).map(json.dumps)


def bodies_for(spec, contract, usage_id):
    example = spec.example(contract, usage_id)
    if spec.studio:
        return st.one_of(studio_bodies(contract), json_values.map(json.dumps))
    return st.one_of(json_values.map(json.dumps), shaped_like(example if isinstance(example, dict) else {}).map(json.dumps),
                     st.binary(max_size=200).map(lambda b: b), st.just(json.dumps(example)[:-1]),
                     st.integers(1, 60).map(lambda depth: "[" * depth * 20 + "]" * depth * 20))


def _make_post_test(contract, spec):
    usage_id = contract.usage_id()

    @FUZZ
    @given(body=bodies_for(spec, contract, usage_id))
    def test(body):
        person = prepared_participant(contract, usage_id, staff=spec.studio)
        if spec.studio:
            person.path = "studio"  # Studio's save path, where authorship is decided
        before = contract.state(usage_id, person.student_id)
        settings_before = authored_settings(contract, usage_id)
        try:
            response = person.post(usage_id, spec.name, body, raw=True)
            check(response, before, lambda: contract.state(usage_id, person.student_id))
            if response.status_code >= 400:
                assert authored_settings(contract, usage_id) == settings_before
        finally:
            restore_settings(contract, usage_id, settings_before)  # accepted Studio saves must not leak
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
    usage_id = contract.usage_id()

    @FUZZ
    @given(query=st.dictionaries(st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1, max_size=8),
                                 st.text(max_size=20), max_size=3))
    def test(query):
        from urllib.parse import urlencode
        person = prepared_participant(contract, usage_id)
        before = contract.state(usage_id, person.student_id)
        response = person.get(usage_id, spec.name, urlencode(query))
        check(response, before, lambda: contract.state(usage_id, person.student_id))
    return test


for _contract in CONTRACTS:
    for _spec in _contract.handlers:
        maker = _make_post_test if _spec.method == "POST" else _make_get_test
        globals()[f"test_fuzz_{_contract.block_type}_{_spec.name}"] = maker(_contract, _spec)


def test_stale_draft_versions_are_refused_and_change_nothing():
    for contract in CONTRACTS:
        usage_id = contract.usage_id()
        person = Participant("stale_" + uuid.uuid4().hex[:8])
        ok = person.post(usage_id, "save_draft", {"answers": {}, "version": 0})
        assert ok.status_code == 200
        before = contract.state(usage_id, person.student_id)
        for version in (0, 5, 10**9):
            response = person.post(usage_id, "save_draft", {"answers": {}, "version": version})
            assert response.status_code == 409
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
