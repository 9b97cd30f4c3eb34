"""End to end through the installed ``kgraph`` console script, as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.config import DEFAULT_STORE
from kgraph.store.local import LocalStore
from tests.conftest import EXAMPLES

KGRAPH = [sys.executable, "-m", "kgraph"]
DONE_WHEN = "MATCH (a:Person)-[r]->(b:Person) RETURN a.name AS s, type(r) AS p, b.name AS o"


def run(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KGRAPH_"))}
    proc = subprocess.run(
        [*KGRAPH, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_demo_flow_on_examples(tmp_path: Path) -> None:
    first = run(tmp_path, "ingest", str(EXAMPLES))
    assert "Relations:" in first.stdout
    rows = json.loads(run(tmp_path, "query", "--format", "json", DONE_WHEN).stdout)
    facts = {(r["s"], r["p"], r["o"]) for r in rows}
    assert {
        ("Vladimir Putin", "CONGRATULATE", "Kim Jong Un"),
        ("Vladimir Putin", "THANK", "Kim Jong Un"),
    } <= facts
    stats = run(tmp_path, "stats", "--format", "json").stdout
    again = json.loads(run(tmp_path, "ingest", "--json", str(EXAMPLES)).stdout)
    assert (again["entities_new"], again["relations_new"], again["articles_new"]) == (0, 0, 0)
    assert run(tmp_path, "stats", "--format", "json").stdout == stats


def _many_articles(path: Path, n: int) -> None:
    with path.open("w") as fh:
        for i in range(n):
            text = (
                f"Minister Anna Example{i} met the mayor of Town{i} on Monday. "
                f"Example{i} promised new funding to Town{i}. " * 8
            )
            fh.write(json.dumps({"title": f"Story {i}", "text": text}) + "\n")


def test_kill_during_ingest_leaves_the_previous_store(tmp_path: Path) -> None:
    """kill -9 mid-ingest: what was stored before is intact and every article a checkpoint
    saved is whole (as many claims as a clean ingest gives it); nothing is half-written."""
    run(tmp_path, "ingest", str(EXAMPLES))
    example = (
        "MATCH (c:Claim)-[:SUPPORTED_BY]->(a:Article) "
        "WHERE NOT a.title STARTS WITH 'Story ' RETURN count(c) AS n"
    )
    per_story = (
        "MATCH (a:Article) WHERE a.title STARTS WITH 'Story ' "
        "OPTIONAL MATCH (c:Claim)-[:SUPPORTED_BY]->(a) RETURN a.title AS t, count(c) AS n"
    )
    before = run(tmp_path, "query", "--format", "json", example).stdout
    big = tmp_path / "big.jsonl"
    _many_articles(big, 3000)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KGRAPH_"))}
    proc = subprocess.Popen(
        [*KGRAPH, "ingest", "--quiet", "-j", "1", str(big)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(8)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert run(tmp_path, "query", "--format", "json", example).stdout == before
    stories = json.loads(run(tmp_path, "query", "--format", "json", per_story).stdout)
    assert len(stories) < 3000
    if stories:  # a checkpoint was saved before the kill: its articles are whole
        stored = {row["t"] for row in stories}
        clean = tmp_path / "clean"
        clean.mkdir()
        lines = [x for x in big.read_text().splitlines() if json.loads(x)["title"] in stored]
        (clean / "stored.jsonl").write_text("\n".join(lines) + "\n")
        run(clean, "ingest", "stored.jsonl")
        whole = json.loads(run(clean, "query", "--format", "json", per_story).stdout)
        assert sorted(stories, key=str) == sorted(whole, key=str)
    stats = json.loads(run(tmp_path, "stats", "--format", "json").stdout)
    assert stats["articles"] == 1 + len(stories)


@pytest.mark.parametrize("args", [["ingest", "/no/such/path"], ["query", "MATCH (n) RETURN n["]])
def test_errors_are_one_line_with_exit_code(tmp_path: Path, args: list[str]) -> None:
    proc = run(tmp_path, *args, check=False)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_extraction_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Sets iterate in an order that changes with each process's hash seed: the same
    articles must still give the same relations, entities and names in every run."""
    news = Path(__file__).parents[1] / "data" / "news"
    outputs = []
    for seed in ("1", "2"):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KGRAPH_"))}
        proc = subprocess.run(
            [*KGRAPH, "extract", str(EXAMPLES), str(news)],
            cwd=tmp_path,
            env=env | {"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert len(outputs[0].splitlines()) >= 20
    assert outputs[0] == outputs[1]


def _start_ingest(
    cwd: Path, source: Path, *extra: str, stdin: int | None = None
) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KGRAPH_"))}
    return subprocess.Popen(
        [*KGRAPH, "ingest", "-j", "2", *extra, str(source)],
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(x) for x in task.read_text().split()]
    return found


def _wait_for_workers(proc: subprocess.Popen[str], timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            return workers
        time.sleep(0.2)
    raise AssertionError("the parser workers never started")


def _stored_articles(cwd: Path) -> int:
    """The articles a reader of the default embedded store in ``cwd`` sees now."""
    store = LocalStore(cwd / DEFAULT_STORE)
    try:
        return store.stats().articles
    finally:
        store.close()


def _wait_for_checkpoint(proc: subprocess.Popen[str], cwd: Path, timeout: float = 300) -> int:
    """Poll the store until the running ingest's first save is visible; its articles."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the ingest ended before a checkpoint was seen"
        if saved := _stored_articles(cwd):
            return saved
        time.sleep(0.1)
    raise AssertionError("no checkpoint became visible while the ingest ran")


def _interrupted_count(proc: subprocess.Popen[str], code: int) -> int:
    """The exit code and the one ``Interrupted: N finished articles saved`` line; N."""
    assert proc.stderr is not None
    proc.wait(timeout=300)  # stdout is empty (--quiet), stderr one line
    stderr = proc.stderr.read()
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr and "Error" not in stderr
    [line] = [x for x in stderr.splitlines() if x.strip()]
    return int(line.split("Interrupted: ", 1)[1].split()[0].replace(",", ""))


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_ingest_saves_the_finished_articles(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    big = tmp_path / "big.jsonl"
    _many_articles(big, 1500)
    proc = _start_ingest(tmp_path, big, "--quiet")
    seen = _wait_for_checkpoint(proc, tmp_path)
    proc.send_signal(signum)
    saved = _interrupted_count(proc, code)
    assert seen <= saved < 1500
    assert _stored_articles(tmp_path) == saved
    again = json.loads(run(tmp_path, "ingest", "--json", str(big)).stdout)
    assert (again["articles_unchanged"], again["articles_new"]) == (saved, 1500 - saved)
    assert _stored_articles(tmp_path) == 1500


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_during_the_last_save_waits_for_it(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    """The test holds the store's SQLite write lock while the ingest reaches its last
    save, signals it there, then lets the save go on."""
    feed = tmp_path / "feed.jsonl"
    _many_articles(feed, 300)
    proc = _start_ingest(tmp_path, Path("-"), "--quiet", stdin=subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write(feed.read_text())  # enough for a first batch, saved at once
    proc.stdin.flush()
    _wait_for_checkpoint(proc, tmp_path)
    lock = sqlite3.connect(tmp_path / DEFAULT_STORE, timeout=60, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")
        proc.stdin.close()  # the last articles are parsed; then only writing is left
        deadline = time.monotonic() + 300
        while _children(proc.pid):
            assert time.monotonic() < deadline, "the ingest never finished parsing"
            time.sleep(0.1)
        assert proc.poll() is None
        proc.send_signal(signum)
    finally:
        lock.close()  # the save waiting for the lock goes on
    assert _interrupted_count(proc, code) == 300
    assert _stored_articles(tmp_path) == 300


def test_parser_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    _many_articles(big, 3000)
    proc = _start_ingest(tmp_path, big, "--quiet")
    workers = _wait_for_workers(proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if _alive(w)]
    assert alive == [], "parser workers outlived the killed ingest by more than 2 s"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
