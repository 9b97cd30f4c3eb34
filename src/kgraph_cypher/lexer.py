"""Tokenizer: turns Cypher text into tokens so the parser never deals with characters.

Keywords are not a token kind of their own: Cypher keywords are case-insensitive and many
of them are also valid property names (``n.count``, ``r.end``), so the parser decides from
context whether an unquoted identifier is meant as a keyword.  Arrows (``->``, ``<-``) are
not single tokens either, because ``a<-1`` is a comparison with a negative number.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from kgraph_cypher.errors import CypherSyntaxError

_QUOTED = r"`(?:[^`]|``)*`"
_TOKEN = re.compile(
    rf"""(?P<blank>\s+|//[^\n]*|/\*.*?\*/)
    |(?P<number>(?P<digits>0[xXoO][^\W_]*|(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\w*)
    |(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    |(?P<name>[^\W\d]\w*)
    |(?P<quoted>{_QUOTED})
    |(?P<param>\$(?:{_QUOTED}|\w+))
    |(?P<symbol>\.\.|<>|!=|<=|>=|=~|\+=|\|\||::|[()\[\]{{}},.:|+\-*/%^=<>;&!])""",
    re.VERBOSE | re.DOTALL,
)
"""One token (or blank) at a position.  A number takes the letters that follow it (to
refuse them); two-character symbols come first, so that "<>" wins over "<"."""
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_ESCAPES = {
    "\\": "\\",
    "'": "'",
    '"': '"',
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
}
_UNTERMINATED = {
    "'": "Unterminated string '",
    '"': 'Unterminated string "',
    "`": "Unterminated quoted name '`'",
    "/": "Unterminated comment '/*'",
    "$": "Invalid input '$': expected a parameter name",
}


class TokenKind(enum.Enum):
    """What a token is; keywords are plain identifiers (see the module docstring)."""

    IDENT = "identifier"
    QUOTED = "quoted identifier"
    INT = "integer"
    FLOAT = "float"
    STRING = "string"
    PARAM = "parameter"
    SYMBOL = "symbol"
    EOF = "end of input"


@dataclass(frozen=True, slots=True)
class Token:
    """One token; ``value`` is the decoded literal or name, ``start``/``end`` are offsets."""

    kind: TokenKind
    value: str | int | float
    start: int
    end: int

    def is_symbol(self, symbol: str) -> bool:
        return self.kind is TokenKind.SYMBOL and self.value == symbol

    def is_keyword(self, word: str) -> bool:
        """True for an unquoted identifier spelling ``word`` in any letter case."""
        return (
            self.kind is TokenKind.IDENT
            and isinstance(self.value, str)
            and self.value.upper() == word
        )


def describe_position(text: str, offset: int) -> str:
    """``line L, column C`` (both 1-based) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def syntax_error(text: str, offset: int, problem: str) -> CypherSyntaxError:
    """A one-line syntax error naming the position of the problem."""
    return CypherSyntaxError(f"{problem} ({describe_position(text, offset)})")


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``, ending with an EOF token; comments and whitespace dropped."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if (
            match is None
            or (match.lastgroup == "symbol" and text.startswith("/*", pos))
            or (match.lastgroup == "name" and not (text[pos].isalpha() or text[pos] == "_"))
        ):
            problem = _UNTERMINATED.get(text[pos], f"Invalid input '{text[pos]}'")
            raise syntax_error(text, pos, problem)
        kind, start, pos, raw = match.lastgroup, match.start(), match.end(), match.group()
        if kind == "number" and raw[0] == "." and _after_name(tokens, start):
            kind, raw, pos = "symbol", ".", start + 1  # after a name, .5 is no float
        if kind == "number":
            tokens.append(_number(text, start, raw, match.group("digits")))
        elif kind == "string":
            tokens.append(Token(TokenKind.STRING, _unescape(text, start, raw), start, pos))
        elif kind == "name":
            tokens.append(Token(TokenKind.IDENT, raw, start, pos))
        elif kind == "quoted":
            tokens.append(Token(TokenKind.QUOTED, _unquote(text, start, raw), start, pos))
        elif kind == "param":
            name = _unquote(text, start + 1, raw[1:]) if raw[1] == "`" else raw[1:]
            tokens.append(Token(TokenKind.PARAM, name, start, pos))
        elif kind == "symbol":
            tokens.append(Token(TokenKind.SYMBOL, raw, start, pos))
    tokens.append(Token(TokenKind.EOF, "", pos, pos))
    return tokens


def _after_name(tokens: list[Token], offset: int) -> bool:
    """Whether the token just before ``offset`` can be followed by ``.name``."""
    if not tokens or tokens[-1].end != offset:
        return False
    last = tokens[-1]
    return last.kind in (TokenKind.IDENT, TokenKind.QUOTED) or last.is_symbol(")")


def _number(text: str, start: int, raw: str, digits: str) -> Token:
    """The number ``raw`` at ``start``: only ``digits``, with nothing after them."""
    end = start + len(raw)
    try:
        if raw != digits:
            raise ValueError(raw)
        if raw[:2].lower() in ("0x", "0o"):
            return Token(TokenKind.INT, int(raw[2:], 16 if raw[1] in "xX" else 8), start, end)
        if any(c in raw for c in ".eE"):
            return Token(TokenKind.FLOAT, float(raw), start, end)
        return Token(TokenKind.INT, int(raw), start, end)
    except ValueError:
        raise syntax_error(text, start, f"Invalid number '{raw}'") from None


def _unquote(text: str, start: int, raw: str) -> str:
    """A backtick-quoted name; a doubled backtick stands for one backtick."""
    name = raw[1:-1].replace("``", "`")
    if not name:
        raise syntax_error(text, start, "Empty quoted name '``'")
    return name


def _unescape(text: str, start: int, raw: str) -> str:
    """The value of the string literal ``raw`` at ``start``; an unknown escape is the
    backslash itself, as in Neo4j."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in _ESCAPES:
            return _ESCAPES[code]
        if code[0] not in "uU":
            return "\\" + code
        if len(code) > 1 and int(code[1:], 16) <= 0x10FFFF:
            return chr(int(code[1:], 16))
        raise syntax_error(
            text,
            start + 1 + match.start(),
            f"Invalid escape sequence '\\{code[0]}': expected {4 if code[0] == 'u' else 8} "
            "hexadecimal digits specifying a unicode character",
        )

    return _ESCAPE.sub(replace, raw[1:-1])
