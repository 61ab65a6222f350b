"""The round as one participant (a member or a mentor of the group) sees it: the view
(`participant_view`) and its HTML (`_view_html`). Mixed into FeedbackRoundBlock; the
records' fold and the peer ring are round_view.py's."""
from django.utils import timezone
from xblock.utils.resources import ResourceLoader

from ..core.i18n import _
from ..core.rendering import render_template
from . import case_link, methods, round_view, rules
from .earlier_work import earlier_work
from .round_settings import HELPFUL_SCALE, MAX_ACTION, MAX_ANSWER, MAX_UPDATE, METHOD_CHOICES, ROLE_HELP
from .round_view import RoundRecords, opaque_ref

loader = ResourceLoader(__name__)
# The parts of the round a participant's write can change, each one template rendered
# for the page and for the write's answer alike; the JS swaps them in
# (LeergangCore.replaceRegions). The rest of the round is made from the settings, the
# method and the live mode, which no participant write changes.
REGION_TEMPLATES = {"my-posted": "templates/region_my_posted.html", "my-update": "templates/region_my_update.html",
                    "updates": "templates/region_updates.html", "give": "templates/region_give.html",
                    "received": "templates/region_received.html", "actions": "templates/region_actions.html",
                    "follow-up": "templates/follow_up.html"}
MEMBERS_ONLY = ("my-posted", "my-update", "received", "actions", "follow-up")


