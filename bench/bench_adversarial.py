"""Adversarial drafts (issue 15): worst-case check time beside a normal post of the same length,
and /v1/health latency while the worst drafts are checked by the daemon.

Part 1 (in-process, real model, 1,500 invented pupils): each adversarial draft of LENGTH
characters (runs without spaces of brackets, curly quotes, emoji, alternating punctuation,
glued names, dense details ...) is checked REPEAT times; the median per draft is reported
beside the median of a normal post of the same length, measured in the same run.

Part 2 (daemon over loopback): two clients send the adversarial drafts back to back while a
prober asks /v1/health every 20 ms; reports health p50/p99 and the checks' statuses.

Part 3 (in-process, 20,000-pupil roster): checks of a normal post back to back while the
admin changes one pupil's consent every 0.5 s, with the consent index rebuilt on the check
path (foreground) and off it (background, as the daemon does); check p50/p99/max of each.

Part 4 (zip bomb): a small zip whose post file inflates to --bomb-mb MB of tiny JSON values,
read by the export reader in a fresh process, beside parsing the same file whole with
json.loads (what the reader did before); peak RSS of each.

    .venv/bin/python bench/bench_adversarial.py [--length 20000] [--repeat 3] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import POSTS, free_port, make_roster, pair, percentile, wait_ready  # noqa: E402

EMOJI_ROW = "😀😂🥳🎉👍🏽❤️🌈⚽🏆✨"


def adversarial_drafts(length: int, names: list[tuple[str, str]]) -> dict[str, str]:
    def rep(unit: str) -> str:
        return (unit * (length // len(unit) + 1))[:length]

    glued = "".join(f"{a}{b}" for a, b in names[:50])
    return {
        "open brackets": rep("("),
        "curly apostrophes": rep("’"),
        "one emoji": rep("😀"),
        "emoji row": rep(EMOJI_ROW),
        "letter+bracket": rep("a("),
        "bracket+letter": rep("(a"),
        "percent+letter": rep("%a"),
        "at signs": rep("@"),
        "letter+at": rep("a@"),
        "dots": rep("a."),
        "hyphens": rep("-"),
        "quote+letter": rep("'a"),
        "url run": "https://example.com/" + rep("a/(")[: length - 20],
        "letters only": rep("a"),
        "digits only": rep("7"),
        "glued names": rep(glued),
        "names, spaced": rep(" ".join(f"{a} {b}." for a, b in names[:50]) + " "),
        "phones": rep("Call 07700 900123. "),
        "sentences": rep("A. "),
        "newlines": rep("x\n"),
        "single letters": rep("x "),
        "spaced emoji": rep("😀 "),
        "spaced brackets": rep("( "),
    }


def normal_post(length: int, names: list[tuple[str, str]]) -> str:
    parts, i = [], 0
    while sum(map(len, parts)) < length:
        parts.append(
            POSTS[i % len(POSTS)].format(a=names[i * 7 % len(names)][0], b=" ".join(names[i * 13 % len(names)]))
        )
        i += 1
    return "\n\n".join(parts)[:length]


def timed(checker, text: str) -> float:  # noqa: ANN001 (a Checker)
    t0 = time.perf_counter()
    checker.check(text)
    return (time.perf_counter() - t0) * 1000


def in_process(home: Path, drafts: dict[str, str], normal: str, repeat: int) -> dict:
    """Each draft is timed right after the normal post, `repeat` times: on a shared machine the
    ratio compares checks run seconds apart, not minutes apart."""
    from postguard.checker import Checker
    from postguard.settings import Settings

    checker = Checker(Settings(home=home))
    normal_times: list[float] = []
    rows: dict[str, float] = {}
    ratios: dict[str, float] = {}
    try:
        checker.check("Warm up.")
        for name, text in drafts.items():
            pairs = [(timed(checker, normal), timed(checker, text)) for _ in range(repeat)]
            normal_times.extend(n for n, _ in pairs)
            rows[name] = round(statistics.median(d for _, d in pairs), 1)
            ratios[name] = round(statistics.median(d / n for n, d in pairs), 2)
    finally:
        checker.close()
    worst = max(ratios, key=lambda k: ratios[k])
    return {
        "normal_ms": round(statistics.median(normal_times), 1),
        "drafts_ms": rows,
        "ratio_to_normal": ratios,
        "worst": worst,
        "worst_ms": rows[worst],
        "worst_ratio": ratios[worst],
    }


async def under_load(base: str, token: str, drafts: list[str], seconds: float) -> dict:
    import aiohttp

    health: list[float] = []
    statuses: dict[str, int] = {}
    check_ms: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    stop = time.perf_counter() + seconds
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:

        async def sender(offset: int) -> None:
            i = offset
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                async with session.post(
                    f"{base}/v1/check", json={"text": drafts[i % len(drafts)]}, headers=headers
                ) as resp:
                    await resp.read()
                    statuses[str(resp.status)] = statuses.get(str(resp.status), 0) + 1
                    check_ms.append((time.perf_counter() - t0) * 1000)
                i += 1

        async def prober() -> None:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                async with session.get(f"{base}/v1/health") as resp:
                    await resp.read()
                health.append((time.perf_counter() - t0) * 1000)
                await asyncio.sleep(0.02)

        await asyncio.gather(sender(0), sender(len(drafts) // 2), prober())
    return {
        "health_samples": len(health),
        "health_p50_ms": round(percentile(health, 0.5), 2),
        "health_p99_ms": round(percentile(health, 0.99), 2),
        "health_max_ms": round(max(health), 2) if health else None,
        "check_statuses": statuses,
        "check_p50_ms": round(percentile(check_ms, 0.5), 1),
        "check_max_ms": round(max(check_ms), 1) if check_ms else None,
    }


def make_large_roster(home: Path, size: int = 20_000) -> list[str]:
    from postguard import db
    from postguard.consent.store import ConsentStore, Pupil
    from synthetic_names import FIRST, SURNAMES

    surnames = [f"{a}-{b}" for a in SURNAMES for b in SURNAMES if a != b]
    pupils = []
    for i in range(size):
        upn = f"L{800000000000 + i:012d}"
        first, last = FIRST[i % len(FIRST)], surnames[(i // len(FIRST)) % len(surnames)]
        consent = ("granted", "granted", "refused")[i % 3]
        pupils.append(
            Pupil(
                upn,
                upn,
                None,
                first,
                last,
                year_group=str(1 + i % 6),
                reg_group=f"{1 + i % 6}A",
                photo_consent=consent,
                name_consent=consent,
            )
        )
    conn = db.connect(home / "postguard.sqlite3")
    ConsentStore(conn).import_pupils(pupils, source="bench roster", actor="bench")
    conn.close()
    return [p.upn for p in pupils[:50]]


def under_consent_changes(home: Path, upns: list[str], text: str, seconds: float, background: bool) -> dict:
    import threading

    from postguard import db
    from postguard.checker import Checker
    from postguard.consent.store import ConsentStore
    from postguard.settings import Settings

    checker = Checker(Settings(home=home), background_refresh=background)
    stop = threading.Event()
    changes = 0

    def admin() -> None:
        nonlocal changes
        conn = db.connect(home / "postguard.sqlite3")
        store = ConsentStore(conn)
        while not stop.wait(0.5):
            store.set_consent(upns[changes % len(upns)], name=("refused", "granted")[changes % 2])
            changes += 1
        conn.close()

    times: list[float] = []
    thread = threading.Thread(target=admin)
    try:
        checker.check(text)
        thread.start()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            checker.check(text)
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        stop.set()
        thread.join()
        checker.wait_for_refresh(60)
        checker.close()
    return {
        "rebuild": "background" if background else "on the check path",
        "checks": len(times),
        "consent_changes": changes,
        "p50_ms": round(percentile(times, 0.5), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times), 1),
    }


BOMB_READERS = {
    "export reader, imports only (baseline)": ("from postguard.batch.facebook_export import FacebookExportReader\n"),
    "export reader (streamed)": (
        "from postguard.batch.facebook_export import FacebookExportReader\n"
        "r = FacebookExportReader(Path(sys.argv[1])); n = sum(1 for _ in r.posts())\n"
    ),
    "json.loads of the whole file": (
        "import json, zipfile\nwith zipfile.ZipFile(sys.argv[1]) as z: n = len(json.loads(z.read(z.namelist()[0])))\n"
    ),
}


def zip_bomb(folder: Path, megabytes: int) -> Path:
    import zipfile

    path = folder / "bomb.zip"
    unit = b"{},"
    inner = "your_activity_across_facebook/posts/your_posts_1.json"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(inner, "w") as member:
        member.write(b"[")
        block = unit * (1024 * 1024 // len(unit))
        for _ in range(megabytes):
            member.write(block)
        member.write(b"{}]")
    return path


def bomb_memory(folder: Path, megabytes: int) -> dict:
    path = zip_bomb(folder, megabytes)
    out: dict = {"zip_kb": path.stat().st_size // 1024, "inflated_mb": megabytes}
    for name, body in BOMB_READERS.items():
        code = (
            "import resource, sys, time\nfrom pathlib import Path\nt = time.perf_counter()\n"
            + body
            + "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, round(time.perf_counter() - t, 2))"
        )
        run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=600)
        if run.returncode:
            out[name] = {"error": run.stderr.strip().splitlines()[-1:]}
        else:
            rss, seconds = run.stdout.split()
            out[name] = {"peak_rss_mb": int(rss), "seconds": float(seconds)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--length", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="time bound of the daemon part")
    parser.add_argument("--only", default="", help="comma-separated draft names (in-process part)")
    parser.add_argument("--skip-daemon", action="store_true")
    parser.add_argument("--skip-roster", action="store_true", help="skip part 3 (20,000-pupil roster)")
    parser.add_argument("--roster-seconds", type=float, default=8.0)
    parser.add_argument("--bomb-mb", type=int, default=100, help="part 4: inflated size of the post file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="postguard-bench-") as tmp:
        home = Path(tmp) / "home"
        names = make_roster(home)
        drafts = adversarial_drafts(args.length, names)
        if args.only:
            drafts = {k: v for k, v in drafts.items() if k in args.only.split(",")}
        normal = normal_post(args.length, names)
        report: dict = {"length": args.length, "in_process": in_process(home, drafts, normal, args.repeat)}
        print(json.dumps(report["in_process"], indent=1), flush=True)
        if not args.skip_daemon:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            daemon = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "postguard",
                    "--home",
                    str(home),
                    "serve",
                    "--port",
                    str(port),
                    "--rate",
                    "10000",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
            try:
                wait_ready(base, daemon)
                token = pair(home, base)
                ranked = sorted(drafts, key=lambda k: -report["in_process"]["ratio_to_normal"][k])
                worst = [drafts[k] for k in ranked[:4]]
                report["daemon"] = asyncio.run(under_load(base, token, worst, args.seconds))
            finally:
                daemon.terminate()
                daemon.wait(timeout=30)
            print(json.dumps(report["daemon"], indent=1), flush=True)
        if not args.skip_roster:
            large = Path(tmp) / "large"
            upns = make_large_roster(large)
            text = POSTS[0].format(a="Amelia", b="Oliver Stone-Hill")
            report["roster"] = [
                under_consent_changes(large, upns, text, args.roster_seconds, background)
                for background in (False, True)
            ]
            print(json.dumps(report["roster"], indent=1), flush=True)
        if args.bomb_mb:
            report["zip_bomb"] = bomb_memory(Path(tmp), args.bomb_mb)
            print(json.dumps(report["zip_bomb"], indent=1), flush=True)
        ip = report["in_process"]
        print(
            f"\nadversarial {args.length:,}-char drafts: worst {ip['worst']!r} {ip['worst_ms']:.0f} ms, "
            f"{ip['worst_ratio']}x the normal post of the same length timed beside it (median "
            f"{ip['normal_ms']:.0f} ms; aim <= 3x)"
        )
        if "daemon" in report:
            d = report["daemon"]
            print(
                f"health while checking the worst drafts: p50 {d['health_p50_ms']} ms, p99 {d['health_p99_ms']} ms "
                f"(aim <= 100 ms); checks {d['check_statuses']}"
            )
        if "zip_bomb" in report:
            z = report["zip_bomb"]
            for name in BOMB_READERS:
                print(f"zip bomb ({z['zip_kb']} KB zip, {z['inflated_mb']} MB inflated), {name}: {z[name]}")
        for r in report.get("roster", []):
            print(
                f"20,000 pupils, a consent change every 0.5 s, index rebuilt {r['rebuild']}: check p50 "
                f"{r['p50_ms']} ms, p99 {r['p99_ms']} ms, max {r['max_ms']} ms ({r['checks']} checks)"
            )


if __name__ == "__main__":
    main()
