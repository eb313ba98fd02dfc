# The README's two commands: `make play` and `make test`. Both set everything up on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

# The whole game/ package is held to `mypy --strict` and `ruff check` by `make test`.
LINT_PATHS := game

.PHONY: play test lint check bench fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the game and its test tools into $(VENV) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

play: $(STAMP)
	@$(VENV)/bin/nlmg

test: $(STAMP) lint
	@SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q

lint: $(STAMP)
	@$(VENV)/bin/ruff check $(LINT_PATHS)
	@$(VENV)/bin/mypy $(LINT_PATHS)

check: $(STAMP)
	@$(VENV)/bin/nlmg check scenes

bench: $(STAMP)
	@SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) bench/run.py

# 100,000 typed lines, 10,000 mutated scene files and 10,000 mutated saves: zero tracebacks, hangs or lost saves
fuzz: $(STAMP)
	@NLMG_CACHE=off $(PY) bench/fuzz.py

clean:
	rm -rf $(VENV) .cache build *.egg-info
