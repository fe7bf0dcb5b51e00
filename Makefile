# Two commands set everything up on a bare machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

.PHONY: install run dev test test-fast browser-deps lint format check messages bench-pages bench-search clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Run the site with demo content on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set),
## served as production serves it: gunicorn, DEBUG off, static files by WhiteNoise.
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bootstrap_demo
	scripts/serve-local $(HOST)

## The same site on Django's autoreloading development server (DEBUG on).
dev: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bootstrap_demo
	$(BIN)/python manage.py runserver $(HOST)

## Browser tests drive Debian's Chromium; install it when it is missing and we can.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: sudo apt-get install chromium"; exit 1; \
	  fi; }

## The whole test suite (SQLite unless DATABASE_URL is set).
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

## Everything but the browser tests.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

## ruff, and the apps' import layers (import-linter; contracts in pyproject.toml). site/ is
## the source root, so it goes on the path for lint-imports.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=site $(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## Interface text (README, "Interface text"): English msgids from templates and code into the
## hand-written zh_Hans catalogue, zh_Hant generated from it with OpenCC, both compiled.
## makemessages and compilemessages need GNU gettext (apt-get install gettext).
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=site/demo
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/python manage.py make_traditional_catalogue
	$(BIN)/python manage.py compilemessages -l zh_Hans -l zh_Hant $(MESSAGES_IGNORE)

## Page benchmark at 40,000 organizations (see bench/README.md).
bench-pages: $(STAMP)
	$(BIN)/python bench/pages.py

## Search benchmark at 40,000 organizations: index build time, 60 queries.
bench-search: $(STAMP)
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-shm db.sqlite3-wal
