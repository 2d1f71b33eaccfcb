"""Shared fixtures: the real spaCy pipeline (loaded once), real SQLite data folders
with the invented test roster in tests/fixtures, and a real Checker."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from postguard import db
from postguard.checker import Checker
from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import ConsentStore
from postguard.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
ROSTER_CSV = FIXTURES / "roster.csv"
STAFF_CSV = FIXTURES / "staff.csv"


def import_fixture_roster(settings: Settings) -> None:
    parsed = parse_mis_csv(ROSTER_CSV.read_bytes(), filename=ROSTER_CSV.name)
    assert parsed.ok, parsed.problems
    conn = db.connect(settings.db_path)
    store = ConsentStore(conn)
    store.import_pupils(parsed.pupils, source="test roster", actor="tests")
    with STAFF_CSV.open(encoding="utf-8") as fh:
        store.replace_staff(((r["name"], r["role"]) for r in csv.DictReader(fh)), actor="tests")
    conn.close()


@pytest.fixture(scope="session")
def nlp():
    from postguard.text.pipeline import load_pipeline

    return load_pipeline(Settings(home=Path("/nonexistent")))


@pytest.fixture
def make_home(tmp_path):
    """make_home(roster=True) -> Settings for a fresh data folder, with the fixture roster imported."""
    counter = iter(range(1000))

    def make(roster: bool = True, **overrides) -> Settings:
        settings = Settings(home=tmp_path / f"home{next(counter)}", allow_demo_roster=False, **overrides)
        if roster:
            import_fixture_roster(settings)
        return settings

    return make


@pytest.fixture
def roster_checker(make_home, nlp) -> Checker:
    """A real Checker on the fixture roster, sharing the session's pipeline."""
    checker = Checker(make_home(), nlp=nlp)
    yield checker
    checker.close()
