# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
EXT_STAMP := extension/node_modules/.installed

.PHONY: install install-py install-ext run test test-py test-ext test-photos lint screenshots bench dist clean

install: install-py install-ext

install-py: $(STAMP)

# Re-runs only when the dependency list changes (idempotent).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests need Debian's Chromium and playwright-core (no browser download); the dist test reads zips with unzip.
install-ext: $(EXT_STAMP)

$(EXT_STAMP): extension/package.json extension/package-lock.json
	dpkg -s chromium fonts-noto-color-emoji unzip >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji unzip)
	cd extension && npm ci --no-audit --no-fund
	touch $(EXT_STAMP)

run: install-py
	$(VENV)/bin/postguard serve

test: install test-py test-ext

test-py: install-py test-photos
	$(PY) -m pytest

# Real photographs for the image tests and bench, from Debian packages (apt-get download, no install).
test-photos:
	$(PY) bench/images/fetch_photos.py

test-ext: install
	cd extension && npm test

# The browser tests write screenshots to the ignored test-results/screenshots/ (a test run leaves
# the tree clean); this runs them and publishes the pictures to docs/screenshots/.
screenshots: test-ext
	mkdir -p docs/screenshots
	cp test-results/screenshots/*.png docs/screenshots/

# Gates: ruff (lint + format), mypy (config in pyproject.toml), eslint (extension/eslint.config.js).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	cd extension && npx --no-install eslint .

bench: install-py
	$(PY) bench/run_all.py

# What a school deploys: the wheel (pip/pipx), the Chrome/Edge zip and the Firefox .xpi,
# all with the version in daemon/postguard/__init__.py. The extension build runs web-ext lint.
dist: install
	rm -rf dist build
	$(PY) -m pip wheel --no-deps --quiet -w dist .
	rm -rf build daemon/postguard.egg-info
	cd extension && node scripts/build.mjs --out ../dist
	@ls -1 dist

clean:
	rm -rf $(VENV) extension/node_modules .pytest_cache dist build
