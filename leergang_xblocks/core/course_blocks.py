"""The leergang blocks of a block's course, found by the block itself.

A course-wide block ("Mijn leergang", my_programme/) needs no configuration to
know the course's other leergang blocks: it walks up to the root of its course
(`get_parent`, the XBlock API every runtime offers) and down through every
container (`get_children`), in course order. The runtime loads each block as
the current user sees it: in the LMS, `get_children` leaves out what this user
may not see (a unit visible to staff only), so a participant's walk finds the
blocks their course shows them.

Cost: one block load per container and per block of the course, whatever the
number of participants; no record of anyone is read here.
"""
from .blocks import LeergangBlockMixin


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


def leergang_blocks_of_course(block):
    """Every leergang block of `block`'s course other than `block` itself, in course
    order (depth first, as the course outline lists them)."""
    found = []
    me = block.scope_ids.usage_id
    stack = [course_root(block)]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        if isinstance(current, LeergangBlockMixin) and current.scope_ids.usage_id != me:
            found.append(current)
        if getattr(current, "has_children", False):
            stack.extend(reversed(current.get_children()))
    return found
