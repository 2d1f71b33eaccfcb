"""`make bench`: runs each benchmark script in turn and prints its output.

Add a line to BENCHES for a new benchmark (path relative to this folder, then arguments).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHES: list[list[str]] = [
    ["score_text.py", "--set", "all"],  # text checker accuracy on the three dev sets, issue-12 measures (issues 2, 12)
    ["bench_text.py"],  # text-check latency vs one plain en_core_web_sm pass (issue 2)
    ["bench_roster_build.py"],  # RecognizerSet build for a 20,000-pupil roster, first and after a consent change
    ["bench_load.py"],  # daemon: loopback load test (issue 4)
    ["bench_adversarial.py"],  # adversarial 20,000-char drafts, health under them, consent rebuilds (issue 15)
    ["bench_batch.py"],  # batch re-check: 5,000-post / 1,000-photo export (issue 6)
    ["images/fetch_photos.py"],  # real photos from Debian packages into bench/.cache (issue 3)
    ["images/bench_images.py"],  # image checker: recall per edit, false matches, speed (issues 3, 11)
    ["images/bench_bank_scale.py"],  # 1,000-photo bank vs 20,000 other drafts: false matches (issue 11)
    ["bench_publish.py"],  # one signed consent list: 2,000 pupils, 5,000 photos; publish and follow (issue 10)
]


def main() -> int:
    failed = []
    for script, *args in BENCHES:
        print(f"\n=== {script} {' '.join(args)}".rstrip(), flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / script), *args], cwd=HERE.parent)
        print(f"=== {script}: exit {result.returncode} in {time.perf_counter() - started:.0f} s", flush=True)
        if result.returncode:
            failed.append(script)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
