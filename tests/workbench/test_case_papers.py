"""The final paper as a file, the rubric and the second reader, through the
workbench's real request path: what is accepted (by content, size), where the file
goes and who may download it, what staff and the participant see of two readings,
and that a staff removal and a retirement take the file away too."""
import base64
import datetime
import io
import json
import uuid
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from leergang_xblocks.case import block as case_block
from leergang_xblocks.core import platform
from leergang_xblocks.stores import retirement
from leergang_xblocks.stores.api import stored_files
from tests.support.case import arrange, new_case_course
from tests.support.workbench import Participant

TODAY = datetime.date(2026, 3, 30)
RUBRIC = ("[{criterion: {nl: Analyse, en: Analysis}, levels: {nl: [Onvoldoende, Voldoende, Goed], "
          "en: [Insufficient, Sufficient, Good]}, sufficient_from: 2}, "
          "{criterion: {nl: Reflectie, en: Reflection}, levels: {nl: [Zwak, Voldoende], en: [Weak, Sufficient]}, "
          "sufficient_from: 2}]")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_block, "today", lambda *zone: TODAY)


def person(prefix="p"):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def code(response):
    return json.loads(response.content)["error"]["code"]


def problem_fields(response):
    return [p["field"] for p in json.loads(response.content)["error"].get("problems", [])]


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Mijn paper</w:document>")
    return buffer.getvalue()


def upload(content, name="paper.pdf"):
    return {"name": name, "data": base64.b64encode(content).decode()}


def paper_body(text="", reflection="Wat ik leerde", file=None, **extra):
    return {"text": text, "reflection": reflection, **({"file": file} if file is not None else {}), **extra}


def course(**settings):
    attributes = " ".join(f'{key}="{value}"' for key, value in settings.items())
    scenario, (usage,) = new_case_course(extra=attributes)
    return scenario, usage


def with_case(scenario, usage, who=None):
    participant = Participant(who or person())
    participant.page(scenario)
    response = participant.post(usage, "save_case", {"fields": {"title": "Minder regels", "purpose": "Ruimte"}})
    assert response.status_code == 200, response.content
    return participant


def own_records(participant, usage):
    return [r["data"] for r in participant.get(usage, "my_data").json()["data"]["own_records"]]


def papers(participant, usage):
    return [r for r in own_records(participant, usage) if r["kind"] == "paper"]


def stored_paths():
    try:
        return {stored_files.PREFIX + name for name in default_storage.listdir(stored_files.PREFIX)[1]}
    except FileNotFoundError:
        return set()


# --- Handing in a file --------------------------------------------------------------

def test_a_pdf_and_a_docx_are_kept_in_the_default_storage_under_a_path_without_names():
    scenario, usage = course(paper_form="file")
    anna = with_case(scenario, usage)
    sent = anna.post(usage, "submit_paper", paper_body(file=upload(PDF, "Anna de Vries - paper.pdf")))
    assert sent.status_code == 200, sent.content
    (record,) = papers(anna, usage)
    described = record["file"]
    assert described["type"] == "application/pdf" and described["size"] == len(PDF)
    assert described["name"] == "Anna de Vries - paper.pdf"
    assert described["path"].startswith(stored_files.PREFIX) and "Anna" not in described["path"]
    assert anna.student_id not in described["path"]
    assert default_storage.open(described["path"]).read() == PDF
    import hashlib
    assert described["sha256"] == hashlib.sha256(PDF).hexdigest()

    word = anna.post(usage, "submit_paper", paper_body(file=upload(docx(), "versie 2.docx")))
    assert word.status_code == 200, word.content
    assert papers(anna, usage)[-1]["file"]["type"].endswith("wordprocessingml.document")
    assert "versie 2.docx" in anna.page(scenario).content.decode()


