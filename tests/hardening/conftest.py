"""Fixtures for the hardening tests: the real daemon app over real loopback HTTP (pytest-aiohttp),
with a real Checker on the shared fixture roster."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from hardening_helpers import pair

from postguard.server import create_app
from postguard.server.limits import Limits


@pytest.fixture
def make_client(aiohttp_client, roster_checker):
    async def make(**limit_overrides):
        limits = dataclasses.replace(Limits(), **limit_overrides)
        return await aiohttp_client(create_app(roster_checker.settings, checker=roster_checker, limits=limits))

    return make


@pytest.fixture
async def client(make_client):
    return await make_client()


@pytest.fixture
async def token(client, roster_checker) -> str:
    return await pair(client, roster_checker.settings)


@pytest.fixture
def all_logs(caplog):
    """Every record of every logger at DEBUG and above, as the daemon's handler would format them."""
    caplog.set_level(logging.DEBUG)
    return caplog
