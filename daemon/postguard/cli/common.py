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
