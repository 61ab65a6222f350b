"""The index of group records: which submission (a participant's artefact, in
edx-submissions) is a record of which group, with the record id blocks use.

core/group_records.py writes the records through ``submissions.api``; this table
keeps record ids stable integers and holds a copy of each record, written in the
same transaction, from which a group's read (one indexed query) and staff views
of every group at once are served. A record leaves the copies when its
submission is marked deleted (`forget`, `erase`), so both always agree.
"""
from django.db.models import Case, DateTimeField, F, When
from django.db.models.fields.json import KT, KeyTransform

from ..models import GroupRecordRef
from . import erasure, prepared, stored_files


def add(course_id, item_id, item_type, author_id, submission_uuid, submitted_at, data):
    """Index one record (with the staff views' copy of it); returns its id. One insert,
    composed once per process (stores/api/prepared.py), as a group's read below."""
    return prepared.insert(GroupRecordRef, returning_id=True, course_id=course_id, item_id=item_id,
                           item_type=item_type, author_id=author_id, submission_uuid=submission_uuid,
                           submitted_at=submitted_at, data=data)["id"]


_OF_ITEM = prepared.Read(lambda course_id, item_id: GroupRecordRef.objects.filter(course_id=course_id, item_id=item_id)
                         .order_by("submitted_at", "id").values_list("id", "author_id", "submitted_at", "data"),
                         "course_id", "item_id")


def of_item(course_id, item_id):
    """[(id, author id, submitted at, data)] of one group's records, oldest first, from
    the copies (one query)."""
    return _OF_ITEM.rows(course_id=course_id, item_id=item_id)


def of_author(course_id, author_id, item_type, item_prefix):
    """[(id, item id, submitted at, data)] of one author's records under a block's item
    ids, oldest first, from the copies (one query)."""
    return list(GroupRecordRef.objects.filter(course_id=course_id, author_id=author_id, item_type=item_type,
                                              item_id__startswith=item_prefix)
                .order_by("submitted_at", "id").values_list("id", "item_id", "submitted_at", "data"))


def of_block(course_id, item_type, item_prefix):
    """(id, author id, submitted at, data) of every record of a block's kind, oldest
    first, from the copies (staff views): one streamed query."""
    return (GroupRecordRef.objects.filter(course_id=course_id, item_type=item_type, item_id__startswith=item_prefix)
            .order_by("submitted_at", "id").values_list("id", "author_id", "submitted_at", "data")
            .iterator(chunk_size=2000))


def parts_of_block(course_id, item_type, item_prefix, text_keys=(), value_keys=(), times_of_kinds=None):
    """(id, author id, submitted at, data) of every record of a block's kind, oldest first,
    as `of_block`, with `data` holding only the named top-level keys, picked out by the
    database: the rest (a feedback's texts) is neither sent nor decoded (the programme
    overview reads a round's progress, not what was written). `text_keys`: string values
    (as text on every backend); `value_keys`: numbers, booleans, null (through the JSON
    decoder, so SQLite and MySQL give the same Python values). A missing key is None.
    With `times_of_kinds`, only records whose `kind` is one of them carry their time
    (the others None): a time converted for each of 50,000 records was a sixth of the
    programme overview at 10,000 participants, and a round's progress reads the time of
    an update only."""
    names = {f"part_{n}": key for n, key in enumerate((*text_keys, *value_keys))}
    parts = {name: (KT(f"data__{key}") if key in text_keys else KeyTransform(key, "data"))
             for name, key in names.items()}
    at = "submitted_at"
    if times_of_kinds is not None:
        parts["kept_at"] = Case(When(data__kind__in=list(times_of_kinds), then=F("submitted_at")), default=None,
                                output_field=DateTimeField())
        at = "kept_at"
    rows = (GroupRecordRef.objects.filter(course_id=course_id, item_type=item_type, item_id__startswith=item_prefix)
            .annotate(**parts).order_by("submitted_at", "id")
            .values_list("id", "author_id", at, *[name for name in parts if name != "kept_at"]))
    for record_id, author, at, *values in rows.iterator(chunk_size=2000):
        yield record_id, author, at, dict(zip(names.values(), values))


def wrote_in(course_id, old_group_of, group_id_prefix):
    """Which of these participants ({anonymous id: the group id they are leaving})
    wrote a record in that group, in any block of the course (staff, before a
    regrouping): a query per 500 participants on the author index."""
    people = sorted(old_group_of)
    found = set()
    for start in range(0, len(people), 500):
        rows = (GroupRecordRef.objects.filter(course_id=course_id, author_id__in=people[start:start + 500],
                                              data__group_id__startswith=group_id_prefix)
                .values_list("author_id", "data__group_id").distinct())
        found.update(author for author, group_id in rows if old_group_of.get(author) == group_id)
    return found


def forget(course_id, author_id, item_type, item_prefix):
    """Remove one author's index rows under a block's item ids (their records were
    marked deleted in edx-submissions). Returns the item ids they were under."""
    rows = GroupRecordRef.objects.filter(course_id=course_id, author_id=author_id, item_type=item_type,
                                         item_id__startswith=item_prefix)
    items = sorted(set(rows.values_list("item_id", flat=True)))
    stored_files.delete_after_commit(stored_files.paths_in(rows.values_list("data", flat=True)))
    rows.delete()
    return items


@erasure.register
def erase(course_id, anonymous_id):
    """Forget the author's records: every submission they wrote as a group record
    is marked deleted through ``submissions.api`` (its only way to take a
    submission off every read; edx-submissions keeps the row, as it does for the
    LMS's own "delete learner state"), and their index rows are removed."""
    from submissions import api as submissions_api  # noqa: PLC0415 - loads after Django settings

    rows = GroupRecordRef.objects.filter(course_id=course_id, author_id=anonymous_id)
    for item_id in sorted(set(rows.values_list("item_id", flat=True))):
        submissions_api.reset_score(anonymous_id, course_id, item_id, clear_state=True, emit_signal=False)
    stored_files.delete_after_commit(stored_files.paths_in(rows.values_list("data", flat=True)))
    rows.delete()


def delete_all():
    """Every row of the group records' index and copies (the demo's "Reset state"; never called in the LMS)."""
    for model in (GroupRecordRef,):
        model.objects.all().delete()
