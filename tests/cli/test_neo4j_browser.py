"""``kgraph neo4j browser`` without a running server: one clear line, exit 1, no file."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kgraph.cli import app


def test_browser_needs_a_running_server(runner: CliRunner, workdir: Path) -> None:
    home = workdir / "neo"
    result = runner.invoke(
        app, ["neo4j", "browser", "--home", str(home), "--bolt-port", "1", "--http-port", "2"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: Neo4j is not running (instance {home}) (start it with: kgraph neo4j start)"
    ]
    assert not (home / "browser.html").exists()
