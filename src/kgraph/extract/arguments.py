"""Argument spans: a compact noun phrase for subjects and objects, whole phrases for context.

A subject or object keeps its head with the modifiers that identify it (determiners,
adjectives, compounds, possessors, numbers, "of" phrases): "the construction of a nuclear
submarine", not "... , where the DPRK leader stated ...".  Other prepositional phrases,
relative clauses, appositions and conjuncts are left out; the clause finders turn them into
further arguments or relations of their own.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from kgraph.extract.deps import POSSESSIVE, PUNCT_EDGES
from kgraph.extract.lexicon import CLOSE_QUOTES, OPEN_QUOTES, ids
from kgraph.extract.tree import Tree, kids, labels, one_of_listed, rights, tokens_of, tree_of

NP_LEFT_STOP = frozenset({"cc", "preconj", "punct", "appos", "advcl", "mark"})
NP_RIGHT_KEEP = frozenset({"amod", "compound", "nummod", "quantmod", "nmod", "poss", "det"})
"""Right dependents kept in a compact noun phrase; a head's own possessive "'s" is not."""
PHRASE_RIGHT_STOP = frozenset({"relcl", "appos", "advcl", "parataxis", "acl", "dep"})
KEEP_PREPS = frozenset({"of"})
KEEP_PREP_IDS = ids(KEEP_PREPS)
PREMODIFIERS = frozenset({"amod", "compound", "nummod", "det", "poss", "nmod"})


def np_bounds(head: Token) -> tuple[int, int]:
    """Token bounds ``[start, end)`` of the compact noun phrase headed by ``head``.

    Computed once per token and Doc (an argument, its mention and its conjuncts ask again).

    >>> # "the deployment of DPRK troops to the war" -> "the deployment of DPRK troops"
    """
    cache = tree_of(head.doc).phrases
    found = cache.get(head.i)
    if found is None:
        found = cache[head.i] = _np_bounds(head)
    return found


def _np_bounds(head: Token) -> tuple[int, int]:
    tree = tree_of(head.doc)
    i = head.i
    left, right = tree.lefts[i], tree.rights[i]
    farthest = None  # the farthest left child kept: the phrase starts at its left edge
    for k in range(len(left) - 1, -1, -1):
        child = left[k]
        if child.dep_ in NP_LEFT_STOP and not _inner_punct(child, left[k - 1] if k else None):
            break
        farthest = child
    start = i if farthest is None else farthest.left_edge.i
    end = i + 1
    for child in right:
        if not _keeps_right(child, head):
            break
        end = _prep_end(child) if child.dep_ == "prep" else np_bounds(child)[1]
    if head.ent_type:  # never cut a named entity in two (unless it is two names)
        first, last = one_of_listed(tree.tokens, i, tree.entity_starts[i], tree.entity_ends[i])
        start, end = min(start, first), max(end, last)
    while end - 1 > i and tree.tokens[end - 1].tag == POSSESSIVE:
        end -= 1  # a possessor names the owner: "Kim Jong Un's" -> "Kim Jong Un"
    return trim(head.doc, start, end)


def _keeps_right(child: Token, head: Token) -> bool:
    if child.dep_ in NP_RIGHT_KEEP:
        return True
    if child.dep_ == "prep" and child.lower in KEEP_PREP_IDS and head.pos != VERB:
        return "pobj" in labels(child)
    return False


def _prep_end(prep: Token) -> int:
    """End of a kept "of" phrase: its object's compact phrase."""
    for child in kids(prep):
        if child.dep_ in ("pobj", "pcomp"):
            return np_bounds(child)[1] if child.dep_ == "pobj" else child.right_edge.i + 1
    return prep.i + 1


def _inner_punct(tok: Token, before: Token | None) -> bool:
    """Punctuation inside a noun phrase: hyphens and quotes ("fume - filled",
    `` Five Lucky Stars ''), and commas between premodifiers ("a Swiss, liberal think
    tank")."""
    if tok.dep_ != "punct":
        return False
    if tok.text in ("-", "``", "''", '"'):
        return True
    return tok.text == "," and before is not None and before.dep_ in PREMODIFIERS


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Bounds of the whole phrase under ``head`` up to a relative clause or apposition.

    Used for context arguments, where the full prepositional object is wanted:
    "for the participation of North Korean troops in the war against Ukraine".
    """
    start = head.left_edge.i
    end = head.right_edge.i + 1
    for child in rights(head):
        if child.dep_ in PHRASE_RIGHT_STOP or (child.dep_ == "punct" and child.text == ","):
            end = child.left_edge.i
            break
    return trim(head.doc, start, max(end, head.i + 1))


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation, keeping a quotation that is closed inside the span, and
    close a quotation left open by the parse (`` art of doctoring '')."""
    tree = tree_of(doc)
    toks = tree.tokens
    first, last = toks[start], toks[end - 1]
    if first.is_punct or last.is_punct or first.is_space or last.is_space:
        start, end = _trim_edges(doc, start, end)
    if _open_quotes(tree, start, end) > 0:
        if _closes_next(doc, end):
            return start, end + 1
        if toks[start].text in OPEN_QUOTES:
            return _trim_edges(doc, start + 1, end)
    return start, end


def _open_quotes(tree: Tree, start: int, end: int) -> int:
    """Opening minus closing quotes in the span (a straight quote alternates)."""
    positions = tree.quotes
    first, last = bisect_left(positions, start), bisect_left(positions, end)
    if first == last:
        return 0  # the common case: no quotation mark in the span
    toks = tree.tokens
    balance = 0
    for i in positions[first:last]:
        text = toks[i].text
        if text == '"':
            balance = balance - 1 if balance > 0 else balance + 1
        elif text in OPEN_QUOTES and text != "'":
            balance += 1
        elif text in CLOSE_QUOTES and text != "'":
            balance -= 1
    return balance


def _trim_edges(doc: Doc, start: int, end: int) -> tuple[int, int]:
    toks = tokens_of(doc)
    while end - start > 1 and _edge_punct(toks[end - 1].text):
        if toks[end - 1].text in CLOSE_QUOTES and _any_text(doc, start, end - 1, OPEN_QUOTES):
            break
        end -= 1
    while end - start > 1 and _edge_punct(toks[start].text):
        if toks[start].text in OPEN_QUOTES and _any_text(doc, start + 1, end, CLOSE_QUOTES):
            break
        start += 1
    return start, end


def _edge_punct(text: str) -> bool:
    return text in PUNCT_EDGES or text in OPEN_QUOTES or text in CLOSE_QUOTES or text.isspace()


def _any_text(doc: Doc, start: int, end: int, texts: frozenset[str]) -> bool:
    toks = tokens_of(doc)
    return any(toks[i].text in texts for i in range(start, end))


def _closes_next(doc: Doc, end: int) -> bool:
    toks = tokens_of(doc)
    return end < len(doc) and toks[end].text in CLOSE_QUOTES and not toks[end].is_sent_start
