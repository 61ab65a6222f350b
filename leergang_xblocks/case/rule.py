"""The completion rule: diploma, certificate of participation, or not yet.

VU (seeds 001): a diploma for attending at least 5 of the 6 content sessions
and a final assignment completed with a sufficient result *and presented*;
otherwise a certificate of participation. Made general:

- attendance: at least `required` of the sessions that count were attended
  (as staff recorded it);
- the paper: submitted, and when `require_assessment` assessed sufficient;
- the presentation: given (recorded by staff) when `require_presentation`.

All met: **diploma**. Otherwise the diploma is out of reach once staff have
decided what it rests on: too few sessions without a recorded absence are left
to reach the attendance threshold, or the programme is over (its last session
has passed) and nothing waits for staff any more (every session that counts has
its attendance recorded, the paper is not waiting for its assessment, the
presentation was recorded). Before that: **not yet**, whatever the calendar
says, so nobody sees a status staff have not decided.

Out of reach, for someone who attended at least one session: status
`certificate`. The VU programme (001) says that in that case a certificate of
participation *can* be given: the programme decides, the tracker gives nothing.
The texts shown for this status say so ("no diploma; the programme can give a
certificate of participation"). Each missing part is listed so the participant
and staff can see what is still needed; a certificate also says why the
diploma is out of reach (`lost_by`), so the participant is told what no longer can
be met (attendance; or everything, once the programme is over) apart from what they
can still finish.
"""
from dataclasses import dataclass, field

DIPLOMA = "diploma"
CERTIFICATE = "certificate"
NOT_YET = "not_yet"

PAPER_MISSING = "missing"
PAPER_SUBMITTED = "submitted"          # waiting for an assessment
PAPER_SUFFICIENT = "sufficient"
PAPER_INSUFFICIENT = "insufficient"
LOST_ATTENDANCE = "attendance"
LOST_OVER = "over"

PAPER_STATES = (PAPER_MISSING, PAPER_SUBMITTED, PAPER_SUFFICIENT, PAPER_INSUFFICIENT)


@dataclass(frozen=True)
class Rule:
    required_attendance: int
    require_assessment: bool = True
    require_presentation: bool = True
    require_paper: bool = True


@dataclass(frozen=True)
class Outcome:
    status: str
    missing: list = field(default_factory=list)   # [{"code": ..., **params}]
    attended: int = 0
    required: int = 0
    # Why the diploma is out of reach (a certificate only): LOST_ATTENDANCE when too few
    # sessions are left, LOST_OVER when the programme's last session has passed.
    lost_by: str = ""
    sessions_left: int = 0

    @property
    def score(self):
        """What `has_score` publishes: 1 for the diploma, else 0."""
        return 1.0 if self.status == DIPLOMA else 0.0


def outcome(rule, attended, sessions_left, paper, presented, programme_over, presentation_recorded=True):
    """The result for one participant.

    `attended`: sessions that count and were attended; `sessions_left`: sessions
    that count and have no attendance recorded yet (past or future);
    `paper`: one of PAPER_STATES; `presented`: recorded by staff as given;
    `presentation_recorded`: staff recorded whether it was given (either way).
    """
    if paper not in PAPER_STATES:
        raise ValueError(f"unknown paper state {paper!r}")
    missing = []
    if attended < rule.required_attendance:
        missing.append({"code": "attendance", "needed": rule.required_attendance - attended,
                        "attended": attended, "required": rule.required_attendance})
    if rule.require_paper:
        if paper == PAPER_MISSING:
            missing.append({"code": "paper"})
        elif rule.require_assessment and paper == PAPER_SUBMITTED:
            missing.append({"code": "paper_assessment"})
        elif rule.require_assessment and paper == PAPER_INSUFFICIENT:
            missing.append({"code": "paper_insufficient"})
    if rule.require_presentation and not presented:
        missing.append({"code": "presentation"})
    if not missing:
        return Outcome(DIPLOMA, [], attended, rule.required_attendance, sessions_left=sessions_left)
    out_of_reach = attended + sessions_left < rule.required_attendance
    waiting_for_staff = (sessions_left > 0
                         or (rule.require_paper and rule.require_assessment and paper == PAPER_SUBMITTED)
                         or (rule.require_presentation and not presented and not presentation_recorded))
    decided = out_of_reach or (programme_over and not waiting_for_staff)
    if decided and attended > 0:
        return Outcome(CERTIFICATE, missing, attended, rule.required_attendance,
                       LOST_OVER if programme_over else LOST_ATTENDANCE, sessions_left)
    return Outcome(NOT_YET, missing, attended, rule.required_attendance, sessions_left=sessions_left)
