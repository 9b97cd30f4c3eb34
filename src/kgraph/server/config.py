"""Where the local Neo4j lives and how it is configured: paths, ports, memory, neo4j.conf.

Pure functions only (no processes, no network), so every rule here is unit-testable.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.browser import post_connect_cmd
from kgraph.errors import ConfigError

NEO4J_VERSION = "5.26.30"
"""Neo4j Community LTS release assembled from Maven Central."""

BROWSER_VERSION = "5.24.0"
"""Newest Neo4j Browser published on Maven Central."""

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
LAUNCHER_CLASS = "org.neo4j.server.startup.Neo4jCommand"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
MIN_JAVA = 17
USER = "neo4j"

DOCKER_HINT = (
    "or run Neo4j in Docker instead: NEO4J_PASSWORD=<choose one> docker compose up -d "
    "(docker-compose.yml in the kgraph repository)"
)

# Instance layout, relative to ServerConfig.home.
CONF_DIR = "conf"
DATA_DIR = "data"
LOGS_DIR = "logs"
RUN_DIR = "run"
IMPORT_DIR = "import"
PLUGINS_DIR = "plugins"
WEB_DIR = "web"
PASSWORD_FILE = "password"
PID_FILE = "neo4j.pid"  # written and removed by Neo4j's launcher
NEO4J_LOG = "neo4j.log"
# Layout of the shared jar cache, relative to ServerConfig.dist_dir.
LIB_DIR = "lib"
MARKER_FILE = "kgraph-neo4j-dist.json"

_MEMORY = re.compile(r"^[1-9][0-9]*[kmg]$")

DEFAULT_HEAP = "2g"
"""A batch of articles is one large transaction held on the heap until it commits; with
1 GB the collector ran full collections (benchmarks/HISTORY.md)."""

# JVM flags of the default neo4j.conf (the launcher passes them to the server), minus
# -XX:+AlwaysPreTouch (slow start-up), with the throughput collector instead of G1 for
# large write transactions beside busy parse workers (benchmarks/HISTORY.md).
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseParallelGC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


def _xdg_dir(env: Mapping[str, str], name: str, fallback: str) -> Path:
    """``$XDG_*`` when set to an absolute path (as the spec requires), else ``~/<fallback>``."""
    raw = env.get(name, "")
    if raw and os.path.isabs(raw):
        return Path(raw)
    return Path.home() / fallback


def default_home(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME/kgraph/neo4j`` (``~/.local/share/kgraph/neo4j``)."""
    env = os.environ if env is None else env
    return _xdg_dir(env, "XDG_DATA_HOME", ".local/share") / "kgraph" / "neo4j"


