"""The staff overview's table rows as HTML (case/staff.py `staff_overview`), with the
attendance cells of the grid save (case/attendance.py)."""
import html

from .attendance import state_of


def _attendance_select(a, state_labels):
    """One attendance cell: a select with the three states as visible text, labelled with
    the participant and the session; `data-was` is what the page loaded (the save's check)."""
    e = html.escape
    state = state_of(a["value"])
    options = "".join(f'<option value="{key}"{" selected" if key == state else ""}>{e(state_labels[key])}</option>'
                      for key in ("unrecorded", "present", "absent"))
    return (f'<td class="case-att-cell case-att-{state}"><select class="case-att" data-session="{a["number"]}" '
            f'data-was="{state}" aria-label="{e(a["label"])}">{options}</select></td>')


def rows_html(rows, team, open_label, state_labels, awards=True):
    """The overview's table rows, built directly: a Django template took seconds for 10,000
    rows of nine cells. Every value is escaped here. `awards`: the programme awards
    something, so each row has its status (else no status cell at all)."""
    e = html.escape
    out = []
    for r in rows:
        name = r["name"] or r["id"]
        cells = [f'<th scope="row">{e(name)}</th>']
        if team:
            cells.append(f"<td>{e(r['group'])}</td>")
        cells += [f"<td>{e(r['title'] or '—')}</td>", f"<td>{e(r['last_entry_at'][:10] or '—')}</td>",
                  f"<td>{r['entry_total']}</td>", f"<td>{r['overdue_actions']}</td>"]
        cells += [_attendance_select(a, state_labels) for a in r["attendance_list"]]
        was = "1" if r["presented"] else "0"
        cells += [f"<td>{e(r['paper_label'])}</td>",
                  f'<td><input type="checkbox" class="case-presented" data-was="{was}"'
                  f'{" checked" if r["presented"] else ""} aria-label="{e(r["presented_label"])}"></td>',
                  *([f"<td>{e(r['status_label'])}</td>"] if awards else []),
                  f'<td><button type="button" class="leergang-button leergang-secondary case-open" '
                  f'data-id="{e(r["id"])}">{e(open_label)}</button></td>']
        out.append(f'<tr data-id="{e(r["id"])}" data-name="{e(name)}" data-group="{e(r["group"])}" '
                   f'data-title="{e(r["title"])}" data-last="{e(r["last_entry_at"])}" data-entries="{r["entry_total"]}" '
                   f'data-overdue="{r["overdue_actions"]}" data-paper="{e(r["paper_status"])}"'
                   + (f' data-status="{e(r["status"])}"' if awards else "") + f'>{"".join(cells)}</tr>')
    return "\n".join(out)
