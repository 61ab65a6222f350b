"""What the facilitator (staff) has: the live view for the projector, rounds,
hiding a reason, the CSV and the platform's instructor report.

Staff views read every record of the block (one query on the copies of the
block's own records); participants' requests never do (see records.py). The
live view, polled every few seconds, reads only the records added since its
last poll (live_follow.py). It also compares the running tally with a
recount from the records, and says so if they ever differ.
"""
from collections import Counter
from itertools import islice

from xblock.utils.resources import ResourceLoader

from ..core import dates
from ..core.export import csv_format, csv_response, filename_part, local_date
from ..core.handlers import Bool, Choice, HandlerError, Int, Object, Optional, Str, json_handler
from ..core.i18n import _, active_language
from ..core.platform import username_lookup
from ..core.rendering import render_many, render_template
from ..core.text import ascii_digits
from . import exercise, live_follow, live_view, presenter
from .moderation_adapter import moderation

loader = ResourceLoader(__name__)
# `seen`: the `version` of the view the page shows; when it is still current the answer
# says so and carries nothing else (the projector's poll every few seconds). `view`: the
# moderation view, or the presenter view (whole window, no names or controls).
LIVE_QUERY = Object({"round": Optional(Str(6), ""), "group": Optional(Str(300), ""),
                     "view": Optional(Choice("moderate", "present"), "moderate"),
                     "seen": Optional(Str(32), "")}, "LiveQuery")
EXPORT_QUERY = Object({"names": Optional(Choice("0", "1"), "0"), "format": Optional(Choice("nl", "en"), None)},
                      "ExportQuery")
NOT_TAKEN_PART_SHOWN = 200


def _changes_answer(version, summary, counts, changed, top, bottom, fragments):
    """A live view's answer by changes (moderation or presenter view): the parts around the
    reasons again, and each changed reason in id order; empty HTML for one that left the
    view (its option None) or, in the presenter's, one hidden from the room."""
    return {"version": version, "changes": {
        "round": summary["round"], "current_round": summary["current_round"], "top": top, "bottom": bottom,
        "reasons": [{"rid": rid, "option": counts.reasons[rid][0] if rid in counts.reasons else None,
                     "html": fragments.get(rid, "")} for rid in sorted(changed)]}}


