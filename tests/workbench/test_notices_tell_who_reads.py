"""Every "who reads this" notice says exactly who reads it (issue 20).

Each such notice declares its readers in `data-readers` (the sentence says the same
in words): `group` (the writer's group members), `mentor` (the group's mentors),
`staff` (course staff), and `group:shared` for "your group, once you share it".
The test writes a unique text as a participant, then asks every kind of reader
through the handlers the authorization matrix lets them call, and compares who
actually read the text with what the notice says. A reader the notice leaves out,
or one it names who cannot read, fails.
"""
import re
import uuid

from leergang_xblocks.core import platform
from tests.support import feedback_round as rounds
from tests.support.case import new_case_course
from tests.support.groups import arrange, new_course, visit
from tests.support.workbench import Participant

STAFF = "staff_notice_reader"


def people(n):
    tag = uuid.uuid4().hex[:5]
    return [f"n{tag}_{i}" for i in range(n)]


def assign_mentor(usage, mentor, group_name):
    staff = Participant(STAFF)
    version = staff.get(usage, "groups_overview").json()["version"]
    saved = staff.post(usage, "assign_mentors", {"version": version, "mentors_version": 0,
                                                 "text": f"{mentor},{group_name}"})
    assert saved.status_code == 200, saved.content[:300]


def declared_readers(page_html, notice_class):
    match = re.search(rf'<p[^>]*class="[^"]*{notice_class}[^"]*"[^>]*data-readers="([^"]*)"', page_html)
    if match is None:
        match = re.search(rf'<p[^>]*data-readers="([^"]*)"[^>]*class="[^"]*{notice_class}[^"]*"', page_html)
    assert match, f"the notice {notice_class} declares no readers"
    return set(match.group(1).split())


def readers(token, reads):
    """{reader: response text} -> the readers whose response holds the token."""
    return {who for who, text in reads.items() if token in text}


def test_the_small_group_notice_names_everyone_who_reads_an_introduction():
    scenario, usage = new_course()
    author, peer, outsider, mentor = people(4)
    for person in (author, peer, outsider, mentor):
        visit(scenario, person)
    groups = arrange(usage, {"Utrecht": [author, peer], "Zwolle": [outsider]})
    assign_mentor(usage, mentor, "Utrecht")
    token = f"kennismaking-{uuid.uuid4().hex[:8]}"
    assert Participant(author).post(usage, "post_introduction", {"text": token}).status_code == 200
    utrecht = next(g.id for g in groups.groups if g.name == "Utrecht")
    reads = {
        "group": Participant(peer).get(usage, "group_introductions").text,
        "outsider": Participant(outsider).get(usage, "group_introductions").text,
        "mentor": Participant(mentor).get(usage, "group_introductions").text,
        "staff": Participant(STAFF).get(usage, "group_introductions", f"group={utrecht}").text,
    }
    page = Participant(author).page(scenario).content.decode()
    assert declared_readers(page, "small-group-privacy") == readers(token, reads)


def test_the_case_notice_names_everyone_who_reads_the_case_before_and_after_sharing():
    scenario, (usage,) = new_case_course()
    author, peer, outsider, mentor = people(4)
    for person in (author, peer, outsider, mentor):
        Participant(person).page(scenario)
    arrange(usage, {"Leergroep": [author, peer], "Anders": [outsider]})
    assign_mentor(usage, mentor, "Leergroep")
    token = f"casus-{uuid.uuid4().hex[:8]}"
    saved = Participant(author).post(usage, "save_case", {"fields": {"title": token, "purpose": "Ruimte"}})
    assert saved.status_code == 200, saved.content[:300]
    owner = platform.workbench_anonymous_id(author)

    def reads():
        return {
            "group": Participant(peer).get(usage, "group_view").text,
            "outsider": Participant(outsider).get(usage, "group_view").text,
            "mentor": Participant(mentor).get(usage, "staff_case", f"participant={owner}").text,
            "staff": Participant(STAFF).get(usage, "staff_case", f"participant={owner}").text,
        }

    page = Participant(author).page(scenario).content.decode()
    declared = declared_readers(page, "case-privacy")
    always = {r for r in declared if not r.endswith(":shared")}
    assert always == readers(token, reads())
    assert Participant(author).post(usage, "share", {"shared": True}).status_code == 200
    once_shared = always | {r.split(":")[0] for r in declared if r.endswith(":shared")}
    assert once_shared == readers(token, reads())


def test_the_feedback_round_notice_names_everyone_who_reads_an_update():
    scenario, usage = rounds.new_round()
    author, peer, outsider, mentor = rounds.people(4)
    ids = rounds.arrange(usage, {"G1": [author, peer], "G2": [outsider]})
    visit(scenario, mentor)
    assign_mentor(usage, mentor, "G1")
    token = f"update-{uuid.uuid4().hex[:8]}"
    rounds.post_update(usage, author, token)
    reads = {
        "group": Participant(peer).get(usage, "round_state").text,
        "outsider": Participant(outsider).get(usage, "round_state").text,
        "mentor": Participant(mentor).get(usage, "round_state").text,
        "staff": Participant(STAFF).get(usage, "staff_group", f"group={ids['G1']}").text,
    }
    page = Participant(author).page(scenario).content.decode()
    assert declared_readers(page, "fr-privacy") == readers(token, reads)


def test_the_dialogue_reason_notice_names_everyone_who_reads_a_reason_in_group_scope():
    from tests.support.dialogue import new_dialogue, position
    scenario, usage = new_dialogue(scope="group", min_positions=2, set_name=f"s{uuid.uuid4().hex[:6]}")
    author, peer, outsider, other, mentor = people(5)
    for person in (author, peer, outsider, other, mentor):
        visit(scenario, person)
    arrange(usage, {"A": [author, peer], "B": [outsider, other]})
    assign_mentor(usage, mentor, "A")
    page = Participant(author).page(scenario).content.decode()   # the notice is read before writing
    token = f"reden-{uuid.uuid4().hex[:8]}"
    assert Participant(author).post(usage, "take_position", position("a", token)).status_code == 200
    # Everyone reads the room after taking their own position (the exercise's rule), the mentor too.
    for person, reason in ((peer, "Omdat het past."), (outsider, "Elders."), (other, "Ook elders."),
                           (mentor, "Als mentor.")):
        assert Participant(person).post(usage, "take_position", position("b", reason)).status_code == 200
    reads = {
        "group": Participant(peer).get(usage, "room").text,
        "outsider": Participant(outsider).get(usage, "room").text,
        "mentor": Participant(mentor).get(usage, "room").text,
        "staff": Participant(STAFF).get(usage, "live").text,
    }
    assert declared_readers(page, "dialogue-reason-readers") == readers(token, reads)
