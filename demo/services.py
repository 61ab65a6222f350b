"""The platform's `user` and `i18n` services, as far as the blocks use them, for the workbench.

Choosing who you are in the demo: `?student=<id>` on any URL. Ids starting
with `staff` are course staff; `none` is a visitor who is not signed in.
The user service is shaped like the one the platform builds on the path the
request came in on (LMS, Studio save, Studio preview; see demo/platform_paths.py).
"""
import gettext as gettext_module
import warnings

from django.utils import translation
from xblock.reference.user_service import UserService, XBlockUser

from demo.platform_paths import LMS, PREVIEW, STUDIO, is_staff_id
from leergang_xblocks.core import platform
from leergang_xblocks.core.i18n import TRANSLATIONS_DIR, active_language

ANONYMOUS_VISITOR = "none"


class DemoUserService(UserService):
    """Fills the same `edx-platform.*` attributes as the platform's user service
    on the path the request came in on.

    Built by the workbench with no arguments; it sets `.runtime` afterwards.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService
    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user (its arguments in the LMS)
    Mirrors openedx/openedx-platform@4d22797209228ef2a9eb5110c0f1dd880a5f8b0a lms/djangoapps/courseware/access.py _has_access_to_course, get_user_role ("View as: Learner")
    """

    def __init__(self):
        super().__init__()
        self.runtime = None

    @property
    def _uid(self):
        with warnings.catch_warnings():
            # The workbench keeps the `?student=` id only in the deprecated Runtime.user_id.
            warnings.simplefilter("ignore")
            return str(getattr(self.runtime, "user_id", None) or ANONYMOUS_VISITOR)

    def get_current_user(self):
        uid = self._uid
        path = getattr(self.runtime, "platform_path", LMS)
        user = XBlockUser(is_current_user=True)
        if uid == ANONYMOUS_VISITOR:
            # DjangoXBlockUserService for an anonymous user: only these two keys.
            user.opt_attrs.update({platform.ATTR_IS_AUTHENTICATED: False, "edx-platform.request_country_code": None})
            return user
        user.emails = [f"{uid}@example.org"]
        user.full_name = uid
        attrs = {platform.ATTR_IS_AUTHENTICATED: True, platform.ATTR_USERNAME: uid}
        if path == STUDIO:
            # load_services_for_studio: DjangoXBlockUserService(user), nothing else.
            attrs.update({platform.ATTR_ANONYMOUS_ID: None, platform.ATTR_IS_STAFF: False,
                          platform.ATTR_USER_ROLE: "student"})
        elif path == PREVIEW:
            # _prepare_runtime_for_preview: a role from Studio's get_user_role
            # ("instructor" or "staff"), the shared anonymous id "student".
            attrs.update({platform.ATTR_ANONYMOUS_ID: "student", platform.ATTR_IS_STAFF: False,
                          platform.ATTR_USER_ROLE: "staff"})
        else:
            # prepare_runtime_for_user; a masqueraded learner looks like the learner,
            # and staff viewing as a learner lose the staff flag and role (the demo's
            # staff are course staff: user_is_global_staff stays False).
            staff = is_staff_id(uid) and not getattr(self.runtime, "viewing_as_learner", False)
            attrs.update({platform.ATTR_ANONYMOUS_ID: platform.workbench_anonymous_id(uid),
                          platform.ATTR_IS_STAFF: staff, platform.ATTR_IS_GLOBAL_STAFF: False,
                          platform.ATTR_USER_ROLE: "staff" if staff else "student"})
        user.opt_attrs.update(attrs)
        return user

    def get_anonymous_user_id(self, username, course_id):
        """Like the LMS: staff only; None for a user the demo has never seen
        (the LMS answers None for an unknown username too)."""
        from workbench.models import XBlockState  # Django models load after settings

        if not self.get_current_user().opt_attrs.get(platform.ATTR_IS_STAFF):
            return None
        if not XBlockState.objects.filter(user_id=username).exists():
            return None
        return platform.workbench_anonymous_id(username)

    def get_user_by_anonymous_id(self, anonymous_id):
        """Like the LMS: the user behind an anonymous id, for staff who ask for names."""
        from workbench.models import XBlockState  # Django models load after settings

        for (uid,) in XBlockState.objects.values_list("user_id").distinct():
            if uid and platform.workbench_anonymous_id(uid) == anonymous_id:
                return _NamedUser(uid)
        return None


class _NamedUser:
    """What the blocks read of the LMS's Django user: the username and the
    profile's full name (the demo's full name is the user id, as in get_current_user).

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService.get_user_by_anonymous_id (the User it returns)
    """

    def __init__(self, username):
        self.username = username
        self.profile = _Profile(username)


class _Profile:
    """The user's profile, as far as the blocks read it (its `name`).

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService._convert_django_user_to_xblock_user (django_user.profile.name)
    """

    def __init__(self, name):
        self.name = name


class DemoI18nService:
    """Translations from the package's own `text` catalogs, for the active language.

    The stock workbench service never reads a block's `.mo` files. This one
    exposes what the LMS's service does: gettext/ngettext (and the old u-names)
    and `_catalog`, which `{% trans %}` in xblock.utils templates merges in.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb xmodule/modulestore/django.py XBlockI18nService (the LMS's 'i18n' service, block_render.py prepare_runtime_for_user)
    """

    def __init__(self):
        self.runtime = None

    @property
    def _translation(self):
        return _catalog_for(active_language())

    def gettext(self, text):
        return self._translation.gettext(text)

    def ngettext(self, singular, plural, count):
        return self._translation.ngettext(singular, plural, count)

    ugettext = gettext
    ungettext = ngettext

    def __getattr__(self, name):
        # `_catalog`, `plural` and `_fallback` come from the gettext catalog,
        # as Django's merge() expects; anything else from Django's translation.
        if name == "_translation":
            raise AttributeError(name)
        try:
            return getattr(self._translation, name)
        except AttributeError:
            return getattr(translation, name)


_catalogs = {}


def _catalog_for(language):
    if language not in _catalogs:
        _catalogs[language] = gettext_module.translation(
            "text", localedir=TRANSLATIONS_DIR, languages=[language], fallback=True)
    return _catalogs[language]
