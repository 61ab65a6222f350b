"""The published cohort comparison as pure functions (trust_scan/cohort.py)."""
from leergang_xblocks.trust_scan import cohort, series_order

K = 3


def folded(*changes, k=K):
    aggregate = cohort.empty_aggregate("fp")
    for who, new, old in changes:
        aggregate = cohort.fold(aggregate, new, old, who, k)
    return aggregate


def view(aggregate, keys=("a", "b"), k=K):
    return cohort.published_view(aggregate, list(keys), k)


def test_nothing_is_published_or_counted_below_k():
    shown = view(folded(("p1", {"a": 2.0, "b": 3.0}, None), ("p2", {"a": 4.0, "b": 3.0}, None)))
    assert shown == {"dimensions": {"a": (None, None), "b": (None, None)}, "participants": None, "as_of": None}


def test_a_dimension_scored_by_fewer_than_k_shows_no_mean():
    aggregate = folded(("p1", {"a": 2.0, "b": None}, None), ("p2", {"a": 4.0, "b": 3.0}, None),
                       ("p3", {"a": 3.0, "b": 5.0}, None))
    shown = view(aggregate)
    assert shown["dimensions"] == {"a": (3.0, 3), "b": (None, None)} and shown["participants"] == 3


def test_the_snapshot_moves_only_after_k_different_participants():
    aggregate = folded(*[(f"p{i}", {"a": float(i)}, None) for i in range(1, 4)])
    first = view(aggregate, ["a"])
    aggregate = cohort.fold(aggregate, {"a": 5.0}, None, "p4", K)
    assert view(aggregate, ["a"]) == first
    # One person retaking again and again does not count as several.
    for _ in range(3):
        aggregate = cohort.fold(aggregate, {"a": 1.0}, {"a": 5.0}, "p4", K)
        aggregate = cohort.fold(aggregate, {"a": 5.0}, {"a": 1.0}, "p4", K)
    assert view(aggregate, ["a"]) == first
    aggregate = cohort.fold(aggregate, {"a": 5.0}, None, "p5", K)
    aggregate = cohort.fold(aggregate, {"a": 5.0}, None, "p6", K)
    assert view(aggregate, ["a"])["dimensions"]["a"] == (round((1 + 2 + 3 + 5 + 5 + 5) / 6, 2), 6)


def test_retakes_and_removals_keep_the_sums_equal_to_a_recount():
    aggregate = folded(("p1", {"a": 2.0}, None), ("p2", {"a": 4.5}, None), ("p3", {"a": 3.33}, None),
                       ("p1", {"a": 5.0}, {"a": 2.0}), ("p2", None, {"a": 4.5}))
    assert {"participants": aggregate["participants"], "sums": aggregate["sums"]} == cohort.recount(
        [{"a": 5.0}, {"a": 3.33}], "fp")


def test_the_series_order_is_the_authors_then_the_participants():
    pre = {"block": "pre", "position": 1, "scores": {"a": 2}, "submitted_at": "2026-02-01"}
    post = {"block": "post", "position": 2, "scores": {"a": 4}, "submitted_at": "2026-01-01"}
    assert series_order.earlier_scan([post, pre], "pre", 1, "x") is None
    assert series_order.earlier_scan([post, pre], "post", 2, "x") == pre
    tied = [{**pre, "position": 0}, {**post, "position": 0}]
    assert series_order.earlier_scan(tied, "pre", 0, "x") == {**post, "position": 0}  # taken first
    assert series_order.earlier_scan([pre], "post", 2, "2026-03-01") == pre  # not taken yet here
