"""GET /v1/health and GET /v1/openapi.json over real HTTP."""

from __future__ import annotations

import csv

from daemon_helpers import ROSTER_CSV, bearer


def roster_rows() -> list[dict]:
    lines = ROSTER_CSV.read_text(encoding="utf-8").splitlines()[1:]  # below the title row
    return list(csv.DictReader(lines))


async def test_health_answers_without_token_and_describes_the_consent_list(client, checker):
    resp = await client.get("/v1/health")
    assert resp.status == 200
    body = await resp.json()
    assert body["status"] == "ok"
    assert body["model_loaded"] is True
    assert body["roster_size"] == len(roster_rows())
    assert body["consent_version"] == checker.store.version
    assert body["demo_roster"] is False
    assert body["paired"] is False
    assert isinstance(body["consent_age_seconds"], float) and body["consent_age_seconds"] >= 0
    assert set(body) >= {"version", "consent_changed_at"}
    # A list kept on this computer (not followed from a published one): never stale, no problem.
    assert (body["consent_source"], body["consent_published_at"], body["consent_stale"]) == ("local", None, False)
    assert body["consent_problem"] is None


async def test_health_holds_no_personal_data(client):
    text = await (await client.get("/v1/health")).text()
    for row in roster_rows():
        assert row["Legal Surname"] not in text and row["UPN"] not in text


async def test_health_reports_paired_after_pairing(client, token):
    assert (await (await client.get("/v1/health")).json())["paired"] is True


async def test_openapi_spec_lists_exactly_the_app_routes(client, token):
    resp = await client.get("/v1/openapi.json", headers=bearer(token))
    assert resp.status == 200
    spec = await resp.json()
    documented = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops}
    served = {(r.resource.canonical, r.method) for r in client.app.router.routes() if r.method != "HEAD"}
    assert documented == served
    assert spec["openapi"].startswith("3.")


async def test_openapi_needs_the_token(client):
    assert (await client.get("/v1/openapi.json")).status == 401
