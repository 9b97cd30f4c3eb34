"""``kgraph neo4j start|stop|status|import ...``: the local Neo4j server."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.filesize import decimal

from kgraph import server
from kgraph.cli import options as opt

app = typer.Typer(
    help="Run a local Neo4j Community 5.26 (assembled from Maven Central; needs Java 17+ "
    "and Maven) on 127.0.0.1.",
    no_args_is_help=True,
)

HomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home",
        envvar="KGRAPH_NEO4J_HOME",
        help="Instance folder (config, data, logs, password).",
        show_default=False,
    ),
]
BoltOpt = Annotated[
    int | None,
    typer.Option(
        "--bolt-port",
        envvar="KGRAPH_NEO4J_BOLT_PORT",
        help="Bolt port (default: 7687).",
        show_default=False,
    ),
]
HttpOpt = Annotated[
    int | None,
    typer.Option(
        "--http-port",
        envvar="KGRAPH_NEO4J_HTTP_PORT",
        help="HTTP port (default: 7474).",
        show_default=False,
    ),
]


def _config(home: Path | None, bolt: int | None, http: int | None) -> server.ServerConfig:
    """The instance's settings, with the options given; ``replace`` resolves a relative
    ``--home`` as the config does, so the server is recognised from any directory."""
    cfg = server.ServerConfig.from_env()
    changes: dict[str, Any] = {"home": home, "bolt_port": bolt, "http_port": http}
    return dataclasses.replace(cfg, **{k: v for k, v in changes.items() if v is not None})


with_instance = opt.option_group(
    "cfg",
    {"home": (HomeOpt, None), "bolt_port": (BoltOpt, None), "http_port": (HttpOpt, None)},
    _config,
)
"""Give a command the instance options (``--home``, ``--bolt-port``, ``--http-port``) as
one ``cfg: ServerConfig`` argument."""


def _describe(status: server.ServerStatus, cfg: server.ServerConfig) -> str:
    if not status.running:
        return f"Neo4j is not running (instance {status.home})"
    return "\n".join(
        [
            f"Neo4j {status.version or '?'} running, pid {status.pid}",
            f"  Bolt:     {status.uri}  (user neo4j; kgraph --neo4j connects automatically)",
            f"  Browser:  {status.http_url}  (to connect: kgraph neo4j browser --open)",
            f"  Password: in {cfg.password_file} (readable only by you)",
            f"  Store:    {decimal(status.store_size_bytes)} in {status.home}",
        ]
    )


@app.command()
@with_instance
def start(
    cfg: server.ServerConfig,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt.")] = 180.0,
) -> None:
    """Start the local Neo4j in the background; returns once Bolt answers.

    The first start downloads Neo4j from Maven Central (about 140 MB, cached) and
    generates a password stored with owner-only permissions.

    Example:  kgraph neo4j start && kgraph ingest examples/ --neo4j
    """
    status = server.start(cfg, timeout=timeout)
    typer.echo(_describe(status, cfg))


@app.command()
@with_instance
def stop(
    cfg: server.ServerConfig,
) -> None:
    """Shut the local Neo4j down cleanly.

    Example:  kgraph neo4j stop
    """
    was_running = server.stop(cfg)
    typer.echo("Neo4j stopped." if was_running else "Neo4j was not running.")


@app.command()
@with_instance
def status(
    cfg: server.ServerConfig,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show whether the local Neo4j runs: URI, version, pid and store size.

    Exit code 0 when it is running, 1 when it is not.

    Example:  kgraph neo4j status --json
    """
    current = server.status(cfg)
    if as_json:
        typer.echo(json.dumps(current.as_dict(), indent=2))
    else:
        typer.echo(_describe(current, cfg))
    if not current.running:
        raise typer.Exit(1)


LAUNCHER = "browser.html"
"""The owner-only launcher page ``kgraph neo4j browser`` writes in the instance folder."""


