"""Starting, stopping and inspecting one local Neo4j instance.

Neo4j's own launcher (``Neo4jCommand``, what ``bin/neo4j`` runs) starts, reports and stops
the server and keeps its pid file.  kgraph adds what it lacks: the jars and configuration,
the password, a port check, a wait until Bolt answers, and a refusal to signal a process
that is not this instance's server (the launcher trusts any live pid in its pid file).

The password is generated on the first start, stored in ``home/password`` (mode 0600) and
handed to neo4j-admin through a mode-0600 Java ``@argfile``, so it never appears on a
command line, in a log or in an error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.atomic import file_lock, write_atomic
from kgraph.errors import ConfigError, ServerError, redact
from kgraph.server.config import (
    ADMIN_CLASS,
    CONF_DIR,
    DATA_DIR,
    IMPORT_DIR,
    LAUNCHER_CLASS,
    LOGS_DIR,
    MAIN_CLASS,
    PASSWORD_FILE,
    PLUGINS_DIR,
    RUN_DIR,
    USER,
    WEB_DIR,
    ServerConfig,
    render_conf,
)
from kgraph.server.dist import assemble, check_java
from kgraph.server.files import dir_size, last_error, run_tool

log = logging.getLogger(__name__)

POLL_INTERVAL = 0.5
PING_TIMEOUT = 3.0
ADMIN_TIMEOUT = 180.0
LAUNCHER_TIMEOUT = 300.0
LOCK_FILE = "kgraph-neo4j.lock"
JVM_TOOL_FLAGS = ("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
"""For the short-lived JVMs of the launcher and neo4j-admin (the server's are in neo4j.conf);
no perf-data file, so no command line in /tmp/hsperfdata_* (where ``jps -m`` reads it)."""


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """What ``status`` reports; carries no secret."""

    running: bool
    pid: int | None
    uri: str
    http_url: str
    version: str | None
    store_size_bytes: int
    home: Path
    ready: bool = False
    """Bolt answered ``RETURN 1`` with the stored password."""
    log_file: Path | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        data = dataclasses.asdict(self)
        log_file = str(self.log_file) if self.log_file else None
        return data | {"home": str(self.home), "log_file": log_file}


# Password ---------------------------------------------------------------------------------


def read_password(cfg: ServerConfig) -> str | None:
    """The instance's password from ``home/password``, or None when there is none."""
    try:
        info = cfg.password_file.stat()
        text = cfg.password_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ServerError(f"cannot read {cfg.password_file}: {exc.strerror}") from None
    if info.st_mode & 0o077:
        log.warning(
            "%s is readable by other users (mode %o); run chmod 600 on it",
            cfg.password_file,
            stat.S_IMODE(info.st_mode),
        )
    return text or None


def local_credentials(cfg: ServerConfig | None = None) -> tuple[str, str, str] | None:
    """``(uri, user, password)`` of the local instance, or None when it was never started.

    Does not check that the server is running: connecting tells that, with a clearer error.
    """
    cfg = ServerConfig.from_env() if cfg is None else cfg
    password = read_password(cfg)
    if password is None:
        return None
    return cfg.uri, USER, password


def new_password() -> str:
    """A random URL-safe password that cannot be mistaken for a command-line option."""
    while True:
        password = secrets.token_urlsafe(24)
        if not password.startswith("-"):
            return password


def _argfile_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def set_initial_password(cfg: ServerConfig, java: str, password: str) -> None:
    """Run ``neo4j-admin dbms set-initial-password`` without the password in its argv.

    The Java launcher reads the main class and its arguments from an ``@argfile`` created
    with mode 0600 in ``home/run`` and deleted afterwards (see :data:`JVM_TOOL_FLAGS`).
    """
    cfg.run_dir.mkdir(parents=True, exist_ok=True)
    argfile = cfg.run_dir / f".admin-args.{os.getpid()}"
    args = [ADMIN_CLASS, "dbms", "set-initial-password", "--", password]
    write_atomic(argfile, "\n".join(_argfile_quote(arg) for arg in args) + "\n", mode=0o600)
    try:
        what = "cannot set the initial Neo4j password"
        proc = _java(cfg, java, [f"@{argfile}"], ADMIN_TIMEOUT, what, password)
    finally:
        with contextlib.suppress(FileNotFoundError):
            argfile.unlink()
    if proc.returncode != 0:
        lines = [line for line in redact(proc.stdout, password).splitlines() if line.strip()]
        detail = lines[0] if lines else "(no output)"
        raise ServerError(
            f"neo4j-admin could not set the initial password (exit code {proc.returncode}): "
            f"{detail[:300]}"
        )


def _ensure_password(cfg: ServerConfig, java: str) -> str:
    """The stored password; on the first start, a new one set with neo4j-admin."""
    existing = read_password(cfg)
    if (cfg.data_dir / "databases" / "system").exists():
        if existing is None:
            raise ServerError(
                f"the Neo4j instance in {cfg.home} has data but no password file "
                f"({cfg.password_file})",
                f"restore that file, or delete {cfg.home} to start over (this deletes the graph)",
            )
        return existing
    password = existing or new_password()
    set_initial_password(cfg, java, password)
    if existing is None:
        write_atomic(cfg.password_file, password + "\n", mode=0o600)
    log.info("set the initial password of the local Neo4j (stored in %s)", cfg.password_file)
    return password


# Processes --------------------------------------------------------------------------------


def child_env(cfg: ServerConfig) -> dict[str, str]:
    """The environment of Neo4j's tools: this instance's home and conf, no password."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_PASSWORD", "NEO4J_AUTH")}
    env["NEO4J_HOME"] = str(cfg.home)
    env["NEO4J_CONF"] = str(cfg.conf_dir)
    return env


def _java(
    cfg: ServerConfig, java: str, args: list[str], timeout: float, what: str, secret: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run a short-lived JVM on the instance's jars; ServerError ``what`` (with ``secret``
    redacted) when it cannot run or time runs out."""
    command = [java, *JVM_TOOL_FLAGS, "-cp", str(cfg.lib_dir / "*"), *args]
    try:
        return run_tool(command, timeout=timeout, cwd=cfg.home, env=child_env(cfg))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"{what}: {redact(str(exc), secret)}") from None


