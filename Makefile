# Everything goes through a local virtualenv in .venv; only Python, git and make are needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint translations screenshots bench package package-tar clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,server]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/digipunt $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check digipunt_app sync tests bench

translations: setup
	$(BIN)/python -m digipunt_app.ui.i18n_build

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m digipunt_app.ui.screenshots screenshots

bench: setup
	$(BIN)/python -m bench.run_all

package: setup
	$(BIN)/pyinstaller --noconfirm --clean build.spec

package-tar: package
	$(BIN)/python packaging/linux/make_tar.py

clean:
	rm -rf build dist screenshots .pytest_cache
