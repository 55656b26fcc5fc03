# The two commands of the README: `make run` (set up everything, then do the main job) and
# `make test` (set up everything, then run the whole test suite, as CI does).
PYTHON ?= python3
PIP := $(PYTHON) -m pip

.PHONY: setup run test bench eval

setup: .setup-stamp

# torch first, pinned: on these machines 2.13.0 resolves to a local CPU wheel. Installed any other
# way (pulled in by sentence-transformers) it would fetch several GB of CUDA packages.
.setup-stamp: pyproject.toml
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[test]"
	bash scripts/system-deps.sh
	touch .setup-stamp

run: setup
	$(PYTHON) -m assistant.cli index
	$(PYTHON) -m assistant.cli ask "what does clause 4.3.2 require"
	$(PYTHON) -m assistant.cli ask "知识产权培训应该覆盖哪些人员"

test: setup
	$(PYTHON) -m pytest -q

bench: setup
	$(PYTHON) -m assistant.cli bench

eval: setup
	$(PYTHON) -m assistant.cli eval --split test
