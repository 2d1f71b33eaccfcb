"""Smaller points of issue 15: Host case, unknown paths, a shared --home folder."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from postguard.cli import build_cli


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o701, 0o707, 0o777])
def test_an_existing_home_others_can_read_is_refused_and_left_alone(tmp_path, mode):
    home = tmp_path / "shared"
    home.mkdir()
    os.chmod(home, mode)
    result = CliRunner().invoke(build_cli(), ["--home", str(home), "consent", "list"])
    assert result.exit_code == 1, result.output
    assert "can be read or opened by other users" in result.output and f"chmod 700 {home}" in result.output
    assert (home.stat().st_mode & 0o777) == mode  # not changed behind the admin's back
    assert not list(home.iterdir())  # nothing written into it


def test_a_private_or_new_home_is_used(tmp_path):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    os.chmod(private, 0o700)
    for home in (private, tmp_path / "new"):
        result = CliRunner().invoke(build_cli(), ["--home", str(home), "staff", "list"])
        assert result.exit_code == 0, result.output
        assert (home.stat().st_mode & 0o777) == 0o700


@pytest.mark.parametrize("host", ["LOCALHOST:{port}", "LocalHost:{port}", "localhost:{port}", "127.0.0.1:{port}"])
async def test_host_names_are_case_insensitive_on_every_endpoint(client, token, host):
    """Decided: host names are case-insensitive (RFC 3986), so LOCALHOST is localhost, the same
    for every endpoint; the port must still be this daemon's."""
    headers = {"Host": host.format(port=client.port), "Authorization": f"Bearer {token}"}
    assert (await client.get("/v1/health", headers=headers)).status == 200
    assert (await client.post("/v1/check", json={"text": "Hello"}, headers=headers)).status == 200
    spec = await (await client.get("/v1/openapi.json", headers=headers)).json()
    assert spec["servers"][0]["url"] == host.format(port=client.port).lower().join(["http://", ""])
    wrong_port = {**headers, "Host": host.format(port=client.port + 1)}
    assert (await client.get("/v1/health", headers=wrong_port)).status == 403
