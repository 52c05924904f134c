# twinning-analysis: `make run` sets up and reruns the whole pipeline offline; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check --no-warn-script-location
# pip warns about find-links folders of the machine's pip.conf that do not exist: not ours to report
QUIET_PIP := 2> >(grep -v "is ignored: it is neither a file" >&2)

.DEFAULT_GOAL := help
.PHONY: help setup run figures notebooks test browser bench lab clean

help: ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The venv starts without pip (bootstrapping pip alone takes seconds); pip puts uv (pinned in constraints.txt)
# into it, and uv installs the same pinned constraints several times faster. Should either fail, the venv gets its
# own pip and pip installs the same pins.
$(STAMP): pyproject.toml constraints.txt
	rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV)
	if $(PYTHON) -m pip --python $(BIN)/python install $(PIP_FLAGS) -c constraints.txt uv $(QUIET_PIP) \
	    && $(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt -e '.[test]'; then :; else \
	  echo "make: uv did not install the environment; using pip (slower)" >&2; \
	  $(BIN)/python -m ensurepip --default-pip >/dev/null \
	    && $(BIN)/python -m pip install $(PIP_FLAGS) -c constraints.txt -e '.[test]' $(QUIET_PIP); fi
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project with pinned dependencies

run: $(STAMP) ## run the whole pipeline offline: raw data -> tables -> figures -> notebooks
	$(BIN)/twinning run

figures: $(STAMP) ## redraw just the figures
	$(BIN)/twinning figures

notebooks: $(STAMP) ## execute just the notebooks
	$(BIN)/twinning notebooks

test: $(STAMP) ## run the test suite (offline)
	$(BIN)/python -m pytest

browser: ## install Debian's Chromium for the browser tests (apt-get; as root or via sudo)
	@if command -v chromium >/dev/null; then echo "chromium: $$(chromium --version 2>/dev/null)"; else \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; fi

bench: $(STAMP) ## run the benchmarks (prints figures for the README)
	$(BIN)/python benchmarks/bench_geocode.py
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_world.py

lab: $(STAMP) ## build the tables if out of date, then open JupyterLab on the notebooks
	$(BIN)/twinning tables
	$(BIN)/jupyter lab --notebook-dir=notebooks

clean: ## remove build output (figures, reports, caches); raw data is never touched
	rm -rf figures/*.png figures/*.svg figures/*.pdf reports .cache data/processed/.state.json
