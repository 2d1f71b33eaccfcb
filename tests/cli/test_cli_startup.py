"""How the command behaves before any checking starts: empty input, a terminal, an unusable data
folder, and the default drop folder (real processes; a real pseudo-terminal for the terminal case)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

POSTGUARD = str(Path(sys.executable).with_name("postguard"))


def run(home: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [POSTGUARD, "--home", str(home), *args], capture_output=True, text=True, input=input, timeout=120
    )


def test_empty_input_is_refused_not_ok(tmp_path):
    for given in ("", "   \n\t"):
        result = run(tmp_path / "home", "check", input=given)
        assert result.returncode == 2
        assert "nothing to check" in result.stderr and "Verdict" not in result.stdout
    assert run(tmp_path / "home", "check", " ").returncode == 2


def test_at_a_terminal_check_says_what_it_is_waiting_for(tmp_path):
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [POSTGUARD, "--home", str(tmp_path / "home"), "check"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(follower)
    try:
        ready, _, _ = select.select([proc.stderr], [], [], 60)
        assert ready, "nothing was said while waiting for the post"
        prompt = proc.stderr.readline()
        assert "Type or paste the post" in prompt and "Ctrl+D" in prompt
        time.sleep(0.2)
        os.write(leader, b"Lovely sunny sports day\n\x04")  # Ctrl+D on a new line ends the input
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Verdict: OK" in out


def test_an_unusable_data_folder_is_one_sentence(tmp_path):
    a_file = tmp_path / "shared"
    a_file.write_text("a file where a folder should be")
    result = run(a_file / "home", "consent", "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and str(a_file / "home") in result.stderr


def test_images_sync_with_no_folder_creates_the_drop_folder_in_the_data_folder(tmp_path):
    home = tmp_path / "home"
    first = run(home, "images", "sync")
    drop = home / "consent_images"
    assert first.returncode == 0, first.stderr
    assert f"Created the drop folder {drop}" in first.stdout
    assert (drop / "README.md").read_text("utf-8").startswith("# consent_images")
    assert oct(drop.stat().st_mode & 0o777) == oct(0o700)
    second = run(home, "images", "sync")
    assert second.returncode == 0 and f"Looking for photos in {drop}" in second.stdout
    missing = run(home, "images", "sync", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "No such folder" in missing.stderr
