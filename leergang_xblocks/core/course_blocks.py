"""The leergang blocks of a block's course, found by the block itself.

A course-wide block ("Mijn leergang", my_programme/; the programme overview,
programme/) needs no configuration to know the course's other leergang blocks: it
walks up to the root of its course (`get_parent`, the XBlock API every runtime
offers) and down through `children` with `get_child()`, in course order.

The block type is read from the usage id without loading the block
(`runtime.id_reader`, XBlock's `IdReader`; the LMS's `OpaqueKeyReader` takes it from
the key), so leaves of other kinds (problems, videos, texts) are never loaded; only
containers and our own blocks are. What the platform does on each load (read in
openedx/edx-platform at 017f8469de4504178361547a3f409f3842c7007f,
xmodule/x_module.py `DescriptorSystem.get_block`): the LMS's runtime loads the block
from the modulestore and binds it to the requesting user, so a child this user may not
see (a unit visible to staff only) comes back as None and is left out: a participant's
walk finds the blocks their course shows them.

Cost: one block load per container and per leergang block of the course, whatever
the number of participants; no record of anyone is read here.
"""
PREFIX = "leergang_"
# Blocks that hold other blocks in a course (the LMS's outline and its content
# groups) and the workbench's page; any other kind of block is a leaf here.
CONTAINERS = frozenset({"course", "chapter", "sequential", "vertical", "library_content", "itembank",
                        "split_test", "conditional", "vertical_demo", "sidebar_demo"})
MAX_BLOCKS = 5000  # a course larger than this is not a programme; stop rather than load it all


def block_type_of(runtime, usage_id):
    """The block type behind a usage id, read from the id (no block is loaded)."""
    try:
        return runtime.id_reader.get_block_type(runtime.id_reader.get_definition_id(usage_id))
    except Exception:  # noqa: BLE001 - an id this runtime cannot read is nothing of ours
        return getattr(usage_id, "block_type", None)


def course_root(block):
    """The top of `block`'s course (the course block in the LMS, the scenario in the workbench)."""
    root = block
    seen = 0
    while seen < 100:  # a course is a few levels deep; a cycle in a broken runtime stops here
        parent = root.get_parent()
        if parent is None:
            return root
        root, seen = parent, seen + 1
    return root


def leergang_blocks_of_course(block, skip_types=()):
    """Every leergang block of `block`'s course other than `block` itself and other
    than blocks of `skip_types` (never loaded), in course order (depth first, as the
    course outline lists them)."""
    found = []
    me = block.scope_ids.usage_id
    runtime = block.runtime
    skip = frozenset(skip_types)
    stack, loaded = [course_root(block)], 0
    while stack and loaded < MAX_BLOCKS:
        here = stack.pop()
        children = list(getattr(here, "children", None) or ()) if getattr(here, "has_children", False) else []
        kids = []
        for child_id in children:
            kind = block_type_of(runtime, child_id) or ""
            if child_id == me or kind in skip or not (kind in CONTAINERS or kind.startswith(PREFIX)):
                continue
            child = here.get_child(child_id)
            loaded += 1
            if child is None:  # the LMS gives None for a block the user may not see
                continue
            if kind in CONTAINERS:
                kids.append(child)
            else:
                found.append(child)
        stack.extend(reversed(kids))
    return found
