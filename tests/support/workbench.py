"""Driving blocks through the workbench's real request path (Django test client):
the same URLs, middleware, runtime and key-value store the demo uses."""
import json
import uuid

from django.test import Client
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import get_scenarios


def scenario_usage_ids(block_type):
    """Usage ids of every block of `block_type` in the loaded scenarios."""
    found = []
    for scenario in get_scenarios().values():
        runtime = WorkbenchRuntime("loader")
        found += _find(runtime, runtime.get_block(scenario.usage_id), block_type)
    return found


def demo_trust_scan():
    """The usage id of the demo's trust scan of the chain partners (the platform-path tests' block)."""
    return next(u for u in scenario_usage_ids("leergang_trust_scan") if "chain-partners" in u)


def scenario_of(usage_id):
    """The name of the scenario a usage id of the demo belongs to (its first part is the
    scenario's description, slugified)."""
    from django.template.defaultfilters import slugify
    slug = usage_id.split(".")[0]
    return next(name for name, s in get_scenarios().items() if slugify(s.description) == slug)


def new_student_id(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def _find(runtime, block, block_type):
    found = [str(block.scope_ids.usage_id)] if block.scope_ids.block_type == block_type else []
    for child in getattr(block, "children", []) or []:
        found += _find(runtime, runtime.get_block(child), block_type)
    return found


# The demo's handler URL per platform path it mimics (demo/platform_paths.py).
HANDLER_PREFIX = {"lms": "/handler/", "studio": "/studio/handler/", "preview": "/studio/preview/handler/"}


class Participant:
    """One person in the workbench: `?student=<id>` on every request.

    `path` picks the platform path the requests mimic: "lms" (default),
    "studio" (Studio's editor and save) or "preview" (Studio's preview);
    `masquerade` makes a staff member view the LMS as that learner,
    `view_as_learner` as a learner in general ("View as: Learner").
    """

    def __init__(self, student_id, language="en", path="lms", masquerade=None, view_as_learner=False):
        self.student_id = student_id
        self.path = path
        self.masquerade = masquerade
        self.view_as_learner = view_as_learner
        self.client = Client(enforce_csrf_checks=False, HTTP_ACCEPT_LANGUAGE=language)

    def url(self, usage_id, handler, query=""):
        extra = f"&masquerade={self.masquerade}" if self.masquerade else ""
        extra += "&view_as=learner" if self.view_as_learner else ""
        return (f"{HANDLER_PREFIX[self.path]}{usage_id}/{handler}/?student={self.student_id}{extra}"
                + (f"&{query}" if query else ""))

    def post(self, usage_id, handler, body, raw=False):
        data = body if raw else json.dumps(body)
        return self.client.post(self.url(usage_id, handler), data=data, content_type="application/json")

    def get(self, usage_id, handler, query=""):
        return self.client.get(self.url(usage_id, handler, query))

    def block(self, usage_id):
        """The block as this participant's runtime sees it (fresh from the database)."""
        return WorkbenchRuntime(self.student_id).get_block(usage_id)

    def page(self, scenario_id):
        extra = "&view_as=learner" if self.view_as_learner else ""
        return self.client.get(f"/scenario/{scenario_id}/?student={self.student_id}{extra}")