def _launcher(cfg: ServerConfig, java: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Neo4j's launcher (``neo4j start|stop|status``) for this instance."""
    what = f"Neo4j's launcher failed ({' '.join(args)})"
    return _java(cfg, java, [LAUNCHER_CLASS, *args], LAUNCHER_TIMEOUT, what)


def _last_line(proc: subprocess.CompletedProcess[str]) -> str | None:
    """The launcher's last words (its errors come last), if it failed."""
    if proc.returncode == 0:
        return None
    lines = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    return lines[-1][:300] if lines else f"exit code {proc.returncode}"


def _server_pid(cfg: ServerConfig) -> int | None:
    """The pid in Neo4j's pid file if that process is this instance's server, else None.

    A pid file naming another process (the server died and its pid was reused) is
    removed, so that the launcher never signals that process.
    """
    try:
        text = cfg.pid_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    pid = int(text) if text.isdigit() else 0
    if pid > 0 and _is_our_server(pid, cfg):
        return pid
    with contextlib.suppress(FileNotFoundError):
        cfg.pid_file.unlink()
    return None


def _is_our_server(pid: int, cfg: ServerConfig) -> bool:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:  # the process is gone, or there is no procfs (then trust a live pid)
        return not Path("/proc/self").exists() and _alive(pid)
    return MAIN_CLASS in argv and f"--home-dir={cfg.home}" in argv


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    with contextlib.suppress(OSError, IndexError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


# Probes -----------------------------------------------------------------------------------


def _port_taken(host: str, port: int) -> bool:
    """Whether something listens on (or holds) ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        if sock.connect_ex((host, port)) == 0:
            return True
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Neo4j (netty) sets SO_REUSEADDR too, so TIME_WAIT leftovers do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _check_ports(cfg: ServerConfig) -> None:
    for name, port, variable in (
        ("Bolt", cfg.bolt_port, "KGRAPH_NEO4J_BOLT_PORT"),
        ("HTTP", cfg.http_port, "KGRAPH_NEO4J_HTTP_PORT"),
    ):
        if _port_taken(cfg.host, port):
            raise ServerError(
                f"port {port} on {cfg.host} (Neo4j {name}) is already in use by another "
                "process (another Neo4j, or one running in Docker?)",
                f"stop that process, or choose another port with {variable}",
            )


def _bolt_agent(cfg: ServerConfig, password: str) -> str | None:
    """The server agent (``Neo4j/5.26.30``) once ``RETURN 1`` succeeds, None if unreachable.

    Raises ServerError when the server refuses the password.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    try:
        with (
            GraphDatabase.driver(
                cfg.uri,
                auth=(USER, password),
                connection_timeout=PING_TIMEOUT,
                connection_acquisition_timeout=PING_TIMEOUT,
                max_connection_pool_size=1,
            ) as driver,
            driver.session() as session,
        ):
            result = session.run("RETURN 1 AS ok")
            value = result.single(strict=True)["ok"]
            agent = result.consume().server.agent
    except AuthError:
        raise ServerError(
            f"Neo4j at {cfg.uri} refuses the password stored in {cfg.password_file}",
            f"its data was created with another password; delete {cfg.home} to start over "
            "(this deletes the graph)",
        ) from None
    except (DriverError, Neo4jError, OSError):
        return None
    return agent if value == 1 else None


def _startup_error(cfg: ServerConfig, what: str, offset: int, password: str) -> ServerError:
    line = last_error(cfg.neo4j_log, offset)
    detail = f": {redact(line, password)}" if line else ""
    return ServerError(f"{what}; see {cfg.neo4j_log}{detail}")


# Public API -------------------------------------------------------------------------------


def status(cfg: ServerConfig) -> ServerStatus:
    """Whether the instance runs (asked of Neo4j's launcher), answers Bolt, its version
    and the size of its data."""
    pid = _server_pid(cfg)
    if pid is not None:
        proc = _launcher(cfg, check_java(), "status")
        found = re.search(r"running at pid (\d+)", proc.stdout)
        pid = int(found[1]) if proc.returncode == 0 and found else None
    return _probe(cfg, pid)


def _probe(cfg: ServerConfig, pid: int | None) -> ServerStatus:
    """The status of a server known to run as ``pid`` (or not to run, for None)."""
    agent: str | None = None
    password = read_password(cfg) if pid is not None else None
    if password is not None:
        with contextlib.suppress(ServerError):
            agent = _bolt_agent(cfg, password)
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        uri=cfg.uri,
        http_url=cfg.browser_url,
        version=agent.rpartition("/")[2] if agent else None,
        store_size_bytes=dir_size(cfg.data_dir),
        home=cfg.home,
        ready=agent is not None,
        log_file=cfg.neo4j_log,
    )


def _prepare_home(cfg: ServerConfig) -> None:
    cfg.home.mkdir(parents=True, exist_ok=True)
    os.chmod(cfg.home, 0o700)  # data, logs and the password stay private to the user
    for name in (CONF_DIR, DATA_DIR, LOGS_DIR, RUN_DIR, IMPORT_DIR, PLUGINS_DIR):
        (cfg.home / name).mkdir(exist_ok=True)
    _install_browser_assets(cfg)
    write_atomic(cfg.conf_file, render_conf(cfg), mode=0o600)


def _install_browser_assets(cfg: ServerConfig) -> None:
    """The Browser the server serves, with kgraph's style and guide (kgraph.browser)."""
    from kgraph.browser import find_browser_jar, write_browser_archive

    jar = find_browser_jar(cfg.lib_dir)
    if jar is None:
        raise ServerError(f"no Neo4j Browser jar in {cfg.lib_dir}", "remove it to reassemble")
    write_browser_archive(jar, cfg.web_dir)


def _wait_ready(cfg: ServerConfig, pid: int, password: str, timeout: float, offset: int) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if not _alive(pid):
            raise _startup_error(cfg, "Neo4j exited during start-up", offset, password)
        if _bolt_agent(cfg, password) is not None:
            return
        if time.monotonic() >= deadline:
            raise _startup_error(
                cfg, f"Neo4j did not answer on {cfg.uri} within {timeout:.0f} s", offset, password
            )
        time.sleep(POLL_INTERVAL)


def start(cfg: ServerConfig, timeout: float = 120.0) -> ServerStatus:
    """Start the instance (assembling the jars first if needed) and wait until Bolt answers.

    ``timeout`` bounds the wait for Bolt after the launch (not the one-time download).
    Returns at once when the instance is already running (or waits while it is still
    starting).  On failure the server started here is stopped again and ServerError names
    the log file and its last error line.  The first start generates the password.
    """
    cfg.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    with file_lock(cfg.run_dir / LOCK_FILE):
        pid = _server_pid(cfg)
        if pid is not None:
            password = read_password(cfg)
            if password is None:
                raise ServerError(
                    f"Neo4j runs from {cfg.home} (pid {pid}) but {cfg.password_file} is missing"
                )
            offset = cfg.neo4j_log.stat().st_size if cfg.neo4j_log.exists() else 0
            _wait_ready(cfg, pid, password, timeout, offset)  # it may still be starting
            return _probe(cfg, pid)
        java = check_java()
        assemble(cfg)
        _check_ports(cfg)
        _prepare_home(cfg)
        password = _ensure_password(cfg, java)
        offset = cfg.neo4j_log.stat().st_size if cfg.neo4j_log.exists() else 0
        started = time.monotonic()
        proc = _launcher(cfg, java, "start")
        pid = _server_pid(cfg)
        if proc.returncode != 0 or pid is None:
            said = _last_line(proc)
            what = f"Neo4j's launcher could not start it ({said})" if said else "Neo4j exited"
            raise _startup_error(cfg, what, offset, password)
        log.info("started Neo4j (pid %d) from %s", pid, cfg.home)
        try:
            _wait_ready(cfg, pid, password, timeout, offset)
        except ServerError:
            _launcher(cfg, java, "stop", "--shutdown-timeout=30")
            raise
        log.info("Neo4j is ready on %s after %.1f s", cfg.uri, time.monotonic() - started)
        return _probe(cfg, pid)


def stop(cfg: ServerConfig, timeout: float = 60.0) -> bool:
    """Stop the instance through Neo4j's launcher, waiting up to ``timeout`` seconds;
    whether it was running."""
    if not cfg.run_dir.is_dir():
        return False
    with file_lock(cfg.run_dir / LOCK_FILE):
        pid = _server_pid(cfg)
        if pid is None:
            return False
        started = time.monotonic()
        proc = _launcher(cfg, check_java(), "stop", f"--shutdown-timeout={max(1, int(timeout))}")
        if (said := _last_line(proc)) and _server_pid(cfg) == pid:
            _kill(pid, said)
        log.info("stopped Neo4j (pid %d) in %.1f s", pid, time.monotonic() - started)
        return True


def _kill(pid: int, said: str, wait: float = 10.0) -> None:
    """End a server the launcher could not stop (``said`` is its last word) with SIGKILL;
    the store's transaction log makes that safe, as after a power cut."""
    log.warning("Neo4j (pid %d) did not stop (%s); killing it", pid, said)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + wait
    while _alive(pid):
        if time.monotonic() > deadline:
            raise ServerError(f"Neo4j (pid {pid}) did not stop, even when killed: {said}")
        time.sleep(0.1)


_INSTANCE_ENTRIES = (
    DATA_DIR,
    LOGS_DIR,
    RUN_DIR,
    CONF_DIR,
    PASSWORD_FILE,
    IMPORT_DIR,
    WEB_DIR,
    "browser.html",  # kgraph neo4j browser's launcher (it holds the password)
    PLUGINS_DIR,
    "licenses",
    "certificates",
)


def wipe(cfg: ServerConfig) -> None:
    """Stop the instance and delete its data, logs, configuration and password.

    The shared jars in ``dist_dir`` stay.  Only the entries Neo4j and kgraph create are
    removed; ``home`` itself goes only when that leaves it empty.
    """
    home = cfg.home
    protected = {Path("/"), Path.home().resolve(), cfg.dist_dir, *cfg.dist_dir.parents}
    if home in protected:
        raise ConfigError(f"refusing to wipe {home}: it is not a Neo4j instance directory")
    stop(cfg)
    for name in _INSTANCE_ENTRIES:
        path = home / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    with contextlib.suppress(OSError):
        home.rmdir()
    log.info("wiped the Neo4j instance in %s", home)
