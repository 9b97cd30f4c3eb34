"""A picture of an entity's neighbourhood as one self-contained HTML page.

:func:`load_view` reads the neighbourhood through any store's Cypher ``query()`` (the
embedded store or Neo4j); :func:`render_html` turns it into a page with the vendored
vis-network library inlined, so the page opens from a file without a server or network.
Everything taken from the graph (names, sentences, titles) is data: it reaches the page
only as JSON inside a ``<script type="application/json">`` element, with ``<``, ``>`` and
``&`` escaped, and the page's script writes it with ``textContent``.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from kgraph.evidence import ENTITIES_BY_KEY, Evidence, claims_of, entity_keys
from kgraph.graph import fact_id
from kgraph.store.base import GraphStore, query_records

VIS_NETWORK_VERSION = "10.1.5"
"""The vendored vis-network (src/kgraph/vendor/vis-network, Apache-2.0 OR MIT)."""

TYPE_COLOURS: Mapping[str, str] = {
    "Person": "#4E79A7",
    "Organization": "#F28E2B",
    "Place": "#59A14F",
    "Group": "#B07AA1",
    "Event": "#EDC948",
}
"""One fixed colour per entity type (Tableau 10), shared with the Neo4j Browser style."""

OTHER_COLOUR = "#9C9C9C"
NEGATED_COLOUR = "#C62828"
HEDGED_COLOUR = "#8D6E63"
EVIDENCE_SHOWN = 5
"""Sentences shown per fact on hover; the rest are counted."""


@dataclass(frozen=True, slots=True)
class ViewNode:
    key: str
    name: str
    type: str
    mentions: int = 0
    aliases: tuple[str, ...] = ()
    distance: int = 0


@dataclass(frozen=True, slots=True)
class ViewEdge:
    subject: str
    relation: str
    object: str
    count: int = 1
    negated: bool = False
    evidence: tuple[Evidence, ...] = ()

    @property
    def modalities(self) -> list[str]:
        """The modalities of the claims behind the fact ("may", "plan", ...), in order."""
        return sorted({e.modality for e in self.evidence if e.modality})

    @property
    def hedged(self) -> bool:
        """Every claim behind the fact is hedged (none asserts it)."""
        return bool(self.evidence) and all(e.modality for e in self.evidence)

    @property
    def label(self) -> str:
        """``RELATION``, ``not RELATION``, ``RELATION (may)``; a partly hedged fact says how
        many of its mentions are hedged."""
        text = f"not {self.relation}" if self.negated else self.relation
        modalities = self.modalities
        if modalities and self.hedged:
            text += f" ({', '.join(modalities)})"
        elif modalities:
            hedged = sum(1 for e in self.evidence if e.modality)
            text += f" ({', '.join(modalities)}: {hedged} of {len(self.evidence)})"
        return text


@dataclass(slots=True)
class GraphView:
    """An entity's neighbourhood: the nodes within ``hops`` facts and the facts between them."""

    center: str
    hops: int
    nodes: list[ViewNode] = field(default_factory=list)
    edges: list[ViewEdge] = field(default_factory=list)
    total_nodes: int = 0
    """Entities within reach before ``limit`` cut the picture down."""


# --- reading the neighbourhood ----------------------------------------------------------

_FACT_COLUMNS = (
    "RETURN s.key AS subject, type(r) AS relation, o.key AS object, r.count AS count, "
    "r.negated AS negated"
)
_FACTS = (
    # Two anchored halves rather than one OR, so Neo4j finds the ends by the key index.
    f"MATCH (s:Entity)-[r]->(o:Entity) WHERE s.key IN $keys {_FACT_COLUMNS} UNION "
    f"MATCH (s:Entity)-[r]->(o:Entity) WHERE o.key IN $keys {_FACT_COLUMNS}"
)


def _node(row: Mapping[str, Any], distance: int = 0) -> ViewNode:
    return ViewNode(
        key=str(row["key"]),
        name=str(row["name"] or row["key"]),
        type=str(row["type"] or ""),
        mentions=int(row["mentions"] or 0),
        aliases=tuple(str(a) for a in row["aliases"] or ()),
        distance=distance,
    )


def load_view(store: GraphStore, name: str, *, hops: int = 1, limit: int = 100) -> GraphView:
    """The entity named ``name`` with every entity within ``hops`` facts of it (at most
    ``limit`` entities: the nearest, then the most mentioned) and the facts between them,
    each with its evidence sentences and articles."""
    center = entity_keys(store, name)[0]
    distance = {center: 0}
    facts: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    frontier = [center]
    for hop in range(1, hops + 1):
        if not frontier:
            break
        reached: list[str] = []
        for row in query_records(store, _FACTS, {"keys": frontier}):
            key = (row["subject"], row["relation"], row["object"], bool(row["negated"]))
            facts[key] = row
            for end in (row["subject"], row["object"]):
                if end not in distance:
                    distance[end] = hop
                    reached.append(end)
        frontier = reached
    nodes = [
        _node(r, distance[r["key"]])
        for r in query_records(store, ENTITIES_BY_KEY, {"keys": list(distance)})
    ]
    nodes.sort(key=lambda n: (n.distance, -n.mentions, n.name))
    kept = nodes[: max(limit, 1)]
    keys = {n.key for n in kept}
    edges_at = {k: r for k, r in facts.items() if k[0] in keys and k[2] in keys}
    evidence = claims_of(store, sorted(fact_id(k) for k in edges_at))
    edges = [
        ViewEdge(
            subject=k[0],
            relation=k[1],
            object=k[2],
            count=int(row["count"] or 0),
            negated=k[3],
            evidence=tuple(evidence.get(fact_id(k), ())),
        )
        for k, row in sorted(edges_at.items())
    ]
    return GraphView(center=center, hops=hops, nodes=kept, edges=edges, total_nodes=len(nodes))


