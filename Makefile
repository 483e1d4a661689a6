# rapfang: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA_DIR ?= var
DEMO_PHASE ?=
PYTEST_ARGS ?=
# Test processes: one per core (pytest-xdist); each has its own test database. `make test PYTEST_WORKERS=0` runs in one.
PYTEST_WORKERS ?= auto
export PYTHAINLP_OFFLINE := 1
# Python keeps each module it compiles (__pycache__, ignored by git) unless PYTHONDONTWRITEBYTECODE says otherwise, as
# some machines' environments do: then every process (each test process, each `rapfang` a test starts) compiles the
# site's code again, and the test files' rewritten asserts too. Here it is Python's default.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install install-prod lock run demo test test-fast screenshots lint format bench po clean

# The locked versions (requirements/*.txt, made by `make lock` from pyproject.toml): development and CI install
# dev.txt's, production base.txt's; plain pip reads them as constraints. The development install compiles no module
# ahead (`--no-compile`): Python compiles what is imported when it is first imported and keeps it, some 700 files of
# the 15,000 the tools bring (half a minute less of `make install`).
LOCK_DEV := requirements/dev.txt
LOCK_PROD := requirements/base.txt
PROD_VENV ?= /opt/rapfang/venv
PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host

install: $(VENV)/.installed  ## a virtualenv with rapfang and its tools, at the locked versions (idempotent)

$(VENV)/.installed: pyproject.toml $(LOCK_DEV)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "rapfang needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile -c $(LOCK_DEV) -e '.[dev]'
	@touch $@

install-prod:  ## rapfang alone at the locked versions, no development tools, into PROD_VENV (/opt/rapfang/venv)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "rapfang needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(PROD_VENV)
	$(PROD_VENV)/bin/pip install --quiet --upgrade pip
	$(PROD_VENV)/bin/pip install --quiet -c $(LOCK_PROD) .

lock: install  ## refresh the locked versions after changing pyproject.toml's dependencies (pip-tools)
	$(PIP_COMPILE) --output-file $(LOCK_PROD) pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint $(LOCK_PROD) --output-file $(LOCK_DEV) pyproject.toml

run: install  ## the site with the seed's hearing as demo data, on 127.0.0.1:8000
	RAPFANG_DATA_DIR=$(DATA_DIR) $(BIN)/rapfang demo $(if $(DEMO_PHASE),--phase $(DEMO_PHASE))
	@echo "Staff workspace: http://127.0.0.1:8000/staff/ (the demo logins are printed above)"
	RAPFANG_DATA_DIR=$(DATA_DIR) RAPFANG_DEVELOPMENT=1 $(BIN)/rapfang serve

test: $(if $(NO_LINT),install,lint)  ## lint, then the whole test suite (SQLite, or DATABASE_URL when set; NO_LINT=1 skips the lint)
	RAPFANG_DATA_DIR=$(DATA_DIR)/test RAPFANG_TASKS=immediate $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=20 $(PYTEST_ARGS)

test-fast: install  ## the tests without lint and without the browser
	RAPFANG_DATA_DIR=$(DATA_DIR)/test RAPFANG_TASKS=immediate $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder -m "not browser" $(PYTEST_ARGS)

screenshots: install  ## the browser tests, with a full-page screenshot of every page they check (test-results/screenshots)
	RAPFANG_SCREENSHOTS=1 RAPFANG_DATA_DIR=$(DATA_DIR)/test RAPFANG_TASKS=immediate $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder -m browser $(PYTEST_ARGS)

lint: install  ## formatting, lint, types, migrations up to date, translations compiled
	$(BIN)/ruff format --check src tests benches
	$(BIN)/ruff check src tests benches
	RAPFANG_DATA_DIR=$(DATA_DIR)/test $(BIN)/mypy src
	RAPFANG_DATA_DIR=$(DATA_DIR)/test $(BIN)/rapfang manage makemigrations --check --dry-run
	$(BIN)/python scripts/check_messages.py

format: install
	$(BIN)/ruff format src tests benches
	$(BIN)/ruff check --fix src tests benches

bench: install  ## every script in benches/ at its default size; each prints its figures
	@for script in benches/*.py; do echo "=== $$script"; $(BIN)/python $$script || exit 1; done

po: install  ## refresh the message catalogues after changing texts (needs GNU gettext)
	cd src/rapfang && RAPFANG_DATA_DIR=$(CURDIR)/$(DATA_DIR)/test ../../$(BIN)/rapfang manage makemessages -l th -l en --no-location --no-obsolete --ignore 'static/*'
	cd src/rapfang && ../../$(BIN)/rapfang manage compilemessages

clean:
	rm -rf $(VENV) $(DATA_DIR)/test .pytest_cache .mypy_cache .ruff_cache
