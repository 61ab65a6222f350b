"""What the leergang blocks share. One module per concern:

- platform.py   the one adapter between the LMS and the workbench (identity, course)
- handlers.py   JSON handlers: checked input, 4xx errors, staff guard
- storage.py    append-only records in edx-submissions, aggregated on read
- blocks.py     the block mixin: i18n, Studio editing, completion, events, own-data download
- i18n.py       translations for Python, templates and JS
- rendering.py  templates and fragments through xblock.utils
- export.py     CSV (Excel-safe) and JSON downloads
- authored_yaml.py  YAML authored in Studio, with line numbers in errors
"""
