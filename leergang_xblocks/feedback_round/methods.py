"""The feedback-round methods as groups practise them: steps in order, who has the
turn in each, and the roles a group of its size takes. Pure; the block localises.

Incident method (intervisie)
    follow-up of last time's actions; the case-bringer's short incident (one
    concrete moment, told up to where a decision had to be made); information
    questions (facts only); each says what they would do; the case-bringer
    chooses and explains (and tells what they did); lessons; actions.
Action-learning set ("airtime")
    follow-up; then every member has airtime in turn: presents, the others ask
    clarifying and then deeper questions (no advice dressed up as a question),
    the presenter sums up and names their actions. Everyone brings something,
    so there is no single case-bringer; the facilitator keeps the order.
Free
    follow-up; each member's update; conversation; actions.

Roles (rotating)
----------------
A method lists "places" for a group of its size; a place is one or more roles held
by one member. A trio doing the incident method has three places (case-bringer;
facilitator who also keeps time; note-taker), never four separate roles, and a pair
two; an airtime set has no case-bringer. Members are ordered by a hash of the group
and the member (stable over the rounds of a programme, as before), and in round r
the member at position p takes place j when (p - r + 1) mod n == j: over any n
consecutive rounds each member takes each place once.
"""
from dataclasses import dataclass

from ..core.i18n import _
from . import rules

CASE_BRINGER, FACILITATOR, TIMEKEEPER, NOTE_TAKER = "case_bringer", "facilitator", "timekeeper", "note_taker"
# Who has the turn in a step.
TURN_EVERYONE, TURN_BRINGER, TURN_OTHERS, TURN_PRESENTER = "everyone", "case_bringer", "others", "presenter"


@dataclass(frozen=True)
class Step:
    key: str
    minutes: int
    turn: str


@dataclass(frozen=True)
class Method:
    key: str
    opening: tuple
    per_presenter: tuple = ()     # repeated for every member in turn (airtime)
    closing: tuple = ()
    places: tuple = ()            # ((min group size, (place, ...)), ...), largest first

    def slots(self, size):
        """The places for a group of `size`: each a tuple of roles one member holds."""
        for least, places in self.places:
            if size >= least:
                return places
        return ()

    def steps_in_order(self):
        return self.opening + self.per_presenter + self.closing + (() if self.per_presenter else (ACTIONS,))


FOLLOW_UP = Step("follow_up", 10, TURN_EVERYONE)
ACTIONS = Step("actions", 5, TURN_EVERYONE)

INCIDENT = Method(
    rules.METHOD_INCIDENT,
    opening=(FOLLOW_UP, Step("incident", 5, TURN_BRINGER), Step("information_questions", 10, TURN_OTHERS),
             Step("what_would_you_do", 10, TURN_OTHERS), Step("choice", 5, TURN_BRINGER),
             Step("lessons", 10, TURN_EVERYONE)),
    places=((4, ((CASE_BRINGER,), (FACILITATOR,), (TIMEKEEPER,), (NOTE_TAKER,))),
            (3, ((CASE_BRINGER,), (FACILITATOR, TIMEKEEPER), (NOTE_TAKER,))),
            (2, ((CASE_BRINGER,), (FACILITATOR,))),
            (1, ((CASE_BRINGER,),))),
)
AIRTIME = Method(
    rules.METHOD_AIRTIME,
    opening=(FOLLOW_UP,),
    per_presenter=(Step("present", 3, TURN_PRESENTER), Step("clarifying_questions", 4, TURN_OTHERS),
                   Step("deeper_questions", 6, TURN_OTHERS), Step("summary", 2, TURN_PRESENTER),
                   Step("own_actions", 2, TURN_PRESENTER)),
    closing=(Step("review", 5, TURN_EVERYONE),),
    places=((4, ((FACILITATOR,), (TIMEKEEPER,), (NOTE_TAKER,))),
            (3, ((FACILITATOR, TIMEKEEPER), (NOTE_TAKER,))),
            (2, ((FACILITATOR,),))),
)
FREE = Method(
    rules.METHOD_FREE,
    opening=(FOLLOW_UP, Step("updates", 15, TURN_EVERYONE), Step("conversation", 15, TURN_EVERYONE)),
    places=((3, ((FACILITATOR,), (NOTE_TAKER,))), (2, ((FACILITATOR,),))),
)
METHODS = {m.key: m for m in (AIRTIME, INCIDENT, FREE)}
METHOD_KEYS = tuple(METHODS)

