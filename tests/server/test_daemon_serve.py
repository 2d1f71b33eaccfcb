"""`postguard serve` as a real process: time to ready, the demo-roster warning, clean stop."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_readiness_warns_about_demo_roster_and_stops_cleanly(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "postguard", "--home", str(tmp_path / "home"), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, f"daemon exited: {proc.wait()} {proc.stderr.read()}"
            lines.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        output = "".join(lines)
        assert f"ready on http://127.0.0.1:{port} in " in output
        assert output.count("DEMO ROSTER IN USE") == 1
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=10) as resp:
            health = json.loads(resp.read())
        assert health["demo_roster"] is True and health["model_loaded"] is True and health["roster_size"] > 0
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0
    assert "Stopping PostGuard daemon." in proc.stdout.read()
    assert "DEMO ROSTER IN USE" not in proc.stderr.read()  # the banner once, not on both streams
