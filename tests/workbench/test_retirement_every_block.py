"""Retirement reaches a participant who never opened a group block (issue 19).

The retirement signal names the LMS user; the package finds their anonymous ids in
its own Participant table. Every participant write notes the writer there (core
handlers, in the serialised step), so a trust-scan-only participant is found too.
"""
import uuid
from types import SimpleNamespace

from leergang_xblocks.stores import retirement
from tests.workbench.test_overlapping_requests import all_answers, keten  # noqa: F401  (fixture)
from tests.support.workbench import Participant


def test_a_trust_scan_only_participant_is_erased_on_retirement(keten):  # noqa: F811
    person = Participant("solo-" + uuid.uuid4().hex[:8])
    other = Participant("solo-" + uuid.uuid4().hex[:8])
    for who in (person, other):
        assert who.post(keten, "submit", {"answers": all_answers()}).status_code == 200
    assert person.post(keten, "save_reflection", {"text": "Mijn notitie"}).status_code == 200
    assert person.get(keten, "my_data").json()["data"]["results"]
    erased = retirement.on_retire(None, user=SimpleNamespace(id=None, username=person.student_id))
    assert erased, "the retired participant was not found"
    data = person.get(keten, "my_data").json()["data"]
    assert not data["results"]
    # The other participant's records are untouched.
    assert other.get(keten, "my_data").json()["data"]["results"]
