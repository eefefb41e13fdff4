# allteach — `make run` serves the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= $(CURDIR)/data
export ALLTEACH_DATA_DIR := $(DATA_DIR)
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: run test install install-test lint migrations-check test-sqlite test-postgres chromium bench serve clean

$(BIN)/allteach: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

install: $(BIN)/allteach

$(VENV)/.test-deps: pyproject.toml $(BIN)/allteach
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

run: install
	$(BIN)/allteach migrate --no-input -v0
	$(BIN)/allteach collectstatic --no-input -v0
	$(BIN)/allteach demo --if-empty -v0
	$(BIN)/allteach demo --print-logins
	@echo "Serving allteach on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/allteach serve --bind $(HOST):$(PORT) --workers $(WORKERS)

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "WARNING: could not install chromium; browser tests will be skipped (CI fails)"; \
	  else \
	    echo "WARNING: /usr/bin/chromium is missing and cannot be installed here; browser tests will be skipped"; \
	  fi; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-test
	ALLTEACH_DATA_DIR=$$(mktemp -d) $(BIN)/allteach makemigrations --check --dry-run

test-sqlite: install-test chromium
	ALLTEACH_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -p no:cacheprovider

test-postgres: install-test
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL pass ($(PG_URL))"; \
	  ALLTEACH_DATA_DIR=$$(mktemp -d) DATABASE_URL=$(PG_URL) $(BIN)/pytest -p no:cacheprovider -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: PostgreSQL does not answer at $(PG_URL); CI requires the PostgreSQL pass"; exit 1; \
	else \
	  echo "SKIPPED: PostgreSQL pass (nothing answers at $(PG_URL))"; \
	fi

test: lint migrations-check test-sqlite test-postgres

# Every benchmark prints its figures against a baseline from the same run; all run even
# when one misses its goal, and the target fails if any did.
bench: install
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install -q -e . -r bench/requirements-phi.txt
	@status=0; \
	.venv-bench/bin/python bench/phi/run.py || status=1; \
	$(BIN)/python bench/attendance/run.py || status=1; \
	$(BIN)/python bench/join_rush/run.py || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) .venv-bench build dist *.egg-info
