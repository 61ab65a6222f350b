"""The overview's HTML: the participants' table, the groups' table and one participant's
detail, built as strings (a Django template per cell took seconds for 10,000 rows, as
the case tracker found: case/overview_html.py). Every value is escaped here.

Each cell carries its column's name (`data-label`), shown before it when a phone stacks
the rows; each row carries the values the page sorts and filters on (`data-*`).
"""
import html

from ..case.paper_progress import Texts as PaperTexts
from ..core import dates
from ..core.i18n import _

# Column names: the header (templates/programme.html) and the stacked cells use the same.
COLUMNS = {
    "group": _("Group"), "mentors": _("Mentor"), "attended": _("Attended"), "title": _("Case"),
    "last": _("Last entry"), "entries": _("Entries"), "open": _("Open actions"), "overdue": _("Overdue actions"),
    "paper": _("Paper"), "presented": _("Presented"), "status": _("Status"), "posted": _("Updates posted"),
    "owes": _("Feedback owed"), "gave": _("Feedback given"), "received": _("Feedback received"),
    "helpfulness": _("Helpfulness"), "dilemmas": _("Dilemmas"), "scans": _("Trust scans"),
    "behind": _("Behind in"), "size": _("Members"), "papers": _("Papers"), "session": _("S%(n)s"),
}
BEHIND_LABELS = {"absent": _("absent at a session"), "overdue_actions": _("an action past its date"),
                 "update_late": _("update late"), "feedback_late": _("feedback late")}
ATTENDANCE_LABELS = {True: _("present"), False: _("absent"), None: _("not recorded")}
STATUS_LABELS = {"diploma": _("Diploma"), "certificate": _("Certificate of participation"),
                 "not_yet": _("Not yet complete"), "": ""}
DETAIL_TEXTS = {
    "round": _("%(title)s: update %(posted)s, feedback given %(gave)s of %(owes)s, received %(received)s"),
    "not_in_round": _("%(title)s: not in a group of this round"),
    "dilemma_yes": _("%(title)s: took part"), "dilemma_no": _("%(title)s: did not take part"),
    "scan_yes": _("%(title)s: done"), "scan_no": _("%(title)s: not done"),
    "session": _("Session %(n)s: %(state)s, %(entries)s entries"),
}


class Labels:
    """Every label translated once (a translation per cell costs seconds at 10,000 rows)."""

    def __init__(self, block):
        t = block.translate
        self.columns = {key: t(text) for key, text in COLUMNS.items()}
        self.behind = {key: t(text) for key, text in BEHIND_LABELS.items()}
        self.attendance = {key: t(text) for key, text in ATTENDANCE_LABELS.items()}
        self.paper = PaperTexts(t)
        self.status = {key: t(text) if text else "" for key, text in STATUS_LABELS.items()}
        self.detail = {key: t(text) for key, text in DETAIL_TEXTS.items()}
        self.open = t(_("Open"))
        self.open_label = t(_("Open the detail of %(name)s"))
        self.yes, self.no = t(_("yes")), t(_("no"))
        self.language, self.zone = block.language, block.time_zone

    def day(self, value):
        return dates.date_text(value, self.language, self.zone) if value else ""


def _cell(key, label, content, attrs=""):
    return f'<td role="cell" data-label="{html.escape(label)}" class="programme-cell-{key}"{attrs}>{content}</td>'


def _number(value):
    return "" if value is None else (f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value))


def session_headers(sessions, labels):
    return [{**s, "label": labels.columns["session"] % {"n": s["number"]}, "date_text": labels.day(s["date"])}
            for s in sessions]


def _case_labels(overview, labels):
    """Per case key, the column names its cells carry: prefixed with the case's title
    when the course has more than one case key (a phone shows the name before each cell)."""
    if len(overview.cases) < 2:
        return [labels.columns] * len(overview.cases)
    # "session" is formatted with its number afterwards: a "%" in a title must stay a "%".
    return [{key: f'{case["title"].replace("%", "%%") if key == "session" else case["title"]}: {text}'
             for key, text in labels.columns.items()} for case in overview.cases]


def _case_cells(case, cell, c, labels):
    e = html.escape
    sessions = [s["number"] for s in case["sessions"]]
    cells = [_cell("attended", c["attended"], f'{cell["attended"]}/{len(sessions)}')]
    for n in sessions:
        state = cell["attendance"][n]
        cells.append(_cell("session", c["session"] % {"n": n}, e(labels.attendance[state]),
                           f' data-state="{"present" if state else "absent" if state is False else "none"}"'))
    cells += [_cell("title", c["title"], e(cell["case_title"] or "—")),
              _cell("last", c["last"], e(labels.day(cell["last_entry_at"]) or "—")),
              _cell("entries", c["entries"], str(cell["entry_total"])),
              _cell("open", c["open"], str(cell["open_actions"])),
              _cell("overdue", c["overdue"], str(cell["overdue_actions"])),
              _cell("paper", c["paper"], e(labels.paper.label(cell["paper_status"], cell["readers_in"]))),
              _cell("presented", c["presented"], labels.yes if cell["presented"] else labels.no)]
    if case["awards"]:
        cells.append(_cell("status", c["status"], e(labels.status.get(cell["status"], cell["status"]))))
    return cells


