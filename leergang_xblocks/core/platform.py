"""The one place where the LMS, Studio and the xblock-sdk workbench differ.

Everything a block needs to know about who is asking, in which course, and
whether this request may change participant data goes through here. The LMS's `user` service fills `opt_attrs` with `edx-platform.*`
keys; the workbench's stock service only knows a user id. Our demo settings
install a user service that fills the same `edx-platform.*` keys (see
`demo/services.py`), so block code never branches on the runtime; the fallbacks
below exist so the blocks still work in a bare workbench.

The platform builds a block's services differently on each path (read in
openedx/openedx-platform; tests/support/platform_fakes.py has a fake per path,
each naming the file, function and commit it mirrors):

- LMS (`lms/djangoapps/courseware/block_render.py`, prepare_runtime_for_user):
  `user` with the course's anonymous id, `user_is_staff`, `user_is_global_staff`
  and `user_role`; no `studio_user_permissions`.
- LMS, staff viewing as a specific learner ("View as: Specific learner",
  `lms/djangoapps/courseware/masquerade.py` setup_masquerade): everything is
  built for the learner's account; the runtime's `wrappers` start with
  masquerade.py's `filter_displayed_blocks`, which replaces every block that
  does not declare `show_in_read_only_mode` by "This type of component cannot
  be shown". That wrapper is how a block knows this path (`wrappers` is the
  runtime's public list of fragment wrappers); the staff member hangs on the
  learner's Django user as `real_user`, which a block cannot reach without
  the user service's private `_django_user`, so it is not read here.
- LMS, staff viewing as a learner in general ("View as: Learner"): the runtime
  is the staff member's own, but `lms/djangoapps/courseware/access.py`
  (_has_access_to_course) denies staff access while masquerading as a
  student, so `user_is_staff` is False and `user_role` "student".
  `user_is_global_staff` (GlobalStaff().has_user) is not masquerade-aware, so
  global staff are known from the attributes. Course staff look exactly like
  a learner then: the block remembers, per user, the courses where it saw
  them with `user_is_staff` (a `Scope.user_info` field, kept by the LMS in
  its XModuleStudentInfoField table), and treats them as viewing as a learner
  there. See `write_refusal`.
- Studio save (`cms/djangoapps/contentstore/utils.py`, load_services_for_studio):
  `user` built from the Django user alone, so `user_is_staff` False, `user_role`
  "student" and no anonymous id; `studio_user_permissions` answers authorship.
- Studio preview (`cms/djangoapps/contentstore/views/preview.py`,
  _prepare_runtime_for_preview): `runtime.is_author_mode = True`, anonymous
  id "student" for every author, `studio_user_permissions` present.

Private APIs, and why each one that is left has no public route:
- Studio's permissions: `studio_user_permissions.can_write` is deprecated in
  newer platforms (openedx/core/djangoapps/content/services.py,
  openedx/openedx-platform#37409) in favour of `can_edit_content`;
  `may_author` asks `can_edit_content` where the service has it and
  `can_write` only on releases that have nothing else.
- Django's `trans_real._active` (core/rendering.py): Django's public API
  activates a language code (`translation.activate`, `override`), never a
  translation object, and a block's catalog is not part of Django's
  translation for that code in the LMS (the block's `.mo` comes through the
  runtime's `i18n` service). XBlock's own template tags
  (xblock/utils/templatetags/i18n.py, ProxyTransNode.merge_translation)
  reach into `trans_real` for the same reason. It is used in one place
  (rendering._active_translation), for the length of one render, and put back
  as it was; tests/platform/test_private_apis.py holds it to that.
- The user service's `_django_user` (where the LMS keeps `real_user` while
  staff view as a specific learner) is not read: the runtime's `wrappers` say
  the same thing publicly.

No edx-platform module is imported anywhere in this package.
"""
import hashlib
from dataclasses import dataclass
from typing import Optional

from .dates import DEFAULT_TIME_ZONE, valid_zone_name

ATTR_ANONYMOUS_ID = "edx-platform.anonymous_user_id"
ATTR_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USERNAME = "edx-platform.username"
ATTR_IS_AUTHENTICATED = "edx-platform.is_authenticated"
ATTR_USER_ROLE = "edx-platform.user_role"
ATTR_IS_GLOBAL_STAFF = "edx-platform.user_is_global_staff"
ATTR_WORKBENCH_ID = "xblock-workbench.user_id"
STUDIO_PERMISSIONS_SERVICE = "studio_user_permissions"

# Reasons `write_refusal` gives; handlers answer them with 403 `read_only_preview`.
PREVIEW = "preview"
MASQUERADE = "masquerade"             # staff viewing as a specific learner
VIEW_AS_LEARNER = "view_as_learner"   # staff viewing as a learner in general

