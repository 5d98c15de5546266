# Cluster Dialogue — `make run` serves the platform with the real data; `make test` runs the suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
CLI := $(VENV)/bin/clusterdialogue
PYTEST := $(VENV)/bin/pytest
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/clusterdialogue
export CLUSTERDIALOGUE_HOME := $(CURDIR)

.PHONY: run test install system-deps browser-deps lint format test-sqlite test-postgres bench clean requirements

run: install system-deps
	$(CLI) setup
	$(CLI) serve --bind 127.0.0.1:8000

test: install system-deps browser-deps lint test-sqlite test-postgres

install: $(VENV)/.installed

# uv installs from the lock file in seconds; plain pip with requirements.txt works too.
$(VENV)/.installed: pyproject.toml uv.lock requirements.txt
	@if command -v uv >/dev/null 2>&1 || python3 -m pip install -q uv >/dev/null 2>&1; then \
		uv sync --frozen --python python3.11 2>&1 | tail -n 3; \
	else \
		echo "uv is not available; installing with pip (slower)"; \
		python3 -m venv $(VENV) && $(VENV)/bin/pip install -q -r requirements.txt && \
		$(VENV)/bin/pip install -q --no-deps -e .; \
	fi
	@touch $@

requirements:
	uv export --frozen --all-groups --no-hashes --no-emit-project -o requirements.txt >/dev/null

# WeasyPrint (agendas and minutes as PDF) needs Pango and HarfBuzz; the tests render PDFs to PNG
# with poppler's pdftoppm. Install what is missing, or say why it cannot be.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing $$missing"; \
		(apt-get update -qq && apt-get install -y -qq $$missing >/dev/null) || \
		echo "warning: could not install $$missing (needs root and Debian's apt); PDF output and its tests need them"; \
	fi

# Browser tests need Debian's Chromium; install it when missing, or say why it cannot be.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "warning: could not install chromium (needs root and Debian's apt); browser tests will be skipped"; }

lint: install
	$(VENV)/bin/ruff check src tests benchmarks docs conftest.py
	$(VENV)/bin/ruff format --check src tests benchmarks docs conftest.py
	DJANGO_SETTINGS_MODULE=clusterdialogue.config.settings_test $(PY) manage.py makemigrations --check --dry-run >/dev/null

format: install
	$(VENV)/bin/ruff check --fix src tests benchmarks docs conftest.py
	$(VENV)/bin/ruff format src tests benchmarks docs conftest.py

test-sqlite: install
	$(PYTEST) -q

# The database-facing tests again on PostgreSQL; skipped with the reason when no server answers.
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -q -m "not browser and not slow" \
		src/clusterdialogue tests

bench: install
	$(PY) benchmarks/mapping_engine.py
	$(PY) benchmarks/import_and_pages.py
	$(PY) benchmarks/complexity.py
	$(PY) benchmarks/directory_search.py
	$(PY) benchmarks/matching.py --profiles 100000 --workers 2
	$(PY) benchmarks/consortium.py

clean:
	rm -rf var .venv
