"""The distribution chart, drawn on the server as SVG (as trust_scan/chart.py is).

One row per option: its label on a line of its own, a solid bar for the first
vote and, once anyone has re-voted, a hatched bar for the latest positions
below it, each with its count written at its end. The bars differ in pattern,
not only colour (WCAG 1.4.1), and the same numbers are in a table next to the
chart for screen readers (the SVG is an image with a title and description).
Widths are percentages and there is no viewBox, so text keeps its size from a
320 px phone up to a projector. In the presenter view (`scale_with_text=True`)
every length is in em of the text around the chart instead of pixels, so the
labels are as large as the view's own large type and the rows grow with them.
"""
import textwrap
from html import escape

FONT_SIZE = 14
LINE = 18
BAR_HEIGHT = 16
BAR_GAP = 4
ROW_GAP = 14
LABEL_CHARS = 34
PLOT_LEFT, PLOT_RIGHT = 1.0, 88.0       # percent; the count is written right of the bar
FIRST_COLOUR = "#1f5f8b"                # 7.1:1 on white
FINAL_COLOUR = "#8a4500"                # 6.5:1 on white
TEXT_COLOUR = "#1a1a1a"


def _length(pixels, em):
    """A length drawn at FONT_SIZE px; in em of the surrounding text when `em`."""
    return f"{pixels / FONT_SIZE:.3f}em" if em else str(pixels)


def _text(x, y, text, em, dx=0):
    shift = f' dx="{_length(dx, em)}"' if dx else ""
    size = "1em" if em else FONT_SIZE
    return (f'<text x="{x}" y="{_length(y, em)}"{shift} font-size="{size}" fill="{TEXT_COLOUR}">'
            f'{escape(text)}</text>')


def _bar(y, count, largest, fill, em, pattern_id=None):
    width = (PLOT_RIGHT - PLOT_LEFT) * (count / largest) if largest else 0
    paint = f"url(#{pattern_id})" if pattern_id else fill
    parts = []
    if count:
        parts.append(f'<rect x="{PLOT_LEFT}%" y="{_length(y, em)}" width="{width:.2f}%" '
                     f'height="{_length(BAR_HEIGHT, em)}" fill="{paint}" stroke="{fill}" stroke-width="1.5"/>')
    parts.append(_text(f"{PLOT_LEFT + width:.2f}%", y + BAR_HEIGHT - 3, str(count), em, dx=6))
    return parts


def distribution_svg(rows, *, show_final, title, description, legend, id_prefix="dialogue-chart",
                     scale_with_text=False):
    """`rows`: [{"label", "first", "final"}]; `legend`: {"first", "final"} labels.
    `scale_with_text`: lengths in em of the surrounding text (the presenter view)."""
    em = scale_with_text
    largest = max([r["first"] for r in rows] + [r["final"] for r in rows if show_final] + [1])
    pattern = f"{id_prefix}-hatch"
    body, y = [], 0
    for row in rows:
        for line in textwrap.wrap(row["label"], LABEL_CHARS, break_long_words=True) or [""]:
            y += LINE
            body.append(_text(f"{PLOT_LEFT}%", y - 4, line, em))
        y += 2
        body += _bar(y, row["first"], largest, FIRST_COLOUR, em)
        y += BAR_HEIGHT + BAR_GAP
        if show_final:
            body += _bar(y, row["final"], largest, FINAL_COLOUR, em, pattern)
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP - BAR_GAP
    y += 4
    swatch_size = f'width="{_length(16, em)}" height="{_length(12, em)}"'
    entries = [("first", f'<rect x="{PLOT_LEFT}%" y="{{top}}" {swatch_size} fill="{FIRST_COLOUR}"/>')]
    if show_final:
        entries.append(("final", f'<rect x="{PLOT_LEFT}%" y="{{top}}" {swatch_size} fill="url(#{pattern})" '
                                 f'stroke="{FINAL_COLOUR}" stroke-width="1.5"/>'))
    for key, swatch in entries:
        y += LINE + 2
        body.append(swatch.format(top=_length(y - 15, em)))
        body.append(_text(f"{PLOT_LEFT}%", y - 4, legend[key], em, dx=24))
    defs = (f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<rect width="3" height="6" fill="{FINAL_COLOUR}"/></pattern></defs>')
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leergang-chart dialogue-chart" width="100%" '
        f'height="{_length(y + 6, em)}" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" focusable="false">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        defs, *body, "</svg>",
    ])
