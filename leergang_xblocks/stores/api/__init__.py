"""The only code that touches the app's models. Blocks and core import from here
(and from ``stores.data``), never from ``stores.models``."""
