# vanban — `make demo` runs the main jobs on the bundled examples; `make test` runs the tests.
# Both set up everything on a fresh Debian/Ubuntu machine with Python 3.11+.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Times-New-Roman-compatible font with Vietnamese glyphs; HarfBuzz subsetting (without it
# WeasyPrint subsets fonts in pure Python, ~5x slower per PDF); Pango for WeasyPrint.
RUNTIME_DEBS := fonts-liberation2 libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig
# Tests also open PDFs with poppler's tools, convert DOCX with LibreOffice Writer, open the
# register export with LibreOffice Calc, sign with a key on a SoftHSM PKCS#11 token and look at the
# web page in headless Chromium (driven by Selenium through chromedriver).
TEST_DEBS := poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui softhsm2 chromium chromium-driver

EXAMPLES := doc_templates/examples
# make test fails when line coverage of vanban/ and flows/ drops below this (the level measured
# when it was set; raise it as tests grow, never lower it to pass).
COVERAGE_FLOOR ?= 90

.PHONY: demo test lint messages system-deps test-deps venv bench templates clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	@touch $@

venv: $(STAMP)

system-deps:
	@tools/apt-ensure $(RUNTIME_DEBS)

test-deps:
	@tools/apt-ensure $(RUNTIME_DEBS) $(TEST_DEBS)

demo: system-deps $(STAMP)
	@echo "== 1. Dự thảo (draft): the reference plan of LĐLĐ tỉnh Lai Châu — no number taken =="
	@PREFECT_SERVER_ANALYTICS_ENABLED=false $(BIN)/vanban plan $(EXAMPLES)/ke-hoach-ldld-lai-chau-2021.md
	@echo "== 2. Ban hành (issue) after signing on 17/12/2021: number from the register, date filled =="
	@PREFECT_SERVER_ANALYTICS_ENABLED=false $(BIN)/vanban issue --now $(EXAMPLES)/ke-hoach-ldld-lai-chau-2021.md --date 2021-12-17
	@echo "== 1. Dự thảo (draft): the example award session — decision, list, a sample certificate =="
	@PREFECT_SERVER_ANALYTICS_ENABLED=false $(BIN)/vanban award $(EXAMPLES)/khen-thuong-2026.xlsx
	@echo "== 2. Ban hành (issue) after signing on 05/01/2026: every certificate, print PDF, ZIP =="
	@PREFECT_SERVER_ANALYTICS_ENABLED=false $(BIN)/vanban issue --now $(EXAMPLES)/khen-thuong-2026.xlsx --date 2026-01-05
	@echo "Drafts are under outputs/du-thao/, issued files under outputs/<issuer>/<year>/ (vanban draft list --all)."

test: test-deps $(STAMP)
	PREFECT_SERVER_ANALYTICS_ENABLED=false $(BIN)/pytest -n 2 --cov=vanban --cov=flows --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

# Guardrails, run by CI before the tests: lint and format (ruff), types (mypy on vanban/ and
# flows/), the layer contracts (import-linter, see pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check vanban flows tests tools bench
	$(BIN)/ruff format --check vanban flows tests tools bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/award.py 1000

# Add new messages of the code to the English catalogue (then translate the empty msgstr lines).
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F tools/babel.cfg -k tr -k both --no-location --omit-header -o /tmp/vanban.pot vanban flows
	$(BIN)/pybabel -q update -w 100 --no-fuzzy-matching --ignore-obsolete -i /tmp/vanban.pot -d vanban/locale -D vanban -l en

# Rebuild the editable DOCX templates after changing a value in vanban/rules.py.
templates: $(STAMP)
	$(BIN)/python tools/build_docx_templates.py

clean:
	rm -rf outputs/* .pytest_cache
