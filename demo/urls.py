"""The workbench's URLs, plus sample-course scenarios on its index."""
import workbench.scenarios
from workbench.urls import urlpatterns  # noqa: F401  re-exported as this module's URLs

from demo.scenarios import init_scenarios_with_sample_courses

workbench.scenarios.init_scenarios = init_scenarios_with_sample_courses
