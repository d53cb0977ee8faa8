# ofsc 3: build, test and run everything from a clean clone.
#   make demo     install, generate, run examples/demo.py against a local mock OFS
#   make test     install, generate, lint, type-check, run the tests (Python 3.12 and 3.13)

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHONS      ?= 3.12 3.13
PY_MAIN      := $(firstword $(PYTHONS))
VENV         ?= .venv
SPEC_VERSION ?=
SPEC_SOURCE  ?=
PYTEST_ARGS  ?=

venv_for = $(if $(filter $(PY_MAIN),$(1)),$(VENV),$(VENV)-$(1))
PY   := $(VENV)/bin/python
SPEC_ARGS := $(if $(SPEC_VERSION),--version $(SPEC_VERSION))

.PHONY: help install venvs specs generate lint typecheck test test-py pytest demo clean

help:
	@echo "make demo      - install, generate and run the demo against a local mock OFS"
	@echo "make test      - install, generate, lint, type-check and test on Python $(PYTHONS)"
	@echo "make test-live - the tests against a real OFS (config.test.toml; OFSC_ENV=name, OFSC_WRITE=1)"
	@echo "make coverage  - run the tests with branch coverage of ofsc/ and codegen/, HTML in htmlcov/"
	@echo "make specs     - bring in the pinned spec (SPEC_SOURCE=path-or-url, SPEC_VERSION=...)"
	@echo "make generate  - regenerate generated/ from the pinned spec"
	@echo "make docs      - build the documentation site into site/"
	@echo "make regenerate - take a new spec (SPEC_SOURCE=path-or-url): pin, regenerate, show what changed"
	@echo "make build     - sdist and wheel for a pinned spec (SPEC_VERSION=..., default current) into dist/"
	@echo "make mutation - mutation testing of the policy modules (MODULES=ofsc/_retry.py ... for some)"
	@echo "make bench     - benchmarks against raw httpx, aiohttp, ofsc 2.x, openapi-python-client (writes benchmarks/RESULTS.md)"

# One virtualenv per Python version; the first is the main one (.venv).
install: $(foreach v,$(PYTHONS),$(call venv_for,$(v))/.installed) node_modules/.installed generate

# Node tools the tests run (Prism, the live-mock referee), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

%/.installed: pyproject.toml
	@set -e; ver=$(if $(findstring -,$*),$(lastword $(subst -, ,$*)),$(PY_MAIN)); \
	python=$$(tools/find-python $$ver); \
	echo "creating $* with $$python"; \
	[ -x $*/bin/python ] || $$python -m venv $*; \
	$*/bin/python -m pip install -q --upgrade pip; \
	$*/bin/python -m pip install -q -e '.[dev]'; \
	touch $@

specs: $(VENV)/.installed
	@$(PY) -m codegen fetch $(SPEC_ARGS) $(if $(SPEC_SOURCE),--source '$(SPEC_SOURCE)')

generate: specs
	@$(PY) -m codegen generate $(SPEC_ARGS) --timings

.PHONY: regenerate build

# Take a new spec from Oracle: pin it as current, regenerate, and print what changed for
# SDK users (also written to build/spec-diff.md and build/spec-diff.json). See docs/RELEASING.md.
regenerate: $(VENV)/.installed
	@$(if $(SPEC_SOURCE),,$(error set SPEC_SOURCE to the new spec's path or URL))
	@$(PY) -m codegen update --source '$(SPEC_SOURCE)' --markdown build/spec-diff.md --json build/spec-diff.json

# An sdist and a wheel for one pinned spec (default: current), staged in build/, into dist/.
build: specs
	@$(PY) -m codegen build $(SPEC_ARGS)

lint: install
	$(VENV)/bin/ruff check ofsc codegen tests generated examples docs benchmarks
	$(VENV)/bin/ruff format --check ofsc codegen tests generated examples docs benchmarks

typecheck: install
	$(VENV)/bin/mypy ofsc generated/ofsc_generated codegen benchmarks

test: install lint typecheck
	@set -e; for v in $(PYTHONS); do \
	  venv=$$( [ "$$v" = "$(PY_MAIN)" ] && echo $(VENV) || echo $(VENV)-$$v ); \
	  echo "=== pytest on Python $$v ($$venv)"; \
	  $$venv/bin/python -m pytest $(TEST_ARGS) $(PYTEST_ARGS); \
	done

# Every layer but the live one, in parallel, with branch coverage of ofsc/ and codegen/:
# pytest-cov prints the total and fails the run below [tool.coverage.report] fail_under.
TEST_ARGS := -m "not live" -n auto --cov --cov-report=
OFSC_ENV   ?=
OFSC_WRITE ?=

.PHONY: test-live coverage
test-live: install
	$(PY) -m pytest tests/live $(if $(OFSC_ENV),--ofsc-env '$(OFSC_ENV)') $(if $(OFSC_WRITE),--ofsc-write) $(PYTEST_ARGS)

coverage: install
	$(PY) -m pytest -m "not live" -n auto --cov --cov-report=term-missing:skip-covered --cov-report=html $(PYTEST_ARGS)
	@echo "HTML report: htmlcov/index.html"

demo: install
	@$(PY) examples/demo.py

# The documentation site into site/: guides, examples, and the API and model reference
# generated from the code; strict, so a broken link or reference fails (docs/build_site.py).
.PHONY: docs
docs: install
	@$(PY) docs/build_site.py --site-dir site

# Mutation testing of the policy modules, each against its own tests (tests/mutation/):
# prints the kill rate per module and every surviving mutant. Not part of `make test`.
.PHONY: mutation
MODULES ?=
mutation: install $(VENV)/.mutation-installed
	@$(PY) tests/mutation/driver.py $(MODULES)

$(VENV)/.mutation-installed: pyproject.toml $(VENV)/.installed
	$(VENV)/bin/python -m pip install -q -e '.[dev,mutation]'
	touch $@

# Benchmarks against a loopback OFS-like server; ofsc 2.x and openapi-python-client get
# virtualenvs of their own under build/ (see benchmarks/run.py). Not part of `make test`.
.PHONY: bench
bench: install $(VENV)/.bench-installed
	@$(PY) -m benchmarks

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(VENV)/bin/python -m pip install -q -e '.[dev,bench]'
	touch $@

clean:
	rm -rf $(VENV) $(VENV)-* generated/ofsc_generated generated/openapi.normalised.json specs/cache .mypy_cache .pytest_cache .ruff_cache
