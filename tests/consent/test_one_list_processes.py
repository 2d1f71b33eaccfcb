"""One consent list for the whole school, as the IT admin and a staff computer run it: two data
folders, every command a real process, the staff daemon a real `postguard serve` that follows the
admin's published list over a shared folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
ROSTER = FIXTURES / "roster.csv"
POSTGUARD = str(Path(sys.executable).with_name("postguard"))
ZOE = "T100000000004"  # Zoë Marchetti, Class 3L: photo and name consent granted in the MIS
GRACE = "T100000000005"


def run(home: Path, *args: str, user: str = "itadmin", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [POSTGUARD, "--home", str(home), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "USER": user, **(env or {})},
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    """`postguard serve` for the staff data folder, polling the followed list every second."""

    def __init__(self, home: Path, log: Path):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "postguard",
                "--home",
                str(home),
                "serve",
                "--port",
                str(self.port),
                "--follow-every",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=log.open("a"),
            text=True,
        )
        deadline = time.monotonic() + 120
        self.banner = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            assert line, f"daemon exited: {self.proc.wait()} {log.read_text()}"
            self.banner += line
            if line.startswith("Press Ctrl+C"):
                return
        raise AssertionError("daemon did not start")

    def health(self) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/v1/health", timeout=10) as resp:
            return json.loads(resp.read())

    def wait_for(self, predicate, what: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            health = self.health()
            if predicate(health):
                return health
            time.sleep(0.2)
        raise AssertionError(f"daemon never showed {what}: {self.health()}")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            assert self.proc.wait(timeout=30) == 0
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.stdout.close()


@pytest.fixture
def school(tmp_path):
    admin, staff, share = tmp_path / "admin", tmp_path / "staff", tmp_path / "share"
    share.mkdir()
    return admin, staff, share


def test_import_refuse_reimport_dry_run(school, tmp_path):
    admin, _staff, _share = school
    ok(run(admin, "consent", "import", str(ROSTER)))
    out = ok(run(admin, "consent", "set", ZOE, "--photo", "no", user="jsmith"))
    assert "photo consent: NO (refused)" in out

    again = ok(run(admin, "consent", "import", str(ROSTER)))  # the MIS still says granted
    assert "1 refusal(s) recorded in PostGuard stayed" in again
    assert (
        "Zoë Marchetti (Class 3L, UPN T100000000004): photo consent refused in PostGuard on " in again
        and "by jsmith; the MIS says photo consent: granted" in again
    )
    assert "photo consent: NO (refused)" in ok(run(admin, "consent", "show", "Zoe Marchetti"))

    # A later MIS export: one pupil left, one name consent withdrawn, a name corrected.
    lines = ROSTER.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [line for line in lines if not line.startswith("100006,")]
    changed = [line.replace("Grace,Whitfield", "Grace,Whitfield-Shaw") if GRACE in line else line for line in changed]
    newer = tmp_path / "newer.csv"
    newer.write_text("".join(changed), encoding="utf-8")
    before = ok(run(admin, "consent", "list", "--json", "--left"))
    history_before = ok(run(admin, "consent", "history"))
    dry = ok(run(admin, "consent", "import", str(newer), "--dry-run"))
    assert dry.startswith("Dry run: nothing was changed.")
    assert "removed from roll: " in dry and "legal surname: Whitfield → Whitfield-Shaw" in dry
    assert "would stay" in dry and "Zoë Marchetti" in dry
    assert ok(run(admin, "consent", "list", "--json", "--left")) == before
    assert ok(run(admin, "consent", "history")) == history_before

    real = ok(run(admin, "consent", "import", str(newer)))
    assert "removed from roll: " in real and "legal surname: Whitfield → Whitfield-Shaw" in real
    assert "stayed" in real
    accepted = ok(run(admin, "consent", "import", str(newer), "--accept-grants"))
    assert "photo consent: refused → granted" in accepted and "refusal(s)" not in accepted


def test_forget_leaves_only_an_audit_line(school):
    admin, _staff, _share = school
    ok(run(admin, "consent", "import", str(ROSTER)))
    ok(run(admin, "consent", "set", ZOE, "--name", "no"))
    out = ok(run(admin, "consent", "forget", ZOE, "--yes"))
    assert "Removed Zoë Marchetti's names, consent, history and photo references" in out
    assert run(admin, "consent", "show", ZOE).returncode == 1
    history = ok(run(admin, "consent", "history"))
    assert "Marchetti" not in history and "Zoë" not in history
    assert f"UPN {ZOE}: personal data removed (erasure request)" in history


def test_several_matches_are_listed_not_guessed(school):
    admin, _staff, _share = school
    ok(run(admin, "consent", "import", str(ROSTER)))
    result = run(admin, "consent", "show", "Amelia")
    assert result.returncode == 1
    assert "2 pupils match 'Amelia'" in result.stderr
    assert "Amelia Stanton (Class 4B, UPN T100000000001)" in result.stderr
    assert "Amelia Okafor-Reid (Class 2G, UPN T100000000002)" in result.stderr


def test_publish_follow_and_every_bad_list(school, tmp_path):
    admin, staff, share = school
    ok(run(admin, "consent", "import", str(ROSTER)))
    published = json.loads(ok(run(admin, "publish", str(share), "--json")))
    assert set(published) == {"path", "version", "fingerprint", "published_at"}
    key = published["fingerprint"]
    good_v1 = (share / "postguard-consent-list.signed").read_bytes()

    wrong = run(staff, "follow", str(share), "--key", "AAAA-BBBB-CCCC-DDDD")
    assert wrong.returncode == 1 and "signed by another key" in wrong.stderr
    out = ok(run(staff, "follow", str(share), "--key", key.lower().replace("-", " ")))
    assert f"now follows the school's consent list in {share}" in out
    status = json.loads(ok(run(staff, "status", "--json")))
    assert status["consent_source"] == str(share) and status["consent_version"] == published["version"]
    assert status["consent_published_at"] == published["published_at"] and status["daemon_running"] is False

    # A following computer refuses local edits, naming the source.
    staff_csv = tmp_path / "staff.csv"
    staff_csv.write_text("name\nMrs Green\n", encoding="utf-8")
    for args in (
        ("consent", "set", ZOE, "--photo", "yes"),
        ("consent", "import", str(ROSTER)),
        ("consent", "forget", ZOE, "--yes"),
        ("images", "add", "--pupil", ZOE, str(FIXTURES)),
        ("images", "remove", "1"),
        ("staff", "import", str(staff_csv)),
    ):
        refused = run(staff, *args)
        assert refused.returncode == 1, args
        assert f"follows the school's consent list from {share}" in refused.stderr, args
    assert "granted" in ok(run(staff, "consent", "list", "--json"))  # nothing changed

    daemon = Daemon(staff, tmp_path / "daemon.log")
    try:
        assert f"followed from {share}" in daemon.banner
        health = daemon.health()
        assert health["consent_source"] == str(share) and health["consent_stale"] is False
        assert health["consent_problem"] is None
        running = json.loads(ok(run(staff, "status", "--json")))
        assert running["daemon_running"] is True and running["daemon_port"] == daemon.port
        assert running["model_loaded"] is True

        # A new publication is applied by the running daemon (it polls every second here).
        ok(run(admin, "consent", "set", ZOE, "--photo", "no"))
        second = json.loads(ok(run(admin, "publish", str(share), "--json")))
        health = daemon.wait_for(lambda h: h["consent_published_at"] == second["published_at"], "the new list")
        in_force = health["consent_version"]
        assert "NO (refused)" in ok(run(staff, "consent", "show", ZOE))
        good_v2 = (share / "postguard-consent-list.signed").read_bytes()

        # Tampered, other key, older, truncated, unreadable: refused, the last good list stays.
        other = tmp_path / "other-admin"
        ok(run(other, "consent", "import", str(ROSTER)))
        other_share = tmp_path / "other-share"
        other_share.mkdir()
        ok(run(other, "publish", str(other_share)))
        flipped = bytearray(good_v2)
        flipped[-10] ^= 0x01  # one bit of the payload
        bad_lists = {
            "its signature does not match": bytes(flipped),
            "signed by another key": (other_share / "postguard-consent-list.signed").read_bytes(),
            "older (version": good_v1,
            "incomplete or damaged": good_v2[: len(good_v2) // 3],
            "not a PostGuard consent list": b"[1, 2, 3]",
        }
        for reason, data in bad_lists.items():
            (share / "postguard-consent-list.signed").write_bytes(data)
            health = daemon.wait_for(lambda h, r=reason: h["consent_problem"] and r in h["consent_problem"], reason)
            assert (
                health["consent_version"] == in_force and "last good list stays in force" in health["consent_problem"]
            )
            status = ok(run(staff, "status"))
            assert "Last problem" in status and reason in status
            assert "NO (refused)" in ok(run(staff, "consent", "show", ZOE))
        (share / "postguard-consent-list.signed").write_bytes(good_v2)
        daemon.wait_for(lambda h: h["consent_problem"] is None, "the problem cleared")
    finally:
        daemon.stop()

    # Offline start: the shared folder is gone; the kept list is in force.
    shutil.move(share, tmp_path / "share-away")
    daemon = Daemon(staff, tmp_path / "daemon.log")
    try:
        health = daemon.wait_for(lambda h: h["consent_problem"] is not None, "the offline problem")
        assert "could not be read" in health["consent_problem"] and health["roster_size"] == 24
        assert health["consent_published_at"] == second["published_at"]
        assert "NO (refused)" in ok(run(staff, "consent", "show", ZOE))
    finally:
        daemon.stop()
    stale = json.loads(ok(run(staff, "status", "--json", env={"POSTGUARD_STALE_PUBLISHED_DAYS": "0.00001"})))
    assert stale["consent_stale"] is True and "could not be read" in stale["last_problem"]
    assert "Daemon: not running" in ok(run(staff, "status"))

    # Back to a local list: edits are allowed again.
    assert "Stopped following" in ok(run(staff, "follow", "--stop"))
    assert "photo consent: yes" in ok(run(staff, "consent", "set", ZOE, "--photo", "yes"))
    assert json.loads(ok(run(staff, "status", "--json")))["consent_source"] == "local"


def test_lost_letters_are_imported_with_a_warning_naming_the_rows(tmp_path):
    home = tmp_path / "admin"
    export = tmp_path / "sims.csv"
    export.write_bytes(
        (
            "UPN,Legal Forename,Legal Surname,Reg Group,Consent: Social Media Photo,Consent: Social Media Name\n"
            "L100000000001,Kasia,Zieli?ski,Class 3L,No,No\n"
            "L100000000002,Zoé,Brennan,Class 4B,Yes,Yes\n"
        ).encode("cp1252")
    )
    out = ok(run(home, "consent", "import", str(export)))
    assert "windows-1252" in out and "Letters were lost in 1 name(s)" in out
    assert "line 2: Kasia Zieli?ski (Class 3L, UPN L100000000001)" in out
    assert "'CSV (UTF-8)'" in out
    assert "Zoé Brennan" in ok(run(home, "consent", "show", "L100000000002"))
    found = run(home, "check", "--json", "Well done Kasia Zielinski!")
    assert json.loads(found.stdout)["findings"][0]["pupils"] == ["L100000000001"]
