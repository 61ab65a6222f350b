"""Fakes of the runtime each Open edX path builds for a block, with exactly the
attributes and services the platform sets there.

Every fake class and path below names, in a line starting with "Mirrors", the
platform file and function it copies and the commit it was read at, so that a
reviewer can check it (tests/platform/test_fake_provenance.py fails without
one). The commits are the ones the search index's read_file reported; where a
file was read at several commits, each is named.

- LMS: get_block_for_descriptor -> prepare_runtime_for_user builds the `user`
  service with user_is_staff, user_is_global_staff, user_role, the course's
  anonymous id; no `studio_user_permissions`, no `is_author_mode`.
- LMS, staff as a specific learner: setup_masquerade returns the learner's
  User (with `masquerade_settings` and `real_user` attached); the runtime is
  built for the learner, with `filter_displayed_blocks` first in
  `runtime.wrappers`; the staff flag is False and the role "student".
- LMS, staff "View as: Learner" (generic masquerade): setup_masquerade returns
  the staff member's own User; has_access(user, 'staff', course) is denied
  while masquerading as a student, so user_is_staff is False and the role
  "student", but `user_is_global_staff` (GlobalStaff().has_user) stays as it is.
- Studio save: load_services_for_studio: DjangoXBlockUserService(user) with no
  other argument, and StudioPermissionsService(user) as `studio_user_permissions`.
- Studio preview: `runtime.is_author_mode = True`, anonymous id "student".
"""
import gettext
import json
from types import SimpleNamespace

from opaque_keys.edx.keys import UsageKey
from web_fragments.fragment import Fragment
from webob import Request
from xblock.fields import ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import DictKeyValueStore, KvsFieldData, Runtime

from tests.support.platform_services import (  # noqa: F401 - part of this module's vocabulary
    TeamsConfiguration, TeamsConfigurationService, TeamsService, student_view_transformer_collect)

USAGE_KEY = UsageKey.from_string("block-v1:Leergang+VV01+2026+type@leergang_trust_scan+block@scan1")
COURSE_KEY = USAGE_KEY.course_key
# The block type of each block class, as the package registers them (setup.cfg, xblock.v1).
_BLOCK_TYPES = {"TrustScanBlock": "leergang_trust_scan", "SmallGroupBlock": "leergang_groups",
                "CaseBlock": "leergang_case", "FeedbackRoundBlock": "leergang_feedback_round",
                "DialogueBlock": "leergang_dialogue", "SessionBlock": "leergang_session",
                "MyProgrammeBlock": "leergang_my_programme"}


def django_user(user_id, username, **extra):
    """What a block can reach of django.contrib.auth's User through the service.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService._convert_django_user_to_xblock_user (the User attributes it reads)
    """
    return SimpleNamespace(id=user_id, username=username, email=f"{username}@example.org",
                           is_authenticated=True, profile=SimpleNamespace(name=username.title()), **extra)


