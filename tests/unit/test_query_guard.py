"""The read-only guard of ``kgraph query``: reads pass, everything else is named and refused."""

from __future__ import annotations

import pytest

from kgraph.errors import WriteNotAllowedError
from kgraph.query_guard import check_read_only, read_only_problem

READS = [
    "MATCH (n:Person) RETURN n.name",
    "MATCH (start)-->(stop) RETURN start.name, stop.name",
    "MATCH (n) WHERE n.name = 'LOAD CSV FROM x' RETURN n",
    "MATCH (n) RETURN n.terminate AS drop",
    "CALL { MATCH (n) RETURN count(n) AS c } RETURN c",
    "CALL db.labels()",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "call DBMS.COMPONENTS()",
    "CALL db.schema.visualization()",
    "SHOW DATABASES",
    "SHOW DEFAULT DATABASE",
    "SHOW RANGE INDEXES YIELD name RETURN name",
    "SHOW CONSTRAINTS",
    "SHOW PROCEDURES YIELD name RETURN count(*)",
    "SHOW TRANSACTIONS",
    "// TERMINATE TRANSACTIONS\nMATCH (n) RETURN n",
]

REFUSED = [
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
    ("load csv with headers from 'http://127.0.0.1:7475/' AS r RETURN r", "LOAD CSV"),
    ("CREATE (n:Person {name: 'x'})", "writes"),
    ("MATCH (n) DETACH DELETE n", "writes"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-7'", "TERMINATE"),
    ("SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t", "TERMINATE"),
    ("STOP DATABASE neo4j", "STOP DATABASE"),
    ("START DATABASE neo4j", "START DATABASE"),
    ("DROP INDEX person_name", "DROP"),
    ("ALTER USER neo4j SET PASSWORD 'x'", "ALTER"),
    ("GRANT ROLE admin TO bob", "GRANT"),
    ("SHOW USERS", "SHOW"),
    ("SHOW PRIVILEGES", "SHOW"),
    ("CALL dbms.killQueries(['query-1'])", "dbms.killQueries"),
    ("CALL db.createLabel('X')", "db.createLabel"),
    ("CALL dbms.listConfig()", "dbms.listConfig"),
    ("MATCH (n) CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", "apoc"),
]


@pytest.mark.parametrize("query", READS)
def test_reads_pass(query: str) -> None:
    assert read_only_problem(query) is None
    check_read_only(query)


@pytest.mark.parametrize(("query", "named"), REFUSED)
def test_everything_else_is_refused_by_name(query: str, named: str) -> None:
    problem = read_only_problem(query)
    assert problem is not None and named in problem
    with pytest.raises(WriteNotAllowedError, match="read-only"):
        check_read_only(query)
