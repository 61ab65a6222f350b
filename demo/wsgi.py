"""WSGI entry for running the demo under gunicorn (as the LMS runs: several processes).

The workbench builds its scenarios lazily, per process, on the first page
request, and its handler URLs answer 404 in a process that has not: so they are
built here, when the application loads. Under demo/gunicorn_conf.py
(`preload_app`) that happens once in the master, before the workers fork.
"""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

import demo.urls  # noqa: E402,F401  the demo runtime of each platform path (demo/platform_paths.py)
from django.db import connections  # noqa: E402
from workbench.scenarios import get_scenarios  # noqa: E402

get_scenarios()
# Forked workers must not share the master's database connections.
for connection in connections.all():
    connection.close()