class PlatformUserService(UserService):
    """DjangoXBlockUserService as far as a block can observe it (no database).

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService
    The keys of `opt_attrs` are exactly those of that commit's
    _convert_django_user_to_xblock_user (the `user_has_*` keys of an older
    openedx/edx-platform@0752ded57d2f950fc93301e1ca691c594efab647 copy are gone).
    """

    def __init__(self, user, **kwargs):
        super().__init__()
        self._django_user = user
        self._user_is_beta_tester = kwargs.get("user_is_beta_tester", False)
        self._user_is_global_staff = kwargs.get("user_is_global_staff", False)
        self._user_is_staff = kwargs.get("user_is_staff", False)
        self._user_role = kwargs.get("user_role", "student")
        self._anonymous_user_id = kwargs.get("anonymous_user_id", None)
        self._deprecated_anonymous_user_id = kwargs.get("deprecated_anonymous_user_id", None)
        self._request_country_code = kwargs.get("request_country_code", None)

    def get_current_user(self):
        xblock_user = XBlockUser(is_current_user=True)
        user = self._django_user
        attrs = xblock_user.opt_attrs
        if user is not None and user.is_authenticated:
            xblock_user.full_name = user.profile.name
            xblock_user.emails = [user.email]
            attrs["edx-platform.anonymous_user_id"] = self._anonymous_user_id
            attrs["edx-platform.deprecated_anonymous_user_id"] = self._deprecated_anonymous_user_id
            attrs["edx-platform.is_authenticated"] = True
            attrs["edx-platform.request_country_code"] = self._request_country_code
            attrs["edx-platform.user_id"] = user.id
            attrs["edx-platform.username"] = user.username
            attrs["edx-platform.user_is_beta_tester"] = self._user_is_beta_tester
            attrs["edx-platform.user_is_global_staff"] = self._user_is_global_staff
            attrs["edx-platform.user_is_staff"] = self._user_is_staff
            attrs["edx-platform.user_role"] = self._user_role
            attrs["edx-platform.user_preferences"] = {}
        else:
            attrs["edx-platform.is_authenticated"] = False
            attrs["edx-platform.request_country_code"] = self._request_country_code
        return xblock_user

    def get_user_by_anonymous_id(self, uid=None):
        return None


class StudioPermissions:
    """Studio's StudioPermissionsService: course-team write access per course key.

    Mirrors openedx/openedx-platform@3b8a951812de5966c5b805c955f35060248dc168 openedx/core/djangoapps/content/services.py StudioPermissionsService
    `deprecated=True` is the newer version of that file (can_read/can_write warn
    DeprecationWarning, openedx/openedx-platform#37409, and can_edit_content is
    the route for course content); the index holds it without naming its commit.
    """

    def __init__(self, user, writers, deprecated=False):
        self._user = user
        self._writers = writers
        self.asked = []
        if deprecated:
            self.can_edit_content = self._can_edit_content

    def _allowed(self, course_key):
        self.asked.append(course_key)
        return self._user is not None and self._user.username in self._writers

    def _can_edit_content(self, context_key):
        return self._allowed(context_key)

    def can_read(self, course_key):
        return self._allowed(course_key)

    def can_write(self, course_key):
        if hasattr(self, "can_edit_content"):
            import warnings
            warnings.warn("can_write is deprecated.", DeprecationWarning, stacklevel=2)
        return self._allowed(course_key)


class PlatformI18n:
    """The i18n service's gettext, English (NullTranslations).

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb xmodule/modulestore/django.py XBlockI18nService (the LMS's 'i18n' service, block_render.py prepare_runtime_for_user)
    """

    def __init__(self):
        self._translation = gettext.NullTranslations()

    def gettext(self, text):
        return self._translation.gettext(text)

    def ngettext(self, singular, plural, count):
        return self._translation.ngettext(singular, plural, count)

    ugettext, ungettext = gettext, ngettext


def filter_displayed_blocks(block, unused_view, frag, unused_context):
    """Only blocks that declare `show_in_read_only_mode` are shown to staff viewing as a specific learner.

    Mirrors openedx/openedx-platform@14f7dc8962faf4c8c762c1182add032f181a3180 lms/djangoapps/courseware/masquerade.py filter_displayed_blocks
    """
    if getattr(block, "show_in_read_only_mode", False):
        return frag
    return Fragment("This type of component cannot be shown while viewing the course as a specific student.")


