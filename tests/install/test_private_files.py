"""Owner-only files on a real filesystem: the user's folder keeps its mode, a stale temporary file
never leaks its mode into the result, and the service log keeps one older generation."""

from __future__ import annotations

import os
import stat

from postguard import home


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_file_the_user_chose_is_owner_only_and_its_folder_is_left_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o1777)  # like /tmp
    stale = shared / "report.html.resume.json.tmp"
    stale.write_bytes(b"left over from a crash")
    os.chmod(stale, 0o644)
    target = shared / "report.html.resume.json"
    home.write_private_file(target, b'{"done": 3}')
    assert target.read_bytes() == b'{"done": 3}' and mode(target) == 0o600
    assert mode(shared) == 0o1777 and not stale.exists()


def test_the_data_folder_is_made_owner_only(tmp_path):
    data = tmp_path / "data"
    home.write_private(data / "token", b"secret")
    assert mode(data) == 0o700 and mode(data / "token") == 0o600


def test_the_service_log_is_owner_only_and_keeps_one_older_generation(tmp_path, monkeypatch):
    monkeypatch.setattr(home, "LOG_KEEP_BYTES", 100)
    log = tmp_path / "daemon.log"
    with home.open_private_log(log) as out:
        out.write("first run\n" * 20)
    assert mode(log) == 0o600
    with home.open_private_log(log) as out:  # past the limit: moved aside at the next start
        out.write("second run\n")
    assert log.read_text("utf-8") == "second run\n"
    assert (tmp_path / "daemon.log.1").read_text("utf-8").startswith("first run")
    with home.open_private_log(log) as out:  # under the limit: appended
        out.write("third run\n")
    assert log.read_text("utf-8") == "second run\nthird run\n"
