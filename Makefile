# The two commands of the README: `make run` (set up everything, then do the main job) and
# `make test` (set up everything, then run the whole test suite, as CI does).
PYTHON ?= python3
PIP := $(PYTHON) -m pip

.PHONY: setup run test bench eval

# The product's modules byte-compiled, as pip does for an installed package (an editable install
# is not, and PYTHONDONTWRITEBYTECODE keeps Python from caching them): each `ipms` process would
# otherwise compile them from source, about 0.15 s of CPU (`ipms bench`).
setup: .setup-stamp
	$(PYTHON) -m compileall -q assistant generators evals > /dev/null

# torch first, pinned: on these machines 2.13.0 resolves to a local CPU wheel. Installed any other
# way (pulled in by sentence-transformers) it would fetch several GB of CUDA packages.
.setup-stamp: pyproject.toml
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[test,ocr]"
	bash scripts/system-deps.sh
	touch .setup-stamp

# The main job: the web app on http://127.0.0.1:7860 (HOST=0.0.0.0 to serve the network).
# The search index is built (or checked against the corpus) when the app starts.
HOST ?= 127.0.0.1
PORT ?= 7860
run: setup
	$(PYTHON) -m assistant.cli serve --host $(HOST) --port $(PORT)

# The test suite, then the reliability suite (attacks by category; it prints survived/total).
# Both use two processes (CI has two cores): pytest-xdist runs test files side by side (every
# test has its own IPMS_HOME), `ipms reliability` runs categories side by side (--jobs 2).
JOBS ?= 2
test: setup
	$(PYTHON) -m pytest -q -n $(JOBS) --dist loadfile
	$(PYTHON) -m assistant.cli reliability --jobs $(JOBS)

bench: setup
	$(PYTHON) -m assistant.cli bench
	$(PYTHON) -m assistant.cli bench --web

eval: setup
	$(PYTHON) -m assistant.cli eval --split test
