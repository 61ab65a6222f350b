"""Fakes of the runtime each Open edX path builds for a block, with exactly the
attributes and services the platform sets there (openedx/edx-platform, read
for Sumac/Teak/Ulmo and master):

- `common/djangoapps/xblock_django/user_service.py` DjangoXBlockUserService:
  which `edx-platform.*` keys `get_current_user().opt_attrs` holds, from which
  constructor arguments (defaults: staff False, role "student", no anonymous id).
- LMS: `lms/djangoapps/courseware/block_render.py` get_module_system_for_user
  builds it with user_is_staff, user_role, anonymous_user_id, request_country_code;
  no `studio_user_permissions`, no `is_author_mode`.
- LMS, staff as a specific learner: `lms/djangoapps/courseware/masquerade.py`
  setup_masquerade returns the learner's User with `masquerade_settings` and
  `real_user` (the staff member) attached; block_render builds everything for it,
  so staff flag False and role "student" (get_user_role reads the masquerade role).
- Studio save: `cms/djangoapps/contentstore/views/component.py` component_handler
  -> load_services_for_studio: DjangoXBlockUserService(user) with no other
  argument, and StudioPermissionsService(user) as `studio_user_permissions`.
- Studio preview: `cms/djangoapps/contentstore/views/preview.py`
  _prepare_runtime_for_preview: user_role from Studio's get_user_role
  ("instructor" or "staff"), anonymous_user_id "student", `studio_user_permissions`,
  and `runtime.is_author_mode = True`.
"""
import gettext
from types import SimpleNamespace

from opaque_keys.edx.keys import UsageKey
from webob import Request
from xblock.fields import ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import DictKeyValueStore, KvsFieldData, Runtime

USAGE_KEY = UsageKey.from_string("block-v1:Leergang+VV01+2026+type@leergang_trust_scan+block@scan1")


def django_user(user_id, username, **extra):
    """What a block can reach of django.contrib.auth's User through the service."""
    return SimpleNamespace(id=user_id, username=username, email=f"{username}@example.org",
                           is_authenticated=True, profile=SimpleNamespace(name=username.title()), **extra)


class PlatformUserService(UserService):
    """DjangoXBlockUserService as far as a block can observe it (no database)."""

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
            attrs["edx-platform.user_has_manage_content"] = False
            attrs["edx-platform.user_has_manage_grades"] = False
            attrs["edx-platform.user_has_access_data_downloads"] = False
            attrs["edx-platform.user_has_view_all_content"] = False
        else:
            attrs["edx-platform.is_authenticated"] = False
            attrs["edx-platform.request_country_code"] = self._request_country_code
        return xblock_user

    def get_user_by_anonymous_id(self, uid=None):
        return None


class StudioPermissions:
    """Studio's StudioPermissionsService: course-team write access per course key."""

    def __init__(self, user, writers):
        self._user = user
        self._writers = writers
        self.asked = []

    def can_read(self, course_key):
        return self.can_write(course_key)

    def can_write(self, course_key):
        self.asked.append(course_key)
        return self._user is not None and self._user.username in self._writers


class PlatformI18n:
    """The i18n service's gettext, English (NullTranslations)."""

    def __init__(self):
        self._translation = gettext.NullTranslations()

    def gettext(self, text):
        return self._translation.gettext(text)

    def ngettext(self, singular, plural, count):
        return self._translation.ngettext(singular, plural, count)

    ugettext, ungettext = gettext, ngettext


class PlatformRuntime(Runtime):
    """A runtime with the services given and nothing else."""

    def __init__(self, services, **attributes):
        super().__init__(id_reader=None, id_generator=None, services=services)
        for name, value in attributes.items():
            setattr(self, name, value)
        self.events = []

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/xblock/{block.scope_ids.usage_id}/handler/{handler_name}"

    def resource_url(self, resource):
        return "/static/" + resource

    def local_resource_url(self, block, uri):
        return "/xblock/resource/" + uri

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))


