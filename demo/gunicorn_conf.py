"""gunicorn for the demo with several workers.

Workers that have not built the workbench scenarios answer handler POSTs with
404, and building them in every worker at once races on a fresh database. So
the app is loaded once in the master, the scenarios are built there, and the
database connections are closed before the workers fork.
"""
preload_app = True
timeout = 120


def when_ready(server):
    from django.db import connections
    from workbench.scenarios import get_scenarios

    get_scenarios()
    for connection in connections.all():
        connection.close()
