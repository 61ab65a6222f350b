"""scripts/setup.sh on a machine without the Python the demo needs (Debian 12
ships 3.11): one clear message saying what to install, and nothing else done."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("bash", "dirname", "cat", "sha256sum", "cut", "rm", "touch", "mkdir", "env")


def _python311():
    for candidate in ("python3.11", os.path.expanduser("~/.pyenv/versions/3.11.7/bin/python3.11")):
        path = shutil.which(candidate) or (candidate if os.path.exists(candidate) else None)
        if path and subprocess.run([path, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 11))"]).returncode == 0:
            return os.path.realpath(path) if "shims" not in path else path
    return sys.executable  # at worst a newer one; the test below then checks nothing is pretended


def _machine_without_312(tmp_path, python3):
    """A PATH with the basic tools and a python3 that is 3.11, nothing else."""
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
    shutil.copy(ROOT / "scripts" / "setup.sh", checkout / "scripts" / "setup.sh")
    return checkout, {"PATH": str(bin_dir), "HOME": str(tmp_path)}


def _run(checkout, env):
    return subprocess.run(["bash", str(checkout / "scripts" / "setup.sh")], env=env, capture_output=True,
                          text=True, timeout=60, executable=env["PATH"] + "/bash")


def test_setup_stops_with_one_clear_message_without_python_312(tmp_path):
    python3 = _python311()
    checkout, env = _machine_without_312(tmp_path, python3)
    result = _run(checkout, env)
    assert result.returncode == 1
    assert "need Python 3.12 or newer" in result.stderr and "Python 3.11" in result.stderr
    assert "pyenv install 3.12" in result.stderr
    assert "command not found" not in result.stderr + result.stdout
    assert not (checkout / ".venv").exists()


def test_setup_says_so_without_any_python(tmp_path):
    checkout, env = _machine_without_312(tmp_path, None)
    result = _run(checkout, env)
    assert result.returncode == 1
    assert "no python3" in result.stderr and "command not found" not in result.stderr
    assert not (checkout / ".venv").exists()
