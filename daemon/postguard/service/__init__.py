"""Start the daemon at login, the way each OS does it for one user (no administrator rights).

- Linux: a systemd user unit (`~/.config/systemd/user/postguard.service`).
- macOS: a launchd agent (`~/Library/LaunchAgents/school.postguard.daemon.plist`).
- Windows: a scheduled task started at logon, for this user only (`schtasks /Create /XML`).

Each platform module builds its definition as text or bytes (tested everywhere) and lists the
commands that register, start, stop and query it (run only on that platform).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from postguard.settings import Settings


@dataclass(frozen=True)
class ServiceStatus:
    installed: bool  # the definition is in place and registered for login
    running: bool | None  # None: this computer cannot say (no service manager reachable)
    definition: Path | str  # the file, or the task's name on Windows
    detail: str  # one plain sentence


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


def serve_command(settings: Settings, port: int, *, windowless: bool = False) -> list[str]:
    """The command the service runs: this Python and this data folder, whatever the PATH says later.

    windowless (Windows): pythonw.exe, which has no console, so output goes to the data folder's log.
    """
    python = Path(sys.executable)
    command = [str(python), "-m", "postguard", "--home", str(settings.home), "serve", "--port", str(port)]
    if windowless:
        if (python.parent / "pythonw.exe").is_file():
            command[0] = str(python.parent / "pythonw.exe")  # no console window at logon
        command += ["--log-file", str(settings.home / "daemon.log")]
    return command


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a service-manager command; a missing command is an answer, not a crash."""
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        return subprocess.CompletedProcess(argv, 127, "", f"{argv[0]} is not available on this computer")


def platform_module() -> ModuleType:
    """systemd, launchd or schtasks: each has install, uninstall and status."""
    if sys.platform == "win32":
        from postguard.service import schtasks as module
    elif sys.platform == "darwin":
        from postguard.service import launchd as module
    else:
        from postguard.service import systemd as module
    return module


def install(settings: Settings, port: int) -> Outcome:
    outcome: Outcome = platform_module().install(settings, port)
    return outcome


def uninstall(settings: Settings) -> Outcome:
    outcome: Outcome = platform_module().uninstall(settings)
    return outcome


def status(settings: Settings) -> ServiceStatus:
    answer: ServiceStatus = platform_module().status(settings)
    return answer
