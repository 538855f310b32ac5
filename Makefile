# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make serve   build (every snippet executed) and serve on http://127.0.0.1:8000
#   make test    the whole test suite
PYTHON ?= python3.11
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test bench bench-site lint lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m nnsite.bench

# Lighthouse (npm, installed into .cache/lighthouse) on the home page and the heaviest chapter.
bench-site: $(STAMP)
	$(BIN)/python -m nnsite.bench_site

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Re-resolve the lock file from pyproject.toml (needs the package registry).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip==26.3"
	.lock-venv/bin/python -m pip install --quiet ".[test]"
	{ echo "# Every Python package the project installs, pinned. Regenerate with 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --exclude nnsite; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .cache figures/*/
