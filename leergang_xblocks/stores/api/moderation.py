"""Flags and hide/unhide decisions, per block (see core/moderation.py for their meaning)."""
import hashlib

from django.db import IntegrityError, transaction

from ..models import Flag, ModerationDecision
from . import erasure

MAX_REASON = 1000


def scope_key(scope):
    """A scope (a team id, say) can be long: indexed by its hash."""
    return hashlib.sha256(str(scope).encode("utf-8")).hexdigest()[:24]


def add_flag(course_id, block_item, record_id, scope, flagged_by, reason=""):
    """Flag an item once per person: False when they flagged it already (the
    unique constraint decides, so a double click cannot flag twice)."""
    try:
        with transaction.atomic():
            Flag.objects.create(course_id=course_id, block_item=block_item, record_id=str(record_id),
                                scope=str(scope), flagged_by=flagged_by, reason=(reason or "")[:MAX_REASON])
        return True
    except IntegrityError:
        return False


def remove_flag(course_id, block_item, record_id, flagged_by):
    """Take back one person's flag on one item: False when they had none (so only
    the person who flagged can take their flag back; nobody else's is touched)."""
    deleted, _by_model = Flag.objects.filter(course_id=course_id, block_item=block_item, record_id=str(record_id),
                                             flagged_by=flagged_by).delete()
    return deleted > 0


_FLAG_FIELDS = ("record_id", "scope", "flagged_by", "reason", "flagged_at")
_DECISION_FIELDS = ("record_id", "scope", "hidden", "decided_by", "reason", "decided_at")


def flags_by(course_id, block_item, anonymous_id):
    return list(Flag.objects.filter(course_id=course_id, block_item=block_item, flagged_by=anonymous_id)
                .order_by("id").values_list(*_FLAG_FIELDS))


def flags(course_id, block_item):
    return list(Flag.objects.filter(course_id=course_id, block_item=block_item).order_by("id")
                .values_list(*_FLAG_FIELDS))


def clear_flags(course_id, block_item, anonymous_id):
    Flag.objects.filter(course_id=course_id, block_item=block_item, flagged_by=anonymous_id).delete()


def decide(course_id, block_item, record_id, scope, hidden, decided_by, reason=""):
    row = ModerationDecision.objects.create(
        course_id=course_id, block_item=block_item, scope_key=scope_key(scope), scope=str(scope),
        record_id=str(record_id), hidden=hidden, decided_by=decided_by, reason=(reason or "")[:MAX_REASON])
    return row.decided_at


def decisions_in(course_id, block_item, scope):
    """[(record id, hidden)] of one scope, oldest first (one indexed query)."""
    return list(ModerationDecision.objects.filter(course_id=course_id, block_item=block_item,
                                                  scope_key=scope_key(scope))
                .order_by("id").values_list("record_id", "hidden"))


def decisions_in_scopes(course_id, block_item, scopes):
    """{scope: [(record id, hidden)]} of a few scopes, each oldest first (one indexed query:
    a group's reads ask for their group's scope and the cohort's)."""
    by_key = {scope_key(scope): scope for scope in scopes}
    found = {scope: [] for scope in scopes}
    for key, record_id, hidden in (ModerationDecision.objects.filter(course_id=course_id, block_item=block_item,
                                                                     scope_key__in=list(by_key))
                                   .order_by("id").values_list("scope_key", "record_id", "hidden")):
        found[by_key[key]].append((record_id, hidden))
    return found


def decisions(course_id, block_item):
    return list(ModerationDecision.objects.filter(course_id=course_id, block_item=block_item).order_by("id")
                .values_list(*_DECISION_FIELDS))


@erasure.register
def erase(course_id, anonymous_id):
    """Their flags (and the reasons they wrote) are deleted. Decisions they took as
    staff stay, with `decided_by` emptied: removing them would show other
    learners again what was hidden from them."""
    Flag.objects.filter(course_id=course_id, flagged_by=anonymous_id).delete()
    ModerationDecision.objects.filter(course_id=course_id, decided_by=anonymous_id).update(decided_by="")


def delete_all():
    """Every row of the flags and decisions (the demo's "Reset state"; never called in the LMS)."""
    for model in (Flag, ModerationDecision):
        model.objects.all().delete()
