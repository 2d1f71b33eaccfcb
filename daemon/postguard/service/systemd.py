"""Linux: a systemd user unit, started by the user's own service manager at login."""

from __future__ import annotations

import os
from pathlib import Path

from postguard.service import Outcome, ServiceStatus, run, serve_command
from postguard.settings import Settings

UNIT_NAME = "postguard.service"
WANTED_BY = "default.target"  # the user manager reaches it at login


def unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def unit_path() -> Path:
    return unit_dir() / UNIT_NAME


def wants_link() -> Path:
    return unit_dir() / f"{WANTED_BY}.wants" / UNIT_NAME


def quote(arg: str) -> str:
    """One ExecStart word: '%' is a specifier and '$' a variable to systemd, so both are doubled."""
    escaped = arg.replace("%", "%%").replace("$", "$$")
    if any(c in arg for c in " \t\n\"'\\;"):
        escaped = '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


def unit_text(settings: Settings, port: int) -> str:
    exec_start = " ".join(quote(a) for a in serve_command(settings, port))
    return (
        "# Written by 'postguard service install'; 'postguard service uninstall' removes it.\n"
        "[Unit]\n"
        "Description=PostGuard check daemon (checks school social-media posts on this computer)\n"
        "# Restarted after a failure, but not for ever (a port in use would fail every time).\n"
        "StartLimitIntervalSec=300\n"
        "StartLimitBurst=5\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={exec_start}\n"
        "Restart=on-failure\n"
        "RestartSec=5\n"
        "# Files it creates are private to this user; draft text never reaches the journal.\n"
        "UMask=0077\n"
        "Environment=PYTHONUNBUFFERED=1\n"
        "\n"
        "[Install]\n"
        f"WantedBy={WANTED_BY}\n"
    )


def user_manager_running() -> bool:
    """True where systemd booted this computer and this user's manager answers."""
    if not Path("/run/systemd/system").is_dir():
        return False
    return run(["systemctl", "--user", "show-environment"]).returncode == 0


def install(settings: Settings, port: int) -> Outcome:
    path = unit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unit_text(settings, port), encoding="utf-8")
    if not user_manager_running():
        # What 'systemctl --user enable' does, so the unit starts at the next login.
        link = wants_link()
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(Path("..") / UNIT_NAME)
        return Outcome(
            True,
            f"Wrote {path} and enabled it for login. systemd is not running for your user on this "
            "computer, so PostGuard was not started now: log in again, or run 'postguard serve'.",
        )
    for argv in (
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", UNIT_NAME],
    ):
        done = run(argv)
        if done.returncode != 0:
            return Outcome(
                False, f"systemd refused ({' '.join(argv[1:])}): {done.stderr.strip() or 'no reason given'}."
            )
    return Outcome(True, f"PostGuard is running and will start whenever you log in (systemd user unit {path}).")


def uninstall(settings: Settings) -> Outcome:
    path = unit_path()
    if not path.exists() and not wants_link().is_symlink():
        return Outcome(True, "PostGuard was not set to start at login; nothing to remove.")
    if user_manager_running():
        run(["systemctl", "--user", "disable", "--now", UNIT_NAME])
    wants_link().unlink(missing_ok=True)
    path.unlink(missing_ok=True)
    if user_manager_running():
        run(["systemctl", "--user", "daemon-reload"])
    return Outcome(True, f"Removed {path}: PostGuard no longer starts at login (its data folder is kept).")


def status(settings: Settings) -> ServiceStatus:
    path = unit_path()
    installed = path.is_file() and wants_link().exists()
    if not user_manager_running():
        detail = (
            f"Set to start at login ({path}); systemd is not running for your user here, so whether it runs is unknown."
            if installed
            else "Not set to start at login: run 'postguard service install'."
        )
        return ServiceStatus(installed, None, path, detail)
    active = run(["systemctl", "--user", "is-active", UNIT_NAME]).stdout.strip() == "active"
    if installed:
        state = "running" if active else "not running now"
        return ServiceStatus(True, active, path, f"Starts at login ({path}); {state}.")
    return ServiceStatus(False, active, path, "Not set to start at login: run 'postguard service install'.")
