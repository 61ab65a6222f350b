"""The app's tables, one module per concern. Only ``stores.api`` imports them.

Every model says whether it holds personal data (``.. pii:`` / ``.. no_pii:``),
as the Open edX code-annotations check reads it.
"""
from .groups import (GroupMembership, GroupPlacement, GroupRecordRef, GroupSetVersion, RosterEntry,  # noqa: F401
                     SetGroup)
from .mentors import MentorAssignment, MentorSet  # noqa: F401
from .moderation import Flag, ModerationDecision  # noqa: F401
from .participants import Participant  # noqa: F401
from .locks import Lock  # noqa: F401
from .logs import LogEntry  # noqa: F401
from .private_state import PrivateStateVersion  # noqa: F401
from .records import ParticipantNote  # noqa: F401
from .tallies import Tally  # noqa: F401
from .artefacts import ArtefactCopy  # noqa: F401
from .endorsements import Endorsement, EndorsementCount  # noqa: F401
