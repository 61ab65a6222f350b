"""The workbench's URLs, plus sample-course scenarios on its index and the
demo's own "Reset state" (demo/views.py) in place of the stock one."""
import workbench.scenarios
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from demo import views
from demo.scenarios import init_scenarios_with_sample_courses

workbench.scenarios.init_scenarios = init_scenarios_with_sample_courses

urlpatterns = [re_path(r"^reset_state$", views.reset_state, name="reset_state")] + list(workbench_urlpatterns)
