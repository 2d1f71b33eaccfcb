"""The `postguard` command line: thin commands over the same services the daemon uses."""

from __future__ import annotations

import importlib
import os
import stat
import sys
from pathlib import Path

import click

from postguard import __version__
from postguard.settings import Settings
from postguard.startup import StartupError

# Explicit registry: each module exposes `commands`, a list of click commands.
COMMAND_MODULES = (
    "postguard.cli.consent_cmds",
    "postguard.cli.check_cmds",
    "postguard.cli.images_cmds",
    "postguard.cli.server_cmds",
    "postguard.cli.batch_cmds",
    "postguard.cli.share_cmds",
    "postguard.cli.service_cmds",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="POSTGUARD_HOME",
    help="Data folder (roster, photo hashes, token). Default: your user data folder.",
)
@click.version_option(__version__, prog_name="postguard")
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """PostGuard checks school social-media posts before they go out."""
    settings = Settings(home=home) if home else Settings()
    refuse_shared_home(settings.home)
    ctx.obj = settings


def refuse_shared_home(home: Path) -> None:
    """An existing data folder others can read or enter is refused, never silently changed:
    the roster may already have been readable, and the folder may not be PostGuard's own."""
    if os.name != "posix" or not home.is_dir():
        return
    mode = stat.S_IMODE(home.stat().st_mode)
    if mode & 0o077:
        raise click.ClickException(
            f"The data folder {home} can be read or opened by other users (permissions {mode:04o}). "
            "PostGuard keeps the consent list, photo hashes and its token there, so the folder must be "
            f"private. Choose a new folder (PostGuard creates it private), or make this one private "
            f"with: chmod 700 {home}"
        )


def build_cli() -> click.Group:
    for module_path in COMMAND_MODULES:
        for command in importlib.import_module(module_path).commands:
            if command.name not in cli.commands:
                cli.add_command(command)
    return cli


def main() -> None:
    try:
        build_cli()(prog_name="postguard")
    except StartupError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except OSError as exc:
        if exc.filename is None:
            raise
        # The data folder (or a file given) cannot be used: one sentence, not a traceback.
        click.echo(f"PostGuard could not use {exc.filename}: {exc.strerror or 'it cannot be opened'}.", err=True)
        sys.exit(1)
