"""Score the text checker on the annotated dev set in ../shared/samples.

Runs the real CLI end to end in a temporary data folder:
  postguard consent import roster_dev.csv
  postguard staff import <staff list from posts_dev.md>
  postguard batch plain_dev.jsonl --out out.jsonl
then scores out.jsonl against gold_dev.jsonl.

    .venv/bin/python bench/score_text.py [--samples DIR] [--show-errors]

Metrics (targets from the issue):
  mention recall      gold pupil mentions overlapped by a pupil.* finding that lists the right pupil (>= 0.97)
  pupil precision     pupil.* findings that overlap a gold mention and list its pupil (>= 0.95)
  expect_block        posts marked expect_block whose verdict is block (all)
  others attributed   pupil.* findings overlapping a non-pupil person (0)
  detail recall       gold details overlapped by a detail.<same kind> finding (>= 0.90)
  clean warn rate     posts with no people and no details that get warn/block (<= 5%)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLES = ROOT.parent / "shared" / "samples"
POSTGUARD = str(Path(sys.executable).with_name("postguard"))


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def staff_from_posts_md(path: Path) -> list[str]:
    match = re.search(r"<!--\s*staff:(.*?)-->", path.read_text(encoding="utf-8"), re.S)
    if not match:
        return []
    names = []
    for item in re.split(r",\s*(?![^()]*\))", match.group(1)):
        name = re.sub(r"\(.*?\)", "", item).strip()
        if name:
            names.append(name)
    return names


def run_checker(samples: Path, workdir: Path) -> list[dict]:
    home = workdir / "home"
    env_args = [POSTGUARD, "--home", str(home)]
    subprocess.run(
        env_args + ["consent", "import", str(samples / "roster_dev.csv")], check=True, stdout=subprocess.DEVNULL
    )
    staff_file = workdir / "staff.csv"
    staff_file.write_text("name\n" + "\n".join(staff_from_posts_md(samples / "posts_dev.md")) + "\n", encoding="utf-8")
    subprocess.run(env_args + ["staff", "import", str(staff_file)], check=True, stdout=subprocess.DEVNULL)
    out = workdir / "out.jsonl"
    subprocess.run(env_args + ["batch", str(samples / "plain_dev.jsonl"), "--out", str(out), "--quiet"], check=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(gold: list[dict], results: dict[str, dict], show_errors: bool = False) -> dict:
    m_total = m_found = 0
    p_total = p_correct = 0
    blocks_expected = blocks_hit = 0
    others_attributed = 0
    d_total = d_found = 0
    d_findings = d_correct = 0
    clean_total = clean_flagged = 0
    errors: list[str] = []
    for g in gold:
        res = results[g["id"]]
        text = g["text"]
        pupil_f = [f for f in res["findings"] if f["code"].startswith("pupil.")]
        detail_f = [f for f in res["findings"] if f["code"].startswith("detail.")]
        for m in g["mentions"]:
            m_total += 1
            if any(overlaps(f["start"], f["end"], m["start"], m["end"]) and m["pupil"] in f["pupils"] for f in pupil_f):
                m_found += 1
            else:
                errors.append(
                    f"{g['id']} MISSED mention {m['surface']!r} ({m['pupil']}): "
                    f"…{text[max(0, m['start'] - 40) : m['end'] + 40]}…"
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
                    f"…{text[max(0, f['start'] - 40) : f['end'] + 40]}…"
                )
            for o in g.get("others", []):
                if overlaps(f["start"], f["end"], o["start"], o["end"]):
                    others_attributed += 1
                    errors.append(f"{g['id']} OTHER attributed {o['surface']!r} ({o['role']})")
        if g.get("expect_block"):
            blocks_expected += 1
            if res["verdict"] == "block":
                blocks_hit += 1
            else:
                errors.append(f"{g['id']} NOT BLOCKED (verdict {res['verdict']})")
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
        if not g["mentions"] and not g.get("others") and not g["details"]:
            clean_total += 1
            if res["verdict"] in ("warn", "block"):
                clean_flagged += 1
                errors.append(
                    f"{g['id']} CLEAN post flagged {res['verdict']}: "
                    f"{[f['code'] for f in res['findings'] if f['severity'] != 'info']}"
                )
    metrics = {
        "posts": len(gold),
        "mention_recall": m_found / m_total if m_total else 1.0,
        "mentions": m_total,
        "pupil_precision": p_correct / p_total if p_total else 1.0,
        "pupil_findings": p_total,
        "expect_block_blocked": f"{blocks_hit}/{blocks_expected}",
        "others_attributed": others_attributed,
        "detail_recall": d_found / d_total if d_total else 1.0,
        "details": d_total,
        "detail_precision": d_correct / d_findings if d_findings else 1.0,
        "clean_warn_rate": clean_flagged / clean_total if clean_total else 0.0,
        "clean_posts": clean_total,
    }
    if show_errors:
        for e in errors:
            print(e)
    return metrics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    if not (args.samples / "gold_dev.jsonl").exists():
        print(f"score_text: no dev set at {args.samples}; skipped.")
        return 0
    gold = [
        json.loads(line)
        for line in (args.samples / "gold_dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        results = {r["id"]: r for r in run_checker(args.samples, Path(tmp))}
    metrics = score(gold, results, args.show_errors)
    print("Text checker on the dev set (bench/score_text.py):")
    for key, value in metrics.items():
        print(f"  {key:<22} {value:.3f}" if isinstance(value, float) else f"  {key:<22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
