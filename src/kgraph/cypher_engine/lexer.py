"""Tokenizer: turns Cypher text into tokens so the parser never deals with characters.

Keywords are not a token kind of their own: Cypher keywords are case-insensitive and many
of them are also valid property names (``n.count``, ``r.end``), so the parser decides from
context whether an unquoted identifier is meant as a keyword.  Arrows (``->``, ``<-``) are
not single tokens either, because ``a<-1`` is a comparison with a negative number.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kgraph.cypher_engine.errors import CypherSyntaxError

MAX_INT = 2**63 - 1

# Longest first, so that "<>" wins over "<" and ".." over ".".
_SYMBOLS = (
    "..",
    "<>",
    "!=",
    "<=",
    ">=",
    "=~",
    "+=",
    "||",
    "::",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    ":",
    "|",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "=",
    "<",
    ">",
    ";",
    "&",
    "!",
)

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


def _is_digit(ch: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts characters like "²"."""
    return len(ch) == 1 and "0" <= ch <= "9"


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
    return _Lexer(text).run()


class _Lexer:
    """A single left-to-right scan; each ``_read_*`` method consumes one token."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        while True:
            self._skip_blanks()
            if self.pos >= len(self.text):
                self.tokens.append(Token(TokenKind.EOF, "", self.pos, self.pos))
                return self.tokens
            self.tokens.append(self._read_token())

    def _read_token(self) -> Token:
        ch = self.text[self.pos]
        nxt = self.text[self.pos + 1 : self.pos + 2]
        if _is_digit(ch) or (ch == "." and _is_digit(nxt) and not self._after_name()):
            return self._read_number()
        if ch in "'\"":
            return self._read_string()
        if ch.isalpha() or ch == "_":
            start = self.pos
            return Token(TokenKind.IDENT, self._read_name(), start, self.pos)
        if ch == "`":
            start = self.pos
            return Token(TokenKind.QUOTED, self._read_quoted(), start, self.pos)
        if ch == "$":
            return self._read_param()
        return self._read_symbol()

    def _after_name(self) -> bool:
        """Whether the previous token can be followed by ``.name`` (so ``.5`` is not a float)."""
        if not self.tokens or self.tokens[-1].end != self.pos:
            return False
        last = self.tokens[-1]
        return last.kind in (TokenKind.IDENT, TokenKind.QUOTED) or last.is_symbol(")")

    def _skip_blanks(self) -> None:
        text = self.text
        while self.pos < len(text):
            if text[self.pos].isspace():
                self.pos += 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end + 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise syntax_error(text, self.pos, "Unterminated comment '/*'")
                self.pos = end + 2
            else:
                return

    def _read_name(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] == "_"
        ):
            self.pos += 1
        return self.text[start : self.pos]

    def _read_quoted(self) -> str:
        """A backtick-quoted name; a doubled backtick stands for one backtick."""
        start = self.pos
        self.pos += 1
        parts: list[str] = []
        while True:
            end = self.text.find("`", self.pos)
            if end < 0:
                raise syntax_error(self.text, start, "Unterminated quoted name '`'")
            parts.append(self.text[self.pos : end])
            self.pos = end + 1
            if not self.text.startswith("`", self.pos):
                break
            parts.append("`")
            self.pos += 1
        name = "".join(parts)
        if not name:
            raise syntax_error(self.text, start, "Empty quoted name '``'")
        return name

    def _read_param(self) -> Token:
        start = self.pos
        self.pos += 1
        ch = self.text[self.pos : self.pos + 1]
        if ch == "`":
            name = self._read_quoted()
        elif ch and (ch.isalnum() or ch == "_"):
            name = self._read_name()
        else:
            raise syntax_error(self.text, start, "Invalid input '$': expected a parameter name")
        return Token(TokenKind.PARAM, name, start, self.pos)

    def _read_symbol(self) -> Token:
        for symbol in _SYMBOLS:
            if self.text.startswith(symbol, self.pos):
                start = self.pos
                self.pos += len(symbol)
                return Token(TokenKind.SYMBOL, symbol, start, self.pos)
        raise syntax_error(self.text, self.pos, f"Invalid input '{self.text[self.pos]}'")

    def _read_number(self) -> Token:
        start = self.pos
        text = self.text
        if text[start] == "0" and text[start + 1 : start + 2] in ("x", "X", "o", "O"):
            return self._read_radix_int(start)
        self._skip_digits()
        is_float = False
        if text.startswith(".", self.pos) and _is_digit(text[self.pos + 1 : self.pos + 2]):
            is_float = True
            self.pos += 1
            self._skip_digits()
        if text[self.pos : self.pos + 1] in ("e", "E"):
            exp_end = self.pos + 1
            if text[exp_end : exp_end + 1] in ("+", "-"):
                exp_end += 1
            if _is_digit(text[exp_end : exp_end + 1]):
                is_float = True
                self.pos = exp_end
                self._skip_digits()
        self._reject_trailing_letters(start)
        raw = text[start : self.pos]
        if is_float:
            return Token(TokenKind.FLOAT, float(raw), start, self.pos)
        return Token(TokenKind.INT, int(raw), start, self.pos)

    def _read_radix_int(self, start: int) -> Token:
        base = 16 if self.text[start + 1] in "xX" else 8
        self.pos = start + 2
        digits_start = self.pos
        while self.pos < len(self.text) and self.text[self.pos].isalnum():
            self.pos += 1
        try:
            value = int(self.text[digits_start : self.pos], base)
        except ValueError:
            raise syntax_error(
                self.text, start, f"Invalid number '{self.text[start : self.pos]}'"
            ) from None
        return Token(TokenKind.INT, value, start, self.pos)

    def _skip_digits(self) -> None:
        while self.pos < len(self.text) and _is_digit(self.text[self.pos]):
            self.pos += 1

    def _reject_trailing_letters(self, start: int) -> None:
        ch = self.text[self.pos : self.pos + 1]
        if ch and (ch.isalpha() or ch == "_"):
            end = self.pos
            while end < len(self.text) and (self.text[end].isalnum() or self.text[end] == "_"):
                end += 1
            raise syntax_error(self.text, start, f"Invalid number '{self.text[start:end]}'")

    def _read_string(self) -> Token:
        start = self.pos
        quote = self.text[start]
        self.pos += 1
        chars: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise syntax_error(self.text, start, f"Unterminated string {quote}")
            ch = self.text[self.pos]
            if ch == quote:
                self.pos += 1
                return Token(TokenKind.STRING, "".join(chars), start, self.pos)
            if ch == "\\":
                chars.append(self._read_escape())
            else:
                chars.append(ch)
                self.pos += 1

    def _read_escape(self) -> str:
        start = self.pos
        code = self.text[self.pos + 1 : self.pos + 2]
        if code in _ESCAPES:
            self.pos += 2
            return _ESCAPES[code]
        width = {"u": 4, "U": 8}.get(code, 0)
        digits = self.text[self.pos + 2 : self.pos + 2 + width]
        if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
            self.pos += 2 + width
            value = int(digits, 16)
            if value <= 0x10FFFF:
                return chr(value)
        if width:
            raise syntax_error(
                self.text,
                start,
                f"Invalid escape sequence '{self.text[start : start + 2]}': expected {width} "
                "hexadecimal digits specifying a unicode character",
            )
        self.pos += 1
        return "\\"  # an unknown escape is the backslash itself, as in Neo4j
