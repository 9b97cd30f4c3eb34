"""Binary and unary operators with Cypher semantics.

Null propagates through every operator except the boolean ones, which use three-valued
logic.  Integer arithmetic is 64-bit with overflow errors and truncating division, like
Java (and so Neo4j); float division by zero gives infinity/NaN instead of raising.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Callable
from typing import Any

from kgraph_cypher.compare import compare, equals, is_nan
from kgraph_cypher.errors import CypherError
from kgraph_cypher.values import check_int, is_number, to_text, type_error

BinaryOp = Callable[[Any, Any], Any]


def _arithmetic(op: str, apply: BinaryOp) -> BinaryOp:
    """An arithmetic operator: null gives null, other operands must be numbers, and an
    integer result must fit in 64 bits."""

    def apply_operator(left: Any, right: Any) -> Any:
        if left is None or right is None:
            return None
        for value in (left, right):
            if not is_number(value):
                raise type_error("a number", value, f"'{op}'")
        result = apply(left, right)
        return check_int(result) if isinstance(result, int) else result

    return apply_operator


def _divide(left: int | float, right: int | float) -> int | float:
    if isinstance(left, int) and isinstance(right, int):
        if right == 0:
            raise CypherError("/ by zero")
        quotient = abs(left) // abs(right)
        return quotient if (left >= 0) == (right >= 0) else -quotient
    if right != 0:
        return left / right
    if left == 0 or math.isnan(left):
        return math.nan
    return math.copysign(math.inf, left) * math.copysign(1.0, right)


def _modulo(left: int | float, right: int | float) -> int | float:
    if isinstance(left, int) and isinstance(right, int):
        if right == 0:
            raise CypherError("/ by zero")
        remainder = abs(left) % abs(right)
        return remainder if left >= 0 else -remainder
    return math.fmod(left, right) if right != 0 else math.nan


def _power(left: int | float, right: int | float) -> float:
    try:
        return math.pow(left, right)
    except OverflowError:
        return math.inf
    except ValueError:
        return math.nan


_add_numbers = _arithmetic("+", operator.add)


def add(left: Any, right: Any) -> Any:
    """``+``: numbers, string concatenation (with numbers as text) and list building."""
    if left is None or right is None:
        return None
    if isinstance(left, list):
        return [*left, *right] if isinstance(right, list) else [*left, right]
    if isinstance(right, list):
        return [left, *right]
    if isinstance(left, str) and (isinstance(right, str) or is_number(right)):
        return left + to_text(right)
    if isinstance(right, str) and is_number(left):
        return to_text(left) + right
    if isinstance(left, str) or isinstance(right, str):
        other = right if isinstance(left, str) else left
        raise type_error("a String, Number or List", other, "'+'")
    return _add_numbers(left, right)


def concat(left: Any, right: Any) -> Any:
    """``||``: string or list concatenation only."""
    if left is None or right is None:
        return None
    if isinstance(left, str) and isinstance(right, str):
        return left + right
    if isinstance(left, list) and isinstance(right, list):
        return [*left, *right]
    raise type_error("two strings or two lists", right if isinstance(left, str) else left, "'||'")


def negate(value: Any) -> Any:
    if value is None:
        return None
    if not is_number(value):
        raise type_error("a number", value, "unary '-'")
    return check_int(-value) if isinstance(value, int) else -value


def plus(value: Any) -> Any:
    if value is not None and not is_number(value):
        raise type_error("a number", value, "unary '+'")
    return value


def check_boolean(value: Any, op: str) -> bool | None:
    """An operand of AND/OR/XOR/NOT (or a WHERE condition): a boolean or null."""
    if value is None or isinstance(value, bool):
        return value
    raise type_error("Boolean", value, op)


def logical_not(value: Any) -> bool | None:
    operand = check_boolean(value, "NOT")
    return None if operand is None else not operand


def logical_xor(left: Any, right: Any) -> bool | None:
    a, b = check_boolean(left, "XOR"), check_boolean(right, "XOR")
    return None if a is None or b is None else a != b


def _comparison(test: Callable[[int], bool]) -> BinaryOp:
    def apply(left: Any, right: Any) -> bool | None:
        if is_nan(left) or is_nan(right):
            return None if left is None or right is None else False
        result = compare(left, right)
        return None if result is None else test(result)

    return apply


def not_equals(left: Any, right: Any) -> bool | None:
    result = equals(left, right)
    return None if result is None else not result


def contained_in(item: Any, container: Any) -> bool | None:
    """``item IN container``: true if found, null if unknown, else false."""
    if container is None:
        return None
    if not isinstance(container, list | tuple):
        raise type_error("a List", container, "'IN'")
    unknown = False
    for element in container:
        result = equals(item, element)
        if result:
            return True
        unknown = unknown or result is None
    return None if unknown else False


def _string_test(test: Callable[[str, str], bool]) -> BinaryOp:
    def apply(left: Any, right: Any) -> bool | None:
        if isinstance(left, str) and isinstance(right, str):
            return test(left, right)
        return None

    return apply


@functools.lru_cache(maxsize=256)
def _compile_regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise CypherError(f"Invalid regular expression {pattern!r}: {exc}") from None


def regex_match(left: Any, right: Any) -> bool | None:
    """``=~``: the whole string must match, as with Java's ``String.matches``."""
    if not isinstance(left, str) or not isinstance(right, str):
        return None
    return _compile_regex(right).fullmatch(left) is not None


BINARY_OPERATORS: dict[str, BinaryOp] = {
    "+": add,
    "-": _arithmetic("-", operator.sub),
    "*": _arithmetic("*", operator.mul),
    "/": _arithmetic("/", _divide),
    "%": _arithmetic("%", _modulo),
    "^": _arithmetic("^", _power),
    "||": concat,
    "XOR": logical_xor,
    "=": equals,
    "<>": not_equals,
    "<": _comparison(lambda c: c < 0),
    "<=": _comparison(lambda c: c <= 0),
    ">": _comparison(lambda c: c > 0),
    ">=": _comparison(lambda c: c >= 0),
    "IN": contained_in,
    "STARTS WITH": _string_test(str.startswith),
    "ENDS WITH": _string_test(str.endswith),
    "CONTAINS": _string_test(lambda a, b: b in a),
    "=~": regex_match,
}

UNARY_OPERATORS: dict[str, Callable[[Any], Any]] = {
    "-": negate,
    "+": plus,
    "NOT": logical_not,
    "IS NULL": lambda value: value is None,
    "IS NOT NULL": lambda value: value is not None,
}
