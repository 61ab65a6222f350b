"""Open edX XBlocks for action-learning leadership programmes (leergangen)."""
__version__ = "0.1.0"
