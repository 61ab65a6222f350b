"""The results chart, drawn on the server as SVG.

No chart library and no JS: the SVG arrives with the page, prints, and works
without scripts. It is marked as an image with a text alternative; the same
numbers are in a data table beside it for screen readers (WCAG 1.1.1, 1.4.1:
the markers differ in shape, not only in colour).
"""
from html import escape

ROW_HEIGHT = 44
LABEL_WIDTH = 230
PLOT_WIDTH = 360
TOP = 30
OWN_COLOUR = "#1f5f8b"      # 7.1:1 on white
COHORT_COLOUR = "#8a4500"   # 6.5:1 on white
EARLIER_COLOUR = "#4d4d4d"


def _x(value, points):
    return LABEL_WIDTH + (value - 1) / (points - 1) * PLOT_WIDTH


def results_svg(rows, points, *, title, description, legend, id_prefix="chart"):
    """Draw one row per dimension.

    `rows`: dicts with `name`, `score`, and optional `cohort` and `earlier`
    (numbers on the 1..points scale, or None). `legend`: translated labels for
    'own', 'cohort' and 'earlier'.
    """
    height = TOP + ROW_HEIGHT * len(rows) + 40
    width = LABEL_WIDTH + PLOT_WIDTH + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leergang-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" focusable="false">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    for tick in range(1, points + 1):
        x = _x(tick, points)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{TOP + ROW_HEIGHT * len(rows)}" '
                     f'stroke="#c8c8c8" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP - 12}" text-anchor="middle" font-size="12" fill="#1a1a1a">{tick}</text>')
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        parts.append(f'<text x="0" y="{y + 25}" font-size="13" fill="#1a1a1a">{escape(_clip(row["name"]))}</text>')
        if row.get("score") is not None:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 12}" width="{_x(row["score"], points) - LABEL_WIDTH:.1f}" '
                         f'height="18" fill="{OWN_COLOUR}"/>')
        if row.get("cohort") is not None:
            x = _x(row["cohort"], points)
            parts.append(f'<path d="M{x:.1f} {y + 6} l7 15 l-7 15 l-7 -15 z" fill="{COHORT_COLOUR}" '
                         f'stroke="#ffffff" stroke-width="1.5"/>')
        if row.get("earlier") is not None:
            x = _x(row["earlier"], points)
            parts.append(f'<circle cx="{x:.1f}" cy="{y + 21}" r="6" fill="#ffffff" '
                         f'stroke="{EARLIER_COLOUR}" stroke-width="3"/>')
    y = TOP + ROW_HEIGHT * len(rows) + 22
    parts.append(f'<rect x="{LABEL_WIDTH}" y="{y - 10}" width="14" height="12" fill="{OWN_COLOUR}"/>')
    parts.append(f'<text x="{LABEL_WIDTH + 20}" y="{y}" font-size="12" fill="#1a1a1a">{escape(legend["own"])}</text>')
    if any(r.get("cohort") is not None for r in rows):
        parts.append(f'<path d="M{LABEL_WIDTH + 127} {y - 12} l6 8 l-6 8 l-6 -8 z" fill="{COHORT_COLOUR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + 138}" y="{y}" font-size="12" fill="#1a1a1a">{escape(legend["cohort"])}</text>')
    if any(r.get("earlier") is not None for r in rows):
        parts.append(f'<circle cx="{LABEL_WIDTH + 257}" cy="{y - 4}" r="5" fill="#ffffff" '
                     f'stroke="{EARLIER_COLOUR}" stroke-width="3"/>')
        parts.append(f'<text x="{LABEL_WIDTH + 268}" y="{y}" font-size="12" fill="#1a1a1a">{escape(legend["earlier"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text, limit=34):
    return text if len(text) <= limit else text[: limit - 1] + "…"
