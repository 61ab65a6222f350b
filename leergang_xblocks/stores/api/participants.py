"""Names of participants, in our own table (``Participant``, annotated ``.. pii:``).

    note(course_id, anonymous_id, username, full_name, user_id)   # when they act
    names(course_id, anonymous_ids=None)   # {anonymous id: (username, full name)}

Refreshed from the platform's `user` service when a participant acts: a write
only when something changed, so a participant's request costs one indexed read.
"""
from ..models import Participant

CHUNK = 500


def note(course_id, anonymous_id, username="", full_name="", user_id=None):
    """Record or refresh who `anonymous_id` is. Empty values never overwrite known ones
    (a staff paste knows a username, not always a full name)."""
    if not anonymous_id:
        return
    username, full_name = (username or "")[:150], (full_name or "")[:255]
    row = (Participant.objects.filter(course_id=course_id, anonymous_id=anonymous_id)
           .values("pk", "username", "full_name", "user_id").first())
    if row is None:
        # One statement (INSERT OR IGNORE / INSERT IGNORE), not a savepoint around an
        # insert: a first write's cost. When the participant's other request made the
        # row first, that request noted the same person; nothing is lost.
        Participant.objects.bulk_create([Participant(course_id=course_id, anonymous_id=anonymous_id,
                                                     username=username, full_name=full_name, user_id=user_id)],
                                        ignore_conflicts=True)
        return
    changes = {field: value for field, value in (("username", username), ("full_name", full_name),
                                                 ("user_id", user_id))
               if value and row[field] != value}
    if changes:
        Participant.objects.filter(pk=row["pk"]).update(**changes)


def note_many(course_id, people):
    """{anonymous id: (username, full name)} from a staff paste: rows made or refreshed."""
    for anonymous_id, (username, full_name) in people.items():
        note(course_id, anonymous_id, username, full_name)


def names(course_id, anonymous_ids=None):
    """{anonymous id: (username, full name)}: of the given ids (a group: one query),
    or of everyone the course knows (staff views: one query, streamed)."""
    rows = Participant.objects.filter(course_id=course_id)
    if anonymous_ids is None:
        return {aid: (u, n) for aid, u, n in rows.values_list("anonymous_id", "username", "full_name")
                .iterator(chunk_size=2000)}
    ids = sorted(set(anonymous_ids))
    if len(ids) > 4 * CHUNK:  # most of a course: one streamed query beats many IN lists
        wanted = set(ids)
        return {aid: pair for aid, pair in names(course_id).items() if aid in wanted}
    found = {}
    for start in range(0, len(ids), CHUNK):
        found.update({aid: (u, n) for aid, u, n in rows.filter(anonymous_id__in=ids[start:start + CHUNK])
                      .values_list("anonymous_id", "username", "full_name")})
    return found


def of(course_id, anonymous_id):
    """{"username", "full_name", "user_id"} of one participant, or None (their own-data download)."""
    return (Participant.objects.filter(course_id=course_id, anonymous_id=anonymous_id)
            .values("username", "full_name", "user_id").first())


def anonymous_ids_of_user(user_id, username=""):
    """[(course id, anonymous id)] of an LMS user: by user id, and by username for
    rows that never learned the user id (a name a staff paste gave)."""
    rows = Participant.objects.filter(user_id=user_id) if user_id is not None else Participant.objects.none()
    found = set(rows.values_list("course_id", "anonymous_id"))
    if username:
        found |= set(Participant.objects.filter(username=username, user_id__isnull=True)
                     .values_list("course_id", "anonymous_id"))
    return sorted(found)


def erase(course_id, anonymous_id):
    Participant.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()


def delete_all():
    """Every row of the names (the demo's "Reset state"; never called in the LMS)."""
    for model in (Participant,):
        model.objects.all().delete()
