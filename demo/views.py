"""The demo's "Reset state": everything a participant did is gone, records included.

The stock workbench view deletes the key-value store only, so the trust scan's
records (edx-submissions rows) survived: a participant then saw their results
(or, before results were derived from records, a blank form answering 409).
It also read the Referer header unconditionally, a 500 without one.
"""
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from workbench.runtime import ID_MANAGER, WORKBENCH_KVS

from leergang_xblocks.core import storage
from leergang_xblocks.dialogue import live_follow
from leergang_xblocks.stores.api import group_records, groups, mentors, moderation, participants


def _mark_every_submission_deleted():
    """Every learner's edx-submissions rows, marked deleted as its reset_score
    does. Demo only: the package itself reaches edx-submissions through its
    API, which has no "every learner" reset."""
    from submissions.models import DELETED, Submission
    Submission.objects.exclude(status=DELETED).update(status=DELETED)


@csrf_exempt  # as the stock view: the workbench's own page posts it without a token
@require_POST
def reset_state(request):
    from demo.scenarios import init_scenarios_with_sample_courses

    WORKBENCH_KVS.clear()
    ID_MANAGER.clear()
    storage.delete_all_records()
    for store in (groups, group_records, mentors, moderation, participants):  # the group side's tables
        store.delete_all()
    _mark_every_submission_deleted()
    live_follow.forget()  # the live views' followed records were just deleted
    cache.clear()  # cached cohort means were computed from the deleted records
    init_scenarios_with_sample_courses()
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = "/"
    return redirect(back)