@pytest.mark.parametrize("content, name, expected, status", [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "paper.pdf", "file_type", 415),   # a program, renamed
    (b"PK\x03\x04 not really a zip", "paper.docx", "file_type", 415),                   # a broken zip
    (b"", "paper.pdf", "empty_file", 400),
    (b"%PDF-1.4\n" + b"x" * (1024 * 1024 + 10), "paper.pdf", "file_too_large", 413),   # over the 1 MB limit
])
def test_a_bad_file_is_refused_at_the_file_field_and_changes_nothing(content, name, expected, status):
    scenario, usage = course(paper_form="file", paper_max_mb="1")
    bram = with_case(scenario, usage)
    before, files_before = own_records(bram, usage), stored_paths()
    refused = bram.post(usage, "submit_paper", paper_body(file=upload(content, name)))
    assert refused.status_code == status and code(refused) == expected
    assert problem_fields(refused) == ["file"]
    assert own_records(bram, usage) == before and stored_paths() == files_before


def test_a_zip_without_a_word_document_and_bad_base64_are_refused():
    scenario, usage = course(paper_form="both")
    chris = with_case(scenario, usage)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    assert code(chris.post(usage, "submit_paper", paper_body(file=upload(buffer.getvalue(), "x.docx")))) == "file_type"
    assert code(chris.post(usage, "submit_paper", paper_body(file={"name": "x.pdf", "data": "%%%"}))) == "bad_file"
    assert papers(chris, usage) == []


def test_the_form_the_author_chose_decides_what_is_asked():
    scenario, text_only = course()
    dana = with_case(scenario, text_only)
    assert code(dana.post(text_only, "submit_paper", paper_body("Tekst", file=upload(PDF)))) == "file_not_asked"
    scenario, file_only = course(paper_form="file")
    eva = with_case(scenario, file_only)
    missing = eva.post(file_only, "submit_paper", paper_body("Tekst"))
    assert code(missing) == "file_required" and problem_fields(missing) == ["file"]
    assert code(eva.post(file_only, "submit_paper", paper_body(keep_file=True))) == "no_file_to_keep"
    scenario, both = course(paper_form="both")
    fay = with_case(scenario, both)
    assert code(fay.post(both, "submit_paper", paper_body(""))) == "empty_paper"
    assert fay.post(both, "submit_paper", paper_body("Alleen tekst")).status_code == 200
    assert fay.post(both, "submit_paper", paper_body("Tekst en bestand", file=upload(PDF))).status_code == 200
    kept = fay.post(both, "submit_paper", paper_body("Nieuwe tekst", keep_file=True))
    assert kept.status_code == 200
    versions = papers(fay, both)
    assert "file" not in versions[0] and versions[2]["file"] == versions[1]["file"]


def test_the_participant_and_staff_download_the_file_and_nobody_else():
    scenario, usage = course(paper_form="file")
    anna = with_case(scenario, usage)
    assert anna.post(usage, "submit_paper", paper_body(file=upload(PDF, "mijn paper.pdf"))).status_code == 200
    anna_id = platform.workbench_anonymous_id(anna.student_id)
    own = anna.get(usage, "paper_file")
    assert own.status_code == 200 and own.content == PDF and own["Content-Type"] == "application/pdf"
    assert "attachment" in own["Content-Disposition"] and own["X-Content-Type-Options"] == "nosniff"
    staff = Participant("staff_" + person())
    assert staff.get(usage, "paper_file", f"participant={anna_id}").content == PDF
    other = with_case(scenario, usage)
    refused = other.get(usage, "paper_file", f"participant={anna_id}")
    assert refused.status_code == 403 and code(refused) == "not_your_paper"
    assert code(other.get(usage, "paper_file")) == "no_file"          # their own case has no file
    assert Participant("none").get(usage, "paper_file", f"participant={anna_id}").status_code == 403
    mentor_like = Participant("mentor_" + person())
    assert mentor_like.get(usage, "paper_file", f"participant={anna_id}").status_code == 403


def test_a_team_member_downloads_the_teams_paper():
    scenario, usage = course(paper_form="file", case_mode="team")
    a, b = Participant(person()), Participant(person())
    arrange(usage, {"Team West": [a.student_id, b.student_id]})
    for member in (a, b):
        member.page(scenario)
    assert a.post(usage, "save_case", {"fields": {"title": "Samen"}}).status_code == 200
    assert a.post(usage, "submit_paper", paper_body(file=upload(PDF))).status_code == 200
    assert b.get(usage, "paper_file").content == PDF


# --- Removal and retirement -------------------------------------------------------------

