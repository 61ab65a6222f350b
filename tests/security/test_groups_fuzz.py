"""The group tools fuzzed as staff (the shared fuzzing calls them as a learner,
who is refused before the body is read), and crafted group ids fuzzed as a
member: never a 5xx, a refusal changes no group, and no other group's text leaks."""
import json
import uuid
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings, strategies as st

from leergang_xblocks.core import platform
from tests.harness.blocks import small_groups
from tests.security.test_fuzz_handlers import json_values
from tests.support.workbench import Participant

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
STAFF_TOOLS = ["make_groups", "import_groups", "add_group", "rename_group", "move_member", "delete_group"]


def near(example):
    """Bodies near a valid one: each key with a wrong or hostile value, unknown keys, paste text."""
    values = st.one_of(json_values, st.text(max_size=80), st.integers(-5, 10**10),
                       st.sampled_from(["set:werkgroepen:g1", "team:x", "", "../../", "g1\nline", "<script>"]))
    return st.dictionaries(st.sampled_from(list(example) + ["extra"]), values, max_size=5).map(
        lambda body: {**example, **body})


paste_text = st.lists(st.one_of(
    st.tuples(st.sampled_from(small_groups.MEMBERS + ["onbekend", "", "=cmd"]),
              st.text(max_size=90)).map(lambda pair: f"{pair[0]},{pair[1]}"),
    st.text(max_size=40)), max_size=12).map("\n".join)


def _tool_test(name):
    contract = small_groups.CONTRACT
    usage = contract.usage_id()
    spec = contract.handler(name)

    @FUZZ
    @given(data=st.data())
    def test(data):
        # A group to rename, move to or delete, whatever earlier examples deleted: in a
        # test process of its own (scripts/test.sh runs two) nothing else made groups,
        # and an example built from no groups failed before its draw (FlakyStrategyDefinition).
        if not small_groups.store(usage).latest().groups:
            small_groups.prepare(f"fz_{uuid.uuid4().hex[:6]}", usage)
        example = spec.example(contract, usage)
        body = data.draw(st.one_of(near(example), json_values,
                                   paste_text.map(lambda text: {**example, "text": text}) if name == "import_groups"
                                   else near(example)))
        before = small_groups.store(usage).latest()
        response = Participant("staff_fuzz").post(usage, name, body)
        assert response.status_code < 500, response.content[:300]
        if response.status_code >= 400:
            assert set(json.loads(response.content)["error"]) - {"problems"} == {"code", "message"}
            assert small_groups.store(usage).latest().version == before.version
    return test


for _name in STAFF_TOOLS:
    globals()[f"test_staff_fuzz_{_name}"] = _tool_test(_name)


@FUZZ
@given(group=st.one_of(st.text(max_size=60), st.sampled_from(["set:werkgroepen:g1", "set:werkgroepen:g2",
                                                              "team:1", "set:other:g1"])))
def test_crafted_group_ids_never_leak_another_groups_records(group):
    usage = small_groups.CONTRACT.usage_id()
    member, stranger = f"fz_{uuid.uuid4().hex[:6]}", f"fz_{uuid.uuid4().hex[:6]}"
    small_groups.prepare(stranger, usage)
    secret = f"SECRET-{uuid.uuid4().hex[:6]}"
    assert Participant(stranger).post(usage, "post_introduction", {"text": secret}).status_code == 200
    small_groups.prepare(member, usage)
    response = Participant(member).get(usage, "group_introductions", urlencode({"group": group}))
    assert response.status_code in (200, 400, 403), response.content[:300]
    assert secret not in response.content.decode()
    own = small_groups.store(usage).group_of(platform.workbench_anonymous_id(member))
    assert response.status_code == 200 or group != own.id
