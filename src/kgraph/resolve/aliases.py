"""Alias rules: the user's alias file over kgraph's shipped table.

The user's alias file: ``alias<TAB>canonical name[<TAB>type]``, one rule per line.

It overrides every automatic decision: it can merge what kgraph keeps apart ("Smith" ->
"John Smith" although two Smiths exist) and separate what kgraph would merge (by sending a
name to a different canonical entity or type).  Lines starting with ``#`` and blank lines
are ignored.  Example::

    # alias           canonical               type (optional)
    the Kremlin       Russian Government       Organization
    Jordan            Jordan                   Place
    Kim               Kim Jong Un              Person
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kgraph.errors import ConfigError
from kgraph.models import ENTITY_TYPES, EntityType
from kgraph.resolve.names import clean, name_key

_TYPES = {t.lower(): t for t in ENTITY_TYPES}


@dataclass(frozen=True, slots=True)
class AliasRule:
    """``alias`` (as written) stands for ``canonical``; ``type`` overrides the entity type
    and, when given, the rule applies to mentions of any type."""

    alias: str
    canonical: str
    type: EntityType | None = None


class AliasTable:
    """Alias rules looked up by normalised name."""

    def __init__(self, rules: list[AliasRule] | None = None) -> None:
        self.rules = list(rules or [])
        self._by_name: dict[str, list[AliasRule]] = {}
        for rule in self.rules:
            self._by_name.setdefault(name_key(rule.alias), []).append(rule)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def lookup(self, name: str, entity_type: EntityType) -> tuple[str, EntityType] | None:
        """(canonical name, type) for a mention ``name`` of type ``entity_type``, if a rule
        applies: a typed rule always, an untyped one only to mentions of the same type as
        its canonical entity (which is the mention's own type).  An all-capital alias
        ("IS", "WHO") applies only to the name written so, never to "is" or "Who"."""
        for rule in self._by_name.get(name_key(name), ()):
            if rule.alias.isupper() and name.strip() != rule.alias:
                continue
            return rule.canonical, rule.type or entity_type
        return None

    def then(self, fallback: AliasTable) -> AliasTable:
        """These rules, then ``fallback``'s for names these rules do not mention."""
        mine = set(self._by_name)
        return AliasTable(self.rules + [r for r in fallback.rules if name_key(r.alias) not in mine])


def _parse_line(line: str, origin: str) -> AliasRule | None:
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    fields = [clean(f) for f in line.split("\t")]
    if len(fields) < 2 or not fields[0] or not fields[1]:
        raise ConfigError(f"{origin}: expected alias<TAB>canonical name[<TAB>type]")
    etype: EntityType | None = None
    if len(fields) > 2 and fields[2]:
        if fields[2].lower() not in _TYPES:
            raise ConfigError(
                f"{origin}: unknown type {fields[2]!r}", f"use one of {', '.join(ENTITY_TYPES)}"
            )
        etype = _TYPES[fields[2].lower()]
    return AliasRule(fields[0], fields[1], etype)


def _parse(text: str, origin: str) -> AliasTable:
    rules = [_parse_line(line, f"{origin}:{n}") for n, line in enumerate(text.splitlines(), 1)]
    return AliasTable([r for r in rules if r is not None])


@lru_cache(maxsize=1)
def builtin_aliases() -> AliasTable:
    """kgraph's small reviewed table of well-known organisations and groups ("ISIS",
    "ISIL", "Daesh" -> "Islamic State"), shipped as package data; a user's alias file
    overrides it name by name (see :meth:`AliasTable.then`)."""
    text = resources.files("kgraph.resolve").joinpath("data/aliases.tsv").read_text("utf-8")
    return _parse(text, "aliases.tsv")


def load_aliases(path: Path | None) -> AliasTable:
    """Read an alias file; a missing default file is simply no rules."""
    if path is None:
        return AliasTable()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: alias file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the alias file ({exc})") from None
    return _parse(text, str(path))
