"""What the leergang blocks share. One module per concern:

- platform.py   the one adapter between the LMS, Studio and the workbench (identity, course,
                staff viewing as a learner, teams on or off, Studio authorship)
- handlers.py   JSON handlers: checked input, 4xx errors, staff guard, writes=True
- storage.py    records in edx-submissions, aggregated on read; the serialised write step
- blocks.py     the block mixin: i18n, Studio editing, completion, events, own-data download,
                clear_student_state
- i18n.py       translations for Python, templates and JS
- rendering.py  templates and fragments through xblock.utils
- export.py     CSV (Excel-safe) and JSON downloads
- authored_yaml.py  YAML authored in Studio, with line numbers in errors
- validation.py the shapes handlers and Studio saves are checked against (pydantic, strict)
- groups.py     small groups behind one interface: Open edX teams or a course's group set
- group_store.py, group_records.py, group_staff.py
                a group set's versions and members; records only one group reads;
                the staff tools (GroupsMixin) every block that works in groups mixes in
- group_records_staff.py  every group's records of a block in one read, for staff views
- mentor_store.py  mentors: who follows which group; GroupRecords lets them read and write there
- moderation.py flags and hidden items (hidden for learners, kept in the record)
- course_records.py  records and a lock that belong to the course rather than one block
- shared_log.py append-only logs many participants write and read at a bounded cost
- static/leergang_core.js  what every block's JS uses (window.LeergangCore):
      initializer(fn)        wrap the block's init: an error never stops the next block
      postJSON / getJSON     handler calls with the CSRF header; {keepalive: true} option
      announce / showError   text into a live region (role=status / alert) placed
                             next to what it is about, present from page load
      preventImplicitSubmit  Enter in a field never sends a form
      flushWhenHidden(fn)    fn({keepalive: true}) on pagehide / visibilitychange

The rule for writing participant data (details in storage.py): one participant's
requests overlap (double clicks, two tabs, autosave racing submit), so

1. a handler that writes declares `@json_handler(..., writes=True)`; it then runs
   inside `storage.participant_write`, one transaction that first locks this
   participant's row for this block, and the block's fields are saved inside it;
2. the checks that decide a write (submitted already? which attempt? is this
   draft version current?) read the records inside that step, and the write
   happens there too;
3. user state that mirrors records is derived from the records, never read from
   `Scope.user_state` (the LMS reads it before the handler runs, so it can be
   stale, and writes it back whole); private working state (drafts, notes) is a
   versioned private record (`storage.PrivateState`), not user state;
4. a block lists what it writes in `participant_stores`, so that the LMS's
   "Delete learner's state" (`clear_student_state`) clears all of it.
"""
