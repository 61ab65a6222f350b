"""How far a paper's assessment is, as staff overviews say it: the case tracker's
overview (case/staff.py) and the programme overview (programme/views.py).

A paper is "to assess" until its verdict is in. Where the case has a second reader,
that says too little: one of two readers may be in already, or both are in and differ
and a third reader must decide (case/paper_assessment.py). The row carries
`readers_in` (how many of the two readers assessed the newest version; None without a
second reader) and the label says it.
"""
from ..core.i18n import _
from . import rule as rules

READERS = 2
LABELS = {rules.PAPER_MISSING: _("missing"), rules.PAPER_SUBMITTED: _("to assess"),
          rules.PAPER_SUFFICIENT: _("sufficient"), rules.PAPER_INSUFFICIENT: _("insufficient")}
READERS_IN = _("to assess: %(done)s of %(readers)s readers")
READERS_DIFFER = _("to decide: the two readers differ")


def readers_in(view, second_reader):
    """How many readers assessed the newest paper version while it awaits its verdict;
    None when the case has no second reader or the paper is not awaiting one."""
    if not second_reader or view.paper_status != rules.PAPER_SUBMITTED:
        return None
    return len(view.paper_readings())


class Texts:
    """The labels translated once per overview (a translation per row costs seconds)."""

    def __init__(self, translate):
        self.states = {key: translate(text) for key, text in LABELS.items()}
        self.readers_in = translate(READERS_IN)
        self.differ = translate(READERS_DIFFER)

    def label(self, status, done=None):
        if status == rules.PAPER_SUBMITTED and done is not None:
            if done >= READERS:
                return self.differ
            return self.readers_in % {"done": done, "readers": READERS}
        return self.states.get(status, "")
