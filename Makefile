# ofsc 3: build, test and run everything from a clean clone.
#   make demo     any one Python >= 3.12, nothing else: the spec, .venv with the SDK and its
#                 generator, generate, run examples/demo.py against a local mock OFS
#   make test     Python 3.12 and 3.13, Node.js and npm: lint, type-check, the whole suite on
#                 3.12 (with the coverage gate), the interpreter-dependent tests on 3.13
# Every set-up first checks that the pinned spec can be had (`make specs`), before any
# virtualenv or npm step.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHONS      ?= 3.12 3.13
PY_MAIN      := $(firstword $(PYTHONS))
PY_OTHERS    := $(wordlist 2,$(words $(PYTHONS)),$(PYTHONS))
VENV         ?= .venv
SPEC_VERSION ?=
SPEC_SOURCE  ?=
PYTEST_ARGS  ?=

venv_for = $(if $(filter $(PY_MAIN),$(1)),$(VENV),$(VENV)-$(1))
PY   := $(VENV)/bin/python
SPEC_ARGS := $(if $(SPEC_VERSION),--version $(SPEC_VERSION))

.PHONY: help install specs generate lint typecheck test demo clean

help:
	@echo "make demo      - check the spec, set up .venv, generate, run the demo against a local mock OFS"
	@echo "                 (one Python >= 3.12; no Node.js; about 30 s from a fresh clone)"
	@echo "make test      - set up, lint, type-check; every test on Python $(PY_MAIN) with the coverage gate,"
	@echo "                 the interpreter-dependent ones on $(or $(PY_OTHERS),no other Python) (needs Node.js and npm)"
	@echo "make test-live - the tests against a real OFS (config.test.toml; OFSC_ENV=name, OFSC_WRITE=1)"
	@echo "make coverage  - run the tests with branch coverage of ofsc/ and codegen/, HTML in htmlcov/"
	@echo "make specs     - bring in the pinned spec (SPEC_SOURCE=path-or-url, SPEC_VERSION=...)"
	@echo "make generate  - regenerate generated/ from the pinned spec"
	@echo "make docs      - build the documentation site into site/"
	@echo "make regenerate - take a new spec (SPEC_SOURCE=path-or-url): pin, regenerate, show what changed"
	@echo "make build     - sdist and wheel for a pinned spec (SPEC_VERSION=..., default current) into dist/"
	@echo "make mutation  - mutation testing of the policy modules (MODULES=ofsc/_retry.py ... for some,"
	@echo "                 MUTATION_JOBS=1 for one test process at a time; default: one per core)"
	@echo "make bench     - benchmarks (a few minutes): calls, throughput and paging against raw httpx, raw aiohttp"
	@echo "                 and ofsc 2.27.2 (Python 3.13) on a loopback server; workflows, start-up; code"
	@echo "                 generation against openapi-python-client (writes benchmarks/RESULTS.md)"
	@echo "make clean     - remove the virtualenvs, generated/, the cached spec and the tools' caches"

install: specs $(foreach v,$(PYTHONS),$(call venv_for,$(v))/.installed) node_modules/.installed generate

# The pinned spec, checked first with any Python >= 3.12 and nothing installed (codegen's
# fetch needs only the standard library): a missing spec is said before minutes of set-up.
specs:
	@python=$$(tools/find-python $(PY_MAIN)+) && \
	  $$python -m codegen fetch $(SPEC_ARGS) $(if $(SPEC_SOURCE),--source '$(SPEC_SOURCE)')

# .venv with the SDK and its generator: all that `make demo` and `make generate` need. Any
# Python from $(PY_MAIN) up will do (tools/make-venv makes it again if `make test` then
# needs exactly $(PY_MAIN)).
$(VENV)/.installed-run: pyproject.toml | specs
	@tools/make-venv $(VENV) $(PY_MAIN)+ codegen
	@touch $@

# The test virtualenvs, with every development tool: .venv on $(PY_MAIN), .venv-X.Y for the others.
$(VENV)/.installed: $(VENV)/.installed-run
	@tools/make-venv $(VENV) $(PY_MAIN) dev
	@touch $@ $(VENV)/.installed-run

$(VENV)-%/.installed: pyproject.toml | specs
	@tools/make-venv $(VENV)-$* $* dev
	@touch $@

# Node tools the tests run (Prism, the spec-driven referee), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  echo "make test needs Node.js (18 or later) and npm: the tests run Prism, an npm package pinned" \
	       "in package-lock.json, as an independent referee. Install them (your system's nodejs and npm" \
	       "packages, or https://nodejs.org) and run make test again; make demo needs neither." >&2; \
	  exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

generate: specs $(VENV)/.installed-run
	@$(PY) -m codegen generate $(SPEC_ARGS) --timings

