"""Finding Java and Maven, and assembling the Neo4j jars from Maven Central (once, cached)."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from kgraph.atomic import file_lock, write_atomic
from kgraph.errors import ServerError
from kgraph.server.config import (
    BROWSER_VERSION,
    DOCKER_HINT,
    MARKER_FILE,
    MIN_JAVA,
    NEO4J_VERSION,
    ServerConfig,
    parse_java_version,
    render_pom,
)
from kgraph.server.files import run_tool

log = logging.getLogger(__name__)

MAVEN_TIMEOUT = 30 * 60.0
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def find_java(env: Mapping[str, str] | None = None) -> str:
    """``$JAVA_HOME/bin/java`` when it exists, else ``java`` on PATH; ServerError if none."""
    env = os.environ if env is None else env
    java_home = env.get("JAVA_HOME", "")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("java", path=env.get("PATH", os.defpath))
    if found is None:
        raise ServerError(
            f"Java {MIN_JAVA} or newer is needed to run the local Neo4j server, "
            "but no java was found (JAVA_HOME or PATH)",
            f"install OpenJDK {MIN_JAVA} or 21 (e.g. apt install openjdk-{MIN_JAVA}-jre-headless), "
            + DOCKER_HINT,
        )
    return found


def java_version(java: str) -> int:
    """The major version of ``java`` (from ``java -version``); ServerError if unreadable."""
    try:
        proc = run_tool([java, "-version"], timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"cannot run {java} -version: {exc}", DOCKER_HINT) from None
    major = parse_java_version(proc.stdout)
    if major is None:
        raise ServerError(f"cannot tell the version of {java} from `java -version`", DOCKER_HINT)
    return major


def check_java(env: Mapping[str, str] | None = None) -> str:
    """The java executable, checked to be version 17 or newer."""
    java = find_java(env)
    major = java_version(java)
    if major < MIN_JAVA:
        raise ServerError(
            f"Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA} or newer, but {java} is Java {major}",
            f"install OpenJDK {MIN_JAVA} or 21 and set JAVA_HOME, " + DOCKER_HINT,
        )
    if major > 21:
        log.warning("Neo4j %s supports Java 17 and 21; %s is Java %d", NEO4J_VERSION, java, major)
    return java


def find_mvn(env: Mapping[str, str] | None = None) -> str:
    """``mvn`` on PATH; ServerError if missing."""
    env = os.environ if env is None else env
    found = shutil.which("mvn", path=env.get("PATH", os.defpath))
    if found is None:
        raise ServerError(
            f"Maven (mvn) is needed once to download Neo4j {NEO4J_VERSION} from Maven Central, "
            "but it is not on PATH",
            "install Maven 3.6 or newer (e.g. apt install maven), " + DOCKER_HINT,
        )
    return found


def is_assembled(cfg: ServerConfig) -> bool:
    """Whether ``cfg.dist_dir`` holds a complete assembly of this Neo4j version."""
    try:
        marker = json.loads((cfg.dist_dir / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(marker, dict)
        and marker.get("neo4j_version") == NEO4J_VERSION
        and marker.get("browser_version") == BROWSER_VERSION
        and (cfg.lib_dir / f"neo4j-{NEO4J_VERSION}.jar").is_file()
    )


def assemble(cfg: ServerConfig) -> Path:
    """Download Neo4j's jars with Maven into ``cfg.dist_dir/lib`` and return that directory.

    Runs once: a later call finds the marker file and returns at once.  The jars are copied
    into a temporary directory next to ``dist_dir`` and renamed into place, so an interrupted
    download never leaves a half-filled cache; a lock keeps two processes from building at
    the same time.
    """
    if is_assembled(cfg):
        return cfg.lib_dir
    parent = cfg.dist_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    with file_lock(parent / f".{cfg.dist_dir.name}.lock"):
        if is_assembled(cfg):  # another process finished while we waited
            return cfg.lib_dir
        check_java()
        mvn = find_mvn()
        build = Path(tempfile.mkdtemp(prefix=f".{cfg.dist_dir.name}.build-", dir=parent))
        try:
            _build(cfg, mvn, build)
        finally:
            shutil.rmtree(build, ignore_errors=True)
    return cfg.lib_dir


def _build(cfg: ServerConfig, mvn: str, build: Path) -> None:
    pom = build / "pom.xml"
    pom.write_text(render_pom(), encoding="utf-8")
    out = build / "dist"
    lib = out / "lib"
    command = [
        mvn,
        "-B",
        "-q",
        "-Dstyle.color=never",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={lib}",
        "-DincludeScope=runtime",
    ]
    log.info(
        "assembling Neo4j %s with Maven into %s (the first download is about 140 MB)",
        NEO4J_VERSION,
        cfg.dist_dir,
    )
    started = time.monotonic()
    try:
        proc = run_tool(command, timeout=MAVEN_TIMEOUT, cwd=build)
    except subprocess.TimeoutExpired:
        raise ServerError(
            f"Maven did not finish assembling Neo4j {NEO4J_VERSION} "
            f"within {MAVEN_TIMEOUT / 60:.0f} minutes",
            "check access to Maven Central, " + DOCKER_HINT,
        ) from None
    except OSError as exc:
        raise ServerError(f"cannot run {mvn}: {exc}", DOCKER_HINT) from None
    if proc.returncode != 0:
        lines = [_ANSI.sub("", line).rstrip() for line in proc.stdout.splitlines()]
        last = [line for line in lines if line.strip()][-12:]
        detail = "\n  ".join(last) if last else "(no output)"
        raise ServerError(
            f"Maven failed to assemble Neo4j {NEO4J_VERSION} (exit code {proc.returncode}); "
            f"the last lines of its output:\n  {detail}",
            "check access to Maven Central (and ~/.m2/settings.xml), " + DOCKER_HINT,
        )
    jars = sorted(path.name for path in lib.glob("*.jar")) if lib.is_dir() else []
    if f"neo4j-{NEO4J_VERSION}.jar" not in jars:
        raise ServerError(
            f"Maven finished but neo4j-{NEO4J_VERSION}.jar is missing from its output",
            DOCKER_HINT,
        )
    marker = {
        "neo4j_version": NEO4J_VERSION,
        "browser_version": BROWSER_VERSION,
        "jars": len(jars),
        "assembled_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_atomic(out / MARKER_FILE, json.dumps(marker, indent=2) + "\n")
    if cfg.dist_dir.exists():  # an incomplete or older assembly: move it aside, then drop it
        os.replace(cfg.dist_dir, build / "old")
    os.replace(out, cfg.dist_dir)
    log.info(
        "assembled Neo4j %s (%d jars) in %.1f s",
        NEO4J_VERSION,
        len(jars),
        time.monotonic() - started,
    )
