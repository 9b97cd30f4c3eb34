"""The README's Neo4j block runs as written, against a private local instance (its own
home and ports, through the same KGRAPH_NEO4J_* settings a user would set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph import server
from tests.cli.test_readme import (
    README,
    kgraph_env,
    neo4j_line,
    run_line,
    shell_lines,
    walkthrough_dir,
)

pytestmark = pytest.mark.neo4j

BOLT_PORT, HTTP_PORT = 17960, 17961


def test_the_readme_neo4j_block_runs(tmp_path: Path) -> None:
    work = walkthrough_dir(tmp_path)
    home = tmp_path / "neo4j-home"
    env = kgraph_env() | {
        "KGRAPH_NEO4J_HOME": str(home),
        "KGRAPH_NEO4J_BOLT_PORT": str(BOLT_PORT),
        "KGRAPH_NEO4J_HTTP_PORT": str(HTTP_PORT),
        "KGRAPH_NEO4J_HEAP": "512m",
        "KGRAPH_NEO4J_PAGECACHE": "128m",
        "BROWSER": "true",  # what `--open` opens: nothing, on a machine without a desktop
    }
    shown = [line for line in shell_lines(README.read_text(encoding="utf-8")) if neo4j_line(line)]
    start = [line for line in shown if line.startswith("kgraph neo4j start")]
    stop = [line for line in shown if line.startswith("kgraph neo4j stop")]
    assert start and stop
    # the server first, then every other Neo4j line in the README's order, then stop
    lines = [*start, *(line for line in shown if line not in start + stop), *stop]
    cfg = server.ServerConfig(home=home, bolt_port=BOLT_PORT, http_port=HTTP_PORT)
    shown_text: list[str] = []
    try:
        for line in lines:
            result = run_line(line, work, env)
            shown_text += [result.stdout, result.stderr]
            assert result.returncode == 0, f"README line failed: {line}\n{result.stderr}"
            assert "Traceback" not in result.stderr, line
            if line.startswith("kgraph query --neo4j"):
                assert "Vladimir Putin" in result.stdout
        password = (home / "password").read_text(encoding="utf-8").strip()
        assert password and not any(password in text for text in shown_text)
    finally:
        server.wipe(cfg)