# The name of masquerade.py's wrapper, which the LMS puts on the runtime only
# while staff view the course as a specific learner.
SPECIFIC_LEARNER_WRAPPER = "filter_displayed_blocks"
# The `Scope.user_info` field (core/blocks.py) that remembers where a user was
# seen as course staff; user_info field names are shared by every block on the
# platform, hence the prefix.
COURSE_STAFF_MEMORY = "leergang_course_staff_in"
COURSE_STAFF_MEMORY_SIZE = 200


@dataclass(frozen=True)
class Identity:
    """Who is making this request, as far as a block may know."""

    anonymous_id: Optional[str]
    username: Optional[str]
    display_name: str
    is_staff: bool

    @property
    def is_authenticated(self):
        return bool(self.anonymous_id)


def workbench_anonymous_id(user_id):
    """A stable pseudonym for a workbench user id (the LMS makes its own)."""
    return "anon-" + hashlib.sha256(f"leergang-workbench:{user_id}".encode()).hexdigest()[:20]


def current_identity(block):
    """Read the current user from the runtime's `user` service."""
    service = block.runtime.service(block, "user")
    user = service.get_current_user() if service else None
    attrs = getattr(user, "opt_attrs", None) or {}
    anonymous_id = attrs.get(ATTR_ANONYMOUS_ID)
    username = attrs.get(ATTR_USERNAME)
    if attrs.get(ATTR_IS_AUTHENTICATED) is False:
        anonymous_id = None
    elif not anonymous_id and attrs.get(ATTR_WORKBENCH_ID):
        # Bare workbench: derive a pseudonym from its plain user id.
        username = username or attrs[ATTR_WORKBENCH_ID]
        anonymous_id = workbench_anonymous_id(attrs[ATTR_WORKBENCH_ID])
    display_name = getattr(user, "full_name", None) or username or ""
    return Identity(
        anonymous_id=anonymous_id or None,
        username=username,
        display_name=display_name,
        is_staff=bool(attrs.get(ATTR_IS_STAFF, False)),
    )


def _service(block, name):
    """The runtime's service `name`, or None when this runtime does not offer it."""
    try:
        return block.runtime.service(block, name)
    except Exception:  # noqa: BLE001 - NoSuchServiceError, or a block that did not declare it
        return None


def may_author(block):
    """May the current user change this block's settings?

    Only Studio decides authorship, through its `studio_user_permissions`
    service: its user service says nothing about course roles on the save path
    (staff flag False, role "student", even for global staff). The LMS offers
    no such service, so nobody may change settings there, whatever their role.
    """
    permissions = _service(block, STUDIO_PERMISSIONS_SERVICE)
    # `can_edit_content` where the platform has it; `can_write`, deprecated
    # there, is what older releases offer.
    ask = getattr(permissions, "can_edit_content", None) or getattr(permissions, "can_write", None)
    if ask is None:
        return False
    return bool(ask(course_key(block)))


def write_refusal(block):
    """Why this request must not change participant data, or None.

    - PREVIEW: Studio's preview (`runtime.is_author_mode`). Every author is the
      same anonymous user "student" there, so a write would create a live
      record that enters the cohort figures and blocks the next author.
    - MASQUERADE: staff viewing the LMS as a specific learner; a write would be
      stored as that learner's answer.
    - VIEW_AS_LEARNER: staff viewing the LMS as a learner in general; a write
      would enter the cohort figures and group rosters as a participant's.
    """
    return write_refusal_without_fields(block) or (VIEW_AS_LEARNER if viewing_as_learner(block) else None)


def write_refusal_without_fields(block):
    """The reasons of `write_refusal` that the runtime and its user service give
    without reading a field (preview, masquerade, global staff viewing as a
    learner), or None. Only course staff viewing as a learner are told by the
    user's own field, which `write_refusal` reads as well."""
    if getattr(block.runtime, "is_author_mode", False):
        return PREVIEW
    if viewing_as_specific_learner(block):
        return MASQUERADE
    if _viewing_as_learner_known(block):
        return VIEW_AS_LEARNER
    return None


def viewer_is_the_participant(block):
    """May this request see the participant's private texts? Not when staff view
    as a specific learner (the data is the learner's, the reader is staff), nor
    in Studio's preview (every author shares one anonymous id there)."""
    return not (getattr(block.runtime, "is_author_mode", False) or viewing_as_specific_learner(block))


def viewing_as_specific_learner(block):
    """"View as: Specific learner": the LMS's masquerade wrapper is on the runtime."""
    for wrapper in getattr(block.runtime, "wrappers", None) or ():
        if getattr(getattr(wrapper, "func", wrapper), "__name__", "") == SPECIFIC_LEARNER_WRAPPER:
            return True
    return False


