import sys
from pathlib import Path

# The export builder sits beside these tests.
sys.path.insert(0, str(Path(__file__).parent))

import pytest

from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import ConsentStore
from postguard import db
from postguard.settings import Settings

# Invented pupils for the batch tests (a SIMS-style export with a title row).
ROSTER = """Pupil list - Batch Test School (invented),,,,,,,
UPN,Legal Forename,Legal Surname,Year,Reg Group,Consent: Social Media Photo,Consent: Social Media Name,No Publish
K100000000001,Amelia,Stanton,4,Class 4B,No,No,
K100000000002,Oliver,Brennan,5,Class 5K,Yes,Yes,
K100000000003,Priya,Natarajan,6,Class 6M,No,Yes,
K100000000004,Theodore,Lockwood,3,Class 3L,Yes,Yes,Yes
"""
STANTON, BRENNAN, NATARAJAN, LOCKWOOD = (f"K10000000000{i}" for i in range(1, 5))


@pytest.fixture
def batch_home(tmp_path) -> Settings:
    """A data folder with the test roster imported (never the demo roster)."""
    settings = Settings(home=tmp_path / "home", allow_demo_roster=False)
    parsed = parse_mis_csv(ROSTER.encode("utf-8"), filename="roster.csv")
    assert parsed.ok, parsed.problems
    conn = db.connect(settings.db_path)
    ConsentStore(conn).import_pupils(parsed.pupils, actor="tests")
    conn.close()
    return settings
