"""The HTML view builder: data embedded as inert JSON, names found however they are typed."""

from __future__ import annotations

import json
import re

import pytest

from kgraph.evidence import Evidence
from kgraph.lookup import EntityNotFoundError, find
from kgraph.view import (
    TYPE_COLOURS,
    GraphView,
    ViewEdge,
    ViewNode,
    page_data,
    render_html,
    script_json,
)

HOSTILE = "</script><script>alert('x')</script><!-- %%VIS%% & \u2028"

PUTIN = ViewNode("person:vladimir putin", "Vladimir Putin", "Person", 8, ("Putin",))
KIM = ViewNode("person:kim jong un", "Kim Jong Un", "Person", 6, ("Kim",), 1)
KYIV = ViewNode("place:kyiv", "Kyïv", "Place", 3, (), 1)
EVIL = ViewNode("organization:evil", HOSTILE, "Organization", 1, (), 1)


def _claim(
    sentence: str, title: str = "", published: str | None = None, modality: str | None = None
) -> Evidence:
    """A claim stating ``sentence`` in the article ``title`` (the rest is not shown)."""
    return Evidence(
        subject="s",
        relation="R",
        object="o",
        negated=False,
        modality=modality,
        attribution=None,
        confidence=1.0,
        sentence=sentence,
        context=(),
        start=0,
        end=len(sentence),
        extractor="test",
        article_id="a",
        title=title,
        published=published,
        url=None,
        source=None,
    )


def _view() -> GraphView:
    return GraphView(
        center=PUTIN.key,
        hops=1,
        nodes=[PUTIN, KIM, KYIV, EVIL],
        edges=[
            ViewEdge(
                PUTIN.key,
                "CONGRATULATE",
                KIM.key,
                1,
                evidence=(_claim("Putin congratulated Kim.", "UNN report", "2025-12-25"),),
            ),
            ViewEdge(PUTIN.key, "VISIT", KYIV.key, 1, negated=True, evidence=(_claim("no"),)),
            ViewEdge(PUTIN.key, "CITE", EVIL.key, 2, evidence=(_claim(HOSTILE, HOSTILE),)),
        ],
        total_nodes=4,
    )


