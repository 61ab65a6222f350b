"""Which scan of a pre/post series comes before which.

The order is the author's: each scan has a `series_position` (1, 2, ...), set
in Studio. Where two scans share a position (0, "not set", is the default, so
courses made before the setting existed tie everywhere), the scan the
participant took first counts as the earlier one. Only the author knows which
scan is the "pre"; submission time alone would turn a late pre-scan into a
"later" one. Pure functions over series records, so the participant's results,
the staff report and the CSV all use the same order.

A series record's data is {"block": usage id, "position": int, "scores": {...},
"submitted_at": iso}; records from before positions existed lack "position".
"""


def _scans(records):
    """Per block: (order key, its latest record data), from one participant's
    series records, oldest first."""
    first_at, latest = {}, {}
    for data in records:
        block = data.get("block")
        first_at.setdefault(block, data.get("submitted_at") or "")
        latest[block] = data
    return {block: ((latest[block].get("position") or 0, first_at[block]), latest[block]) for block in latest}


def earlier_scan(records, this_block, this_position, now_iso):
    """The participant's latest result on the scan just before `this_block` in
    the series order, as record data, or None.

    `records` are the participant's series record data, oldest first.
    `now_iso` stands in for this scan's first submission time when the
    participant has not taken it yet.
    """
    scans = _scans(records)
    own = scans.pop(this_block, None)
    this_key = ((this_position or 0), own[0][1] if own else now_iso)
    before = [(key, data) for key, data in scans.values() if key < this_key]
    if not before:
        return None
    return max(before, key=lambda pair: pair[0])[1]


def earlier_by_participant(records, this_block, this_position, now_iso):
    """For staff views and the CSV: anonymous id -> the earlier scan's record data.

    `records` are (anonymous_id, data) pairs of every series record, each
    participant's oldest first (RecordStore.all_records order).
    """
    grouped = {}
    for anonymous_id, data in records:
        grouped.setdefault(anonymous_id, []).append(data)
    found = {}
    for anonymous_id, own in grouped.items():
        earlier = earlier_scan(own, this_block, this_position, now_iso)
        if earlier is not None:
            found[anonymous_id] = earlier
    return found