@app.command()
@with_instance
def browser(
    cfg: server.ServerConfig,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the launcher page in the default web browser.")
    ] = False,
) -> None:
    """Print the Neo4j Browser URL of the local server, connect form filled in.

    Neo4j Browser takes no password from a URL, so this also writes a launcher page,
    readable only by you, whose button copies the password to the clipboard and opens
    the Browser: paste it and press Connect.  The password is never printed.  On connect
    the Browser applies kgraph's style (names as captions, a colour per entity type) and
    opens the kgraph guide with the named queries (:play).  For another server (Docker,
    NEO4J_URI), drop cypher/browser-style.grass onto the Browser's :style frame.

    Example:  kgraph neo4j browser --open
    """
    import webbrowser

    from kgraph.atomic import write_atomic
    from kgraph.browser import browser_url, launcher_html
    from kgraph.errors import ServerError

    current = server.status(cfg)
    if not current.running:
        raise ServerError(
            f"Neo4j is not running (instance {cfg.home})", "start it with: kgraph neo4j start"
        )
    url = browser_url(cfg.http_url, cfg.uri)
    password = server.read_password(cfg)
    if password is None:
        raise ServerError(f"no password in {cfg.password_file}")
    launcher = cfg.home / LAUNCHER
    write_atomic(launcher, launcher_html(url, password), mode=0o600)
    typer.echo(f"Neo4j Browser: {url}")
    typer.echo(
        f"Password:      {launcher.as_uri()} copies it to the clipboard and opens the "
        "Browser (the page is readable only by you)"
    )
    if open_it and not webbrowser.open(launcher.as_uri()):
        raise ServerError("no web browser to open", f"open {launcher.as_uri()} yourself")


@app.command()
@with_instance
def reset(
    cfg: server.ServerConfig,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete the local Neo4j's data (every graph it holds), config and password, and start
    it again empty if it was running.  Asks first unless --yes.

    Example:  kgraph neo4j reset --yes && kgraph ingest examples/ --neo4j
    """
    if not yes and not typer.confirm(
        f"Delete every graph in the Neo4j instance at {cfg.home}?", default=False
    ):
        typer.echo("Nothing deleted.")
        raise typer.Exit(1)
    was_running = server.status(cfg).running
    server.wipe(cfg)
    typer.echo(f"Deleted the Neo4j instance at {cfg.home}.")
    if was_running:
        typer.echo(_describe(server.start(cfg), cfg))


@app.command(name="import")
@with_instance
@opt.with_analysis
def import_(
    cfg: server.ServerConfig,
    paths: opt.PathsArg,
    analysis: opt.AnalysisChoice = opt.NO_ANALYSIS,
    quiet: opt.QuietOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """First load of articles into the local Neo4j's new, empty database with
    neo4j-admin database import instead of transactions.

    Articles are analysed and linked as by kgraph ingest; the graph is the one
    kgraph ingest --neo4j would build, and later ingests add to it.  The server is stopped
    for the import and runs afterwards.  Refuses, changing nothing, a database that holds
    anything.  Exit code 1 if any input could not be read.

    Example:  kgraph neo4j import corpus.jsonl && kgraph ingest --neo4j more/
    """
    from kgraph.bulk import bulk_import
    from kgraph.cli.ingest import report_summary, stdin_for
    from kgraph.cli.progress import IngestProgress
    from kgraph.interrupts import Interrupts
    from kgraph.pipeline import IngestInterrupted
    from kgraph.readers import estimate_total

    analyzer = analysis.analyzer()
    total = None if quiet else estimate_total(paths)
    try:
        with (
            analyzer,
            Interrupts() as interrupts,
            interrupts.raising(),  # SIGTERM stops it as Ctrl-C does
            IngestProgress(quiet=quiet, total=total) as progress,
        ):
            summary = bulk_import(
                paths,
                analyzer,
                cfg,
                stdin=stdin_for(paths),
                on_event=progress,
                aliases=analysis.alias_rules(),
            )
    except IngestInterrupted:
        typer.echo("Interrupted: nothing was imported; the database is unchanged.", err=True)
        raise typer.Exit(130) from None
    where = f"Neo4j {cfg.uri} (imported; instance {cfg.home})"
    report_summary(summary, where, as_json=as_json, quiet=quiet)
