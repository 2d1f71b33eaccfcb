"""Load test of the local daemon on loopback (issue 4).

Starts `postguard serve` in its own process on a free loopback port with a
temporary data folder (1,500 invented pupils), pairs, then a separate client
process drives ~600-character posts at concurrency 1, 4 and 16 (each level
bounded in count and time) while probing /v1/health. Reports throughput,
p50/p99 latency, errors and health p99 under load, all from one run.

    .venv/bin/python bench/bench_load.py [--seconds 8] [--max-requests 400]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_names import FIRST, SURNAMES  # noqa: E402

CONSENT = ["granted", "granted", "granted", "refused", "not_asked"]

POSTS = [
    "What a fantastic week it has been in Year 4! The children have been busy learning about the "
    "Romans, building their own shields and marching around the playground in formation. {a} "
    "designed a brilliant mosaic, and {b} wrote a letter home from Hadrian's Wall that had the whole "
    "class laughing. On Thursday we welcomed a visitor from the local museum who brought real Roman "
    "coins for everyone to handle. Thank you to all the families who sent in junk modelling for our "
    "catapult challenge; the winning design launched a marshmallow almost four metres! Next week we "
    "start our new science topic on sound, so please keep an eye on the homework page. #Year4 #Romans",
    "Congratulations to our netball team, who finished second in the district tournament on Saturday "
    "morning! The squad played six matches in the rain and never once gave up. Special mention to {a} "
    "for some superb defending and to {b} for keeping everyone's spirits up between games. Thank you to "
    "Mrs Hartley for coaching the team every Tuesday after school, and to the parents who drove and "
    "cheered from the sidelines. Training continues next term and new players from Years 5 and 6 are "
    "always welcome; just speak to your class teacher. We are so proud of every one of you. #TeamSpirit",
    "Our Harvest Festival collection raised an incredible 214 items for the town food bank this year. "
    "The hall was full of tins, packets and fresh vegetables, and the children sang beautifully at the "
    "celebration assembly on Friday afternoon. Reception class performed a song about apples and Year "
    "2 read out poems they had written about autumn leaves. The food bank volunteers thanked everyone "
    "for their generosity and said the donations will help local families right through to December. "
    "A reminder that school closes for half term on Friday and reopens on Monday the 3rd. Have a lovely "
    "break, everyone!",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_roster(home: Path) -> list[tuple[str, str]]:
    from postguard import db
    from postguard.consent.store import ConsentStore, Pupil

    pupils, names = [], []
    for i, (first, last) in enumerate((f, s) for s in SURNAMES for f in FIRST):
        upn = f"B{900000000000 + i:012d}"
        consent = CONSENT[i % len(CONSENT)]
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
                no_publish=(i % 97 == 0),
            )
        )
        names.append((first, last))
    conn = db.connect(home / "postguard.sqlite3")
    ConsentStore(conn).import_pupils(pupils, source="bench roster", actor="bench")
    conn.close()
    return names


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# -- client process --------------------------------------------------------------
async def drive(base: str, token: str, texts: list[str], concurrency: int, seconds: float, max_requests: int) -> dict:
    import aiohttp

    latencies: list[float] = []
    health: list[float] = []
    errors: dict[str, int] = {}
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.perf_counter() + seconds
    sent = 0
    done = asyncio.Event()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency + 2)) as session:

        async def worker():
            nonlocal sent
            while time.perf_counter() < deadline and sent < max_requests:
                text = texts[sent % len(texts)]
                sent += 1
                t0 = time.perf_counter()
                async with session.post(f"{base}/v1/check", json={"text": text, "images": []}, headers=headers) as resp:
                    await resp.read()
                    if resp.status == 200:
                        latencies.append((time.perf_counter() - t0) * 1000)
                    else:
                        errors[str(resp.status)] = errors.get(str(resp.status), 0) + 1

        async def prober():
            while not done.is_set():
                t0 = time.perf_counter()
                async with session.get(f"{base}/v1/health") as resp:
                    await resp.read()
                    if resp.status == 200:
                        health.append((time.perf_counter() - t0) * 1000)
                    else:
                        errors["health " + str(resp.status)] = errors.get("health " + str(resp.status), 0) + 1
                await asyncio.sleep(0.05)

        probe = asyncio.create_task(prober())
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        done.set()
        await probe
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": errors,
        "health_samples": len(health),
        "health_p50_ms": round(percentile(health, 0.50), 2),
        "health_p99_ms": round(percentile(health, 0.99), 2),
    }


async def idle_health(base: str, samples: int = 60) -> dict:
    import aiohttp

    times = []
    async with aiohttp.ClientSession() as session:
        for _ in range(samples):
            t0 = time.perf_counter()
            async with session.get(f"{base}/v1/health") as resp:
                await resp.read()
            times.append((time.perf_counter() - t0) * 1000)
            await asyncio.sleep(0.02)
    return {"p50_ms": round(percentile(times, 0.5), 2), "p99_ms": round(percentile(times, 0.99), 2)}


def client_main(args) -> None:
    config = json.loads(sys.stdin.read())
    idle = asyncio.run(idle_health(config["base"]))
    levels = [
        asyncio.run(drive(config["base"], config["token"], config["texts"], level, args.seconds, args.max_requests))
        for level in args.levels
    ]
    print(json.dumps({"idle_health": idle, "levels": levels}))


def direct_baseline(home: Path, texts: list[str], seconds: float, max_requests: int) -> float:
    """Median of Checker.check in-process on the same posts: what the daemon adds is the rest."""
    from postguard.checker import Checker
    from postguard.settings import Settings

    checker = Checker(Settings(home=home))
    try:
        for text in texts:
            checker.check(text)  # warm-up
        times, deadline = [], time.perf_counter() + seconds
        while time.perf_counter() < deadline and len(times) < max_requests:
            t0 = time.perf_counter()
            checker.check(texts[len(times) % len(texts)])
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        checker.close()
    return percentile(times, 0.5)


# -- orchestrator ------------------------------------------------------------------
def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 120) -> float:
    import urllib.request

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"daemon exited early ({proc.returncode})")
        try:
            with urllib.request.urlopen(f"{base}/v1/health", timeout=1) as resp:
                if resp.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            time.sleep(0.1)
    raise SystemExit("daemon did not become ready")


def pair(home: Path, base: str) -> str:
    import urllib.request

    out = subprocess.run(
        [sys.executable, "-m", "postguard", "--home", str(home), "pair", "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    code = json.loads(out)["code"]
    req = urllib.request.Request(
        f"{base}/v1/pair", data=json.dumps({"code": code}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())["token"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0, help="time bound per concurrency level")
    parser.add_argument("--max-requests", type=int, default=400, help="count bound per level")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 4, 16])
    parser.add_argument("--workers", type=int, default=None, help="daemon check threads (default: its own)")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        return client_main(args)

    with tempfile.TemporaryDirectory(prefix="postguard-bench-") as tmp:
        home = Path(tmp) / "home"
        names = make_roster(home)
        texts = [
            POSTS[i % len(POSTS)].format(a=names[(i * 7) % len(names)][0], b=" ".join(names[(i * 13 + 5) % len(names)]))
            for i in range(12)
        ]
        direct_p50 = direct_baseline(home, texts, args.seconds, args.max_requests)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        daemon = subprocess.Popen(
            [sys.executable, "-m", "postguard", "--home", str(home), "serve", "--port", str(port), "--rate", "10000"]
            + (["--workers", str(args.workers)] if args.workers else []),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        try:
            ready = wait_ready(base, daemon)
            token = pair(home, base)
            client = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--client",
                    "--seconds",
                    str(args.seconds),
                    "--max-requests",
                    str(args.max_requests),
                    "--levels",
                    ",".join(map(str, args.levels)),
                ],
                input=json.dumps({"base": base, "token": token, "texts": texts}),
                capture_output=True,
                text=True,
                check=True,
            )
            measured = json.loads(client.stdout)
        finally:
            daemon.terminate()
            try:
                out, _ = daemon.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                daemon.kill()
                out, _ = daemon.communicate()
    ready_line = next((line for line in out.splitlines() if "ready" in line), "")
    results, idle = measured["levels"], measured["idle_health"]
    print(
        f"daemon load test: {len(names)} pupils, posts of ~{sum(map(len, texts)) // len(texts)} chars, "
        f"loopback, separate client process"
    )
    print(f"time to ready (process start -> /v1/health 200): {ready:.2f} s; daemon says: {ready_line.strip()}")
    print(
        f"in-process Checker.check median on the same posts: {direct_p50:.1f} ms; "
        f"idle /v1/health p50 {idle['p50_ms']} ms, p99 {idle['p99_ms']} ms"
    )
    print(
        f"{'conc':>4} {'reqs':>5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'health p50':>10} "
        f"{'health p99':>10}  errors"
    )
    for r in results:
        print(
            f"{r['concurrency']:>4} {r['requests']:>5} {r['throughput_per_s']:>7} {r['p50_ms']:>7} "
            f"{r['p99_ms']:>7} {r['health_p50_ms']:>10} {r['health_p99_ms']:>10}  {r['errors'] or 'none'}"
        )
    first = results[0]
    print(
        f"daemon overhead at concurrency {first['concurrency']}: p50 {first['p50_ms']} ms vs in-process "
        f"{direct_p50:.1f} ms = {first['p50_ms'] / direct_p50:.2f}x ({first['p50_ms'] - direct_p50:+.1f} ms; "
        "measured one after the other, so machine noise shows)"
    )
    print("aim: p50 <= 30 ms at concurrency 1, no errors at 16, health p99 <= 20 ms under load")
    print(
        "json: "
        + json.dumps(
            {
                "bench": "daemon_load",
                "ready_s": round(ready, 2),
                "direct_check_p50_ms": round(direct_p50, 1),
                "idle_health": idle,
                "levels": results,
            }
        )
    )


if __name__ == "__main__":
    main()