# (title, what happens) per step, and role names; the block translates them.
STEP_TEXTS = {
    "follow_up": (_("Follow up last time's actions"),
                  _("Each says briefly what became of the actions agreed last time; the others ask how it went.")),
    "incident": (_("The incident"),
                 _("The case-bringer describes one concrete moment from their own work, and stops where they had "
                   "to decide what to do: not yet what they did.")),
    "information_questions": (_("Information questions"),
                              _("In turn, the others ask about facts only, to understand the situation. No opinions "
                                "or advice yet.")),
    "what_would_you_do": (_("What would you do?"),
                          _("Each says what they would do in the case-bringer's place, and why, in a few sentences. "
                            "The case-bringer listens and does not react yet.")),
    "choice": (_("The case-bringer chooses"),
               _("The case-bringer says which approach fits them best and why, and what they actually did.")),
    "lessons": (_("Lessons"),
                _("Each names what they take from this for their own work; the case-bringer speaks last.")),
    "present": (_("Airtime: presenting"),
                _("The presenter says where their case stands and what they want from the group.")),
    "clarifying_questions": (_("Clarifying questions"),
                             _("The others ask about facts, to understand the situation.")),
    "deeper_questions": (_("Deeper questions"),
                         _("The others ask questions that help the presenter look at their own part and options; "
                           "no advice dressed up as a question.")),
    "summary": (_("The presenter sums up"),
                _("The presenter says what they heard and what they will do with it.")),
    "own_actions": (_("The presenter's actions"),
                    _("The presenter names their next actions, each with a date; the note-taker writes them down.")),
    "review": (_("Looking back on the round"),
               _("How did we question each other? What do we do differently next time?")),
    "updates": (_("Updates"), _("Each says where their case stands since last time.")),
    "conversation": (_("Conversation"), _("Talk about what the updates bring up.")),
    "actions": (_("Agree actions"),
                _("Each names one or two actions for the coming weeks, each with the date it is due.")),
}
ROLE_TEXTS = {
    CASE_BRINGER: _("case-bringer"), FACILITATOR: _("facilitator"),
    TIMEKEEPER: _("timekeeper"), NOTE_TAKER: _("note-taker"),
}


def method_of(key):
    return METHODS.get(key, FREE)


def order(member_ids, group_id):
    """The group's members in their fixed, non-alphabetical order."""
    return rules.ring(member_ids, "roles", group_id)


def roles_for_round(method_key, member_ids, round_number, group_id):
    """{anonymous id: [role, ...]} for round `round_number` (1 = the first round)."""
    members = order(member_ids, group_id)
    result = {aid: [] for aid in members}
    n = len(members)
    for j, place in enumerate(method_of(method_key).slots(n)):
        result[members[(j + round_number - 1) % n]].extend(place)
    return result


def plan(method_key, member_ids, roles, with_actions, group_id="", round_number=1):
    """The round's steps in order: {"key", "minutes", "turn": [ids], "presenter": id or None}.
    Airtime repeats its presenter steps for every member, starting with a different
    member each round."""
    method = method_of(method_key)
    members = order(member_ids, group_id)
    bringer = next((aid for aid, held in roles.items() if CASE_BRINGER in held), None)

    def turn(step, presenter=None):
        focus = presenter or bringer
        if step.turn in (TURN_BRINGER, TURN_PRESENTER):
            return [focus] if focus else []
        if step.turn == TURN_OTHERS:
            return [aid for aid in members if aid != focus]
        return list(members)

    steps = [{"key": s.key, "minutes": s.minutes, "turn": turn(s), "presenter": None} for s in method.opening]
    if method.per_presenter and members:
        start = (round_number - 1) % len(members)
        for presenter in members[start:] + members[:start]:
            steps += [{"key": s.key, "minutes": s.minutes, "turn": turn(s, presenter), "presenter": presenter}
                      for s in method.per_presenter
                      if with_actions or s.key != "own_actions"]
    steps += [{"key": s.key, "minutes": s.minutes, "turn": turn(s), "presenter": None} for s in method.closing]
    if with_actions and not method.per_presenter:
        steps.append({"key": ACTIONS.key, "minutes": ACTIONS.minutes, "turn": turn(ACTIONS), "presenter": None})
    return steps
