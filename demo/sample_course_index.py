"""The demo's index: the workbench's list of scenarios, plus, per sample course, the
units that still stand in for a block that is not built yet (placeholders)."""
from django.conf import settings
from django.shortcuts import render
from workbench.scenarios import get_scenarios


def index(request):
    """Like workbench.views.index (same template, same `scenarios`), with `sample_courses`."""
    scenarios = sorted(get_scenarios().items())
    scenarios = [(scenario_id, scenario) for scenario_id, scenario in scenarios
                 if scenario_id.split(".")[0] not in settings.EXCLUDED_XBLOCKS]
    return render(request, "workbench/index.html", {
        "scenarios": [(scenario_id, scenario.description) for scenario_id, scenario in scenarios],
        "sample_courses": sample_course_listing({s.description: i for i, s in scenarios}),
    })


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
