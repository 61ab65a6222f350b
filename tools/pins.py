"""The platform pins in .ci/pins/: one file per Open edX platform line, each the
pins of every package in this package's dependency closure exactly as that
line's requirements/edx/base.txt pins them. The header names where they come
from (`# source:`, `# commit:`), the Python the line runs (`# python:`) and the
month of the pins (`# date:`), which orders the lines: the oldest one is the
floor of setup.cfg and the environment of the demo and the tests.

.ci/pins/reported/ holds lines whose base.txt could not be read here, only some
of its versions as reported elsewhere (`# reported:` names them; the other
lines are borrowed from a supported line). They are not supported lines: the
install check runs on them, and a floor is never above a reported version.

Standard library only: the scripts run it before any virtualenv exists.

    python3 tools/pins.py oldest|newest|all      path of that pins file (all: oldest first)
    python3 tools/pins.py reported               paths of the partly reported lines (.ci/pins/reported/)
    python3 tools/pins.py floors                 the floor of each package setup.cfg requires
    python3 tools/pins.py python FILE            the Python it runs, e.g. 3.11
    pip freeze | python tools/pins.py held FILE  lists pins the environment does not hold
    python3 tools/pins.py changed BEFORE AFTER   lists what differs between two
                                                 `pip freeze` outputs, leaving out this package
"""
import os
import re
import sys
from pathlib import Path

# PINS_DIR in the environment points elsewhere (to try the install check on other pins).
PINS_DIR = Path(os.environ.get("PINS_DIR") or Path(__file__).resolve().parents[1] / ".ci" / "pins")
THIS_PACKAGE = "leergang-xblocks"
HEADER_FIELDS = ("source", "commit", "python", "date")


def normalise(name):
    """PEP 503: pip freeze says `PyYAML`, base.txt says `pyyaml`, both are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read(path):
    """(header, pins): the `# field: value` lines, and {normalised name: version}."""
    header, pins = {}, {}
    for line in Path(path).read_text("utf-8").splitlines():
        field = re.match(r"#\s*(\w+):\s*(.+)$", line)
        if field:
            header.setdefault(field.group(1), field.group(2).strip())
            continue
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==", 1)
            pins[normalise(name.split("[", 1)[0])] = version.strip()
    return header, pins


def pins_files(directory=PINS_DIR):
    """The pins files, oldest platform line first."""
    return sorted(Path(directory).glob("*.txt"), key=lambda path: (read(path)[0].get("date", ""), path.name))


def reported_files(directory=None):
    """The partly reported lines, oldest first."""
    directory = Path(directory) if directory else PINS_DIR / "reported"
    return pins_files(directory) if directory.is_dir() else []


def floors(supported=None, reported=None):
    """{package: floor}: the oldest supported line's pins, lowered to any version a
    reported line names for that package (`# reported:`), so that installing on
    that line moves none of them."""
    supported = pins_files() if supported is None else supported
    reported = reported_files() if reported is None else reported
    result = dict(read(supported[0])[1])
    for path in reported:
        header, pinned = read(path)
        for name in header.get("reported", "").split():
            name = normalise(name)
            if name in result and _version_key(pinned[name]) < _version_key(result[name]):
                result[name] = pinned[name]
    return result


def _version_key(version):
    """Plain release numbers (5.2.10 > 5.2.7), which is all the pins here use."""
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.+]", version))


def freeze_versions(lines):
    """{normalised name: version or the whole line} from `pip freeze` output."""
    versions = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name = re.split(r"\s*(?:==|@)\s*", line, maxsplit=1)[0]
        versions[normalise(name)] = line.split("==", 1)[1] if "==" in line else line
    return versions


def not_held(pins, freeze_lines):
    """Sentences for each pin the environment lacks or holds at another version."""
    held = freeze_versions(freeze_lines)
    return [f"{name}: pinned {version}, installed {held.get(name, 'nothing')}"
            for name, version in sorted(pins.items()) if held.get(name) != version]


def changed(before_lines, after_lines, ignore=THIS_PACKAGE):
    """Sentences for every package added, removed or moved, except `ignore`."""
    before, after = freeze_versions(before_lines), freeze_versions(after_lines)
    lines = []
    for name in sorted(set(before) | set(after)):
        if name == normalise(ignore) or before.get(name) == after.get(name):
            continue
        lines.append(f"{name}: {before.get(name, 'not installed')} -> {after.get(name, 'removed')}")
    return lines


def main(argv):
    command, args = argv[0], argv[1:]
    if command in ("oldest", "newest", "all"):
        files = pins_files()
        print("\n".join(map(str, {"oldest": files[:1], "newest": files[-1:], "all": files}[command])))
    elif command == "reported":
        print("\n".join(map(str, reported_files())))
    elif command == "floors":
        print("\n".join(f"{name}>={version}" for name, version in sorted(floors().items())))
    elif command == "python":
        print(read(args[0])[0]["python"])
    elif command == "held":
        problems = not_held(read(args[0])[1], sys.stdin.read().splitlines())
        print("\n".join(problems))
        return 1 if problems else 0
    elif command == "changed":
        problems = changed(*(Path(p).read_text("utf-8").splitlines() for p in args[:2]))
        print("\n".join(problems))
        return 1 if problems else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
