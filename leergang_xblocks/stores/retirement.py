"""Erasure when the platform retires a user (AVG/GDPR article 17).

The LMS's retirement pipeline calls ``POST /api/user/v1/accounts/retire_misc/``
(`LMSAccountRetirementView.post` in
openedx/core/djangoapps/user_api/accounts/views.py, openedx/openedx-platform at
14f7dc8962faf4c8c762c1182add032f181a3180), which sends
``USER_RETIRE_LMS_MISC.send(sender=self.__class__, user=retirement.user)``; the
signal is defined in openedx/core/djangoapps/user_api/accounts/signals.py
(openedx/edx-platform at 07e30648f2ca5d4afdbc1e5e857b33f7aced3422) as a plain
``Signal()`` providing ``user``: the platform's documented hook for plugins
("allows code in higher points of LMS to retire the user as necessary").

This is the package's only import from the platform, behind a guard: outside
the LMS (the demo, the tests) a plain Signal of our own stands in, as
platform-plugin-aspects does, so the tests can send it.

On the signal, every row of this package about the user's anonymous ids (found
through the Participant table, by user id, or by username for rows that never
learned it) is removed or anonymised by the erasers registered in
stores/api/erasure.py.
"""
from django.dispatch import Signal

try:
    from openedx.core.djangoapps.user_api.accounts.signals import USER_RETIRE_LMS_MISC
except ImportError:  # not in the LMS
    USER_RETIRE_LMS_MISC = Signal()

DISPATCH_UID = "leergang_xblocks.stores.retirement"


def on_retire(sender, user=None, **kwargs):  # noqa: ARG001 - the signal's arguments
    """Erase everything this package keeps about `user` (the platform's User)."""
    from .api import erasure  # noqa: PLC0415 - the models load after the app registry

    if user is None:
        return []
    return erasure.erase_user(getattr(user, "id", None), getattr(user, "username", "") or "")


def connect():
    """Register every store's eraser (each api module registers its own when it is
    imported) and listen for the platform's retirement signal. Called from the
    AppConfig's ready()."""
    from .api import erasure  # noqa: PLC0415 - the models load after the app registry

    # The blocks' own registrations load when an erasure runs (erase_participant):
    # importing every block while the platform is still starting is not ours to do.
    erasure.load_erasers(blocks=False)
    USER_RETIRE_LMS_MISC.connect(on_retire, dispatch_uid=DISPATCH_UID)
