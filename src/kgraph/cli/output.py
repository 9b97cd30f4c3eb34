"""The one place the CLI writes results: tables, JSON and CSV, and one-line errors."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.exceptions import TyperException

from kgraph.errors import KGraphError, Neo4jConnectionError
from kgraph.models import NodeValue, PathValue, QueryResult, RelationshipValue


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class PipeConsole(Console):
    """A rich Console that leaves a closed pipe to :func:`reporting` (rich would exit 1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False)


def jsonable(value: Any) -> Any:
    """Query values as plain JSON data (nodes, relationships and paths as maps of their
    fields)."""
    if isinstance(value, NodeValue | RelationshipValue | PathValue):
        return jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _short_props(props: dict[str, Any]) -> str:
    shown = {k: props[k] for k in ("name", "title", "key", "id") if k in props}
    items = shown or dict(list(props.items())[:2])
    return (
        "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in items.items()) + "}"
    )


def text(value: Any) -> str:
    """A compact human rendering of one value, Cypher-shell style."""
    if isinstance(value, NodeValue):
        return f"(:{':'.join(value.labels)} {_short_props(value.properties)})"
    if isinstance(value, RelationshipValue):
        return f"[:{value.type} {_short_props(value.properties)}]"
    if isinstance(value, PathValue):
        parts = [text(value.nodes[0])]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            parts.append(f"-{text(rel)}->{text(node)}")
        return "".join(parts)
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    return json.dumps(jsonable(value), ensure_ascii=False)


def write_result(result: QueryResult, fmt: Format, out: TextIO | None = None) -> None:
    """Write a query result in ``fmt``; rows are streamed except for the table."""
    out = out or sys.stdout
    if fmt is Format.json:
        write_json_rows(result.columns, result.rows, out)
    elif fmt is Format.jsonl:
        for row in result.rows:
            obj = {c: jsonable(v) for c, v in zip(result.columns, row, strict=True)}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    elif fmt in (Format.csv, Format.tsv):
        dialect = "excel-tab" if fmt is Format.tsv else "excel"
        writer = csv.writer(out, dialect=dialect, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([cell_text(v) for v in row])
    elif fmt is Format.markdown:
        write_markdown(result, out)
    else:
        write_table(result, out)


def cell_text(value: Any) -> str:
    """A value as one cell of CSV, TSV or Markdown (strings as they are)."""
    return value if isinstance(value, str) else text(value)


def write_markdown(result: QueryResult, out: TextIO) -> None:
    """A GitHub-flavoured Markdown table; pipes and line breaks in cells are escaped."""

    def cell(value: Any) -> str:
        return cell_text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    out.write("| " + " | ".join(cell(c) for c in result.columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in result.columns) + "|\n")
    for row in result.rows:
        out.write("| " + " | ".join(cell(v) for v in row) + " |\n")


def write_table(result: QueryResult, out: TextIO) -> None:
    """A boxed table for people.  Cells are Text, never markup: data such as
    "[/caption]", ":smile:" or "[bold]" is shown as it is."""
    table = Table(show_lines=False, header_style="bold")
    for column in result.columns:
        table.add_column(Text(column))
    for row in result.rows:
        table.add_row(*(Text(text(v)) for v in row))
    console = PipeConsole(file=out, highlight=False, soft_wrap=False, emoji=False, markup=False)
    console.print(table)
    console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")


def write_json_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO) -> None:
    """Stream a JSON array of objects, one row at a time."""
    out.write("[")
    for i, row in enumerate(rows):
        obj = {c: jsonable(v) for c, v in zip(columns, row, strict=True)}
        out.write(("," if i else "") + "\n  " + json.dumps(obj, ensure_ascii=False))
    out.write("\n]\n" if columns else "]\n")


def quiet_closed_pipe() -> None:
    """The reader of stdout went away (``kgraph query ... | head -1``): send whatever is
    still buffered to /dev/null so that exiting does not fail on it again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def error_line(exc: BaseException) -> str:
    """One line for the user; never multi-line, never a traceback."""
    message = str(exc).replace("\n", " ").strip()
    return f"Error: {message}" if message else f"Error: {type(exc).__name__}"


@contextmanager
def reporting(debug: bool = False) -> Iterator[None]:
    """Turn errors into one line on stderr and a non-zero exit code (a traceback instead
    with ``debug``)."""
    try:
        yield
    except KeyboardInterrupt:
        err_console().print("Interrupted.", markup=False)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        quiet_closed_pipe()
        raise typer.Exit(0) from None
    except (typer.Exit, typer.Abort, TyperException):  # usage errors: typer reports them
        raise
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, Neo4jConnectionError):
            from kgraph.cli import driverlog  # it imports this module

            driverlog.connection_lost()
        line = error_line(exc)
        if not isinstance(exc, KGraphError):
            line += f" (unexpected {type(exc).__name__}; rerun with --debug for the traceback)"
        err_console().print(line, markup=False)
        raise typer.Exit(exc.exit_code if isinstance(exc, KGraphError) else 1) from None