LEARNER = django_user(11, "anna")
STAFF = django_user(12, "ria_staff")
AUTHOR = django_user(13, "olga_author")


def _services(user_service, **more):
    store = KvsFieldData(DictKeyValueStore())
    return {"field-data": store, "i18n": PlatformI18n(), "user": user_service, **more}


def lms_learner():
    return PlatformRuntime(_services(PlatformUserService(
        LEARNER, user_is_staff=False, user_role="student", anonymous_user_id="anon-anna-course")))


def lms_staff():
    return PlatformRuntime(_services(PlatformUserService(
        STAFF, user_is_staff=True, user_role="staff", anonymous_user_id="anon-ria-course")))


def lms_anonymous():
    return PlatformRuntime(_services(PlatformUserService(None)))


def lms_staff_as_learner():
    learner = django_user(LEARNER.id, LEARNER.username, real_user=STAFF,
                          masquerade_settings={USAGE_KEY.course_key: SimpleNamespace(role="student",
                                                                                     user_name="anna")})
    return PlatformRuntime(_services(PlatformUserService(
        learner, user_is_staff=False, user_role="student", anonymous_user_id="anon-anna-course")))


def studio_save(user=AUTHOR, writers=("olga_author",)):
    return PlatformRuntime(_services(PlatformUserService(user),
                                     studio_user_permissions=StudioPermissions(user, writers)))


def studio_preview(user=AUTHOR, writers=("olga_author",)):
    return PlatformRuntime(_services(PlatformUserService(user, user_role="staff", anonymous_user_id="student",
                                                         deprecated_anonymous_user_id="student"),
                                     studio_user_permissions=StudioPermissions(user, writers)),
                           is_author_mode=True)


PATHS = {
    "lms_learner": lms_learner,
    "lms_staff": lms_staff,
    "lms_anonymous": lms_anonymous,
    "lms_staff_as_learner": lms_staff_as_learner,
    "studio_save_author": studio_save,
    "studio_save_not_author": lambda: studio_save(user=LEARNER),
    "studio_preview": studio_preview,
}


def block_on(runtime, block_class, user_id=None):
    scope_ids = ScopeIds(user_id, "leergang_trust_scan", USAGE_KEY, USAGE_KEY)
    return runtime.construct_xblock_from_class(block_class, scope_ids)


def call(block, handler, body=None, method=None, query=""):
    """Call a handler as the platform does: a webob request through runtime.handle."""
    import json
    method = method or ("POST" if body is not None else "GET")
    request = Request.blank("/" + handler + (f"?{query}" if query else ""), method=method)
    if method == "POST":
        request.body = json.dumps(body).encode()
        request.content_type = "application/json"
    return block.runtime.handle(block, handler, request)


