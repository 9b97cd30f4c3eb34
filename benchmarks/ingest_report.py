"""The ingest benchmark's report: the issue's targets judged on a run, and the markdown
tables printed from its JSON (:mod:`benchmarks.ingest` measures; this module only reads
the report)."""

from __future__ import annotations

from typing import Any

from benchmarks import corpus, read_latency
from benchmarks.measure import growth_pct, per_second

TARGET_NEO4J_RATIO, AIM_NEO4J_RATIO = 0.85, 0.95
TARGET_REINGEST_PCT = 5.0
TARGET_RSS_GROWTH_PCT = 20.0
TARGET_WRITER_CLAIMS_PER_S = 10_000.0


def _run(row: dict[str, Any], kind: str) -> dict[str, Any]:
    run = row.get(kind) or {}
    return run if "error" not in run else {}


def memory_growth(rows: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """Peak RSS/PSS growth from 1,000 articles to the whole corpus, per run kind."""
    by_size = {row["size"]: row for row in rows}
    small, large = by_size.get("1000"), by_size.get(corpus.ALL)
    growth: dict[str, dict[str, float | None]] = {}
    if small is None or large is None:
        return growth
    for kind in ("bare", "embedded", "neo4j"):
        a, b = _run(small, kind), _run(large, kind)
        if a and b:
            growth[kind] = {
                "rss_1000_mb": a["peak_rss_mb"],
                "rss_all_mb": b["peak_rss_mb"],
                "rss_growth_pct": growth_pct(a["peak_rss_mb"], b["peak_rss_mb"]),
                "pss_growth_pct": growth_pct(a["peak_pss_mb"], b["peak_pss_mb"]),
            }
    return growth


def _target(name: str, value: float | None, ok: bool | None, shown: str) -> dict[str, Any]:
    status = "not measured" if value is None or ok is None else ("met" if ok else "NOT met")
    return {
        "target": name,
        "value": value,
        "shown": shown if value is not None else "-",
        "status": status,
    }


def _ratio_target(largest: dict[str, Any]) -> dict[str, Any]:
    ratio = _run(largest, "neo4j").get("x_bare")
    return _target(
        f"Neo4j ingest >= {TARGET_NEO4J_RATIO} x bare spaCy words/s (aim {AIM_NEO4J_RATIO}),"
        f" {largest.get('size', '?')} articles",
        ratio,
        None if ratio is None else ratio >= TARGET_NEO4J_RATIO,
        f"{ratio:.2f} x" if ratio is not None else "",
    )


def _reingest_target(largest: dict[str, Any], kind: str) -> dict[str, Any]:
    """Judged on wall time: what a user waits for, start-up and store loading included."""
    again = _run(largest, kind).get("reingest", {})
    pct = again.get("pct_of_first_wall")
    nothing = again.get("claims_written") == 0 and again.get("articles_new") == 0
    ok = None if pct is None else pct < TARGET_REINGEST_PCT and nothing
    shown = f"{pct:.1f} % (wall), {again.get('claims_written')} claims written" if again else ""
    return _target(f"{kind} re-ingest < 5 % of first, writes nothing", pct, ok, shown)


def _rss_target(kind: str, figures: dict[str, float | None]) -> dict[str, Any]:
    pct = figures["rss_growth_pct"]
    ok = None if pct is None else pct <= TARGET_RSS_GROWTH_PCT
    shown = f"{pct:+.1f} %" if pct is not None else ""
    return _target(f"{kind} peak RSS within 20 % from 1,000 to all", pct, ok, shown)


def _writer_target(writer: dict[str, Any]) -> dict[str, Any]:
    rate = writer.get("claims_per_s")
    ok = None if rate is None else rate >= TARGET_WRITER_CLAIMS_PER_S
    shown = f"{rate:,.0f} claims/s" if rate is not None else ""
    if rate is not None and not writer.get("complete", True):
        shown += f" (first {writer['articles_written']:,} of {writer['articles']:,} articles)"
    return _target("Neo4j writer >= 10,000 relation mentions/s", rate, ok, shown)


def evaluate_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, judged on the largest size measured."""
    largest = report["runs"][-1] if report["runs"] else {}
    targets = [_ratio_target(largest)]
    targets += [_reingest_target(largest, kind) for kind in ("embedded", "neo4j")]
    growth = report.get("memory_growth", {})
    targets += [_rss_target(kind, growth[kind]) for kind in ("embedded", "neo4j") if kind in growth]
    targets.append(_writer_target(report.get("writer", {})))
    targets += _read_targets(largest.get("embedded", {}).get("reads") or [])
    return targets


def _read_targets(reads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each read within its time (wall; CPU beside it) and every read within 500 MB."""
    found = [
        {
            "target": f"embedded read '{r['read']}' <= {r['target_s']:.0f} s",
            "status": "met" if r["within_wall"] else ("met (CPU)" if r["within_cpu"] else "missed"),
            "shown": f"{r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU",
        }
        for r in reads
    ]
    if reads:
        peak = max(r["peak_rss_mb"] for r in reads)
        found.append(
            {
                "target": f"embedded reads peak RSS <= {read_latency.MEMORY_LIMIT_MB:.0f} MB",
                "status": "met" if peak <= read_latency.MEMORY_LIMIT_MB else "missed",
                "shown": f"{peak:.0f} MB",
            }
        )
    return found


def fmt(value: Any, spec: str = ",.0f", suffix: str = "") -> str:
    """A number for the tables; '-' when missing.

    >>> fmt(12345.6), fmt(None), fmt(0.912, ".2f", " x")
    ('12,346', '-', '0.91 x')
    """
    if value is None or isinstance(value, str):
        return value or "-"
    return f"{value:{spec}}{suffix}"


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table; columns after the first two are right-aligned.

    >>> print(md_table(["a", "b", "n"], [["x", "y", "1"]]))
    | a | b | n |
    | --- | --- | ---: |
    | x | y | 1 |
    """
    align = ["---" if i < 2 else "---:" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def _speed_row(size: str, name: str, run: dict[str, Any]) -> list[str]:
    if not run or "error" in run:
        return [size, name, "failed", *["-"] * 10]
    bare = name == "bare spaCy"
    cpu = run.get("cpu_s", 0.0) + run.get("server_cpu_s", 0.0)
    return [
        size,
        name,
        fmt(run["wall_s"], ",.1f"),
        fmt(run.get("seconds"), ",.1f"),
        fmt(run.get("words_per_s")),
        fmt(run.get("articles_per_s"), ",.1f"),
        "1.00" if bare else fmt(run.get("x_bare"), ".2f"),
        "-" if bare else fmt(run.get("x_bare_wall"), ".2f"),
        fmt(cpu or None),
        ("1.00" if cpu else "-") if bare else fmt(run.get("x_bare_cpu"), ".2f"),
        fmt(run["peak_rss_mb"]),
        fmt(run["peak_pss_mb"]),
        "-" if bare else fmt(run.get("claims_written")),
    ]


def speed_table(rows: list[dict[str, Any]]) -> str:
    """First ingests against bare spaCy, per corpus size."""
    header = ["articles", "run", "wall s", "timed s", "words/s", "articles/s", "x bare"]
    header += ["x bare (wall)", "CPU s", "x bare (CPU)", "peak RSS MB", "peak PSS MB"]
    header += ["claims written"]
    lines = []
    for row in rows:
        for kind, name in (
            ("bare", "bare spaCy"),
            ("embedded", "kgraph embedded"),
            ("neo4j", "kgraph Neo4j"),
        ):
            if kind in row:
                lines.append(_speed_row(f"{row['articles']:,}", name, row[kind]))
    return md_table(header, lines)


def _reingest_row(articles: int, kind: str, run: dict[str, Any]) -> list[str]:
    again = run["reingest"]
    return [
        f"{articles:,}",
        kind,
        fmt(run.get("store_mb"), ",.1f"),
        fmt(again["wall_s"], ",.1f"),
        fmt(again.get("pct_of_first_wall"), ".1f"),
        fmt(again.get("seconds"), ",.2f"),
        fmt(again.get("pct_of_first"), ".1f"),
        fmt(again.get("articles_unchanged")),
        fmt(again.get("claims_written")),
        fmt(again["peak_rss_mb"]),
    ]


def reingest_table(rows: list[dict[str, Any]]) -> str:
    """Re-ingesting the same file into the same store."""
    header = ["articles", "store", "store file MB", "wall s", "% of first (wall)", "timed s"]
    header += ["% of first (timed)", "unchanged", "claims written", "peak RSS MB"]
    lines = []
    for row in rows:
        for kind in ("embedded", "neo4j"):
            again = _run(row, kind).get("reingest")
            if again and "error" not in again:
                lines.append(_reingest_row(row["articles"], kind, row[kind]))
    return md_table(header, lines)


def writer_table(writer: dict[str, Any]) -> str:
    """The Neo4j writer fed pre-extracted relations."""
    header = ["articles written", "claims", "analyse s", "analyse words/s", "write s"]
    header += ["claims/s", "articles/s", "peak RSS MB"]
    if "error" in writer:
        return md_table(header, [[writer["size"], "failed", *["-"] * 6]])
    written = f"{writer['articles_written']:,} of {writer['articles']:,}"
    row = [
        written,
        fmt(writer["claims"]),
        fmt(writer["analyse_s"], ",.1f"),
        fmt(writer["analyse_words_per_s"]),
        fmt(writer["write_s"], ",.1f"),
        fmt(writer["claims_per_s"]),
        fmt(writer["articles_per_s"], ",.1f"),
        fmt(writer["peak_rss_mb"]),
    ]
    return md_table(header, [row])


def batch_note(writer: dict[str, Any], batch: int) -> list[str]:
    """How long one write of ``batch`` articles took, first to last (does it slow down?)."""
    times = writer.get("batch_seconds") or []
    if not times:
        return []
    middle = sorted(times)[len(times) // 2]
    return [
        f"{len(times)} writes of {batch} articles: first {times[0]:,.1f} s,"
        f" median {middle:,.1f} s, last {times[-1]:,.1f} s.",
        "",
    ]


def growth_table(growth: dict[str, dict[str, float | None]]) -> str:
    """Peak memory from 1,000 articles to the whole corpus."""
    header = ["run", "", "peak RSS 1,000 MB", "peak RSS all MB", "RSS growth", "PSS growth"]
    lines = []
    for kind, g in growth.items():
        rss = [fmt(g["rss_1000_mb"]), fmt(g["rss_all_mb"])]
        pct = [fmt(g["rss_growth_pct"], "+.1f", " %"), fmt(g["pss_growth_pct"], "+.1f", " %")]
        lines.append([kind, "", *rss, *pct])
    return md_table(header, lines)


def breakdown(report: dict[str, Any]) -> list[str]:
    """Where the time of the largest size goes, as markdown bullets."""
    if not report["runs"]:
        return []
    row = report["runs"][-1]
    bare = _run(row, "bare")
    if not bare:
        return []
    lines = [f"- bare spaCy parse: {bare['seconds']:,.0f} s ({bare['words_per_s']:,.0f} words/s)"]
    writer = report.get("writer", {})
    if "analyse_words_per_s" in writer:
        ratio = per_second(writer["analyse_words_per_s"], bare["words_per_s"])
        lines.append(
            f"- analysis alone (parse, extract, resolve; no store), {writer['articles']:,}"
            f" articles: {writer['analyse_words_per_s']:,.0f} words/s = {ratio:.2f} x bare"
        )
    for kind in ("embedded", "neo4j"):
        run = _run(row, kind)
        if run.get("seconds"):
            extra = run["seconds"] - bare["seconds"]
            lines.append(
                f"- {kind} ingest: {run['seconds']:,.0f} s = bare {extra:+,.0f} s"
                " (extraction, linking and store writes beyond the parse)"
            )
    rate, claims = writer.get("claims_per_s"), _run(row, "neo4j").get("claims_written")
    if rate and claims:
        lines.append(
            f"- at the writer's {rate:,.0f} claims/s, the Neo4j ingest's {claims:,} claims"
            f" take about {claims / rate:,.0f} s of writes alone"
        )
    return [f"### Where the time goes ({row['articles']:,} articles)", "", *lines, ""]


def _header(report: dict[str, Any]) -> list[str]:
    m, s, c = report["machine"], report["settings"], report["corpus"]
    dirty = " (uncommitted changes)" if m["git_dirty"] else ""
    return [
        f"## kgraph ingest benchmark, {report['started']}",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']},"
        f" spaCy {m['spacy']}, {m['model']} {m['model_version']}; kgraph {m['kgraph']} at"
        f" {m['git_commit'] or '?'}{dirty}; load average {m['load_avg_start']:.1f} at start,"
        f" {report.get('load_avg_end', 0.0):.1f} at end.",
        f"Settings: batch {s['batch_size']}, {s['processes']} processes, lemmatizer off;"
        f" Neo4j {s['neo4j_version']} (heap {s['neo4j_heap']}, page cache"
        f" {s['neo4j_pagecache']}); writer batches of {s['write_batch']}.",
        f"Corpus: {c['name']}: {c['articles']:,} articles ({c['skipped']} of {c['rows']:,}"
        f" without body text left out), {c['words']:,} words.",
        "",
    ]


def markdown(report: dict[str, Any]) -> str:
    """The human report."""
    parts = _header(report)
    parts += ["### First ingest vs bare spaCy", "", speed_table(report["runs"]), ""]
    parts += [
        "timed s: bare spaCy's `nlp.pipe` loop (its model loaded before); kgraph's `seconds` "
        "(interpreter start-up excluded; loading the spaCy and language-id models, forking the "
        "workers and opening the store included). x bare: kgraph words/s / bare words/s, same texts"
        " and word count; (wall): kgraph's whole process. CPU s: user + system seconds of the whole"
        " process tree (with Neo4j: plus the server's); x bare (CPU): bare CPU s / kgraph CPU s, "
        "the figure least disturbed by other load on a shared machine. RSS and PSS: peak of the sum"
        " over the process tree (forked workers share pages: RSS counts them per process, PSS once;"
        " PSS is sampled every ~5 s).",
        "",
    ]
    parts += ["### Re-ingest (same file, same store)", "", reingest_table(report["runs"]), ""]
    for row in report["runs"]:
        reads = row.get("embedded", {}).get("reads")
        if reads:
            parts += [f"### Reads on the embedded store, {row['size']} articles", ""]
            parts += [read_latency.table(reads), ""]
    if "writer" in report:
        parts += ["### Neo4j writer, fed pre-extracted relations", ""]
        batch = report["settings"]["write_batch"]
        parts += [writer_table(report["writer"]), "", *batch_note(report["writer"], batch)]
    if report.get("memory_growth"):
        parts += ["### Memory, 1,000 articles -> all", "", growth_table(report["memory_growth"])]
        parts += [""]
    parts += breakdown(report)
    targets = [[t["target"], t["status"], t["shown"]] for t in report["targets"]]
    parts += ["### Targets", "", md_table(["target", "status", "measured"], targets), ""]
    return "\n".join(parts)
