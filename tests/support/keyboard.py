"""Keyboard steps for the browser tests: every action goes through focus and a key,
as a keyboard-only user does it (WCAG 2.1.1)."""


def press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def type_into(page, locator, text):
    """Replace the field's text by typing, as a person would."""
    locator.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
