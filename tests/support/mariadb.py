"""A private MariaDB server for one test module (scripts/mariadb.sh), removed
afterwards: its data folder is about 117 MB, and a temp dir is not a bin."""
import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = str(ROOT / "scripts" / "mariadb.sh")


def mariadb_available():
    return bool(shutil.which("mariadbd") or os.path.exists("/usr/sbin/mariadbd"))


def require_mariadb():
    """Skip a test without MariaDB; under CI=true a missing server is a failure."""
    import pytest

    if not mariadb_available():
        message = "MariaDB (mariadbd) is not installed: apt-get install mariadb-server"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def private_mariadb(database="leergang"):
    """Start a server on a free loopback port; yield Django's DATABASES for it;
    stop it and delete its folder, whatever happened in between."""
    data_dir = tempfile.mkdtemp(prefix="leergang-mariadb-")
    try:
        port = subprocess.run(["bash", SCRIPT, "start", data_dir], check=True, capture_output=True,
                              text=True, timeout=180).stdout.strip()
        subprocess.run(["mariadb", "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1", "-P", port, "-u", "root",
                        "-e", f"CREATE DATABASE {database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"],
                       check=True)
        yield {"default": {"ENGINE": "django.db.backends.mysql", "NAME": database, "USER": "root",
                           "HOST": "127.0.0.1", "PORT": int(port), "CONN_MAX_AGE": 60,
                           "OPTIONS": {"charset": "utf8mb4"}},
               "_data_dir": data_dir}
    finally:
        subprocess.run(["bash", SCRIPT, "stop", data_dir], timeout=120)
        shutil.rmtree(data_dir, ignore_errors=True)
