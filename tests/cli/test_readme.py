"""The README's walk-through runs: every shell line it shows, in order, from a working
directory holding the files the lines name (the example articles, a feed, a query file,
an alias file), against the embedded store.  The Neo4j block runs in the integration
suite (tests/integration/test_readme_neo4j.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

README = REPO / "README.md"

NOT_RUN = {
    "make": "the two Quick start commands are what runs this suite",
    "curl": "needs the internet",
}
"""Lines that start with these words are not run here, and why."""


def shell_lines(text: str) -> list[str]:
    """The commands of the README's ```sh blocks, continuation lines joined."""
    lines: list[str] = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S):
        pending = ""
        for raw in block.splitlines():
            if raw.rstrip().endswith("\\"):
                pending += raw.rstrip()[:-1] + " "
                continue
            lines.append((pending + raw).strip())
            pending = ""
    return [line for line in lines if line]


def neo4j_line(line: str) -> bool:
    return "--neo4j" in line or line.startswith("kgraph neo4j")


def walkthrough_dir(tmp_path: Path) -> Path:
    """A working directory with every file the README's lines name."""
    work = tmp_path / "walkthrough"
    shutil.copytree(EXAMPLES, work / "examples")
    news = REPO / "tests" / "data" / "news"
    shutil.copy(news / "wire.jsonl", work / "news.jsonl")
    (work / "feeds").mkdir()
    (work / "feeds" / "world.rss").write_text(
        "<rss><channel><title>World</title><item><title>Talks</title><description>"
        "Angela Merkel met Emmanuel Macron in Berlin on Monday.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (work / "sentences.txt").write_text(
        "Putin congratulated Kim on the New Year .\n", encoding="utf-8"
    )
    (work / "my-query.cypher").write_text(
        "MATCH (e:Entity) RETURN e.name AS name ORDER BY name LIMIT 5\n", encoding="utf-8"
    )
    return work


def run_line(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {line}"],
        cwd=cwd,
        env=env,
        input="y\n",
        capture_output=True,
        text=True,
        timeout=600,
    )


def kgraph_env() -> dict[str, str]:
    """The environment of a user who activated the venv: ``kgraph`` on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KGRAPH_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_readme_shell_lines_are_found() -> None:
    lines = shell_lines(README.read_text(encoding="utf-8"))
    assert any(line.startswith("kgraph ingest examples/") for line in lines)
    assert any(line.startswith("kgraph query -p name=") and "$name" in line for line in lines)


def test_the_readme_walkthrough_runs(tmp_path: Path) -> None:
    if shutil.which("kgraph", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("the kgraph command is not installed beside this Python (pip install -e .)")
    work = walkthrough_dir(tmp_path)
    env = kgraph_env()
    ran: list[str] = []
    for line in shell_lines(README.read_text(encoding="utf-8")):
        if line.split()[0] in NOT_RUN or neo4j_line(line):
            continue
        result = run_line(line, work, env)
        assert result.returncode == 0, f"README line failed: {line}\n{result.stderr}"
        assert "Traceback" not in result.stderr, line
        ran.append(line)
    assert len(ran) >= 15, ran
    exported = json.loads((work / "facts.json").read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= exported.keys()
    assert (work / "putin.html").stat().st_size > 10_000