def _embedded(page: str) -> object:
    match = re.search(
        r'<script id="kgraph-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def test_page_embeds_the_data_and_the_library() -> None:
    view = _view()
    page = render_html(view)
    assert page.startswith("<!DOCTYPE html>")
    assert "vis-network 10.1.5" in page and "vis.Network" in page
    assert _embedded(page) == json.loads(json.dumps(page_data(view)))
    data = page_data(view)
    assert [n["name"] for n in data["nodes"]] == ["Vladimir Putin", "Kim Jong Un", "Kyïv", HOSTILE]
    assert data["nodes"][0]["colour"] == TYPE_COLOURS["Person"] and data["nodes"][0]["center"]
    assert data["nodes"][2]["colour"] == TYPE_COLOURS["Place"]
    congratulate = data["edges"][0]
    assert congratulate["label"] == "CONGRATULATE"
    assert congratulate["evidence"][0]["sentence"] == "Putin congratulated Kim."
    assert congratulate["evidence"][0]["article"] == "UNN report"
    assert data["edges"][1]["label"] == "not VISIT" and data["edges"][1]["negated"]
    assert "<title>Vladimir Putin — kgraph</title>" in page


def test_page_loads_nothing_from_the_network() -> None:
    page = render_html(_view())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "default-src 'none'" in page  # the page's CSP forbids any fetch


def test_untrusted_text_cannot_end_the_script_element() -> None:
    page = render_html(_view())
    # The library and the page's own code hold no </script>; the hostile text is data.
    assert page.count("</script>") == 3
    assert "alert('x')</script>" not in page
    assert "<!-- %%VIS%%" not in page
    assert "\\u003c/script\\u003e" in page
    assert page.count("vis-network 10.1.5") == 1  # "%%VIS%%" in data is not replaced
    assert _embedded(page)["nodes"][3]["name"] == HOSTILE  # type: ignore[index]


def test_script_json_escapes_markup_and_line_separators() -> None:
    text = script_json({"a": "</script>&<!--\u2028\u2029"})
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == {"a": "</script>&<!--\u2028\u2029"}


def test_title_is_escaped_html() -> None:
    view = GraphView(center=EVIL.key, hops=1, nodes=[EVIL], total_nodes=1)
    page = render_html(view)
    assert "<title>&lt;/script&gt;&lt;script&gt;" in page


def test_labels_mark_negation_and_modality() -> None:
    plain = _claim("s")
    may = _claim("s", modality="may")
    assert ViewEdge("a", "VISIT", "b", negated=True, evidence=(plain,)).label == "not VISIT"
    hedged = ViewEdge("a", "VISIT", "b", evidence=(may, may))
    assert hedged.hedged and hedged.label == "VISIT (may)"
    partly = ViewEdge("a", "VISIT", "b", evidence=(may, plain))
    assert not partly.hedged and partly.label == "VISIT (may: 1 of 2)"
    both = ViewEdge("a", "INSTRUCT", "b", negated=True, evidence=(_claim("s", modality="likely"),))
    assert both.label == "not INSTRUCT (likely)"
    data = page_data(GraphView(center="a", hops=1, nodes=[], edges=[hedged, both]))
    assert [e["hedged"] for e in data["edges"]] == [True, True]
    assert data["edges"][1]["colour"] != data["edges"][0]["colour"]


def find_entity(candidates: list[ViewNode], query: str) -> ViewNode:
    return find(candidates, query)[0]


@pytest.mark.parametrize(
    "typed", ["Vladimir Putin", "vladimir putin", "VLADIMIR  PUTIN", "Vladímír Pútin", "putin"]
)
def test_lookup_ignores_case_accents_and_takes_aliases(typed: str) -> None:
    assert find_entity([KIM, PUTIN, KYIV], typed) == PUTIN


def test_lookup_by_key_and_accentless_name() -> None:
    assert find_entity([KIM, PUTIN, KYIV], "place:kyiv") == KYIV
    assert find_entity([KIM, PUTIN, KYIV], "kyiv") == KYIV


def test_lookup_prefers_the_most_mentioned() -> None:
    other = ViewNode("organization:putin", "Putin", "Organization", 2)
    assert find_entity([other, PUTIN], "Putin") == PUTIN  # 8 mentions under an alias
    namesake = ViewNode("organization:putin", "Putin", "Organization", 8)
    assert find_entity([PUTIN, namesake], "Putin") == namesake  # a tie: the name wins
    assert find_entity([PUTIN, namesake], "organization:putin") == namesake
    louder = ViewNode("person:kim 2", "Kim Jong Un", "Person", 60)
    assert find_entity([KIM, louder], "kim jong un") == louder


def test_not_found_suggests_close_names() -> None:
    with pytest.raises(EntityNotFoundError) as caught:
        find_entity([KIM, PUTIN, KYIV], "Vladimir Puttin")
    assert "did you mean 'Vladimir Putin'" in str(caught.value)
    assert "\n" not in str(caught.value)
    with pytest.raises(EntityNotFoundError) as caught:
        find_entity([KIM, PUTIN, KYIV], "Jong")
    assert "Kim Jong Un" in str(caught.value)
    with pytest.raises(EntityNotFoundError) as caught:
        find_entity([KIM, PUTIN], "zzzz")
    assert "did you mean" not in str(caught.value)


def test_not_found_in_an_empty_graph_says_so() -> None:
    with pytest.raises(EntityNotFoundError) as caught:
        find([], "Putin")
    assert "the graph is empty" in str(caught.value) and "kgraph ingest" in str(caught.value)
