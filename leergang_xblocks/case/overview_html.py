"""The staff overview's table rows as HTML (case/staff.py `staff_overview`), with the
attendance cells of the grid save (case/attendance.py)."""
import html

from .attendance import state_of


STATES = ("unrecorded", "present", "absent")


def _state_options(state_labels):
    """{state: the select's options with that state selected}: the same three strings for
    every cell of the grid, built once per overview (6,000 rows have 42,000 cells)."""
    e = html.escape
    return {state: "".join(f'<option value="{key}"{" selected" if key == state else ""}>{e(state_labels[key])}</option>'
                           for key in STATES) for state in STATES}


def _attendance_select(a, options_of):
    """One attendance cell: a select with the three states as visible text, labelled with
    the participant and the session; `data-was` is what the page loaded (the save's check).
    `options_of`: `_state_options`."""
    e = html.escape
    state = state_of(a["value"])
    return (f'<td role="cell" data-label="{e(a["column"])}" class="case-att-cell case-att-{state}">'
            f'<select class="case-att" data-session="{a["number"]}" '
            f'data-was="{state}" aria-label="{e(a["label"])}">{options_of[state]}</select></td>')


def _cell(key, label, content, extra=""):
    """A cell with its column's name (shown before it when a phone stacks the rows)."""
    return f'<td role="cell" data-label-key="{key}" data-label="{html.escape(label)}"{extra}>{content}</td>'


def rows_html(rows, team, open_label, state_labels, columns, awards=True):
    """The overview's table rows, built directly: a Django template took seconds for 10,000
    rows of nine cells. Every value is escaped here. `columns`: the translated column names; `awards`: the programme awards
    something, so each row has its status (else no status cell at all).
    The order is the header's (templates/staff_overview.html): what staff look for first
    (status, paper) comes before the session columns, so it is in view at 1280 px."""
    e = html.escape
    options_of = _state_options(state_labels)
    out = []
    for r in rows:
        name = r["name"] or r["id"]
        was = "1" if r["presented"] else "0"
        cells = [f'<th scope="row" role="rowheader">{e(name)}</th>']
        if team:
            cells.append(_cell("group", columns["group"], e(r["group"])))
        cells += [*([_cell("status", columns["status"], e(r["status_label"]))] if awards else []),
                  _cell("paper", columns["paper"], e(r["paper_label"])),
                  _cell("presented", columns["presented"],
                        f'<input type="checkbox" class="case-presented" data-was="{was}"'
                        f'{" checked" if r["presented"] else ""} aria-label="{e(r["presented_label"])}">'),
                  _cell("title", columns["title"], e(r["title"] or "—")),
                  _cell("last", columns["last"], e(r["last_text"] or "—")),
                  _cell("entries", columns["entries"], str(r["entry_total"])),
                  _cell("overdue", columns["overdue"], str(r["overdue_actions"]))]
        cells += [_attendance_select(a, options_of) for a in r["attendance_list"]]
        cells.append(_cell("open", columns["open"], f'<button type="button" class="leergang-button leergang-secondary '
                                                    f'case-open" data-id="{e(r["id"])}">{e(open_label)}</button>'))
        out.append(f'<tr role="row" data-id="{e(r["id"])}" data-name="{e(name)}" data-group="{e(r["group"])}" '
                   f'data-title="{e(r["title"])}" data-last="{e(r["last_entry_at"])}" data-entries="{r["entry_total"]}" '
                   f'data-overdue="{r["overdue_actions"]}" data-paper="{e(r["paper_status"])}"'
                   + (f' data-status="{e(r["status"])}"' if awards else "") + f'>{"".join(cells)}</tr>')
    return "\n".join(out)
