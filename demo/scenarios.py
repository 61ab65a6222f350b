"""Adds every sample course to the workbench's scenarios, one scenario per course."""
import logging

import workbench.scenarios

log = logging.getLogger(__name__)
_stock_init_scenarios = workbench.scenarios.init_scenarios


def init_scenarios_with_sample_courses():
    _stock_init_scenarios()
    try:
        from sample_courses.build import workbench_scenarios
    except ImportError:  # the sample courses are not there (an installed package only)
        return
    for index, (description, xml) in enumerate(workbench_scenarios()):
        workbench.scenarios.add_xml_scenario(f"sample_course.{index}", description, xml)
