"""The demo: the xblock-sdk workbench set up for the leergang blocks.

Not part of the installed package. `settings.py` fixes the stock workbench's
traps; `services.py` gives the workbench the user and i18n services the LMS has.
"""
