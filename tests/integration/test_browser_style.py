"""Neo4j Browser as ``kgraph neo4j browser`` leaves it, in headless Chromium: the launcher page
copies the password and opens the Browser with address and user filled in; pasting the
password connects; on connect the Browser applies kgraph's style (names as captions, a
colour per entity type) and opens the kgraph guide.

Runs against the local server the ``neo4j_server`` fixture starts (the style and guide are
served by kgraph's local server).  ``KGRAPH_DOCS_SHOTS=1`` also saves the screenshot as
docs/neo4j-browser.png.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kgraph.browser import style_text
from kgraph.cli import app
from kgraph.config import Neo4jSettings
from tests.conftest import REPO, TEST_BOLT_PORT, TEST_HTTP_PORT
from tests.grass import parse_grass
from tests.integration.test_browser import (  # noqa: F401  (fixtures)
    FRAME_ERROR,
    browser_page,
    example_graph,
)

pytestmark = pytest.mark.neo4j

QUERY = (
    "MATCH (a:Entity)-[r]->(b:Entity) WHERE a.name IN ['Vladimir Putin', 'Kim Jong Un'] "
    "OR b:Place OR b:Organization RETURN a, r, b"
)


def _rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def test_browser_opens_styled_with_the_guide(
    neo4j_server: Neo4jSettings,
    example_graph: None,  # noqa: F811  (the fixture imported above)
    browser_page: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the style and guide are served by kgraph's local server, not NEO4J_URI's")
    page = browser_page
    shot = tmp_path / "neo4j-browser.png"
    home = REPO / ".kgraph-test" / f"neo4j-{TEST_BOLT_PORT}"
    ports = ["--bolt-port", str(TEST_BOLT_PORT), "--http-port", str(TEST_HTTP_PORT)]
    result = CliRunner().invoke(app, ["neo4j", "browser", "--home", str(home), *ports])
    assert result.exit_code == 0, result.output
    password = neo4j_server.password or ""
    assert password and password not in result.output
    url = re.search(r"^Neo4j Browser: (\S+)$", result.output, re.M)
    launcher = re.search(r"^Password:\s+(file://\S+)", result.output, re.M)
    assert url is not None and launcher is not None, result.output
    launcher_file = home / "browser.html"
    assert launcher.group(1) == launcher_file.as_uri()
    assert stat.S_IMODE(launcher_file.stat().st_mode) == 0o600

    # The launcher copies the password and opens the Browser, connect form filled in.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(launcher.group(1))
    page.locator("#go").click()
    page.wait_for_url(url.group(1))
    address = page.get_by_test_id("boltaddress")
    address.wait_for()
    assert address.input_value().endswith(f"127.0.0.1:{TEST_BOLT_PORT}")
    assert page.get_by_test_id("username").input_value() == "neo4j"
    field = page.get_by_test_id("password")
    field.click()
    page.keyboard.press("Control+V")
    assert field.input_value() == password
    page.get_by_test_id("connect").click()
    connected = page.get_by_text("You are connected as user")
    connected.or_(page.locator(FRAME_ERROR)).first.wait_for()
    assert connected.count(), page.locator(FRAME_ERROR).first.inner_text()

    # On connect: the style is applied and the guide opens, both without errors.
    guide = page.get_by_test_id("frame").filter(
        has=page.get_by_test_id("frameCommand").filter(has_text="kgraph/guide.html")
    )
    guide.get_by_text("kgraph: who did what to whom").wait_for()
    assert guide.locator("pre.runnable").count() >= 1
    style_frame = page.get_by_test_id("frame").filter(
        has=page.get_by_test_id("frameCommand").filter(has_text="kgraph/style.grass")
    )
    style_frame.get_by_text('caption: "{name}"').first.wait_for()
    assert not page.locator(FRAME_ERROR).count()
    style_frame.get_by_title("Close").first.click()  # the picture shows graph and guide
    style_frame.wait_for(state="detached")

    page.locator("#monaco-main-editor").click()
    page.keyboard.type(QUERY)
    page.get_by_test_id("editor-Run").click()
    frame = page.get_by_test_id("frame").filter(
        has=page.get_by_test_id("frameCommand").filter(has_text=QUERY)
    )
    frame.locator("svg g.node").first.wait_for()
    page.wait_for_timeout(2_500)  # let the layout settle for the picture
    page.screenshot(path=str(shot))
    if os.environ.get("KGRAPH_DOCS_SHOTS"):
        shutil.copyfile(shot, REPO / "docs" / "neo4j-browser.png")

    rules = parse_grass(style_text())
    nodes = frame.locator("svg g.node").evaluate_all(
        "els => els.map(e => ({"
        " caption: Array.from(e.querySelectorAll('text')).map(t => t.textContent)"
        "   .join(' ').split(/\\s+/).filter(Boolean).join(' '),"
        " fill: getComputedStyle(e.querySelector('circle.b, circle:not(.ring)')).fill }))"
    )
    by_caption = {n["caption"]: n["fill"] for n in nodes}
    assert by_caption.get("Vladimir Putin") == _rgb(rules["node.Person"]["color"]), nodes
    assert by_caption.get("Kim Jong Un") == _rgb(rules["node.Person"]["color"]), nodes
    fills = {n["fill"] for n in nodes}
    for kind in ("Person", "Place", "Organization"):
        assert _rgb(rules[f"node.{kind}"]["color"]) in fills, (kind, nodes, shot)
    arrows = frame.locator("svg g.relationship text").all_text_contents()
    # the Browser cuts a caption to its arrow's length ("CONGRATULA…"), which the layout sets
    shown = [a.strip().removesuffix("…") for a in arrows]
    assert any(len(a) >= 8 and "CONGRATULATE".startswith(a) for a in shown), arrows
