"""The workbench's URLs, with the demo's own "Reset state" (demo/views.py) in
place of the stock one. The sample-course scenarios are installed in demo/apps.py."""
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from demo import views

urlpatterns = [re_path(r"^reset_state$", views.reset_state, name="reset_state")] + list(workbench_urlpatterns)
