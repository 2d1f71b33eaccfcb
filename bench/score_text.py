"""Score the text checker on the annotated dev sets (bench/devsets.py: dev, secondary, special, held-out).

For each set, runs the real CLI end to end in a temporary data folder:
  postguard consent import roster_<name>.csv
  postguard staff import <the set's staff list>
  postguard batch plain_<name>.jsonl --out out.jsonl
then scores out.jsonl against gold_<name>.jsonl.

    .venv/bin/python bench/score_text.py [--set dev|secondary|special|heldout-NAME|all] [--samples DIR] [--show-errors]

The held-out sets (bench/heldout/NAME) are scored only: their error lines are never printed, so no rule is
tuned to them.

Measures (issue 12 targets):
  mention recall          gold pupil mentions overlapped by a pupil.* finding that lists the right pupil (>= 0.98)
  pupil precision         pupil.* findings that overlap a gold mention and list its pupil (>= 0.97)
  must-block blocked      posts marked expect_block whose verdict is block (all)
  must-block silent       must-block posts that neither block nor warn: a pupil without consent let through with
                          nothing said (0; the rule that matters most)
  rule blocks blocked     posts any block rule applies to (consent, health detail about a pupil) that block
  safe posts blocked      posts no rule should block whose verdict is block (<= 2%): not expect_block and no
                          health detail about a pupil (devsets.block_reasons; the plain posts carry no photos)
  non-pupils attributed   gold `others` (adults, pets, characters, teams, houses) overlapped by a pupil.* finding,
                          per 100 posts (<= 1)
  non-pupils asked about  of those, the ones overlapped only by pupil.unsure findings (a warning that asks "is
                          this the pupil?", not a block or a claim), per 100 posts (no target; extra line)
  detail recall/precision gold details overlapped by a detail.<same kind> finding (>= 0.90); detail findings
                          that overlap a gold detail of their kind
  quiet posts flagged     posts with no people and no details whose verdict is warn or block (<= 3%)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsets import SETS, DevSet, block_reasons, is_quiet, load_set  # noqa: E402

POSTGUARD = str(Path(sys.executable).with_name("postguard"))
# The summary table's rows with the issue-12 targets.
SUMMARY = [
    ("mention_recall", ">=0.98"),
    ("pupil_precision", ">=0.97"),
    ("must_block_blocked", "all"),
    ("must_block_silent", "0"),
    ("rule_blocks_blocked", "all"),
    ("safe_blocked_pct", "<=2"),
    ("others_attributed_per_100", "<=1"),
    ("others_asked_per_100", ""),
    ("detail_recall", ">=0.90"),
    ("detail_precision", ""),
    ("quiet_flagged_pct", "<=3"),
]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def run_checker(devset: DevSet, workdir: Path) -> list[dict]:
    env_args = [POSTGUARD, "--home", str(workdir / "home")]
    subprocess.run(env_args + ["consent", "import", str(devset.roster)], check=True, stdout=subprocess.DEVNULL)
    staff_file = workdir / "staff.csv"
    staff_file.write_text("name\n" + "".join(f"{name}\n" for name, _role in devset.staff_rows()), encoding="utf-8")
    subprocess.run(env_args + ["staff", "import", str(staff_file)], check=True, stdout=subprocess.DEVNULL)
    out = workdir / "out.jsonl"
    subprocess.run(env_args + ["batch", str(devset.plain), "--out", str(out), "--quiet"], check=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(gold: list[dict], results: dict[str, dict], errors: list[str] | None = None) -> dict:
    """The issue-12 measures of one set. Appends one line per error to `errors` when given."""
    errors = [] if errors is None else errors
    m_total = m_found = p_total = p_correct = 0
    must_block = must_block_hit = must_block_silent = safe_total = safe_blocked = rule_block = rule_block_hit = 0
    others_attributed = others_asked = 0
    d_total = d_found = d_findings = d_correct = 0
    quiet_total = quiet_flagged = 0
    for g in gold:
        res = results[g["id"]]
        text = g["text"]

        def around(start: int, end: int, text: str = text) -> str:
            return text[max(0, start - 40) : end + 40].replace("\n", " ")

        pupil_f = [f for f in res["findings"] if f["code"].startswith("pupil.")]
        detail_f = [f for f in res["findings"] if f["code"].startswith("detail.")]
        for m in g["mentions"]:
            m_total += 1
            if any(overlaps(f["start"], f["end"], m["start"], m["end"]) and m["pupil"] in f["pupils"] for f in pupil_f):
                m_found += 1
            else:
                errors.append(
                    f"{g['id']} MISSED mention {m['surface']!r} ({m['pupil']}): …{around(m['start'], m['end'])}…"
                )
        for f in pupil_f:
            p_total += 1
            if any(
                overlaps(f["start"], f["end"], m["start"], m["end"]) and m["pupil"] in f["pupils"]
                for m in g["mentions"]
            ):
                p_correct += 1
            else:
                errors.append(
                    f"{g['id']} FALSE pupil {f['code']} {text[f['start'] : f['end']]!r} {f['pupils'][:3]}: "
                    f"…{around(f['start'], f['end'])}…"
                )
        for o in g.get("others", []):
            over = [f for f in pupil_f if overlaps(f["start"], f["end"], o["start"], o["end"])]
            if over:
                others_attributed += 1
                others_asked += all(f["code"] == "pupil.unsure" for f in over)
                errors.append(
                    f"{g['id']} OTHER attributed {o['surface']!r} ({o['role']}): …{around(o['start'], o['end'])}…"
                )
        if g.get("expect_block"):
            must_block += 1
            if res["verdict"] == "block":
                must_block_hit += 1
            else:
                must_block_silent += res["verdict"] != "warn"
                errors.append(f"{g['id']} NOT BLOCKED (verdict {res['verdict']})")
        reasons = block_reasons(g)
        if reasons:
            rule_block += 1
            if res["verdict"] == "block":
                rule_block_hit += 1
            elif not g.get("expect_block"):
                errors.append(f"{g['id']} NOT BLOCKED by the {', '.join(reasons)} rule (verdict {res['verdict']})")
        else:
            safe_total += 1
            if res["verdict"] == "block":
                safe_blocked += 1
                codes = [f["code"] for f in res["findings"] if f["severity"] == "block"]
                errors.append(f"{g['id']} SAFE post blocked: {codes}")
        for d in g["details"]:
            d_total += 1
            if any(
                f["code"] == f"detail.{d['kind']}" and overlaps(f["start"], f["end"], d["start"], d["end"])
                for f in detail_f
            ):
                d_found += 1
            else:
                errors.append(f"{g['id']} MISSED detail {d['kind']} {d['surface']!r}")
        for f in detail_f:
            d_findings += 1
            if any(
                f["code"] == f"detail.{d['kind']}" and overlaps(f["start"], f["end"], d["start"], d["end"])
                for d in g["details"]
            ):
                d_correct += 1
            else:
                errors.append(f"{g['id']} FALSE detail {f['code']} {text[f['start'] : f['end']]!r}")
        if is_quiet(g):
            quiet_total += 1
            if res["verdict"] in ("warn", "block"):
                quiet_flagged += 1
                errors.append(
                    f"{g['id']} QUIET post flagged {res['verdict']}: "
                    f"{[f['code'] for f in res['findings'] if f['severity'] != 'info']}"
                )
    posts = len(gold)
    return {
        "posts": posts,
        "mention_recall": m_found / m_total if m_total else 1.0,
        "mentions": m_total,
        "pupil_precision": p_correct / p_total if p_total else 1.0,
        "pupil_findings": p_total,
        "must_block_blocked": f"{must_block_hit}/{must_block}",
        "must_block_silent": must_block_silent,
        "rule_blocks_blocked": f"{rule_block_hit}/{rule_block}",
        "safe_blocked_pct": 100.0 * safe_blocked / safe_total if safe_total else 0.0,
        "safe_posts": safe_total,
        "others_attributed_per_100": 100.0 * others_attributed / posts if posts else 0.0,
        "others_attributed": others_attributed,
        "others_asked_per_100": 100.0 * others_asked / posts if posts else 0.0,
        "others_asked": others_asked,
        "detail_recall": d_found / d_total if d_total else 1.0,
        "details": d_total,
        "detail_precision": d_correct / d_findings if d_findings else 1.0,
        "detail_findings": d_findings,
        "quiet_flagged_pct": 100.0 * quiet_flagged / quiet_total if quiet_total else 0.0,
        "quiet_posts": quiet_total,
    }


def score_set(devset: DevSet, show_errors: bool) -> dict:
    gold = devset.gold_posts()
    with tempfile.TemporaryDirectory() as tmp:
        results = {r["id"]: r for r in run_checker(devset, Path(tmp))}
    errors: list[str] = []
    metrics = score(gold, results, errors)
    print(f"Text checker on the {devset.label} set ({devset.folder.name}/{devset.gold.name}):")
    for key, value in metrics.items():
        print(f"  {key:<27} {value:.3f}" if isinstance(value, float) else f"  {key:<27} {value}")
    if show_errors and devset.held_out:
        print(f"  ({len(errors)} error lines not shown: the {devset.label} set is scored only, never tuned to)")
    elif show_errors:
        print("\n".join(errors))
    return metrics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="which dev set (default: all)")
    parser.add_argument("--samples", type=Path, help="score the set in this folder instead")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    wanted = {"custom": args.samples} if args.samples else (SETS if args.set == "all" else {args.set: SETS[args.set]})
    scored: dict[str, dict] = {}
    for label, folder in wanted.items():
        devset = load_set(label, folder)
        if devset is None:
            print(f"score_text: no {label} set at {folder}; skipped.")
            continue
        scored[label] = score_set(devset, args.show_errors)
    if len(scored) > 1:
        print("\nSummary:")
        width = max(12, *(len(label) + 2 for label in scored))
        print(f"  {'measure':<27}{'target':>8}" + "".join(f"{label:>{width}}" for label in scored))
        for key, target in SUMMARY:
            cells = [scored[label][key] for label in scored]
            print(
                f"  {key:<27}{target:>8}"
                + "".join(f"{c:>{width}.3f}" if isinstance(c, float) else f"{c:>{width}}" for c in cells)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