class ParticipantViewMixin:
    """What a participant sees of the round; mixed into FeedbackRoundBlock."""

    def member_ref(self, group, anonymous_id):
        return opaque_ref(self.ring_salt, "member", group.id, anonymous_id)

    def feedback_ref(self, record_id):
        return opaque_ref(self.ring_salt, "feedback", record_id)

    def _read(self, identity, group_id=None):
        """(group, all records, latest records, hidden ids) that `identity` may see."""
        records = self._records()
        group, rows = records.read(identity, group_id)
        group = self._with_mentors(group)
        hidden = self._moderation().hidden_ids(group.id)
        return group, rows, RoundRecords.of(rows), hidden

    def _with_mentors(self, group):
        """The group with its mentors (core fills them only when asked: one query)."""
        if group is None or group.mentors:
            return group
        return self.group_source.with_mentors(group)

    def participant_view(self, identity, group, latest, hidden, now=None):
        """The round as `identity` (a member or a mentor of `group`) may see it. Each part
        a write can change is built by the same method the write's answer uses
        (`members_part`, `updates_part`, `review_part`, `_received`, `own_actions`)."""
        now = now or timezone.now()
        me = identity.anonymous_id
        mentor = round_view.is_mentor(group, me) and not group.has(me)
        names = self.member_names(group)
        all_roles = methods.roles_for_round(self.method, list(names), self.round_number, group.id)
        roles = all_roles if self.show_roles else {}
        plan = methods.plan(self.method, list(names), roles, self.has_actions_step, group.id, self.round_number)
        held = {role for member_roles in roles.values() for role in member_roles}
        role_help = [{"key": role, "name": self.translate(methods.ROLE_TEXTS[role]),
                      "help": self.translate(ROLE_HELP[role])}
                     for role in methods.ROLE_TEXTS if role in held]
        released = rules.feedback_released(self.release_after_due, self.due_of("feedback_due"), now)
        prompts = self.prompts()
        anonymity = self.anonymity_in(group)
        return {
            "group": {"name": group.name, "size": group.size, "alone": group.size == 1, "url": group.url},
            "is_mentor": mentor, **self.members_part(group, latest, hidden, me, names, roles), "role_help": role_help,
            "updates": self.updates_part(group, latest, hidden, me, names),
            "my_update": my_update_of(latest, me),
            "to_review": self.review_part(group, latest, hidden, me, names, released), "prompts": prompts,
            "received": self._received(group, latest, hidden, me, names, released, anonymity == "anonymous", prompts),
            "released": released,
            "actions": own_actions(latest, me),
            "has_actions_step": self.has_actions_step,
            "anonymous": anonymity == "anonymous", "anonymity": anonymity,
            "earlier": [] if mentor else earlier_work(self, identity, now, current=group),
            "case_actions": case_link.view(self, identity, group, names),
            "steps": self.method_steps(group, all_roles if self.show_roles else {}, names, plan),
            "live": self.live_view(identity, group, plan, all_roles),
        }

    def member_names(self, group):
        return {m.anonymous_id: m.display_name or self.translate(_("A group member")) for m in group.members}

    def members_part(self, group, latest, hidden, me, names, roles):
        """The group's members (their roles, who posted) and mentors; the asker's own
        "posted" mark is region `my-posted` (`posted_part`)."""
        return {"members": [{"ref": self.member_ref(group, aid), "name": name, "is_you": aid == me,
                             "roles": [self.translate(methods.ROLE_TEXTS[r]) for r in roles.get(aid, [])],
                             "posted": posted_part(latest, hidden, aid)["posted"]}
                            for aid, name in names.items()],
                "mentors": [m.display_name for m in round_view.mentors_of(group)]}

    def updates_part(self, group, latest, hidden, me, names):
        """The group's updates, hidden ones left out: region `updates`."""
        updates = []
        for aid in names:
            record = latest.updates.get(aid)
            if record is None or str(record.id) in hidden:
                continue
            updates.append({"ref": self.member_ref(group, aid), "name": names[aid], "is_you": aid == me,
                            "text": record.data.get("text", ""), "at": record.submitted_at})
        return updates

    def review_part(self, group, latest, hidden, me, names, released, peers=None):
        """The peers `me` gives feedback to, with their update and `me`'s feedback: region
        `give` (with the prompts and the anonymity). `peers`: assigned_peers, if known."""
        peers = round_view.assigned_peers(self, group, me) if peers is None else peers
        given = latest.feedback_from(me)
        to_review = []
        for aid, progress in zip(peers, review_progress(latest, hidden, me, peers)):
            update = latest.updates.get(aid)
            mine = given.get(aid)
            to_review.append({
                "ref": self.member_ref(group, aid), "name": names.get(aid, ""),
                "has_update": progress["has_update"],
                "update": update.data.get("text", "") if progress["has_update"] else "",
                "answers": (mine.data.get("answers", {}) if mine else {}),
                "given": progress["given"],
                "final": progress["given"] and released,
            })
        return to_review

    def participant_round(self, identity, now=None):
        """This round as `identity` sees it as a member of their current group (see
        `participant_view`), or None when they are in no group. Read only: "Mijn
        leergang" (my_programme/) reads it; the cost is one group's records."""
        group = self.group_source.group_of(identity) if identity.anonymous_id else None
        if group is None or not group.has(identity.anonymous_id):
            return None
        group = self._with_mentors(group)
        latest = RoundRecords.of(self._records().of_group(group))
        return self.participant_view(identity, group, latest, self._moderation().hidden_ids(group.id), now)

    def method_steps(self, group, roles, names, plan=None):
        """The method's steps for this group, with whose turn it is (methods.py).
        Without shown roles the steps name no case-bringer. `plan`: methods.plan's, if
        the caller made it (the live view shows the same steps)."""
        steps = plan if plan is not None else methods.plan(self.method, list(names), roles, self.has_actions_step,
                                                           group.id, self.round_number)
        return [{"key": s["key"], "title": self.translate(methods.STEP_TEXTS[s["key"]][0]),
                 "what": self.translate(methods.STEP_TEXTS[s["key"]][1]), "minutes": s["minutes"],
                 "turn": [names[aid] for aid in s["turn"] if aid in names],
                 "presenter": names.get(s["presenter"], "")} for s in steps]

    def anonymity_in(self, group):
        """"anonymous", "not_possible" (the author asked for it, but this group's size and
        the number of peers let a receiver work out who wrote what: rules.anonymity_holds)
        or "named" (the author did not ask for it)."""
        if not self.anonymous_feedback:
            return "named"
        return "anonymous" if rules.anonymity_holds(group.size, self.peers_per_participant) else "not_possible"

    def _received(self, group, latest, hidden, me, names, released, anonymous, prompts=None):
        """Feedback to `me`, as the release rule and the group's anonymity allow: region
        `received`. `prompts`: the block's prompts, if the caller has them."""
        if not released:
            return []
        items = [r for r in latest.feedback_to(me) if str(r.id) not in hidden]
        flagged = {f.record_id for f in self._moderation().flagged_by(me)} if items else set()
        if anonymous:
            items.sort(key=lambda r: self.feedback_ref(r.id))
        labels = {p["key"]: p["label"] for p in (self.prompts() if prompts is None else prompts)}
        result = []
        for number, record in enumerate(items, start=1):
            reply = latest.replies.get((me, record.id))
            entry = {
                "id": self.feedback_ref(record.id),
                "answers": [{"label": labels.get(key, key), "text": text}
                            for key, text in record.data.get("answers", {}).items() if text],
                "helpful": reply.data.get("helpful") if reply else None,
                "answer": reply.data.get("answer", "") if reply else "",
                "flagged": str(record.id) in flagged,
            }
            if anonymous:
                entry["from"] = self.translate(_("Feedback %(n)s")) % {"n": number}
            else:
                author = record.author_id
                entry["from"] = names.get(author) or record.data.get("author_name") or self.translate(_("A former member"))
                entry["from_mentor"] = record.data.get("author_role") == "mentor"
            result.append(entry)
        return result

    def _view_html(self, view, identity):
        """The whole round: the page (student_view) and `round_state` answer it. Each
        region a write answers is rendered by `region_html`, as the write renders it."""
        parts = {"v": view, "element_id": self._element_id(), "block": self,
                 "method_name": self.translate(next((c["display_name"] for c in METHOD_CHOICES
                                                     if c["value"] == self.method), _("Free")))}
        dues = self.due_texts()
        steps = render_template(self, loader, "templates/method_steps.html", parts)
        shown = [name for name in REGION_TEMPLATES   # round.html shows a mentor no parts of their own
                 if not (view["is_mentor"] and name in MEMBERS_ONLY) and (name != "actions" or view["has_actions_step"])]
        mine = next((m for m in view["members"] if m["is_you"]), {"posted": False})
        regions = {name.replace("-", "_") + "_html": self.region_html(name, mine if name == "my-posted" else view,
                                                                      feedback_due=dues["feedback_due"])
                   for name in shown}
        return render_template(self, loader, "templates/round.html", {
            "v": view, "element_id": self._element_id(), "block": self, "method_html": steps, "dues": dues, **regions})

    def region_html(self, name, view, feedback_due=None):
        """One part of the round a write can change (`data-region="<name>"`), from `view`,
        which needs only the keys that part shows. `feedback_due`: the due date's text,
        shown (and so read) only while the feedback is not released."""
        context = {"v": view, "element_id": self._element_id(), "block": self}
        if name == "my-update":
            context.update(update_prompt=self.update_prompt_text(), max_update=MAX_UPDATE)
        elif name == "give":
            context.update(max_answer=MAX_ANSWER)
        elif name == "received":
            context.update(max_answer=MAX_ANSWER, helpful_scale=HELPFUL_SCALE, feedback_due=(
                "" if view["released"] else feedback_due if feedback_due is not None
                else self.moment_text(self.due_of("feedback_due"))))
        elif name == "actions":
            context.update(max_action=MAX_ACTION, action_slots=range(max(3, len(view["actions"]) + 1)))
        return render_template(self, loader, REGION_TEMPLATES[name], context)


def posted_part(latest, hidden, aid):
    """Whether member `aid` has an update the group sees: the asker's is region `my-posted`."""
    return {"posted": aid in latest.updates and str(latest.updates[aid].id) not in hidden}


def my_update_of(latest, me):
    return latest.updates[me].data.get("text", "") if me in latest.updates else ""


def own_actions(latest, me):
    actions = latest.actions.get(me)
    return actions.data.get("actions", []) if actions else []


def review_progress(latest, hidden, me, peers):
    """Per peer of `me`: has an update (not hidden) and has `me`'s feedback. What the
    round's completion asks (core/completion.py), and the `give` region shows."""
    given = latest.feedback_from(me)
    result = []
    for aid in peers:
        update = latest.updates.get(aid)
        result.append({"has_update": update is not None and str(update.id) not in hidden, "given": aid in given})
    return result


def _public(view):
    """The JSON a participant gets: the view without datetimes."""
    result = dict(view)
    result["updates"] = [{k: v for k, v in u.items() if k != "at"} for u in view["updates"]]
    return result
