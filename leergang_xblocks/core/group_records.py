"""Records that only one group sees (updates, feedback, positions, introductions).

    records = GroupRecords(block, "introduction")
    records.append(identity, {"text": ...})          # into the writer's current group
    records.read(identity)                           # the asker's group's records
    records.read(identity, group_id="set:x:g2")      # another group: 403 unless staff

Who may read which group is decided in one place, `visible_group()`, so a
block cannot forget it: a participant reads only the group they are in now;
a mentor reads the groups staff assigned them to (and writes there, each
record stamped `author_role: "mentor"`); staff read any group of the block's
source; everyone else gets a 403 `not_your_group` (a crafted group id) or a
409 `no_group`.

Each record is the author's artefact: an edx-submissions submission, written
through ``submissions.api`` only, under the author's anonymous id and an item id
that names the block and the group. The package's own index
(stores/api/group_records.py) keeps, in the same transaction, the record's id
and a copy of it; reads come from there: a group's records in one indexed
query (bounded by the group, never by the course), where reading each author's
submissions took two more queries per author, on every write's answer too.

When staff move a participant to another group: the participant keeps their own
earlier records (`own()` and their data download return them), and from then
on reads and writes the new group's. The old group still sees what the
participant wrote while they were a member (it was written to that group), and
nothing they write afterwards.
"""
import hashlib
from dataclasses import dataclass

from django.db import transaction

from ..stores.api import group_records as index
from . import groups as groups_module
from . import platform
from .handlers import HandlerError

_ = lambda text: text  # noqa: E731  marks strings for extraction; translated at response time


@dataclass(frozen=True)
class GroupRecord:
    id: int
    author_id: str
    group_id: str
    submitted_at: object
    data: dict


def group_key(group_id):
    """Item ids have 255 characters; team ids can be long, so the group id is hashed."""
    return hashlib.sha256(group_id.encode("utf-8")).hexdigest()[:24]


