"""The session block's "who reads this" notices say exactly who reads (as
tests/workbench/test_notices_tell_who_reads.py checks for the other blocks):
a question is read by the other participants ("group": the cohort here) and staff;
an evaluation answer only by staff, and only as part of a published snapshot."""
import uuid

from tests.support.sessions import usage_id
from tests.support.workbench import Participant
from tests.workbench.test_notices_tell_who_reads import declared_readers, readers

SCENARIO = "leergang_session.0"


def test_the_question_notice_names_everyone_who_reads_a_question():
    usage, author = usage_id("speaker"), Participant(f"qa_{uuid.uuid4().hex[:6]}")
    page = author.page(SCENARIO).content.decode()
    token = f"vraag-{uuid.uuid4().hex[:8]}"
    assert author.post(usage, "post_question", {"text": token}).status_code == 200
    staff = Participant(f"staff_{uuid.uuid4().hex[:6]}")
    reads = {"group": Participant(f"peer_{uuid.uuid4().hex[:6]}").get(usage, "state").text,
             "staff": staff.get(usage, "questions_live").text}
    assert readers(token, reads) == declared_readers(page, "session-question-readers") == {"group", "staff"}


def test_the_evaluation_notice_names_staff_only_and_peers_never_read_an_answer():
    usage = usage_id("speaker")
    people = [Participant(f"ev_{uuid.uuid4().hex[:6]}") for _ in range(3)]   # K = 3: a snapshot follows
    page = people[0].page(SCENARIO).content.decode()
    token = f"antwoord-{uuid.uuid4().hex[:8]}"
    for who in people:
        body = {"scales": {"inhoud": 3, "sprekers": 3, "ruimte": 3}, "open": token}
        assert who.post(usage, "answer_evaluation", body).status_code == 200
    peer = Participant(f"peer_{uuid.uuid4().hex[:6]}")
    reads = {"group": peer.get(usage, "state").text + peer.page(SCENARIO).content.decode(),
             "staff": Participant(f"staff_{uuid.uuid4().hex[:6]}").get(usage, "evaluation_results").text}
    assert readers(token, reads) == declared_readers(page, "session-evaluation-readers") == {"staff"}
