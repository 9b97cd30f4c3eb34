"""Reading a GraSS style as Neo4j Browser does, to check kgraph's shipped style."""

from __future__ import annotations


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """``selector -> {property: value}`` as Neo4j Browser reads a GraSS text: braces
    inside quotes or inside a rule (``"{name}"``) do not end it; no comments."""
    rules: dict[str, dict[str, str]] = {}
    keyword, body = "", ""
    in_string = in_props = in_binding = False
    for c in text:
        if c in "\"'":
            in_string = not in_string
            continue
        if c == "{" and not in_string:
            if in_props:
                in_binding = True
                body += c
            else:
                in_props = True
            continue
        if c == "}" and not in_string:
            if in_binding:
                in_binding = False
                body += c
            else:
                in_props = False
                props = rules.setdefault(keyword, {})
                for decl in body.split(";"):
                    if ":" in decl:
                        key, value = decl.split(":", 1)
                        props[key.strip()] = value.strip()
                keyword, body = "", ""
            continue
        if in_props:
            body += c
        elif not c.isspace():
            keyword += c
    return rules
