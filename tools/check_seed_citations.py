"""Check that every seed citation in the sample course outlines is the seed's own words.

    python tools/check_seed_citations.py /path/to/seeds

The outlines cite their seed per session (`timetable.sessions[].cites`) and for the
award (`course.award.cites`); tests/unit/test_course_timetables.py compares the
timetable and the award with those words. The seeds themselves are not part of this
repository (they are other people's texts), so this check runs where they are: it
prints every citation that does not occur in any of the course's seeds (whitespace and
Markdown emphasis ignored) and exits with 1 when there is one.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sample_courses import build  # noqa: E402


def _plain(text):
    return " ".join(re.sub(r"[*#]", " ", text).split()).casefold()


def citations(outline):
    for session in outline["timetable"]["sessions"]:
        for key, words in session.get("cites", {}).items():
            yield f"session {session['number']} {key}", words
    for index, words in enumerate(outline["course"]["award"].get("cites", [])):
        yield f"award cites[{index}]", words


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    seeds_dir = Path(argv[1])
    wrong = 0
    for path in build.outline_paths():
        outline = build.load_outline(path)
        texts = [_plain((seeds_dir / name).read_text("utf-8")) for name in outline["course"]["seeds"]]
        for where, words in citations(outline):
            if not any(_plain(words) in text for text in texts):
                print(f"{path.name}: {where}: not in the seeds: {words!r}")
                wrong += 1
    print(f"{wrong} citation(s) not found" if wrong else "every citation is the seeds' own words")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
