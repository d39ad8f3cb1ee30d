# IKZ-Cockpit: every target installs what it needs, so each works on a fresh machine.
# `make` alone lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful `pip install -e '.[dev]'`; pyproject.toml newer than it => reinstall.
PY_STAMP := $(VENV)/.ikz-installed
# Touched after npm ci/install (inside node_modules, so a deleted node_modules reinstalls too).
NODE_STAMP := node_modules/.ikz-installed
# The KERN UX files copied into the package (scripts/vendor_static.py); htmx comes with django-htmx.
VENDOR_STAMP := src/ikz/ui/static/vendor/kern/kern.min.css
CHROMIUM := /usr/bin/chromium

# Extra arguments for pytest, e.g. make test PYTEST_ARGS='-k login -x'
PYTEST_ARGS ?=
# Set to 1 to accept pytest's exit code 5 ("no tests collected"), e.g. when a marker
# expression deselects everything. Off by default so that an empty run is noticed.
NO_TESTS_OK ?=
TEST_ENV := IKZ_DEV=1 IKZ_FAST_PASSWORD_HASHER=1 IKZ_ZEAL_RAISE=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# worksteal: a worker that runs out of tests takes some of the other's, so the few long tests
# near the end do not leave one core idle.
PYTEST_CMD := $(BIN)/pytest -q -n auto --dist worksteal $(PYTEST_ARGS)

# root installs Debian packages directly; anyone else needs sudo.
SUDO := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && echo sudo)

LINT_PATHS := src tests benchmarks

.PHONY: help install run test test-postgres lint bench bench-postgres audit clean distclean chromium messages gettext

help: ## List the targets
	@echo "IKZ-Cockpit - make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'
	@echo "Variables: PYTEST_ARGS='...' (extra pytest arguments), NO_TESTS_OK=1"

install: $(PY_STAMP) $(NODE_STAMP) $(VENDOR_STAMP) ## Create .venv, install the package with dev extras, npm packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[dev]'
	touch $@

# package-lock.json is optional: without it, `npm install` writes one.
$(NODE_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	touch $@

$(VENDOR_STAMP): $(NODE_STAMP) scripts/vendor_static.py
	$(PYTHON) scripts/vendor_static.py
	touch $@

run: install ## Migrate, load the demo data if the DB is empty, serve on 127.0.0.1:8000
	mkdir -p var
	IKZ_DEV=1 $(BIN)/ikz migrate --noinput
	IKZ_DEV=1 $(BIN)/ikz demo --if-empty
	IKZ_DEV=1 $(BIN)/ikz runserver 127.0.0.1:8000

# Debian's chromium for the Playwright tests; Playwright never downloads a browser here.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian chromium for the browser tests"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

# GNU gettext (xgettext, msgfmt) for makemessages/compilemessages.
gettext:
	@if ! command -v xgettext >/dev/null 2>&1; then \
		echo "Installing GNU gettext for the translation catalogues"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y gettext; \
	fi

# German is the source language; this refreshes the English catalogue (src/ikz/locale/en).
# It does not compile: a half-translated .mo would give English browsers a mixed UI. Once the
# .po is translated, run `IKZ_DEV=1 .venv/bin/ikz compilemessages` (see docs/architecture.md).
messages: install gettext ## Update the English translation catalogue (src/ikz/locale/en/.../django.po)
	cd src/ikz && IKZ_DEV=1 ../../$(BIN)/ikz makemessages -l en --ignore "*/migrations/*" \
		--no-obsolete

# Exit code 5 means "no tests collected": accepted only when NO_TESTS_OK is set.
define run_pytest
	$(1) $(PYTEST_CMD) || { rc=$$?; \
		if [ $$rc = 5 ] && [ -n "$(NO_TESTS_OK)" ]; then echo "pytest collected no tests (accepted: NO_TESTS_OK)"; \
		else exit $$rc; fi; }
endef

test: install chromium gettext ## Run the test suite (SQLite, browser tests in Debian chromium)
	$(call run_pytest,$(TEST_ENV))

test-postgres: install chromium gettext ## Run the test suite against a throwaway PostgreSQL cluster
	$(call run_pytest,scripts/with-postgres.sh env $(TEST_ENV))

# mypy's django-stubs plugin imports the settings, which need IKZ_DEV=1 (or a SECRET_KEY).
lint: install ## ruff check, ruff format --check, module size, layering, mypy, template lines
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/python scripts/check_module_size.py
	$(BIN)/lint-imports --no-cache
	IKZ_DEV=1 $(BIN)/mypy
	IKZ_DEV=1 $(BIN)/ikz makemigrations --check --dry-run
	$(BIN)/python scripts/break_template_lines.py --check

bench: install ## Run the benchmarks (make bench BENCH='dates' for a subset)
	IKZ_DEV=1 $(BIN)/python -m benchmarks $(BENCH)

audit: install ## pip-audit and npm audit --omit=dev (skipped with a message without a vulnerability database)
	scripts/audit.sh

bench-postgres: install ## The benchmarks against a throwaway PostgreSQL cluster (make bench-postgres BENCH='search')
	scripts/with-postgres.sh sh -c 'IKZ_DEV=1 IKZ_BENCH_DATABASE_URL="$$DATABASE_URL" $(BIN)/python -m benchmarks $(BENCH)'

clean: ## Remove var/, caches and the install stamps (keeps .venv and node_modules)
	rm -rf var .mypy_cache .ruff_cache .pytest_cache $(PY_STAMP) $(NODE_STAMP)
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true

distclean: clean ## Also remove .venv and node_modules
	rm -rf $(VENV) node_modules
