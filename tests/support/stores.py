"""A read-only look at the stores app's rows about one participant (tests only:
blocks and core go through stores.api)."""
from leergang_xblocks.stores.models import (Flag, GroupMembership, GroupPlacement, GroupRecordRef, MentorAssignment,
                                            Participant, RosterEntry)


def stores_state(anonymous_id):
    """Everything the group side of the stores app keeps about one anonymous id."""
    return {
        "participant": sorted(Participant.objects.filter(anonymous_id=anonymous_id)
                              .values_list("course_id", "username", "full_name")),
        "roster": sorted(RosterEntry.objects.filter(anonymous_id=anonymous_id).values_list("course_id", "set_name")),
        "membership": sorted(GroupMembership.objects.filter(anonymous_id=anonymous_id)
                             .values_list("course_id", "set_name", "group_key")),
        "placements": sorted(GroupPlacement.objects.filter(anonymous_id=anonymous_id)
                             .values_list("course_id", "set_name", "version", "group_key")),
        "records": sorted(GroupRecordRef.objects.filter(author_id=anonymous_id)
                          .values_list("course_id", "item_id", "id")),
        "mentoring": sorted(MentorAssignment.objects.filter(anonymous_id=anonymous_id)
                            .values_list("course_id", "source_key", "group_id")),
        "flags": sorted(Flag.objects.filter(flagged_by=anonymous_id)
                        .values_list("course_id", "block_item", "record_id", "reason")),
    }


def submissions_of(anonymous_id):
    """Every edx-submissions record of one anonymous id (item, type, answer), in a fixed order."""
    from submissions.models import Submission  # noqa: PLC0415 - its models load after Django settings

    return sorted(Submission.objects.filter(student_item__student_id=anonymous_id)
                  .values_list("student_item__item_id", "student_item__item_type", "answer"), key=repr)


def participant_state(student_id):
    """A contract's `state` for a block whose stored truth is the participant's
    submissions and their rows in the stores app."""
    from leergang_xblocks.core import platform  # noqa: PLC0415

    anonymous_id = platform.workbench_anonymous_id(student_id)
    return submissions_of(anonymous_id), stores_state(anonymous_id)
