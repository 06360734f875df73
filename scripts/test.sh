#!/usr/bin/env bash
# Set up everything the tests need (Chromium, Playwright, scorm-again, axe-core), then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check builder tests
.venv/bin/mypy builder
exec .venv/bin/python -m pytest -q "$@"
