"""Erasure (AVG/GDPR article 17): every table of the package forgets a participant.

Each store registers a function `fn(course_id, anonymous_id)` that removes (or,
where removal would break other people's records, anonymises) its rows about
that participant:

    erasure.register(moderation_api.erase)
    erasure.erase_participant(course_id, anonymous_id)
    erasure.erase_user(user_id, username)   # every course the Participant table knows

Each api module registers its eraser when it is imported; the AppConfig's
ready() imports them all (see stores/retirement.py), which also connects the
platform's retirement signal to `erase_user`.
"""
import logging

from django.db import transaction

from . import participants

log = logging.getLogger(__name__)
_erasers = []


def register(fn):
    """Add an eraser (idempotent; usable as a decorator)."""
    if fn not in _erasers:
        _erasers.append(fn)
    return fn


def erasers():
    return list(_erasers)


def erase_participant(course_id, anonymous_id):
    """Run every eraser for one anonymous id, in one transaction, and forget the
    participant's names last: if an eraser fails, nothing is erased and the
    names still find the anonymous id for a second attempt."""
    if not anonymous_id:
        raise ValueError("erasure needs the participant's anonymous id")
    load_erasers()
    with transaction.atomic():
        for fn in list(_erasers):
            fn(str(course_id), anonymous_id)
        participants.erase(course_id, anonymous_id)


def erase_user(user_id, username=""):
    """Erase every anonymous id of an LMS user that the Participant table knows.
    Returns the (course id, anonymous id) pairs erased."""
    pairs = participants.anonymous_ids_of_user(user_id, username)
    for course_id, anonymous_id in pairs:
        erase_participant(course_id, anonymous_id)
    log.info("leergang: erased %s participant records of a retired user", len(pairs))
    return pairs


def load_erasers(blocks=True):
    """Every module registers its eraser when imported; a retirement in a process
    that never imported one must still reach its tables. The package's blocks too
    (found by their XBlock entry points, not imported by name: stores import no
    block): a block that counts records in a tally registers with
    artefacts.before_clear when its module is imported."""
    import importlib
    import pkgutil
    from importlib.metadata import entry_points

    from .. import api
    for module in pkgutil.iter_modules(api.__path__):
        importlib.import_module(f"{api.__name__}.{module.name}")
    if not blocks:
        return
    package = __name__.split(".", 1)[0] + "."
    for entry in entry_points(group="xblock.v1"):
        if entry.value.startswith(package):
            importlib.import_module(entry.module)
