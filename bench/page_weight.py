#!/usr/bin/env python3
"""What a first visit to each kind of page costs: every request it makes, raw and gzipped.

    python3 bench/page_weight.py                      # build the site, measure in Chromium
    python3 bench/page_weight.py --site /tmp/pw-site  # measure a site built before
    python3 bench/page_weight.py --slow-3g            # and first paint on Chrome's "Slow 3G"
    python3 bench/page_weight.py --slow-3g --gzip     # ... from a server that compresses, as hosts do
    python3 bench/page_weight.py --static             # no browser: the files each page's HTML names
    python3 bench/page_weight.py -v --markdown        # every request; a table for bench/README.md

A first visit starts with an empty cache. Both modes count the page and the files its HTML names
(style sheets, scripts, images, icon): the figure tests/test_page_assets.py keeps under 100 KB
gzipped. The browser mode (Playwright driving Debian's Chromium, as the browser tests do) also
records every response until the network is quiet, so it sees what scripts fetch afterwards (the
search index and worker, the sitemap, the checker's rules). Sizes are each file's bytes and what
gzip at level 6 makes of them, what a server that compresses sends. The local server sends files
as they are, like `python -m http.server`, unless --gzip; first paint depends on which.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"

# One page of each kind a reader opens (site-relative URLs of the MkDocs build).
PAGES = {
    "home": "",
    "term": "glossary/limited-data-set/",
    "glossary index": "glossary/",
    "matrix": "reference/data-elements/",
    "checker": "tools/data-set-checker/",
    "convening": "convenings/first-convening/legal-frameworks/",
    "site": "sites/connecticut/",
    "handout": "convenings/first-convening/legal-frameworks/handout/",
}

# Chrome DevTools' "Slow 3G" preset: 400 kbit/s each way, 2 s added to every round trip.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}


@dataclass(frozen=True)
class Request:
    url: str  # site-relative
    kind: str  # document, stylesheet, script, image, xhr, ...
    raw: int
    gzipped: int
    named: bool = True  # the page itself or a file its HTML names; False: fetched by a script


@dataclass(frozen=True)
class PageWeight:
    name: str
    url: str
    requests: list[Request]
    first_paint_ms: float | None = None

    def total(self, named_only: bool = False) -> tuple[int, int, int]:
        """(requests, raw bytes, gzipped bytes)."""
        chosen = [r for r in self.requests if r.named or not named_only]
        return len(chosen), sum(r.raw for r in chosen), sum(r.gzipped for r in chosen)


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# -- build and serve -----------------------------------------------------------------------------

def build_site(out: Path, engine: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if engine == "zensical":
        command = [sys.executable, "hooks/zensical_engine.py", "build", "--site-dir", str(out),
                   "--work", str(out.parent / f"{out.name}-tree")]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode:
        raise SystemExit(f"The {engine} build failed (exit {result.returncode}); see the messages above.")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Sends text gzipped to a browser that accepts it, as a web host does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or not path.is_file() or path.suffix not in COMPRESSED:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


@contextlib.contextmanager
def serving(site: Path, compress: bool = False) -> Iterator[str]:
    """The site over plain HTTP on 127.0.0.1 while the block runs, gzipped or not."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = _GzipHandler if compress else _QuietHandler
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()


# -- browser mode --------------------------------------------------------------------------------

def measure_in_browser(site: Path, pages: dict[str, str], slow_3g: bool, compress: bool) -> list[PageWeight]:
    from playwright.sync_api import sync_playwright  # a test requirement; --static needs none

    results = []
    with serving(site, compress) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            for name, url in pages.items():
                named = {address for _, _, address in page_assets(site, url)}
                results.append(_visit(browser, base, name, url, named, slow_3g))
        finally:
            browser.close()
    return results


