"""Where a case's grade lives, for every copy of the case tracker with the same key.

A course may place a copy of the tracker in every session (the VU course does: each
session's entry in that session) and score only one of them, the copy that carries
the diploma rule (`scored`). Staff record attendance in whichever copy they have
open, and participants write in any copy. The grade is the scored copy's: its
score in edx-submissions under that copy's usage id (core/scores.py). So the
scored copy says where it is (its item id, weight and rule) in a course-level log
of the case, and every copy sets the grade there after a change, not only the
scored copy itself (issue 22: attendance recorded in the session copies left the
grade as it was).

The scored copy registers itself when it computes a score and when it is shown;
a registration is one row, written again only when the copy, its weight or its
rule changed. The newest registration wins (the sample course builder allows one
scored copy per case key).
"""
from ..core import platform
from ..core.shared_log import SharedLog
from . import rule as rules
from .stores import case_base

LOG_TYPE = "leergang_case_carrier"
KEY = "carrier"


def _log(block):
    return SharedLog(platform.course_id(block), case_base(block.case_key) + "#carrier", LOG_TYPE)


def _registration(block):
    return {"item_id": platform.item_id(block), "item_type": block.scope_ids.block_type, "weight": block.weight,
            "rule": [block.attendance_required, block.require_assessment, block.require_presentation,
                     block.require_paper]}


def register(block):
    """The scored copy says where the case's grade lives (one read; a write only when it changed)."""
    if not block.has_score or block.weight <= 0:
        return
    data = _registration(block)
    newest = _log(block).newest(KEY, 1)
    if not newest or newest[0].data != data:
        _log(block).append(KEY, data)


def carrier(block):
    """Where this case's grade lives: {"item_id", "item_type", "weight", "rule": Rule}, or None
    when no copy with a score has said so."""
    if block.has_score and block.weight > 0:
        data = _registration(block)
    else:
        newest = _log(block).newest(KEY, 1)
        if not newest:
            return None
        data = newest[0].data
    if data.get("weight", 0) <= 0:
        return None
    return {**data, "rule": rules.Rule(*data["rule"])}