def test_the_staff_removal_tool_removes_the_file():
    scenario, usage = course(paper_form="file")
    anna = with_case(scenario, usage)
    assert anna.post(usage, "submit_paper", paper_body(file=upload(PDF))).status_code == 200
    path = papers(anna, usage)[0]["file"]["path"]
    bram = with_case(scenario, usage)
    assert bram.post(usage, "submit_paper", paper_body(file=upload(docx(), "b.docx"))).status_code == 200
    kept = papers(bram, usage)[0]["file"]["path"]
    staff = Participant("staff_" + person())
    removed = staff.post(usage, "remove_participant_data",
                         {"participant": platform.workbench_anonymous_id(anna.student_id)})
    assert removed.status_code == 200, removed.content
    assert not default_storage.exists(path) and default_storage.exists(kept)


def test_a_retirement_removes_the_file():
    scenario, usage = course(paper_form="file")
    anna = with_case(scenario, usage)
    assert anna.post(usage, "submit_paper", paper_body(file=upload(PDF))).status_code == 200
    path = papers(anna, usage)[0]["file"]["path"]
    assert default_storage.exists(path)
    retirement.USER_RETIRE_LMS_MISC.send(sender=None, user=SimpleNamespace(id=987654322, username=anna.student_id))
    assert not default_storage.exists(path)
    assert papers(anna, usage) == []


# --- The rubric and two readers -----------------------------------------------------------

def paper_of(participant, usage, text="Mijn paper over vertrouwen."):
    assert participant.post(usage, "submit_paper", paper_body(text)).status_code == 200
    return papers(participant, usage)[-1]["id"]


def assess(staff, usage, who, paper, levels, feedback="", notes=None):
    return staff.post(usage, "assess_paper", {"participant": who, "paper": paper, "levels": levels,
                                              "criteria_feedback": notes or [""] * len(levels),
                                              "feedback": feedback})


def test_one_reader_assesses_per_criterion_and_the_participant_sees_levels_and_feedback():
    scenario, usage = course(paper_rubric=RUBRIC)
    anna = with_case(scenario, usage)
    anna_id = platform.workbench_anonymous_id(anna.student_id)
    paper = paper_of(anna, usage)
    staff = Participant("staff_" + person())
    missing = assess(staff, usage, anna_id, paper, [1])
    assert missing.status_code == 400 and code(missing) == "levels_required"
    assert code(assess(staff, usage, anna_id, paper, [1, 5])) == "levels_required"
    low = assess(staff, usage, anna_id, paper, [0, 1])
    assert low.status_code == 400 and code(low) == "feedback_required"
    done = assess(staff, usage, anna_id, paper, [2, 1], notes=["Scherpe analyse <b>", ""])
    assert done.status_code == 200 and done.json()["final"] is True
    page = anna.page(scenario).content.decode()
    assert "Good" in page and "Scherpe analyse &lt;b&gt;" in page
    row = next(r for r in staff.get(usage, "staff_overview").json()["rows"] if r["id"] == anna_id)
    assert row["paper_status"] == "sufficient"


def two_readers(rule):
    scenario, usage = course(paper_rubric=RUBRIC, second_reader="true", reader_rule=rule)
    anna = with_case(scenario, usage)
    return scenario, usage, anna, platform.workbench_anonymous_id(anna.student_id), paper_of(anna, usage)


def overview_status(staff, usage, who):
    return next(r for r in staff.get(usage, "staff_overview").json()["rows"] if r["id"] == who)["paper_status"]


