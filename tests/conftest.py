"""Shared fixtures: the tiny real course under tests/roots/, copied so tests may change it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of tests/roots/minimal."""
    target = tmp_path / "course"
    shutil.copytree(ROOTS / "minimal", target)
    return target
