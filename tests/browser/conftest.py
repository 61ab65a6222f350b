"""Browser tests: Playwright driving Debian's Chromium against a running demo.

`playwright install` cannot download browsers here, so Chromium comes from
Debian (`apt-get install chromium`, done by scripts/system_packages.sh). Under
CI=true a missing Chromium fails the run instead of skipping it.
"""
import os
import shutil

import pytest

from tests.support.live_server import DemoServer

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-quic",
                     # Containers often give /dev/shm 64 MB; Chromium then dies mid-run
                     # and every later browser test fails with TargetClosedError.
                     "--disable-dev-shm-usage"]}


class _RelaunchingBrowser:
    """One Chromium for the session, started again if it has died.

    A crashed browser process must cost the test that crashed it, not every
    browser test after it (CI once lost 83 tests to one crash)."""

    def __init__(self, launch_browser):
        self._launch = launch_browser
        self._browser = None

    def current(self):
        if self._browser is None or not self._browser.is_connected():
            self._browser = self._launch()
        return self._browser

    def close(self):
        if self._browser is not None and self._browser.is_connected():
            self._browser.close()


@pytest.fixture(scope="session")
def _browser_process(launch_browser):
    holder = _RelaunchingBrowser(launch_browser)
    yield holder
    holder.close()


@pytest.fixture
def browser(_browser_process):
    """pytest-playwright's session `browser`, but alive for every test."""
    return _browser_process.current()


@pytest.fixture(scope="session")
def demo_server():
    server = DemoServer().start()
    yield server
    server.stop()


@pytest.fixture
def dutch_context(browser):
    context = browser.new_context(locale="nl-NL", extra_http_headers={"Accept-Language": "nl"})
    yield context
    context.close()