def participant_rows_html(overview, labels):
    e, c = html.escape, labels.columns
    sessions = [s["number"] for s in overview.sessions]
    case_labels = _case_labels(overview, labels)
    out = []
    for r in overview.participants:
        name = r["name"] or r["id"]
        cells = [f'<th scope="row" role="rowheader"><button type="button" class="programme-open" data-id="{e(r["id"])}"'
                 f' aria-label="{e(labels.open_label % {"name": name})}">{e(name)}</button></th>',
                 _cell("group", c["group"], e(r["group"] or "—")),
                 _cell("mentors", c["mentors"], e(", ".join(r["mentors"]) or "—"))]
        for case, cell, case_columns in zip(overview.cases, r["cases"], case_labels):
            cells += _case_cells(case, cell, case_columns, labels)
        if overview.rounds:
            cells += [_cell("posted", c["posted"], f'{r["posted"]}/{len(overview.rounds)}'),
                      _cell("owes", c["owes"], str(r["owes"])), _cell("gave", c["gave"], str(r["gave"])),
                      _cell("received", c["received"], str(r["received"])),
                      _cell("helpfulness", c["helpfulness"], _number(r["helpfulness"]) or "—")]
        if overview.dialogues:
            cells.append(_cell("dilemmas", c["dilemmas"], f'{len(r["dilemmas"])}/{len(overview.dialogues)}'))
        if overview.scans:
            span = " – ".join(dict.fromkeys(labels.day(d) for d in (r["scan_first"], r["scan_last"]) if d))
            cells.append(_cell("scans", c["scans"], e(f'{r["scans_done"]}/{len(overview.scans)}'
                                                      + (f" ({span})" if span else ""))))
        cells.append(_cell("behind", c["behind"], e(", ".join(labels.behind[b] for b in r["behind"]) or "—")))
        absent = " ".join(str(n) for n in sessions if r["attendance"][n] is not True)
        out.append(
            f'<tr role="row" data-id="{e(r["id"])}" data-name="{e(name.casefold())}" data-group="{e(r["group_id"])}"'
            f' data-group-name="{e(r["group"].casefold())}" data-behind="{len(r["behind"])}"'
            f' data-not-present="{absent}" data-entries="{sum(x["entry_total"] for x in r["cases"])}"'
            f' data-overdue="{sum(x["overdue_actions"] for x in r["cases"])}"'
            f' data-posted="{r["posted"]}" data-received="{r["received"]}" data-dilemmas="{len(r["dilemmas"])}"'
            f' data-scans="{r["scans_done"]}" data-last="{e(str(r["last_entry_at"] or ""))}">{"".join(cells)}</tr>')
    return "\n".join(out)


def group_rows_html(overview, labels):
    e, c = html.escape, labels.columns
    case_labels = _case_labels(overview, labels)
    out = []
    for g in overview.groups:
        cells = [f'<th scope="row" role="rowheader">{e(g["name"] or "—")}</th>',
                 _cell("size", c["size"], str(g["size"]))]
        for case, cell, c_case in zip(overview.cases, g["cases"], case_labels):
            cells += [_cell("session", c_case["session"] % {"n": s["number"]},
                            f'{cell["present"][s["number"]]}/{g["size"]}') for s in case["sessions"]]
            cells += [_cell(key, c_case[key], str(cell[field])) for key, field in (
                ("entries", "entry_total"), ("open", "open_actions"), ("overdue", "overdue_actions"),
                ("papers", "papers"), ("presented", "presented"))]
        if overview.rounds:
            cells += [_cell(key, c[key], _number(g[key]) or "—")
                      for key in ("posted", "owes", "gave", "received", "helpfulness")]
        if overview.dialogues:
            cells.append(_cell("dilemmas", c["dilemmas"], str(g["dilemmas"])))
        if overview.scans:
            cells.append(_cell("scans", c["scans"], str(g["scans_done"])))
        cells.append(_cell("behind", c["behind"], str(g["behind"])))
        out.append(f'<tr role="row" data-group="{e(g["id"])}">{"".join(cells)}</tr>')
    return "\n".join(out)


def detail_context(overview, row, labels):
    """One participant across the programme, as the detail panel lists it."""
    d = labels.detail
    sessions = [d["session"] % {"n": s["number"], "state": labels.attendance[row["attendance"][s["number"]]],
                                "entries": row["entries"][s["number"]]} for s in overview.sessions]
    rounds = []
    for meta, cell in zip(overview.rounds, row["rounds"]):
        if not cell["in_round"]:
            rounds.append(d["not_in_round"] % {"title": meta["title"]})
        else:
            rounds.append(d["round"] % {"title": meta["title"], "posted": labels.yes if cell["posted"] else labels.no,
                                        "gave": cell["gave"], "owes": cell["owes"], "received": cell["received"]})
    dilemmas = [d["dilemma_yes" if n in row["dilemmas"] else "dilemma_no"] % {"title": meta["title"]}
                for n, meta in enumerate(overview.dialogues)]
    return {"name": row["name"] or row["id"], "group": row["group"], "mentors": ", ".join(row["mentors"]),
            "sessions": sessions, "cases": [
                {"title": case["title"] if len(overview.cases) > 1 else "", "case_title": cell["case_title"],
                 "last": labels.day(cell["last_entry_at"]),
                 "paper": labels.paper.label(cell["paper_status"], cell["readers_in"]),
                 "status": labels.status.get(cell["status"], ""), "awards": case["awards"],
                 "open_actions": cell["open_actions"], "overdue_actions": cell["overdue_actions"]}
                for case, cell in zip(overview.cases, row["cases"])],
            "rounds": rounds, "dilemmas": dilemmas, "scans_done": row["scans_done"], "scan_count": len(overview.scans),
            "scan_first": labels.day(row["scan_first"]), "scan_last": labels.day(row["scan_last"]),
            "behind": [labels.behind[b] for b in row["behind"]]}
