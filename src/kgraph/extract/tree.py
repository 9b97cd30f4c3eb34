"""The dependency tree of a Doc with its Token objects built once.

spaCy makes a new ``Token`` on every ``doc[i]``, ``tok.children``, ``tok.rights`` ...: the
rules below walk children often enough that building tokens costs more than the rules.
Here each Doc's tokens and child lists are made once, its heads, coarse tags, labels,
character offsets and entity bounds come vectorised from ``Doc.to_array``, and all finders
share them; :func:`forget` drops everything when the Doc is done.  The tokens are
:class:`TreeToken` objects, whose most-read attributes are plain values.

The tables hold few Python containers (childless tokens share one empty list and one empty
dict of children by label): each costs its allocation, and where the collector runs
(:func:`.document.doc_extractions` pauses it) every container that lives as long as the Doc
brings the next full collection, which walks the whole heap, the model included, nearer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LENGTH, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import PERSON
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kgraph.extract.lexicon import CLOSE_QUOTES, OPEN_QUOTES
from kgraph.extract.treetoken import Labels, TreeToken
from kgraph.nlp import TEXT

NO_TOKENS: list[Token] = []
"""The children of a childless token (shared: never changed)."""


NO_LABELS: Labels = {}
"""The children by label of a childless token (shared: never changed)."""

IOB_INSIDE = 1
"""``ENT_IOB`` code of a token inside (not beginning) an entity (2 = outside, 3 = begin)."""
QUOTE_IDS = np.array(sorted(get_string_id(q) for q in OPEN_QUOTES | CLOSE_QUOTES), np.uint64)
"""``ORTH`` (and ``LOWER``) ids of the quotation marks (string ids are hashes, the same in
every vocab)."""


Question = tuple[frozenset[int], frozenset[int], frozenset[int]]
"""POS ids, label ids and lower-case ids (see :meth:`Tree.positions`)."""


@dataclass(slots=True)
class Tree:
    """Per-Doc tables, indexed by token index: whatever the rules ask of many tokens."""

    doc: Doc
    tokens: list[Token]
    heads: list[int]
    """The index of each token's head (a root is its own head)."""
    lefts: list[list[Token]]
    """The children before each token, in sentence order."""
    rights: list[list[Token]]
    """The children after each token, in sentence order."""
    starts: list[int]
    """``tok.idx``: the first character of each token."""
    ends: list[int]
    """``tok.idx + len(tok.text)``: the character after each token."""
    entity_starts: list[int]
    """First token of the named entity containing each token (the token outside one)."""
    entity_ends: list[int]
    """End of the named entity containing each token (the next token outside one)."""
    quotes: list[int]
    """Indices of the quotation-mark tokens."""
    people: list[int]
    """Indices of the first tokens of people's names."""
    tags: NDArray[np.int64]
    """``tok.pos`` (the coarse POS id) and ``tok.dep`` (the label id) as two rows."""
    lowers: NDArray[np.uint64]
    """``tok.lower``: the id of each token's lower-case form."""
    phrases: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Compact noun-phrase bounds by head index (see :func:`.arguments.np_bounds`)."""
    found: dict[Question, tuple[list[int], list[Token]]] = field(default_factory=dict)
    """Results of :meth:`positions`."""

    def positions(
        self, pos: frozenset[int], deps: frozenset[int], lowers: frozenset[int] = frozenset()
    ) -> tuple[list[int], list[Token]]:
        """Indices of the tokens whose POS id is in ``pos``, label id in ``deps`` or
        lower-case id in ``lowers``, and those tokens (once per Doc and question,
        vectorised)."""
        key = (pos, deps, lowers)
        found = self.found.get(key)
        if found is None:
            tags, labels = self.tags
            wanted = np.zeros(len(tags), dtype=bool)
            for value in pos:
                wanted |= tags == value
            for value in deps:
                wanted |= labels == value
            for value in lowers:
                wanted |= self.lowers == value
            indices = np.flatnonzero(wanted).tolist()
            toks = self.tokens
            found = self.found[key] = indices, [toks[i] for i in indices]
        return found


def tree_of(doc: Doc) -> Tree:
    """The tables of ``doc``, built once (until :func:`forget`)."""
    tree = _LAST[0]
    if tree is None or tree.doc is not doc:
        tree = _LAST[0] = _built(doc)
    return tree


_LAST: list[Tree | None] = [None]
"""The tables asked for last: the rules ask for one Doc's hundreds of thousands of times, and
comparing it with the last costs less than a cache lookup (``benchmarks/extract_speed.py``)."""


@lru_cache(maxsize=8)
def _built(doc: Doc) -> Tree:
    # Quotation marks have no case: their lower-case ids are their own (ORTH is not asked).
    table = doc.to_array([POS, DEP, HEAD, ENT_IOB, IDX, LENGTH, LOWER, ENT_TYPE])
    signed = table.astype(np.int64).T
    offsets, iob, starts, lengths = signed[2:6]
    index = np.arange(len(doc))
    heads = (offsets + index).tolist()
    lowers = np.asarray(table[:, 6], dtype=np.uint64)
    made = _tokens(doc, signed[0].tolist(), table[:, 1].tolist(), lowers.tolist(), heads)
    tokens: list[Token] = list(made)
    entity_starts, entity_ends = _entity_tables(iob)
    people = np.flatnonzero((table[:, 7] == PERSON) & (entity_starts == index))
    before, after = _children(made, heads)
    tree = Tree(
        doc,
        tokens,
        heads,
        before,
        after,
        starts.tolist(),
        (starts + lengths).tolist(),
        entity_starts.tolist(),
        entity_ends.tolist(),
        _quotes(lowers),
        people.tolist(),
        signed[:2],
        lowers,
    )
    _TREES.append(tree)
    return tree


_TREES: list[Tree] = []
"""The tables built since :func:`forget`."""


def _tokens(
    doc: Doc, pos: list[int], deps: list[int], lowers: list[int], heads: list[int]
) -> list[TreeToken]:
    """The tokens of ``doc`` with their indices, POS ids, labels, lower-case ids, heads and
    children set."""
    vocab: Vocab = doc.vocab
    strings = vocab.strings
    for dep in set(deps).difference(_LABELS):
        _LABELS[dep] = strings[dep]
    made = [TreeToken(vocab, doc, i) for i in range(len(pos))]
    rows = zip(range(len(made)), made, pos, lowers, deps, heads, strict=True)
    for i, tok, tag, lower, dep, head in rows:
        tok.i = i
        tok.doc = doc
        tok.pos = tag
        tok.lower = lower
        tok.groups = NO_LABELS
        tok.kids = NO_TOKENS
        tok.dep = dep
        tok.dep_ = _LABELS[dep]
        tok.head = made[head] if head != i else Token(vocab, doc, i)
    return made


_LABELS: dict[int, str] = {}
"""Dependency labels by id (the string store decodes them anew on every lookup)."""


def _children(
    tokens: list[TreeToken], heads: list[int]
) -> tuple[list[list[Token]], list[list[Token]]]:
    """The children of every token before it and after it, each in sentence order, from the
    head indices (childless sides share one empty list); sets each token's ``kids`` and
    ``groups``."""
    before: list[list[Token]] = [NO_TOKENS] * len(tokens)
    after: list[list[Token]] = [NO_TOKENS] * len(tokens)
    for i, head in enumerate(heads):
        if head == i:
            continue  # a root
        tok, parent = tokens[i], tokens[head]
        side = before if head > i else after  # a head after the token: a left child
        if side[head] is NO_TOKENS:
            side[head] = [tok]
        else:
            side[head].append(tok)
        if parent.kids is NO_TOKENS:
            parent.kids = [tok]
            parent.groups = {tok.dep_: [tok]}
            continue
        parent.kids.append(tok)
        group = parent.groups.get(tok.dep_)
        if group is None:
            parent.groups[tok.dep_] = [tok]
        else:
            group.append(tok)
    return before, after


def _entity_tables(iob: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Entity start and end of every token, from the ``ENT_IOB`` codes: a token inside an
    entity starts where the token before it starts, and ends where the token after it ends.
    """
    index = np.arange(len(iob))
    opens = (iob != IOB_INSIDE) | (index == 0)
    starts = np.maximum.accumulate(np.where(opens, index, 0)) if len(iob) else index
    closes = np.append(np.where(iob[1:] != IOB_INSIDE, index[1:], len(iob)), len(iob))
    ends = np.minimum.accumulate(closes[::-1])[::-1]
    return starts, ends