def _current_attrs(block):
    service = _service(block, "user")
    user = service.get_current_user() if service else None
    return getattr(user, "opt_attrs", None) or {}


def viewing_as_learner(block):
    """"View as: Learner" on the LMS path: a signed-in user without the staff flag
    who is global staff (the flag is off only while masquerading), or whom a
    block of this package saw with the staff flag in this course before."""
    known = _viewing_as_learner_known(block)
    return known if known is not None else course_id(block) in (getattr(block, COURSE_STAFF_MEMORY, None) or ())


def _viewing_as_learner_known(block):
    """`viewing_as_learner` as far as the user service tells it: True or False, or
    None when the user's memory of staff courses decides."""
    attrs = _current_attrs(block)
    if not attrs.get(ATTR_ANONYMOUS_ID) or attrs.get(ATTR_IS_STAFF) or _service(block, STUDIO_PERMISSIONS_SERVICE):
        return False
    if attrs.get(ATTR_IS_GLOBAL_STAFF):
        return True
    return None


def remember_course_staff(block, identity):
    """Note, in the user's own `Scope.user_info` field, that they are staff in this
    course, so that "View as: Learner" is recognised later (see viewing_as_learner).
    Written only when it changes: once per staff member and course."""
    if not (identity.is_staff and identity.anonymous_id) or COURSE_STAFF_MEMORY not in getattr(block, "fields", {}):
        return
    seen = list(getattr(block, COURSE_STAFF_MEMORY) or ())
    here = course_id(block)
    if here not in seen:
        setattr(block, COURSE_STAFF_MEMORY, (seen + [here])[-COURSE_STAFF_MEMORY_SIZE:])


def username_lookup(block):
    """Return a function anonymous id -> username, for staff who opt in to names.

    The LMS user service offers `get_user_by_anonymous_id`; our demo service
    offers the same. Without it, names are simply not available and the
    anonymous id is shown.
    """
    service = block.runtime.service(block, "user")
    lookup = getattr(service, "get_user_by_anonymous_id", None)
    cache = {}

    def username_for(anonymous_id):
        if anonymous_id not in cache:
            user = lookup(anonymous_id) if lookup else None
            cache[anonymous_id] = getattr(user, "username", None) or anonymous_id
        return cache[anonymous_id]

    return username_for


def course_key(block):
    """The course key object (what the platform's services take), or the course id string."""
    usage_id = block.scope_ids.usage_id
    context_key = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    return context_key if context_key is not None else course_id(block)


def course_id(block):
    """The course this block lives in, as a string.

    In the LMS a usage key carries its course key; in the workbench the usage
    id is a string whose first dotted part names the scenario, which plays the
    part of a course.
    """
    usage_id = block.scope_ids.usage_id
    context_key = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    if context_key is not None:
        return str(context_key)
    return "workbench:" + str(usage_id).split(".", 1)[0]


def item_id(block):
    """A stable id for this block within its course."""
    return str(block.scope_ids.usage_id)


# --- The course's time zone: the `settings` service -------------------------------------
#
# What the platform offers a block, read in openedx/edx-platform:
# - no time zone per course: CourseFields (xmodule/course_block.py) has none, and the
#   LMS shows its own dates in settings.TIME_ZONE ('UTC') unless the viewer chose one;
# - the viewer's own `time_zone` preference, in the user service's
#   `edx-platform.user_preferences` (common/djangoapps/xblock_django/user_service.py,
#   USER_PREFERENCES_WHITE_LIST = ['pref-lang', 'time_zone'], at
#   0752ded57d2f950fc93301e1ca691c594efab647). Not used: it is the viewer's, so staff and
#   a participant would see one entry on two different days, and a session's date is a
#   day in the programme's own place;
# - the `settings` service (xmodule/services.py SettingsService, at
#   09e1197053121f809c1efab1254f7e26db27deec): the bucket
#   XBLOCK_SETTINGS[block.block_settings_key] of the LMS's and Studio's settings, which an
#   admin sets (Tutor: a plugin's `openedx-common-settings` patch). Ours is
#   XBLOCK_SETTINGS["leergang_xblocks"]["TIME_ZONE"], one zone for every course of the site.
# Without it (or with a name the time-zone database does not know) the zone is
# core/dates.py DEFAULT_TIME_ZONE, Europe/Amsterdam, where the programmes run.

SETTINGS_BUCKET = "leergang_xblocks"
SETTING_TIME_ZONE = "TIME_ZONE"


