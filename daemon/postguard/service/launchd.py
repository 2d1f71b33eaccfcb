"""macOS: a launchd agent in ~/Library/LaunchAgents, loaded into the user's login session."""

from __future__ import annotations

import os
import plistlib
from pathlib import Path

from postguard.service import Outcome, ServiceStatus, run, serve_command
from postguard.settings import Settings

LABEL = "school.postguard.daemon"


def plist_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def log_path() -> Path:
    # Request lines, codes and timings only: the daemon never logs draft text.
    return Path.home() / "Library" / "Logs" / "PostGuard" / "daemon.log"


def agent(settings: Settings, port: int) -> dict[str, object]:
    return {
        "Label": LABEL,
        "ProgramArguments": serve_command(settings, port),
        "RunAtLoad": True,  # at login
        "KeepAlive": {"SuccessfulExit": False},  # restarted if it stops with an error, not after a clean stop
        "ThrottleInterval": 10,
        "ProcessType": "Interactive",  # staff wait on its answers while they type
        "Umask": 0o077,
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
        "StandardOutPath": str(log_path()),
        "StandardErrorPath": str(log_path()),
    }


def plist_bytes(settings: Settings, port: int) -> bytes:
    return plistlib.dumps(agent(settings, port), fmt=plistlib.FMT_XML)


def domain() -> str:
    return f"gui/{os.getuid()}"


def install_commands() -> list[list[str]]:
    return [
        ["launchctl", "bootout", f"{domain()}/{LABEL}"],  # an older copy, if loaded (may fail: fine)
        ["launchctl", "bootstrap", domain(), str(plist_path())],
    ]


def uninstall_commands() -> list[list[str]]:
    return [["launchctl", "bootout", f"{domain()}/{LABEL}"]]


def status_command() -> list[str]:
    return ["launchctl", "print", f"{domain()}/{LABEL}"]


def install(settings: Settings, port: int) -> Outcome:
    path = plist_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    log_path().parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plist_bytes(settings, port))
    unload, load = install_commands()
    run(unload)
    done = run(load)
    if done.returncode != 0:
        return Outcome(False, f"launchd refused to load {path}: {done.stderr.strip() or 'no reason given'}.")
    return Outcome(True, f"PostGuard is running and will start whenever you log in (launchd agent {path}).")


def uninstall(settings: Settings) -> Outcome:
    path = plist_path()
    if not path.exists():
        return Outcome(True, "PostGuard was not set to start at login; nothing to remove.")
    for argv in uninstall_commands():
        run(argv)
    path.unlink(missing_ok=True)
    return Outcome(True, f"Removed {path}: PostGuard no longer starts at login (its data folder is kept).")


def status(settings: Settings) -> ServiceStatus:
    path = plist_path()
    if not path.exists():
        return ServiceStatus(False, False, path, "Not set to start at login: run 'postguard service install'.")
    answer = run(status_command())
    running = answer.returncode == 0 and "state = running" in answer.stdout
    state = "running" if running else "not running now"
    return ServiceStatus(True, running, path, f"Starts at login ({path}); {state}.")
