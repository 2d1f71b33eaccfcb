"""Helpers shared by CLI commands."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from postguard import db
from postguard.consent.store import ConsentStore
from postguard.settings import Settings


def settings_of(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def open_store(settings: Settings) -> ConsentStore:
    return ConsentStore(db.connect(settings.db_path))


def sync_followed(settings: Settings, *, force: bool = False, quiet: bool = False) -> None:
    """A following computer: look for a newer published list before a command uses it, unless
    someone (the daemon, another command) looked within the poll interval. Problems are recorded
    (see 'postguard status'), never fatal: the last good list stays in force."""
    from postguard.consent import follow

    conn = db.connect(settings.db_path)
    try:
        store = ConsentStore(conn)
        if follow.follow_config(store) is None:
            return
        if not force and follow.looked_within(store, settings.follow_poll_seconds):
            return
        result = follow.update(conn, settings.home)
        if result.status in (follow.REFUSED, follow.UNAVAILABLE) and not quiet:
            click.secho(result.message, fg="yellow", err=True)
    finally:
        conn.close()


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def warn_demo(store: ConsentStore) -> None:
    if store.is_demo:
        click.secho(
            "WARNING: the DEMO roster is in use (invented pupils). Import your school's roster with "
            "'postguard consent import FILE.csv' before relying on PostGuard.",
            fg="yellow",
            err=True,
            bold=True,
        )


def refuse_if_following(store: ConsentStore) -> None:
    """On a computer that follows the school's published list, local edits would be overwritten."""
    from postguard.consent.follow import follow_config

    config = follow_config(store)
    if config is not None:
        fail(
            f"This computer follows the school's consent list from {config.source}, so it is not changed "
            "here. Make the change on the computer that publishes the list, then publish again "
            "('postguard publish'). To keep a list of its own instead: 'postguard follow --stop'."
        )
