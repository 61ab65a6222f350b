"""The dialogue's authored settings as one participant request reads them (`DialogueBlock.cfg`).

Each setting is read through its field the first time the request asks for it, and kept:
one participant request looked at them some fifty times. The read is the field's own
(xblock's descriptor, `has` then `get` of the runtime's field data), so what the request
sees is what the block sees, values set but not yet saved included (Studio's editor, the
platform's tests). A read with one field-data `get` instead saved a workbench query per
set setting, but it went around the descriptor's cache of unsaved values and the field
data's `default` (the LMS's inherited settings): not worth a query the LMS does not make.
"""


class SettingsOnce:
    """A block's settings as attributes, each read from the block the first time it is asked for."""

    def __init__(self, block):
        self._block = block

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._block, name)
        setattr(self, name, value)
        return value