def default_dist_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/kgraph/neo4j-dist-<version>`` (``~/.cache/...``)."""
    env = os.environ if env is None else env
    return _xdg_dir(env, "XDG_CACHE_HOME", ".cache") / "kgraph" / f"neo4j-dist-{NEO4J_VERSION}"


def _env_port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a port number") from None


def _env_path(env: Mapping[str, str], name: str) -> Path | None:
    raw = env.get(name, "").strip()
    return Path(raw).expanduser() if raw else None


@dataclass
class ServerConfig:
    """One local Neo4j instance.

    ``home`` holds the instance (conf, data, logs, run, password); ``dist_dir`` holds the
    jars and can be shared by several instances.  The server always listens on loopback.
    """

    home: Path = field(default_factory=default_home)
    dist_dir: Path = field(default_factory=default_dist_dir)
    bolt_port: int = 7687
    http_port: int = 7474
    host: str = "127.0.0.1"
    heap: str = DEFAULT_HEAP
    pagecache: str = "512m"

    def __post_init__(self) -> None:
        self.home = Path(self.home).expanduser().resolve()
        self.dist_dir = Path(self.dist_dir).expanduser().resolve()
        try:
            address = ipaddress.ip_address(self.host)
        except ValueError:
            raise ConfigError(
                f"the local Neo4j host must be a loopback IPv4 address, got {self.host!r}"
            ) from None
        if address.version != 4 or not address.is_loopback:
            raise ConfigError(
                f"the local Neo4j server only listens on loopback, not {self.host}",
                "use 127.0.0.1 (run Neo4j elsewhere and set NEO4J_URI to serve a network)",
            )
        for name, port in (("Bolt", self.bolt_port), ("HTTP", self.http_port)):
            if not 1 <= port <= 65535:
                raise ConfigError(f"the {name} port must be between 1 and 65535, got {port}")
        if self.bolt_port == self.http_port:
            raise ConfigError(f"the Bolt and HTTP ports must differ (both are {self.bolt_port})")
        self.heap = self.heap.strip().lower()
        self.pagecache = self.pagecache.strip().lower()
        for name, size in (("heap", self.heap), ("page cache", self.pagecache)):
            if not _MEMORY.match(size):
                raise ConfigError(f"the Neo4j {name} size must look like 512m or 2g, got {size!r}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServerConfig:
        """Defaults overridden by ``KGRAPH_NEO4J_HOME``, ``KGRAPH_NEO4J_DIST``,
        ``KGRAPH_NEO4J_BOLT_PORT``, ``KGRAPH_NEO4J_HTTP_PORT``, ``KGRAPH_NEO4J_HEAP`` and
        ``KGRAPH_NEO4J_PAGECACHE``; ``XDG_DATA_HOME``/``XDG_CACHE_HOME`` move the defaults."""
        env = os.environ if env is None else env
        return cls(
            home=_env_path(env, "KGRAPH_NEO4J_HOME") or default_home(env),
            dist_dir=_env_path(env, "KGRAPH_NEO4J_DIST") or default_dist_dir(env),
            bolt_port=_env_port(env, "KGRAPH_NEO4J_BOLT_PORT", 7687),
            http_port=_env_port(env, "KGRAPH_NEO4J_HTTP_PORT", 7474),
            heap=env.get("KGRAPH_NEO4J_HEAP", "").strip() or DEFAULT_HEAP,
            pagecache=env.get("KGRAPH_NEO4J_PAGECACHE", "").strip() or "512m",
        )

    # Derived locations -------------------------------------------------------------------

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/"

    @property
    def browser_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/browser/"

    @property
    def conf_dir(self) -> Path:
        return self.home / CONF_DIR

    @property
    def conf_file(self) -> Path:
        return self.home / CONF_DIR / "neo4j.conf"

    @property
    def data_dir(self) -> Path:
        return self.home / DATA_DIR

    @property
    def logs_dir(self) -> Path:
        return self.home / LOGS_DIR

    @property
    def web_dir(self) -> Path:
        """Where the server finds the Browser it serves (with kgraph's style and guide)."""
        return self.home / WEB_DIR

    @property
    def run_dir(self) -> Path:
        return self.home / RUN_DIR

    @property
    def password_file(self) -> Path:
        return self.home / PASSWORD_FILE

    @property
    def pid_file(self) -> Path:
        return self.home / RUN_DIR / PID_FILE

    @property
    def neo4j_log(self) -> Path:
        return self.home / LOGS_DIR / NEO4J_LOG

    @property
    def lib_dir(self) -> Path:
        return self.dist_dir / LIB_DIR


def render_conf(cfg: ServerConfig) -> str:
    """The instance's neo4j.conf: loopback only, the configured ports, HTTPS off, auth on."""
    host = cfg.host
    lines = [
        "# Written by kgraph (kgraph.server) on every start; edits are overwritten.",
        f"# Neo4j Community {NEO4J_VERSION} for local development.",
        "",
        "# Network: loopback only.",
        f"server.default_listen_address={host}",
        f"server.default_advertised_address={host}",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address={host}:{cfg.bolt_port}",
        f"server.bolt.advertised_address={host}:{cfg.bolt_port}",
        "server.http.enabled=true",
        f"server.http.listen_address={host}:{cfg.http_port}",
        f"server.http.advertised_address={host}:{cfg.http_port}",
        "server.https.enabled=false",
        "",
        "# Directories, relative to the instance home; the jars are shared by instances.",
        f"server.directories.lib={cfg.lib_dir}",
        f"server.directories.plugins={PLUGINS_DIR}",
        f"server.directories.data={DATA_DIR}",
        f"server.directories.logs={LOGS_DIR}",
        f"server.directories.run={RUN_DIR}",
        f"server.directories.import={IMPORT_DIR}",
        "",
        "# Memory (the launcher passes the heap to the JVM as -Xms/-Xmx) and JVM flags.",
        f"server.memory.heap.initial_size={cfg.heap}",
        f"server.memory.heap.max_size={cfg.heap}",
        f"server.memory.pagecache.size={cfg.pagecache}",
        *(f"server.jvm.additional={flag}" for flag in JVM_FLAGS),
        "",
        "# Security and transactions.",
        "dbms.security.auth_enabled=true",
        "# Cypher reads no files and fetches no URLs, whoever runs the server: LOAD CSV from",
        "# file:// is off (and confined to the instance's empty import folder), and every",
        "# address is blocked for URL loads (internal setting of 5.26).",
        "dbms.security.allow_csv_import_from_file_urls=false",
        "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
        "db.transaction.timeout=10m",
        "",
        "# Transaction logs: grow as needed (no 256 MB preallocation per database), keep 1 GB.",
        "db.tx_log.preallocate=false",
        "db.tx_log.rotation.size=64m",
        "db.tx_log.rotation.retention_policy=1G size",
        "",
        "# Neo4j Browser: kgraph's style and guide are served with the Browser (a copy with",
        "# a kgraph/ folder added, written to web/ on start) and applied on every connect.",
        f"internal.dbms.web_dir_path={cfg.web_dir}",
        f"browser.remote_content_hostname_whitelist={host}",
        f"browser.post_connect_cmd={post_connect_cmd(cfg.http_url)}",
        "",
        "# No usage reports or telemetry.",
        "dbms.usage_report.enabled=false",
        "client.allow_telemetry=false",
        "",
        "# Shut Bolt down in about a second instead of ten (internal settings of 5.26).",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "internal.dbms.bolt.netty_server_shutdown_timeout=2s",
        "internal.server.bolt.thread_pool_shutdown_wait_time=1s",
        "internal.server.bolt.connection_shutdown_wait_time=1s",
        "",
    ]
    return "\n".join(lines)


def parse_java_version(text: str) -> int | None:
    """The major version in ``java -version`` output (``1.8.0_292`` -> 8, ``17.0.15`` -> 17)."""
    match = re.search(r'version "([^"]+)"', text)
    if match is None:
        return None
    version = match.group(1)
    if version.startswith("1."):
        version = version[2:]
    digits = re.match(r"[0-9]+", version)
    return int(digits.group(0)) if digits else None


def render_pom() -> str:
    """A pom whose runtime dependencies are the Neo4j Community server plus the Browser."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by kgraph to assemble Neo4j Community {NEO4J_VERSION} from Maven Central. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kgraph.local</groupId>
  <artifactId>neo4j-community-dist</artifactId>
  <version>{NEO4J_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{NEO4J_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.app</groupId>
      <artifactId>neo4j-server</artifactId>
      <version>{NEO4J_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId>
      <artifactId>neo4j-browser</artifactId>
      <version>{BROWSER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
"""
