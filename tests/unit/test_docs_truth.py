"""The front door tells the truth about the blocks (issue 21): every block the
package registers is listed in the README's block table as available, and no page
calls an existing block planned. The wheel's metadata carries the README to every
index it is published on."""
import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def registered_blocks():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    lines = config["options.entry_points"]["xblock.v1"].strip().splitlines()
    return {line.split("=", 1)[0].strip() for line in lines if "=" in line}


def pages():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_registered_block_is_in_the_readme_table_as_available():
    table = {m.group(1): m.group(2).strip()
             for m in re.finditer(r"^\|[^|]*\| `(leergang_[a-z_]+)` \|([^|]*)\|$", (ROOT / "README.md").read_text(),
                                  flags=re.MULTILINE)}
    blocks = registered_blocks()
    assert blocks and set(table) == blocks
    assert {name: status for name, status in table.items() if status != "available"} == {}


def test_no_page_calls_an_existing_block_planned():
    blocks = registered_blocks()
    found = []
    for page in pages():
        for number, line in enumerate(page.read_text().splitlines(), start=1):
            if re.search(r"\bplanned\b", line, flags=re.IGNORECASE) and any(b in line for b in blocks):
                found.append(f"{page.name}:{number}")
    assert found == []