class StaffMixin:
    """Staff handlers of the dialogue block; mixed into `DialogueBlock`."""

    # --- The facilitator's live view ----------------------------------------------------

    def _moderation_scope(self, record):
        if self.group_scope and record.get("group_id"):
            return record["group_id"]
        return "cohort"

    def _hidden_everywhere(self):
        return set(moderation(self).hidden_everywhere())

    def live_data(self, round_number=None, group_id="", view=None):
        """The round as the facilitator sees it (every participant's records, every
        reason). `view`: the live view's key (block, round, group, language, settings),
        whose counts are kept between polls (live_view.py)."""
        return self._live(round_number, group_id, view, lambda summary, counts, _version: self._with_reasons(
            summary, counts))

    def _live(self, round_number, group_id, view, answer):
        """`answer(summary, counts, version)`, called under the view's lock: `summary`
        the live data without the reasons (the view's kept counts updated with the
        participants who wrote since its last poll, live_view.py; while nothing it is
        built from changed, the summary built then), `counts` the view's RoundCounts
        (its reasons), `version` the version of both there."""
        store = self._store()
        current = store.current_round()
        round_number = round_number or current
        followed = live_follow.followed_records(store.own)
        groups = self.group_source.all_groups() if self.group_scope else []
        wanted = None
        if group_id:
            members = next((g for g in groups if g.id == group_id), None)
            if members is None:
                raise HandlerError(404, "no_such_group", _("There is no such group."))
            wanted = frozenset(m.anonymous_id for m in members.members)
        hidden = self._hidden_everywhere()
        flags = Counter(flag.record_id for flag in moderation(self).flags())
        kept = store.tally(round_number)
        counts = live_view.counts(view, (followed.version[0], round_number, group_id, wanted), round_number,
                                  self.dilemma.option_keys)
        inputs = (followed.version, current, round_number, tuple(groups), frozenset(hidden), sorted(flags.items()),
                  kept)
        with counts.lock:   # the data and its version together: two polls at once never cross
            if counts.summary is None or counts.summary[0] != inputs:
                counts.update(followed, wanted, hidden, flags)
                counts.summary = (inputs, self._live_data(counts, current, round_number, group_id, groups, kept))
            summary = counts.summary[1]
            return answer(summary, counts, counts.new_version(summary))

    @staticmethod
    def _with_reasons(summary, counts):
        """The live data: `summary` with every reason per option (call under counts.lock)."""
        return {**summary, "reasons": [
            {"key": row["key"], "label": row["label"],
             "items": [counts.marked(rid) for rid in counts.reason_ids.get(row["key"], [])]}
            for row in summary["distribution"]]}

    def _live_data(self, counts, current, round_number, group_id, groups, kept):
        """The live data without the reasons, from the view's kept sums: nothing here
        goes over every participant of a cohort-wide round."""
        dilemma = self.dilemma
        labels = {o.key: self.option_label(o) for o in dilemma.options}
        first = counts.first
        recount = counts.tally
        # Who stayed is counted among those who re-voted: not re-voting is not staying.
        change = counts.shift()
        counts_first, counts_final = counts.distribution(labels)
        value_labels = {key: self.localized(label) for key, label in dilemma.values}
        named = [{"label": value_labels.get(key, key), "count": n} for key, n in exercise.top_values(recount["values"])]
        own_words = [{"label": word, "count": n} for word, n in exercise.top_values(recount["own_values"], 12)]
        not_taken = self._not_taken_part(counts, groups if not group_id else [g for g in groups if g.id == group_id])
        return {
            "round": round_number, "current_round": current, "rounds": list(range(1, current + 1)),
            "group": group_id, "groups": [{"id": g.id, "name": g.name,
                                           "positions": sum(1 for m in g.members if m.anonymous_id in first),
                                           "size": g.size} for g in groups],
            "positions": len(first), "revotes": recount["revotes"],
            "distribution": [{"key": key, "label": labels[key], "first": counts_first[key],
                              "final": counts_final[key]} for key in labels],
            "moved": change["moved"], "stayed": change["stayed"], "not_revoted": len(first) - counts.revoters,
            "moves": [{"from": labels.get(k.split(">")[0], ""), "to": labels.get(k.split(">")[1], ""), "count": n}
                      for k, n in change["moves"].items()],
            "minority": sorted(labels[key] for key in exercise.minority_options(counts_final)),
            "needs": [{"rid": rid, "label": labels.get(need["option"], ""), "by_mentor": need["by_mentor"],
                       "text": need["text"], "hidden": rid in counts.hidden, "flags": counts.flags.get(rid, 0)}
                      for rid, need in sorted(counts.needs.items())],
            "values": named, "own_values": own_words,
            "listening": [{"key": key, "label": self.translate(label), "count": recount["listening"].get(key, 0)}
                          for key, label in exercise.LISTENING_LEVELS],
            "responses": recount["responses"], "reflections": recount["reflections"],
            "not_taken_part": not_taken,
            "counts_checked": group_id != "" or exercise.comparable(kept) == exercise.comparable(recount),
        }

    def _not_taken_part(self, counts, groups):
        """Who has not taken a position this round: in group scope the members of the
        groups; in cohort scope everyone who opened the exercise (kept by the view's
        counts, in the order they first wrote)."""
        if self.group_scope:
            people = {m.anonymous_id: m.display_name for g in groups for m in g.members}
            missing = [who for who in people if who not in counts.first]
            count = len(missing)
        else:
            people = {}
            missing = list(islice(counts.without_position, NOT_TAKEN_PART_SHOWN))
            count = len(counts.without_position)
        name_of = username_lookup(self)
        shown = sorted((people.get(who) or name_of(who) for who in missing[:NOT_TAKEN_PART_SHOWN]), key=str.casefold)
        return {"count": count, "names": shown, "more": max(0, count - NOT_TAKEN_PART_SHOWN)}

    def facilitator_html(self, data=None, counts=None):
        """The moderation view's HTML; `counts` (the view's RoundCounts): its reasons'
        HTML kept there, each rendered once while it stays the same."""
        data = data or self.live_data()
        top, bottom = self._facilitator_parts(data)
        fragments = self._reason_fragments([item for group in data["reasons"] for item in group["items"]],
                                           counts.fragments if counts is not None else None)
        lists = [{"key": group["key"], "label": group["label"],
                  "html": "".join(fragments[item["rid"]] for item in group["items"])} for group in data["reasons"]]
        return render_template(self, loader, "templates/facilitator.html",
                               {"d": data, "top_html": top, "bottom_html": bottom, "reason_lists": lists})

    def _facilitator_parts(self, data):
        """The HTML above the reasons (counts, chart, values) and below (answers of the
        minority, listening, who has not taken part, the round and CSV controls)."""
        from .chart import distribution_svg
        chart = distribution_svg(
            [{"label": d["label"], "first": d["first"], "final": d["final"]} for d in data["distribution"]],
            show_final=data["revotes"] > 0, title=self.translate(_("First vote and latest position per option")),
            description=self.translate(_("Bar chart of the positions per option in this round. The table "
                                         "gives the same numbers.")),
            legend={"first": self.translate(_("First vote")), "final": self.translate(_("Latest position"))},
            id_prefix=self._element_id() + "-live-chart")
        context = {"d": data, "chart_svg": chart, "element_id": self._element_id(), "block": self}
        return (render_template(self, loader, "templates/facilitator_top.html", context),
                render_template(self, loader, "templates/facilitator_bottom.html", context))

    def _reason_fragments(self, items, kept=None):
        """{rid: the reason's HTML} of these reason `items`; `kept` (a view's
        RoundCounts.fragments) has those rendered before and gets those rendered now."""
        kept = {} if kept is None else kept
        missing = [item for item in items if item["rid"] not in kept]
        kept.update(zip((item["rid"] for item in missing),
                        render_many(self, loader, "templates/facilitator_reason.html", [{"r": item} for item in missing])))
        return {item["rid"]: kept[item["rid"]] for item in items}

    @json_handler(LIVE_QUERY, methods=("GET",), staff_only=True)
    def live(self, data, identity):
        """The facilitator's live view as data and HTML (polled by the page), with its
        `version`; `{"unchanged": true, "version"}` when the page shows that version, and
        `{"version", "changes"}` when it shows one of the view's recent versions: the
        parts around the reasons again and only the reasons that changed since
        (live_view.py; the page puts them in place)."""
        round_number = None
        if data["round"]:
            if not ascii_digits(data["round"]) or not 1 <= int(data["round"]) <= 10_000:
                raise HandlerError(400, "invalid", _("The request is not valid."))
            round_number = int(data["round"])
        view = (str(self.scope_ids.usage_id), round_number, data["group"], active_language(),
                tuple(repr(getattr(self, name)) for name in self.editable_fields))
        return self._live(round_number, data["group"], view,
                          lambda summary, counts, version: self._live_answer(data, summary, counts, version))

    def _live_answer(self, query, summary, counts, version):
        """The `live` handler's answer (under the view's lock, see `_live`)."""
        if query["view"] == "present":
            return self._present_answer(query, summary, counts, version)
        if query["seen"] and query["seen"] == version:
            return {"unchanged": True, "version": version}
        changed = counts.changes_since(query["seen"])
        if changed is not None:
            top, bottom = self._facilitator_parts(summary)
            shown = sorted(rid for rid in changed if rid in counts.reasons)
            fragments = self._reason_fragments([counts.marked(rid) for rid in shown], counts.fragments)
            return _changes_answer(version, summary, counts, changed, top, bottom, fragments)
        live = self._with_reasons(summary, counts)
        if counts.page is None or counts.page[0] != version:
            counts.page = (version, self.facilitator_html(live, counts))
        return {**live, "html": counts.page[1], "version": version}

    def _present_answer(self, query, summary, counts, version):
        """The presenter view's answer, by changes as the moderation view's (presenter.py)."""
        if query["seen"] and query["seen"] == version:
            return {"unchanged": True, "version": version}
        shown = presenter.presenter_summary(summary)
        changed = counts.changes_since(query["seen"])
        if changed is not None:
            top, bottom = presenter.presenter_parts(self, shown)
            fragments = presenter.reason_fragments(
                self, [counts.marked(rid) for rid in sorted(changed) if rid in counts.reasons], counts.present_fragments)
            return _changes_answer(version, summary, counts, changed, top, bottom, fragments)
        live = self._with_reasons(summary, counts)
        if counts.present_page is None or counts.present_page[0] != version:
            counts.present_page = (version, presenter.presenter_html(self, shown, live["reasons"],
                                                                     counts.present_fragments))
        return {**presenter.presenter_data(live), "html": counts.present_page[1], "version": version}

    # --- Rounds --------------------------------------------------------------------------

    @json_handler(Object({"round": Int(1, 10_000)}, "NewRound"), staff_only=True, writes=True)
    def new_round(self, data, identity):
        """Start a new round (a new live session). `round` is the round the facilitator's
        view showed as current; another facilitator's start in between gets 409."""
        store = self._store()
        started = store.start_round(data["round"], identity.anonymous_id)
        if started is None:
            raise HandlerError(409, "stale_round", _("Someone else started a new round already. The view now "
                                                     "shows it."))
        self.publish_event("round_started", {"round": started})
        live = self.live_data(started)
        return {**live, "html": self.facilitator_html(live)}

    # --- Hiding a reason ------------------------------------------------------------------

    def _find_shared(self, rid):
        """(participant, record data) of the reason or answer with this id, or (None, None)."""
        for record in self._store().own.all_records():
            if record.data.get("rid") == rid and record.data.get("kind") in ("position", "revote", "need",
                                                                            "response"):
                return record.anonymous_id, record.data
        return None, None

    @json_handler(Object({"rid": Str(32, min_length=32), "hidden": Bool(),
                          "reason": Optional(Str(1000, multiline=True), "")}, "HideReason"),
                  staff_only=True, writes=True)
    def hide_reason(self, data, identity):
        """Hide (or show again) a reason, a response or a minority answer for participants.
        It stays in the record, in the facilitator's view (marked) and in the CSV."""
        _who, record = self._find_shared(data["rid"])
        if record is None:
            raise HandlerError(404, "no_such_reason", _("That reason is not (or no longer) shown."))
        scope = self._moderation_scope(record)
        if data["hidden"]:
            moderation(self).hide(identity, data["rid"], scope, data["reason"])
        else:
            moderation(self).unhide(identity, data["rid"], scope, data["reason"])
        self.publish_event("reason_hidden" if data["hidden"] else "reason_unhidden", {"round": record.get("round")})
        live = self.live_data(record.get("round"))
        return {**live, "html": self.facilitator_html(live)}

    # --- CSV and the instructor report -------------------------------------------------------

    @json_handler(EXPORT_QUERY, methods=("GET",), staff_only=True)
    def export_csv(self, data, identity):
        """Every contribution of every round, one row each; anonymous ids unless `names=1`."""
        fmt = csv_format(data.get("format"), self.language)
        name_of = username_lookup(self) if data["names"] == "1" else (lambda anonymous_id: anonymous_id)
        labels = {o.key: self.option_label(o) for o in self.dilemma.options}
        hidden = self._hidden_everywhere()
        kinds = {"position": _("position"), "revote": _("re-vote"), "response": _("response"),
                 "need": _("what I would need"), "reflection": _("reflection")}
        yes, no = self.translate(_("yes")), self.translate(_("no"))
        header = [self.translate(_("participant")), self.translate(_("round")), self.translate(_("group")),
                  self.translate(_("step")), self.translate(_("option")), self.translate(_("earlier option")),
                  self.translate(_("text")), self.translate(_("question to the other")),
                  self.translate(_("values")), self.translate(_("listening")),
                  self.translate(_("time (%(timezone)s)")) % {"timezone": dates.zone_label(self.time_zone)},
                  self.translate(_("reason id")), self.translate(_("hidden")), self.translate(_("role"))]
        # A mentor may take part; their rows say so and are never counted as a participant's.
        roles = {False: self.translate(_("participant")), True: self.translate(_("mentor"))}
        group_names = {g.id: g.name for g in self.group_source.all_groups()} if self.group_scope else {}

        def rows():
            for record in self._store().own.all_records():
                d = record.data
                kind = d.get("kind")
                if kind not in kinds:
                    continue
                option = d.get("option") or d.get("to_option")
                text = {"position": d.get("reason"), "revote": d.get("reason"), "need": d.get("text"),
                        "response": d.get("understand"), "reflection": d.get("changed")}[kind] or ""
                if kind == "reflection" and d.get("note"):
                    text = f"{text}\n{d['note']}".strip()
                yield [name_of(record.anonymous_id), d.get("round"), group_names.get(d.get("group_id"), ""),
                       self.translate(kinds[kind]), labels.get(option, option or ""), labels.get(d.get("from"), ""),
                       text, d.get("question", ""), "; ".join(self.value_labels(d.get("values"))),
                       d.get("listening") or "", record.submitted_at, d.get("rid") or "",
                       yes if d.get("rid") in hidden else no, roles[d.get("role") == "mentor"]]

        filename = "{}_{}.csv".format(filename_part(self.display_name, "dialogue"),
                                      local_date(zone_name=self.time_zone))
        return csv_response(filename, header, rows(), fmt, zone_name=self.time_zone)

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows for the LMS's instructor "problem responses" report: each participant's
        latest round, first position, re-vote and reason (from the write-only copy)."""
        count = 0
        labels = {o.key: self.option_label(o) for o in self.dilemma.options}
        for user_state in user_state_iterator:
            copy = user_state.state.get("report_copy") or {}
            if not copy:
                continue
            yield (user_state.username, {"round": copy.get("round"),
                                         "position": labels.get(copy.get("position"), copy.get("position")),
                                         "reason": copy.get("reason", ""),
                                         "re-vote": labels.get(copy.get("revote"), copy.get("revote") or "")})
            count += 1
            if limit_responses is not None and count >= limit_responses:
                return