.PHONY: regenerate build

# Take a new spec from Oracle: pin it as current, regenerate, and print what changed for
# SDK users (also written to build/spec-diff.md and build/spec-diff.json). See docs/RELEASING.md.
regenerate: $(VENV)/.installed-run
	@$(if $(SPEC_SOURCE),,$(error set SPEC_SOURCE to the new spec's path or URL))
	@$(PY) -m codegen update --source '$(SPEC_SOURCE)' --markdown build/spec-diff.md --json build/spec-diff.json

# An sdist and a wheel for one pinned spec (default: current), staged in build/, into dist/.
build: specs $(VENV)/.installed
	@$(PY) -m codegen build $(SPEC_ARGS)

lint: install
	$(VENV)/bin/ruff check ofsc codegen tests generated examples docs benchmarks
	$(VENV)/bin/ruff format --check ofsc codegen tests generated examples docs benchmarks

typecheck: install
	$(VENV)/bin/mypy ofsc generated/ofsc_generated codegen benchmarks

# The whole suite runs once, on $(PY_MAIN): every folder under tests/ (new ones included), in
# parallel, with branch coverage of ofsc/ and codegen/; pytest-cov prints the total and fails
# the run below [tool.coverage.report] fail_under. Each other Python runs the same suite less
# TESTS_ONCE, the tests whose outcome cannot depend on the interpreter running them, so a
# test is repeated only where a second Python can change what it proves:
#   tests/livemock    Prism referees the bytes the SDK sends and the bodies it parses: those
#                     are the same on every Python; the SDK's own behaviour on each Python is
#                     what tests/facade, tests/mock, tests/models and tests/testing run.
#   tests/codegen     the generator runs on $(PY_MAIN) only (make generate); its output is what
#                     every other test imports, on each Python.
#   tests/bench       the benchmark harness's smoke test (make bench runs on .venv).
#   docs/test_site.py, docs/test_notebooks.py
#                     the documentation site and the notebooks, built and run once.
#   testing/test_schemathesis.py  an outside tool checks the mock against the spec over HTTP; the mock's
#                     behaviour on each Python is what the rest of tests/testing runs.
# A run of another Python that selects no test (PYTEST_ARGS naming only these) passes.
TESTS_ONCE := --ignore=tests/livemock --ignore=tests/codegen --ignore=tests/bench \
  --ignore=tests/docs/test_site.py --ignore=tests/docs/test_notebooks.py \
  --ignore=tests/testing/test_schemathesis.py
TEST_ARGS := -m "not live" -n auto
COVERAGE  := --cov --cov-report=

test: install lint typecheck
	@echo "=== pytest on Python $(PY_MAIN) ($(VENV)): the whole suite, with coverage"
	$(PY) -m pytest $(TEST_ARGS) $(COVERAGE) $(PYTEST_ARGS)
	@set -e; for v in $(PY_OTHERS); do \
	  echo "=== pytest on Python $$v ($(VENV)-$$v): the suite less what runs once (TESTS_ONCE)"; \
	  $(VENV)-$$v/bin/python -m pytest $(TEST_ARGS) $(TESTS_ONCE) $(PYTEST_ARGS) || [ $$? -eq 5 ]; \
	done

.PHONY: test-live coverage
test-live: install
	$(PY) -m pytest tests/live $(if $(OFSC_ENV),--ofsc-env '$(OFSC_ENV)') $(if $(OFSC_WRITE),--ofsc-write) $(PYTEST_ARGS)

coverage: install
	$(PY) -m pytest $(TEST_ARGS) --cov --cov-report=term-missing:skip-covered --cov-report=html $(PYTEST_ARGS)
	@echo "HTML report: htmlcov/index.html"

demo: generate
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
MUTATION_JOBS ?=
mutation: install $(VENV)/.mutation-installed
	@$(PY) tests/mutation/driver.py $(if $(MUTATION_JOBS),--max-children $(MUTATION_JOBS)) $(MODULES)

$(VENV)/.mutation-installed: pyproject.toml $(VENV)/.installed
	@tools/make-venv $(VENV) $(PY_MAIN) dev,mutation
	@touch $@

# Benchmarks against a loopback OFS-like server; ofsc 2.27.2 (on Python 3.13, found by
# tools/find-python) and openapi-python-client get virtualenvs of their own under build/
# (see benchmarks/run.py). Not part of `make test`.
.PHONY: bench
bench: install $(VENV)/.bench-installed
	@$(PY) -m benchmarks

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(VENV)/bin/python -m pip install -q -e '.[dev,bench]'
	touch $@

clean:
	rm -rf $(VENV) $(VENV)-* generated/ofsc_generated generated/openapi.normalised.json specs/cache .mypy_cache .pytest_cache .ruff_cache
