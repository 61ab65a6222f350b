"""The rules of a feedback round that need no runtime: who gives feedback to whom,
when feedback is released, and which prompts a method allows. Pure functions, tested at their boundaries.

Who reviews whom
----------------
With "peers per participant" k smaller than the group (minus one), members are put
in a ring in an order that is fixed for the block and the group but not
alphabetical (a hash of the block, the group and the member), and each member
gives feedback to the next k members of the ring. So everyone gives k and
receives k, nobody reviews themselves, and the same request always gives the same
answer without storing an assignment (a late joiner changes the ring; feedback
already given stays and still counts).

Rotating roles: methods.py (a method's places for a group of its size).
"""
import datetime
import hashlib

from ..core import dates

KIND_REPORT_BACK = "report_back"
KIND_AGREE_ACTIONS = "agree_actions"
KIND_BOTH = "both"
KINDS = (KIND_REPORT_BACK, KIND_AGREE_ACTIONS, KIND_BOTH)

METHOD_AIRTIME = "airtime"
METHOD_INCIDENT = "incident"
METHOD_FREE = "free"
METHODS = (METHOD_AIRTIME, METHOD_INCIDENT, METHOD_FREE)

# Feedback prompt kinds. "suggestion" is advice: an action-learning set asks
# questions only (no advice disguised as a question), so airtime refuses it.
PROMPT_KINDS = ("clarifying", "deeper", "recognise", "suggestion")
ADVICE_PROMPTS = frozenset({"suggestion"})
DEFAULT_PROMPTS = {
    METHOD_AIRTIME: ("clarifying", "deeper"),
    METHOD_INCIDENT: ("clarifying", "recognise", "suggestion"),
    METHOD_FREE: ("recognise", "suggestion"),
}

LOCAL_ZONE = "Europe/Amsterdam"
DUE_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def _order_key(*parts):
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


# --- Prompts ----------------------------------------------------------------------------

def parse_prompt_kinds(text):
    """'clarifying, deeper' -> ('clarifying', 'deeper'); unknown words are returned
    separately so the settings check can name them."""
    kinds, unknown = [], []
    for word in (text or "").replace(";", ",").split(","):
        word = word.strip().lower()
        if not word:
            continue
        if word not in PROMPT_KINDS:
            unknown.append(word)
        elif word not in kinds:
            kinds.append(word)
    return tuple(kinds), unknown


def prompts_for(method, chosen_text):
    """The prompt kinds a round asks for: the author's choice, else the method's default;
    advice is dropped where the method does not allow it."""
    kinds, _unknown = parse_prompt_kinds(chosen_text)
    kinds = kinds or DEFAULT_PROMPTS.get(method, DEFAULT_PROMPTS[METHOD_FREE])
    if method == METHOD_AIRTIME:
        kinds = tuple(k for k in kinds if k not in ADVICE_PROMPTS)
    return kinds


# --- Who gives feedback to whom ----------------------------------------------------------

def ring(member_ids, *salt):
    """Members in the block's fixed, non-alphabetical order."""
    return sorted(member_ids, key=lambda aid: (_order_key(*salt, aid), aid))


def peers_of(giver_id, member_ids, per_participant, *salt):
    """The members `giver_id` gives feedback to: the next k in the ring (k = 0: everyone else)."""
    return peers_in_ring(giver_id, ring(member_ids, *salt), per_participant)


def peers_in_ring(giver_id, members, per_participant):
    """`peers_of` over a ring already ordered (a staff view orders each group's ring
    once, not once per member: the ring's hashes were most of the overview's time)."""
    if giver_id not in members:
        return []
    n = len(members)
    k = n - 1 if per_participant <= 0 else min(per_participant, n - 1)
    start = members.index(giver_id)
    return [members[(start + step) % n] for step in range(1, k + 1)]


def reviewers_of(receiver_id, member_ids, per_participant, *salt):
    """The members who give feedback to `receiver_id` (the previous k in the ring)."""
    members = ring(member_ids, *salt)
    if receiver_id not in members:
        return []
    n = len(members)
    k = n - 1 if per_participant <= 0 else min(per_participant, n - 1)
    start = members.index(receiver_id)
    return [members[(start - step) % n] for step in range(1, k + 1)]


def possible_givers(group_size, per_participant):
    """How many members could have written any one feedback a participant receives,
    as far as the receiver can work out.

    The receiver knows the group, the members they give feedback to themselves, and
    (docs/admins.md says it) that the ring hands each member the next k to review, so the
    k who review them are the previous k. When those two runs of k do not overlap
    (2k <= n - 1), the givers are exactly the members the receiver does not review:
    n - 1 - k candidates. When they overlap, the receiver can rule nobody out: n - 1.
    """
    others = group_size - 1
    if others <= 0:
        return 0
    k = others if per_participant <= 0 else min(per_participant, others)
    return others - k if 2 * k <= others else others


def anonymity_holds(group_size, per_participant):
    """Anonymous feedback is anonymous only when at least two members could have
    written each feedback: in a pair, or a trio with one peer each, it is not."""
    return possible_givers(group_size, per_participant) >= 2


# --- Dates and release -------------------------------------------------------------------

def parse_due(text, zone_name=LOCAL_ZONE):
    """An authored due date ('2026-12-01T17:00', '2026-12-01 17:00' or '2026-12-01',
    local time in `zone_name`, the course's time zone; a date alone means the end of
    that day) as an aware datetime, None when empty. Raises ValueError for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DUE_FORMATS:
        try:
            moment = datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            moment = moment.replace(hour=23, minute=59)
        zone = dates.zone(zone_name) or dates.zone(LOCAL_ZONE) or datetime.timezone.utc
        return moment.replace(tzinfo=zone)
    raise ValueError(text)


def is_past(due, now):
    return due is not None and now >= due


def feedback_released(release_after_due, feedback_due, now):
    """Feedback reaches its receiver at once, or (when the author chose so and set a
    due date) only from the feedback due date on."""
    if not release_after_due or feedback_due is None:
        return True
    return now >= feedback_due
