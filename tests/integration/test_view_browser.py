"""The page ``kgraph view`` writes, opened from a file in headless Chromium: the graph is
drawn (all nodes and edges in vis-network, pixels on the canvas), negated facts dashed, and
hovering an arrow shows its evidence sentence.  No server and no network.

Needs Chromium and the ``playwright`` package, as tests/integration/test_browser.py does.
``KGRAPH_DOCS_SHOTS=1`` also saves the screenshot as docs/view.png (how it is made).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.analysis import Analyzer
from kgraph.pipeline import ingest
from kgraph.store.local import LocalStore
from kgraph.view import load_view, render_html
from tests.conftest import REPO, UNN
from tests.integration.test_browser import CHROMIUM_ARGS, INSTALL_HINT, find_chromium

WIRE = REPO / "tests" / "data" / "news" / "wire.jsonl"
CENTER = "Vladimir Putin"


@pytest.fixture
def page_file(tmp_path: Path, analyzer: Analyzer) -> Path:
    store = LocalStore(tmp_path / "graph.json.gz", writable=True)
    doubts = tmp_path / "doubts.txt"
    doubts.write_text(
        "Talks in doubt\n\nRecep Tayyip Erdogan did not meet Vladimir Putin in Ankara on "
        "Friday.\n\nOlaf Scholz may visit Vladimir Putin next month.\n",
        encoding="utf-8",
    )
    try:
        summary = ingest([str(UNN), str(WIRE), str(doubts)], store, analyzer)
        assert summary.articles_failed == 0, summary.errors
        view = load_view(store, CENTER.lower(), hops=2)
    finally:
        store.close()
    assert any(e.negated or e.hedged for e in view.edges), "no negated or hedged fact to show"
    path = tmp_path / "view.html"
    path.write_text(render_html(view), "utf-8")
    return path


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the playwright package is missing: {INSTALL_HINT}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            # Nothing may leave the page: any request but the file itself fails the test.
            requests: list[str] = []
            context.on("request", lambda r: requests.append(r.url))
            tab = context.new_page()
            tab.set_default_timeout(20_000)
            errors: list[str] = []
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            yield tab
            assert not errors, errors
            assert all(url.startswith("file://") for url in requests), requests
        finally:
            browser.close()


def _hover(page: Any, box: dict[str, float], edge: dict[str, Any]) -> str:
    """Put the mouse on an arrow (its middle, or nearer an end where another arrow or
    label crosses the middle); the tooltip's text about that arrow."""
    tooltip = page.locator("div.vis-tooltip")
    text = ""
    for fraction in (0.5, 0.35, 0.65, 0.2, 0.8):
        page.mouse.move(box["x"] + 5, box["y"] + 5)
        point = page.evaluate(
            "(([id, t]) => { const n = window.kgraphNetwork;"
            " return n.canvasToDOM(n.body.edges[id].edgeType.getPoint(t)); })",
            [edge["id"], fraction],
        )
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        tooltip.wait_for(state="visible")
        text = tooltip.inner_text()
        if edge["relation"] in text.splitlines()[0]:
            return text
    return text


def test_view_page_draws_the_graph(page_file: Path, page: Any, tmp_path: Path) -> None:
    shot = tmp_path / "view.png"
    page.goto(page_file.as_uri())
    # A DOM mark, not wait_for_function: the page's CSP forbids the eval it polls with.
    page.locator("body[data-kgraph-ready=true]").wait_for(state="attached")
    data = page.evaluate("window.kgraphData")
    drawn = page.evaluate(
        "(() => { const b = window.kgraphNetwork.body.data;"
        " return {nodes: b.nodes.get(), edges: b.edges.get()}; })()"
    )
    assert len(drawn["nodes"]) == len(data["nodes"]) >= 5
    assert len(drawn["edges"]) == len(data["edges"])
    labels = {n["label"] for n in drawn["nodes"]}
    assert {CENTER, "Kim Jong Un"} <= labels
    # Negated and hedged facts are dashed and say so ("not X", "X (urge)"); others are not.
    marked = {e["id"] for e in data["edges"] if e["negated"] or e["hedged"]}
    assert marked and {e["id"] for e in drawn["edges"] if e["dashes"]} == marked
    for e in drawn["edges"]:
        if e["id"] in marked:
            assert e["label"].startswith("not ") or e["label"].endswith(")"), e["label"]
    # Every node is on screen after the layout, and the canvas holds a picture.
    positions = page.evaluate(
        "(() => { const n = window.kgraphNetwork; const p = n.getPositions();"
        " return Object.keys(p).map(k => n.canvasToDOM(p[k])); })()"
    )
    box = page.locator("#graph").bounding_box()
    assert all(0 <= p["x"] <= box["width"] and 0 <= p["y"] <= box["height"] for p in positions)
    painted = page.evaluate(
        "(() => { const c = document.querySelector('#graph canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i+3] && d[i] < 200) n++;"
        " return n; })()"
    )
    assert painted > 5_000, f"only {painted} dark pixels on the canvas"

    # Hovering an arrow shows its sentences and articles; a hedged or negated one says so.
    tooltip = page.locator("div.vis-tooltip")
    congratulate = next(e for e in data["edges"] if e["relation"] == "CONGRATULATE")
    text = _hover(page, box, congratulate)
    assert "congratulated" in text and congratulate["evidence"][0]["article"] in text, text
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    tooltip.wait_for(state="hidden")
    flagged = next(e for e in data["edges"] if e["id"] in marked)
    text = _hover(page, box, flagged)
    assert ("Negated" if flagged["negated"] else "Hedged") in text, text
    assert flagged["evidence"][0]["sentence"] in text, text
    page.screenshot(path=str(shot))
    if os.environ.get("KGRAPH_DOCS_SHOTS"):
        shutil.copyfile(shot, REPO / "docs" / "view.png")
