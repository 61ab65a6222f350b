"""The programme overview (`leergang_programme`): one staff view of every leergang block
of a course, one row per participant and per group. See block.py."""
