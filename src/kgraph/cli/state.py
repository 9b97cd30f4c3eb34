"""Options given before the command (``kgraph --debug ingest ...``)."""

from __future__ import annotations

from dataclasses import dataclass

import typer


@dataclass(slots=True)
class State:
    debug: bool = False

    @classmethod
    def of(cls, ctx: typer.Context) -> State:
        """The root state, wherever in the command tree ``ctx`` is."""
        root = ctx.find_root()
        if isinstance(root.obj, State):
            return root.obj
        return cls()
