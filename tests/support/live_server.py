"""A running demo workbench for browser and load tests: its own SQLite file
(or the database given in `env`), on a free loopback port, warmed up."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoServer:
    """`python -m django runserver` with the demo settings, or gunicorn when `workers` is set."""

    def __init__(self, workers=None, env=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.var_dir = tempfile.mkdtemp(prefix="leergang-live-")
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "demo.settings",
                    "LEERGANG_VAR_DIR": self.var_dir,
                    "LEERGANG_SQLITE": os.path.join(self.var_dir, "live.db"),
                    "PYTHONPATH": str(ROOT), **(env or {})}
        self.workers = workers
        self.root = ROOT
        self.process = None
        self.log = open(os.path.join(self.var_dir, "server.log"), "w")

    def migrate(self):
        def django(*args):
            subprocess.run([sys.executable, "-m", "django", *args, "--verbosity", "0"],
                           env=self.env, cwd=ROOT, check=True)
        if "mysql" in self.env.get("WORKBENCH_DATABASES", ""):
            # edx-submissions 4.0.2's migration 0006 converts uuid columns for
            # databases made before Django 5; on a new MariaDB database they are
            # already uuid and it fails on a column that does not exist. Skip it.
            django("migrate", "submissions", "0005_submissionfile")
            django("migrate", "submissions", "0006_mariadb_uuid_conversion", "--fake")
        django("migrate", "--run-syncdb")

    def start(self, timeout=120, warm_up=True):
        """Start and wait until it answers. With `warm_up=False` no page is
        loaded: only a URL that builds no scenario is polled, so the first
        handler request a test sends is the first one any worker sees."""
        self.migrate()
        if self.workers:
            command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "demo" / "gunicorn_conf.py"),
                       "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
                       "--no-control-socket", "demo.wsgi:application"]
        else:
            command = [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"demo server exited; see {self.log.name}")
            try:
                # The first request builds every scenario; later ones are fast.
                with urllib.request.urlopen(self.url + ("/" if warm_up else "/jsi18n/"), timeout=timeout) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"demo server did not start in {timeout}s; see {self.log.name}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        # The database and log go with the server; LEERGANG_KEEP_TEMP=1 keeps them to look into.
        if os.environ.get("LEERGANG_KEEP_TEMP") != "1":
            shutil.rmtree(self.var_dir, ignore_errors=True)
