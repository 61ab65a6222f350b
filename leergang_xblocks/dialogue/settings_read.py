"""The dialogue's authored settings as one participant request reads them (`DialogueBlock.cfg`).

Each setting is read the first time the request asks for it, and kept. A setting is
read with one call of the block's field data, `get` (which raises KeyError when the
author left the field at its default: xblock's FieldData contract, xblock/field_data.py),
where the field's descriptor asks `has` and then `get`. In the LMS both are reads of
the modulestore's block in memory; in the workbench each is a query (a set field cost
two). The value is what the descriptor returns: `from_json` of the stored value, or the
field's default, with the String fields' control characters removed (`_sanitize`).

Only immutable settings and content fields are read so (the dialogue's are strings,
numbers and switches), and only in requests that do not change them (participant
handlers and views; Studio's editor checks the values it is given, core/blocks.py).
Anything else is read through the descriptor.
"""
from xblock.fields import Scope

_READ_SCOPES = (Scope.settings, Scope.content)


class SettingsOnce:
    """A block's settings as attributes, each read from the block the first time it is asked for."""

    def __init__(self, block):
        self._block = block

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._read(name)
        setattr(self, name, value)
        return value

    def _read(self, name):
        block = self._block
        field = block.fields.get(name)
        if field is None or field.scope not in _READ_SCOPES or field.MUTABLE:
            return getattr(block, name)
        # What Field.__get__ reads (xblock/fields.py), with one call instead of has() and get().
        try:
            value = field.from_json(block._field_data.get(block, name))
        except KeyError:
            value = field.default
        return field._sanitize(value)
