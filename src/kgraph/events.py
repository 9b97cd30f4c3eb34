"""Progress events the pipeline reports and the CLI shows (kept apart from the pipeline so
that showing progress does not import spaCy)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgraph.errors import InputError
from kgraph.models import Article


@dataclass(frozen=True, slots=True)
class Event:
    """Progress report: ``kind`` is read | skipped | done | error | written."""

    kind: str
    article: Article | None = None
    error: InputError | None = None
    count: int = 0


EventHandler = Callable[[Event], None]
