"""Scenario loading for the demo: the stock scenarios, every sample course,
and the storage rows of every block created up front.

The workbench's key-value store creates a row on first read with a plain
get_or_create and no unique constraint, so two requests reading a block's
unset content fields at the same moment can create two rows, and every later
read fails with MultipleObjectsReturned (seen under the load test). Reading
each block's authored fields once while the scenarios load, in one process,
creates those rows before any request arrives.
"""
import logging

import workbench.scenarios
from workbench.runtime import WorkbenchRuntime
from xblock.fields import Scope

log = logging.getLogger(__name__)
_stock_init_scenarios = workbench.scenarios.init_scenarios


def init_scenarios_with_sample_courses():
    _stock_init_scenarios()
    try:
        from sample_courses.build import workbench_scenarios
    except ImportError:  # the sample courses are not there (an installed package only)
        workbench_scenarios = list
    for index, (description, xml) in enumerate(workbench_scenarios()):
        workbench.scenarios.add_xml_scenario(f"sample_course.{index}", description, xml)
    runtime = WorkbenchRuntime()
    for scenario in workbench.scenarios.SCENARIOS.values():
        _create_authored_rows(runtime, runtime.get_block(scenario.usage_id))


def _create_authored_rows(runtime, block):
    for field in block.fields.values():
        if field.scope in (Scope.content, Scope.settings):
            field.is_set_on(block)  # reads through the store, which creates the row
    for child_id in getattr(block, "children", None) or []:
        _create_authored_rows(runtime, runtime.get_block(child_id))
