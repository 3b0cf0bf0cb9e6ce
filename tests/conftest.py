"""Fixtures shared by every test: a fixed clock, a fast PIN hash, a real
SQLite file under tmp_path, and a helper for system tools."""

from __future__ import annotations

import os
import shutil
from datetime import datetime

import pytest

from tui.store import clock, create_person, open_store, pins

# A Thursday. Everything dated in tests is counted from here.
TEST_NOW = datetime(2026, 11, 26, 10, 0)
TEST_PIN = "pin-123456"


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_now(TEST_NOW)
    yield TEST_NOW
    clock.set_now(None)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    # The real cost is exercised by the CLI and e2e tests.
    monkeypatch.setattr(pins, "KDF_COST", pins.Argon2Cost(memory_kib=8, passes=1, lanes=1))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "plans.sqlite3"


@pytest.fixture
def store(db_path):
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def plan(store):
    return create_person(store, "Sam", TEST_PIN)


def require_tool(name: str) -> str:
    """The path of system tool `name`; skip without it, except in CI where it must exist."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")
