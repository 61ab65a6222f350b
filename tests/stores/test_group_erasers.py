"""What the group side's erasers leave of a staff member or a mentor (units; the
whole exercise is tests/workbench/test_group_erasure.py)."""
import uuid

from leergang_xblocks.core.group_store import GroupSetStore
from leergang_xblocks.core.mentor_store import MentorStore
from leergang_xblocks.core.moderation import Moderation
from leergang_xblocks.core.platform import Identity
from leergang_xblocks.stores.api import erasure, participants


def test_a_retired_staff_member_is_no_longer_named_but_their_decisions_and_saves_stand():
    course = f"course-v1:Erase+{uuid.uuid4().hex[:6]}+2026"
    staff = Identity("anon-staff", "coach", "Coach", True)
    participants.note(course, "anon-staff", "coach", "Carla Coach")
    moderation = Moderation(None, course_id=course, block_item="block-1")
    moderation.hide(staff, 7, "set:s:g1", "a name in the text")
    groups = GroupSetStore(course, "s")
    groups.save(0, [{"key": "g1", "name": "Noord", "members": ["anon-a", "anon-b"]}], {}, {}, "anon-staff")
    mentors = MentorStore(course, "set:s")
    mentors.save(0, {"set:s:g1": ["anon-staff"]}, {}, {}, "anon-staff")

    erasure.erase_participant(course, "anon-staff")

    assert moderation.hidden_ids("set:s:g1") == {"7"}                       # still hidden for learners
    assert [d.decided_by for d in moderation.decisions()] == [""]           # by nobody named
    assert groups.latest().version == 1 and groups.group_of("anon-a").name == "Noord"
    assert mentors.latest().by_group == {} and mentors.groups_of("anon-staff") == []
    assert participants.of(course, "anon-staff") is None


def test_a_retired_member_leaves_their_group_to_the_others():
    course = f"course-v1:Erase+{uuid.uuid4().hex[:6]}+2026"
    groups = GroupSetStore(course, "s")
    for aid, name in (("anon-a", "Anna"), ("anon-b", "Bram")):
        groups.register(aid, name, name.lower())
    groups.save(0, [{"key": "g1", "name": "Noord", "members": ["anon-a", "anon-b"]}], {}, {}, "staff")

    erasure.erase_participant(course, "anon-a")

    assert [m.display_name for m in groups.group_of("anon-b").members] == ["Bram"]
    assert groups.group_of("anon-a") is None and not groups.is_registered("anon-a")
    assert groups.personal_data("anon-a")["placements"] == [] and set(groups.roster()) == {"anon-b"}
    assert "anon-a" not in groups.latest().as_spec()[0]["members"]
