"""What the stores api returns: plain frozen dataclasses, no Django."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A shared log entry: `id` grows with every append; `uuid` is the id participants see."""
    id: int
    uuid: str
    submitted_at: object
    data: dict
    key: str = ""


@dataclass(frozen=True)
class Record:
    """A participant's record: theirs in edx-submissions, or one kept about them here."""
    anonymous_id: str
    attempt: int
    submitted_at: object
    data: dict
