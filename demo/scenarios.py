"""Scenario loading for the demo: the stock scenarios, every sample course,
and the storage rows of every block created up front.

The workbench's key-value store creates a row on first read with a plain
get_or_create and no unique constraint, so two requests reading a block's
unset content fields at the same moment can create two rows, and every later
read fails with MultipleObjectsReturned (seen under the load test). Reading
each block's authored fields once while the scenarios load, in one process,
creates those rows before any request arrives.

OLX gives blocks a `url_name`, which the platform's runtime reads as the
block's id; the workbench makes its own ids and would hand the attribute to
the block as a field it does not have (a warning per block). It is dropped
here, before the workbench parses the OLX.
"""
import logging

import workbench.scenarios
from django.conf import settings
from lxml import etree
from workbench.runtime import WORKBENCH_KVS, WorkbenchRuntime
from xblock.core import XBlock
from xblock.fields import Scope

from demo import demo_groups, demo_journey, programme_demo

log = logging.getLogger(__name__)


def without_url_names(xml):
    """The OLX with every `url_name` attribute removed."""
    root = etree.fromstring(xml.encode("utf-8"))
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("url_name", None)
    return etree.tostring(root, encoding="unicode")


def init_scenarios_with_sample_courses():
    """workbench.scenarios.init_scenarios, plus the sample courses, minus url_names."""
    workbench.scenarios.SCENARIOS.clear()
    if settings.WORKBENCH["reset_state_on_restart"]:
        WORKBENCH_KVS.clear()
    else:
        WORKBENCH_KVS.prep_for_scenario_loading()
    for class_name, cls in sorted(XBlock.load_classes(fail_silently=False)):
        for index, (description, xml) in enumerate(getattr(cls, "workbench_scenarios", list)()):
            workbench.scenarios.add_xml_scenario(f"{class_name}.{index}", description, without_url_names(xml))
    try:
        from sample_courses.build import workbench_scenarios
    except ImportError:  # the sample courses are not there (an installed package only)
        workbench_scenarios = list
    for index, (description, xml) in enumerate(workbench_scenarios()):
        workbench.scenarios.add_xml_scenario(f"sample_course.{index}", description, without_url_names(xml))
    runtime = WorkbenchRuntime()
    for scenario in workbench.scenarios.SCENARIOS.values():
        _create_authored_rows(runtime, runtime.get_block(scenario.usage_id))
    _seed_demo_case(runtime)
    _seed_vu_course_case(runtime)
    _seed_demo_session(runtime)
    demo_groups.arrange_every_scenario(runtime)
    demo_journey.seed(runtime)
    programme_demo.seed_programme_scenarios()
    if programme_demo.sample_work_wanted():   # the demo command only: test servers start without it
        programme_demo.seed_sample_courses()


# The case tracker's VU-like demo: one participant ("anna") with a case, two
# entries and recorded attendance (leergang_xblocks/case/demo_content.py).
DEMO_CASE_SCENARIO = "leergang_case.0"


def _seed_demo_case(runtime):
    from leergang_xblocks.case.demo_content import seed_demo_case

    scenario = workbench.scenarios.SCENARIOS.get(DEMO_CASE_SCENARIO)
    if scenario is None:
        return
    seed_demo_case(runtime.get_block(runtime.get_block(scenario.usage_id).children[0]))


# The VU sample course (sample_courses/vu_sturen_vanuit_vertrouwen.yaml): Anna's case
# with an entry in each session, so the course shows session by session what it holds.
VU_COURSE_TITLE = "Sturen en leidinggeven vanuit vertrouwen"


def _seed_vu_course_case(runtime):
    from leergang_xblocks.case.demo_content import seed_vu_course_case

    scenario = next((s for name, s in workbench.scenarios.SCENARIOS.items()
                     if name.startswith("sample_course.") and VU_COURSE_TITLE in s.description), None)
    if scenario is None:
        return
    page = runtime.get_block(scenario.usage_id)
    case = next((runtime.get_block(child) for child in page.children
                 if runtime.get_block(child).scope_ids.block_type == "leergang_case"), None)
    if case is not None:
        seed_vu_course_case(case)


# The sessions scenario: questions by Bram and Chris, endorsements, three evaluation answers
# (leergang_xblocks/sessions/demo_content.py).
DEMO_SESSION_SCENARIO = "leergang_session.0"


def _seed_demo_session(runtime):
    from leergang_xblocks.sessions.demo_content import seed_demo_session

    scenario = workbench.scenarios.SCENARIOS.get(DEMO_SESSION_SCENARIO)
    if scenario is None:
        return
    seed_demo_session(runtime.get_block(runtime.get_block(scenario.usage_id).children[0]))


def _create_authored_rows(runtime, block):
    for field in block.fields.values():
        if field.scope in (Scope.content, Scope.settings):
            field.is_set_on(block)  # reads through the store, which creates the row
    for child_id in getattr(block, "children", None) or []:
        _create_authored_rows(runtime, runtime.get_block(child_id))
