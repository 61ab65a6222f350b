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
  staff `?student=`: the services are built for the learner and the runtime's
  `wrappers` start with `filter_displayed_blocks`, as `setup_masquerade` and
  `prepare_runtime_for_user` do.
- LMS, staff viewing as a learner in general ("View as: Learner"):
  `?view_as=learner` with a staff `?student=`: the staff member's own runtime,
  with the staff flag off and role "student".

A context variable carries the path from the URL to the runtime and services.
"""
import contextvars

from web_fragments.fragment import Fragment
from workbench import views as workbench_views
from workbench.runtime import WorkbenchRuntime

LMS, STUDIO, PREVIEW = "lms", "studio", "preview"
HANDLER_PREFIX = {LMS: "/handler/", STUDIO: "/studio/handler/", PREVIEW: "/studio/preview/handler/"}

current_path = contextvars.ContextVar("demo_platform_path", default=LMS)
current_masquerade = contextvars.ContextVar("demo_masquerade", default=None)
current_view_as_learner = contextvars.ContextVar("demo_view_as_learner", default=False)
VIEW_AS_LEARNER_QUERY = "view_as=learner"


def is_staff_id(user_id):
    """Not a fake: the demo's convention, ids starting with "staff" are course staff."""
    return str(user_id).startswith("staff")


class DemoStudioPermissions:
    """Like Studio's StudioPermissionsService: can_edit_content(course_key), and
    the older can_read/can_write.

    Mirrors openedx/openedx-platform@3b8a951812de5966c5b805c955f35060248dc168 openedx/core/djangoapps/content/services.py StudioPermissionsService
    """

    def __init__(self, user_id):
        self._user_id = user_id

    def can_edit_content(self, context_key):
        return self._user_id not in (None, "none") and is_staff_id(self._user_id)

    can_read = can_write = can_edit_content


def filter_displayed_blocks(block, unused_view, frag, unused_context):
    """Only blocks that declare `show_in_read_only_mode` are shown while staff view as a specific learner.

    Mirrors openedx/openedx-platform@14f7dc8962faf4c8c762c1182add032f181a3180 lms/djangoapps/courseware/masquerade.py filter_displayed_blocks
    """
    if getattr(block, "show_in_read_only_mode", False):
        return frag
    return Fragment("This type of component cannot be shown while viewing the course as a specific student.")


class DemoRuntime(WorkbenchRuntime):
    """The workbench runtime with the services of the path the request came in on.

    Mirrors openedx/openedx-platform@5af5f01fa9480258a5001852cd7498fe3e4cd2fb lms/djangoapps/courseware/block_render.py prepare_runtime_for_user (wrappers; the user the runtime is built for)
    Mirrors openedx/openedx-platform@864fe4d087db3928734f4dd7216ca61b388e6825 cms/djangoapps/contentstore/utils.py load_services_for_studio
    Mirrors openedx/openedx-platform@e0895e90f70fd936c1c70e33ee9b4c0ed88176fe cms/djangoapps/contentstore/views/preview.py _prepare_runtime_for_preview
    """

    def __init__(self, user_id=None):
        self.platform_path = current_path.get()
        self.wrappers = []
        # "View as: Learner": the staff member's own runtime; the user service
        # turns the staff flag off (demo/services.py).
        self.viewing_as_learner = self.platform_path == LMS and current_view_as_learner.get()
        # "View as: Specific learner": the runtime is the learner's, with the
        # platform's wrapper first (the LMS builds everything for the learner).
        masquerade = current_masquerade.get()
        if masquerade and self.platform_path == LMS and user_id is not None:
            user_id = masquerade
            self.wrappers.append(filter_displayed_blocks)
        super().__init__(user_id)
        if self.platform_path in (STUDIO, PREVIEW):
            self._services["studio_user_permissions"] = DemoStudioPermissions(user_id)
        if self.platform_path == PREVIEW:
            self.is_author_mode = True

    def wrap_xblock(self, block, view, frag, context):
        # The workbench's containers stand in for the LMS's sequence and vertical,
        # which declare `show_in_read_only_mode` themselves.
        if not getattr(block, "has_children", False):
            for wrapper in self.wrappers:
                frag = wrapper(block, view, frag, context)
        return super().wrap_xblock(block, view, frag, context)

    def handler_url(self, block, handler_name, suffix='', query='', thirdparty=False):  # noqa: PLR0913
        url = super().handler_url(block, handler_name, suffix, query, thirdparty)
        if self.platform_path != LMS and url.startswith(HANDLER_PREFIX[LMS]):
            url = HANDLER_PREFIX[self.platform_path] + url[len(HANDLER_PREFIX[LMS]):]
        masquerade = current_masquerade.get()
        if masquerade and not thirdparty:
            url += f"&masquerade={masquerade}"
        if self.viewing_as_learner and not thirdparty:
            url += "&" + VIEW_AS_LEARNER_QUERY
        return url


def _on_path(path, view):
    def wrapped(request, *args, **kwargs):
        token = current_path.set(path)
        masquerade_token = current_masquerade.set(_masquerade(request) if path == LMS else None)
        view_as_token = current_view_as_learner.set(path == LMS and _view_as_learner(request))
        try:
            return view(request, *args, **kwargs)
        finally:
            current_path.reset(token)
            current_masquerade.reset(masquerade_token)
            current_view_as_learner.reset(view_as_token)
    return wrapped


def _masquerade(request):
    """Only staff may view as someone else, as in the LMS."""
    target = request.GET.get("masquerade")
    if target and target != "none" and is_staff_id(workbench_views.get_student_id(request)):
        return target
    return None


def _view_as_learner(request):
    """"View as: Learner" (staff only, and not together with a specific learner)."""
    return (request.GET.get("view_as") == "learner" and not request.GET.get("masquerade")
            and is_staff_id(workbench_views.get_student_id(request)))


lms_page = _on_path(LMS, workbench_views.show_scenario)
lms_handler = _on_path(LMS, workbench_views.handler)
studio_page = _on_path(STUDIO, workbench_views.show_scenario)
studio_handler = _on_path(STUDIO, workbench_views.handler)
preview_page = _on_path(PREVIEW, workbench_views.show_scenario)
preview_handler = _on_path(PREVIEW, workbench_views.handler)


def template_context(request):
    """Not a fake: for demo/templates/workbench/block.html, where the block's JS sends its handler calls.

    Also the page's scenario and view, which xblock-sdk 0.15's `show_scenario`
    passes and 0.14's (the one that runs on the platform's Python 3.11) does not;
    the view's own context wins where it has them."""
    match = getattr(request, "resolver_match", None)
    url_kwargs = match.kwargs if match else {}
    view_name = url_kwargs.get("view_name", "student_view")
    return {"demo_handler_base": HANDLER_PREFIX[current_path.get()].rstrip("/") + "/",
            "demo_platform_path": current_path.get(),
            "demo_masquerade": current_masquerade.get() or "",
            "demo_view_as_learner": current_view_as_learner.get(),
            "scenario_id": url_kwargs.get("scenario_id", ""),
            "view_name": view_name,
            "other_views": [v for v in ("student_view", "studio_view") if v != view_name]}
