# IO Atlas — every target creates .venv itself, so each works alone on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
LINKCHECK_MAX_AGE ?= 7

.PHONY: help serve build offline validate generate test lint fmt bench linkcheck check-links browser clean

help:
	@echo "make serve     build and serve the site on http://$(ADDR) with live reload"
	@echo "make build     build site/ (validate, generate, mkdocs build --strict)"
	@echo "make offline   build dist/ioatlas-offline-<data date>.zip: the site for reading from disk, search included"
	@echo "make validate  check every record; exit 1 on any error"
	@echo "make fmt       write records (and schema/) in the canonical layout"
	@echo "make test      lint and run every test (needs Debian's chromium for browser tests)"
	@echo "make bench     time, memory and size at 1k/5k/10k synthetic records vs MkDocs alone and a plain floor (slow)"
	@echo "make linkcheck check outside links (network; cached in .cache/, see linkcheck-allowlist.yaml)"
	@echo "make check-links  build site/, then check its local links, anchors and orphans offline"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/ioatlas serve --dev-addr $(ADDR)

build: $(STAMP)
	$(BIN)/ioatlas build

# The site as one zip that opens from disk (file://), search included; releases attach it (release.yml).
offline: $(STAMP)
	$(BIN)/ioatlas offline

validate: $(STAMP)
	$(BIN)/ioatlas validate

generate: $(STAMP)
	$(BIN)/ioatlas generate

fmt: $(STAMP)
	$(BIN)/ioatlas fmt

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ioatlas fmt --check
	$(BIN)/zizmor --offline --no-progress --quiet .github
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml

browser:
	@command -v chromium >/dev/null || { echo "chromium is missing: run 'sudo apt-get install chromium' (CI's .ci/run installs it)"; exit 1; }

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q

# Outside links need the network, so this is never part of `make test`; results are cached for a week.
linkcheck: $(STAMP)
	$(BIN)/ioatlas linkcheck --max-age-days $(LINKCHECK_MAX_AGE) --report linkcheck-report.md

check-links: $(STAMP)
	$(BIN)/ioatlas check-links --build

bench: $(STAMP)
	$(BIN)/ioatlas bench --report docs/contributing/benchmark.md

clean:
	rm -rf site .site-* .pytest_cache dist
