"""Neo4j Browser in headless Chromium: it loads, connects to the server and shows the example
graph the way a person sees it (node captions and relationship types in the result frame).

Needs a Chromium binary (Debian/Ubuntu: ``apt-get install -y chromium``; or set
``KGRAPH_CHROMIUM``) and the ``playwright`` Python package, which drives that binary (its own
browser download is not used).  Neither is optional: without them the test fails and says
how to install them.  For a server given with ``NEO4J_URI`` the Browser is looked for at
``NEO4J_HTTP_URL`` (default ``http://<host of NEO4J_URI>:7474``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

from kgraph.analysis import Analyzer
from kgraph.config import Neo4jSettings
from kgraph.pipeline import ingest
from kgraph.store.neo4j import Neo4jStore
from tests.conftest import EXAMPLES, TEST_HTTP_PORT
from tests.integration.snapshot import wipe

pytestmark = pytest.mark.neo4j

QUERY = "MATCH (a:Person)-[r]->(b:Person) RETURN a, r, b"
PEOPLE = {"Vladimir Putin", "Kim Jong Un"}
RELATIONS = ("CONGRATULATE", "THANK")
TIMEOUT_MS = 20_000
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless as root on a machine without internet: no sandbox or GPU, and none of the
# background connections (updates, sync, QUIC) that a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: `apt-get install -y chromium`) and the Python package "
    "playwright (`pip install playwright`; `playwright install` is not needed), or set "
    "KGRAPH_CHROMIUM to a Chrome/Chromium binary"
)
# A failed connect or query shows its error in the status bar of its frame.
FRAME_ERROR = "[data-testid=frameStatusbar] :has(> .fa-exclamation-triangle)"


def browser_url(settings: Neo4jSettings) -> str:
    """Where Neo4j Browser is served for the server the ``neo4j_server`` fixture gives."""
    host = urlsplit(settings.uri).hostname or "127.0.0.1"
    if not os.environ.get("NEO4J_URI"):  # the fixture started its own local server
        return f"http://{host}:{TEST_HTTP_PORT}/browser/"
    http = os.environ.get("NEO4J_HTTP_URL") or f"http://{host}:7474"
    return http.rstrip("/").removesuffix("/browser") + "/browser/"


def find_chromium() -> str:
    configured = os.environ.get("KGRAPH_CHROMIUM")
    if configured:
        found = shutil.which(configured)
        if found is None:
            pytest.fail(f"KGRAPH_CHROMIUM={configured!r} is not a program: {INSTALL_HINT}")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"no headless Chromium found on PATH ({', '.join(CHROMIUM_NAMES)}): {INSTALL_HINT}")


@pytest.fixture
def example_graph(neo4j_server: Neo4jSettings, analyzer: Analyzer) -> Iterator[None]:
    """The server holds exactly the graph of examples/."""
    store = Neo4jStore(neo4j_server)
    try:
        wipe(store)
        summary = ingest([str(EXAMPLES)], store, analyzer)
        assert summary.articles_new == 1 and summary.articles_failed == 0, summary.errors
        yield
        wipe(store)
    finally:
        store.close()


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[Any]:
    """A page in headless Chromium with a fresh profile (no saved Browser credentials)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the playwright package is missing: {INSTALL_HINT}")
    chromium = find_chromium()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        try:
            # The Browser asks Google Fonts for its web fonts; offline that only costs time.
            context.route("http*://fonts.googleapis.com/**", lambda route: route.abort())
            context.route("http*://fonts.gstatic.com/**", lambda route: route.abort())
            page = context.pages[0] if context.pages else context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            context.close()


def _fail(page: Any, shot: Path, message: str) -> NoReturn:
    page.screenshot(path=str(shot))
    pytest.fail(f"{message} (screenshot: {shot})")


def _truncated_to(caption: str, full: str) -> bool:
    """A relationship caption as drawn: the whole type, or its start cut with an ellipsis."""
    return caption == full or (caption.endswith("…") and full.startswith(caption[:-1]))


def _connect(page: Any, url: str, settings: Neo4jSettings, shot: Path) -> None:
    """Open the Browser and log in through its connect form, as a person does."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    assert page.title() == "Neo4j Browser"
    address = page.get_by_test_id("boltaddress")
    address.wait_for()
    address.fill(settings.uri)  # a full URL: the Browser moves the scheme to its selector
    if settings.database:
        page.get_by_test_id("database").fill(settings.database)
    page.get_by_test_id("username").fill(settings.user)
    page.get_by_test_id("password").fill(settings.password or "")
    page.get_by_test_id("connect").click()
    connected = page.get_by_text("You are connected as user")
    failed = page.locator(FRAME_ERROR)
    connected.or_(failed).first.wait_for()
    if failed.count():
        _fail(page, shot, f"Neo4j Browser could not connect: {failed.first.inner_text().strip()}")


def _run_query(page: Any, query: str, shot: Path) -> Any:
    """Type the query into the editor, press Run and wait for its graph; returns its frame."""
    page.locator("#monaco-main-editor").click()
    page.keyboard.type(query)
    page.get_by_test_id("editor-Run").click()
    frame = page.get_by_test_id("frame").filter(
        has=page.get_by_test_id("frameCommand").filter(has_text=query)
    )
    failed = frame.locator(FRAME_ERROR)
    frame.locator("svg g.node").first.or_(failed).first.wait_for()
    if failed.count():
        _fail(page, shot, f"the query failed: {failed.first.inner_text().strip()}")
    return frame


def test_browser_shows_example_graph(
    neo4j_server: Neo4jSettings, example_graph: None, browser_page: Any, tmp_path: Path
) -> None:
    page = browser_page
    from playwright.sync_api import Error as PlaywrightError

    shot = tmp_path / "neo4j-browser.png"
    url = browser_url(neo4j_server)
    try:
        _connect(page, url, neo4j_server, shot)
        # Connected, not in the "could not reach Neo4j" / disconnected state.
        assert neo4j_server.uri in page.get_by_test_id("stream").inner_text()
        page.get_by_test_id("disconnectedBanner").wait_for(state="hidden")
        assert not page.get_by_text("Could not reach Neo4j").count()
        frame = _run_query(page, QUERY, shot)
    except PlaywrightError as exc:  # a timeout or a page that never loaded
        _fail(page, shot, f"Neo4j Browser at {url}: {exc.message.splitlines()[0]}")
    page.screenshot(path=str(shot))

    # The graph visualisation: node captions (wrapped over several SVG text lines) ...
    captions = frame.locator("svg g.node").evaluate_all(
        "els => els.map(e => Array.from(e.querySelectorAll('text.caption'))"
        ".map(t => t.textContent).join(' ').split(/\\s+/).filter(Boolean).join(' '))"
    )
    assert set(captions) >= PEOPLE, f"node captions {captions} (screenshot: {shot})"
    # ... relationship captions on the arrows ...
    arrows = frame.locator("svg g.relationship text").all_text_contents()
    for rel_type in RELATIONS:
        assert any(_truncated_to(a.strip(), rel_type) for a in arrows), (
            f"no {rel_type} arrow among {arrows} (screenshot: {shot})"
        )
    # ... and the overview beside it, which names the types in full.
    for rel_type in RELATIONS:
        pill = frame.get_by_test_id(f"property-details-overview-relationship-type-{rel_type}")
        assert pill.inner_text().startswith(rel_type), f"overview lacks {rel_type} ({shot})"
    for label in ("Person", "Entity"):
        assert frame.get_by_test_id(f"property-details-overview-node-label-{label}").is_visible()
