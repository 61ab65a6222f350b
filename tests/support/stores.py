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
