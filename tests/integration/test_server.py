"""kgraph.server against a real Neo4j: start, connect, inspect, stop.

Uses a temporary instance on ports 17687/17474 and the shared jar cache (assembled with
Maven on first use).  Nothing is mocked and nothing is skipped: without Java 17+ (or Maven
on first use) the fixture fails with the ServerError that explains what is missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.errors import ServerError
from kgraph.server import (
    NEO4J_VERSION,
    ServerConfig,
    ServerStatus,
    local_credentials,
    read_password,
    start,
    status,
    stop,
    wipe,
)

pytestmark = pytest.mark.neo4j

BOLT_PORT = 17687
HTTP_PORT = 17474


@pytest.fixture(scope="module")
def cfg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerConfig]:
    home = tmp_path_factory.mktemp("neo4j-instance") / "home"
    config = ServerConfig(
        home=home,
        dist_dir=ServerConfig.from_env().dist_dir,
        bolt_port=BOLT_PORT,
        http_port=HTTP_PORT,
        heap="512m",
        pagecache="128m",
    )
    try:
        yield config
    finally:
        wipe(config)


@pytest.fixture(scope="module")
def started(cfg: ServerConfig) -> ServerStatus:
    return start(cfg, timeout=120)


def _query(uri: str, user: str, password: str, cypher: str) -> list[dict[str, object]]:
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        records, _, _ = driver.execute_query(cypher)
        return [record.data() for record in records]


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode()


def test_start_reports_a_ready_server(cfg: ServerConfig, started: ServerStatus) -> None:
    assert started.running and started.ready
    assert isinstance(started.pid, int) and started.pid > 0
    assert started.uri == f"bolt://127.0.0.1:{BOLT_PORT}"
    assert started.http_url == f"http://127.0.0.1:{HTTP_PORT}/browser/"
    assert started.version == NEO4J_VERSION
    assert started.store_size_bytes > 0
    assert started.home == cfg.home
    assert cfg.pid_file.read_text().strip() == str(started.pid)
    assert status(cfg) == started


def test_bolt_answers_with_the_stored_password(cfg: ServerConfig, started: ServerStatus) -> None:
    credentials = local_credentials(cfg)
    assert credentials is not None
    uri, user, password = credentials
    assert (uri, user) == (started.uri, "neo4j")
    assert _query(uri, user, password, "RETURN 1 AS one") == [{"one": 1}]


def test_auth_is_enforced(started: ServerStatus) -> None:
    with pytest.raises(AuthError):
        _query(started.uri, "neo4j", "not-the-password", "RETURN 1")


def test_password_file_is_private(cfg: ServerConfig, started: ServerStatus) -> None:
    assert stat.S_IMODE(cfg.password_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(cfg.home.stat().st_mode) == 0o700
    password = read_password(cfg)
    assert password is not None and len(password) >= 32


def test_password_is_never_exposed(cfg: ServerConfig, started: ServerStatus) -> None:
    password = read_password(cfg)
    assert password is not None
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                assert password.encode() not in (proc / "cmdline").read_bytes(), proc.name
    for path in (*cfg.logs_dir.iterdir(), cfg.conf_file, cfg.pid_file):
        assert password not in path.read_text(errors="replace"), path
    assert [p.name for p in cfg.run_dir.iterdir() if p.name.startswith(".admin-args")] == []
    assert password not in repr(started) and password not in json.dumps(started.as_dict())


def _listening_sockets(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every listening TCP socket the process owns, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6"):
        lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A = LISTEN
                continue
            hex_address, hex_port = local.split(":")
            raw = bytes.fromhex(hex_address)
            # /proc stores each 32-bit word in host (little-endian) order.
            words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]
            packed = b"".join(words)
            if len(packed) == 4:
                address = socket.inet_ntop(socket.AF_INET, packed)
            elif packed[:12] == b"\0" * 10 + b"\xff\xff":  # IPv4-mapped IPv6
                address = socket.inet_ntop(socket.AF_INET, packed[12:])
            else:
                address = socket.inet_ntop(socket.AF_INET6, packed)
            found.append((address, int(hex_port, 16)))
    return found


def _non_loopback_addresses() -> set[str]:
    addresses: set[str] = set()
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.connect(("10.255.255.255", 1))  # picks the outgoing interface; sends nothing
        addresses.add(udp.getsockname()[0])
    hostname = shutil.which("hostname")
    if hostname:
        out = subprocess.run([hostname, "-I"], capture_output=True, text=True, check=False)
        addresses.update(out.stdout.split())
    return {a for a in addresses if ":" not in a and not a.startswith("127.")}


def test_listens_on_loopback_only(started: ServerStatus) -> None:
    assert started.pid is not None
    sockets = _listening_sockets(started.pid)
    ports = {port for _, port in sockets}
    assert {BOLT_PORT, HTTP_PORT} <= ports, sockets
    assert all(address == "127.0.0.1" for address, _ in sockets), sockets
    for address in _non_loopback_addresses():
        for port in (BOLT_PORT, HTTP_PORT):
            with socket.socket() as sock:
                sock.settimeout(2)
                assert sock.connect_ex((address, port)) != 0, f"{address}:{port} answers"


def test_browser_page_is_served(started: ServerStatus) -> None:
    code, content_type, body = _get(started.http_url)
    assert code == 200
    assert content_type.startswith("text/html")
    assert "<html" in body.lower() and "Neo4j Browser" in body


def test_http_discovery(started: ServerStatus) -> None:
    code, _, body = _get(f"http://127.0.0.1:{HTTP_PORT}/")
    document = json.loads(body)
    assert code == 200
    assert document["neo4j_version"] == NEO4J_VERSION
    assert document["neo4j_edition"] == "community"
    assert document["bolt_direct"] == started.uri


def test_a_relative_home_finds_the_running_server(
    cfg: ServerConfig, started: ServerStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(cfg.home.parent)
    ports = ["--bolt-port", str(BOLT_PORT), "--http-port", str(HTTP_PORT)]
    args = ["neo4j", "status", "--json", "--home", cfg.home.name, *ports]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["pid"] == started.pid
    assert cfg.pid_file.exists()  # not taken for another server's stale pid file


def test_start_is_idempotent(cfg: ServerConfig, started: ServerStatus) -> None:
    began = time.monotonic()
    again = start(cfg)
    assert time.monotonic() - began < 10
    assert again.pid == started.pid and again.ready


def test_port_taken_is_a_clear_error(
    cfg: ServerConfig, started: ServerStatus, tmp_path: Path
) -> None:
    other = ServerConfig(
        home=tmp_path / "other", dist_dir=cfg.dist_dir, bolt_port=BOLT_PORT, http_port=17475
    )
    with pytest.raises(ServerError) as info:
        start(other, timeout=30)
    assert f"port {BOLT_PORT} on 127.0.0.1" in info.value.message
    assert "already in use" in info.value.message
    assert not other.pid_file.exists()
    assert not other.password_file.exists()


def test_stop_then_restart_keeps_data_and_password(
    cfg: ServerConfig, started: ServerStatus
) -> None:
    password = read_password(cfg)
    assert password is not None
    marker = "MERGE (n:KgraphServerTest {x: 42}) RETURN n.x AS x"
    assert _query(started.uri, "neo4j", password, marker) == [{"x": 42}]
    began = time.monotonic()
    assert stop(cfg) is True
    assert time.monotonic() - began < 30
    assert not cfg.pid_file.exists()
    after = status(cfg)
    assert (after.running, after.ready, after.pid, after.version) == (False, False, None, None)
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.1", BOLT_PORT)) != 0
    assert stop(cfg) is False

    restarted = start(cfg, timeout=120)
    assert restarted.ready and restarted.pid != started.pid
    assert read_password(cfg) == password
    rows = _query(restarted.uri, "neo4j", password, "MATCH (n:KgraphServerTest) RETURN n.x AS x")
    assert rows == [{"x": 42}]
    assert stop(cfg) is True
    assert status(cfg).running is False
