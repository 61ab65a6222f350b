"""The leergang blocks of the course a programme overview is placed in, by kind.

The walk itself is core/course_blocks.py (shared with "Mijn leergang"): it reads
each child's type from its usage id and loads only containers and leergang blocks.
Other programme overviews are never loaded. The cost is the course's outline (a few
hundred containers), never its participants, and it is paid only by staff views.
"""
from dataclasses import dataclass, field

from ..core.course_blocks import leergang_blocks_of_course

OWN_TYPE = "leergang_programme"


@dataclass
class CourseBlocks:
    """The leergang blocks of one course, each kind in course order."""

    cases: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    dialogues: list = field(default_factory=list)
    scans: list = field(default_factory=list)
    groups: list = field(default_factory=list)

    KINDS = {"leergang_case": "cases", "leergang_feedback_round": "rounds", "leergang_dialogue": "dialogues",
             "leergang_trust_scan": "scans", "leergang_groups": "groups"}

    def add(self, block):
        name = self.KINDS.get(block.scope_ids.block_type)
        if name:
            getattr(self, name).append(block)

    def all(self):
        return [*self.groups, *self.cases, *self.rounds, *self.dialogues, *self.scans]

    def group_block(self):
        """The first block that works in groups: its group set (or teamset) is the programme's."""
        return next((b for b in (*self.groups, *self.cases, *self.rounds, *self.dialogues)
                     if hasattr(b, "group_source")), None)


def find_course_blocks(block):
    """Every leergang block of `block`'s course but programme overviews, in course order."""
    found = CourseBlocks()
    for other in leergang_blocks_of_course(block, skip_types=(OWN_TYPE,)):
        found.add(other)
    return found
