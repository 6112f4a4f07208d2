# sitrep: `make demo` runs the main job on the bundled samples, `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo.db

.PHONY: demo test test-deps lint format bench clean lock

# The product alone (requirements.lock) for the demo; the test and benchmark tools on top
# (requirements-dev.lock: the same pins plus pytest, playwright, pyspark, mypy ...).
DEV := $(VENV)/.dev-installed

$(BIN)/sitrep: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(BIN)/sitrep

$(DEV): $(BIN)/sitrep requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	@touch $(DEV)

demo: $(BIN)/sitrep
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/sitrep ingest samples/ --db $(DEMO_DB)
	COLUMNS=160 $(BIN)/sitrep events --db $(DEMO_DB)
	$(BIN)/sitrep brief --db $(DEMO_DB) -o brief.html
	@echo "Dashboard: $(BIN)/sitrep serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy --strict src

# What the tests need beyond Python: Debian's PostgreSQL server (the tests start their own
# cluster), Debian's Chromium (driven by Playwright; never `playwright install`) and a Java
# runtime for Spark's local mode.
test-deps:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || ! command -v chromium >/dev/null || ! command -v java >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium openjdk-17-jre-headless >/dev/null; \
	fi

test: $(DEV) test-deps lint
	$(BIN)/pytest

format: $(DEV)
	$(BIN)/ruff format src tests benchmarks tools
	$(BIN)/ruff check --fix src tests benchmarks tools

bench: $(DEV) test-deps
	$(BIN)/pip install --quiet -e '.[bench]'  # spaCy and its model, for the NER baseline
	$(BIN)/python -m benchmarks.gazetteer
	$(BIN)/python -m benchmarks.time
	$(BIN)/python -m benchmarks.fuse
	$(BIN)/python -m benchmarks.store
	$(BIN)/python -m benchmarks.extract 2000
	$(BIN)/python -m benchmarks.batch spark 20000
	$(BIN)/python -m benchmarks.batch memory 10000 100000
	$(BIN)/python -m benchmarks.api 10000 25

# Regenerate the pinned lock files from pyproject.toml (needs network access to PyPI): the
# dev lock first, then the product lock with the same pins.
lock: $(DEV)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 -c requirements-dev.lock -o requirements.lock

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .mypy_cache .ruff_cache
