"""The workbench's URLs, with the demo's own "Reset state" (demo/views.py) in
place of the stock one, its own index (demo/sample_course_index.py: the stock list
plus each sample course's placeholder units), and the demo's Studio paths
(editor/save and preview) beside the LMS ones. The sample-course scenarios are
installed in demo/apps.py."""
import workbench.views
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from demo import platform_paths, sample_course_index, views

# Every request builds the runtime of the platform path it came in on.
workbench.views.WorkbenchRuntime = platform_paths.DemoRuntime

_HANDLER = r'(?P<usage_id>[^/]+)/(?P<handler_slug>[^/]*)(?:/(?P<suffix>.*))?$'

# The first match wins: these replace the workbench's own views.
urlpatterns = [
    re_path(r"^$", sample_course_index.index, name="workbench_index"),
    re_path(r"^reset_state$", views.reset_state, name="reset_state"),
    # Studio: the editor and its save (component_handler).
    re_path(r'^scenario/(?P<scenario_id>[^/]+)/(?P<view_name>studio_view)/$', platform_paths.studio_page),
    re_path(r'^studio/handler/' + _HANDLER, platform_paths.studio_handler, {'authenticated': True}),
    # Studio: the preview of a unit (preview_handler).
    re_path(r'^studio/preview/(?P<scenario_id>[^/]+)/$', platform_paths.preview_page),
    re_path(r'^studio/preview/handler/' + _HANDLER, platform_paths.preview_handler, {'authenticated': True}),
    # The LMS (with `?masquerade=` for staff viewing as a learner).
    re_path(r'^scenario/(?P<scenario_id>[^/]+)/$', platform_paths.lms_page),
    re_path(r'^handler/' + _HANDLER, platform_paths.lms_handler, {'authenticated': True}),
] + list(workbench_urlpatterns)
