"""The overview's two tables, participants and groups, described as data: their
headings, their columns' headers (a case's over its columns when the course has more
than one case key) and their rows' HTML (views.py). The template (templates/programme.html)
renders both from one definition, so the two can never disagree in markup; the spans
of the case headings are counted from the columns, not written down beside them.
"""
from ..core.i18n import _
from . import views


def _header(text, title=""):
    """A column header; `title`: the full name a short header abbreviates."""
    return {"text": text, "title": title}


def _rest(overview, columns):
    """The columns after the cases' (rounds, dilemmas, scans, behind): the same in both tables."""
    found = [_header(columns[key]) for key in ("posted", "owes", "gave", "received", "helpfulness")
             if overview.rounds]
    if overview.dialogues:
        found.append(_header(columns["dilemmas"]))
    if overview.scans:
        found.append(_header(columns["scans"]))
    return found + [_header(columns["behind"])]


def _participant_case(case, columns):
    found = [_header(columns["attended"])]
    found += [_header(s["label"], s["theme"] + (f', {s["date_text"]}' if s["date_text"] else ""))
              for s in case["sessions"]]
    found += [_header(columns[key]) for key in ("title", "last", "entries", "open", "overdue", "paper", "presented")]
    return found + ([_header(columns["status"])] if case["awards"] else [])


def _group_case(case, columns, present):
    found = [_header(s["label"], f'{present}: {s["theme"]}') for s in case["sessions"]]
    return found + [_header(columns[key]) for key in ("entries", "open", "overdue", "papers", "presented")]


def _table(key, title, lead, cases, per_case, rest, rows_html, **extra):
    return {"key": key, "title": title, "rows_html": rows_html, "case_headings": len(cases) > 1,
            "lead_span": len(lead), "rest_span": len(rest),
            "cases": [{"title": case["title"], "span": len(headers)} for case, headers in zip(cases, per_case)],
            "headers": lead + [h for headers in per_case for h in headers] + rest,
            "hint": "", "empty": "", "case_heading_class": "programme-case-heading", **extra}


def tables(block, overview, labels):
    """[participants' table, groups' table (when there are groups)] for the template."""
    t, columns = block.translate, labels.columns
    cases = [{**case, "sessions": views.session_headers(case["sessions"], labels)} for case in overview.cases]
    rest = _rest(overview, columns)
    found = [_table(
        "people", t(_("Participants")),
        [_header(t(_("Participant"))), _header(columns["group"]), _header(columns["mentors"])],
        cases, [_participant_case(case, columns) for case in cases], rest,
        views.participant_rows_html(overview, labels),
        empty="" if overview.participants else t(_("Nobody has taken part in this course's blocks yet.")))]
    if overview.groups:
        found.append(_table(
            "groups", t(_("Groups")), [_header(columns["group"]), _header(columns["size"])],
            cases, [_group_case(case, columns, labels.attendance[True]) for case in cases], rest,
            views.group_rows_html(overview, labels),
            hint=t(_("Each group's figures are its members' summed; helpfulness is the mean of the members' means.")),
            case_heading_class="programme-case-heading-group"))
    return found
