"""The annotated dev sets the text benchmarks score, and how to read one (shared by score_text and score_details).

A set folder holds `roster_<name>.csv`, `posts_<name>.md` (markup and staff comment, see ../shared/samples/README.md),
`gold_<name>.jsonl` and `plain_<name>.jsonl`, optionally `staff_<name>.csv` (`name,role`).

- dev: ../shared/samples, "Riverside Primary School" (the first dev set).
- secondary: bench/devset_secondary, "Kingsmead Academy" (Years 7-13, Arbor-style roster).
- special: bench/devset_special, "Meadowbank School" (ages 4-19; the first held-out set, made a dev set after it
  was scored, see its README).
- scottish: bench/devset_scottish, "Glenbervie Primary School" (P1-P7 and nursery, composite classes, SEEMiS-style
  roster identified by admission number).
- heldout-NAME: each folder bench/heldout/NAME, scored only: never tune a rule against one, and no error lines are
  printed for them. Their posts are written by someone who has not seen the checker's errors.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _shared_samples() -> Path:
    """../shared/samples beside the checkout (a worktree sits one level deeper, e.g. /work/wt/NAME)."""
    for parent in BENCH.parent.parents:
        if (parent / "shared" / "samples").is_dir():
            return parent / "shared" / "samples"
    return BENCH.parent.parent / "shared" / "samples"


HELD_OUT_ROOT = BENCH / "heldout"
DEV_SETS: dict[str, Path] = {
    "dev": _shared_samples(),
    "secondary": BENCH / "devset_secondary",
    "special": BENCH / "devset_special",
    "scottish": BENCH / "devset_scottish",
}
HELD_OUT_SETS: dict[str, Path] = {
    f"heldout-{folder.name}": folder for folder in sorted(HELD_OUT_ROOT.glob("*")) if folder.is_dir()
}
SETS: dict[str, Path] = DEV_SETS | HELD_OUT_SETS
HELD_OUT = frozenset(HELD_OUT_SETS)
# `others` roles that are not people (a pet, a part in a play, a team or house spelled like a pupil's name):
# a pupil finding on them still counts as a non-pupil attributed to a pupil, but they do not make a post "about
# people" for the no-people-no-details measure.
NON_PERSON_ROLES = frozenset({"animal", "character", "team", "house"})


@dataclass(frozen=True)
class DevSet:
    label: str
    folder: Path
    roster: Path
    posts_md: Path
    gold: Path
    plain: Path
    staff_csv: Path | None

    @property
    def held_out(self) -> bool:
        return self.label in HELD_OUT

    def gold_posts(self) -> list[dict]:
        return [json.loads(line) for line in self.gold.read_text(encoding="utf-8").splitlines() if line.strip()]

    def staff_rows(self) -> list[tuple[str, str]]:
        """The staff list: staff_<name>.csv if present, else the `<!-- staff: ... -->` comment of the posts."""
        if self.staff_csv:
            lines = list(csv.reader(io.StringIO(self.staff_csv.read_text(encoding="utf-8-sig"))))
            return [(r[0], r[1] if len(r) > 1 else "") for r in lines[1:] if r and r[0].strip()]
        match = re.search(r"<!--\s*staff:(.*?)-->", self.posts_md.read_text(encoding="utf-8"), re.S)
        if not match:
            return []
        rows: list[tuple[str, str]] = []
        for item in re.split(r",\s*(?![^()]*\))", match.group(1)):
            role = re.search(r"\((.*?)\)", item)
            name = re.sub(r"\(.*?\)", "", item).strip()
            if name:
                rows.append((name, role.group(1).strip() if role else ""))
        return rows


def _one(folder: Path, pattern: str) -> Path | None:
    found = sorted(folder.glob(pattern))
    return found[0] if len(found) == 1 else None


def load_set(label: str, folder: Path) -> DevSet | None:
    """The set in `folder`, or None when it is not there (the shared samples are not in every checkout)."""
    parts = {key: _one(folder, f"{key}_*.{ext}") for key, ext in (("roster", "csv"), ("posts", "md"))}
    parts |= {key: _one(folder, f"{key}_*.jsonl") for key in ("gold", "plain")}
    if not folder.is_dir() or any(p is None for p in parts.values()):
        return None
    return DevSet(
        label=label,
        folder=folder,
        roster=parts["roster"],  # type: ignore[arg-type]
        posts_md=parts["posts"],  # type: ignore[arg-type]
        gold=parts["gold"],  # type: ignore[arg-type]
        plain=parts["plain"],  # type: ignore[arg-type]
        staff_csv=_one(folder, "staff_*.csv"),
    )


def is_quiet(post: dict) -> bool:
    """A post with no people (pupils or other people) and no identifying details."""
    people = [o for o in post.get("others", []) if o["role"] not in NON_PERSON_ROLES]
    return not post["mentions"] and not people and not post["details"]


def roster_pupils(devset: DevSet) -> dict:
    """pupil_id -> Pupil, read by the daemon's own importer (so the set's header style is tested too)."""
    from postguard.consent.mis_import import parse_mis_csv

    parsed = parse_mis_csv(devset.roster.read_bytes(), filename=devset.roster.name)
    return {p.pupil_id: p for p in parsed.pupils}


def block_reasons(post: dict) -> list[str]:
    """Why the product's rules block this post as the checker is given it (empty: a post nothing should block).

    consent: a named pupil lacks name consent or is No Publish (gold `expect_block`); health: a health detail
    (annotated only when it is about a named pupil). The plain posts carry no photos, so the full-name-with-a-photo
    rule never applies here.
    """
    reasons = []
    if post.get("expect_block"):
        reasons.append("consent")
    if any(d["kind"] == "health" for d in post["details"]):
        reasons.append("health")
    return reasons
