"""Daemon test fixtures: the real app over real HTTP (pytest-aiohttp) on loopback, with a
real Checker on the shared fixture roster (the spaCy pipeline loads once per session,
see tests/conftest.py). The daemon's own state (token, pairing codes, audit) lives in the
same fresh data folder as the roster, as it does when serving."""

from __future__ import annotations

import dataclasses

import pytest
from daemon_helpers import pair

from postguard.server import create_app
from postguard.server.limits import Limits
from postguard.settings import Settings


@pytest.fixture
def checker(roster_checker):
    return roster_checker


@pytest.fixture
def settings(checker) -> Settings:
    return checker.settings


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
