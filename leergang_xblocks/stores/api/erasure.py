"""Erasure of one participant (AVG article 17): the registry every api module adds to.

    from leergang_xblocks.stores.api import erasure
    erasure.register(my_eraser)                  # fn(course_id, anonymous_id)
    erasure.erase_participant(course_id, anonymous_id)

Each eraser removes or anonymises everything its tables (and the participant's
edx-submissions rows it wrote) hold about that participant in that course.
The retirement receiver calls `erase_participant` for every course of the
retired learner.
"""
_erasers = []


def register(fn):
    """Add an eraser `fn(course_id, anonymous_id)`; returns fn (usable as a decorator)."""
    if fn not in _erasers:
        _erasers.append(fn)
    return fn


def erasers():
    return list(_erasers)


def erase_participant(course_id, anonymous_id):
    """Run every registered eraser for this participant in this course."""
    if not anonymous_id:
        raise ValueError("erasure needs the participant's anonymous id")
    _import_every_api_module()
    for fn in list(_erasers):
        fn(str(course_id), anonymous_id)


def _import_every_api_module():
    """Every module registers its eraser when imported; a retirement in a process
    that never imported one must still reach its tables."""
    import importlib
    import pkgutil

    from .. import api
    for module in pkgutil.iter_modules(api.__path__):
        importlib.import_module(f"{api.__name__}.{module.name}")
