#!/usr/bin/env bash
# Prepare this machine for CyberSafe Courses: Debian packages the tools need (only those
# missing), and the Python virtual environment in .venv with the project installed.
# Usage: scripts/setup.sh [--test]   (--test adds the test tools: Chromium, Node.js packages)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=${1:-}
packages=()
command -v python3 >/dev/null || packages+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
if [ "$want_tests" = "--test" ]; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  # Thai and Latin fonts, so screenshots and contrast checks see real glyphs
  fc-list 2>/dev/null | grep -qi "thai" || packages+=(fonts-thai-tlwg fonts-noto-core)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${packages[*]} (run as root, or install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
# Exact versions from the lock files (scripts/lock.sh refreshes them), so every machine builds the
# same bytes; then the project itself, whose own dependencies the lock already satisfies.
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
if [ "$want_tests" = "--test" ]; then
  "${pip[@]}" -r requirements-test.lock
  "${pip[@]}" --no-deps -e '.[test]'
  # Test-only JavaScript at the versions of package-lock.json: the LMS side of SCORM tests, axe-core.
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
else
  "${pip[@]}" -r requirements.lock
  "${pip[@]}" --no-deps -e .
fi
.venv/bin/python -m pip check >/dev/null || { .venv/bin/python -m pip check >&2; exit 1; }
# The builder's own modules compiled now: an editable install leaves them to each run, and where
# PYTHONDONTWRITEBYTECODE is set, every command would compile them again (0.1 s of each).
.venv/bin/python -m compileall -q builder >/dev/null
