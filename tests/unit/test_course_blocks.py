"""The one course walk (core/course_blocks.py) both course-wide blocks use: course
order, only containers and leergang blocks loaded, the caller and skipped kinds left
out, a block the runtime withholds (None) left out."""
from types import SimpleNamespace

from leergang_xblocks.core.course_blocks import leergang_blocks_of_course


class Reader:
    """XBlock's IdReader as the walk uses it: the type is the part before the colon."""

    def get_definition_id(self, usage_id):
        return usage_id

    def get_block_type(self, definition_id):
        return definition_id.split(":")[0]


class Tree:
    def __init__(self, outline, hidden=()):
        self.parent_of, self.children_of, self.loaded, self.hidden = {}, {}, [], set(hidden)
        self.runtime = SimpleNamespace(id_reader=Reader())
        self._add(None, outline)

    def _add(self, parent, node):
        usage, kids = node if isinstance(node, tuple) else (node, [])
        self.parent_of[usage] = parent
        self.children_of[usage] = [k[0] if isinstance(k, tuple) else k for k in kids]
        for kid in kids:
            self._add(usage, kid)

    def block(self, usage):
        tree = self

        class Block:
            scope_ids = SimpleNamespace(usage_id=usage)
            runtime = tree.runtime
            children = tree.children_of[usage]
            has_children = bool(children) or usage.split(":")[0] in ("course", "chapter", "vertical")

            def get_parent(self):
                parent = tree.parent_of[usage]
                return tree.block(parent) if parent else None

            def get_child(self, child_id):
                tree.loaded.append(child_id)
                return None if child_id in tree.hidden else tree.block(child_id)

        return Block()


OUTLINE = ("course:c", [
    ("chapter:1", [
        ("vertical:1a", ["html:intro", "leergang_case:personal", "problem:quiz", "leergang_my_programme:me"]),
        ("vertical:1b", ["leergang_feedback_round:r1", "video:v"]),
    ]),
    ("chapter:2", [
        ("vertical:staff", ["leergang_programme:overview", "leergang_case:team"]),
        ("vertical:2a", ["leergang_dialogue:d1"]),
    ]),
])


def usages(blocks):
    return [b.scope_ids.usage_id for b in blocks]


def test_the_walk_finds_leergang_blocks_in_course_order_but_the_caller():
    tree = Tree(OUTLINE)
    me = tree.block("leergang_my_programme:me")
    assert usages(leergang_blocks_of_course(me)) == [
        "leergang_case:personal", "leergang_feedback_round:r1", "leergang_programme:overview",
        "leergang_case:team", "leergang_dialogue:d1"]


def test_the_walk_never_loads_leaves_of_other_kinds_nor_skipped_kinds():
    tree = Tree(OUTLINE)
    me = tree.block("leergang_my_programme:me")
    found = leergang_blocks_of_course(me, skip_types=("leergang_programme",))
    assert "leergang_programme:overview" not in usages(found)
    loaded_types = {u.split(":")[0] for u in tree.loaded}
    assert loaded_types <= {"chapter", "vertical", "leergang_case", "leergang_feedback_round", "leergang_dialogue"}
    assert "leergang_my_programme:me" not in tree.loaded


def test_a_unit_the_runtime_withholds_is_left_out_with_its_blocks():
    tree = Tree(OUTLINE, hidden={"vertical:staff"})
    me = tree.block("leergang_my_programme:me")
    assert usages(leergang_blocks_of_course(me)) == [
        "leergang_case:personal", "leergang_feedback_round:r1", "leergang_dialogue:d1"]
