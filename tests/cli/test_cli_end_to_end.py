"""The `postguard` command end to end, as the IT admin and staff run it (real processes, real SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
POSTGUARD = str(Path(sys.executable).with_name("postguard"))


def run(home: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [POSTGUARD, "--home", str(home), *args],
        capture_output=True,
        text=True,
        input=input,
        env={**os.environ, "USER": "itadmin"},
        timeout=120,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    result = run(home, "consent", "import", str(FIXTURES / "roster.csv"))
    assert result.returncode == 0, result.stderr
    assert "Imported 24 pupils" in result.stdout and "header on line 2" in result.stdout
    assert run(home, "staff", "import", str(FIXTURES / "staff.csv")).returncode == 0
    return home


def test_bad_import_changes_nothing_and_lists_problems(home, tmp_path):
    before = run(home, "consent", "list", "--json").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "UPN,Forename,Surname,Consent: Social Media Name\nT100000000001,Amelia,Stanton,Yes\n"
        "T100000000001,Oliver,Brennan,Perhaps\n",
        encoding="utf-8",
    )
    result = run(home, "consent", "import", str(bad))
    assert result.returncode == 1
    assert "Nothing was imported" in result.stderr
    assert "line 3: UPN T100000000001 appears twice (also on line 2)" in result.stderr
    assert "line 3: 'Perhaps'" in result.stderr
    assert run(home, "consent", "list", "--json").stdout == before


def test_consent_set_show_list_history(home):
    result = run(home, "consent", "set", "T100000000003", "--photo", "no")
    assert result.returncode == 0 and "photo consent: NO (refused)" in result.stdout
    shown = run(home, "consent", "show", "T100000000003").stdout
    assert "Ollie Pembridge" in shown and "legal name: Oliver Pembridge" in shown
    listed = run(home, "consent", "list", "--no-consent").stdout
    assert "T100000000003" in listed and "T100000000004" not in listed
    history = run(home, "consent", "history", "T100000000003").stdout
    assert "photo consent: granted → refused" in history and "itadmin" in history
    assert "photo_consent" not in history  # words, not column names
    assert "Ollie Pembridge (Class 5K, UPN T100000000003)" in history
    assert run(home, "consent", "set", "NOPE", "--name", "no").returncode == 1


def test_check_exit_codes_and_json_contract(home):
    blocked = run(home, "check", "--json", "Well done Freya 😀 and Theo Green!")
    assert blocked.returncode == 4, blocked.stderr
    body = json.loads(blocked.stdout)
    assert body["verdict"] == "block" and isinstance(body["consent_version"], int)
    keys = {"code", "severity", "message", "policy", "start", "end", "start_utf16", "end_utf16", "pupils"}
    assert all(keys <= set(f) for f in body["findings"])
    freya = body["findings"][0]
    assert (freya["code"], freya["start"], freya["end"], freya["pupils"]) == (
        "pupil.no_consent",
        10,
        15,
        ["T100000000013"],
    )
    theo = body["findings"][1]
    assert theo["start"] == 22 and theo["start_utf16"] == 23  # the emoji counts twice in UTF-16

    assert run(home, "check", "PE kit tomorrow please!").returncode == 0
    warned = run(home, "check", "-", input="Theo Green won the cup.")
    assert warned.returncode == 3 and "[WARN] pupil.full_name" in warned.stdout and "Why:" in warned.stdout


def test_consent_change_applies_to_the_next_check(home):
    assert run(home, "check", "Kacper scored twice.").returncode == 0
    run(home, "consent", "set", "T100000000020", "--name", "no")
    assert run(home, "check", "Kacper scored twice.").returncode == 4
    run(home, "consent", "set", "T100000000020", "--name", "yes")


def test_demo_roster_is_announced(tmp_path):
    result = run(tmp_path / "fresh", "check", "Hello")
    assert result.returncode == 0 and "DEMO roster" in result.stderr
