"""Progress events the pipeline reports and the CLI shows (kept apart from the pipeline so
that showing progress does not import spaCy)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgraph.errors import InputError
from kgraph.models import Article


@dataclass(frozen=True, slots=True)
class Event:
    """Progress report: ``kind`` is read | skipped | done | error | written | phase
    (``phase`` names the step that starts, e.g. "writing", "saving")."""

    kind: str
    article: Article | None = None
    error: InputError | None = None
    count: int = 0
    phase: str = ""


EventHandler = Callable[[Event], None]


def ignore(_: Event) -> None:
    """The handler of a caller that wants no progress reports."""
