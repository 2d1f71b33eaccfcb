"""Start at login. Linux: the real `postguard service` commands against a private config folder,
the unit checked by `systemd-analyze verify`, and a real install/start/stop where this computer's
user systemd answers. macOS and Windows: the generated launchd plist and Task Scheduler XML parsed
with plistlib and ElementTree and their fields checked (they were not run on those systems here)."""

from __future__ import annotations

import json
import os
import plistlib
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from postguard import settings as settings_module
from postguard.home import owner_only_acl_command
from postguard.service import launchd, schtasks, serve_command, systemd
from postguard.settings import Settings

POSTGUARD = str(Path(sys.executable).with_name("postguard"))
TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    """A private XDG_CONFIG_HOME, so no test touches the real ~/.config/systemd/user."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


def test_the_command_runs_this_python_with_this_data_folder(tmp_path):
    settings = Settings(home=tmp_path / "my data")
    assert serve_command(settings, 9001) == [
        sys.executable,
        "-m",
        "postguard",
        "--home",
        str(tmp_path / "my data"),
        "serve",
        "--port",
        "9001",
    ]


# -- Linux: systemd --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "quoted"),
    [
        ("/usr/bin/python3", "/usr/bin/python3"),
        ("/home/jo bloggs/data", '"/home/jo bloggs/data"'),
        ("/srv/100%", "/srv/100%%"),  # % starts a specifier
        ("/srv/$HOME", "/srv/$$HOME"),  # $ starts a variable
        ('/srv/say "hi"', '"/srv/say \\"hi\\""'),
        ("C:\\odd", '"C:\\\\odd"'),
    ],
)
def test_exec_start_quoting(word, quoted):
    assert systemd.quote(word) == quoted


def test_service_commands_on_linux_write_enable_and_remove_the_user_unit(config_home, tmp_path):
    home = tmp_path / "data"
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([POSTGUARD, "--home", str(home), *args], capture_output=True, text=True, env=env)

    before = run("service", "status")
    assert before.returncode == 0 and "Not set to start at login" in before.stdout
    installed = run("service", "install", "--port", "9123")
    assert installed.returncode == 0, installed.stderr
    unit = config_home / "systemd" / "user" / "postguard.service"
    link = config_home / "systemd" / "user" / "default.target.wants" / "postguard.service"
    assert str(unit) in installed.stdout and "Port: 9123" in installed.stdout
    assert link.is_symlink() and link.resolve() == unit.resolve()
    text = unit.read_text("utf-8")
    (exec_start,) = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    python, *words = exec_start.removeprefix("ExecStart=").split(" ")
    assert Path(python).name.startswith("python") and os.access(python, os.X_OK)
    assert words == ["-m", "postguard", "--home", str(home), "serve", "--port", "9123"]
    assert "WantedBy=default.target" in text and "UMask=0077" in text
    status = json.loads(run("service", "status", "--json").stdout)
    assert status["installed"] is True and status["definition"] == str(unit)
    removed = run("service", "uninstall")
    assert removed.returncode == 0 and not unit.exists() and not link.is_symlink()
    assert "nothing to remove" in run("service", "uninstall").stdout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_unit_passes_systemd_analyze_verify(config_home, tmp_path):
    home = tmp_path / "school data 100%"  # a space and a specifier sign, quoted in the unit
    systemd.install(Settings(home=home), 8765)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    verify = subprocess.run(
        ["systemd-analyze", "verify", "--user", str(systemd.unit_path())],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        timeout=60,
    )
    assert verify.returncode == 0 and verify.stderr.strip() == "", verify.stderr


@pytest.mark.skipif(
    not systemd.user_manager_running(),
    reason="systemd does not run here (not PID 1, or no user manager): the unit is checked by "
    "systemd-analyze verify instead",
)
def test_install_starts_the_daemon_for_real_under_systemd(tmp_path):
    if systemd.unit_path().exists():
        pytest.skip("this user already has a PostGuard unit; not replacing it")
    settings = Settings(home=tmp_path / "data")
    port = 18765
    outcome = systemd.install(settings, port)
    try:
        assert outcome.ok, outcome.message
        deadline = time.monotonic() + 120
        health = None
        while time.monotonic() < deadline and health is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=5) as resp:
                    health = json.loads(resp.read())
            except OSError:
                time.sleep(0.5)
        assert health is not None and health["model_loaded"] is True
        assert systemd.status(settings).running is True
    finally:
        systemd.uninstall(settings)
    assert not systemd.unit_path().exists()


def test_serve_log_file_takes_the_output_owner_only(tmp_path):
    """What the Windows task runs: with no console, the daemon's output goes to the data folder's log."""
    log = tmp_path / "daemon.log"
    port = free_port()
    proc = subprocess.Popen(
        [POSTGUARD, "--home", str(tmp_path / "data"), "serve", "--port", str(port), "--log-file", str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "Press Ctrl+C" not in (log.read_text("utf-8") if log.exists() else ""):
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=10) as resp:
            assert resp.status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    text = log.read_text("utf-8")
    assert f"ready on http://127.0.0.1:{port}" in text and "GET /v1/health" in text and "Stopping" in text
    assert out == "" and err == ""
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


# -- macOS: launchd ----------------------------------------------------------------------------


def test_launchd_agent_runs_the_daemon_at_login_and_restarts_it_after_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "Users" / "jo"))
    settings = Settings(home=tmp_path / "Users" / "jo" / "Library" / "Application Support" / "PostGuard")
    agent = plistlib.loads(launchd.plist_bytes(settings, 8765))
    assert agent["Label"] == "school.postguard.daemon"
    assert agent["ProgramArguments"] == serve_command(settings, 8765)
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["Umask"] == 0o077
    assert agent["StandardOutPath"] == agent["StandardErrorPath"]
    assert Path(agent["StandardErrorPath"]).is_relative_to(tmp_path / "Users" / "jo" / "Library" / "Logs")
    assert launchd.plist_path() == tmp_path / "Users/jo/Library/LaunchAgents/school.postguard.daemon.plist"
    uid = os.getuid()
    assert launchd.install_commands()[-1] == ["launchctl", "bootstrap", f"gui/{uid}", str(launchd.plist_path())]
    assert launchd.uninstall_commands() == [["launchctl", "bootout", f"gui/{uid}/school.postguard.daemon"]]
    if shutil.which("plutil"):
        path = tmp_path / "agent.plist"
        path.write_bytes(launchd.plist_bytes(settings, 8765))
        assert subprocess.run(["plutil", "-lint", str(path)], capture_output=True).returncode == 0


# -- Windows: a scheduled task at logon ----------------------------------------------------------


def windows_argv(line: str) -> list[str]:
    """Split a command line the way CommandLineToArgvW does (quotes and backslash runs)."""
    args, current, quoted, i, started = [], [], False, 0, False
    while i < len(line):
        c = line[i]
        if c == "\\":
            j = i
            while j < len(line) and line[j] == "\\":
                j += 1
            if j < len(line) and line[j] == '"':
                current.append("\\" * ((j - i) // 2))
                if (j - i) % 2:
                    current.append('"')
                    i = j + 1
                else:
                    i = j
                started = True
                continue
            current.append(line[i:j])
            i, started = j, True
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c in " \t" and not quoted:
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(c)
            started = True
        i += 1
    if started:
        args.append("".join(current))
    return args


def test_windows_task_starts_at_this_users_logon_without_a_time_limit(tmp_path):
    settings = Settings(home=Path("C:\\Users\\Jo Bloggs\\AppData\\Local\\PostGuard"))
    data = schtasks.task_xml(settings, 8765, "SCHOOL\\jbloggs")
    assert data.startswith(b"\xff\xfe")  # UTF-16 with a byte order mark, as schtasks /XML expects
    task = ET.fromstring(data)
    assert task.tag == f"{TASK}Task"
    trigger = task.find(f"{TASK}Triggers/{TASK}LogonTrigger")
    assert trigger is not None and trigger.findtext(f"{TASK}UserId") == "SCHOOL\\jbloggs"
    principal = task.find(f"{TASK}Principals/{TASK}Principal")
    assert principal.findtext(f"{TASK}UserId") == "SCHOOL\\jbloggs"
    assert principal.findtext(f"{TASK}LogonType") == "InteractiveToken"
    assert principal.findtext(f"{TASK}RunLevel") == "LeastPrivilege"
    options = task.find(f"{TASK}Settings")
    assert options.findtext(f"{TASK}ExecutionTimeLimit") == "PT0S"
    assert options.findtext(f"{TASK}MultipleInstancesPolicy") == "IgnoreNew"
    assert options.findtext(f"{TASK}DisallowStartIfOnBatteries") == "false"
    exec_ = task.find(f"{TASK}Actions/{TASK}Exec")
    command, *args = serve_command(settings, 8765, windowless=True)
    assert exec_.findtext(f"{TASK}Command") == command
    assert windows_argv(exec_.findtext(f"{TASK}Arguments")) == args
    assert "--home" in args and args[args.index("--home") + 1] == "C:\\Users\\Jo Bloggs\\AppData\\Local\\PostGuard"
    assert args[-2:] == ["--log-file", str(settings.home / "daemon.log")]  # pythonw has no console
    create, start = schtasks.install_commands("C:\\task.xml")
    assert create == ["schtasks", "/Create", "/TN", "PostGuard", "/XML", "C:\\task.xml", "/F"]
    assert start == ["schtasks", "/Run", "/TN", "PostGuard"]


def test_windows_argv_splitter_matches_the_documented_examples():
    # Examples from Microsoft's "Parsing C++ command-line arguments".
    assert windows_argv('"abc" d e') == ["abc", "d", "e"]
    assert windows_argv('a\\\\\\b d"e f"g h') == ["a\\\\\\b", "de fg", "h"]
    assert windows_argv('a\\\\\\"b c d') == ['a\\"b', "c", "d"]
    assert windows_argv('a\\\\\\\\"b c" d e') == ["a\\\\b c", "d", "e"]


def test_windows_data_folder_is_under_localappdata(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", "/c/Users/jo/AppData/Local")
    assert settings_module.default_home() == Path("/c/Users/jo/AppData/Local/PostGuard")


def test_windows_private_files_get_an_owner_only_acl():
    folder = owner_only_acl_command(Path("C:/PostGuard"), folder=True, user="SCHOOL\\jbloggs")
    assert folder[:3] == ["icacls", str(Path("C:/PostGuard")), "/inheritance:r"]
    assert folder[3:5] == ["/grant:r", "SCHOOL\\jbloggs:(OI)(CI)F"]  # replaces every other grant
    file = owner_only_acl_command(Path("C:/PostGuard/token"), folder=False, user="SCHOOL\\jbloggs")
    assert file[3:5] == ["/grant:r", "SCHOOL\\jbloggs:F"]
