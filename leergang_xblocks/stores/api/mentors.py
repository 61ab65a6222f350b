"""Mentors: who follows which group of a group source ("set:<name>" or "teamset:<id>").

A staff save replaces the source's assignment if it is still at the version the
staff member saw (under the source's lock); a mentor's request reads their own
rows (one indexed query), never the course.
"""
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import MentorAssignment, MentorSet, Participant
from . import erasure
from .groups import VersionConflict
from .locks import held


def lock_scope(source_key):
    return f"mentors:{source_key}"


def latest(course_id, source_key):
    """{"version", "by_group": {group id: [anonymous ids]}} (two queries, sized by the
    number of mentor assignments, not by the course)."""
    version = (MentorSet.objects.filter(course_id=course_id, source_key=source_key)
               .values_list("version", flat=True).first()) or 0
    by_group = {}
    for group_id, aid in (MentorAssignment.objects.filter(course_id=course_id, source_key=source_key)
                          .order_by("group_id", "anonymous_id").values_list("group_id", "anonymous_id")):
        by_group.setdefault(group_id, []).append(aid)
    return {"version": version, "by_group": by_group}


def of_group(course_id, source_key, group_id):
    """[(anonymous id, full name or "")] of one group's mentors, in id order as `latest`
    lists them, names joined in: one query on the group's own rows (a member's view needs
    no other group's mentors, nor the version)."""
    full_name = Participant.objects.filter(course_id=OuterRef("course_id"), anonymous_id=OuterRef("anonymous_id"))
    rows = (MentorAssignment.objects.filter(course_id=course_id, source_key=source_key, group_id=group_id)
            .annotate(full_name=Subquery(full_name.values("full_name")[:1]))
            .order_by("anonymous_id").values_list("anonymous_id", "full_name"))
    return [(aid, name or "") for aid, name in rows]


def groups_of(course_id, source_key, anonymous_id):
    """The group ids this person mentors now (one indexed query)."""
    return sorted(MentorAssignment.objects.filter(course_id=course_id, source_key=source_key,
                                                  anonymous_id=anonymous_id).values_list("group_id", flat=True))


def save(course_id, source_key, expected_version, by_group, saved_by):
    """Replace the assignment ({group id: [anonymous ids]}); VersionConflict when the
    source is no longer at `expected_version`. Returns the new version."""
    wanted = {(gid, aid) for gid, aids in by_group.items() for aid in set(aids)}
    with held(course_id, lock_scope(source_key)):
        head = MentorSet.objects.filter(course_id=course_id, source_key=source_key).first()
        current = head.version if head else 0
        if current != expected_version:
            raise VersionConflict(current)
        if head is None:
            try:
                with transaction.atomic():
                    head = MentorSet.objects.create(course_id=course_id, source_key=source_key, version=0)
            except IntegrityError as exc:
                raise VersionConflict(latest(course_id, source_key)["version"]) from exc
        rows = MentorAssignment.objects.filter(course_id=course_id, source_key=source_key)
        have = set(rows.values_list("group_id", "anonymous_id"))
        for gid, aid in have - wanted:
            rows.filter(group_id=gid, anonymous_id=aid).delete()
        MentorAssignment.objects.bulk_create(
            [MentorAssignment(course_id=course_id, source_key=source_key, group_id=gid, anonymous_id=aid)
             for gid, aid in sorted(wanted - have)])
        MentorSet.objects.filter(pk=head.pk).update(version=current + 1, saved_by=saved_by or "",
                                                    saved_at=timezone.now())
    return current + 1


@erasure.register
def erase(course_id, anonymous_id):
    """A retired mentor follows no group any more; a staff member who saved an
    assignment is no longer named as its author."""
    MentorAssignment.objects.filter(course_id=course_id, anonymous_id=anonymous_id).delete()
    MentorSet.objects.filter(course_id=course_id, saved_by=anonymous_id).update(saved_by="")


def delete_all():
    """Every row of the mentor assignments (the demo's "Reset state"; never called in the LMS)."""
    for model in (MentorSet, MentorAssignment):
        model.objects.all().delete()
