# The two set-up commands: `make run` serves the site, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

TRANSLATIONS := webapp/translations
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

.PHONY: system-packages run test test-fast lint lock index translations messages bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Installs come only from the lock files: every transitive dependency pinned with its hashes.
$(VENV)/.runtime: requirements.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	touch $@

# After changing the dependencies in pyproject.toml: re-resolve both lock files.
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-header
lock: $(VENV)/.dev
	$(LOCK) --output-file requirements.lock pyproject.toml
	$(LOCK) --allow-unsafe --extra dev --output-file requirements-dev.lock pyproject.toml

index: $(VENV)/.runtime translations
	$(BIN)/python -m search_index build --if-missing

# Compiled catalogues (*.mo) are build products, not committed: the .po files are the source.
translations: $(CATALOGUES)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(VENV)/.runtime
	$(BIN)/pybabel compile --statistics -d $(TRANSLATIONS) -l $* -o $@ -i $<

# After changing UI strings: re-extract, merge into every .po, then translate the new entries.
messages: $(VENV)/.runtime
	$(BIN)/pybabel --quiet extract -F babel.cfg -k _l --no-location --sort-output \
	  --project="Vérif Relation Client France" -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

run: index
	PATH="$(CURDIR)/$(BIN):$$PATH" HOST=127.0.0.1 sh -c "$$(sed -n 's/^web: //p' Procfile)"

system-packages:
	scripts/system_packages.sh

# The whole suite: the unit and web tiers on every core, as test-fast, then every other tier
# (server, browser) one test at a time: they start servers and some wait on timings, so they get
# no extra contention.
test: $(VENV)/.dev translations system-packages lint
	$(BIN)/python -m pytest -n auto tests/unit tests/web
	$(BIN)/python -m pytest --ignore=tests/unit --ignore=tests/web

# Unit and web tiers only, on every core (pytest-xdist): no server, no browser, no database
# server; for the edit-test loop. The server tier runs the storage tests again on PostgreSQL.
test-fast: $(VENV)/.dev translations lint
	$(BIN)/python -m pytest -n auto tests/unit tests/web

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Benchmarks (scripts, not tests): synthetic registers under var/synth/, same-run baselines.
# wrk drives the HTTP part when installed (Debian package `wrk`), else a Python client.
bench: $(VENV)/.runtime translations
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null 2>&1 \
	  || echo "wrk not installed: the HTTP benchmark uses its Python client"
	$(BIN)/python -m bench
