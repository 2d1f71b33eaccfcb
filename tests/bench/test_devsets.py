"""The committed dev sets under bench/ are what their markup and rosters say (rebuilt here and compared)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from postguard.consent.mis_import import parse_mis_csv

BENCH = Path(__file__).resolve().parents[2] / "bench"
SET_DIRS = [
    BENCH / "devset_secondary",
    BENCH / "devset_special",
    BENCH / "devset_scottish",
    *sorted(p for p in (BENCH / "heldout").glob("*") if p.is_dir()),
]


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_build", BENCH / "devset_secondary" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("set_dir", SET_DIRS, ids=lambda p: p.name)
def test_committed_gold_is_the_markup_rebuilt(set_dir: Path, tmp_path: Path) -> None:
    _build_module().build(set_dir, tmp_path)
    for built in sorted(tmp_path.iterdir()):
        assert built.read_text(encoding="utf-8") == (set_dir / built.name).read_text(encoding="utf-8"), built.name


@pytest.mark.parametrize("set_dir", SET_DIRS, ids=lambda p: p.name)
def test_roster_imports_and_gold_offsets_hold(set_dir: Path) -> None:
    (roster_csv,) = set_dir.glob("roster_*.csv")
    parsed = parse_mis_csv(roster_csv.read_bytes(), filename=roster_csv.name)
    assert parsed.ok, parsed.problems[:3]
    pupils = {p.pupil_id: p for p in parsed.pupils}
    (gold,) = set_dir.glob("gold_*.jsonl")
    posts = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    for post in posts:
        for span in post["mentions"] + post["details"] + post["others"]:
            assert post["text"][span["start"] : span["end"]] == span["surface"], post["id"]
        refused = {m["pupil"] for m in post["mentions"] if not pupils[m["pupil"]].may_be_named}
        assert post["expect_block"] == bool(refused), post["id"]


def test_markup_offsets_are_code_points() -> None:
    text, mentions, details, others = _build_module().parse_markup(
        "🎉 [[Zoë|K1]] in {{9RB|class}} with <<Mr Bailey|staff>>"
    )
    assert text == "🎉 Zoë in 9RB with Mr Bailey"
    assert (mentions[0]["start"], mentions[0]["end"]) == (2, 5)
    assert text[details[0]["start"] : details[0]["end"]] == "9RB"
    assert others[0]["role"] == "staff" and text[others[0]["start"] : others[0]["end"]] == "Mr Bailey"
