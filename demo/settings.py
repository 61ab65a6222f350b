"""Workbench settings for the demo and the tests.

Starts from the stock xblock-sdk settings and fixes what breaks on Django 5.2:
`djpyfs` is dropped, `submissions` is added, the database and log live in
`var/`, and the language follows the browser or `?lang=nl|en`.
"""
import json
import os

from workbench.settings import *  # noqa: F401,F403  pylint: disable=wildcard-import,unused-wildcard-import
from workbench.settings import INSTALLED_APPS, LOGGING, MIDDLEWARE, TEMPLATES, WORKBENCH

HERE = os.path.dirname(os.path.abspath(__file__))
VAR_DIR = os.environ.get("LEERGANG_VAR_DIR", os.path.join(os.path.dirname(HERE), "var"))
os.makedirs(VAR_DIR, exist_ok=True)

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "djpyfs"] + ["submissions", "leergang_xblocks.stores.apps.LeergangStoresConfig", "demo.apps.DemoConfig"]

if "WORKBENCH_DATABASES" in os.environ:
    DATABASES = json.loads(os.environ["WORKBENCH_DATABASES"])
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("LEERGANG_SQLITE", os.path.join(VAR_DIR, "workbench.db")),
            # Several requests at once must wait for the write lock, not fail:
            # IMMEDIATE takes the lock when a transaction starts, because SQLite
            # cannot wait for it when a reading transaction later wants to write.
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
        }
    }

# Participants' files (the case tracker's papers) go through Django's default storage,
# as in the LMS; here a folder beside the database.
MEDIA_ROOT = os.path.join(VAR_DIR, "media")

LOGGING["handlers"]["logfile"]["filename"] = os.path.join(VAR_DIR, "workbench.log")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
LANGUAGE_COOKIE_NAME = "django_language"
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
                  "django.middleware.locale.LocaleMiddleware")
MIDDLEWARE.append("demo.middleware.LanguageFromQueryMiddleware")

TEMPLATES[0]["DIRS"] = [os.path.join(HERE, "templates")] + TEMPLATES[0]["DIRS"]
TEMPLATES[0].setdefault("OPTIONS", {}).setdefault("context_processors", []).extend(
    ["demo.platform_paths.template_context", "demo.scenario_titles.template_context"])

# Hide the sdk's sample blocks, except the two containers our scenarios use.
EXCLUDED_XBLOCKS = {
    "allscopes_demo", "attempts_scoreboard_demo", "equality_demo", "filethumbs", "helloworld_demo",
    "problem_demo", "sidebar_demo", "slider_demo", "textinput_demo", "thumbs", "view_counter_demo",
    "poll", "survey", "debugchild", "sequence_demo", "vertical_demo", "html_demo",
}

WORKBENCH["services"].update({
    "user": "demo.services.DemoUserService",
    "i18n": "demo.services.DemoI18nService",
})

ROOT_URLCONF = "demo.urls"

# The stock settings log every SQL statement at DEBUG; keep the log readable.
LOGGING["loggers"]["django"]["level"] = "INFO"
LOGGING["loggers"]["django.db.backends"] = {"level": "WARNING", "handlers": ["logfile"], "propagate": False}

if "mysql" in DATABASES["default"]["ENGINE"]:
    import demo.mysql  # noqa: F401,E402  PyMySQL stands in for mysqlclient
