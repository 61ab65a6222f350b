"""The session block in the workbench: its demo scenarios' usage ids."""
from tests.support.workbench import scenario_usage_ids


def usage_id(name):
    """The usage id of the session scenario whose description contains `name`
    ("speaker" or "closed")."""
    return next(u for u in scenario_usage_ids("leergang_session") if name in u)
