"""gunicorn for the demo with several workers.

Workers that have not built the workbench scenarios answer handler requests
with 404, and building them in every worker at once races on a fresh database.
So the app is loaded once in the master (`preload_app`): demo/wsgi.py builds
the scenarios there and closes the database connections before the workers fork.
"""
preload_app = True
timeout = 120