def _visit(browser, base: str, name: str, url: str, named: set[str], slow_3g: bool) -> PageWeight:
    context = browser.new_context()  # an empty cache: a first visit
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    if slow_3g:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(base + url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    first_paint = page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    requests = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        address = _site_relative(response.url, base)
        requests.append(Request(address, response.request.resource_type, len(body),
                                gzipped_size(body) if body else 0,
                                response.request.resource_type == "document" or address in named))
    context.close()
    return PageWeight(name, url, requests, first_paint if slow_3g else None)


def _site_relative(url: str, base: str) -> str:
    return url.removeprefix(base) if url.startswith(base) else url


# -- static mode ---------------------------------------------------------------------------------

class _Assets(HTMLParser):
    """The files a page's HTML asks the browser for as it loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, href)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        rel = (attr.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and attr.get("href"):
            self.found.append(("stylesheet", attr["href"]))
        elif tag == "link" and "icon" in rel and attr.get("href"):
            self.found.append(("image", attr["href"]))
        elif tag == "script" and attr.get("src"):
            self.found.append(("script", attr["src"]))
        elif tag == "img" and attr.get("src") and attr.get("loading") != "lazy":
            self.found.append(("image", attr["src"]))


def page_assets(site: Path, url: str) -> list[tuple[str, Path | None, str]]:
    """(kind, file in the site or None if it is elsewhere, address) of what the page at `url` names."""
    parser = _Assets()
    parser.feed(page_file(site, url).read_text(encoding="utf-8"))
    page_address = "http://site/" + url
    assets = []
    for kind, href in dict.fromkeys(parser.found):
        address = urljoin(page_address, href)
        inside = address.startswith("http://site/")
        path = site / unquote(urlsplit(address).path.lstrip("/")) if inside else None
        assets.append((kind, path, address.removeprefix("http://site/")))
    return assets


def page_file(site: Path, url: str) -> Path:
    path = site / unquote(url)
    return path / "index.html" if url == "" or url.endswith("/") else path


def measure_static(site: Path, pages: dict[str, str]) -> list[PageWeight]:
    results = []
    for name, url in pages.items():
        html = page_file(site, url).read_bytes()
        requests = [Request(url, "document", len(html), gzipped_size(html))]
        for kind, path, address in page_assets(site, url):
            data = path.read_bytes() if path is not None and path.is_file() else b""
            requests.append(Request(address, kind, len(data), gzipped_size(data) if data else 0))
        results.append(PageWeight(name, url, requests))
    return results


# -- report --------------------------------------------------------------------------------------

def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def report(results: list[PageWeight], verbose: bool, markdown: bool, browser: bool) -> str:
    """One line (or Markdown row) per page: the page and what its HTML names; in the browser
    mode also every request until the network went quiet."""
    lines = []
    if markdown:
        columns = ["Page", "Requests", "KB raw", "KB gzipped"]
        if browser:
            columns += ["Until idle: requests", "KB raw", "KB gzipped", "First paint, Slow 3G"]
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for result in results:
        early = result.total(named_only=True)
        cells = [f"{result.name} (`/{result.url}`)", str(early[0]), kb(early[1]), kb(early[2])]
        if browser:
            every = result.total()
            paint = f"{result.first_paint_ms / 1000:.1f} s" if result.first_paint_ms else "–"
            cells += [str(every[0]), kb(every[1]), kb(every[2]), paint]
        if markdown:
            lines.append("| " + " | ".join(cells) + " |")
            continue
        line = (f"{result.name:15} /{result.url:54} {early[0]:3} requests {kb(early[1]):>7} KB raw "
                f"{kb(early[2]):>6} KB gz")
        if browser:
            line += f"; until idle {every[0]} requests, {kb(every[1])} KB raw, {kb(every[2])} KB gz"
            line += f"; first paint {paint} on Slow 3G" if result.first_paint_ms else ""
        lines.append(line)
        if verbose:
            for r in result.requests:
                when = "" if r.named else "  (fetched by a script)"
                shown = r.url if "://" in r.url else "/" + r.url
                lines.append(f"    {r.kind:10} {kb(r.raw):>7} {kb(r.gzipped):>6}  {shown}{when}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one now)")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="engine that builds it")
    parser.add_argument("--static", action="store_true", help="read the HTML for its files; no browser")
    parser.add_argument("--slow-3g", action="store_true", help="also time first paint on Slow 3G (browser mode)")
    parser.add_argument("--gzip", action="store_true", help="serve text gzipped, as a web host does (browser mode)")
    parser.add_argument("--page", action="append", metavar="URL", help="a site-relative page URL (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every request")
    parser.add_argument("--markdown", action="store_true", help="one Markdown table row per page")
    args = parser.parse_args(argv)
    if args.static and (args.slow_3g or args.gzip):
        parser.error("--slow-3g and --gzip need the browser: leave out --static")
    if not args.static and not Path(CHROMIUM).is_file():
        parser.error(f"{CHROMIUM} is missing: install Chromium, or use --static")
    pages = {url or "/": url for url in args.page} if args.page else PAGES

    with tempfile.TemporaryDirectory(prefix="page-weight-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            build_site(site, args.engine)
        if not site.is_dir():
            parser.error(f"{site}: not a folder; build the site first")
        missing = [url for url in pages.values() if not page_file(site, url).is_file()]
        if missing:
            parser.error(f"{site}: no page at {', '.join('/' + m for m in missing)}")
        results = measure_static(site, pages) if args.static else measure_in_browser(site, pages, args.slow_3g, args.gzip)
    print(report(results, args.verbose, args.markdown, browser=not args.static))
    return 0


if __name__ == "__main__":
    sys.exit(main())
