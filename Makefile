# Two commands on a fresh clone: `make demo` and `make test`.
# Each target creates .venv when needed and reinstalls only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test fuzz lint docs catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.stamp-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.stamp-lint: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,lint]"
	touch $@

$(VENV)/.stamp-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

demo: $(VENV)/.stamp-base
	$(BIN)/goalchain demo

# The suite runs on every core (pytest-xdist); -n 0 in PYTEST_ARGS runs it in one process.
test: $(VENV)/.stamp-test
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The fuzzers of every reader of untrusted input, with many examples (minutes).
fuzz: $(VENV)/.stamp-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz -p no:cacheprovider

# Message catalogs: extract the messages from the code, update each language's
# catalog (translate what is new in the .po files), and compile them to .mo.
LOCALE := src/goalchain/_i18n/locale
catalogs: $(VENV)/.stamp-test
	$(BIN)/pybabel -q extract -F babel.cfg --ignore-dirs ".* __pycache__" -k Plural:1,2 --no-location --sort-output --project goalchain -o $(LOCALE)/goalchain.pot .
	$(BIN)/pybabel -q update -i $(LOCALE)/goalchain.pot -d $(LOCALE) -D goalchain --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel -q compile -d $(LOCALE) -D goalchain

lint: $(VENV)/.stamp-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs: $(VENV)/.stamp-docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis
