"""The overview as CSV (core/export.py: `;` and a decimal comma for Dutch Excel, `,` and
a point for the international one, formula-safe, dates in the course's time zone) and
as rows of the LMS's instructor report.

Participants appear by anonymous id unless staff ask for names (`names=1`), as every
other export of the package does. The groups' rows follow the participants' table
below one empty row (a second table: Excel and pivot tables stop at an empty row).
"""
from ..case.paper_progress import Texts as PaperTexts
from ..core import dates
from ..core.i18n import _
from .views import BEHIND_LABELS, STATUS_LABELS


def _prefix(overview, case):
    """A case's columns are headed by its title when the course has more than one case key."""
    return f'{case["title"]}: ' if len(overview.cases) > 1 else ""


def _case_columns(overview, case, t):
    pre = _prefix(overview, case)
    return [pre + text for text in (
        [t(_("sessions attended"))]
        + [t(_("attended session %(number)s")) % {"number": s["number"]} for s in case["sessions"]]
        + [t(_("case title")), t(_("last entry")), t(_("entries")), t(_("open actions")),
           t(_("overdue actions")), t(_("paper")), t(_("presented"))]
        + ([t(_("status"))] if case["awards"] else []))]


def _columns(overview, t):
    case = [name for meta in overview.cases for name in _case_columns(overview, meta, t)]
    rounds = []
    for meta in overview.rounds:
        rounds += [f"{meta['title']}: {t(label)}" for label in (
            _("update posted"), _("feedback owed"), _("feedback given"), _("feedback received"),
            _("mean helpfulness received"))]
    dilemmas = [f"{meta['title']}: {t(_('took part'))}" for meta in overview.dialogues]
    scans = ([t(_("trust scans done")), t(_("first trust scan")), t(_("last trust scan"))]
             if overview.scans else [])
    return case, rounds, dilemmas, scans


def header(overview, t, with_names):
    case, rounds, dilemmas, scans = _columns(overview, t)
    who = [t(_("username")), t(_("name"))] if with_names else [t(_("anonymous id"))]
    return who + [t(_("group")), t(_("mentor"))] + case + rounds + dilemmas + scans + [t(_("behind in"))]


def participant_rows(overview, t, with_names, username_of, zone_name):
    yes, no = t(_("yes")), t(_("no"))
    paper = PaperTexts(t)

    def cell(value):
        return "" if value is None else (yes if value else no)

    for r in overview.participants:
        row = [username_of(r["id"]), r["name"]] if with_names else [r["id"]]
        row += [r["group"], ", ".join(r["mentors"])]
        for case, c in zip(overview.cases, r["cases"]):
            row += ([c["attended"]] + [cell(c["attendance"][s["number"]]) for s in case["sessions"]]
                    + [c["case_title"], dates.csv_moment(c["last_entry_at"], zone_name), c["entry_total"],
                       c["open_actions"], c["overdue_actions"], paper.label(c["paper_status"], c["readers_in"]), cell(c["presented"])]
                    + ([t(STATUS_LABELS[c["status"]]) if c["status"] else ""] if case["awards"] else []))
        for c in r["rounds"]:
            row += ([cell(c["posted"]), c["owes"], c["gave"], c["received"], c["helpfulness"]] if c["in_round"]
                    else ["", "", "", "", ""])
        row += [cell(n in r["dilemmas"]) for n in range(len(overview.dialogues))]
        if overview.scans:
            row += [r["scans_done"], dates.csv_moment(r["scan_first"], zone_name) if r["scan_first"] else "",
                    dates.csv_moment(r["scan_last"], zone_name) if r["scan_last"] else ""]
        row.append("; ".join(t(BEHIND_LABELS[b]) for b in r["behind"]))
        yield row


def group_table(overview, t):
    """The appendix: its header, then one row per group with the figures summed."""
    head = [t(_("group")), t(_("members"))]
    for case in overview.cases:
        pre = _prefix(overview, case)
        head += [pre + text for text in (
            [t(_("present at session %(number)s")) % {"number": s["number"]} for s in case["sessions"]]
            + [t(_("entries")), t(_("open actions")), t(_("overdue actions")), t(_("papers")), t(_("presented"))])]
    if overview.rounds:
        head += [t(_("updates posted")), t(_("feedback owed")), t(_("feedback given")), t(_("feedback received")),
                 t(_("mean helpfulness received"))]
    if overview.dialogues:
        head.append(t(_("dilemmas taken part in")))
    if overview.scans:
        head.append(t(_("trust scans done")))
    head.append(t(_("members behind")))
    rows = [head]
    for g in overview.groups:
        row = [g["name"], g["size"]]
        for case, c in zip(overview.cases, g["cases"]):
            row += [c["present"][s["number"]] for s in case["sessions"]] + [
                c["entry_total"], c["open_actions"], c["overdue_actions"], c["papers"], c["presented"]]
        if overview.rounds:
            row += [g["posted"], g["owes"], g["gave"], g["received"], g["helpfulness"]]
        if overview.dialogues:
            row.append(g["dilemmas"])
        if overview.scans:
            row.append(g["scans_done"])
        rows.append(row + [g["behind"]])
    return rows


def report_row(overview, row, zone_name):
    """One participant's row of the instructor report (plain English keys, as the
    other blocks' `generate_report_data` give them)."""
    report = {"group": row["group"], "mentor": ", ".join(row["mentors"])}
    for case, c in zip(overview.cases, row["cases"]):
        pre = _prefix(overview, case)
        report.update({pre + key: value for key, value in (
            ("sessions attended", c["attended"]), ("case title", c["case_title"]),
            ("last entry", dates.csv_moment(c["last_entry_at"], zone_name)), ("entries", c["entry_total"]),
            ("open actions", c["open_actions"]), ("overdue actions", c["overdue_actions"]),
            ("paper", c["paper_status"]), ("presented", bool(c["presented"])))})
        if case["awards"]:
            report[pre + "status"] = c["status"]
    if overview.rounds:
        report.update({"updates posted": row["posted"], "feedback owed": row["owes"], "feedback given": row["gave"],
                       "feedback received": row["received"], "mean helpfulness received": row["helpfulness"]})
    if overview.dialogues:
        report["dilemmas taken part in"] = len(row["dilemmas"])
    if overview.scans:
        report.update({"trust scans done": row["scans_done"],
                       "first trust scan": dates.csv_moment(row["scan_first"], zone_name) if row["scan_first"] else "",
                       "last trust scan": dates.csv_moment(row["scan_last"], zone_name) if row["scan_last"] else ""})
    report["behind in"] = ", ".join(row["behind"])
    return report
