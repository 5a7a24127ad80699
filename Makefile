PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test test-all bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(BIN)/hoinghi $(ARGS)

# the suite in parallel, less the tests marked slow (see tests/matrix.py); test-all runs them too
JOBS ?= 2

test: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) $(ARGS)

test-all: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --slow $(ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench.run_store $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
