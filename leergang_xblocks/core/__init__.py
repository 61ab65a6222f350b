"""What the leergang blocks share. One module per concern:

- platform.py   the one adapter between the LMS and the workbench (identity, course)
- handlers.py   JSON handlers: checked input, 4xx errors, staff guard
- storage.py    append-only records in edx-submissions, aggregated on read
- blocks.py     the block mixin: i18n, Studio editing, completion, events, own-data download
- i18n.py       translations for Python, templates and JS
- rendering.py  templates and fragments through xblock.utils
- export.py     CSV (Excel-safe) and JSON downloads
- authored_yaml.py  YAML authored in Studio, with line numbers in errors
- static/leergang_core.js  what every block's JS uses (window.LeergangCore):
      initializer(fn)        wrap the block's init: an error never stops the next block
      postJSON / getJSON     handler calls with the CSRF header; {keepalive: true} option
      announce / showError   text into a live region (role=status / alert) placed
                             next to what it is about, present from page load
      preventImplicitSubmit  Enter in a field never sends a form
      flushWhenHidden(fn)    fn({keepalive: true}) on pagehide / visibilitychange
"""
