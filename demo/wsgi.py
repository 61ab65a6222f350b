"""WSGI entry for running the demo under gunicorn (as the LMS runs: several processes)."""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
