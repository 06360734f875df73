#!/usr/bin/env bash
# The main job: set up, then check the shipped curriculum and build the site and every package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/cybersafe build "$@"
