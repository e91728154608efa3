# One way to run things. Every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
MODEL  := src/eventwire/models/classifier.pkl
SHARED ?= ../shared

.PHONY: install train demo test bench lint clean

GAZETTEER_STAMP := $(VENV)/.gazetteer

install: $(STAMP) $(MODEL) $(GAZETTEER_STAMP)

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

test: install
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

# Both linters always run, so one pass reports every problem; fails if either fails.
lint: install
	@status=0; \
	$(VENV)/bin/ruff check src tests bench tools || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) out build dist src/*.egg-info $(MODEL)
