"""The one place where the LMS and the xblock-sdk workbench differ.

Everything a block needs to know about who is asking and in which course goes
through here. The LMS's `user` service fills `opt_attrs` with `edx-platform.*`
keys; the workbench's stock service only knows a user id. Our demo settings
install a user service that fills the same `edx-platform.*` keys (see
`demo/services.py`), so block code never branches on the runtime; the fallbacks
below exist so the blocks still work in a bare workbench.

No edx-platform module is imported anywhere in this package.
"""
import hashlib
from dataclasses import dataclass

ATTR_ANONYMOUS_ID = "edx-platform.anonymous_user_id"
ATTR_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USERNAME = "edx-platform.username"
ATTR_IS_AUTHENTICATED = "edx-platform.is_authenticated"
ATTR_USER_ROLE = "edx-platform.user_role"
ATTR_WORKBENCH_ID = "xblock-workbench.user_id"
AUTHOR_ROLES = ("staff", "instructor")


@dataclass(frozen=True)
class Identity:
    """Who is making this request, as far as a block may know."""

    anonymous_id: str | None
    username: str | None
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


def may_author(block):
    """May the current user change this block's settings?

    Studio only routes its save handler to course authors, but the LMS would
    route a learner's call too. Studio's user service names the role rather
    than setting the staff flag, so both are accepted.
    """
    service = block.runtime.service(block, "user")
    user = service.get_current_user() if service else None
    attrs = getattr(user, "opt_attrs", None) or {}
    return bool(attrs.get(ATTR_IS_STAFF)) or attrs.get(ATTR_USER_ROLE) in AUTHOR_ROLES


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
