"""The live mode, shared per group: one step and one timer for everyone in the room.

A group that meets in the room puts the method's steps on a screen (methods.py).
Every member may open the live mode on their own device, so the step and the
timer are the group's, not the screen's: one row per (round, group) in the
package's tallies (stores.api.tallies: one row changed in place under its row
lock, with a version), holding

    {"step": index into the round's steps, "running": bool,
     "left": seconds left when last started or paused (None: the step's full time),
     "since": when it was last started (epoch seconds, while running),
     "version": grows with every change}

The state is its own truth (a screen's position, not a fold of records); it holds
no personal data (no_pii: a step number and a timer).

Who moves: the member who holds the facilitator role this round (methods.py's
rotation; every member where the round shows no roles or the group is too small
for one), and staff, naming the group. A move names the step it moves from
(`from`): under the row's lock, another current step means the move was made
against an older screen (a double click, a second tab, a co-facilitating staff
member), 409 `stale_step`, and nothing changes; the refusal carries the current
state, which the page shows.

Following: every screen polls `live_state` with the version it shows (`seen`);
the same version answers `{"unchanged": true}`. A poll reads the asker's group
(as every participant request does) and the one row: the same at 20 participants
and at 5,000.
"""
from django.utils import timezone

from ..core.group_records import group_key
from ..core.handlers import Choice, HandlerError, Int, Object, Optional, Str, json_handler
from ..core.i18n import _
from ..core import platform
from ..stores.api import tallies
from . import methods

TIMER_CHOICES = ("keep", "run", "pause")
MAX_STEP = 500


def group_key_of(group):
    """The key of the group's row among the round's tallies."""
    return "live:" + group_key(group.id)



def _now():
    return timezone.now().timestamp()


def _empty():
    return {"step": 0, "running": False, "left": None, "since": None, "version": 0}


def shown(stored, steps, now=None):
    """The state a screen shows: the step (within the round's steps as they are now),
    whether the timer runs, and the seconds left at this moment."""
    stored = stored or _empty()
    step = max(0, min(stored.get("step", 0), len(steps) - 1)) if steps else 0
    full = steps[step]["minutes"] * 60 if steps else 0
    left = full if stored.get("left") is None else stored["left"]
    if stored.get("running") and stored.get("since") is not None:
        left -= (now or _now()) - stored["since"]
    return {"step": step, "running": bool(stored.get("running")) and left > 0, "left": max(0, int(round(left))),
            "version": stored.get("version", 0)}


def moved(current, start, to, timer, full_seconds, now):
    """The new state after a move `start` -> `to` with a timer command, or None when
    nothing changes; HandlerError 409 when `start` is not the current step."""
    current = dict(current or _empty())
    if current.get("step", 0) != start:
        raise HandlerError(409, "stale_step", _("Someone moved the step already. Your screen now shows the "
                                                "current step."))
    left = current.get("left")
    if current.get("running") and current.get("since") is not None:
        left = max(0, (full_seconds if left is None else left) - (now - current["since"]))
    if to != start:
        current.update(step=to, running=False, left=None, since=None)
        left = None
    if timer == "run" and (not current.get("running") or (left is not None and left <= 0)):
        # A step whose time is up starts again with its full time.
        current.update(running=True, left=left if left is None or left > 0 else None, since=now)
    elif timer == "pause" and current.get("running"):
        current.update(running=False, left=left, since=None)
    elif to == start and timer == "keep":
        return None
    current["version"] = current.get("version", 0) + 1
    return current



def _movers_only(block):
    """Who may not move steps is refused before the body is read, as every refusal of
    who may call is: a mentor (in no group as a member), or a member who is not among
    their group's movers. Staff name the group in the body; the handler checks them, and
    tells a participant in no group yet so (409)."""
    identity = block.identity
    if not identity.is_authenticated or identity.is_staff:
        return
    source = block.group_source
    group = source.group_of(identity)
    if group is None:
        refused = bool(source.groups_mentored_by(identity))
    else:
        refused = identity.anonymous_id not in block.live_movers(group)
    if refused:
        raise HandlerError(403, "not_facilitator", _("The facilitator of this round moves the steps; your "
                                                     "screen follows."))

