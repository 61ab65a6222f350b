"""The feedback round's staff overview and the rows of its CSV, built from one read of
each store per request, never per group or per member (tests/perf pins the queries
and the Python steps per member; benchmarks/run.py --only feedback times them at
10,000 participants):

- the records: only what the counts read of each record (its kind, to whom feedback
  went, which feedback a rating is of, the rating, an update's time, the group's
  name), picked out by the database as the programme overview reads a round
  (`all_groups_records` with parts). The feedback's texts are neither sent nor
  decoded: every record read whole, decoded and its time converted was almost half
  of the overview at 10,000 participants;
- the group set's latest version once: its groups, and from the same version who
  is in no group (the groups' staff tools read it again for that);
- the round's settings `round_view.progress` reads for every group (`_ReadOnce`): a
  due date parsed in the course's time zone per group was a tenth of the overview;
- each "still to do" text translated once per combination, flags counted per group
  in one pass.

What staff see is what `FeedbackStaffMixin` built before: the same rows, columns and
filters; the CSV's usernames (only when staff ask for names) come from the package's
own table first, the user service for the rest.
"""
from django.utils import timezone

from ..core import dates, platform
from ..core.group_records_staff import all_groups_records
from ..core.group_store import ungrouped_people
from . import round_view
from .round_view import KIND_UPDATE, RoundRecords

# What `RoundRecords.of` and `round_view.progress` read of a record, and an earlier
# group's name (`recorded_name`); an update's time is the only time they read.
RECORD_PARTS = {"text_keys": ("kind", "to", "group_name"), "value_keys": ("feedback", "helpful"),
                "times_of_kinds": (KIND_UPDATE,)}


class _ReadOnce:
    """The block as `round_view.progress` reads it, each setting read once per view:
    progress reads the due dates and the round's settings for every group, and the
    fields do not change while a view is built. Methods other than `due_of` are the
    block's own."""

    def __init__(self, block):
        self._block = block
        self._dues = {}

    def due_of(self, name):
        if name not in self._dues:
            self._dues[name] = self._block.due_of(name)
        return self._dues[name]

    def __getattr__(self, name):
        value = getattr(self._block, name)
        if not callable(value):
            setattr(self, name, value)
        return value


class Reading:
    """What a staff view of the round reads, once: the groups as they are now with their
    mentors, every group's records (parts), the group set's version (None for teams)
    and the mentors."""

    def __init__(self, block, item_type):
        source = block.group_source
        self.source = source
        self.mentors = source.mentor_store.latest()
        self.version = source.store.latest() if source.managed_here else None
        plain = self.version.groups if self.version is not None else source.all_groups()
        self.groups = [source.with_mentors(g, self.mentors) for g in plain]
        self.by_group = all_groups_records(platform.course_id(block), platform.item_id(block), item_type,
                                           **RECORD_PARTS)

    def ungrouped_names(self):
        """The names of who is on the group set's roster in no group (not a mentor):
        none where the groups are teams."""
        if self.version is None:
            return []
        names, usernames = self.source.store.people(self.version)
        mentor_ids = {m.anonymous_id for g in self.groups for m in g.mentors}
        return [p["name"] for p in ungrouped_people(self.version, names, usernames, self.mentors)
                if p["id"] not in mentor_ids]

    def known_usernames(self):
        """{anonymous id: username} the package's own table knows of the groups' members
        (the version's; a CSV with names asks the user service for the rest)."""
        return {aid: user for aid, user in self.version.usernames.items() if user} if self.version else {}


def group_rows(block, reading, flags, behind_texts, now=None):
    """(rows, behind, not_yet, totals) as the overview shows them: a row per group with
    its members' progress (round_view.progress), who is late and who has still to do
    something. `flags`: the block's flags; `behind_texts`: {what is behind: text}."""
    now = now or timezone.now()
    settings = _ReadOnce(block)
    translated = {}

    def behind_text(behind):
        key = tuple(behind)
        if key not in translated:
            translated[key] = ", ".join(block.translate(behind_texts[b]) for b in behind)
        return translated[key]

    flags_of = {}
    for flag in flags:
        flags_of[flag.scope] = flags_of.get(flag.scope, 0) + 1
    rows, behind, not_yet = [], [], []
    totals = {"members": 0, "posted": 0, "feedback": 0, "flags": len(flags)}
    for group in reading.groups:
        latest = RoundRecords.of(reading.by_group.get(group.id, []))
        progress = round_view.progress(settings, group, latest, now)
        members = []
        for member in group.members:
            p = progress[member.anonymous_id]
            name = member.display_name or member.anonymous_id
            members.append({"id": member.anonymous_id, "name": name, **p, "behind_text": behind_text(p["behind"])})
            if p["behind"] and group.size > 1:
                # Behind means late: past a due date. The rest is still to do ("not yet").
                late = [b for b in p["behind"] if b.endswith("_overdue")]
                (behind if late else not_yet).append({
                    "name": name, "group": group.name, "what": members[-1]["behind_text"], "overdue": bool(late),
                    "late": late, "pending": [b for b in p["behind"] if b not in late]})
        totals["members"] += group.size
        totals["posted"] += sum(1 for m in members if m["posted"])
        totals["feedback"] += len(latest.feedback)
        rows.append({"id": group.id, "name": group.name, "size": group.size, "alone": group.size == 1,
                     "empty": group.size == 0, "members": members, "flags": flags_of.get(group.id, 0),
                     "mentors": [m.display_name for m in round_view.mentors_of(group)]})
    return rows, behind, not_yet, totals


def overview(block, item_type, behind_texts):
    """The staff overview's data (FeedbackStaffMixin.staff_overview_data)."""
    reading = Reading(block, item_type)
    moderation = block._moderation()  # noqa: SLF001 - the round's own moderation store
    flags = moderation.flags()
    hidden = moderation.hidden_everywhere() if flags else {}
    rows, behind, not_yet, totals = group_rows(block, reading, flags, behind_texts)
    language, zone = block.language, block.time_zone
    flag_rows = [{"group_id": f.scope, "record": f.record_id, "reason": f.reason,
                  "at": dates.moment_text(f.flagged_at, language, zone), "hidden": f.record_id in hidden}
                 for f in flags]
    current = {g.id for g in reading.groups}
    # Groups a regrouping removed keep their work: staff open them as any group.
    earlier = sorted(({"id": gid, "name": recorded_name(records), "records": len(records)}
                      for gid, records in reading.by_group.items() if gid and gid not in current),
                     key=lambda g: (g["name"].casefold(), g["id"]))
    return {"groups": rows, "earlier_groups": earlier,
            "behind": sorted(behind, key=lambda b: (b["group"], b["name"])),
            "not_yet": sorted(not_yet, key=lambda b: (b["group"], b["name"])),
            # A mentor who opened the block is on the group set's roster, in no group:
            # not a late joiner.
            "ungrouped": reading.ungrouped_names(),
            "totals": totals,
            "flags": flag_rows, "problems": sum(1 for r in rows if r["alone"] or r["empty"])}


def recorded_name(records):
    """A group's name as its newest record stamped it (core stamps `group_name`)."""
    return next((r.data.get("group_name") for r in reversed(records) if r.data.get("group_name")), "") or "—"
