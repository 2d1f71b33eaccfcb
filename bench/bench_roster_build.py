"""How long a RecognizerSet takes to build for a large trust's roster, first and after a consent change.

    .venv/bin/python bench/bench_roster_build.py [--pupils 20000] [--classes 700] [--staff 400]

Invented names (random letters), one consent flipped per rebuild, medians of 5 rebuilds. Names,
classes and staff do not change with consent, so their indexes and regexes are reused: a consent
change should cost a few milliseconds (issue 15: it cost about 1 s at 20,000 pupils).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time

from postguard.consent.store import GRANTED, REFUSED, Pupil
from postguard.settings import Settings
from postguard.text.patterns import PatternData
from postguard.text.recognizer_set import RecognizerSet, RosterSnapshot


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pupils", type=int, default=20000)
    parser.add_argument("--classes", type=int, default=700)
    parser.add_argument("--staff", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(3)

    def word(n: int) -> str:
        return "".join(rng.choice("aeioubcdfghklmnprstvwyz") for _ in range(n)).capitalize()

    firsts = [word(rng.randint(3, 8)) for _ in range(3000)]
    surnames = [word(rng.randint(4, 10)) for _ in range(8000)]
    groups = [f"{y}{word(2).upper()}" for y in range(7, 14) for _ in range(args.classes // 7)]
    pupils = [
        Pupil(
            f"P{i:012d}",
            None,
            None,
            rng.choice(firsts),
            rng.choice(surnames),
            year_group=str(rng.randint(7, 13)),
            reg_group=rng.choice(groups),
            name_consent=rng.choice([GRANTED, REFUSED]),
        )
        for i in range(args.pupils)
    ]
    staff = tuple(f"Mrs {word(6)} {word(7)}" for _ in range(args.staff))
    patterns = PatternData(Settings().nlp_models_dir)
    started = time.perf_counter()
    RecognizerSet.build(patterns, RosterSnapshot(tuple(pupils), staff))
    first = time.perf_counter() - started
    rebuilds = []
    for _ in range(5):
        i = rng.randrange(len(pupils))
        flipped = REFUSED if pupils[i].name_consent == GRANTED else GRANTED
        pupils[i] = dataclasses.replace(pupils[i], name_consent=flipped)
        started = time.perf_counter()
        RecognizerSet.build(patterns, RosterSnapshot(tuple(pupils), staff))
        rebuilds.append(time.perf_counter() - started)
    print(
        f"RecognizerSet.build, {args.pupils:,} pupils, {len(set(groups))} classes, {args.staff} staff: "
        f"first {first * 1000:.0f} ms; after a consent change median {statistics.median(rebuilds) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
