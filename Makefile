# Two commands do everything: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean model

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Ingests the demo corpus into ./airdate.db (again: nothing new is stored), prints the board,
# then serves it at http://127.0.0.1:8000/ until Ctrl-C.
run: $(STAMP)
	$(BIN)/airdate ingest demo/articles
	$(BIN)/airdate list
	$(BIN)/airdate serve --host 127.0.0.1 --port 8000

# Retrains the shipped models (airdate/data/models) from the repository's annotations and the
# shared corpora beside it: title spotter, cast tagger, gate and judge, then thresholds chosen on the dev split.
model: $(STAMP)
	$(BIN)/python -m training.train

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check airdate tests benchmarks training
	$(BIN)/mypy airdate

lint: $(STAMP)
	$(BIN)/ruff check airdate tests benchmarks training
	$(BIN)/mypy airdate

bench: $(STAMP)
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/serve.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
