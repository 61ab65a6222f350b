"""The runtime's floor: a block that does nothing, measured beside ours."""
from web_fragments.fragment import Fragment
from xblock.core import XBlock


class FloorBlock(XBlock):
    """A trivial block: its handler and its view do no work of their own."""

    @XBlock.json_handler
    def noop(self, data, suffix=""):
        return {}

    def student_view(self, context=None):
        return Fragment("<p>floor</p>")
