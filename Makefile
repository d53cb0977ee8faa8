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
	@echo "make specs     - bring in the pinned spec (SPEC_SOURCE=path-or-url, SPEC_VERSION=...)"
	@echo "make generate  - regenerate generated/ from the pinned spec"

# One virtualenv per Python version; the first is the main one (.venv).
install: $(foreach v,$(PYTHONS),$(call venv_for,$(v))/.installed) generate

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

lint: install
	$(VENV)/bin/ruff check ofsc codegen tests generated
	$(VENV)/bin/ruff format --check ofsc codegen tests generated

typecheck: install
	$(VENV)/bin/mypy ofsc generated/ofsc_generated codegen

test: install lint typecheck
	@set -e; for v in $(PYTHONS); do \
	  venv=$$( [ "$$v" = "$(PY_MAIN)" ] && echo $(VENV) || echo $(VENV)-$$v ); \
	  echo "=== pytest on Python $$v ($$venv)"; \
	  $$venv/bin/python -m pytest $(PYTEST_ARGS); \
	done

demo: install
	@$(PY) examples/demo.py

clean:
	rm -rf $(VENV) $(VENV)-* generated/ofsc_generated generated/openapi.normalised.json specs/cache .mypy_cache .pytest_cache .ruff_cache
