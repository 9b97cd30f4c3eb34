"""``neo4j-admin database import full`` on a stopped local instance.

The import tool (``org.neo4j.importer``, in ``neo4j-import-tool`` of the assembled jars)
is a command of the same admin tool that sets the initial password, so it runs from the
same class path.  It writes a new store for the database from CSV files far faster than
transactions can, but only into a database that is empty and not running: the caller
stops the server and makes sure the database holds nothing first.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from kgraph.errors import ServerError
from kgraph.server.config import ADMIN_CLASS, JVM_FLAGS, ServerConfig
from kgraph.server.dist import check_java
from kgraph.server.files import last_error
from kgraph.server.instance import child_env

log = logging.getLogger(__name__)

DATABASE = "neo4j"
"""The database the import builds: Community Edition serves only its default database."""

IMPORT_HEAP = "1g"
"""The import tool's heap; its large structures live off-heap."""

IMPORT_LOG = "import.log"


def import_command(
    cfg: ServerConfig,
    java: str,
    nodes: Sequence[Path],
    relationships: Sequence[Path],
    report: Path,
    array_delimiter: str,
    overwrite: bool,
) -> list[str]:
    """The import's command line (it carries no secret).  Without ``overwrite`` the tool
    refuses a database that exists."""
    return [
        java,
        f"-Xmx{IMPORT_HEAP}",
        *JVM_FLAGS,
        "-cp",
        str(cfg.lib_dir / "*"),
        ADMIN_CLASS,
        "database",
        "import",
        "full",
        DATABASE,  # before the file lists, which take every argument that follows
        f"--overwrite-destination={str(overwrite).lower()}",
        "--multiline-fields=true",
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
        f"--report-file={report}",
        *(f"--nodes={path}" for path in nodes),
        *(f"--relationships={path}" for path in relationships),
    ]


def run_import(
    cfg: ServerConfig,
    nodes: Sequence[Path],
    relationships: Sequence[Path],
    *,
    array_delimiter: str,
    overwrite: bool,
    timeout: float = 6 * 3600.0,
) -> None:
    """Build the instance's database from the CSV files; the server must be stopped, and
    the database missing or (with ``overwrite``, which replaces it) empty.  The tool's
    output goes to ``logs/import.log``; a failure raises ServerError with its last error
    line."""
    java = check_java()
    cfg.logs_dir.mkdir(parents=True, exist_ok=True)
    log_path = cfg.logs_dir / IMPORT_LOG
    report = cfg.logs_dir / "import.report"
    command = import_command(cfg, java, nodes, relationships, report, array_delimiter, overwrite)
    started = time.monotonic()
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        proc = subprocess.run(
            command,
            cwd=cfg.home,
            env=child_env(cfg),
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"neo4j-admin database import did not finish: {exc}") from None
    finally:
        os.close(fd)
    if proc.returncode != 0:
        raise ServerError(
            f"neo4j-admin database import failed (exit code {proc.returncode}); "
            f"see {log_path}: {last_error(log_path) or '(no output)'}"
        )
    log.info("neo4j-admin imported the database in %.1f s", time.monotonic() - started)
