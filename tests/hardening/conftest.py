"""Fixtures for the hardening tests: the real daemon app over real loopback HTTP (pytest-aiohttp),
with a real Checker on the shared fixture roster."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from postguard import db
from postguard.server import create_app, pairing
from postguard.server.limits import Limits

EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def new_code(settings) -> str:
    conn = db.connect(settings.db_path)
    try:
        return pairing.new_code(conn)
    finally:
        conn.close()


async def pair(client, settings, origin: str | None = EXTENSION_ORIGIN) -> str:
    headers = {"Origin": origin} if origin else {}
    resp = await client.post("/v1/pair", json={"code": new_code(settings)}, headers=headers)
    assert resp.status == 200, await resp.text()
    return (await resp.json())["token"]


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
