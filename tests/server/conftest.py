"""Fixtures for the daemon tests: the real checker (model loaded once per session),
a fresh data folder per test for the daemon's own state (token, pairing, audit),
and the real app served over real HTTP on loopback by pytest-aiohttp."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from daemon_helpers import ROSTER, pair
from postguard import db
from postguard.checker import Checker
from postguard.consent.store import ConsentStore
from postguard.server import create_app
from postguard.server.limits import Limits
from postguard.settings import Settings


@pytest.fixture(scope="session")
def checker_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("checker-home")
    conn = db.connect(Settings(home=home).db_path)
    ConsentStore(conn).import_pupils(ROSTER, source="test roster", actor="tests")
    conn.close()
    return home


@pytest.fixture(scope="session")
def checker(checker_home) -> Checker:
    checker = Checker(Settings(home=checker_home))
    yield checker
    checker.close()


@pytest.fixture
def settings(tmp_path) -> Settings:
    """The daemon's own data folder (token, pairing codes, audit), fresh per test."""
    return Settings(home=tmp_path / "daemon-home")


@pytest.fixture
def make_client(aiohttp_client, settings, checker):
    async def make(**limit_overrides):
        limits = dataclasses.replace(Limits(), **limit_overrides)
        return await aiohttp_client(create_app(settings, checker=checker, limits=limits))
    return make


@pytest.fixture
async def client(make_client):
    return await make_client()


@pytest.fixture
async def token(client, settings) -> str:
    """The token of a paired extension (same app as `client`)."""
    return await pair(client, settings)
