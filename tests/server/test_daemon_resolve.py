""" "Which Amelia?" over real HTTP: ambiguous findings list their candidates; `resolved`
says which pupil a mention means, and that pupil's consent decides the verdict."""

from __future__ import annotations

import json

import aiohttp
import pytest
from click.testing import CliRunner
from daemon_helpers import bearer

from postguard import db
from postguard.cli import build_cli
from postguard.server import audit

AMELIA_S = "T100000000001"  # Amelia Stanton, Class 4B: no name consent
AMELIA_O = "T100000000002"  # Amelia Okafor-Reid, Class 2G: consent
TEXT = "Amelia sang a solo. Well done Amelia!"


async def check(client, token, body):
    resp = await client.post("/v1/check", json=body, headers=bearer(token))
    return resp.status, await resp.json()


async def test_ambiguous_name_lists_its_candidates_and_blocks(client, token):
    status, body = await check(client, token, {"text": TEXT})
    assert status == 200 and body["verdict"] == "block"
    first = body["findings"][0]
    assert (first["code"], first["start"], first["end"]) == ("pupil.no_consent", 0, 6)
    assert first["candidates"] == [
        {"pupil": AMELIA_S, "name": "Amelia Stanton", "class": "Class 4B"},
        {"pupil": AMELIA_O, "name": "Amelia Okafor-Reid", "class": "Class 2G"},
    ]


async def test_choosing_the_consented_pupil_lets_the_post_through(client, token):
    status, body = await check(client, token, {"text": TEXT, "resolved": [{"start": 0, "end": 6, "pupil": AMELIA_O}]})
    assert status == 200 and body["verdict"] == "info"
    # The later "Amelia" is taken as the same pupil.
    assert [(f["code"], f["pupils"]) for f in body["findings"]] == [("pupil.named", [AMELIA_O])] * 2
    assert all("candidates" not in f for f in body["findings"])


async def test_choosing_the_pupil_without_consent_keeps_it_blocked(client, token):
    status, body = await check(client, token, {"text": TEXT, "resolved": [{"start": 0, "end": 6, "pupil": AMELIA_S}]})
    assert status == 200 and body["verdict"] == "block"
    assert {tuple(f["pupils"]) for f in body["findings"]} == {(AMELIA_S,)}


async def test_a_later_mention_can_be_chosen_apart(client, token):
    resolved = [{"start": 0, "end": 6, "pupil": AMELIA_O}, {"start": 30, "end": 36, "pupil": AMELIA_S}]
    status, body = await check(client, token, {"text": TEXT, "resolved": resolved})
    assert status == 200 and body["verdict"] == "block"
    assert [f["pupils"] for f in body["findings"]] == [[AMELIA_O], [AMELIA_S]]


@pytest.mark.parametrize(
    "resolved, words",
    [
        ([{"start": 0, "end": 6, "pupil": "T100000000014"}], "not one of the pupils"),  # Sebastian: not an Amelia
        ([{"start": 0, "end": 5, "pupil": AMELIA_O}], "no pupil's name at characters 0–5"),
        ([{"start": 7, "end": 11, "pupil": AMELIA_O}], "no pupil's name"),  # "sang"
        ([{"start": 0, "end": 600, "pupil": AMELIA_O}], "outside the post"),
        ([{"start": "0", "end": 6, "pupil": AMELIA_O}], "must be a list"),
        ([{"start": 0, "end": 6}], "must be a list"),
        ({"start": 0, "end": 6, "pupil": AMELIA_O}, "must be a list"),
        ([{"start": 0, "end": 6, "pupil": AMELIA_O, "text": "Amelia"}], "must be a list"),
    ],
)
async def test_a_resolution_that_does_not_fit_is_400_with_a_plain_message(client, token, resolved, words):
    status, body = await check(client, token, {"text": TEXT, "resolved": resolved})
    assert status == 400 and body["error"]["code"] == "bad_resolved"
    assert words in body["error"]["message"]


async def test_multipart_carries_resolved_too(client, token):
    form = aiohttp.FormData(default_to_multipart=True)
    form.add_field("text", TEXT)
    form.add_field("resolved", json.dumps([{"start": 0, "end": 6, "pupil": AMELIA_O}]))
    resp = await client.post("/v1/check", data=form, headers=bearer(token))
    assert resp.status == 200 and (await resp.json())["verdict"] == "info"


async def test_audit_records_the_choice_as_a_upn_never_the_text(client, token, settings):
    await check(client, token, {"text": TEXT, "resolved": [{"start": 0, "end": 6, "pupil": AMELIA_O}]})
    await client.close()  # drains pending audit writes
    (entry,) = audit.recent(db.connect(settings.db_path), 5)
    assert entry.resolved == [AMELIA_O] and entry.at
    conn = db.connect(settings.db_path)
    row = dict(conn.execute("SELECT * FROM check_audit").fetchone())
    assert "Amelia" not in json.dumps(row)
    shown = CliRunner().invoke(build_cli(), ["--home", str(settings.home), "audit", "--limit", "1"])
    assert f"chosen by staff: {AMELIA_O}" in shown.output


async def test_resolved_offsets_are_code_points_as_the_finding_gave_them(client, token):
    text = "🎉🎉 Well done Amelia!"
    _, asked = await check(client, token, {"text": text})
    (finding,) = asked["findings"]
    assert (finding["start"], finding["start_utf16"]) == (13, 15)
    resolved = [{"start": finding["start"], "end": finding["end"], "pupil": AMELIA_O}]
    status, body = await check(client, token, {"text": text, "resolved": resolved})
    assert status == 200 and body["verdict"] == "info"
    utf16 = [{"start": finding["start_utf16"], "end": finding["end_utf16"], "pupil": AMELIA_O}]
    assert (await check(client, token, {"text": text, "resolved": utf16}))[0] == 400
