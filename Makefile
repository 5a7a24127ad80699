PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)

.PHONY: run test test-all lint lock kit bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# every dependency (runtime and test) from the lock, checked by hash; then the project itself
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(BIN)/hoinghi $(ARGS)

# the suite in parallel, less the tests marked slow (see tests/matrix.py); test-all runs them too.
# Three workers on two cores: a worker waiting on a subprocess, an fsync or Syncthing leaves its
# core to another (2 workers: 97 s, 3: 78 s on this 2-core machine, idle). Bytecode and pytest's
# rewritten test modules are cached even where the environment sets PYTHONDONTWRITEBYTECODE.
JOBS ?= 3
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(JOBS) --dist loadgroup

test: $(STAMP)
	$(PYTEST) $(ARGS)

# a small rule set (pyproject's [tool.ruff]): undefined names, unused imports; then dead code
# (pyproject's [tool.vulture], vulture_whitelist.py). The linters are tools of the house, not of
# the app: pinned here, not in the lock
lint: $(STAMP)
	$(BIN)/python -m pip install --quiet "ruff==0.17.6" "vulture==2.16"
	$(BIN)/ruff check store tui wording tests bench scripts
	$(BIN)/vulture

test-all: $(STAMP)
	$(PYTEST) --slow $(ARGS)

# solve the lock again after a change of pyproject.toml, keeping the versions it has where it
# can (UPGRADE=--upgrade moves every package to its newest allowed version): one lock for
# CPython 3.10-3.13 on every platform, each version with the hashes of all its files
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv>=0.5,<1"
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.10 \
		--generate-hashes --no-config $(UPGRADE) -o $(LOCK)

# dist/hoinghi-kit-VERSION.zip: the offline install kit (scripts/build_kit.py)
kit: $(STAMP)
	$(BIN)/python scripts/build_kit.py

bench: $(STAMP)
	$(BIN)/python -m bench.run_store $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info