class SubmissionsScoreReceiver:
    """The LMS's receivers of edx-submissions' score signals, as far as a block can observe them.

    Mirrors openedx/openedx-platform lms/djangoapps/grades/signals/handlers.py at
    commit e57a655d77b614f19223984e9805b1fb940ab192: `submissions_score_set_handler`
    (a score_set for a known anonymous id with points_possible > 0 becomes
    PROBLEM_WEIGHTED_SCORE_CHANGED for that learner and the block at `item_id`;
    points_possible 0 is dropped) and `submissions_score_reset_handler` (a score_reset
    becomes a deleted score, 0 of 0). `user_by_anonymous_id` is the `users` mapping
    (anonymous id -> user id); without one, every anonymous id is its own user.
    What the LMS would send on is kept in `changed`, as dicts with user_id,
    anonymous_user_id, course_id, usage_id, weighted_earned, weighted_possible and
    score_deleted. Use as a context manager (connects on enter, disconnects on exit).
    """

    def __init__(self, users=None):
        self.users = users
        self.changed = []

    def _user(self, anonymous_id):
        return anonymous_id if self.users is None else self.users.get(anonymous_id)

    paused = False   # disconnect_submissions_signal_receiver(score_set), as reset_student_attempts does

    def score_set(self, sender, **kwargs):
        if self.paused:
            return
        user = self._user(kwargs["anonymous_user_id"])
        if user is None or kwargs["points_possible"] == 0:
            return
        self.changed.append({"user_id": user, "anonymous_user_id": kwargs["anonymous_user_id"],
                             "course_id": kwargs["course_id"], "usage_id": kwargs["item_id"],
                             "weighted_earned": kwargs["points_earned"],
                             "weighted_possible": kwargs["points_possible"], "score_deleted": False})

    def score_reset(self, sender, **kwargs):
        user = self._user(kwargs["anonymous_user_id"])
        if user is None:
            return
        self.changed.append({"user_id": user, "anonymous_user_id": kwargs["anonymous_user_id"],
                             "course_id": kwargs["course_id"], "usage_id": kwargs["item_id"],
                             "weighted_earned": 0, "weighted_possible": 0, "score_deleted": True})

    def __enter__(self):
        from submissions.models import score_reset, score_set
        score_set.connect(self.score_set, dispatch_uid=f"fake_score_set_{id(self)}")
        score_reset.connect(self.score_reset, dispatch_uid=f"fake_score_reset_{id(self)}")
        return self

    def __exit__(self, *exc):
        from submissions.models import score_reset, score_set
        score_set.disconnect(dispatch_uid=f"fake_score_set_{id(self)}")
        score_reset.disconnect(dispatch_uid=f"fake_score_reset_{id(self)}")

    def of(self, anonymous_id):
        return [(c["weighted_earned"], c["weighted_possible"]) for c in self.changed
                if c["anonymous_user_id"] == anonymous_id]


class StudentModuleDoesNotExist(Exception):
    """What `StudentModule.objects.get` raises; the instructor dashboard shows "Module does not exist"."""


def reset_student_attempts(block, learner_block, user_id, requesting_user_id, receiver=None):
    """The instructor's "Delete learner's state" for one learner and one block.

    Mirrors openedx/openedx-platform lms/djangoapps/instructor/enrollment.py,
    `reset_student_attempts` with delete_module=True and emit_signals_and_events=True,
    at commit e57a655d77b614f19223984e9805b1fb940ab192:
    - the block (loaded from the modulestore, not bound to the learner: `block`) has
      `clear_student_state`, so it is called with keyword arguments user_id (the
      learner's anonymous id), course_id and item_id (strings) and
      requesting_user_id, while edx-submissions' score_set receiver is disconnected
      (`_conditionally_disconnect_submissions_signal_recievers`: `receiver.paused`);
      score_reset stays connected;
    - then, because the block cleared state, the platform's own `sub_api.reset_score`
      and its "score deleted" signal are skipped;
    - then `StudentModule.objects.get(student, course, block)`: the learner's
      user-state row, which exists once a user_state field of theirs was saved
      (the LMS's FieldDataCache creates the row on the first write). Missing:
      StudentModuleDoesNotExist. Found: deleted (here: every user_state field of
      `learner_block`, the block as the learner's runtime loads it).
    """
    from xblock.fields import Scope
    if receiver is not None:
        receiver.paused = True
    try:
        block.clear_student_state(user_id=user_id, course_id=_course_of(block),
                                  item_id=str(block.scope_ids.usage_id), requesting_user_id=requesting_user_id)
    finally:
        if receiver is not None:
            receiver.paused = False
    user_fields = [f for f in learner_block.fields.values() if f.scope == Scope.user_state]
    if not any(f.is_set_on(learner_block) for f in user_fields):
        raise StudentModuleDoesNotExist("Module does not exist")
    for field in user_fields:
        if field.is_set_on(learner_block):
            field.delete_from(learner_block)
    learner_block.save()


def _course_of(block):
    """The course key as a string (the LMS passes str(course_id)); the workbench's stand-in."""
    from leergang_xblocks.core import platform
    return platform.course_id(block)
