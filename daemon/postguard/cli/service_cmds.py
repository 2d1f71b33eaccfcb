"""`postguard service install | uninstall | status`: start the daemon at login, for this user."""

from __future__ import annotations

import json

import click

from postguard import service as login_service
from postguard.cli.common import fail, settings_of
from postguard.home import ensure_home
from postguard.settings import DEFAULT_PORT
from postguard.startup import preflight


@click.group("service")
def service() -> None:
    """Start PostGuard when you log in (systemd on Linux, launchd on macOS, a scheduled task on Windows)."""


@service.command("install")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.pass_context
def install(ctx: click.Context, port: int) -> None:
    """Start PostGuard now and at every login, with this data folder (--home) and port."""
    settings = settings_of(ctx)
    preflight(settings)  # a service that cannot start would only fail quietly at each login
    ensure_home(settings.home)
    outcome = login_service.install(settings, port)
    if not outcome.ok:
        fail(outcome.message)
    click.echo(outcome.message)
    click.echo(f"Data folder: {settings.home}. Port: {port}. Undo with 'postguard service uninstall'.")


@service.command("uninstall")
@click.pass_context
def uninstall(ctx: click.Context) -> None:
    """Stop starting PostGuard at login (the data folder is kept)."""
    outcome = login_service.uninstall(settings_of(ctx))
    if not outcome.ok:
        fail(outcome.message)
    click.echo(outcome.message)


@service.command("status")
@click.option("--json", "as_json", is_flag=True, help='Print {"installed", "running", "definition", "detail"}.')
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Whether PostGuard starts at login, and whether it is running."""
    answer = login_service.status(settings_of(ctx))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "installed": answer.installed,
                    "running": answer.running,
                    "definition": str(answer.definition),
                    "detail": answer.detail,
                }
            )
        )
        return
    click.echo(answer.detail)


commands = [service]
