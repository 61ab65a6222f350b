"""Downloads: CSV for staff (Excel-friendly, formula-safe) and a participant's
own data as JSON (AVG/GDPR right of access)."""
import csv
import io
import json

from webob import Response

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix text that a spreadsheet would evaluate, so it shows as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename, header, rows):
    """UTF-8 with a byte-order mark, so Excel opens Dutch text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise_formula(h) for h in header])
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in row])
    return Response(
        body=("\ufeff" + buffer.getvalue()).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        content_disposition=f'attachment; filename="{filename}"',
    )


def json_download(filename, payload):
    return Response(
        body=json.dumps(payload, ensure_ascii=False, indent=2, default=str).encode("utf-8"),
        content_type="application/json",
        charset="utf-8",
        content_disposition=f'attachment; filename="{filename}"',
    )