class PlatformRuntime(Runtime):
    """A runtime with the services given and nothing else; `wrappers` are applied
    to every rendered fragment, in order.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user (runtime.wrappers, runtime._services)
    Events: `publish` keeps every event; a "grade" event grades the requesting
    user (the one the runtime was built for), whatever `user_id` the event
    carries, and nothing is graded while staff view as a specific learner:
    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 xmodule/services.py EventPublishingService.publish, _handle_grade_event
    """

    def __init__(self, services, wrappers=(), **attributes):
        super().__init__(id_reader=None, id_generator=None, services=services)
        self.wrappers = list(wrappers)
        for name, value in attributes.items():
            setattr(self, name, value)
        self.events = []
        self.grades = []  # (user id graded, earned, possible)

    def wrap_xblock(self, block, view, frag, context):
        for wrapper in self.wrappers:
            frag = wrapper(block, view, frag, context)
        return frag

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/xblock/{block.scope_ids.usage_id}/handler/{handler_name}"

    def resource_url(self, resource):
        return "/static/" + resource

    def local_resource_url(self, block, uri):
        return "/xblock/resource/" + uri

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))
        user = getattr(self._services.get("user"), "_django_user", None)
        specific_learner = filter_displayed_blocks in self.wrappers
        if event_type == "grade" and user is not None and not specific_learner:
            self.grades.append((user.id, event_data["value"], event_data["max_value"]))


LEARNER = django_user(11, "anna")
STAFF = django_user(12, "ria_staff")
AUTHOR = django_user(13, "olga_author")
GLOBAL_STAFF = django_user(14, "gerda_global")


def new_store():
    """One learner's field data across requests (the LMS's FieldDataCache over its
    tables: StudentModule for user_state, XModuleStudentInfoField for user_info).

    Mirrors openedx/openedx-platform@35f8781393b39ea4ce48697ce708a34132a3f2b0 lms/djangoapps/courseware/model_data.py FieldDataCache, DjangoKeyValueStore
    """
    return KvsFieldData(DictKeyValueStore())


def _services(user_service, store=None, **more):
    return {"field-data": store or new_store(), "i18n": PlatformI18n(), "user": user_service, **more}


def lms_learner(store=None, **more):
    """A learner in the LMS.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user
    """
    return PlatformRuntime(_services(PlatformUserService(
        LEARNER, user_is_staff=False, user_role="student", anonymous_user_id="anon-anna-course"), store, **more))


def lms_staff(store=None, **more):
    """Course staff in the LMS.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user
    Mirrors openedx/openedx-platform@4d22797209228ef2a9eb5110c0f1dd880a5f8b0a lms/djangoapps/courseware/access.py get_user_role
    """
    return PlatformRuntime(_services(PlatformUserService(
        STAFF, user_is_staff=True, user_role="staff", anonymous_user_id="anon-ria-course"), store, **more))


def lms_anonymous():
    """A visitor who is not signed in.

    Mirrors openedx/openedx-platform@e57a655d77b614f19223984e9805b1fb940ab192 common/djangoapps/xblock_django/user_service.py DjangoXBlockUserService._convert_django_user_to_xblock_user
    """
    return PlatformRuntime(_services(PlatformUserService(None)))


def lms_staff_as_learner():
    """Staff viewing the course as the specific learner anna.

    Mirrors openedx/openedx-platform@14f7dc8962faf4c8c762c1182add032f181a3180 lms/djangoapps/courseware/masquerade.py setup_masquerade
    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user (filter_displayed_blocks in block_wrappers)
    """
    settings = {COURSE_KEY: SimpleNamespace(role="student", user_name="anna")}
    learner = django_user(LEARNER.id, LEARNER.username, real_user=STAFF, masquerade_settings=settings)
    return PlatformRuntime(_services(PlatformUserService(
        learner, user_is_staff=False, user_role="student", anonymous_user_id="anon-anna-course")),
        wrappers=[filter_displayed_blocks])


def lms_staff_viewing_as_learner(store=None, user=STAFF, anonymous_user_id="anon-ria-course", global_staff=False):
    """Staff with "View as: Learner" (role student, no user name): the runtime is
    the staff member's own, with the staff flag off and role "student".

    Mirrors openedx/openedx-platform@14f7dc8962faf4c8c762c1182add032f181a3180 lms/djangoapps/courseware/masquerade.py setup_masquerade, is_masquerading_as_student
    Mirrors openedx/openedx-platform@4d22797209228ef2a9eb5110c0f1dd880a5f8b0a lms/djangoapps/courseware/access.py _has_access_to_course, get_user_role
    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user (user_is_global_staff from has_access(user, 'staff', 'global'))
    """
    settings = {COURSE_KEY: SimpleNamespace(role="student", user_name=None)}
    staff = django_user(user.id, user.username, masquerade_settings=settings)
    return PlatformRuntime(_services(PlatformUserService(
        staff, user_is_staff=False, user_role="student", user_is_global_staff=global_staff,
        anonymous_user_id=anonymous_user_id), store))


