"""Clause-level parser: turns query text into an ``ast.Query`` (syntax only).

Clauses this engine cannot run are recognised by their first keyword and rejected with
``UnsupportedCypherError`` naming the clause, rather than a confusing syntax error.
"""

from __future__ import annotations

from kgraph_cypher import ast
from kgraph_cypher.errors import CypherSyntaxError, UnsupportedCypherError
from kgraph_cypher.lexer import TokenKind, tokenize
from kgraph_cypher.pattern_parser import PatternParser

_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "FOREACH", "USE", "FINISH", "INSERT")
_COMMANDS = ("SHOW", "DROP", "ALTER", "GRANT", "DENY", "REVOKE", "TERMINATE")
_UNSUPPORTED_CLAUSES = {
    **{word: f"{word} clause" for word in _CLAUSES},
    **{word: f"{word} commands" for word in _COMMANDS},
    "DETACH": "DETACH DELETE clause",
    "NODETACH": "NODETACH DELETE clause",
    "LOAD": "LOAD CSV clause",
}
"""First words of clauses and commands the engine refuses, with the construct named."""

_EXPECTED_CLAUSE = "a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN)"


def parse_query(text: str) -> ast.Query:
    """Parse ``text``; raises ``CypherSyntaxError`` or ``UnsupportedCypherError``."""
    return Parser(text, tokenize(text)).parse_query()


class Parser(PatternParser):
    """Top level: UNION-joined single queries made of clauses."""

    def parse_query(self) -> ast.Query:
        if self.at_keyword("EXPLAIN", "PROFILE"):
            raise UnsupportedCypherError(f"{str(self.peek().value).upper()} prefix")
        parts = [self._parse_single_query()]
        union_kinds: set[bool] = set()
        while self.accept_keyword("UNION"):
            union_kinds.add(self.accept_keyword("ALL"))
            parts.append(self._parse_single_query())
        if len(union_kinds) > 1:
            raise CypherSyntaxError("Invalid combination of UNION and UNION ALL")
        self.accept_symbol(";")
        if self.peek().kind is not TokenKind.EOF:
            raise self.error(f"{_EXPECTED_CLAUSE} or the end of the query")
        return ast.Query(tuple(parts), union_all=True in union_kinds)

    def _parse_single_query(self) -> ast.SingleQuery:
        clauses: list[ast.Clause] = []
        while not (
            self.peek().kind is TokenKind.EOF or self.at_keyword("UNION") or self.at_symbol(";")
        ):
            clauses.append(self._parse_clause())
        if not clauses:
            raise self.error(_EXPECTED_CLAUSE)
        return ast.SingleQuery(tuple(clauses))

    def _parse_clause(self) -> ast.Clause:
        if self.accept_keyword("OPTIONAL", "MATCH"):
            return self._parse_match(optional=True)
        if self.accept_keyword("MATCH"):
            return self._parse_match(optional=False)
        if self.accept_keyword("UNWIND"):
            expression = self.parse_expression()
            self.expect_keyword("AS")
            return ast.Unwind(expression, self.expect_name("a variable"))
        if self.accept_keyword("WITH"):
            projection = self._parse_projection()
            where = self.parse_expression() if self.accept_keyword("WHERE") else None
            return ast.With(projection, where)
        if self.accept_keyword("RETURN"):
            return ast.Return(self._parse_projection())
        self._reject_unsupported_clause()
        raise self.error(_EXPECTED_CLAUSE)

    def _reject_unsupported_clause(self) -> None:
        token = self.peek()
        word = str(token.value).upper() if token.kind is TokenKind.IDENT else ""
        if word == "CALL" or (word == "OPTIONAL" and self.at_keyword("CALL", ahead=1)):
            offset = 2 if word == "OPTIONAL" else 1
            if self.at_symbol("{", "(", ahead=offset):
                raise UnsupportedCypherError("CALL subqueries")
            raise UnsupportedCypherError("CALL procedures")
        if word == "LOAD" and not self.at_keyword("CSV", ahead=1):
            return
        if word in _UNSUPPORTED_CLAUSES:
            raise UnsupportedCypherError(_UNSUPPORTED_CLAUSES[word])

    def _parse_match(self, optional: bool) -> ast.Match:
        pattern = self.parse_pattern()
        if self.at_keyword("USING"):
            raise UnsupportedCypherError("USING hints")
        where = self.parse_expression() if self.accept_keyword("WHERE") else None
        return ast.Match(pattern, where, optional)

    def _parse_projection(self) -> ast.Projection:
        distinct = self.accept_keyword("DISTINCT")
        star = self.accept_symbol("*")
        items: list[ast.ProjectionItem] = []
        if not star or self.accept_symbol(","):
            items = self.comma_list(self._parse_projection_item)
        order: list[ast.SortItem] = []
        if self.accept_keyword("ORDER", "BY"):
            order = self.comma_list(self._parse_sort_item)
        skip = None
        if self.accept_operator(("SKIP", "OFFSET")):
            skip = self.parse_expression()
        limit = self.parse_expression() if self.accept_keyword("LIMIT") else None
        return ast.Projection(distinct, star, tuple(items), tuple(order), skip, limit)

    def _parse_projection_item(self) -> ast.ProjectionItem:
        start = self.peek().start
        expression = self.parse_expression()
        text = self.text[start : self.last_end]
        alias = self.expect_name("an alias") if self.accept_keyword("AS") else None
        return ast.ProjectionItem(expression, alias, text)

    def _parse_sort_item(self) -> ast.SortItem:
        expression = self.parse_expression()
        descending = self.accept_operator(("DESC", "DESCENDING", "ASC", "ASCENDING"))
        return ast.SortItem(expression, descending=descending in ("DESC", "DESCENDING"))