def test_two_readers_in_two_tabs_do_not_see_each_other_before_both_are_in():
    scenario, usage, anna, anna_id, paper = two_readers("lowest")
    first, second = Participant("staff_" + person()), Participant("staff_" + person())
    # Both open the case (two tabs, two people) before either assesses.
    for reader in (first, second):
        assert reader.get(usage, "staff_case", f"participant={anna_id}").status_code == 200
    saved = assess(first, usage, anna_id, paper, [2, 1], feedback="EERSTE-LEZER")
    assert saved.status_code == 200 and saved.json()["final"] is False
    assert "EERSTE-LEZER" not in second.get(usage, "staff_case", f"participant={anna_id}").json()["html"]
    assert "EERSTE-LEZER" in first.get(usage, "staff_case", f"participant={anna_id}").json()["html"]
    assert overview_status(first, usage, anna_id) == "submitted"
    assert "EERSTE-LEZER" not in anna.page(scenario).content.decode()     # nothing before the verdict
    assert "EERSTE-LEZER" not in json.dumps(anna.get(usage, "case_view").json())
    assert "EERSTE-LEZER" not in json.dumps(anna.get(usage, "my_data").json())   # not in their download either
    # The first reader revises their own reading: still one reader in.
    assert assess(first, usage, anna_id, paper, [2, 1], feedback="EERSTE-LEZER-2").json()["final"] is False
    done = assess(second, usage, anna_id, paper, [0, 1], feedback="TWEEDE-LEZER")
    assert done.status_code == 200 and done.json()["final"] is True
    html = first.get(usage, "staff_case", f"participant={anna_id}").json()["html"]
    assert "EERSTE-LEZER-2" in html and "TWEEDE-LEZER" in html
    assert overview_status(first, usage, anna_id) == "insufficient"        # lowest: analysis at level 1
    page = anna.page(scenario).content.decode()
    assert "Insufficient" in page and "TWEEDE-LEZER" in page
    assert "EERSTE-LEZER-2" in json.dumps(anna.get(usage, "my_data").json())     # decided: their data in full
    third = Participant("staff_" + person())
    closed = assess(third, usage, anna_id, paper, [2, 1], feedback="x")
    assert closed.status_code == 409 and code(closed) == "assessment_closed"


def test_the_average_rule_rounds_a_half_down():
    scenario, usage, anna, anna_id, paper = two_readers("average")
    first, second = Participant("staff_" + person()), Participant("staff_" + person())
    assess(first, usage, anna_id, paper, [2, 1])
    assert assess(second, usage, anna_id, paper, [1, 1]).json()["final"] is True   # (2 + 1) / 2 -> 1
    assert overview_status(first, usage, anna_id) == "sufficient"


def test_a_third_reader_decides_when_the_two_differ():
    scenario, usage, anna, anna_id, paper = two_readers("third_reader")
    first, second, third = (Participant("staff_" + person()) for _ in range(3))
    assess(first, usage, anna_id, paper, [2, 1])
    waiting = assess(second, usage, anna_id, paper, [0, 1], feedback="te dun")
    assert waiting.status_code == 200 and waiting.json()["final"] is False
    assert overview_status(first, usage, anna_id) == "submitted"
    assert 'data-state="decide"' in third.get(usage, "staff_case", f"participant={anna_id}").json()["html"]
    decided = assess(third, usage, anna_id, paper, [1, 1], feedback="BESLUIT")
    assert decided.status_code == 200 and decided.json()["final"] is True
    assert overview_status(first, usage, anna_id) == "sufficient"
    assert code(assess(third, usage, anna_id, paper, [0, 0], feedback="x")) == "assessment_closed"
    # A new version is read afresh.
    newer = paper_of(anna, usage, "Versie twee")
    assert assess(first, usage, anna_id, newer, [2, 1]).json()["final"] is False


def test_two_readers_who_agree_make_the_verdict_under_every_rule():
    scenario, usage, anna, anna_id, paper = two_readers("third_reader")
    first, second = Participant("staff_" + person()), Participant("staff_" + person())
    assess(first, usage, anna_id, paper, [1, 1])
    assert assess(second, usage, anna_id, paper, [1, 1]).json()["final"] is True


def test_the_rubric_and_the_rule_are_checked_when_the_author_saves():
    scenario, usage = course()
    block = Participant("staff_" + person()).block(usage)
    data = SimpleNamespace(**{name: getattr(block, name) for name in block.fields})
    data.paper_rubric = "[{criterion: X, levels: {nl: [A], en: [A]}, sufficient_from: 3}]"
    data.second_reader, data.reader_rule = True, "average"
    data.paper_max_mb, data.paper_form = 0, "scroll"
    fields = {p.path[0] for p in block.settings_problems(data)}
    assert {"paper_rubric", "paper_max_mb", "paper_form"} <= fields
    data.paper_rubric = ""
    assert "reader_rule" in {p.path[0] for p in block.settings_problems(data)}   # an average needs a rubric


# --- Files of a realistic size ---------------------------------------------------------------

