"""The results chart, drawn on the server as SVG.

No chart library and no JS: the SVG arrives with the page, prints, and works
without scripts. It is marked as an image with a text alternative; the same
numbers are in a data table beside it for screen readers (WCAG 1.1.1, 1.4.1:
the markers differ in shape, not only in colour).

The SVG has no viewBox: its user unit is the CSS pixel, so text keeps its size
at any width (a scaled viewBox shrank it to about 6 px on a phone). Horizontal
positions are percentages of the chart's width, so the chart is as wide as the
block, from a 320 px phone up. Each dimension's name has a line of its own
above its bar, wrapped on the server, so nothing needs room beside the bars.
"""
import textwrap
from html import escape

FONT_SIZE = 14          # CSS px, as rendered: the SVG is never scaled
LINE = 18               # height of one text line
BAR_HEIGHT = 18
ROW_GAP = 14
LABEL_CHARS = 30        # a line of 30 characters at 14 px fits a 320 px phone
PLOT_LEFT, PLOT_RIGHT = 3.0, 97.0   # percent of the width; room for half a marker
OWN_COLOUR = "#1f5f8b"      # 7.1:1 on white
COHORT_COLOUR = "#8a4500"   # 6.5:1 on white
EARLIER_COLOUR = "#4d4d4d"
TEXT_COLOUR = "#1a1a1a"


def _x(value, points):
    """Horizontal position of a score, in percent of the chart's width."""
    return PLOT_LEFT + (value - 1) / (points - 1) * (PLOT_RIGHT - PLOT_LEFT)


def _lines(name):
    return textwrap.wrap(name, LABEL_CHARS, break_long_words=True) or [""]


def _text(x, y, text, anchor="start", dx=0):
    shift = f' dx="{dx}"' if dx else ""
    return (f'<text x="{x}" y="{y}"{shift} text-anchor="{anchor}" font-size="{FONT_SIZE}" '
            f'fill="{TEXT_COLOUR}">{escape(text)}</text>')


def _diamond(x_percent, y, size=7, shift=0):
    # A path cannot take percentages: a nested svg places it, drawn round its origin
    # (moved `shift` px to the right).
    return (f'<svg x="{x_percent:.2f}%" y="{y}" overflow="visible">'
            f'<path d="M{shift} {-2 * size} l{size} {2 * size} l{-size} {2 * size} l{-size} {-2 * size} z" '
            f'fill="{COHORT_COLOUR}" stroke="#ffffff" stroke-width="1.5"/></svg>')


def _circle(x_percent, y, r=6, shift=0):
    moved = f' transform="translate({shift} 0)"' if shift else ""
    return (f'<circle cx="{x_percent:.2f}%" cy="{y}" r="{r}"{moved} fill="#ffffff" '
            f'stroke="{EARLIER_COLOUR}" stroke-width="3"/>')


def results_svg(rows, points, *, title, description, legend, id_prefix="chart"):
    """Draw one row per dimension: its name, then its bar and markers.

    `rows`: dicts with `name`, `score`, and optional `cohort` and `earlier`
    (numbers on the 1..points scale, or None). `legend`: translated labels for
    'own', 'cohort' and 'earlier'.
    """
    body = []
    y = LINE  # the scale's numbers on top
    for tick in range(1, points + 1):
        body.append(_text(f"{_x(tick, points):.2f}%", y - 4, str(tick), "middle"))
    grid_top = y + 2
    y += 8
    for row in rows:
        for line in _lines(row["name"]):
            y += LINE
            body.append(_text(f"{PLOT_LEFT}%", y - 4, line))
        bar_top = y + 2
        if row.get("score") is not None:
            width = _x(row["score"], points) - PLOT_LEFT
            body.append(f'<rect x="{PLOT_LEFT}%" y="{bar_top}" width="{width:.2f}%" height="{BAR_HEIGHT}" '
                        f'fill="{OWN_COLOUR}"/>')
        middle = bar_top + BAR_HEIGHT // 2
        if row.get("cohort") is not None:
            body.append(_diamond(_x(row["cohort"], points), middle))
        if row.get("earlier") is not None:
            body.append(_circle(_x(row["earlier"], points), middle))
        y = bar_top + BAR_HEIGHT + ROW_GAP
    grid = [f'<line x1="{_x(tick, points):.2f}%" y1="{grid_top}" x2="{_x(tick, points):.2f}%" y2="{y - ROW_GAP + 4}" '
            f'stroke="#c8c8c8" stroke-width="1"/>' for tick in range(1, points + 1)]
    # The legend: one entry a line, so it fits the narrowest screen.
    y += 4
    entries = [("own", f'<rect x="{PLOT_LEFT}%" y="{{top}}" width="14" height="12" fill="{OWN_COLOUR}"/>')]
    if any(r.get("cohort") is not None for r in rows):
        entries.append(("cohort", None))
    if any(r.get("earlier") is not None for r in rows):
        entries.append(("earlier", None))
    legend_parts = []
    for key, swatch in entries:
        y += LINE + 4
        middle = y - 9
        if key == "own":
            legend_parts.append(swatch.format(top=middle - 6))
        elif key == "cohort":
            legend_parts.append(_diamond(PLOT_LEFT, middle, size=6, shift=7))
        else:
            legend_parts.append(_circle(PLOT_LEFT, middle, r=5, shift=7))
        legend_parts.append(_text(f"{PLOT_LEFT}%", y - 4, legend[key], dx=22))
    height = y + 6
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leergang-chart" width="100%" height="{height}" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" focusable="false">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        *grid, *body, *legend_parts,
        "</svg>",
    ])
