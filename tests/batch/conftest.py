import sys
from pathlib import Path

# The export builder sits beside these tests.
sys.path.insert(0, str(Path(__file__).parent))
