"""`postguard consent ...` and `postguard staff ...`: the IT admin's consent list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from postguard.cli.common import fail, open_store, settings_of, warn_demo
from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, Pupil
from postguard.files import MB, UnreadableFile, read_regular_file

YES_NO = click.Choice(["yes", "no"], case_sensitive=False)
MAX_IMPORT_BYTES = 32 * MB  # a 20,000-pupil MIS export is a few MB
MAX_STAFF_NAME = 200
CONSENT_LABEL = {GRANTED: "yes", REFUSED: "NO (refused)", NOT_ASKED: "NO (not on record)"}


@click.group()
def consent() -> None:
    """Import and update the consent list (pupils, photo and name consent)."""


@consent.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--partial", is_flag=True, help="The file lists only some pupils: do not mark pupils missing from it as left."
)
@click.pass_context
def import_(ctx: click.Context, csv_file: Path, partial: bool) -> None:
    """Import a pupil export from the MIS (SIMS, Arbor) as CSV. All-or-nothing."""
    try:  # regular files only, with a size cap: a FIFO or a device never hangs the import
        raw = read_regular_file(csv_file, MAX_IMPORT_BYTES)
    except UnreadableFile as e:
        fail(f"Nothing was imported: {e}")
        return
    parsed = parse_mis_csv(raw, filename=csv_file.name)
    if not parsed.ok:
        click.echo(
            f"Nothing was imported: {csv_file.name} has {len(parsed.problems)} problem(s). "
            "Fix them in the MIS export and try again.",
            err=True,
        )
        for problem in parsed.problems:
            click.echo(f"  - {problem}", err=True)
        raise SystemExit(1)
    store = open_store(settings_of(ctx))
    summary = store.import_pupils(parsed.pupils, full=not partial, source=f"import {csv_file.name}")
    no_name = sum(1 for p in parsed.pupils if not p.may_be_named)
    no_photo = sum(1 for p in parsed.pupils if not p.may_be_pictured)
    click.echo(
        f"Imported {len(parsed.pupils)} pupils from {csv_file.name} (header on line {parsed.header_line}, "
        f"{parsed.encoding}): {summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {summary.marked_left} marked as left."
    )
    if summary.demo_removed:
        click.echo(f"The demo roster ({summary.demo_removed} invented pupils) was removed.")
    click.echo(
        f"{no_name} pupils may not be named and {no_photo} may not be pictured on social media. "
        f"Consent list version {store.version}."
    )


@consent.command("set")
@click.argument("upn")
@click.option("--photo", type=YES_NO, help="Photo consent.")
@click.option("--name", "name_", type=YES_NO, help="Name consent.")
@click.option("--no-publish", type=YES_NO, help="Never publish anything about this pupil.")
@click.pass_context
def set_(ctx: click.Context, upn: str, photo: str | None, name_: str | None, no_publish: str | None) -> None:
    """Change one pupil's consent (recorded in the history)."""
    if photo is None and name_ is None and no_publish is None:
        fail("Say what to change: --photo yes|no, --name yes|no and/or --no-publish yes|no.", 2)
    store = open_store(settings_of(ctx))
    as_consent = {"yes": GRANTED, "no": REFUSED, None: None}
    try:
        pupil = store.set_consent(
            upn,
            photo=as_consent[photo],
            name=as_consent[name_],
            no_publish=None if no_publish is None else no_publish == "yes",
        )
    except KeyError:
        fail(f"No pupil with UPN or admission number {upn}. 'postguard consent list' shows them.")
        return
    _show(pupil)
    click.echo(f"Consent list version {store.version}.")


@consent.command("show")
@click.argument("upn")
@click.pass_context
def show(ctx: click.Context, upn: str) -> None:
    """Show one pupil's consent."""
    store = open_store(settings_of(ctx))
    pupil = store.get(upn)
    if pupil is None:
        fail(f"No pupil with UPN or admission number {upn}.")
        return
    _show(pupil)


def _show(p: Pupil) -> None:
    click.echo(f"{p.display_name}  UPN {p.upn or '-'}  Adno {p.adno or '-'}")
    if p.preferred_forename or p.preferred_surname:
        click.echo(f"  legal name: {p.legal_forename} {p.legal_surname}")
    click.echo(f"  year {p.year_group or '-'}, {p.reg_group or '-'}{'' if p.on_roll else ' (LEFT)'}")
    click.echo(f"  photo consent: {CONSENT_LABEL[p.photo_consent]}")
    click.echo(f"  name consent:  {CONSENT_LABEL[p.name_consent]}")
    click.echo(f"  No Publish:    {'YES - never name or picture' if p.no_publish else 'no'}")


