"""The demo shows the VU sample course session by session, with Anna's entry in each (issue 22).

Each session of the VU course has the place for that session's entry in its own chapter
(a case block focused on that session); the demo fills Anna's case with an entry per
session, so the course can be walked through as a participant who took part.
"""
import html

from workbench.scenarios import get_scenarios

from leergang_xblocks.case.demo_content import VU_COURSE_ENTRIES
from sample_courses import build
from tests.support.workbench import Participant


def vu_scenario():
    return next(name for name, scenario in get_scenarios().items()
                if name.startswith("sample_course.") and "Sturen en leidinggeven vanuit vertrouwen" in scenario.description)


def test_the_demo_shows_the_vu_course_session_by_session_with_an_entry_in_each():
    page = Participant("anna").page(vu_scenario()).content.decode()
    titles = [html.escape(ch["title"], quote=False) for ch in
              build.load_outline(build.HERE / "vu_sturen_vanuit_vertrouwen.yaml")["chapters"]]
    starts = [page.index(f"<h2>{title}</h2>") for title in titles]
    chapters = [page[start:end] for start, end in zip(starts, starts[1:] + [len(page)])]
    assert len(chapters) == 7
    for number, entry in enumerate(VU_COURSE_ENTRIES, start=1):
        assert entry["session"] == number
        first_step = next(iter(entry["reflection"].values()))
        assert first_step in chapters[number - 1], f"session {number}"
        # One structure per entry: the reflection's steps, not the entry's parts as well.
        assert "parts" not in entry
