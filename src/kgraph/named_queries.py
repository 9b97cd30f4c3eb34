"""The queries kgraph ships (``cypher/queries/*.cypher``), runnable by name.

Each file starts with ``//`` comment lines: they say what the query answers, and an
optional ``// params: {...}`` line gives its parameters with example values (JSON).

>>> q = NamedQuery.parse("co-mentions", '// Who else.\\n// params: {"name": "X"}\\nRETURN 1')
>>> q.description, q.params, q.cypher
('Who else.', {'name': 'X'}, 'RETURN 1')
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from kgraph.errors import ConfigError

QUERY_SUFFIX = ".cypher"
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_PARAMS = re.compile(r"^//\s*params:\s*(\{.*\})\s*$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One shipped query: its name (the file's stem), what it answers, its Cypher and its
    parameters."""

    name: str
    description: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, name: str, text: str) -> NamedQuery:
        """Leading ``//`` lines are the description, but for ``// params: {json}``; the
        rest is the query."""
        lines = text.splitlines()
        head = list(itertools.takewhile(lambda s: s.startswith("//"), map(str.strip, lines)))
        description: list[str] = []
        params: dict[str, Any] = {}
        for line in head:
            if match := _PARAMS.match(line):
                params = json.loads(match.group(1))
            else:
                description.append(line.lstrip("/").strip())
        cypher = "\n".join(lines[len(head) :]).strip()
        return cls(name, " ".join(d for d in description if d), cypher, params)

    def missing(self, given: dict[str, Any]) -> list[str]:
        """The parameters the query needs that ``given`` lacks."""
        return [p for p in self.params if p not in given]

    def usage(self) -> str:
        """How to run it, with the example values of its parameters."""
        args = " ".join(f"-p {k}={_shell_value(v)}" for k, v in self.params.items())
        return f"kgraph query {self.name}" + (f" {args}" if args else "")


def _shell_value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return f"'{text}'" if re.search(r"[^A-Za-z0-9_.-]", text) else text


def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries by name, in name order."""
    folder = resources.files("kgraph").joinpath("cypher/queries")
    found: dict[str, NamedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(QUERY_SUFFIX):
            name = entry.name[: -len(QUERY_SUFFIX)]
            found[name] = NamedQuery.parse(name, entry.read_text(encoding="utf-8"))
    return found


def looks_like_name(text: str) -> bool:
    """A bare word such as ``people`` (never Cypher, which has spaces or brackets)."""
    return _NAME.match(text) is not None


def named_query(name: str) -> NamedQuery:
    """The shipped query called ``name``; ConfigError listing the names otherwise."""
    queries = named_queries()
    if name not in queries:
        raise ConfigError(
            f"no shipped query is called {name!r}",
            f"kgraph query --list shows them: {', '.join(queries)}",
        )
    return queries[name]
