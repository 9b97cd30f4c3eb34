"""Token cursor: look-ahead, keyword matching and error reporting shared by the parsers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from kgraph_cypher.errors import CypherSyntaxError
from kgraph_cypher.lexer import Token, TokenKind, syntax_error
from kgraph_cypher.values import INT_MAX

T = TypeVar("T")


class TokenCursor:
    """A position in a token list, with helpers that raise positioned syntax errors."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.pos = 0

    def peek(self, ahead: int = 0) -> Token:
        index = min(self.pos + ahead, len(self.tokens) - 1)
        return self.tokens[index]

    def advance(self) -> Token:
        token = self.peek()
        if token.kind is not TokenKind.EOF:
            self.pos += 1
        return token

    @property
    def last_end(self) -> int:
        """End offset of the most recently consumed token."""
        return self.tokens[self.pos - 1].end if self.pos else 0

    def at_symbol(self, *symbols: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind is TokenKind.SYMBOL and token.value in symbols

    def at_keyword(self, *words: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return any(token.is_keyword(word) for word in words)

    def at_name(self, ahead: int = 0) -> bool:
        return self.peek(ahead).kind in (TokenKind.IDENT, TokenKind.QUOTED)

    def accept_symbol(self, symbol: str) -> bool:
        if self.at_symbol(symbol):
            self.pos += 1
            return True
        return False

    def accept_keyword(self, *words: str) -> bool:
        """Consume the keyword sequence ``words`` if it is next (all or nothing)."""
        if all(self.at_keyword(word, ahead=i) for i, word in enumerate(words)):
            self.pos += len(words)
            return True
        return False

    def accept_operator(self, operators: tuple[str, ...]) -> str | None:
        """The first of ``operators`` (symbols, or keywords such as ``STARTS WITH``) that
        comes next, consumed; None if none does."""
        for op in operators:
            words = op.split()
            if self.accept_keyword(*words) if op[0].isalpha() else self.accept_symbol(op):
                return op
        return None

    def comma_list(self, parse: Callable[[], T], empty_before: str | None = None) -> list[T]:
        """Items read by ``parse``, separated by commas; none if the ``empty_before`` symbol
        comes first (it is not consumed)."""
        if empty_before is not None and self.at_symbol(empty_before):
            return []
        items = [parse()]
        while self.accept_symbol(","):
            items.append(parse())
        return items

    def expect_symbol(self, symbol: str) -> Token:
        if not self.at_symbol(symbol):
            raise self.error(f"'{symbol}'")
        return self.advance()

    def expect_keyword(self, *words: str) -> None:
        if not self.accept_keyword(*words):
            raise self.error(" ".join(words))

    def expect_name(self, what: str) -> str:
        """An identifier (quoted or not) used as a variable, label, key or alias."""
        if not self.at_name():
            raise self.error(what)
        return str(self.advance().value)

    def expect_int(self, what: str) -> int:
        token = self.peek()
        if token.kind is not TokenKind.INT:
            raise self.error(what)
        self.advance()
        value = int(token.value)
        if value > INT_MAX:
            raise syntax_error(self.text, token.start, f"Integer {value} is too large")
        return value

    def error(self, expected: str, token: Token | None = None) -> CypherSyntaxError:
        """``Invalid input 'X' (line, column): expected ...`` for the current token."""
        token = token or self.peek()
        if token.kind is TokenKind.EOF:
            found = "Unexpected end of input"
        else:
            found = f"Invalid input '{self.text[token.start : token.end]}'"
        return syntax_error(self.text, token.start, f"{found}: expected {expected}")