@consent.command("list")
@click.option("--no-consent", is_flag=True, help="Only pupils who may not be named or pictured.")
@click.option("--left", is_flag=True, help="Include pupils who have left.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_(ctx: click.Context, no_consent: bool, left: bool, as_json: bool) -> None:
    """List pupils and their consent."""
    store = open_store(settings_of(ctx))
    warn_demo(store)
    pupils = store.pupils(include_left=left)
    if no_consent:
        pupils = [p for p in pupils if not (p.may_be_named and p.may_be_pictured)]
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "upn": p.upn,
                        "adno": p.adno,
                        "name": p.display_name,
                        "year": p.year_group,
                        "reg_group": p.reg_group,
                        "photo_consent": p.photo_consent,
                        "name_consent": p.name_consent,
                        "no_publish": p.no_publish,
                        "on_roll": p.on_roll,
                    }
                    for p in pupils
                ],
                indent=2,
            )
        )
        return
    for p in pupils:
        flags = []
        if p.no_publish:
            flags.append("NO PUBLISH")
        if not p.may_be_named:
            flags.append("no name")
        if not p.may_be_pictured:
            flags.append("no photo")
        if not p.on_roll:
            flags.append("left")
        click.echo(f"{p.upn or p.pupil_id:<14} {p.display_name:<32} {p.reg_group:<12} {', '.join(flags) or 'ok'}")
    click.echo(f"{len(pupils)} pupils. Consent list version {store.version}.")


@consent.command("history")
@click.argument("upn", required=False)
@click.option("--limit", type=int, default=200, show_default=True)
@click.pass_context
def history(ctx: click.Context, upn: str | None, limit: int) -> None:
    """Every change to the consent list: what, old, new, when and by whom."""
    store = open_store(settings_of(ctx))
    rows = store.history(upn, limit=limit)
    for r in rows:
        click.echo(
            f"{r['at']}  {r['actor']:<10} {r['pupil_id'] or '-':<14} {r['what']:<14} "
            f"{r['old'] if r['old'] is not None else '-'} -> {r['new'] if r['new'] is not None else '-'}"
            f"  ({r['source']})"
        )
    if not rows:
        click.echo("No changes recorded.")


@click.group()
def staff() -> None:
    """Staff names, so PostGuard does not report them as unknown people."""


@staff.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def staff_import(ctx: click.Context, file: Path) -> None:
    """Replace the staff list from a CSV (name[,role]) or a text file with one name per line."""
    try:
        text = read_regular_file(file, MAX_IMPORT_BYTES).decode("utf-8-sig")
    except UnreadableFile as e:
        fail(f"Nothing was changed: {e}")
        return
    except UnicodeDecodeError:
        fail(f"{file.name} is not UTF-8 text. Save it as CSV (UTF-8) and try again.")
        return
    reader = csv.reader(io.StringIO(text))
    try:
        rows = [r for r in reader if r and r[0].strip()]
    except csv.Error:  # e.g. a cell over the csv module's field limit, or a stray NUL
        fail(f"{file.name} could not be read as CSV near line {reader.line_num}. Nothing was changed.")
        return
    if rows and rows[0][0].strip().lower() in ("name", "staff name", "full name"):
        rows = rows[1:]
    if not rows:
        fail(f"{file.name} has no names. Nothing was changed.")
    too_long = next((i for i, r in enumerate(rows, 1) if len(r[0]) > MAX_STAFF_NAME), None)
    if too_long is not None:
        fail(f"{file.name}: name {too_long} is longer than {MAX_STAFF_NAME} characters. Nothing was changed.")
    store = open_store(settings_of(ctx))
    count = store.replace_staff((r[0], r[1] if len(r) > 1 else "") for r in rows)
    click.echo(f"Staff list replaced: {count} names.")


@staff.command("list")
@click.pass_context
def staff_list(ctx: click.Context) -> None:
    """Show the staff list."""
    for row in open_store(settings_of(ctx)).staff():
        click.echo(f"{row['name']}{'  (' + row['role'] + ')' if row['role'] else ''}")


commands = [consent, staff]
