"""Finding the other leergang blocks of the course this block is placed in.

No setting names them: the block walks the course's tree through XBlock's public
API, up with `get_parent()` to the root, then down through `children` with
`get_child()`. What the platform does on each call (read in openedx/edx-platform at
017f8469de4504178361547a3f409f3842c7007f, xmodule/x_module.py
`DescriptorSystem.get_block`): the LMS's runtime loads the block from the
modulestore and binds it to the requesting user (`get_module`), exactly as for the
blocks of the page being shown; Studio's and the workbench's runtimes load it from
their own store (xblock/runtime.py `Runtime.get_block`). The block type is read from
the usage id without loading the block (`runtime.id_reader`, XBlock's `IdReader`:
the LMS's `OpaqueKeyReader` takes it from the key), so leaves of other kinds
(problems, videos, texts) are never loaded; only containers and our own blocks are.

The cost is the course's outline (a few hundred containers), never its participants,
and it is paid only by this staff view: no other block calls this.
"""
from dataclasses import dataclass, field

PREFIX = "leergang_"
OWN_TYPE = "leergang_programme"
# Blocks that hold other blocks in a course (the LMS's outline and its content
# groups) and the workbench's page; any other kind of block is a leaf here.
CONTAINERS = frozenset({"course", "chapter", "sequential", "vertical", "library_content", "itembank",
                        "split_test", "conditional", "vertical_demo", "sidebar_demo"})
MAX_BLOCKS = 5000  # a course larger than this is not a programme; stop rather than load it all


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


def block_type_of(runtime, usage_id):
    """The block type behind a usage id, read from the id (no block is loaded)."""
    try:
        return runtime.id_reader.get_block_type(runtime.id_reader.get_definition_id(usage_id))
    except Exception:  # noqa: BLE001 - an id this runtime cannot read is nothing of ours
        return getattr(usage_id, "block_type", None)


def course_root(block):
    """The topmost block above `block` (the course in the LMS, the page in the workbench)."""
    root, seen = block, 0
    while seen < 20:
        parent = root.get_parent()
        if parent is None:
            return root
        root, seen = parent, seen + 1
    return root


def find_course_blocks(block):
    """Every leergang block of `block`'s course but programme overviews, in course order."""
    found = CourseBlocks()
    runtime = block.runtime
    stack, loaded = [course_root(block)], 0
    while stack and loaded < MAX_BLOCKS:
        here = stack.pop()
        children = list(getattr(here, "children", None) or ()) if getattr(here, "has_children", False) else []
        kids = []
        for child_id in children:
            kind = block_type_of(runtime, child_id)
            if kind == OWN_TYPE or not (kind in CONTAINERS or (kind or "").startswith(PREFIX)):
                continue
            child = here.get_child(child_id)
            loaded += 1
            if child is None:  # the LMS gives None for a block the user may not see
                continue
            if kind in CONTAINERS:
                kids.append(child)
            else:
                found.add(child)
        stack.extend(reversed(kids))
    return found
