"""The names a staff view needs, kept in a table of our own (never in another app's)."""
from django.db import models


class Participant(models.Model):
    """Who one anonymous id of a course is, as the platform's `user` service said when
    they last acted in a block of this package (or when staff named them in a
    pasted `username,group` line).

    Staff views of 10,000 rows (group overviews, CSVs) read names from here in
    one query instead of asking the user service 10,000 times.

    .. pii: The username and full name of a course participant, and their LMS user id.
    .. pii_types: username, name, id
    .. pii_retirement: local_api
       Deleted when the platform retires the user (the ``USER_RETIRE_LMS_MISC``
       signal, see leergang_xblocks/stores/retirement.py), with every other row
       of this package about their anonymous ids.
    """

    course_id = models.CharField(max_length=255)
    anonymous_id = models.CharField(max_length=128)
    # The LMS user id (`edx-platform.user_id` in the user service's opt_attrs):
    # how a retirement, which names the user, finds their anonymous ids.
    user_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    username = models.CharField(max_length=150, blank=True, default="")
    full_name = models.CharField(max_length=255, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "leergang_stores"
        constraints = [models.UniqueConstraint(fields=["course_id", "anonymous_id"],
                                               name="leergang_participant_once")]
        indexes = [models.Index(fields=["username"], name="leergang_participant_username")]
