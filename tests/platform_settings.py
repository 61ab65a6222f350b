"""Django settings for the tests that run on the platform's pins (Python 3.11,
the newest pins in .ci/pins/) without the xblock-sdk workbench:
just what the blocks use from Django (templates, cache, edx-submissions' tables)."""
import os

SECRET_KEY = "leergang-platform-tests"
USE_TZ = True
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "submissions",
                  "leergang_xblocks.stores.apps.LeergangStoresConfig"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["LEERGANG_SQLITE"]}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