# --- the page ---------------------------------------------------------------------------


@cache
def page_template() -> str:
    """The page around the data (``src/kgraph/templates/view.html``)."""
    return resources.files("kgraph").joinpath("templates/view.html").read_text("utf-8")


@cache
def vis_network_js() -> str:
    """The vendored vis-network standalone build."""
    path = resources.files("kgraph").joinpath("vendor/vis-network/vis-network.min.js")
    return path.read_text("utf-8")


_SCRIPT_UNSAFE = re.compile(r"[<>&\u2028\u2029]")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and the JS
    line separators are written as ``\\uXXXX`` escapes, so no ``</script>`` or ``<!--``
    can end or change the element.

    >>> script_json({"s": "</script><b>"})
    '{"s": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def page_data(view: GraphView) -> dict[str, Any]:
    """What the page's script draws: nodes and edges with their colours and hover texts."""
    names = {n.key: n.name for n in view.nodes}
    nodes = [
        {
            **asdict(n),
            "aliases": list(n.aliases),
            "colour": TYPE_COLOURS.get(n.type, OTHER_COLOUR),
            "center": n.key == view.center,
        }
        for n in view.nodes
    ]
    pairs = Counter(frozenset((e.subject, e.object)) for e in view.edges)
    seen: Counter[frozenset[str]] = Counter()
    edges = []
    for i, e in enumerate(view.edges):
        pair = frozenset((e.subject, e.object))
        seen[pair] += 1
        parallel = seen[pair] if pairs[pair] > 1 else 0
        edges.append(
            {
                "id": f"f{i}",
                "from": e.subject,
                "to": e.object,
                "subject": names.get(e.subject, e.subject),
                "object": names.get(e.object, e.object),
                "relation": e.relation,
                "label": e.label,
                "count": e.count,
                "negated": e.negated,
                "hedged": e.hedged,
                "modalities": e.modalities,
                "parallel": parallel,
                "colour": NEGATED_COLOUR if e.negated else HEDGED_COLOUR if e.hedged else None,
                "evidence": [_shown(x) for x in e.evidence[:EVIDENCE_SHOWN]],
                "more_evidence": max(0, len(e.evidence) - EVIDENCE_SHOWN),
            }
        )
    return {
        "center": view.center,
        "hops": view.hops,
        "nodes": nodes,
        "edges": edges,
        "total_nodes": view.total_nodes,
        "colours": dict(TYPE_COLOURS),
        "negated_colour": NEGATED_COLOUR,
        "hedged_colour": HEDGED_COLOUR,
    }


def _shown(claim: Evidence) -> dict[str, Any]:
    """What a fact's hover shows of one claim."""
    return {
        "sentence": claim.sentence,
        "article": claim.title,
        "published": claim.published,
        "url": claim.url,
        "attribution": claim.attribution,
        "modality": claim.modality,
    }


def render_html(view: GraphView, *, title: str | None = None) -> str:
    """One self-contained HTML page drawing ``view`` (no external resource is loaded)."""
    center = next((n for n in view.nodes if n.key == view.center), None)
    heading = title or f"{center.name if center else view.center} — kgraph"
    shown = len(view.nodes)
    summary = (
        f"{shown} entities within {view.hops} hop{'s' if view.hops != 1 else ''}, "
        f"{len(view.edges)} facts"
    )
    if view.total_nodes > shown:
        summary += f" (the {shown} nearest and most mentioned of {view.total_nodes})"
    legend = "".join(
        f'<span class="key"><span class="dot" style="background:{colour}"></span>'
        f"{html.escape(kind)}</span>"
        for kind, colour in TYPE_COLOURS.items()
    )
    values = {
        "TITLE": html.escape(heading),
        "SUMMARY": html.escape(summary),
        "LEGEND": legend,
        "NEGATED": NEGATED_COLOUR,
        "HEDGED": HEDGED_COLOUR,
        "VERSION": VIS_NETWORK_VERSION,
        "VIS": vis_network_js(),
        "DATA": script_json(page_data(view)),
    }
    # One pass: a placeholder-like text inside a value (a name, the library) stays text.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], page_template())


_PLACEHOLDER = re.compile(r"%%([A-Z]+)%%")
