"""The stores app's tables match its migrations, and the package keeps off
edx-submissions' internals (issue 19)."""
import io
import re
from pathlib import Path

from django.core.management import call_command

import leergang_xblocks

# The package as Python finds it: the source tree in the suite, the installed
# wheel in the install check (which runs these tests from a copy of tests/).
PACKAGE = Path(leergang_xblocks.__file__).resolve().parent

# Its models, or its tables by name (a whole word: "submissions_score_set_handler",
# the LMS's receiver named in a comment, is no table).
INTERNALS = re.compile(r"submissions\.models|from submissions import models|"
                       r"\bsubmissions_(studentitem|submission|score|scoresummary|scoreannotation|"
                       r"teamsubmission|submissionfile)\b")


def test_the_migrations_describe_every_model_of_the_stores_app():
    out = io.StringIO()
    call_command("makemigrations", "leergang_stores", "--check", "--dry-run", stdout=out, stderr=out)


def test_no_package_module_uses_edx_submissions_models_or_tables():
    """edx-submissions only through submissions.api: no module reads its models or
    names its tables."""
    using = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if INTERNALS.search(path.read_text(encoding="utf-8"))}
    assert not using, sorted(using)


def test_the_check_finds_a_module_that_would_use_them():
    """The pattern the check relies on matches the ways a module would reach in."""
    for line in ("from submissions.models import Submission", "from submissions import models",
                 "SELECT * FROM submissions_submission", "JOIN submissions_studentitem"):
        assert INTERNALS.search(line), line
    assert not INTERNALS.search("the LMS's submissions_score_set_handler")
