"""Each participant write of the feedback round reads only the settings that the parts of
the round it answers show, and what its own checks need (issue 19: in the workbench each
setting read is a query); a setting it does not read may be broken, and the write still
goes through, its answer the same as the page."""
import contextlib

import pytest
from xblock.fields import Field, Scope

from leergang_xblocks.feedback_round.block import FeedbackRoundBlock
from tests.support.feedback_round import arrange, new_round, people, state
from tests.support.regions import assert_answer_matches_page
from tests.support.workbench import Participant


@contextlib.contextmanager
def settings_read(monkeypatch):
    """The names of the round's authored settings (settings and content scope) read."""
    names = set()
    original = Field.__get__

    def spy(field, block, owner):
        if isinstance(block, FeedbackRoundBlock) and field.scope in (Scope.settings, Scope.content):
            names.add(field.name)
        return original(field, block, owner)

    monkeypatch.setattr(Field, "__get__", spy)
    yield names
    monkeypatch.setattr(Field, "__get__", original)


GROUPS = {"group_set_name", "teamset_id"}   # which group: every request of the round reads them
# The settings each write reads: its own checks, and what the parts it answers show.
READS = {
    # my-update (update_prompt, round_kind, prefill_from_case); my-posted and updates read
    # none; completion asks for the writer's peers (peers_per_participant).
    "post_update": GROUPS | {"update_prompt", "round_kind", "prefill_from_case", "peers_per_participant"},
    # The check: peers, prompts, release; the give part adds the anonymity.
    "give_feedback": GROUPS | {"peers_per_participant", "method", "feedback_prompts", "extra_prompt",
                               "release_after_due", "feedback_due", "anonymous_feedback"},
    # The check: release; the received part: prompts and anonymity (peers: completion).
    "rate_feedback": GROUPS | {"release_after_due", "feedback_due", "method", "feedback_prompts", "extra_prompt",
                               "anonymous_feedback", "peers_per_participant"},
    # The check: the actions step (round_kind) and the case link (use_case_actions,
    # case_key; display_name names the round on the group's list); round_number: a first
    # round has no earlier actions to follow up.
    "save_actions": GROUPS | {"round_kind", "use_case_actions", "case_key", "display_name", "round_number",
                              "peers_per_participant"},
}
READS["flag_feedback"] = READS["unflag_feedback"] = READS["rate_feedback"]


def one_of_each(usage, a, b):
    """(handler, writer, body) for each write; bodies made just before their write."""
    return [
        ("post_update", a, lambda: {"text": "Mijn casus"}),
        ("give_feedback", b, lambda: {"to": next(p["ref"] for p in state(usage, b)["to_review"] if p["has_update"]),
                                      "answers": {"clarifying": "Wat nu?"}}),
        ("rate_feedback", a, lambda: {"feedback": state(usage, a)["received"][0]["id"], "helpful": 3}),
        ("flag_feedback", a, lambda: {"feedback": state(usage, a)["received"][0]["id"]}),
        ("unflag_feedback", a, lambda: {"feedback": state(usage, a)["received"][0]["id"]}),
        ("save_actions", a, lambda: {"actions": [{"text": "Bellen", "due": "2099-01-01"}]}),
    ]


def a_round(**settings):
    scenario, usage = new_round(round_kind="both", method="incident", **settings)
    a, b, c = people(3)
    for person in (a, b, c):
        Participant(person).page(scenario)
    arrange(usage, {"Oost": [a, b, c]})
    assert Participant(b).post(usage, "post_update", {"text": "Van b"}).status_code == 200
    return scenario, usage, a, b


def test_each_write_reads_only_the_settings_it_uses(monkeypatch):
    _scenario, usage, a, b = a_round()
    for handler, writer, body in one_of_each(usage, a, b):
        data = body()
        with settings_read(monkeypatch) as names:
            response = Participant(writer).post(usage, handler, data)
        assert response.status_code == 200, (handler, response.content[:300])
        assert names == READS[handler], (handler, sorted(names))
    with settings_read(monkeypatch) as names:      # the whole round still reads them all
        Participant(a).get(usage, "round_state")
    assert set().union(*READS.values()) - {"display_name"} <= names


# Settings none of these writes reads, broken as an OLX import may carry them (Studio
# refuses them: settings_problems): the writes go through and answer what the page shows.
UNREAD_BROKEN = {"update_due": "volgende week"}


@pytest.mark.parametrize("handler", sorted(READS))
def test_a_broken_setting_the_write_does_not_read_does_not_stop_it(handler):
    assert not set(UNREAD_BROKEN) & set().union(*READS.values())
    scenario, usage, a, b = a_round(**UNREAD_BROKEN)
    for name, writer, body in one_of_each(usage, a, b):
        response = Participant(writer).post(usage, name, body())
        assert response.status_code == 200, (name, response.content[:300])
        if name == handler:
            page = Participant(writer).page(scenario).content.decode()
            assert_answer_matches_page(response.json(), page)
            return
