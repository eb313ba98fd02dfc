# The README's commands: `make play` and `make test`; `make web` for the browser edition, `make dist` for a
# standalone build. Each sets up what it needs on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.package-lock.json
BENCH_STAMP := $(VENV)/.bench-stamp
WEB_OUT ?= build/web
PORT   ?= 8000

# The whole game/ package is held to `mypy --strict` and `ruff check` by `make test`.
LINT_PATHS := game

.PHONY: play test test-slow lint test-dist check bench fuzz web dist node-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the game and its test tools into $(VENV) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# npm ci installs exactly package-lock.json: Pyodide for the web edition, puppeteer-core and axe-core for its tests.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is not installed: the web edition needs node and npm (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# For the tests: npm ci when npm is here; without it the browser tests are skipped or say what is missing.
node-deps:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "(npm is not installed, so the web edition's browser tests cannot run here)"; fi

play: $(STAMP)
	@$(VENV)/bin/nlmg

# make test: lint, then every test but the slow ones (a few minutes). make test-slow: the web edition in
# Chromium and the standalone build, each built and driven (several minutes more); .ci/run runs both.
test: $(STAMP) lint
	@SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q -m "not slow"
	@echo "Not run here: the web edition in Chromium and the standalone build (make test-slow; CI runs both)."

test-slow: $(STAMP) node-deps
	@SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q -m slow

lint: $(STAMP)
	@$(VENV)/bin/ruff check $(LINT_PATHS)
	@$(VENV)/bin/mypy $(LINT_PATHS)

check: $(STAMP)
	@$(VENV)/bin/nlmg check scenes

# make bench: every benchmark, then one table of every target. Its peers (bink from the bench extra, inkjs from
# npm ci) are installed first; a peer that cannot be installed is reported as missing, and the bench still runs.
$(BENCH_STAMP): $(STAMP) pyproject.toml
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]' && touch $(BENCH_STAMP) \
	|| echo "(the bench extra (bink) could not be installed: the walk's ratio falls back to bink's recorded figure)"

bench: $(STAMP) $(BENCH_STAMP)
	@$(MAKE) --no-print-directory node-deps || echo "(npm ci failed: without inkjs the walk's ratio falls back to recorded figures)"
	@SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) bench/run.py

# The web edition: build the static site into $(WEB_OUT), then serve it on this machine only.
web: $(STAMP) $(NODE_STAMP)
	@SDL_VIDEODRIVER=dummy $(VENV)/bin/nlmg build-web $(WEB_OUT)
	@echo "Open http://127.0.0.1:$(PORT)/ in a browser to play (Ctrl+C stops the server)."
	@$(PY) -m http.server --bind 127.0.0.1 $(PORT) --directory $(WEB_OUT)

# The standalone build: dist/nlmg/nlmg, one folder with its own Python, the story, the font and pygame.
dist: $(STAMP)
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/nlmg.spec
	@echo "Built dist/nlmg/: run dist/nlmg/nlmg (the window), or dist/nlmg/nlmg play --text."

# The standalone build's own test alone (builds it, then runs the binary); make test-slow runs it with the browser tests.
test-dist: $(STAMP)
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dist]'
	@SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q tests/test_dist.py

# 100,000 typed lines, 10,000 mutated scene files and 10,000 mutated saves: zero tracebacks, hangs or lost saves
fuzz: $(STAMP)
	@NLMG_CACHE=off $(PY) bench/fuzz.py

clean:
	rm -rf $(VENV) .cache build dist *.egg-info node_modules