def lms_global_staff_viewing_as_learner():
    """Global staff with "View as: Learner": user_is_global_staff stays True.

    Mirrors openedx/openedx-platform@4d22797209228ef2a9eb5110c0f1dd880a5f8b0a lms/djangoapps/courseware/access.py _has_access_to_course, _has_access_string
    """
    return lms_staff_viewing_as_learner(user=GLOBAL_STAFF, anonymous_user_id="anon-gerda-course", global_staff=True)


def studio_save(user=AUTHOR, writers=("olga_author",), deprecated=False):
    """Studio's editor and save.

    Mirrors openedx/openedx-platform@864fe4d087db3928734f4dd7216ca61b388e6825 cms/djangoapps/contentstore/utils.py load_services_for_studio
    """
    return PlatformRuntime(_services(PlatformUserService(user),
                                     studio_user_permissions=StudioPermissions(user, writers, deprecated)))


def studio_preview(user=AUTHOR, writers=("olga_author",)):
    """Studio's preview.

    Mirrors openedx/openedx-platform@e0895e90f70fd936c1c70e33ee9b4c0ed88176fe cms/djangoapps/contentstore/views/preview.py _prepare_runtime_for_preview
    """
    return PlatformRuntime(_services(PlatformUserService(user, user_role="staff", anonymous_user_id="student",
                                                         deprecated_anonymous_user_id="student"),
                                     studio_user_permissions=StudioPermissions(user, writers)),
                           is_author_mode=True)


def modulestore_runtime():
    """The runtime of a block as the modulestore hands it out outside a request
    (the course blocks API's collect phase, a Celery task): the user service is
    built for `get_current_user()`, None there.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb xmodule/modulestore/django.py create_modulestore_instance (xb_user_service)
    """
    return PlatformRuntime(_services(PlatformUserService(None)))


PATHS = {
    "lms_learner": lms_learner,
    "lms_staff": lms_staff,
    "lms_anonymous": lms_anonymous,
    "lms_staff_as_learner": lms_staff_as_learner,
    "lms_global_staff_viewing_as_learner": lms_global_staff_viewing_as_learner,
    "studio_save_author": studio_save,
    "studio_save_not_author": lambda: studio_save(user=LEARNER),
    "studio_preview": studio_preview,
}


def block_on(runtime, block_class, user_id=None, usage_key=None):
    """Not a fake: a block of `block_class` at `usage_key` on one of the runtimes above.

    Without a usage key, each block class gets its own in the same course (as in a real
    course a usage key names one block of one type), so that two block types never
    share an edx-submissions item."""
    if usage_key is None:
        block_type = _BLOCK_TYPES.get(block_class.__name__, USAGE_KEY.block_type)
        usage_key = USAGE_KEY if block_type == USAGE_KEY.block_type else COURSE_KEY.make_usage_key(block_type, "b1")
    scope_ids = ScopeIds(user_id, usage_key.block_type, usage_key, usage_key)
    return runtime.construct_xblock_from_class(block_class, scope_ids)


def call(block, handler, body=None, method=None, query=""):
    """Call a handler as the platform does: a webob request through the block's `handle`.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py _invoke_xblock_handler
    """
    method = method or ("POST" if body is not None else "GET")
    request = Request.blank("/" + handler + (f"?{query}" if query else ""), method=method)
    if method == "POST":
        request.body = json.dumps(body).encode()
        request.content_type = "application/json"
    return block.runtime.handle(block, handler, request)

