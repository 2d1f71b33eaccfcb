"""`check --resolve START:END=UPN` and the batch JSONL `resolved` key, as real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_end_to_end import FIXTURES, run

AMELIA_S, AMELIA_O = "T100000000001", "T100000000002"  # Class 4B without consent; Class 2G with
TEXT = "Amelia sang a solo. Well done Amelia!"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("resolve") / "home"
    assert run(home, "consent", "import", str(FIXTURES / "roster.csv")).returncode == 0
    return home


def test_check_lists_the_choices_and_takes_one(home):
    asked = run(home, "check", TEXT)
    assert asked.returncode == 4
    assert f"Could be Amelia Okafor-Reid (Class 2G): --resolve 0:6={AMELIA_O}" in asked.stdout
    chosen = run(home, "check", "--json", "--resolve", f"0:6={AMELIA_O}", TEXT)
    assert chosen.returncode == 0
    assert [f["pupils"] for f in json.loads(chosen.stdout)["findings"]] == [[AMELIA_O], [AMELIA_O]]
    assert run(home, "check", "--resolve", f"0:6={AMELIA_S}", TEXT).returncode == 4


@pytest.mark.parametrize(
    "value, words",
    [
        ("0-6=X", "write START:END=UPN"),
        (f"0:5={AMELIA_O}", "no pupil's name at characters 0–5"),
        ("0:6=T100000000014", "not one of the pupils"),
    ],
)
def test_check_refuses_a_choice_that_does_not_fit(home, value, words):
    result = run(home, "check", "--resolve", value, TEXT)
    assert result.returncode == 2 and words in result.stderr
    assert "Traceback" not in result.stderr


def test_batch_takes_resolved_from_jsonl(home, tmp_path):
    posts = tmp_path / "posts.jsonl"
    rows = [
        {"id": "chosen", "text": TEXT, "resolved": [{"start": 0, "end": 6, "pupil": AMELIA_O}]},
        {"id": "asked", "text": TEXT},
        {"id": "stale", "text": TEXT, "resolved": [{"start": 7, "end": 11, "pupil": AMELIA_O}]},
    ]
    posts.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(home, "batch", str(posts), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    verdicts = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert verdicts["chosen"]["verdict"] == "info"
    assert verdicts["asked"]["verdict"] == "block"
    # A choice that fits no name is said, and the post is checked without it (still blocked).
    stale = verdicts["stale"]
    assert stale["verdict"] == "block"
    assert "text.resolution_unmatched" in [f["code"] for f in stale["findings"]]


def test_batch_refuses_a_malformed_resolved_key_before_checking(home, tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": "a", "text": TEXT, "resolved": [{"start": 0}]}) + "\n", encoding="utf-8")
    result = run(home, "batch", str(posts), "--out", str(tmp_path / "out.jsonl"), "--quiet")
    assert result.returncode != 0 and "resolved" in (result.stdout + result.stderr)
    assert not (tmp_path / "out.jsonl").exists()
