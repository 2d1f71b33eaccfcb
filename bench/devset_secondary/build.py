"""Build gold_*.jsonl and plain_*.jsonl from an annotated posts_*.md (the markup of ../shared/samples).

    PYTHONPATH=daemon .venv/bin/python bench/devset_secondary/build.py [SET_DIR ...]

SET_DIR defaults to this folder; bench/devset_special is built the same way. A set folder holds one
roster_<name>.csv and one posts_<name>.md; this writes gold_<name>.jsonl, plain_<name>.jsonl and staff_<name>.csv
(from the staff comment at the top of the posts, as `name,role`).

Markup: `[[surface|UPN]]` pupil mention, `{{surface|kind}}` identifying detail, `<<surface|role>>` a name that is
not a pupil. Offsets are Python code points into the text with the markup removed. `expect_block` is computed from
the roster read by the daemon's own importer: a mentioned pupil without granted name consent, or Do Not Publish.
Every span is checked (surface == text[start:end], UPN on the roster, known kind and role); any problem stops the
build with the post id.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path

from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import GRANTED

HERE = Path(__file__).resolve().parent
DETAIL_KINDS = {"age", "dob", "class", "address", "postcode", "phone", "email", "handle", "health", "future"}
# People who are not pupils (a checker must never attribute them to a pupil) ...
PERSON_ROLES = {"staff", "parent", "visitor", "public", "alumni"}
# ... and names that are not people at all (a pet, a part in a play, a team or house named like a pupil).
NON_PERSON_ROLES = {"animal", "character", "team", "house"}
MARKUP = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]]+)\]\]|\{\{([^{}|]+)\|([^{}]+)\}\}|<<([^<>|]+)\|([^<>]+)>>")
CAST_KEY = re.compile(r"\|@([a-z0-9_]+)\]\]")


def make_upn(prefix: str, seed: str) -> str:
    """A UPN-shaped id (letter + 12 digits) that depends only on the seed string, so cast ids never move."""
    digits = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**9
    return f"{prefix}{digits:09d}"


def fill_cast_keys(posts_md: Path, upns: dict[str, str]) -> None:
    """Rewrite `[[surface|@key]]` to `[[surface|UPN]]` in place (posts are written against cast keys)."""
    if not posts_md.exists():
        return
    text = posts_md.read_text(encoding="utf-8")
    unknown = sorted({k for k in CAST_KEY.findall(text) if k not in upns})
    if unknown:
        raise SystemExit(f"{posts_md.name}: unknown cast keys {unknown}")
    filled = CAST_KEY.sub(lambda m: f"|{upns[m.group(1)]}]]", text)
    if filled != text:
        posts_md.write_text(filled, encoding="utf-8")
        print(f"{posts_md.name}: cast keys filled")


def parse_markup(marked: str) -> tuple[str, list[dict], list[dict], list[dict]]:
    out: list[str] = []
    pos = length = 0
    mentions, details, others = [], [], []
    for m in MARKUP.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        surface, tag = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i) is not None)
        span = {"start": length, "end": length + len(surface)}
        if m.group(1) is not None:
            mentions.append({**span, "pupil": tag.strip(), "surface": surface})
        elif m.group(3) is not None:
            details.append({**span, "kind": tag.strip(), "surface": surface})
        else:
            others.append({**span, "role": tag.strip(), "surface": surface})
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), mentions, details, others


def parse_posts(path: Path) -> list[dict]:
    body = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    posts = []
    for block in re.split(r"^## ", body, flags=re.M)[1:]:
        head, _, rest = block.partition("\n")
        meta_line, _, marked = rest.partition("\n")
        if not meta_line.startswith("meta:"):
            raise SystemExit(f"{head.strip()}: the line after the id must be 'meta: ...'")
        meta = dict(item.strip().split("=", 1) for item in meta_line[5:].split(";") if "=" in item)
        marked = re.sub(r"\n---\s*$", "", marked.rstrip()).strip()
        text, mentions, details, others = parse_markup(marked)
        posts.append(
            {
                "id": head.strip(),
                "text": text,
                "images": int(meta.get("images", 0)),
                "mentions": mentions,
                "details": details,
                "others": others,
            }
        )
    return posts


def staff_from_comment(path: Path) -> list[tuple[str, str]]:
    match = re.search(r"<!--\s*staff:(.*?)-->", path.read_text(encoding="utf-8"), re.S)
    if not match:
        return []
    people = []
    for item in re.split(r",\s*(?![^()]*\))", match.group(1)):
        role = re.search(r"\((.*?)\)", item)
        name = re.sub(r"\(.*?\)", "", item).strip()
        if name:
            people.append((name, role.group(1).strip() if role else ""))
    return people


def check(post: dict, roster: dict) -> list[str]:
    problems = []
    text = post["text"]
    for span in post["mentions"] + post["details"] + post["others"]:
        if text[span["start"] : span["end"]] != span["surface"]:
            problems.append(f"offsets of {span['surface']!r}")
        if span["surface"] != span["surface"].strip():
            problems.append(f"surface {span['surface']!r} has spaces at an end")
    problems += [f"UPN {m['pupil']} not on the roster" for m in post["mentions"] if m["pupil"] not in roster]
    problems += [f"kind {d['kind']!r}" for d in post["details"] if d["kind"] not in DETAIL_KINDS]
    problems += [f"role {o['role']!r}" for o in post["others"] if o["role"] not in PERSON_ROLES | NON_PERSON_ROLES]
    problems += [f"markup left in text: {c!r}" for c in ("[[", "]]", "{{", "}}", "<<", ">>", "|@") if c in text]
    return problems


def build(set_dir: Path, out_dir: Path | None = None) -> int:
    """Check the set's posts and write its gold, plain and staff files into out_dir (default: the set folder)."""
    out_dir = out_dir or set_dir
    (posts_md,) = sorted(set_dir.glob("posts_*.md"))
    (roster_csv,) = sorted(set_dir.glob("roster_*.csv"))
    name = posts_md.stem.removeprefix("posts_")
    parsed = parse_mis_csv(roster_csv.read_bytes(), filename=roster_csv.name)
    if not parsed.ok:
        raise SystemExit(f"{roster_csv.name}: " + "; ".join(map(str, parsed.problems[:5])))
    roster = {p.pupil_id: p for p in parsed.pupils}
    posts = parse_posts(posts_md)
    failures = []
    ids = [p["id"] for p in posts]
    if len(set(ids)) != len(ids):
        failures.append("duplicate post ids")
    for post in posts:
        failures += [f"{post['id']}: {problem}" for problem in check(post, roster)]
        blocked = sorted(
            {
                m["pupil"]
                for m in post["mentions"]
                if m["pupil"] in roster
                and (roster[m["pupil"]].name_consent != GRANTED or roster[m["pupil"]].no_publish)
            }
        )
        post["expect_block"] = bool(blocked)
        post["blocked_pupils"] = blocked
    if failures:
        raise SystemExit("\n".join(failures))
    with (out_dir / f"gold_{name}.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in posts)
    with (out_dir / f"plain_{name}.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": p["id"], "text": p["text"]}, ensure_ascii=False) + "\n" for p in posts)
    staff = staff_from_comment(posts_md)
    with (out_dir / f"staff_{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([("name", "role"), *staff])
    quiet = sum(1 for p in posts if not p["mentions"] and not p["details"] and not p["others"])
    print(
        f"{set_dir.name}: {len(posts)} posts ({quiet} with no names and no details, "
        f"{sum(p['expect_block'] for p in posts)} must block), {len(roster)} pupils, {len(staff)} staff, "
        f"{sum(len(p['mentions']) for p in posts)} mentions, {sum(len(p['details']) for p in posts)} details, "
        f"{sum(len(p['others']) for p in posts)} others"
    )
    return 0


def main() -> int:
    dirs = [Path(a) for a in sys.argv[1:]] or [HERE]
    for set_dir in dirs:
        build(set_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
