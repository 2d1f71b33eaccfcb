# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
EXT_STAMP := extension/node_modules/.installed

.PHONY: install install-py install-ext run test test-py test-ext bench clean screenshots

install: install-py install-ext

install-py: $(STAMP)

# Re-runs only when the dependency list changes (idempotent).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests need Debian's Chromium and playwright-core (no browser download).
install-ext: $(EXT_STAMP)

$(EXT_STAMP): extension/package.json extension/package-lock.json
	dpkg -s chromium fonts-noto-color-emoji >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji)
	cd extension && npm ci --no-audit --no-fund
	touch $(EXT_STAMP)

run: install-py
	$(VENV)/bin/postguard serve

test: install test-py test-ext

test-py: install-py
	$(PY) -m pytest

test-ext: install
	cd extension && npm test

# Tests write screenshots to extension/test-results/screenshots (ignored), so a
# test run leaves the tree clean; this copies them into docs/ when meant.
screenshots:
	@test -n "$$(ls extension/test-results/screenshots/*.png 2>/dev/null)" || { echo "No screenshots yet: run make test-ext first."; exit 1; }
	mkdir -p docs/screenshots
	cp extension/test-results/screenshots/*.png docs/screenshots/

bench: install-py
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) extension/node_modules .pytest_cache
