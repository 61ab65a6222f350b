"""A participant's private working state: versioned rows in our own table.

The newest version is the state. `write` adds version n + 1; the unique
constraint refuses a second writer of the same version (VersionConflict), so
of two writers who saw the same version exactly one wins even without the
caller's lock. Callers still check inside the participant's step.
"""
from django.db import IntegrityError, transaction

from ..data import Record
from ..errors import VersionConflict
from ..models import PrivateStateVersion
from . import erasure, prepared


def _rows(course_id, item_id, anonymous_id):
    return PrivateStateVersion.objects.filter(course_id=course_id, anonymous_id=anonymous_id, item_id=item_id)


_NEWEST = prepared.Read(lambda course_id, item_id, anonymous_id: _rows(course_id, item_id, anonymous_id)
                       .order_by("-version").values_list("version", "written_at", "data")[:1],
                       "course_id", "item_id", "anonymous_id")


def newest(course_id, item_id, anonymous_id):
    """The newest version as a Record (attempt = version), or None. One indexed query
    (composed once per process: stores/api/prepared.py)."""
    found = _NEWEST.rows(course_id=course_id, item_id=item_id, anonymous_id=anonymous_id)
    return Record(anonymous_id, *found[0]) if found else None


def history(course_id, item_id, anonymous_id):
    """Every version, oldest first."""
    return [Record(anonymous_id, version, at, data) for version, at, data in
            _rows(course_id, item_id, anonymous_id).order_by("version").values_list("version", "written_at", "data")]


def write(course_id, item_id, item_type, anonymous_id, data, version):
    """Store `data` as version `version`; VersionConflict when it exists already."""
    try:
        with transaction.atomic():
            row = PrivateStateVersion.objects.create(course_id=course_id, item_id=item_id, item_type=item_type,
                                                     anonymous_id=anonymous_id, version=version, data=data)
    except IntegrityError as exc:
        raise VersionConflict(f"version {version} exists") from exc
    return Record(anonymous_id, row.version, row.written_at, data)


def clear(course_id, item_id, anonymous_id):
    _rows(course_id, item_id, anonymous_id).delete()


@erasure.register
def erase_participant(course_id, anonymous_id):
    """Remove every private state of this participant in this course."""
    PrivateStateVersion.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()


def delete_all():
    """The demo's "Reset state"; never called in the LMS."""
    PrivateStateVersion.objects.all().delete()