def course_time_zone(block):
    """The IANA name of the zone this course's dates are shown in."""
    service = _service(block, "settings")
    bucket = {}
    if service is not None:
        try:
            bucket = service.get_settings_bucket(block, default={}) or {}
        except Exception:  # noqa: BLE001 - a settings bucket an admin wrote as something else
            bucket = {}
    name = bucket.get(SETTING_TIME_ZONE) if isinstance(bucket, dict) else None
    return name if valid_zone_name(name) else DEFAULT_TIME_ZONE


# --- Small groups: the `teams`, `teams_configuration` and `user` services ----------------
# (used by core/groups.py)
#
# What the platform offers, checked against openedx/edx-platform:
# - `teams` (lms/djangoapps/teams/services.py, LMS only): get_team(user, course_id,
#   topic_id) with the course id as a string, get_team_by_team_id(team_id),
#   get_team_names(course_id, topic_id) -> {team_id: name}, get_team_detail_url(team),
#   get_anonymous_user_ids_for_team(user, team) -> sorted anonymous ids.
# - `teams_configuration` (xmodule/services.py, LMS, preview and Studio):
#   get_teams_configuration(course_id) -> TeamsConfig whose `.teamsets` have
#   `teamset_id` and `name`, and whose `is_enabled` says whether teams are on
#   (openedx/core/lib/teams_config.py).
# - `user` (common/djangoapps/xblock_django/user_service.py): get_user_by_anonymous_id(uid)
#   -> a Django user or None; get_anonymous_user_id(username, course_id) -> an
#   anonymous id, None for an unknown user or when the asker is not staff.

def _teams_configuration(block):
    """The course's TeamsConfig, or None (no service, or a course the modulestore cannot find)."""
    service = _service(block, "teams_configuration")
    if service is None:
        return None
    try:
        return service.get_teams_configuration(course_key(block))
    except Exception:  # noqa: BLE001 - a course the modulestore cannot find has no teams configuration
        return None


def teams_enabled(block):
    """Are the course's teams switched on? TeamsConfig.is_enabled: the `enabled`
    flag where the course has one, else whether it has teamsets
    (openedx/core/lib/teams_config.py)."""
    return _is_enabled(_teams_configuration(block))


def _is_enabled(configuration):
    if configuration is None:
        return False
    enabled = getattr(configuration, "is_enabled", None)
    if enabled is None:  # a configuration object from before the flag
        return bool(getattr(configuration, "teamsets", None))
    return bool(enabled)


def teams_service(block):
    """The `teams` service while the course's teams are switched on, else None
    (Studio, preview, the workbench, or teams switched off: a teamset chosen
    before then is not used)."""
    teams = _service(block, "teams")
    return teams if teams is not None and teams_enabled(block) else None


def teamsets(block):
    """[(teamset_id, name)] of the course's teams configuration; [] without one or with teams off."""
    configuration = _teams_configuration(block)
    if not _is_enabled(configuration):
        return []
    return [(t.teamset_id, t.name or t.teamset_id) for t in (getattr(configuration, "teamsets", None) or [])]


def django_user_of(block, anonymous_id):
    """The user behind an anonymous id, from the `user` service (what `get_team` needs)."""
    service = block.runtime.service(block, "user")
    lookup = getattr(service, "get_user_by_anonymous_id", None)
    return lookup(anonymous_id) if (lookup and anonymous_id) else None


def current_django_user(block):
    return django_user_of(block, current_identity(block).anonymous_id)


def full_name_of(user):
    """A user's full name as the platform keeps it (the profile name), never the username."""
    profile_name = getattr(getattr(user, "profile", None), "name", None)
    if profile_name:
        return str(profile_name)
    get_full_name = getattr(user, "get_full_name", None)
    return str(get_full_name() or "") if callable(get_full_name) else ""


def display_name_of(block, anonymous_id):
    return full_name_of(django_user_of(block, anonymous_id))


def current_full_name(block):
    """The signed-in user's full name from the `user` service; "" when there is none."""
    service = block.runtime.service(block, "user")
    user = service.get_current_user() if service else None
    return str(getattr(user, "full_name", None) or "")


def anonymous_id_for_username(block, username):
    """Staff only (the platform refuses others): the anonymous id of a username in this course."""
    service = block.runtime.service(block, "user")
    lookup = getattr(service, "get_anonymous_user_id", None)
    return lookup(username, course_id(block)) if lookup else None


ATTR_USER_ID = "edx-platform.user_id"


def current_user_id(block):
    """The signed-in user's LMS user id (`edx-platform.user_id` in the `user`
    service's opt_attrs, xmodule/services.py in the LMS), or None (the workbench).
    Kept beside their names so a retirement, which names the user, finds them."""
    service = block.runtime.service(block, "user")
    user = service.get_current_user() if service else None
    value = (getattr(user, "opt_attrs", None) or {}).get(ATTR_USER_ID)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
