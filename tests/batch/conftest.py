import sys
from pathlib import Path

import pytest

# The export builder and sample results sit beside these tests.
sys.path.insert(0, str(Path(__file__).parent))

# Pupils of the shared fixture roster (tests/fixtures/roster.csv) these tests rely on.
STANTON = "T100000000001"  # Amelia Stanton: no consent
NOVAK = "T100000000014"  # Sebastian Novak: name and photo consent
APPIAH = "T100000000019"  # Abena Appiah: name and photo consent
LINDQVIST = "T100000000013"  # Freya Lindqvist: No Publish


@pytest.fixture
def batch_home(make_home):
    """A data folder with the shared test roster imported (never the demo roster)."""
    return make_home()
