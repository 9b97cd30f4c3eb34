"""The switch for capitals used for their governments, end to end with the real model."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kgraph.cli import app


def _subjects(tmp_path: Path, *flags: str) -> set[str]:
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"title": "Warning", "text": "Moscow warned Berlin."}) + "\n")
    result = CliRunner().invoke(app, ["extract", *flags, str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {json.loads(line)["subject"] for line in result.stdout.splitlines() if line.strip()}


def test_a_capital_as_an_agent_is_its_country_unless_switched_off(tmp_path: Path) -> None:
    assert _subjects(tmp_path) == {"Russia"}
    assert _subjects(tmp_path, "--capitals-as-cities") == {"Moscow"}