class LiveModeMixin:
    """The live mode's handlers for the feedback round (block.py holds the steps)."""

    def _live_group(self, identity, group_id):
        group = self._records().visible_group(identity, group_id or None)
        return self._with_mentors(group)

    def _live_steps(self, group):
        names = {m.anonymous_id: m.display_name for m in group.members}
        roles = methods.roles_for_round(self.method, list(names), self.round_number, group.id)
        return methods.plan(self.method, list(names), roles if self.show_roles else {}, self.has_actions_step,
                            group.id, self.round_number), roles

    def live_movers(self, group, roles=None):
        """Who moves the group's step: the facilitator of this round, or every member
        where the round shows no roles or nobody holds that role."""
        if roles is None:
            _steps, roles = self._live_steps(group)
        holders = [aid for aid, held in roles.items() if methods.FACILITATOR in held]
        if not self.show_roles or not holders:
            return [m.anonymous_id for m in group.members]
        return holders

    def live_view(self, identity, group, steps=None, roles=None):
        """The live state of `group` as a screen shows it, with whether the asker moves it."""
        if steps is None:
            steps, roles = self._live_steps(group)
        stored = tallies.read(platform.course_id(self), platform.item_id(self), group_key_of(group))
        can_move = identity.is_staff or identity.anonymous_id in self.live_movers(group, roles)
        return {**shown(stored, steps), "can_move": bool(can_move)}

    @json_handler(Object({"group": Optional(Str(300), ""), "seen": Optional(Str(20), "")}), methods=("GET",))
    def live_state(self, data, identity):
        """The group's live step and timer; `{"unchanged": true, "version"}` when the
        screen says it shows the current version (`seen`)."""
        group = self._live_group(identity, data["group"])
        stored = tallies.read(platform.course_id(self), platform.item_id(self), group_key_of(group))
        version = (stored or _empty()).get("version", 0)
        if data["seen"] and data["seen"] == str(version):
            return {"unchanged": True, "version": version}
        return self.live_view(identity, group)

    @json_handler(Object({"from": Int(0, MAX_STEP), "to": Int(0, MAX_STEP), "timer": Choice(*TIMER_CHOICES),
                          "group": Optional(Str(300), "")}), writes=True, authorize=_movers_only)
    def live_move(self, data, identity):
        """Move the group's step (`from` the step the screen showed, `to` another) and/or
        start or pause its timer. The facilitator of the round or staff only."""
        group = self._live_group(identity, data["group"])
        steps, roles = self._live_steps(group)
        if not identity.is_staff and identity.anonymous_id not in self.live_movers(group, roles):
            raise HandlerError(403, "not_facilitator", _("The facilitator of this round moves the steps; your "
                                                         "screen follows."))
        if data["to"] >= len(steps):
            raise HandlerError(400, "no_such_step", _("This round has no such step. Reload the page."),
                               field="to")
        course, item, key = platform.course_id(self), platform.item_id(self), group_key_of(group)
        now = _now()
        full = steps[min(data["from"], len(steps) - 1)]["minutes"] * 60   # the time of the step moved from
        stale = {}

        def change(stored):
            try:
                return moved(stored, data["from"], data["to"], data["timer"], full, now)
            except HandlerError as refusal:
                stale["error"] = refusal
                return None

        result = tallies.update(course, item, key, change, _empty)
        if "error" in stale:
            error = stale["error"]
            error.data = {**shown(result, steps, now), "can_move": True}
            raise error
        self.publish_event("live_step_moved", {"to": data["to"], "timer": data["timer"]})
        return {**shown(result, steps, now), "can_move": True}
