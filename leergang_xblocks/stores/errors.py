"""The stores api's exceptions."""


class StoreError(Exception):
    """Something the stores api refused."""


class VersionConflict(StoreError):
    """Another write made this version first (the caller's view was stale)."""
