"""The demo mimics the platform's separate request paths, so the blocks meet in
the demo exactly the services they meet in Open edX (see the docstring of
`leergang_xblocks/core/platform.py` for what each path builds):

- LMS: the workbench's own URLs (`/scenario/<id>/`, `/handler/...`).
- Studio (editor and save, like `component_handler`): `/scenario/<id>/studio_view/`
  and `/studio/handler/...`. The user service is built from the user alone
  (no staff flag, role "student", no anonymous id) and `studio_user_permissions`
  answers authorship: in the demo, ids starting with `staff` may write.
- Studio preview (like `preview_handler`): `/studio/preview/<id>/` and
  `/studio/preview/handler/...`: `runtime.is_author_mode`, anonymous id
  "student" for every author, `studio_user_permissions` present.
- LMS, staff viewing as a specific learner: `?masquerade=<learner id>` with a
  staff `?student=`: the services are built for the learner, who carries the
  staff member as `real_user`, as `setup_masquerade` does.

A context variable carries the path from the URL to the runtime and services.
"""
import contextvars

from workbench import views as workbench_views
from workbench.runtime import WorkbenchRuntime

LMS, STUDIO, PREVIEW = "lms", "studio", "preview"
HANDLER_PREFIX = {LMS: "/handler/", STUDIO: "/studio/handler/", PREVIEW: "/studio/preview/handler/"}

current_path = contextvars.ContextVar("demo_platform_path", default=LMS)
current_masquerade = contextvars.ContextVar("demo_masquerade", default=None)


def is_staff_id(user_id):
    return str(user_id).startswith("staff")


class DemoStudioPermissions:
    """Like Studio's StudioPermissionsService: can_read/can_write(course_key)."""

    def __init__(self, user_id):
        self._user_id = user_id

    def can_read(self, course_key):
        return self.can_write(course_key)

    def can_write(self, course_key):
        return self._user_id not in (None, "none") and is_staff_id(self._user_id)


class DemoRuntime(WorkbenchRuntime):
    """The workbench runtime with the services of the path the request came in on."""

    def __init__(self, user_id=None):
        self.platform_path = current_path.get()
        # Viewing as a learner: the runtime is the learner's, the staff member
        # rides along (the LMS builds everything for the masqueraded user).
        self.real_user_id = None
        masquerade = current_masquerade.get()
        if masquerade and self.platform_path == LMS and user_id is not None:
            self.real_user_id, user_id = user_id, masquerade
        super().__init__(user_id)
        if self.platform_path in (STUDIO, PREVIEW):
            self._services["studio_user_permissions"] = DemoStudioPermissions(user_id)
        if self.platform_path == PREVIEW:
            self.is_author_mode = True

    def handler_url(self, block, handler_name, suffix='', query='', thirdparty=False):  # noqa: PLR0913
        url = super().handler_url(block, handler_name, suffix, query, thirdparty)
        if self.platform_path != LMS and url.startswith(HANDLER_PREFIX[LMS]):
            url = HANDLER_PREFIX[self.platform_path] + url[len(HANDLER_PREFIX[LMS]):]
        masquerade = current_masquerade.get()
        if masquerade and not thirdparty:
            url += f"&masquerade={masquerade}"
        return url


def _on_path(path, view):
    def wrapped(request, *args, **kwargs):
        token = current_path.set(path)
        masquerade_token = current_masquerade.set(_masquerade(request) if path == LMS else None)
        try:
            return view(request, *args, **kwargs)
        finally:
            current_path.reset(token)
            current_masquerade.reset(masquerade_token)
    return wrapped


def _masquerade(request):
    """Only staff may view as someone else, as in the LMS."""
    target = request.GET.get("masquerade")
    if target and target != "none" and is_staff_id(workbench_views.get_student_id(request)):
        return target
    return None


lms_page = _on_path(LMS, workbench_views.show_scenario)
lms_handler = _on_path(LMS, workbench_views.handler)
studio_page = _on_path(STUDIO, workbench_views.show_scenario)
studio_handler = _on_path(STUDIO, workbench_views.handler)
preview_page = _on_path(PREVIEW, workbench_views.show_scenario)
preview_handler = _on_path(PREVIEW, workbench_views.handler)


def template_context(request):
    """For demo/templates/workbench/block.html: where the block's JS sends its handler calls.

    Also the page's scenario and view, which xblock-sdk 0.15's `show_scenario`
    passes and 0.14's (the one that runs on the platform's Python 3.11) does not;
    the view's own context wins where it has them."""
    match = getattr(request, "resolver_match", None)
    url_kwargs = match.kwargs if match else {}
    view_name = url_kwargs.get("view_name", "student_view")
    return {"demo_handler_base": HANDLER_PREFIX[current_path.get()].rstrip("/") + "/",
            "demo_platform_path": current_path.get(),
            "demo_masquerade": current_masquerade.get() or "",
            "scenario_id": url_kwargs.get("scenario_id", ""),
            "view_name": view_name,
            "other_views": [v for v in ("student_view", "studio_view") if v != view_name]}
