"""A local Neo4j Community 5.26 LTS server for development, tests and users without Docker.

Neo4j is not on PyPI, so its jars are assembled once from Maven Central (``mvn`` and Java 17+
needed) into a shared cache; each instance (``ServerConfig.home``) holds its own
configuration, data, logs and generated password::

    cfg = ServerConfig.from_env()
    start(cfg)                      # assembles on first use, waits until Bolt answers
    uri, user, password = local_credentials(cfg)
    stop(cfg)

The server listens on 127.0.0.1 only.  The alternative is Docker: ``docker compose up -d``
with the repository's docker-compose.yml.
"""

from __future__ import annotations

from kgraph.server.config import (
    BROWSER_VERSION,
    NEO4J_VERSION,
    ServerConfig,
    parse_java_version,
    render_conf,
)
from kgraph.server.dist import assemble, check_java, is_assembled
from kgraph.server.instance import (
    ServerStatus,
    local_credentials,
    read_password,
    start,
    status,
    stop,
    wipe,
)

__all__ = [
    "BROWSER_VERSION",
    "NEO4J_VERSION",
    "ServerConfig",
    "ServerStatus",
    "assemble",
    "check_java",
    "is_assembled",
    "local_credentials",
    "parse_java_version",
    "read_password",
    "render_conf",
    "start",
    "status",
    "stop",
    "wipe",
]
