"""The app's configuration, found by the platform through its plugin entry points.

edx-platform reads the ``lms.djangoapp`` and ``cms.djangoapp`` entry points with
edx-django-utils' plugin support (``edx_django_utils.plugins``) and adds every
AppConfig that has a ``plugin_app`` attribute to INSTALLED_APPS; without that
attribute the app would silently not be installed. Studio needs the app too:
its preview renders the blocks, which read these tables. The demo and the tests
list the app in INSTALLED_APPS themselves.
"""
from django.apps import AppConfig


class LeergangStoresConfig(AppConfig):
    name = "leergang_xblocks.stores"
    label = "leergang_stores"
    verbose_name = "Leergang XBlocks"
    default_auto_field = "django.db.models.BigAutoField"
    # No URLs and no settings of our own: an empty dict is enough for the plugin
    # loader to install the app.
    plugin_app = {}

    def ready(self):
        # Erasure on retirement: the platform's USER_RETIRE_LMS_MISC signal (see retirement.py).
        from . import retirement  # noqa: PLC0415 - models are ready only now

        retirement.connect()
