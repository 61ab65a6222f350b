"""scripts/setup.sh picks the Python of the oldest supported platform line (the
`# python:` header of its pins file in .ci/pins/; 3.11, Debian 12's python3).
Without it: one clear message saying what to install, and nothing else done.
A .venv on another Python is made again rather than used."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("bash", "dirname", "cat", "sha256sum", "cut", "rm", "touch", "mkdir", "env", "sed", "sort", "head")
sys.path.insert(0, str(ROOT / "tools"))
import pins  # noqa: E402

OLDEST = pins.pins_files()[0]
WANTED = pins.read(OLDEST)[0]["python"]


def _python(version_ok):
    """A Python that is (or, with version_ok False, is not) the pins' Python."""
    candidates = (sys.executable, shutil.which("python3.12"), shutil.which("python3.11"), shutil.which("python3"),
                  os.path.expanduser("~/.pyenv/versions/3.11.7/bin/python3.11"))
    for path in filter(None, candidates):
        if not os.path.exists(path):
            continue
        out = subprocess.run([path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True)
        if out.returncode == 0 and (out.stdout.strip() == WANTED) == version_ok:
            return path
    return None


def _machine(tmp_path, python3):
    """A PATH with the basic tools and the given python3, nothing else."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_dir / tool)
    if python3:
        (bin_dir / "python3").write_text(f'#!/bin/sh\nexec "{python3}" "$@"\n')
        (bin_dir / "python3").chmod(0o755)
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    for name in ("setup.cfg", "pyproject.toml"):
        shutil.copy(ROOT / name, checkout / name)
    shutil.copytree(ROOT / ".ci" / "pins", checkout / ".ci" / "pins")
    for script in ("setup.sh", "python_of.sh"):
        shutil.copy(ROOT / "scripts" / script, checkout / "scripts" / script)
    return checkout, {"PATH": str(bin_dir), "HOME": str(tmp_path)}


def _run(checkout, env):
    return subprocess.run(["bash", str(checkout / "scripts" / "setup.sh")], env=env, capture_output=True,
                          text=True, timeout=60, executable=env["PATH"] + "/bash")


def test_the_demo_runs_on_the_python_of_the_oldest_platform_pins():
    assert WANTED == "3.11"  # what Debian 12's python3 is; the README promises it
    script = (ROOT / "scripts" / "setup.sh").read_text()
    assert '-r "$pins" -c "$pins"' in script  # the extras cannot move a pin


def test_setup_stops_with_one_clear_message_without_that_python(tmp_path):
    other = _python(version_ok=False)
    if other is None:
        other = tmp_path / "fake-python"
        other.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.9.2"; exit 0; fi\nexit 1\n')
        other.chmod(0o755)
    checkout, env = _machine(tmp_path, other)
    result = _run(checkout, env)
    assert result.returncode == 1
    assert f"run on Python {WANTED}" in result.stderr and OLDEST.name in result.stderr
    assert f"pyenv install {WANTED}" in result.stderr
    assert "command not found" not in result.stderr + result.stdout
    assert not (checkout / ".venv").exists()


def test_setup_says_so_without_any_python(tmp_path):
    checkout, env = _machine(tmp_path, None)
    result = _run(checkout, env)
    assert result.returncode == 1
    assert "no python3" in result.stderr and "command not found" not in result.stderr
    assert not (checkout / ".venv").exists()


def test_a_venv_on_another_python_is_made_again(tmp_path):
    checkout, env = _machine(tmp_path, None)
    stale = checkout / ".venv" / "bin"
    stale.mkdir(parents=True)
    (stale / "python").write_text("#!/bin/sh\nexit 1\n")  # answers as no Python of the pins would
    (stale / "python").chmod(0o755)
    result = _run(checkout, env)
    assert "making it again" in result.stdout
    assert not (checkout / ".venv").exists()  # removed; with no Python to make it anew, nothing else
    assert result.returncode == 1
