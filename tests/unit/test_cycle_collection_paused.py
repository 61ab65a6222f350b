"""core/collection.py: the collector is off inside, and afterwards as it was before,
also when the view fails and when the collector was already off."""
import gc

import pytest

from leergang_xblocks.core.collection import cycle_collection_paused


@pytest.fixture(autouse=True)
def collector_back_on():
    yield
    gc.enable()


def test_off_inside_and_on_again_after_even_when_the_view_fails():
    gc.enable()
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():        # nested: the outer one switches it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("the view failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
