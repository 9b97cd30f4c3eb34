"""``kgraph ingest`` and ``kgraph extract``: articles in, relations out."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, TextIO

import typer

from kgraph.cli import options as opt
from kgraph.cli.progress import IngestProgress
from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.errors import ConfigError
from kgraph.interrupts import Interrupts
from kgraph.models import ArticleResult, IngestSummary


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_text(summary: IngestSummary, where: str) -> str:
    """The human summary printed after an ingest."""
    rate = summary.words / summary.seconds if summary.seconds > 0 else 0.0
    return "\n".join(
        [
            f"Articles:  {summary.articles_read:,} read — {summary.articles_new:,} new, "
            f"{summary.articles_updated:,} updated, {summary.articles_unchanged:,} unchanged, "
            + (
                f"{summary.articles_skipped:,} in another language, "
                if summary.articles_skipped
                else ""
            )
            + f"{summary.articles_failed:,} failed",
            f"Entities:  {summary.entities_new:,} new, {summary.entities_merged:,} merged, "
            f"{summary.entities_total:,} in the graph",
            f"Relations: {summary.relations_new:,} new, {summary.relations_total:,} in the graph "
            f"({_plural(summary.claims_written, 'claim')} written)",
            f"Time:      {summary.seconds:.1f} s ({rate:,.0f} words/s) -> {where}",
        ]
    )


def summary_json(summary: IngestSummary, where: str) -> str:
    data = {k: getattr(summary, k) for k in IngestSummary.__dataclass_fields__}
    data["store"] = where
    return json.dumps(data, ensure_ascii=False, indent=2)


def stdin_for(paths: list[str]) -> TextIO | None:
    return sys.stdin if "-" in paths else None


@with_store
@opt.with_analysis
def ingest(
    paths: opt.PathsArg,
    choice: StoreChoice = NO_CHOICE,
    analysis: opt.AnalysisChoice = opt.NO_ANALYSIS,
    quiet: opt.QuietOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="tcp://HOST:8786|local",
            envvar="KGRAPH_DASK",
            help="Parse and extract on a Dask cluster's workers (needs kgraph's dask extra); "
            "'local' starts a LocalCluster of --processes workers. Linking and writes stay here.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read articles, extract who-did-what-to-whom relations and merge them into the graph.

    Re-ingesting unchanged articles does nothing; a changed article replaces its evidence.
    Exit code 1 if any input could not be read.

    Example:  kgraph ingest examples/   (or: cat news.jsonl | kgraph ingest -)
    """
    from kgraph.pipeline import IngestInterrupted
    from kgraph.pipeline import ingest as ingest_articles
    from kgraph.readers import estimate_total

    rules = analysis.alias_rules()
    analyzer = analysis.analyzer(dask)
    # Signals are noted until the command ends: one during the last save waits for it,
    # and is reported once the store is closed.  Workers fork before the store
    # connects and the progress bar starts a thread.
    with Interrupts() as interrupts, analyzer:
        with interrupts.raising():
            graph_store = open_store(choice, writable=True)
        try:
            total = None if quiet else estimate_total(paths)
            with IngestProgress(quiet=quiet, total=total) as progress:
                summary = ingest_articles(
                    paths,
                    graph_store,
                    analyzer,
                    stdin=stdin_for(paths),
                    on_event=progress,
                    aliases=rules,
                    interrupts=interrupts,
                )
        except IngestInterrupted as stop:
            summary = stop.summary
        finally:
            graph_store.close()
        if interrupts.received:
            done = summary.articles_new + summary.articles_updated
            typer.echo(
                f"Interrupted: {done:,} finished articles saved to {graph_store.description}; "
                "run the same command again to go on.",
                err=True,
            )
            raise typer.Exit(interrupts.exit_code)
        report_summary(summary, graph_store.description, as_json=as_json, quiet=quiet)


def report_summary(summary: IngestSummary, where: str, *, as_json: bool, quiet: bool) -> None:
    """Print an ingest's summary (JSON, text, or nothing when quiet); exit code 1 when any
    input could not be read."""
    if as_json:
        typer.echo(summary_json(summary, where))
    elif not quiet:
        typer.echo(summary_text(summary, where))
    if summary.articles_failed:
        raise typer.Exit(1)


_KEYS = {"id", "article_id", "subject_key", "object_key", "subject_ref", "object_ref"}
"""Claim fields ``kgraph extract`` does not print (ids and keys; names are printed)."""


def _result_lines(result: ArticleResult) -> list[str]:
    lines = []
    for claim in result.claims:
        subject = result.entities.get(claim.subject_key)
        obj = result.entities.get(claim.object_key)
        record = {
            "article": result.article.id,
            "subject": subject.name if subject else None,
            "subject_type": subject.type if subject else None,
            "relation": claim.relation,
            "object": obj.name if obj else None,
            "object_type": obj.type if obj else None,
        } | {k: v for k, v in asdict(claim).items() if k not in _KEYS and k != "extractor"}
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


@opt.with_analysis
def extract(
    analysis: opt.AnalysisChoice = opt.NO_ANALYSIS,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories or - for stdin.", show_default=False),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (resolved relations) or carb.")
    ] = "jsonl",
    lines: Annotated[
        Path | None,
        typer.Option(
            "--lines",
            help="With --format carb: a file of pre-tokenised sentences, "
            "one per line, each its own document.",
            show_default=False,
        ),
    ] = None,
    quiet: opt.QuietOpt = False,
) -> None:
    """Print the relations found in articles as JSON lines; nothing is stored.

    Example:  kgraph extract examples/unn-2025-12-25-putin-kim.txt
    Example:  kgraph extract --format carb --lines sentences.txt > predictions.tsv
    """
    from kgraph.pipeline import extract as extract_articles

    if output_format == "carb":
        _extract_carb(lines, analysis.model)
        return
    if output_format != "jsonl":
        raise ConfigError(f"unknown --format {output_format!r}", "use jsonl or carb")
    if not paths:
        raise ConfigError("give at least one path (or - for stdin)")
    with analysis.analyzer() as analyzer, IngestProgress(quiet=quiet) as progress:
        failed = 0

        def on_event(event):  # type: ignore[no-untyped-def]
            nonlocal failed
            failed += event.kind == "error"
            progress(event)

        for result in extract_articles(
            paths,
            analyzer,
            stdin=stdin_for(paths),
            on_event=on_event,
            aliases=analysis.alias_rules(),
        ):
            for line in _result_lines(result):
                typer.echo(line)
    if failed:
        raise typer.Exit(1)


def _extract_carb(lines: Path | None, model: str | None) -> None:
    from kgraph.extract.carb import carb_lines
    from kgraph.nlp import load_model

    if lines is None:
        raise ConfigError("--format carb needs --lines FILE")
    try:
        sentences = lines.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{lines}: cannot read ({exc.strerror})") from None
    out = sys.stdout
    for line in carb_lines(load_model(model), (s for s in sentences if s.strip())):
        out.write(line + "\n")
