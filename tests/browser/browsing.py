"""Browser test helpers (a module of its own so test files can import it by a unique name)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Not test-results/: pytest-playwright empties that folder at the start of every run.
SCREENSHOTS = REPO / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The pages the tests read: one of each kind a facilitator shows.
TERM = "glossary/limited-data-set/"
SESSION = "convenings/first-convening/legal-frameworks/"
PLAYBOOK = "playbooks/legal-frameworks/"


def offline_context(browser, **options):
    """A browser context in which only file:// requests get through, as on a laptop with no
    network; returns it with the list of every other address a page asked for."""
    context = browser.new_context(**options)
    outside: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    return context, outside


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def search(page, text: str):
    """Type into the site's search like a person (it listens for key events, not `fill`).

    Material shows a search field in the header; Zensical a button that opens its own dialog
    (in a shadow root, which Playwright's CSS locators enter)."""
    button = page.locator("button.md-search__button")
    if button.count():
        button.click()
        field = page.locator("dialog[aria-label='Search'] input[role='combobox']")
        field.press_sequentially(text, delay=40)
        return page.locator("ol[role='listbox'] a[role='option']")
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        page.locator("label.md-header__button[for='__search']").click()  # phones: open the dialog
    field.click()
    field.press_sequentially(text, delay=40)
    return page.locator(".md-search-result__item a")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(directory: Path, port: int) -> Iterator[str]:
    """Serve a built site over HTTP on 127.0.0.1 while the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