def _quotes(lowers: NDArray[np.uint64]) -> list[int]:
    """Indices of the tokens whose ``LOWER`` id is a quotation mark's."""
    found = np.minimum(np.searchsorted(QUOTE_IDS, lowers), len(QUOTE_IDS) - 1)
    return np.flatnonzero(QUOTE_IDS[found] == lowers).tolist()


def labels(tok: Token) -> Labels:
    """The children of ``tok`` grouped by dependency label, each group in sentence order.

    >>> # labels(verb).get("dobj") -> [the direct object]; "neg" in labels(verb) -> negated
    """
    try:
        return tok.groups  # type: ignore[attr-defined,no-any-return]
    except AttributeError:  # a plain spaCy Token (a root's head, ``doc[i]``): ask the tree's
        return tree_of(tok.doc).tokens[tok.i].groups  # type: ignore[attr-defined,no-any-return]


def tokens_of(doc: Doc) -> list[Token]:
    """All tokens of ``doc``, the same objects on every call."""
    return tree_of(doc).tokens


def doc_text(doc: Doc) -> str:
    """``doc.text``: the text the tokenizer kept (:class:`kgraph.nlp.TextKeeper`), or
    joined from the tokens already built (``Doc.text`` builds new ones)."""
    toks = tokens_of(doc)
    text = doc.user_data.get(TEXT)
    if isinstance(text, str) and toks and len(text) == toks[-1].idx + len(toks[-1].text_with_ws):
        return text
    return "".join([tok.text_with_ws for tok in toks])


