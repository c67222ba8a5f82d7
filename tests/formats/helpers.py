"""Shared helpers for the format tests: fixture paths and the shared-data folder."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "formats"


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"shared data file {path} is absent (it is read from ../shared/data, never copied)")
    return path


def fixture(name: str) -> Path:
    return FIXTURES / name


def line_of(error: object) -> int:
    return int(str(getattr(error, "where")).rsplit(":", 1)[1])
