"""Recursive-descent parser for Cypher expressions, one method per precedence level.

Precedence follows Neo4j 5 (lowest first): OR, XOR, AND, NOT, comparison (chainable:
``a < b < c`` means ``a < b AND b < c``), string/list/null predicates, ``+ - ||``,
``* / %``, ``^`` (left-associative), unary sign, postfix (``.key``, ``[i]``, ``[a..b]``,
``:Label``), atoms.  Patterns inside expressions (``WHERE (a)-->(b)``, pattern
comprehensions) are parsed by hooks the pattern parser provides.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from kgraph_cypher import ast
from kgraph_cypher.cursor import TokenCursor
from kgraph_cypher.errors import UnsupportedCypherError
from kgraph_cypher.lexer import TokenKind, syntax_error
from kgraph_cypher.values import INT_MIN

# Binary operators by precedence level, loosest first (see the module docstring).
_BOOLEAN_LEVELS = (("OR",), ("XOR",), ("AND",))
_COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")
_PREDICATES = ("=~", "STARTS WITH", "ENDS WITH", "CONTAINS", "IN")
_ARITHMETIC_LEVELS = (("+", "-", "||"), ("*", "/", "%"), ("^",))

# Words that cannot be read as a variable where an expression is expected.
RESERVED = frozenset(
    {
        "MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "BY", "SKIP",
        "LIMIT", "UNION", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "AND",
        "OR", "XOR", "NOT", "IN", "IS", "AS", "DISTINCT", "ASC", "DESC", "ASCENDING",
        "DESCENDING", "WHEN", "THEN", "ELSE", "END", "CALL", "YIELD", "FOREACH", "STARTS",
        "ENDS", "CONTAINS", "LOAD", "USING",
    }
)  # fmt: skip

_QUANTIFIERS = ("ANY", "ALL", "NONE", "SINGLE")
PATH_FUNCTIONS = {"shortestpath": "shortestPath()", "allshortestpaths": "allShortestPaths()"}
_SUBQUERY_WORDS = ("EXISTS", "COUNT", "COLLECT")


class ExpressionParser(TokenCursor):
    """Expression grammar; the pattern hooks are implemented by a subclass."""

    _comprehension_depth = 0

    # -- hooks -------------------------------------------------------------------------
    def parse_pattern_part(self) -> ast.PatternPart:
        raise NotImplementedError

    def looks_like_pattern(self) -> bool:
        """Whether a relationship pattern such as ``(a)-->(b)`` starts at the cursor."""
        raise NotImplementedError

    def parse_labels(self, in_pattern: bool) -> tuple[str, ...]:
        """``:A:B``; label expressions (``|``, ``&``, ``!``) are unsupported."""
        labels: list[str] = []
        while self.accept_symbol(":"):
            if self.at_symbol("!", "(", "%"):
                raise UnsupportedCypherError("label expressions (|, &, !, %)")
            labels.append(self.expect_name("a label name"))
            ambiguous_bar = self._comprehension_depth > 0 and not in_pattern
            if self.at_symbol("&", "!") or (self.at_symbol("|") and not ambiguous_bar):
                raise UnsupportedCypherError("label expressions (|, &, !, %)")
        return tuple(labels)

    # -- precedence levels ---------------------------------------------------------------
    def _parse_levels(
        self, levels: tuple[tuple[str, ...], ...], operand: Callable[[], ast.Expr]
    ) -> ast.Expr:
        """Left-associative binary operators, loosest level first, over ``operand``."""
        if not levels:
            return operand()
        left = self._parse_levels(levels[1:], operand)
        while (op := self.accept_operator(levels[0])) is not None:
            left = ast.Binary(op, left, self._parse_levels(levels[1:], operand))
        return left

    def parse_expression(self) -> ast.Expr:
        return self._parse_levels(_BOOLEAN_LEVELS, self._parse_not)

    def _parse_not(self) -> ast.Expr:
        if self.accept_keyword("NOT"):
            return ast.Unary("NOT", self._parse_not())
        return self._parse_comparison()

    def _parse_comparison(self) -> ast.Expr:
        left = self._parse_predicate()
        terms: list[ast.Expr] = []
        if self.at_symbol("!="):
            raise syntax_error(
                self.text,
                self.peek().start,
                "Unknown operation '!=' (you probably meant to use '<>', which is the operator "
                "for inequality testing)",
            )
        while (op := self.accept_operator(_COMPARISONS)) is not None:
            right = self._parse_predicate()
            terms.append(ast.Binary(op, left, right))
            left = right
        return functools.reduce(lambda a, b: ast.Binary("AND", a, b), terms) if terms else left

    def _parse_predicate(self) -> ast.Expr:
        expr = self._parse_additive()
        while True:
            if (op := self.accept_operator(_PREDICATES)) is not None:
                expr = ast.Binary(op, expr, self._parse_additive())
            elif self.at_keyword("IS"):
                expr = self._parse_is(expr)
            elif self.at_symbol("::"):
                raise UnsupportedCypherError("type predicate expressions (IS :: TYPE)")
            else:
                return expr

    def _parse_is(self, expr: ast.Expr) -> ast.Expr:
        self.advance()
        negated = self.accept_keyword("NOT")
        if self.accept_keyword("NULL"):
            return ast.Unary("IS NOT NULL" if negated else "IS NULL", expr)
        if self.at_symbol("::") or self.at_keyword("TYPED"):
            raise UnsupportedCypherError("type predicate expressions (IS :: TYPE)")
        if self.at_keyword("NORMALIZED", "NFC", "NFD", "NFKC", "NFKD"):
            raise UnsupportedCypherError("IS NORMALIZED")
        raise self.error("NULL")

    def _parse_additive(self) -> ast.Expr:
        return self._parse_levels(_ARITHMETIC_LEVELS, self._parse_unary)

    def _parse_unary(self) -> ast.Expr:
        if not self.at_symbol("-", "+"):
            return self._parse_postfix()
        op = str(self.advance().value)
        token = self.peek()
        if op == "-" and token.kind is TokenKind.INT:
            # Folded here so that -9223372036854775808 (INT_MIN) is accepted.
            self.advance()
            value = -int(token.value)
            if value < INT_MIN:
                raise syntax_error(self.text, token.start, f"Integer -{token.value} is too large")
            return ast.Literal(value)
        return ast.Unary(op, self._parse_postfix())

    def _parse_postfix(self) -> ast.Expr:
        expr = self._parse_atom()
        while True:
            if self.accept_symbol("."):
                expr = ast.Property(expr, self.expect_name("a property name"))
            elif self.at_symbol("["):
                expr = self._parse_subscript(expr)
            elif self.at_symbol(":"):
                expr = ast.LabelCheck(expr, self.parse_labels(in_pattern=False))
            else:
                return expr

    def _parse_subscript(self, subject: ast.Expr) -> ast.Expr:
        self.expect_symbol("[")
        start: ast.Expr | None = None
        if not self.at_symbol(".."):
            start = self.parse_expression()
            if self.accept_symbol("]"):
                return ast.Subscript(subject, start)
        self.expect_symbol("..")
        end = None if self.at_symbol("]") else self.parse_expression()
        self.expect_symbol("]")
        return ast.Slice(subject, start, end)

    # -- atoms -------------------------------------------------------------------------
    def _parse_atom(self) -> ast.Expr:
        token = self.peek()
        if token.kind is TokenKind.INT:
            return ast.Literal(self.expect_int("an integer"))
        if token.kind in (TokenKind.FLOAT, TokenKind.STRING):
            self.advance()
            return ast.Literal(token.value)
        if token.kind is TokenKind.PARAM:
            self.advance()
            return ast.Parameter(str(token.value))
        if token.is_symbol("["):
            return self._parse_bracket()
        if token.is_symbol("{"):
            return self.parse_map_literal()
        if token.is_symbol("("):
            return self._parse_parenthesised()
        if token.kind is TokenKind.IDENT:
            return self._parse_word()
        if token.kind is TokenKind.QUOTED:
            return self._parse_variable()
        raise self.error("an expression")

    def _parse_word(self) -> ast.Expr:
        word = str(self.peek().value).upper()
        if word in ("TRUE", "FALSE", "NULL"):
            self.advance()
            return ast.Literal({"TRUE": True, "FALSE": False, "NULL": None}[word])
        if word == "CASE":
            return self._parse_case()
        if word in _SUBQUERY_WORDS and self.at_symbol("{", ahead=1):
            raise UnsupportedCypherError(f"{word} subquery")
        if self._function_name_length() is not None:
            return self._parse_function_call()
        if word in RESERVED:
            raise self.error("an expression")
        return self._parse_variable()

    def _parse_variable(self) -> ast.Expr:
        variable = ast.Variable(self.expect_name("a variable"))
        if self.at_symbol("{"):
            return self._parse_map_projection(variable)
        return variable

    def _function_name_length(self) -> int | None:
        """Token count of a (possibly dotted) function name followed by ``(``, else None."""
        length = 1
        while self.at_symbol(".", ahead=length) and self.at_name(ahead=length + 1):
            length += 2
        return length if self.at_symbol("(", ahead=length) else None

    def _parse_function_call(self) -> ast.Expr:
        parts = [self.expect_name("a function name")]
        while self.accept_symbol("."):
            parts.append(self.expect_name("a function name"))
        name = ".".join(parts)
        self.expect_symbol("(")
        special = self._parse_special_function(name.lower())
        if special is not None:
            return special
        distinct = self.accept_keyword("DISTINCT")
        args = self.comma_list(self.parse_expression, empty_before=")")
        self.expect_symbol(")")
        return ast.FunctionCall(name, tuple(args), distinct)

    def _parse_special_function(self, lower: str) -> ast.Expr | None:
        """Functions with their own argument syntax; called just after the ``(``."""
        if lower in PATH_FUNCTIONS:
            raise UnsupportedCypherError(PATH_FUNCTIONS[lower])
        if lower == "count" and self.accept_symbol("*"):
            self.expect_symbol(")")
            return ast.CountStar()
        if lower.upper() in _QUANTIFIERS and self.at_name() and self.at_keyword("IN", ahead=1):
            return self._parse_quantifier(lower)
        if lower == "reduce":
            return self._parse_reduce()
        if lower == "exists":
            if self.looks_like_pattern():
                part = self.parse_pattern_part()
                self.expect_symbol(")")
                return ast.PatternPredicate(part)
            raise UnsupportedCypherError("exists() on a property (use IS NOT NULL)")
        return None

    def _parse_quantifier(self, kind: str) -> ast.Expr:
        variable = self.expect_name("a variable")
        self.expect_keyword("IN")
        source = self.parse_expression()
        self.expect_keyword("WHERE")
        where = self.parse_expression()
        self.expect_symbol(")")
        return ast.Quantifier(kind, variable, source, where)

    def _parse_reduce(self) -> ast.Expr:
        accumulator = self.expect_name("an accumulator variable")
        self.expect_symbol("=")
        init = self.parse_expression()
        self.expect_symbol(",")
        variable = self.expect_name("a variable")
        self.expect_keyword("IN")
        source = self.parse_expression()
        self.expect_symbol("|")
        expression = self.parse_expression()
        self.expect_symbol(")")
        return ast.Reduce(accumulator, init, variable, source, expression)

    def _parse_parenthesised(self) -> ast.Expr:
        if self.looks_like_pattern():
            return ast.PatternPredicate(self.parse_pattern_part())
        self.expect_symbol("(")
        expr = self.parse_expression()
        self.expect_symbol(")")
        return expr

    def _parse_bracket(self) -> ast.Expr:
        self.expect_symbol("[")
        if self.at_name() and self.at_keyword("IN", ahead=1):
            return self._parse_list_comprehension()
        if self._at_pattern_comprehension():
            return self._parse_pattern_comprehension()
        items = self.comma_list(self.parse_expression, empty_before="]")
        self.expect_symbol("]")
        return ast.ListLiteral(tuple(items))

    def _at_pattern_comprehension(self) -> bool:
        if self.at_symbol("("):
            return self.looks_like_pattern()
        if not (self.at_name() and self.at_symbol("=", ahead=1) and self.at_symbol("(", ahead=2)):
            return False
        saved = self.pos
        self.pos += 2
        try:
            return self.looks_like_pattern()
        finally:
            self.pos = saved

    def _parse_list_comprehension(self) -> ast.Expr:
        variable = self.expect_name("a variable")
        self.expect_keyword("IN")
        self._comprehension_depth += 1
        try:
            source = self.parse_expression()
            where = self.parse_expression() if self.accept_keyword("WHERE") else None
            projection = self.parse_expression() if self.accept_symbol("|") else None
        finally:
            self._comprehension_depth -= 1
        self.expect_symbol("]")
        return ast.ListComprehension(variable, source, where, projection)

    def _parse_pattern_comprehension(self) -> ast.Expr:
        part = self.parse_pattern_part()
        self._comprehension_depth += 1
        try:
            where = self.parse_expression() if self.accept_keyword("WHERE") else None
            self.expect_symbol("|")
            projection = self.parse_expression()
        finally:
            self._comprehension_depth -= 1
        self.expect_symbol("]")
        return ast.PatternComprehension(part, where, projection)

    def parse_map_literal(self) -> ast.MapLiteral:
        self.expect_symbol("{")
        items = self.comma_list(self._parse_map_entry, empty_before="}")
        self.expect_symbol("}")
        return ast.MapLiteral(tuple(items))

    def _parse_map_entry(self) -> tuple[str, ast.Expr]:
        key = self.expect_name("a map key")
        self.expect_symbol(":")
        return key, self.parse_expression()

    def _parse_map_projection(self, subject: ast.Expr) -> ast.Expr:
        self.expect_symbol("{")
        items = self.comma_list(self._parse_map_projection_item, empty_before="}")
        self.expect_symbol("}")
        return ast.MapProjection(subject, tuple(items))

    def _parse_map_projection_item(self) -> tuple[str, str, ast.Expr | None]:
        if self.accept_symbol("."):
            if self.accept_symbol("*"):
                return ("all", "", None)
            return ("property", self.expect_name("a property name"), None)
        name = self.expect_name("a map projection item")
        if self.accept_symbol(":"):
            return ("literal", name, self.parse_expression())
        return ("variable", name, ast.Variable(name))

    def _parse_case(self) -> ast.Expr:
        self.advance()
        subject = None if self.at_keyword("WHEN") else self.parse_expression()
        whens: list[tuple[ast.Expr, ast.Expr]] = []
        while self.accept_keyword("WHEN"):
            condition = self.parse_expression()
            self.expect_keyword("THEN")
            whens.append((condition, self.parse_expression()))
        if not whens:
            raise self.error("WHEN")
        default = self.parse_expression() if self.accept_keyword("ELSE") else None
        self.expect_keyword("END")
        return ast.Case(subject, tuple(whens), default)
