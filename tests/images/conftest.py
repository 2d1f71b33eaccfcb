"""Fixtures for the image tests: a real data folder with the test roster, a real ImageChecker."""

from __future__ import annotations

import threading

import pytest

from postguard import db
from postguard.images.checker import ImageChecker


@pytest.fixture
def image_home(make_home):
    """Settings for a data folder with the fixture roster imported (real SQLite)."""
    return make_home()


@pytest.fixture
def image_checker(image_home):
    conn = db.connect(image_home.db_path)
    checker = ImageChecker(image_home, conn, threading.RLock())
    yield checker
    conn.close()
