"""Parser for graph patterns: ``p = (a:Label {k: v})-[r:T|U*1..3]->(b)``."""

from __future__ import annotations

from kgraph_cypher import ast
from kgraph_cypher.errors import CypherError, UnsupportedCypherError
from kgraph_cypher.expr_parser import PATH_FUNCTIONS, ExpressionParser
from kgraph_cypher.lexer import TokenKind, syntax_error

_COLON_ALTERNATIVES_PROBLEM = (
    "The semantics of using colon in the separation of alternative relationship types in "
    "conjunction with the use of variable binding, inlined property predicates, or variable "
    "length is no longer supported (write [r:A|B] instead of [r:A|:B])"
)
_PARAMETER_MAP_PROBLEM = (
    "Parameter maps cannot be used in MATCH patterns "
    "(use a literal map instead, e.g. {id: $param.id})"
)


class PatternParser(ExpressionParser):
    """Adds patterns to the expression grammar (patterns contain expressions and vice versa)."""

    def parse_pattern(self) -> tuple[ast.PatternPart, ...]:
        return tuple(self.comma_list(self.parse_pattern_part))

    def parse_pattern_part(self) -> ast.PatternPart:
        variable = None
        if self.at_name() and self.at_symbol("=", ahead=1):
            variable = self.expect_name("a path variable")
            self.advance()
        self._reject_path_selectors()
        nodes = [self._parse_node()]
        rels: list[ast.RelPattern] = []
        while self._at_relationship():
            rels.append(self._parse_relationship())
            nodes.append(self._parse_node())
        return ast.PatternPart(variable, tuple(nodes), tuple(rels))

    def looks_like_pattern(self) -> bool:
        if not self.at_symbol("("):
            return False
        saved = self.pos
        try:
            self._parse_node()
            return self._at_relationship()
        except CypherError:
            return False
        finally:
            self.pos = saved

    def _reject_path_selectors(self) -> None:
        for word, construct in PATH_FUNCTIONS.items():
            if self.at_keyword(word.upper()):
                raise UnsupportedCypherError(construct)
        if self.at_keyword("ANY", "ALL", "SHORTEST"):
            raise UnsupportedCypherError("path selectors (ANY/ALL/SHORTEST k)")

    def _at_relationship(self) -> bool:
        if self.at_symbol("<") and self.at_symbol("-", ahead=1):
            return True
        return self.at_symbol("-") and self.at_symbol("[", "-", ahead=1)

    def _parse_node(self) -> ast.NodePattern:
        self.expect_symbol("(")
        if self.at_symbol("("):
            raise UnsupportedCypherError("quantified path patterns")
        variable = None
        if self.at_name() and not self.at_keyword("WHERE"):
            variable = self.expect_name("a variable")
        if self.at_keyword("IS"):
            raise UnsupportedCypherError("label expressions (IS Label)")
        labels = self.parse_labels(in_pattern=True)
        properties = self._parse_pattern_properties()
        where = self.parse_expression() if self.accept_keyword("WHERE") else None
        self.expect_symbol(")")
        return ast.NodePattern(variable, labels, properties, where)

    def _parse_pattern_properties(self) -> tuple[tuple[str, ast.Expr], ...]:
        if self.at_symbol("{"):
            return self.parse_map_literal().items
        if self.peek().kind is TokenKind.PARAM:
            raise syntax_error(self.text, self.peek().start, _PARAMETER_MAP_PROBLEM)
        return ()

    def _parse_relationship(self) -> ast.RelPattern:
        points_left = self.accept_symbol("<")
        self.expect_symbol("-")
        variable = None
        types: tuple[str, ...] = ()
        length = None
        properties: tuple[tuple[str, ast.Expr], ...] = ()
        where = None
        if self.accept_symbol("["):
            if self.at_name() and not self.at_keyword("WHERE"):
                variable = self.expect_name("a variable")
            colon_alternatives = self.at_symbol(":") and self._has_colon_alternatives()
            types = self._parse_types()
            if self.accept_symbol("*"):
                length = self._parse_length()
            properties = self._parse_pattern_properties()
            if colon_alternatives and (variable or length or properties):
                raise syntax_error(self.text, self.peek().start, _COLON_ALTERNATIVES_PROBLEM)
            where = self.parse_expression() if self.accept_keyword("WHERE") else None
            self.expect_symbol("]")
        self.expect_symbol("-")
        points_right = self.accept_symbol(">")
        if self.at_symbol("{", "+", "*"):
            raise UnsupportedCypherError("quantified path patterns")
        direction: ast.Direction = "both"
        if points_left != points_right:
            direction = "in" if points_left else "out"
        return ast.RelPattern(variable, types, direction, properties, length, where)

    def _has_colon_alternatives(self) -> bool:
        """Whether the relationship types ahead are written ``:A|:B`` (not ``:A|B``)."""
        ahead = 1
        while self.peek(ahead).kind is not TokenKind.EOF and not self.at_symbol(
            "]", "*", "{", ahead=ahead
        ):
            if self.at_symbol("|", ahead=ahead) and self.at_symbol(":", ahead=ahead + 1):
                return True
            ahead += 1
        return False

    def _parse_types(self) -> tuple[str, ...]:
        if not self.accept_symbol(":"):
            return ()
        if self.at_symbol("!", "(", "%"):
            raise UnsupportedCypherError("relationship type expressions (&, !, %)")
        types = [self.expect_name("a relationship type")]
        while self.accept_symbol("|"):
            self.accept_symbol(":")
            types.append(self.expect_name("a relationship type"))
        if self.at_symbol("&", "!"):
            raise UnsupportedCypherError("relationship type expressions (&, !, %)")
        return tuple(types)

    def _parse_length(self) -> ast.VarLength:
        low, high = 1, None
        if self.peek().kind is TokenKind.INT:
            low = self.expect_int("a minimum length")
            high = low
            if self.accept_symbol(".."):
                high = self._optional_int()
        elif self.accept_symbol(".."):
            high = self._optional_int()
        return ast.VarLength(low, high)

    def _optional_int(self) -> int | None:
        if self.peek().kind is TokenKind.INT:
            return self.expect_int("a maximum length")
        return None
