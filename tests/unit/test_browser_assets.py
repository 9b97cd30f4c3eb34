"""Neo4j Browser assets: the style, the guide, the served archive, the URL and launcher."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

from kgraph.browser import (
    ARCHIVE_NAME,
    asset_url,
    browser_url,
    guide_html,
    launcher_html,
    post_connect_cmd,
    style_text,
    write_browser_archive,
)
from kgraph.models import ENTITY_TYPES
from kgraph.named_queries import NamedQuery, named_queries
from kgraph.server.config import ServerConfig, render_conf
from kgraph.view import TYPE_COLOURS
from tests.grass import parse_grass


def test_grass_braces_inside_quotes_do_not_end_a_rule() -> None:
    rules = parse_grass('node.Person { color: #4E79A7; caption: "{name}"; }')
    assert rules == {"node.Person": {"color": "#4E79A7", "caption": "{name}"}}


def test_style_gives_every_entity_type_its_colour_and_the_name_as_caption() -> None:
    rules = parse_grass(style_text())
    assert rules["node"]["caption"] == "{name}"
    assert rules["relationship"]["caption"] == "<type>"
    for kind in ENTITY_TYPES:
        rule = rules[f"node.{kind}"]
        assert rule["caption"] == "{name}", kind
        assert rule["color"].upper() == TYPE_COLOURS[kind].upper(), kind
    colours = [rules[f"node.{kind}"]["color"] for kind in ENTITY_TYPES]
    assert len(set(colours)) == len(colours)
    # Types come after the shared Entity label, so their rules win.
    order = list(rules)
    assert all(order.index("node.Entity") < order.index(f"node.{k}") for k in ENTITY_TYPES)


def test_style_has_nothing_the_browser_parser_misreads() -> None:
    text = style_text()
    assert "/*" not in text and "//" not in text  # no comments in GraSS
    assert "'" not in text  # a quote opens a string for the Browser's parser
    assert text.count("{") == text.count("}")


def test_query_files_parse_into_description_params_and_cypher() -> None:
    query = NamedQuery.parse(
        "co", '// First line.\n// Second.\n// params: {"name": "Kim"}\nMATCH (n)\nRETURN n\n'
    )
    assert query == NamedQuery("co", "First line. Second.", "MATCH (n)\nRETURN n", {"name": "Kim"})
    shipped = named_queries()
    assert {"people", "facts", "co-mentions", "evidence"} <= set(shipped)
    assert shipped["co-mentions"].params == {"name": "Vladimir Putin"}
    assert all(q.cypher.startswith("MATCH") for q in shipped.values())


def test_guide_has_a_runnable_slide_per_named_query() -> None:
    queries = list(named_queries().values())
    page = guide_html(queries)
    assert page.startswith('<article class="guide">')
    assert page.count("<slide") == len(queries) + 1
    blocks = re.findall(r'<pre class="code runnable pre-scrollable">(.*?)</pre>', page, re.S)
    for query in queries:
        assert f"<h3>{query.name}</h3>" in page
        assert any(html.unescape(b) == query.cypher for b in blocks), query.name
    assert ":params {&quot;name&quot;: &quot;Vladimir Putin&quot;}" in page


def test_guide_escapes_query_text() -> None:
    page = guide_html([NamedQuery("<b>x</b>", "<script>", "RETURN '</pre><script>'")])
    assert "<script>" not in page and "<b>x" not in page
    assert "&lt;/pre&gt;&lt;script&gt;" in page


def _fake_jar(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        jar.writestr("browser/index.html", "<html>browser</html>")
        jar.writestr("browser/assets/app.js", "console.log(1)")
    return path


def test_archive_is_the_browser_plus_kgraph_files_folders_first(tmp_path: Path) -> None:
    jar = _fake_jar(tmp_path / "neo4j-browser-5.24.0.jar")
    target = write_browser_archive(jar, tmp_path / "web", {"style.grass": "node {}"})
    assert target == tmp_path / "web" / ARCHIVE_NAME
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert archive.read("browser/kgraph/style.grass") == b"node {}"
        assert archive.read("browser/index.html") == b"<html>browser</html>"
    assert names[0] == "browser/"  # Neo4j serves the folder of the first entry
    assert not any(n.startswith("META-INF") for n in names)
    for i, name in enumerate(names):  # each folder is created before what it holds
        parent = name.rstrip("/").rpartition("/")[0]
        if parent:
            assert names.index(parent + "/") < i, name
    # Unchanged inputs: not rewritten; a changed asset: rewritten.
    before = target.stat().st_mtime_ns
    write_browser_archive(jar, tmp_path / "web", {"style.grass": "node {}"})
    assert target.stat().st_mtime_ns == before
    write_browser_archive(jar, tmp_path / "web", {"style.grass": "node { color: red; }"})
    with zipfile.ZipFile(target) as archive:
        assert archive.read("browser/kgraph/style.grass") == b"node { color: red; }"


def test_conf_serves_and_applies_style_and_guide(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path / "neo", http_port=17999, bolt_port=17998)
    conf = render_conf(cfg)
    style = "http://127.0.0.1:17999/browser/kgraph/style.grass"
    guide = "http://127.0.0.1:17999/browser/kgraph/guide.html"
    assert f"browser.post_connect_cmd=style {style}; play {guide}" in conf.splitlines()
    assert "browser.remote_content_hostname_whitelist=127.0.0.1" in conf.splitlines()
    assert f"internal.dbms.web_dir_path={tmp_path / 'neo' / 'web'}" in conf.splitlines()
    assert post_connect_cmd(cfg.http_url) == f"style {style}; play {guide}"
    assert asset_url("http://h:1/", "x") == "http://h:1/browser/kgraph/x"


def test_browser_url_fills_address_and_user_only() -> None:
    url = browser_url("http://127.0.0.1:7474/", "bolt://127.0.0.1:7687")
    assert url == (
        "http://127.0.0.1:7474/browser/?dbms=bolt%3A%2F%2Fneo4j%40127.0.0.1%3A7687"
        "&preselectAuthMethod=NATIVE"
    )


def test_launcher_keeps_the_password_as_inert_data() -> None:
    secret = "pa</script>ss'\"<b>"
    page = launcher_html("http://127.0.0.1:7474/browser/", secret)
    assert secret not in page
    match = re.search(
        r'<script id="kgraph-launch" type="application/json">(.*?)</script>', page, re.S
    )
    assert match is not None
    assert json.loads(match.group(1))["password"] == secret
    assert page.count("</script>") == 2