class GroupRecords:
    """The records of one kind (`item_type`) of one block, per group."""

    _kept = None   # {group id: records} with `keep_reads` (see __init__)

    def __init__(self, block, item_type, source=None, keep_reads=False):
        self.block = block
        self.item_type = item_type
        self.course_id = platform.course_id(block)
        self.block_item = platform.item_id(block)
        self.source = source or groups_module.for_block(block)
        # keep_reads: for one write request (made in its participant step, used there and
        # then dropped). A group's records are read once; a later read in the request gets
        # them with what `append` added since, instead of the same query again. Nothing
        # else in the step changes them: the writer's own records go through `append`,
        # and another member's record written meanwhile shows on the next request.
        self._kept = {} if keep_reads else None

    def _item_id(self, group_id):
        # The kind is part of the id: edx-submissions keys a StudentItem by course,
        # student and item id only, so two kinds of a block's group records under one
        # id would share the first kind's row and the second kind would never be read.
        return f"{self.block_item}#group:{group_key(group_id)}:{self.item_type}"

    # --- The one authorization question ----------------------------------------------

    def visible_group(self, identity, group_id=None):
        """The group whose records `identity` may read (or write to).

        Participants: only the group they are in now. Mentors: the groups they
        mentor (the first by name when none is named and they are in no group
        themselves). Staff: any group of this block's source (their own, if they
        are in one, when none is named).
        """
        if not identity.is_authenticated:
            raise HandlerError(403, "not_authenticated", _("Please sign in first."))
        own = self.source.group_of(identity)
        if group_id and (own is None or own.id != group_id):
            if identity.is_staff:
                other = self.source.group_by_id(group_id)
                if other is None:
                    raise HandlerError(404, "no_such_group", _("There is no such group."))
                return other
            mentored = self.source.mentored_group(identity, group_id)
            if mentored is None:
                raise HandlerError(403, "not_your_group", _("You can only see the records of your own group."))
            return mentored
        if own is None:
            mentored = self.source.groups_mentored_by(identity)
            if mentored:
                return mentored[0]
            raise HandlerError(409, "no_group", _("You are not in a group yet."))
        return own

    def current_group(self, anonymous_id):
        """The group a participant reads now, decided by `visible_group()` as their own
        request would be (not staff: a read on their behalf), or None."""
        identity = platform.Identity(anonymous_id, None, "", False)
        try:
            return self.visible_group(identity)
        except HandlerError:
            return None

    def earlier_group_ids(self, anonymous_id, own=None, current=None):
        """The groups this participant wrote in and is no longer in, oldest first: where
        their own earlier work is (a regrouping moved them on). Read with `of_group`
        only to show them their own work and what was written to them. `current`: the
        group `visible_group()` gave this request, if the caller has it (saves a query)."""
        current = self.current_group(anonymous_id) if current is None else current
        own = self.own(anonymous_id) if own is None else own
        return [g for g in dict.fromkeys(r.group_id for r in own) if g and (current is None or g != current.id)]

    # --- Reads and writes ---------------------------------------------------------------

    def append(self, identity, data, group=None):
        """Add a record to the writer's current group, or to a group they mentor
        (never someone else's). The record says which: `author_role`."""
        group = group or self.visible_group(identity)
        if group.has(identity.anonymous_id):
            role = "member"
        elif group.has_mentor(identity.anonymous_id):
            role = "mentor"
        else:
            raise HandlerError(403, "not_your_group", _("You can only write to your own group."))
        stored = {**data, "group_id": group.id, "group_name": group.name, "author_role": role}
        item_id = self._item_id(group.id)
        # The submission and its index row commit together. Inside a write step (the
        # usual caller) that is the step's transaction: no savepoint of its own, which
        # would only cost two statements, since nothing between here and the step's end
        # catches an error from these writes and goes on.
        with transaction.atomic(savepoint=False):
            made = _submissions().create_submission(self._student_item(identity.anonymous_id, item_id), stored)
            record_id = index.add(self.course_id, item_id, self.item_type, identity.anonymous_id, made["uuid"],
                                  made["submitted_at"], stored)
        record = GroupRecord(record_id, identity.anonymous_id, group.id, made["submitted_at"], stored)
        if self._kept is not None and group.id in self._kept:
            self._kept[group.id].append(record)
        return record

    def _student_item(self, anonymous_id, item_id):
        return {"student_id": anonymous_id, "course_id": self.course_id, "item_id": item_id,
                "item_type": self.item_type}

    def read(self, identity, group_id=None):
        """The records of the group `identity` may see (see `visible_group`), oldest first."""
        group = self.visible_group(identity, group_id)
        return group, self.of_group(group)

    def of_group(self, group):
        """This group's records, oldest first: the copies kept with the index (one
        query; with `keep_reads`, once per request). Records marked deleted are out of the index."""
        if self._kept is not None and group.id in self._kept:
            return list(self._kept[group.id])
        rows = [GroupRecord(pk, author, group.id, submitted_at, data)
                for pk, author, submitted_at, data in index.of_item(self.course_id, self._item_id(group.id))]
        if self._kept is not None:
            self._kept[group.id] = list(rows)
        return rows

    @staticmethod
    def participant_store(course_id, block_item, item_type):
        """Something with `.clear(anonymous_id)` for core's clear_student_state."""
        return _ParticipantsGroupRecords(course_id, block_item, item_type)

    def own(self, anonymous_id):
        """Everything this participant wrote in this block, in every group they were in,
        oldest first (the copies: one query)."""
        return [GroupRecord(pk, anonymous_id, data.get("group_id", ""), submitted_at, data)
                for pk, _item, submitted_at, data in index.of_author(self.course_id, anonymous_id, self.item_type,
                                                                     f"{self.block_item}#group:")]


class _ParticipantsGroupRecords:
    def __init__(self, course_id, block_item, item_type):
        self.course_id, self.block_item, self.item_type = course_id, block_item, item_type

    def clear(self, anonymous_id):
        """Take this participant's records in every group of this block off every read,
        as the LMS's "Delete learner's state" does for edx-submissions: marked
        deleted through `submissions.api.reset_score(clear_state=True)` (no score
        signal: these are not graded items), and out of the group index."""
        for item_id in index.forget(self.course_id, anonymous_id, self.item_type, f"{self.block_item}#group:"):
            _submissions().reset_score(anonymous_id, self.course_id, item_id, clear_state=True, emit_signal=False)


def _submissions():
    from submissions import api  # noqa: PLC0415 - edx-submissions' models load after Django settings

    return api


def latest_per_author(records):
    """The newest record of each author, in the order they first wrote."""
    latest = {}
    for record in records:
        latest[record.author_id] = record
    return list(latest.values())
