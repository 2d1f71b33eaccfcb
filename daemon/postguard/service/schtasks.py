"""Windows: a scheduled task for this user, started at their logon (no administrator rights)."""

from __future__ import annotations

import csv
import io
import subprocess
import xml.etree.ElementTree as ET

from postguard.home import windows_user, write_private
from postguard.service import Outcome, ServiceStatus, run, serve_command
from postguard.settings import Settings

TASK_NAME = "PostGuard"
NS = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attrs)
    if text is not None:
        child.text = text
    return child


def task_xml(settings: Settings, port: int, user: str) -> bytes:
    """The task definition schtasks /Create /XML reads: UTF-16 with a byte order mark, as Windows writes it."""
    command, *args = serve_command(settings, port, windowless=True)
    task = ET.Element("Task", {"version": "1.2", "xmlns": NS})
    info = _add(task, "RegistrationInfo")
    _add(info, "Description", "PostGuard check daemon: checks school social-media posts on this computer.")
    _add(info, "URI", f"\\{TASK_NAME}")
    logon = _add(_add(task, "Triggers"), "LogonTrigger")
    _add(logon, "Enabled", "true")
    _add(logon, "UserId", user)  # this user's logon only
    principal = _add(_add(task, "Principals"), "Principal", id="Author")
    _add(principal, "UserId", user)
    _add(principal, "LogonType", "InteractiveToken")  # runs in the user's session, no stored password
    _add(principal, "RunLevel", "LeastPrivilege")
    options = _add(task, "Settings")
    _add(options, "MultipleInstancesPolicy", "IgnoreNew")
    _add(options, "DisallowStartIfOnBatteries", "false")
    _add(options, "StopIfGoingOnBatteries", "false")
    _add(options, "ExecutionTimeLimit", "PT0S")  # the default (72 hours) would stop the daemon
    _add(options, "StartWhenAvailable", "true")
    restart = _add(options, "RestartOnFailure")
    _add(restart, "Interval", "PT1M")
    _add(restart, "Count", "5")
    _add(options, "Enabled", "true")
    exec_ = _add(_add(task, "Actions", Context="Author"), "Exec")
    _add(exec_, "Command", command)
    _add(exec_, "Arguments", subprocess.list2cmdline(args))
    body = ET.tostring(task, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-16"?>\n' + body).encode("utf-16")


def install_commands(xml_file: str) -> list[list[str]]:
    return [
        ["schtasks", "/Create", "/TN", TASK_NAME, "/XML", xml_file, "/F"],
        ["schtasks", "/Run", "/TN", TASK_NAME],  # now, not only at the next logon
    ]


def uninstall_commands() -> list[list[str]]:
    return [["schtasks", "/End", "/TN", TASK_NAME], ["schtasks", "/Delete", "/TN", TASK_NAME, "/F"]]


def status_command() -> list[str]:
    return ["schtasks", "/Query", "/TN", TASK_NAME, "/FO", "CSV", "/NH"]


def install(settings: Settings, port: int) -> Outcome:
    xml_file = settings.home / "postguard-task.xml"
    write_private(xml_file, task_xml(settings, port, windows_user()))
    try:
        for argv in install_commands(str(xml_file)):
            done = run(argv)
            if done.returncode != 0:
                return Outcome(False, f"Windows refused to {argv[1][1:].lower()} the task: {done.stderr.strip()}.")
    finally:
        xml_file.unlink(missing_ok=True)
    return Outcome(True, f"PostGuard is running and will start whenever you log in (scheduled task {TASK_NAME}).")


def uninstall(settings: Settings) -> Outcome:
    if run(status_command()).returncode != 0:
        return Outcome(True, "PostGuard was not set to start at login; nothing to remove.")
    end, delete = uninstall_commands()
    run(end)
    done = run(delete)
    if done.returncode != 0:
        return Outcome(False, f"Windows refused to delete the task {TASK_NAME}: {done.stderr.strip()}.")
    return Outcome(True, f"Removed the task {TASK_NAME}: PostGuard no longer starts at login (its data is kept).")


def status(settings: Settings) -> ServiceStatus:
    answer = run(status_command())
    if answer.returncode != 0:
        return ServiceStatus(False, False, TASK_NAME, "Not set to start at login: run 'postguard service install'.")
    rows = list(csv.reader(io.StringIO(answer.stdout)))
    running = any(len(row) >= 3 and row[2].strip().lower() == "running" for row in rows)
    state = "running" if running else "not running now"
    return ServiceStatus(True, running, TASK_NAME, f"Starts at logon (scheduled task {TASK_NAME}); {state}.")
