"""The front door and the reader pages tell the truth about the blocks (issue 21).

- Every block the package registers is listed in the README's block table as
  available (the wheel's metadata carries the README to every index it is
  published on), and no page calls an existing block planned.
- Every handler of every block (found by introspection, not by reading the
  source) is documented exactly once for its block in docs/developers.md's API
  part, and no handler is documented that the block does not have.
- Every link between the README and the pages under docs/ reaches a page and a
  heading that exist, so a reader gets from the README to any feature in two clicks.
"""
import configparser
import re
from collections import Counter
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEVELOPERS = ROOT / "docs" / "developers.md"
READER_PAGES = ("admins.md", "authors.md", "staff.md", "developers.md")


def registered_blocks():
    """{entry-point name: "module:Class"} of the package's XBlocks."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    lines = config["options.entry_points"]["xblock.v1"].strip().splitlines()
    return dict((part.strip() for part in line.split("=", 1)) for line in lines if "=" in line)


def pages():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def handlers_of(target):
    module, name = target.split(":")
    block_class = getattr(import_module(module), name)
    return {attr for attr in dir(block_class)
            if getattr(getattr(block_class, attr, None), "_is_xblock_handler", False)}


# --- The block table --------------------------------------------------------------------------

def test_every_registered_block_is_in_the_readme_table_as_available():
    table = {m.group(1): m.group(2).strip()
             for m in re.finditer(r"^\|[^|]*\| `(leergang_[a-z_]+)` \|([^|]*)\|$", (ROOT / "README.md").read_text(),
                                  flags=re.MULTILINE)}
    blocks = set(registered_blocks())
    assert blocks and set(table) == blocks
    assert {name: status for name, status in table.items() if status != "available"} == {}


def test_the_wheel_describes_itself_with_the_readme():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    assert config["metadata"]["long_description"].strip() == "file: README.md"


PLANNED = re.compile(r"\b(planned|later|to come|not built)\b", flags=re.IGNORECASE)


def planned_mentions(paths, blocks):
    """page:line of every line that names an existing block and says it is still to come."""
    return [f"{path.name}:{number}" for path in paths
            for number, line in enumerate(path.read_text().splitlines(), start=1)
            if PLANNED.search(line) and any(block in line for block in blocks)]


def test_no_page_calls_an_existing_block_planned():
    assert planned_mentions(pages(), set(registered_blocks())) == []


def test_the_planned_check_sees_a_planned_block(tmp_path):
    page = tmp_path / "README.md"
    page.write_text("| Case tracker | `leergang_case` | planned |\nadd `leergang_groups` (and later `leergang_case`)\n"
                    "| Trust scan | `leergang_trust_scan` | available |\n")
    assert planned_mentions([page], set(registered_blocks())) == ["README.md:1", "README.md:2"]


# --- The handler API --------------------------------------------------------------------------

def api_part():
    """docs/developers.md from "## JSON handler API" to the next second-level heading."""
    text = DEVELOPERS.read_text()
    start = text.index("\n## JSON handler API\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def api_sections(part):
    """{heading: body} of the API part's third-level sections."""
    chunks = re.split(r"^### (.+)$", part, flags=re.MULTILINE)
    return {chunks[i].strip(): chunks[i + 1] for i in range(1, len(chunks), 2)}


def anchor(heading):
    """GitHub's anchor of a heading: lower case, punctuation but - and _ dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def handler_rows(body):
    """The handler names of a section's tables, in order, with repeats."""
    return re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.MULTILINE)


def documented_handlers(sections, block):
    """The rows of the block's own section plus those of the shared sections it links to."""
    own = next((body for heading, body in sections.items() if heading == f"`{block}`"), None)
    assert own is not None, f"docs/developers.md has no section ### `{block}` in its API part"
    by_anchor = {anchor(heading): body for heading, body in sections.items()}
    shared = [by_anchor[a] for a in re.findall(r"\]\(#([\w\-]+)\)", own) if a in by_anchor]
    return handler_rows(own) + [name for body in shared for name in handler_rows(body)]


def test_every_handler_of_every_block_is_documented_exactly_once():
    sections = api_sections(api_part())
    problems = {}
    for block, target in registered_blocks().items():
        rows = Counter(documented_handlers(sections, block))
        actual = handlers_of(target)
        undocumented = actual - set(rows)
        twice = {name for name, count in rows.items() if count > 1}
        absent = set(rows) - actual
        if undocumented or twice or absent:
            problems[block] = {"undocumented": sorted(undocumented), "documented twice": sorted(twice),
                               "documented but not a handler": sorted(absent)}
    assert problems == {}


def test_the_handler_check_sees_a_missing_and_a_doubled_row():
    part = ("\n## JSON handler API\n\n### Shared\n\n| `a` | GET |\n\n### `leergang_x`\n\n"
            "Also: [shared](#shared).\n\n| `a` | GET |\n| `b` | POST |\n")
    rows = Counter(documented_handlers(api_sections(part), "leergang_x"))
    assert rows == {"a": 2, "b": 1}


def test_introspection_finds_the_handlers():
    found = handlers_of(registered_blocks()["leergang_trust_scan"])
    assert {"submit", "save_draft", "submit_studio_edits", "remove_participant_data"} <= found
    assert "student_view" not in found


# --- Links ------------------------------------------------------------------------------------

def headings_of(page):
    text = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.MULTILINE | re.DOTALL)
    return {anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}


def test_every_link_between_the_pages_reaches_a_page_and_a_heading():
    broken = []
    for page in pages():
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text()):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, fragment = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif fragment and linked.suffix == ".md" and fragment not in headings_of(linked):
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []


def test_the_readme_leads_to_every_reader_page_and_every_reader_page_to_its_topics():
    readme = (ROOT / "README.md").read_text()
    for name in READER_PAGES:
        assert f"(docs/{name})" in readme, name
    linked_from_readers = set()
    for name in READER_PAGES:
        linked_from_readers |= set(re.findall(r"\]\(([\w\-]+\.md)", (ROOT / "docs" / name).read_text()))
    topics = {p.name for p in (ROOT / "docs").glob("*.md")} - set(READER_PAGES)
    assert topics - linked_from_readers == set()


def test_the_readme_stays_a_front_door():
    assert len((ROOT / "README.md").read_text().splitlines()) <= 120
