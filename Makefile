# One way to run things. Every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
MODEL  := src/eventwire/models/classifier.pkl
SHARED ?= ../shared

.PHONY: install web browser train demo test bench lint clean

GAZETTEER_STAMP := $(VENV)/.gazetteer

install: $(STAMP) $(MODEL) $(GAZETTEER_STAMP) web

# The dashboard: npm packages pinned in web/package-lock.json, bundled by esbuild into
# the Python package (src/eventwire/web/static/, which is built, not committed).
# Rebuilt only when its sources, the lock file or the PLOVER table it reads change.
WEB_STAMP   := src/eventwire/web/static/.built
WEB_SOURCES := $(wildcard web/src/*) web/build.mjs web/package.json web/package-lock.json src/eventwire/data/plover.json

web: $(WEB_STAMP)

$(WEB_STAMP): $(WEB_SOURCES)
	@command -v npm >/dev/null || { echo "npm is needed to build the dashboard (apt-get install -y nodejs npm)"; exit 1; }
	cd web && npm ci --no-audit --no-fund
	cd web && node build.mjs
	touch $@

# Debian's chromium for the browser tests (Playwright cannot download its own here);
# if it cannot be installed the browser tests skip and say why.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; } \
	  || echo "chromium could not be installed: the browser tests will be skipped"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(MODEL): $(STAMP) $(wildcard src/eventwire/training/*.py src/eventwire/training/*.json src/eventwire/coding/classifier.py)
	$(PY) -m eventwire.training.train --out $(MODEL)

# The gazetteer lives in the user's data dir (or $$EVENTWIRE_GAZETTEER); it would also
# build itself on first use, this just does it up front.
$(GAZETTEER_STAMP): $(STAMP) $(wildcard src/eventwire/places/*.py src/eventwire/data/places/*.json)
	$(VENV)/bin/eventwire gazetteer info >/dev/null
	touch $(GAZETTEER_STAMP)

train: $(STAMP)
	$(PY) -m eventwire.training.train --out $(MODEL)

demo: install
	@mkdir -p out
	$(VENV)/bin/eventwire extract samples/articles.jsonl samples/txt samples/html --format table
	$(VENV)/bin/eventwire extract samples/articles.jsonl samples/txt samples/html --format jsonl -o out/sample-events.jsonl
	@echo "events written to out/sample-events.jsonl"
	rm -f out/demo.duckdb out/demo.duckdb.wal
	$(VENV)/bin/eventwire ingest samples/articles.jsonl samples/txt samples/html --db out/demo.duckdb
	@echo "dashboard: http://127.0.0.1:8000/  (token for corrections: demo; Ctrl-C stops it)"
	$(VENV)/bin/eventwire serve --db out/demo.duckdb --port 8000 --token demo

test: install browser
	$(VENV)/bin/pytest

bench: install
	$(PY) bench/accuracy.py --shared $(SHARED)
	$(PY) bench/places.py --shared $(SHARED)
	$(PY) bench/dates.py --shared $(SHARED)
	$(PY) bench/speed.py --shared $(SHARED)
	$(PY) bench/memory.py
	test -f out/corpus.jsonl || $(PY) tools/make_corpus.py -o out/corpus.jsonl
	$(PY) bench/ingest.py
	$(PY) bench/dedup.py --corpus out/corpus.jsonl
	$(PY) bench/query.py
	$(PY) bench/serve.py

# Both linters always run, so one pass reports every problem; fails if either fails.
lint: install
	@status=0; \
	$(VENV)/bin/ruff check src tests bench tools || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) out build dist src/*.egg-info $(MODEL) web/node_modules src/eventwire/web/static
