"""Fixtures for CLI tests: a runner with a pinned terminal, a clean working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "200", "TERM": "dumb"})


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_env: None) -> Path:
    """An empty working directory and no NEO4J_*/KGRAPH_* settings: the embedded store."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
