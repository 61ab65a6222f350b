"""The package's own Django app (label ``leergang_stores``): everything the blocks
keep that is not a learner's artefact: locks, private working state, group sets
and memberships, mentors, moderation, tallies and aggregates, shared logs,
course-level records and the names a staff view needs.

Learners' artefacts (what a participant hands in and the platform's tools read,
scores set for them) stay in edx-submissions, reached through
``submissions.api`` only.

Layout:
- apps.py      the AppConfig, registered in the LMS and Studio through the
               platform's plugin entry points (``lms.djangoapp``, ``cms.djangoapp``)
- models/      the tables, one module per concern; only api/ imports them
- migrations/  what the platform's ``migrate`` runs (Tutor runs it on launch)
- api/         the only code that touches the models; blocks and core call it
- data.py      frozen dataclasses the api returns (no Django imports)
- errors.py    the api's exceptions
"""
