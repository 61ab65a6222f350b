"""The workbench's URLs, with the demo's own "Reset state" (demo/views.py) in
place of the stock one, and its own index (demo/sample_course_index.py: the stock
list plus each sample course's placeholder units). The sample-course scenarios are
installed in demo/apps.py."""
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from demo import sample_course_index, views

# The first match wins: these two replace the workbench's own views.
urlpatterns = [
    re_path(r"^$", sample_course_index.index, name="workbench_index"),
    re_path(r"^reset_state$", views.reset_state, name="reset_state"),
] + list(workbench_urlpatterns)
