"""Pupils written another way, on the dev sets' own rosters (never the held-out ones).

For each pupil without name consent (up to --per-set), posts are written with that pupil's
name spelt another way, one rule at a time: the surname joined or split ("Alhassan"), Mac/Mc
swapped, the apostrophe dropped, one letter dropped from a long surname, a short form of a
long first name with the surname, the initial with the surname, the possessive without its
apostrophe ("Aoifes painting"). A post counts as caught when a pupil finding covering the name
lists that pupil and warns or blocks (never silent). Adult rows write a pupil's first name
with a surname far from every roster surname ("Thank you to Amira Hartley-Pennington"): a
pupil finding over the surname there is a false attribution of a full name.

Usage: PYTHONPATH=daemon python bench/score_variants.py [--set dev|secondary|special|scottish|all]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from devsets import DEV_SETS, load_set  # noqa: E402
from postguard.consent.mis_import import parse_mis_csv  # noqa: E402
from postguard.consent.store import Pupil  # noqa: E402
from postguard.settings import Settings  # noqa: E402
from postguard.text.analyzer import TextAnalyzer  # noqa: E402
from postguard.text.names import damerau_within_one  # noqa: E402
from postguard.text.normalize import fold  # noqa: E402

ADULT_SURNAMES = ("Hartley-Pennington", "Vandersteen", "Quarrington", "Okwuosa-Blythe", "Featherstonehaugh")


def variants(p: Pupil) -> list[tuple[str, str, str]]:
    """(rule, post, name as written) for the ways this pupil's name may be written another way."""
    first, surname = p.preferred_forename or p.legal_forename, p.preferred_surname or p.legal_surname
    first, surname = first.split()[0] if first.split() else first, surname.strip()
    out = []

    def full(rule: str, name: str) -> None:
        out.append((rule, f"Well done to {name} for a brilliant week.", name))

    if re.search(r"[-\s]", surname):
        parts = re.split(r"[-\s]+", surname)
        full("surname joined", f"{first} {parts[0]}{''.join(w.lower() for w in parts[1:])}")
    if re.match(r"Ma?c[A-Z]", surname):
        swapped = "Mc" + surname[3:] if surname.startswith("Mac") else "Mac" + surname[2:]
        full("Mac/Mc", f"{first} {swapped}")
    if "'" in surname or "’" in surname:
        full("apostrophe dropped", first + " " + re.sub(r"['’]", "", surname))
    letters = re.sub(r"[^\w]", "", surname)
    if len(letters) >= 6 and surname.isalpha():
        full("surname one letter off", f"{first} {surname[:3]}{surname[4:]}")
    if len(first) >= 6 and first.isalpha():
        full("short form", f"{first[:4]} {surname}")
    full("initial", f"{first[0]}. {surname}")
    if first.isalpha() and not first.endswith("s"):
        out.append(("possessive without apostrophe", f"{first}s painting is on display in the hall.", f"{first}s"))
    return out


def caught(findings: list, text: str, name: str, pupil_id: str) -> bool:
    start = text.index(name)
    end = start + len(name)
    return any(
        f.code.startswith("pupil.")
        and f.severity in ("warn", "block")
        and pupil_id in f.pupils
        and f.start is not None
        and f.start < end
        and start < (f.end or 0)
        for f in findings
    )


def far_surname(roster_surnames: set[str]) -> str | None:
    for s in ADULT_SURNAMES:
        key = fold(s.replace("-", ""))
        if not any(damerau_within_one(key, r) or key == r for r in roster_surnames):
            return s
    return None


def score(label: str, per_set: int, show_misses: bool) -> None:
    devset = load_set(label, DEV_SETS[label])
    if devset is None:
        print(f"{label}: not found")
        return
    parsed = parse_mis_csv(devset.roster.read_bytes(), filename=devset.roster.name)
    analyzer = TextAnalyzer(Settings(home=Path(tempfile.mkdtemp()) / "home", allow_demo_roster=False))
    analyzer.set_roster(parsed.pupils, [name for name, _ in devset.staff_rows()])
    refused = [p for p in parsed.pupils if not p.may_be_named][:per_set]
    rows = [(p, *v) for p in refused for v in variants(p)]
    results = analyzer.analyze_many((post, False, ()) for _, _, post, _ in rows)
    total, hit = Counter(), Counter()
    misses = []
    for (p, rule, post, name), findings in zip(rows, results, strict=True):
        total[rule] += 1
        ok = caught(findings, post, name, p.pupil_id)
        hit[rule] += ok
        if not ok:
            misses.append(f"  MISSED {rule}: {post!r} ({p.display_name})")
    surnames = {fold(re.sub(r"[-\s'’]", "", p.legal_surname)) for p in parsed.pupils}
    other = far_surname(surnames)
    adults = 0
    attributed = 0
    if other:
        firsts = [p.legal_forename.split()[0] for p in parsed.pupils[:per_set] if p.legal_forename.split()]
        adult_rows = [f"Thank you to {first} {other} for the cakes." for first in firsts]
        for post, findings in zip(adult_rows, analyzer.analyze_many((t, False, ()) for t in adult_rows), strict=True):
            adults += 1
            s = post.index(other)
            wrong = any(f.code.startswith("pupil.") and f.start is not None and (f.end or 0) > s for f in findings)
            attributed += wrong
            if wrong:
                misses.append(f"  ATTRIBUTED: {post!r}")
    print(f"{label}: {len(refused)} pupils without consent")
    for rule in total:
        print(f"  {rule:32s} {hit[rule]:4d}/{total[rule]:<4d} caught")
    print(f"  {'all':32s} {sum(hit.values()):4d}/{sum(total.values()):<4d} caught")
    print(f"  adults with a pupil's first name and another surname: {attributed}/{adults} taken for a pupil")
    if show_misses:
        print("\n".join(misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=[*DEV_SETS, "all"])
    parser.add_argument("--per-set", type=int, default=80)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    for label in DEV_SETS if args.set == "all" else [args.set]:
        score(label, args.per_set, args.show_misses)


if __name__ == "__main__":
    main()
