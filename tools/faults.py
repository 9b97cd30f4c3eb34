"""Fault and abuse suite (issue 21): kgraph under kill -9, Ctrl-C, concurrency, a dying
Neo4j, hostile input and abusive queries, on both stores.  ``make faults`` runs it.

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python tools/faults.py            # everything, ~10 min
    PYTHONPATH=src .venv/bin/python tools/faults.py --kills 4  # fewer kill -9 runs

Every kgraph run is a subprocess (``sys.executable -m kgraph``, with this tree's ``src``
first on PYTHONPATH), so the suite tests the tree it lives in.  Input: the first articles
of the real-news corpus of the ingest benchmark (``benchmarks/corpus.py``, fetched at run
time into ``benchmarks/.cache``) and a hostile corpus generated in a temporary directory.
Neo4j: a private local instance (Bolt 17900, HTTP 17901, home in the temporary directory)
started here and stopped at the end; nothing else is touched.

Scenarios, each a row of the final table (runs, failures, data lost):

1. hostile corpus through ``kgraph ingest`` on both stores (one stderr line per bad input,
   the good articles stored, exit 1, what was stored before still there);
2. kill -9 at random points (some while the embedded store saves) on both stores: the
   store loads, ``kgraph stats`` works, the articles it holds are a subset of the input,
   each with all its claims; runs are chained (each ingest resumes what the killed one
   left) and every chain is then completed and compared with a clean ingest (article ids,
   entity keys, fact triples); the parser workers die with the killed parent (<= 2 s);
3. SIGINT (to the process and to its group, like Ctrl-C) and SIGTERM before any article
   finished, after a reader of the store sees the ingest's first articles (a live feed on
   stdin), and during the final write or save: exit 130/143, one "Interrupted: N finished
   articles saved" line, no traceback, N stored; a re-run adds the rest, no duplicates;
4. 4 concurrent ingests of overlapping article sets on one store (both kinds): the graph
   equals a clean ingest's;
5. the Neo4j server SIGKILLed while kgraph parses and while it writes: one error line,
   exit 1, no traceback; after a restart the same ingest completes;
6. abusive queries without --write (LOAD CSV of files and URLs, TERMINATE, SHOW USERS,
   dbms.killQueries, STOP DATABASE) refused with one line and no file content; LOAD CSV
   with --write refused by the server; markup and injection strings in data printed
   verbatim by the table output;
7. the order-independence property test (tests/integration/test_order_independence.py)
   on 200 articles: six orders, splits and concurrent runs, one graph on both stores.

"Data lost" counts what the store promised to keep and did not: articles stored before a
run and gone after it, input articles missing after concurrent ingests, and finished
articles lost beyond the checkpoint policy (embedded: about 60 s of work; Neo4j: the
batch being written).  Finished work lost within the policy is reported under the table.
Exit status 1 if any run failed.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
BOLT_PORT = 17900
HTTP_PORT = 17901
KILL_ARTICLES = 24
"""Articles of the kill -9, interrupt and concurrency runs (the first of the corpus)."""
CHAIN = 5
"""Kill -9 runs per chain: each resumes what the killed run before it left."""
POLICY_SECONDS = 60.0
"""The embedded store's promise: a crash loses at most about this much finished work."""
WORKER_GRACE = 2.0
"""A parser worker may outlive its killed parent by this long."""
RUN_TIMEOUT = 300.0
MOMENTS = ("before any article finished", "after visible progress", "during the final save")
"""When scenario 3 signals an ingest: parsing has begun and no article is finished yet; a
reader of the store sees the ingest's first saved articles and more are coming in; the
parser is done and only the last writes and the save are left."""
SIGNALS = (("SIGINT", False), ("SIGINT", True), ("SIGTERM", False))
"""Ctrl-C to the process, Ctrl-C to its process group (a terminal's), SIGTERM."""
FEED_RATE = 8.0
"""Articles a second fed to the stdin of the ingest that is signalled after visible
progress: a live feed, slower than parsing, so that whatever the machine's speed the
ingest goes on past its first save (``pipeline.WRITE_SECONDS`` after parsing begins)."""

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")
PROGRESS = re.compile(r"(\d+)/(\d+|\?)")  # done/total; the total of stdin is unknown
TRACEBACK = "Traceback (most recent call last)"


