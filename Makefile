# One command each, on a fresh machine with Python 3.11 and PyPI:
#   make demo   virtualenv + install + build the example articles into output/
#   make test   virtualenv + install + make lint + the whole test suite
#   make test-fast  the tests that need no spaCy model, no server process and no benchmark (under 30 s)
#   make lint   virtualenv + install + ruff and mypy (rules in pyproject.toml)
#   make bench  virtualenv + install + the benchmark (bench/run.py; BENCH_ARGS=--quick for a smoke run)
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
BENCH_ARGS ?=

.PHONY: demo test test-fast lint bench install clean

$(BIN)/kg: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (set PYTHON=...)" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/kg

demo: $(BIN)/kg
	$(BIN)/kg build examples/ --out output/
	$(BIN)/kg export graphml --graph output/ -o output/graph.graphml
	$(BIN)/kg export trig --graph output/ -o output/graph.trig
	$(BIN)/kg stats --graph output/
	$(BIN)/kg validate --graph output/

# -rs: the summary says why each skipped test was skipped (no chromium, no virtuoso-t, no ../shared)
test: lint
	$(BIN)/python -m pytest -q -rs

# the library, the CLI and the read side on hand-built statements (tests/example_statements.py); a test
# that loads a spaCy model without its `model` mark fails (tests/conftest.py)
test-fast: $(BIN)/kg
	$(BIN)/python -m pytest -q -rs -m "not model and not slow and not bench"

lint: $(BIN)/kg
	$(BIN)/ruff check kg tests bench tools
	$(BIN)/mypy kg

bench: $(BIN)/kg
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) output/store output/kg.json output/graph.* bench/work
