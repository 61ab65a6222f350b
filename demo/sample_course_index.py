"""The demo's index: the workbench's list of scenarios, each under its title in the
page's language (demo/scenario_titles.py) with links to open it as a participant or
as staff, and, only where a sample course still has them, the units that stand in
for a block that is not built yet (placeholders)."""
from django.conf import settings
from django.shortcuts import render
from workbench.scenarios import get_scenarios

from demo import demo_groups, scenario_titles


def index(request):
    """Like workbench.views.index (same template), with titles per language, the demo's
    groups beside the scenarios that use them, and the sample courses' placeholders."""
    scenarios = listed_scenarios()
    courses = sample_course_listing({s.description: i for i, s in scenarios})
    words = scenario_titles.WORDS[scenario_titles.language()]
    with_placeholders = [dict(course, summary=words["of_units"] % {"count": len(course["placeholders"]),
                                                                   "units": course["units"]})
                         for course in courses if course["placeholders"]]
    return render(request, "workbench/index.html", {
        "words": words,
        "scenarios": [scenario_entry(scenario_id, scenario.description) for scenario_id, scenario in scenarios],
        "groups": demo_groups.DEMO_GROUPS,
        "sample_courses": with_placeholders,
    })


def listed_scenarios():
    """[(scenario id, scenario)] of the index: the stock sample blocks' scenarios left out."""
    return [(scenario_id, scenario) for scenario_id, scenario in sorted(get_scenarios().items())
            if scenario_id.split(".")[0] not in settings.EXCLUDED_XBLOCKS]


def scenario_entry(scenario_id, description):
    """{id, title, course_name, groups, staff_arranges}: a sample course's title is
    split so that its name (Dutch, a proper name) can carry its own language."""
    title = scenario_titles.title(scenario_id, description)
    prefix, name = title.split(": ", 1) if scenario_titles.is_sample_course(scenario_id) else (title, "")
    return {"id": scenario_id, "title": prefix, "course_name": name,
            "staff_arranges": scenario_id in demo_groups.STAFF_ARRANGES,
            "groups": scenario_id in demo_groups.ARRANGED}


def sample_course_listing(scenario_ids):
    """[{title, scenario_id, units, placeholders: [{title, session, url_name, block}]}] per course."""
    try:
        from sample_courses import build
    except ImportError:  # an installed package without the sample courses
        return []
    listing = []
    for path in build.outline_paths():
        outline = build.load_outline(path)
        title = build.scenario_title(outline)
        listing.append({
            "title": outline["course"]["display_name"],
            "scenario_id": scenario_ids.get(title),
            "units": sum(len(chapter["units"]) for chapter in outline["chapters"]),
            "placeholders": [{"title": unit["title"], "session": session, "url_name": unit["url_name"], "block": tag}
                             for session, unit, tag in build.placeholders(outline)],
        })
    return listing