def say(message: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- results ----------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    """One scenario: its runs, the failed ones (with why) and the data it lost."""

    scenario: str
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    lost: int = 0
    notes: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> bool:
        if not ok:
            self.failures.append(what)
            say(f"FAIL {self.scenario}: {what}")
        return ok


def table(rows: Sequence[Row]) -> str:
    lines = ["| scenario | runs | failures | data lost |", "|---|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row.scenario} | {row.runs} | {len(row.failures)} | {row.lost} |")
    return "\n".join(lines)


def details(rows: Sequence[Row]) -> str:
    out: list[str] = []
    for row in rows:
        for note in row.notes:
            out.append(f"- {row.scenario}: {note}")
        for failure in row.failures:
            out.append(f"- {row.scenario}: FAILED {failure}")
    return "\n".join(out)


# -- processes --------------------------------------------------------------------------


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without the user's kgraph/Neo4j settings, with this tree's src
    first on PYTHONPATH, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KGRAPH_", "NEO4J_"))}
    paths = [str(ROOT / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(":"))]
    env["PYTHONPATH"] = ":".join(dict.fromkeys(paths))
    env.pop("NO_COLOR", None)
    env.update(extra or {})
    return env


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        frontier -= found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@dataclass(slots=True)
class Result:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


class Kgraph:
    """Runs ``python -m kgraph`` against one store: embedded (a file) or Neo4j."""

    def __init__(self, cwd: Path, *, store: Path | None = None, neo4j: dict[str, str] | None):
        self.cwd = cwd
        self.store = store
        self.neo4j = neo4j
        self.env = child_env(neo4j)

    @property
    def name(self) -> str:
        return "Neo4j" if self.neo4j else "embedded"

    def target(self) -> list[str]:
        return ["--neo4j"] if self.neo4j else ["--store", str(self.store)]

    def command(self, sub: str, *args: str) -> list[str]:
        return [sys.executable, "-m", "kgraph", sub, *args, *self.target()]

    def run(self, sub: str, *args: str, timeout: float = RUN_TIMEOUT) -> Result:
        started = time.monotonic()
        done = subprocess.run(
            self.command(sub, *args),
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        return Result(done.returncode, done.stdout, done.stderr, time.monotonic() - started)

    def query(self, cypher: str, *extra: str) -> list[dict[str, Any]]:
        result = self.run("query", "--format", "json", *extra, cypher)
        if result.code != 0:
            raise RuntimeError(f"query failed ({result.code}): {result.stderr.strip()[:300]}")
        rows: list[dict[str, Any]] = json.loads(result.stdout or "[]")
        return rows

    def claims_by_article(self) -> dict[str, int]:
        rows = self.query(
            "MATCH (a:Article) OPTIONAL MATCH (c:Claim)-[:SUPPORTED_BY]->(a) "
            "RETURN a.id AS id, count(c) AS claims"
        )
        return {row["id"]: row["claims"] for row in rows}

    def snapshot(self) -> Snapshot:
        articles = [r["id"] for r in self.query("MATCH (a:Article) RETURN a.id AS id")]
        keys = [r["k"] for r in self.query("MATCH (e:Entity) RETURN e.key AS k")]
        facts = self.query(
            "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.key AS s, type(r) AS t, o.key AS o"
        )
        return Snapshot(
            frozenset(articles),
            frozenset(keys),
            frozenset((f["s"], f["t"], f["o"]) for f in facts),
            len(articles) - len(set(articles)),
            len(keys) - len(set(keys)),
        )

    def visible(self) -> int:
        """The articles a reader of the store sees now (its read API, in this process)."""
        if self.neo4j:
            return count_neo4j_articles(self.neo4j)
        from kgraph.store.local import LocalStore

        assert self.store is not None
        if not self.store.exists():  # opening a missing store would create it
            return 0
        store = LocalStore(self.store)
        try:
            return store.stats().articles
        finally:
            store.close()

    def reset(self) -> None:
        if self.neo4j:
            wipe_neo4j(self.neo4j)
        elif self.store is not None:
            shutil.rmtree(self.store.parent, ignore_errors=True)
            self.store.parent.mkdir(parents=True)


@dataclass(frozen=True, slots=True)
class Snapshot:
    articles: frozenset[str]
    keys: frozenset[str]
    facts: frozenset[tuple[str, str, str]]
    duplicate_articles: int = 0
    duplicate_keys: int = 0

    def differences(self, other: Snapshot) -> str:
        """'' when the graphs agree, else what differs."""
        parts = []
        for name in ("articles", "keys", "facts"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine != theirs:
                parts.append(f"{name} -{len(theirs - mine)} +{len(mine - theirs)}")
        return ", ".join(parts)


class Watched:
    """A kgraph run with stderr on a pseudo-terminal, so its progress bar (articles done,
    phase) can be followed while it runs; stdout goes to a file."""

    def __init__(
        self,
        command: list[str],
        cwd: Path,
        env: dict[str, str],
        out: Path,
        stdin: int = subprocess.DEVNULL,
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        env = {**env, "TERM": "xterm", "COLUMNS": "200", "LINES": "50"}
        self._out = out.open("w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=stdin,
            stdout=self._out,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        self.out_path = out
        self._master = master
        self._raw: list[str] = []
        self._lock = threading.Lock()
        self.samples: list[tuple[float, int]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                break
            if not chunk:
                break
            text = chunk.decode("utf-8", "replace")
            with self._lock:
                self._raw.append(text)
                counts = [int(m.group(1)) for m in PROGRESS.finditer(ANSI.sub("", text))]
                if counts:
                    self.samples.append((time.monotonic(), max(counts)))

    def feed(self, records: Sequence[dict[str, Any]], *, last: bool = False) -> None:
        """Write articles to the run's stdin (a pipe), as JSON lines; ``last`` closes it."""
        assert self.proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the run ended: its checks tell why
            self.proc.stdin.write(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
            )
            self.proc.stdin.flush()
            if last:
                self.proc.stdin.close()

    @property
    def text(self) -> str:
        with self._lock:
            return "".join(self._raw)

    @property
    def done(self) -> int:
        """Articles finished (analysed) as last shown by the progress bar."""
        with self._lock:
            return max((n for _, n in self.samples), default=0)

    def done_at(self, moment: float) -> int:
        with self._lock:
            return max((n for t, n in self.samples if t <= moment), default=0)

    def has_done(self, count: int) -> Callable[[], bool]:
        return lambda: self.done >= count

    def has_said(self, text: str) -> Callable[[], bool]:
        return lambda: text in self.text

    def wait_for(self, ready: Callable[[], bool], timeout: float, poll: float = 0.01) -> bool:
        """Wait until ``ready()`` (True) or the process ends or time runs out (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(poll)
        return False

    def finish(self, timeout: float = RUN_TIMEOUT) -> Result:
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            code = self.proc.wait()
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self._reader.join(5)
        os.close(self._master)
        self._out.close()
        lines = ANSI.sub("", self.text).replace("\r\n", "\n").split("\n")
        lines = [line.strip("\r") for line in lines]
        # The progress bar redraws with carriage returns; keep what is left after them.
        plain = "\n".join(line.rsplit("\r", 1)[-1] for line in lines if line.strip())
        seconds = time.monotonic() - self.started
        return Result(code, self.out_path.read_text(), plain, seconds)

    def cleanup(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)


class Feeder:
    """Writes articles to a run's stdin at a steady rate on a thread, then closes it."""

    def __init__(self, run: Watched, records: Sequence[dict[str, Any]], rate: float) -> None:
        self._run = run
        self._records = records
        self._pause = 1.0 / rate
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._feed, daemon=True)
        self._thread.start()

    def _feed(self) -> None:
        for record in self._records:
            if self._stop.is_set() or self._run.proc.poll() is not None:
                break
            self._run.feed([record])
            self._stop.wait(self._pause)
        self._run.feed([], last=True)

    def stop(self) -> None:
        """Stop feeding and close the run's stdin (its end of input)."""
        self._stop.set()
        self._thread.join()


def message_lines(stderr: str) -> list[str]:
    """The stderr lines that are messages (not the progress bar)."""
    keep = []
    for line in stderr.splitlines():
        text = line.strip()
        if not text or "━" in text or "articles/s" in text or re.search(r"\d:\d\d:\d\d", text):
            continue
        keep.append(text)
    return keep


# -- Neo4j ------------------------------------------------------------------------------


def wipe_neo4j(env: dict[str, str]) -> None:
    from neo4j import GraphDatabase

    auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    with (
        GraphDatabase.driver(env["NEO4J_URI"], auth=auth, notifications_min_severity="OFF") as drv,
        drv.session() as session,
    ):
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def count_neo4j_articles(env: dict[str, str]) -> int:
    from neo4j import GraphDatabase

    auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    with (
        GraphDatabase.driver(env["NEO4J_URI"], auth=auth, notifications_min_severity="OFF") as drv,
        drv.session() as session,
    ):
        record = session.run("MATCH (a:Article) RETURN count(a) AS n").single()
        return int(record["n"]) if record else 0


@dataclass(slots=True)
class Server:
    cfg: Any
    env: dict[str, str]

    def pid(self) -> int | None:
        try:
            return int(Path(self.cfg.pid_file).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill(self) -> bool:
        pid = self.pid()
        if pid is None or not alive(pid):
            return False
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        return True

    def restart(self) -> None:
        from kgraph import server

        server.start(self.cfg, timeout=300.0)


@contextlib.contextmanager
def private_neo4j(home: Path) -> Iterator[Server]:
    from kgraph import server

    cfg = server.ServerConfig(home=home, bolt_port=BOLT_PORT, http_port=HTTP_PORT)
    say(f"starting a private Neo4j on {cfg.uri} (home {home})")
    try:
        server.start(cfg, timeout=300.0)
        credentials = server.local_credentials(cfg)
        if credentials is None:
            raise RuntimeError(f"no password for the Neo4j instance in {home}")
        uri, user, password = credentials
        yield Server(cfg, {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password})
    finally:
        server.stop(cfg)
        server.wipe(cfg)
        say("stopped the private Neo4j")


# -- input ------------------------------------------------------------------------------

HOSTILE_TITLES = {
    "hostile-caption": "Summit [/caption] report",
    "hostile-cypher": "x'}) DETACH DELETE n //",
    "hostile-rich": "[bold red]hidden[/bold red] and [link=http://x]y[/link]",
    "hostile-emoji": "daemon:x:1 :smile: :x:",
    "hostile-quote": 'Robert\'); DROP TABLE students;-- "quoted" `tick` {braces} $param',
}
ZERO_WIDTH_TEXT = (
    "Angela\u200b Merkel met Emmanuel Macron in Berlin on Monday.\n\n"
    "Angela Merkel said Germany would support France. Angela\u200bMerkel\u200d thanked him."
)
RUSSIAN_TEXT = (
    "Президент России Владимир Путин провёл переговоры с канцлером Германии в Москве. "
    "Стороны обсудили ситуацию на Украине и поставки газа в Европу. " * 6
)


@dataclass(frozen=True, slots=True)
class Hostile:
    """The hostile corpus: a directory, the files kgraph must report (one line each),
    the files it must warn about, and the ids of the good articles it must store."""

    directory: Path
    bad: tuple[str, ...]
    warned: tuple[str, ...]
    good_ids: frozenset[str]


def write_hostile(directory: Path, records: Sequence[dict[str, Any]]) -> Hostile:
    directory.mkdir(parents=True)
    (directory / "empty.txt").write_bytes(b"")
    rng = random.Random(21)
    (directory / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (directory / "binary.json").write_bytes(b"\x00\x01\xff\xfe" * 512)
    (directory / "utf16.txt").write_bytes(
        "Zürich police said Ángela Müller met the mayor.".encode("utf-16")
    )
    (directory / "latin1.txt").write_bytes(
        "Zürich police said Jürgen Müller met the mayor of Köln on Tuesday.".encode("latin-1")
    )
    plain = [{k: v for k, v in r.items() if k != "url"} for r in records[:2]]  # id: "id"
    lines = [json.dumps(plain[0]), "{not json at all", json.dumps(plain[1])]
    (directory / "invalid-line.jsonl").write_text("\n".join(lines) + "\n")
    (directory / "nested.json").write_text("[" * 100_000 + "]" * 100_000)
    (directory / "notext.jsonl").write_text(json.dumps({"id": "hostile-notext", "title": "T"}))
    # 2 MB in one paragraph, cut into pieces at spaces; long tokens keep its parse cheap.
    sentence = "The minister met the mayor of Cork on Tuesday and they discussed the roads. "
    unit = sentence + "x" * 4000 + " "
    body = unit * (2 * 1024 * 1024 // len(unit) + 1)
    (directory / "huge-paragraph.txt").write_text(body[: 2 * 1024 * 1024])
    (directory / "russian.txt").write_text(RUSSIAN_TEXT)
    marked = [
        {"id": key, "title": title, "text": records[2 + i]["text"]}
        for i, (key, title) in enumerate(HOSTILE_TITLES.items())
    ]
    marked.append(
        {"id": "hostile-zero-width", "title": "Merkel\u200b meets Macron", "text": ZERO_WIDTH_TEXT}
    )
    (directory / "markup.jsonl").write_text("".join(json.dumps(r) + "\n" for r in marked))
    good = {records[0]["id"], records[1]["id"], *(r["id"] for r in marked)}
    bad = ("empty.txt", "binary.txt", "binary.json", "utf16.txt", "latin1.txt", "nested.json",
           "invalid-line.jsonl", "notext.jsonl")  # fmt: skip
    return Hostile(directory, bad, ("russian.txt",), frozenset(good))


def load_corpus(size: int) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    from benchmarks import corpus

    data = corpus.prepare(CACHE, [200])
    with data.files["200"].open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return records[:size]


def article_ids(path: Path) -> frozenset[str]:
    """The ids kgraph gives the articles of ``path`` (its own reader's)."""
    from kgraph.readers import iter_articles

    return frozenset(getattr(item, "id", "") for item in iter_articles([str(path)]))


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


# -- scenarios --------------------------------------------------------------------------


class Suite:
    def __init__(self, work: Path, records: list[dict[str, Any]], kills: int, seed: int):
        self.work = work
        self.records = records
        self.kills = kills
        self.rng = random.Random(seed)
        self.kill_records = records[:KILL_ARTICLES]
        self.kill_file = write_jsonl(work / "news-kill.jsonl", self.kill_records)
        self.feed_file = write_jsonl(work / "news-feed.jsonl", records)
        self.input_ids: frozenset[str] = frozenset()
        """The ids kgraph gives the kill set's articles (from the clean ingest)."""
        self.rows: list[Row] = []
        self.reference: dict[str, Snapshot] = {}
        self.reference_claims: dict[str, dict[str, int]] = {}
        self.clean_seconds: dict[str, float] = {}
        self.server: Server | None = None

    def row(self, scenario: str) -> Row:
        row = Row(scenario)
        self.rows.append(row)
        return row

    def embedded(self, name: str) -> Kgraph:
        directory = self.work / name
        directory.mkdir(parents=True, exist_ok=True)
        return Kgraph(self.work, store=directory / "graph.db", neo4j=None)

    def neo4j(self) -> Kgraph:
        assert self.server is not None
        return Kgraph(self.work, neo4j=self.server.env)

    def stores(self) -> list[Kgraph]:
        return [self.embedded("embedded"), self.neo4j()]

    def watch(
        self, kg: Kgraph, *paths: str, extra: Sequence[str] = (), stdin: int = subprocess.DEVNULL
    ) -> Watched:
        command = kg.command("ingest", *extra, *paths)
        out = self.work / f"stdout-{time.monotonic_ns()}.txt"
        return Watched(command, self.work, kg.env, out, stdin)

    # -- reference ------------------------------------------------------------------

    def clean_reference(self, kg: Kgraph) -> None:
        """A clean ingest of the kill set: the graph every completed run must reach."""
        kg.reset()
        result = kg.run("ingest", "--quiet", str(self.kill_file))
        if result.code != 0:
            raise RuntimeError(f"clean ingest into {kg.name} failed: {result.stderr[-500:]}")
        self.clean_seconds[kg.name] = result.seconds
        self.reference[kg.name] = kg.snapshot()
        if not self.input_ids:
            self.input_ids = self.reference[kg.name].articles
        elif self.input_ids != self.reference[kg.name].articles:
            raise RuntimeError(f"a clean ingest into {kg.name} stored other articles")
        self.reference_claims[kg.name] = kg.claims_by_article()
        ref = self.reference[kg.name]
        say(
            f"clean ingest into {kg.name}: {len(ref.articles)} articles, {len(ref.keys)} "
            f"entities, {len(ref.facts)} facts in {result.seconds:.1f} s"
        )

    def check_store(
        self,
        kg: Kgraph,
        row: Row,
        label: str,
        before: frozenset[str],
        inputs: frozenset[str] | None = None,
    ) -> frozenset[str]:
        """The store loads, stats work, its articles are a subset of the input (``inputs``,
        else the kill set, then each with all its claims), and nothing stored before is
        gone.  Returns the articles held."""
        stats = kg.run("stats", "--format", "json")
        row.check(
            stats.code == 0, f"{label}: kgraph stats exit {stats.code}: {stats.stderr[-200:]}"
        )
        try:
            claims = kg.claims_by_article()
        except (RuntimeError, json.JSONDecodeError) as exc:
            row.check(False, f"{label}: the store cannot be queried: {exc}")
            return frozenset()
        held = frozenset(claims)
        extra = held - (self.input_ids if inputs is None else inputs)
        row.check(not extra, f"{label}: {len(extra)} stored articles are not in the input")
        if inputs is None or inputs == self.input_ids:
            reference = self.reference_claims[kg.name]
            partial = [a for a in held & self.input_ids if claims[a] != reference[a]]
            row.check(not partial, f"{label}: {len(partial)} articles with missing or extra claims")
        gone = before - held
        row.check(not gone, f"{label}: {len(gone)} articles stored before the run are gone")
        row.lost += len(gone)
        return held

    def complete(self, kg: Kgraph, row: Row, label: str) -> None:
        """Re-run the ingest to the end; the graph must be the clean ingest's."""
        result = kg.run("ingest", "--quiet", str(self.kill_file))
        row.check(result.code == 0, f"{label}: re-run exit {result.code}: {result.stderr[-300:]}")
        snap = kg.snapshot()
        diff = snap.differences(self.reference[kg.name])
        row.check(not diff, f"{label}: re-run graph differs from a clean ingest ({diff})")
        missing = self.input_ids - snap.articles
        row.lost += len(missing)
        if kg.store is not None:
            left = list(kg.store.parent.glob(f".{kg.store.name}.*.tmp"))
            row.check(not left, f"{label}: {len(left)} temporary files of killed saves left")

    # -- 1. hostile input -----------------------------------------------------------

    def hostile(self) -> None:
        row = self.row("1. hostile corpus (both stores)")
        spare = self.records[150:]
        corpus = write_hostile(self.work / "hostile", spare)
        for kg in self.stores():
            row.runs += 1
            label = f"{kg.name}"
            before = frozenset(kg.claims_by_article())
            result = kg.run("ingest", "--quiet", str(corpus.directory))
            row.check(result.code == 1, f"{label}: exit {result.code}, expected 1")
            lines = result.err_lines
            row.check(TRACEBACK not in result.stderr, f"{label}: traceback on stderr")
            for name in (*corpus.bad, *corpus.warned):
                naming = [line for line in lines if f"/{name}" in line]
                row.check(len(naming) == 1, f"{label}: {len(naming)} stderr lines name {name}")
            expected = len(corpus.bad) + len(corpus.warned)
            row.check(
                len(lines) == expected, f"{label}: {len(lines)} stderr lines, expected {expected}"
            )
            after = frozenset(kg.claims_by_article())
            missing = corpus.good_ids - after
            row.check(not missing, f"{label}: good articles not stored: {sorted(missing)}")
            new = after - before - corpus.good_ids
            row.check(len(new) == 1, f"{label}: {len(new)} other new articles (the 2 MB one)")
            gone = before - after
            row.check(not gone, f"{label}: {len(gone)} stored articles lost")
            row.lost += len(gone)
            titles = {
                r["id"]: r["title"]
                for r in kg.query(
                    "MATCH (a:Article) WHERE a.id STARTS WITH 'hostile-' "
                    "RETURN a.id AS id, a.title AS title"
                )
            }
            for key, title in HOSTILE_TITLES.items():
                row.check(
                    titles.get(key) == title,
                    f"{label}: title of {key} stored as {titles.get(key)!r}",
                )
            zero = [
                r["k"]
                for r in kg.query("MATCH (e:Entity) RETURN e.key AS k")
                if "\u200b" in r["k"] or "\u200d" in r["k"]
            ]
            row.check(not zero, f"{label}: entity keys with zero-width characters: {zero[:3]}")

    # -- 2. kill -9 -----------------------------------------------------------------

    def kill_moment(self, kg: Kgraph, run: Watched, index: int, clean: float) -> str:
        """Wait for the moment of kill number ``index``; returns how it was chosen.

        In turn: a random time (start-up, parsing or writing); a random time after the
        first finished article; on the embedded store the save (its temporary file exists
        or the "saving" phase has begun), on Neo4j the final write ("writing" phase)."""
        mode = index % 3
        if mode == 0:
            delay = self.rng.uniform(0.5, max(1.0, 0.8 * clean))
            run.wait_for(lambda: False, delay)
            return f"t={delay:.1f}s"
        if mode == 1:
            run.wait_for(run.has_done(1), RUN_TIMEOUT)
            delay = self.rng.uniform(0, 1)
            run.wait_for(lambda: False, delay)
            return f"{delay:.1f}s after the first finished article"
        if kg.neo4j:
            hit = run.wait_for(run.has_said("writing"), RUN_TIMEOUT, poll=0.005)
            delay = self.rng.uniform(0, 0.5)
            run.wait_for(lambda: False, delay)
            return f"{delay:.1f}s into writing" if hit else "writing (missed)"
        assert kg.store is not None
        store, said = kg.store, run.has_said("saving")
        pattern = f".{store.name}.*.tmp"
        stale = set(store.parent.glob(pattern))  # left by a save killed earlier

        def saving() -> bool:
            return said() or bool(set(store.parent.glob(pattern)) - stale)

        hit = run.wait_for(saving, RUN_TIMEOUT, poll=0.002)
        time.sleep(self.rng.uniform(0, 0.05))
        return "saving" if hit else "saving (missed)"

    def kill_runs(self, kg: Kgraph, row: Row, runs: int) -> None:
        # The first Neo4j ingest also creates the schema: the embedded time is the guide.
        clean = min(self.clean_seconds[kg.name], 1.3 * self.clean_seconds["embedded"])
        lost_within = completed = 0
        kg.reset()
        before: frozenset[str] = frozenset()
        chained = 0
        for index in range(runs):
            label = f"{kg.name} kill {index + 1}"
            row.runs += 1
            run = self.watch(kg, str(self.kill_file))
            try:
                how = self.kill_moment(kg, run, index, clean)
                workers = descendants(run.proc.pid)
                killed_at = time.monotonic()
                done = run.done
                with contextlib.suppress(ProcessLookupError):
                    os.kill(run.proc.pid, signal.SIGKILL)
                result = run.finish()
                deadline = time.monotonic() + WORKER_GRACE
                while any(alive(p) for p in workers) and time.monotonic() < deadline:
                    time.sleep(0.05)
                stray = [p for p in workers if alive(p)]
                row.check(
                    not stray, f"{label}: {len(stray)} workers alive {WORKER_GRACE} s after kill"
                )
            finally:
                run.cleanup()
            finished = result.code != -signal.SIGKILL
            if finished:
                how += f" (exited {result.code} first)"
            held_ids = self.check_store(kg, row, f"{label} ({how})", before)
            held = len(held_ids)
            promised = run.done_at(killed_at - POLICY_SECONDS) if not kg.neo4j else 0
            beyond = max(0, promised - held)
            row.check(beyond == 0, f"{label}: {beyond} articles lost beyond the checkpoint policy")
            row.lost += beyond
            lost_within += max(0, done - held)
            say(f"{label} ({how}): {done} finished when killed, {held} stored")
            before = held_ids
            chained += 1
            if finished or chained == CHAIN or index == runs - 1:
                # The killed runs' work is resumed to the end and compared; then afresh.
                self.complete(kg, row, f"{label} re-run")
                completed += 1
                kg.reset()
                before, chained = frozenset(), 0
        row.notes.append(
            f"{kg.name}: {lost_within} finished articles not yet saved when killed, all within "
            f"the policy ({'60 s of work' if not kg.neo4j else 'the batch in flight'}); "
            f"{completed} chains of killed runs re-run to the end and compared with a clean ingest"
        )

    def kills_embedded(self) -> None:
        row = self.row("2. kill -9 × N, embedded (incl. mid-save)")
        self.kill_runs(self.embedded("kill"), row, self.kills)

    def kills_neo4j(self) -> None:
        row = self.row("2. kill -9 × N, Neo4j (incl. mid-write)")
        self.kill_runs(self.neo4j(), row, self.kills)

    # -- 3. interrupts --------------------------------------------------------------

    def interrupts(self) -> None:
        """Each store is signalled once at each moment of :data:`MOMENTS`; the three ways
        to signal rotate over the moments from a random start, so that across the stores
        each moment meets two of them."""
        row = self.row("3. Ctrl-C / SIGTERM mid-ingest (both stores)")
        saved: dict[str, list[int]] = {moment: [] for moment in MOMENTS}
        turn = self.rng.randrange(len(SIGNALS))
        for s, kg in enumerate((self.embedded("interrupt"), self.neo4j())):
            for m, moment in enumerate(MOMENTS):
                name, group = SIGNALS[(turn + s + m) % len(SIGNALS)]
                count = self.interrupt(kg, row, moment, signal.Signals[name], group)
                if count is not None:
                    saved[moment].append(count)
        for moment, counts in saved.items():
            some = sum(1 for n in counts if n > 0)
            row.notes.append(
                f"signalled {moment}: {some} of {len(counts)} runs saved N > 0 articles "
                f"(N = {', '.join(map(str, counts)) or 'none'})"
            )

    def interrupt(
        self, kg: Kgraph, row: Row, moment: str, signum: signal.Signals, group: bool
    ) -> int | None:
        """One interrupted ingest and its re-run; N, the articles it said it saved (None
        when the ingest ended before the signal)."""
        row.runs += 1
        kg.reset()
        label = f"{kg.name} {signum.name}{' to the group' if group else ''} {moment}"
        feeding = moment == MOMENTS[1]
        records = self.records if feeding else self.kill_records
        source = self.feed_file if feeding else self.kill_file
        if feeding:
            run = self.watch(kg, "-", stdin=subprocess.PIPE)
            feeder = Feeder(run, records, FEED_RATE)
        else:
            run = self.watch(kg, str(source))
        try:
            how, visible = self.interrupt_moment(kg, run, moment)
            early = run.proc.poll() is not None
            done = run.done
            with contextlib.suppress(ProcessLookupError):
                if group:
                    os.killpg(run.proc.pid, signum)
                else:
                    os.kill(run.proc.pid, signum)
            if feeding:
                feeder.stop()
            result = run.finish(60)
        finally:
            if feeding:
                feeder.stop()
            run.cleanup()
        lines = message_lines(result.stderr)
        said = [line for line in lines if line.startswith("Interrupted:")]
        if early or (result.code == 0 and not said):
            row.runs -= 1
            row.notes.append(f"{label}: the ingest ended before the signal (not counted)")
            return None
        expected = 128 + signum
        row.check(result.code == expected, f"{label}: exit {result.code}, expected {expected}")
        row.check(TRACEBACK not in result.stderr, f"{label}: traceback")
        row.check(len(said) == 1 and len(lines) == 1, f"{label}: stderr {lines[-3:]}")
        match = re.search(r"Interrupted: ([\d,]+) finished", said[0]) if said else None
        saved = int(match.group(1).replace(",", "")) if match else -1
        inputs = article_ids(source) if feeding else self.input_ids
        held = len(self.check_store(kg, row, label, frozenset(), inputs))
        row.check(held == saved, f"{label}: says {saved} saved, the store holds {held}")
        row.lost += max(0, saved - held, done - held)
        row.check(held >= done, f"{label}: {done} finished at the signal, {held} stored")
        row.check(held >= visible, f"{label}: a reader saw {visible} articles, {held} stored")
        if moment == MOMENTS[2]:
            row.check(
                saved == len(inputs), f"{label}: {saved} of {len(inputs)} finished articles saved"
            )
        rerun = self.resume(kg, row, label, source, inputs, held, compare=not feeding)
        say(
            f"{label} ({how}): {done} finished at the signal, {saved} said saved, {held} "
            f"stored; re-run: {rerun}"
        )
        return saved

    def interrupt_moment(self, kg: Kgraph, run: Watched, moment: str) -> tuple[str, int]:
        """Wait for the moment to signal; returns what it was and the articles a reader
        of the store saw before it."""
        if moment == MOMENTS[0]:
            # Parsing has begun ("parsing": articles are read); results come back a chunk
            # at a time, so a random moment of the first second, unless one is back.
            run.wait_for(run.has_said("parsing"), RUN_TIMEOUT)
            delay = self.rng.uniform(0, 1.0)
            run.wait_for(run.has_done(1), delay)
            return f"{delay:.2f} s into parsing", 0
        if moment == MOMENTS[1]:
            # A reader of the store sees the ingest's first saved articles while more are
            # still coming in; then a random moment of the next second.
            started = time.monotonic()
            seen = run.wait_for(lambda: kg.visible() > 0, RUN_TIMEOUT, poll=0.2)
            visible = kg.visible() if seen else 0
            waited = time.monotonic() - started
            run.wait_for(lambda: False, self.rng.uniform(0, 1.0))
            if not seen:
                return "no article visible before the ingest ended", 0
            return f"{visible} articles visible to a reader after {waited:.0f} s", visible
        # The parser is done; on Neo4j the last batch is being written ("writing"), on the
        # embedded store the save has begun ("saving" or its temporary file exists).
        if kg.neo4j:
            hit = run.wait_for(run.has_said("writing"), RUN_TIMEOUT, poll=0.005)
            delay = self.rng.uniform(0, 0.3)
            run.wait_for(lambda: False, delay)
            return (f"{delay:.2f} s into writing" if hit else "writing (missed)"), 0
        assert kg.store is not None
        store, said = kg.store, run.has_said("saving")
        pattern = f".{store.name}.*.tmp"
        hit = run.wait_for(
            lambda: said() or any(store.parent.glob(pattern)), RUN_TIMEOUT, poll=0.002
        )
        return ("saving" if hit else "saving (missed)"), 0

    def resume(
        self,
        kg: Kgraph,
        row: Row,
        label: str,
        source: Path,
        inputs: frozenset[str],
        saved: int,
        *,
        compare: bool,
    ) -> str:
        """Re-run an interrupted ingest: it must skip the saved articles as unchanged,
        add the rest and leave no duplicate; with ``compare`` the graph must also be the
        clean ingest's.  Returns what it did."""
        result = kg.run("ingest", "--json", str(source))
        if not row.check(result.code == 0, f"{label} re-run: exit {result.code}"):
            return f"exit {result.code}"
        summary = json.loads(result.stdout)
        unchanged, new = summary["articles_unchanged"], summary["articles_new"]
        row.check(
            (unchanged, new) == (saved, len(inputs) - saved),
            f"{label} re-run: {unchanged} unchanged and {new} new, expected {saved} and "
            f"{len(inputs) - saved}",
        )
        snap = kg.snapshot()
        missing = inputs - snap.articles
        row.check(not missing, f"{label} re-run: {len(missing)} articles missing")
        row.lost += len(missing)
        row.check(
            not (snap.duplicate_articles or snap.duplicate_keys),
            f"{label} re-run: {snap.duplicate_articles} duplicate articles, "
            f"{snap.duplicate_keys} duplicate entity keys",
        )
        if compare:
            diff = snap.differences(self.reference[kg.name])
            row.check(not diff, f"{label} re-run: the graph differs from a clean ingest ({diff})")
        return f"{unchanged} unchanged, {new} new, {len(snap.articles)} stored"

    # -- 4. concurrency -------------------------------------------------------------

    def concurrent(self) -> None:
        row = self.row("4. 4 concurrent overlapping ingests (both stores)")
        step = KILL_ARTICLES // 4
        sets = [self.kill_records[i * step : i * step + 2 * step] for i in range(4)]
        sets[-1] = self.kill_records[3 * step :] + self.kill_records[:step]
        files = [write_jsonl(self.work / f"concurrent-{i}.jsonl", s) for i, s in enumerate(sets)]
        for kg in (self.embedded("concurrent"), self.neo4j()):
            row.runs += 1
            kg.reset()
            label = f"{kg.name}"
            procs = [
                subprocess.Popen(
                    kg.command("ingest", "--quiet", "--processes", "1", str(f)),
                    cwd=self.work,
                    env=kg.env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for f in files
            ]
            outcomes = [p.communicate(timeout=RUN_TIMEOUT) for p in procs]
            codes = [p.returncode for p in procs]
            row.check(all(c == 0 for c in codes), f"{label}: exit codes {codes}")
            for _, err in outcomes:
                row.check(TRACEBACK not in err, f"{label}: traceback")
            snap = kg.snapshot()
            missing = self.input_ids - snap.articles
            row.check(
                not missing, f"{label}: {len(missing)} of {len(self.input_ids)} articles lost"
            )
            row.lost += len(missing)
            row.check(
                snap.duplicate_keys == 0, f"{label}: {snap.duplicate_keys} duplicate entity keys"
            )
            row.check(
                snap.duplicate_articles == 0,
                f"{label}: {snap.duplicate_articles} duplicate articles",
            )
            self.check_store(kg, row, label, frozenset())
            if not missing:
                diff = snap.differences(self.reference[kg.name])
                row.check(not diff, f"{label}: the graph differs from a clean ingest ({diff})")

    # -- 7. order independence --------------------------------------------------------

    def orderings(self) -> None:
        """The property test on 200 articles (the suite runs it on fewer): six orders,
        splits and concurrent runs give one graph, on both stores and across them."""
        row = self.row("7. order independence: 6 orderings of 200 articles (both stores)")
        assert self.server is not None
        env = child_env({**self.server.env, "KGRAPH_ORDER_ARTICLES": "200"})
        test = ROOT / "tests" / "integration" / "test_order_independence.py"
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        summary = (done.stdout.strip().splitlines() or ["no output"])[-1]
        row.runs += 11
        row.check(done.returncode == 0, f"pytest: {summary}")
        row.notes.append(f"pytest: {summary}")

    # -- 5. Neo4j dies --------------------------------------------------------------

    def server_killed(self) -> None:
        row = self.row("5. Neo4j killed while parsing / writing")
        assert self.server is not None
        for phase in ("parsing", "writing"):
            row.runs += 1
            kg = self.neo4j()
            kg.reset()
            label = f"server killed while {phase}"
            run = self.watch(kg, str(self.kill_file))
            try:
                if phase == "parsing":
                    run.wait_for(run.has_done(3), RUN_TIMEOUT)
                else:
                    run.wait_for(run.has_said("writing"), RUN_TIMEOUT, poll=0.005)
                    time.sleep(0.2)
                killed = self.server.kill()
                row.check(killed, f"{label}: no server process to kill")
                result = run.finish(180)
            finally:
                run.cleanup()
            row.check(result.code == 1, f"{label}: exit {result.code}, expected 1")
            lines = message_lines(result.stderr)
            row.check(TRACEBACK not in result.stderr, f"{label}: traceback")
            row.check(
                len(lines) == 1 and "Neo4j" in lines[0],
                f"{label}: stderr was {len(lines)} lines: {lines[:3]}",
            )
            say(f"{label}: exit {result.code} in {result.seconds:.1f} s: {lines[:2]}")
            self.server.restart()
            result = kg.run("ingest", "--quiet", str(self.kill_file))
            row.check(result.code == 0, f"{label}: re-run after restart exit {result.code}")
            held = frozenset(kg.claims_by_article())
            missing = self.input_ids - held
            row.check(not missing, f"{label}: {len(missing)} articles missing after the re-run")
            row.lost += len(missing)

    # -- 6. abuse -------------------------------------------------------------------

    ABUSE = (
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "LOAD CSV FROM 'file:///../../../../etc/passwd' AS row RETURN row",
        "LOAD CSV FROM 'http://127.0.0.1:17901/' AS row RETURN row",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW USERS",
        "CALL dbms.killQueries(['query-1'])",
        "STOP DATABASE neo4j",
        "MATCH (n) CALL { LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row } RETURN row",
    )
    WRITE_ABUSE = (
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "LOAD CSV FROM 'file:///../../../../etc/passwd' AS row RETURN row",
        "LOAD CSV FROM 'http://127.0.0.1:17901/' AS row RETURN row",
    )
    SECRETS = ("root:x:0", "daemon:", "/bin/bash", "/usr/sbin/nologin", "neo4j_version")

    def abuse(self) -> None:
        row = self.row("6. abusive queries, markup in data")
        for kg in (self.neo4j(), self.embedded("embedded")):
            runs = [(q, ()) for q in self.ABUSE] + [(q, ("--write",)) for q in self.WRITE_ABUSE]
            if not kg.neo4j:
                runs = [(q, ()) for q in self.ABUSE[:3]]
            for query, extra in runs:
                row.runs += 1
                label = f"{kg.name}{' --write' if extra else ''}: {query[:40]}"
                result = kg.run("query", *extra, query)
                output = result.stdout + result.stderr
                row.check(result.code != 0, f"{label}: not refused (exit 0)")
                row.check(
                    len(result.err_lines) == 1, f"{label}: {len(result.err_lines)} stderr lines"
                )
                row.check(not result.stdout.strip(), f"{label}: output on stdout")
                row.check(TRACEBACK not in output, f"{label}: traceback")
                leaked = [s for s in self.SECRETS if s in output]
                row.check(not leaked, f"{label}: output shows {leaked}")
            row.runs += 1
            result = kg.run(
                "query", "MATCH (a:Article) WHERE a.id STARTS WITH 'hostile-' RETURN a.title"
            )
            row.check(result.code == 0, f"{kg.name}: title query exit {result.code}")
            for title in HOSTILE_TITLES.values():
                row.check(title in result.stdout, f"{kg.name}: table does not show {title!r}")

    # -- all ------------------------------------------------------------------------

    def run(self, only: set[str]) -> None:
        embedded = self.embedded("embedded")
        self.clean_reference(embedded)
        with private_neo4j(self.work / "neo4j") as srv:
            self.server = srv
            self.clean_reference(self.neo4j())
            steps: list[tuple[str, Callable[[], None]]] = [
                ("hostile", self.hostile),
                ("abuse", self.abuse),
                ("kill", self.kills_embedded),
                ("kill", self.kills_neo4j),
                ("interrupt", self.interrupts),
                ("concurrent", self.concurrent),
                ("server", self.server_killed),
                ("orderings", self.orderings),
            ]
            for key, step in steps:
                if only and key not in only:
                    continue
                say(f"-- {step.__name__}")
                started = time.monotonic()
                step()
                say(f"-- {step.__name__} done in {time.monotonic() - started:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20, help="kill -9 runs per store")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--only", action="append", default=[], help="hostile, kill, ...")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    opts = parser.parse_args(argv)
    # Children inherit an ignored SIGINT (a suite started in the background by a shell);
    # a handled one is reset to the default in them, so Ctrl-C reaches kgraph.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    seed = opts.seed if opts.seed is not None else int(time.time())
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="kgraph-faults-"))
    say(f"seed {seed}, work directory {work}")
    try:
        suite = Suite(work, load_corpus(200), opts.kills, seed)
        try:
            suite.run(set(opts.only))
        finally:
            rows = sorted(suite.rows, key=lambda r: int(r.scenario.split(".")[0]))
            print(table(rows))
            print()
            print(details(rows))
            minutes = (time.monotonic() - started) / 60
            print(f"\n{sum(r.runs for r in suite.rows)} runs in {minutes:.1f} min (seed {seed})")
    finally:
        if opts.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    failed = any(row.failures or row.lost for row in suite.rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
