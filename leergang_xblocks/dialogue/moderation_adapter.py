"""Hidden reasons, through core/moderation.py (one place for every block's moderation).

The ids moderated here are the random ids participants see (`rid`), so hiding
never needs a row id or an author. A participant's read asks only for its own
scope's hidden ids: the group's id, or "cohort".
"""


def moderation(block):
    from ..core.moderation import Moderation
    return Moderation(block)


def hidden_ids(block, scope):
    return {str(value) for value in moderation(block).hidden_ids(scope)}


def hidden_ids_in(block, scopes):
    """{scope: hidden ids} of a few scopes (a group's and the cohort's) in one query."""
    return {scope: {str(value) for value in ids} for scope, ids in moderation(block).hidden_ids_in(scopes).items()}
