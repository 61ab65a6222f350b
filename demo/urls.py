"""The workbench's URLs, plus sample-course scenarios on its index and, per course,
the list of units that are still placeholders (demo/views.py)."""
import workbench.scenarios
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from demo import views
from demo.scenarios import init_scenarios_with_sample_courses

workbench.scenarios.init_scenarios = init_scenarios_with_sample_courses

# The first match wins: the demo's index replaces the workbench's, the rest is the workbench's.
urlpatterns = [re_path(r"^$", views.index, name="workbench_index")] + workbench_urlpatterns
