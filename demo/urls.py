"""The workbench's URLs, plus sample-course scenarios on its index, and the
demo's Studio paths (editor/save and preview) beside the LMS ones."""
import workbench.scenarios
import workbench.views
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from demo import platform_paths
from demo.scenarios import init_scenarios_with_sample_courses

workbench.scenarios.init_scenarios = init_scenarios_with_sample_courses
# Every request builds the runtime of the platform path it came in on.
workbench.views.WorkbenchRuntime = platform_paths.DemoRuntime

_HANDLER = r'(?P<usage_id>[^/]+)/(?P<handler_slug>[^/]*)(?:/(?P<suffix>.*))?$'

urlpatterns = [
    # Studio: the editor and its save (component_handler).
    re_path(r'^scenario/(?P<scenario_id>[^/]+)/(?P<view_name>studio_view)/$', platform_paths.studio_page),
    re_path(r'^studio/handler/' + _HANDLER, platform_paths.studio_handler, {'authenticated': True}),
    # Studio: the preview of a unit (preview_handler).
    re_path(r'^studio/preview/(?P<scenario_id>[^/]+)/$', platform_paths.preview_page),
    re_path(r'^studio/preview/handler/' + _HANDLER, platform_paths.preview_handler, {'authenticated': True}),
    # The LMS (with `?masquerade=` for staff viewing as a learner).
    re_path(r'^scenario/(?P<scenario_id>[^/]+)/$', platform_paths.lms_page),
    re_path(r'^handler/' + _HANDLER, platform_paths.lms_handler, {'authenticated': True}),
] + workbench_urlpatterns