def multipart(participant, usage, fields, content, name="paper.pdf"):
    """The page's upload: the texts as one JSON part, the file as a file part (multipart/form-data),
    so the platform's limit on request data (Django's DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB unless
    set) does not count the file."""
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return participant.client.post(participant.url(usage, "submit_paper"),
                                   data={"json": json.dumps(fields), "file": upload})


def test_a_paper_file_of_several_megabytes_is_accepted_as_the_page_sends_it():
    scenario, usage = course(paper_form="file")
    anna = with_case(scenario, usage)
    content = b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024) + b"\n%%EOF\n"      # over Django's 2.5 MB of request data
    sent = multipart(anna, usage, paper_body(), content, "Groot paper.pdf")
    assert sent.status_code == 200, sent.content[:300]
    (record,) = papers(anna, usage)
    assert record["file"]["size"] == len(content) and record["file"]["name"] == "Groot paper.pdf"
    assert anna.get(usage, "paper_file").content == content


def test_a_multipart_upload_is_checked_as_strictly_as_json():
    scenario, usage = course(paper_form="file", paper_max_mb="1")
    bram = with_case(scenario, usage)
    too_big = multipart(bram, usage, paper_body(), b"%PDF-1.4\n" + b"x" * (1024 * 1024 + 1))
    assert too_big.status_code == 413 and code(too_big) == "file_too_large" and problem_fields(too_big) == ["file"]
    renamed = multipart(bram, usage, paper_body(), b"MZ\x90\x00" * 100, "paper.pdf")
    assert renamed.status_code == 415 and code(renamed) == "file_type"
    bad_json = bram.client.post(bram.url(usage, "submit_paper"), data={"json": "{not json"})
    assert bad_json.status_code == 400 and code(bad_json) == "bad_json"
    wrong_shape = multipart(bram, usage, {"text": 5}, PDF)
    assert wrong_shape.status_code == 400 and code(wrong_shape) == "invalid"
    assert papers(bram, usage) == []
    staff = Participant("staff_" + person())
    other_handler = staff.client.post(staff.url(usage, "record_presented"), data={"json": "{}"})
    assert other_handler.status_code == 400 and code(other_handler) == "bad_json"   # only the paper takes a form


# --- The participant's own download of their case ------------------------------------

def test_the_participants_download_of_their_case_names_the_paper_file_but_not_its_content():
    from leergang_xblocks.core import dates
    from leergang_xblocks.core.export import markdown_text
    scenario, usage = course(paper_form="both")
    anna = with_case(scenario, usage)
    hostile = "Anna & Bram [v2](javascript:x) _paper_ <img src=x onerror=alert(1)>.pdf"
    assert anna.post(usage, "submit_paper", paper_body(file=upload(PDF, hostile))).status_code == 200
    # A second version with new text that keeps the file: handed in with the first.
    sent = anna.post(usage, "submit_paper", paper_body("Tekst erbij", keep_file=True))
    assert sent.status_code == 200, sent.content
    records = [r for r in own_records_with_time(anna, usage) if r["data"]["kind"] == "paper"]
    described = records[-1]["data"]["file"]
    handed_in = dates.date_text(records[0]["at"], "en", dates.DEFAULT_TIME_ZONE)
    page = anna.get(usage, "download", "format=html").content.decode()
    markdown = anna.get(usage, "download", "format=md").content.decode()
    for document in (page, markdown):
        assert "PDF" in document and f"{max(1, len(PDF) // 1024)} KB" in document
        assert handed_in in document
        assert "%%EOF" not in document and "/Catalog" not in document     # never the content
        assert described["path"] not in document and described["sha256"] not in document
    assert html_escape(described["name"]) in page and "<img src=x" not in page
    assert markdown_text(described["name"]) in markdown and "<img src=x" not in markdown
    dutch = Participant(anna.student_id, language="nl").get(usage, "download", "format=html").content.decode()
    assert dates.date_text(records[0]["at"], "nl", dates.DEFAULT_TIME_ZONE) in dutch and html_escape(described["name"]) in dutch


def html_escape(text):
    import html
    return html.escape(text)


def own_records_with_time(participant, usage):
    return participant.get(usage, "my_data").json()["data"]["own_records"]