def kids(tok: Token) -> list[Token]:
    """The children of ``tok`` in sentence order (like ``tok.children``)."""
    try:
        return tok.kids  # type: ignore[attr-defined,no-any-return]
    except AttributeError:  # a plain spaCy Token (a root's head, ``doc[i]``): ask the tree's
        return tree_of(tok.doc).tokens[tok.i].kids  # type: ignore[attr-defined,no-any-return]


def lefts(tok: Token) -> list[Token]:
    """The children of ``tok`` before it, in sentence order (like ``tok.lefts``)."""
    return tree_of(tok.doc).lefts[tok.i]


def rights(tok: Token) -> list[Token]:
    """The children of ``tok`` after it, in sentence order (like ``tok.rights``)."""
    return tree_of(tok.doc).rights[tok.i]


def ancestors(tok: Token) -> list[Token]:
    """``tok``'s head, its head's head ... up to the root (like ``tok.ancestors``)."""
    tree = tree_of(tok.doc)
    heads, i = tree.heads, tok.i
    found: list[Token] = []
    while heads[i] != i and len(found) < len(heads):
        i = heads[i]
        found.append(tree.tokens[i])
    return found


def entity_bounds(tok: Token) -> tuple[int, int]:
    """Bounds of the named entity containing ``tok`` (``(i, i + 1)`` outside entities)."""
    tree = tree_of(tok.doc)
    return tree.entity_starts[tok.i], tree.entity_ends[tok.i]


def forget() -> None:
    """Drop the cached tables (call it when a Doc is done, so that no Doc outlives its
    extraction)."""
    for tree in _TREES:  # break the cycles: a parent holds its children, which hold it
        for tok in tree.tokens:
            if tok.kids is not NO_TOKENS:  # type: ignore[attr-defined]
                tok.kids = tok.groups = None  # type: ignore[attr-defined]
    _TREES.clear()
    _LAST[0] = None
    _built.cache_clear()


def one_of_listed(toks: list[Token], head: int, first: int, last: int) -> tuple[int, int]:
    """The bounds of the name ``head`` is in when a recognised name ``[first, last)`` is two
    names, each with its own capitalised determiner ("The Times and The Sun")."""
    for i in range(first + 1, last - 1):
        if toks[i].dep_ == "cc" and toks[i + 1].dep_ == "det" and toks[i + 1].is_title:
            if head < i:
                return first, i
            first = i + 1
    return first, last
