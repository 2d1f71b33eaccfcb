"""`postguard consent ...` and `postguard staff ...`: the IT admin's consent list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from postguard.cli.common import fail, open_store, refuse_if_following, settings_of, sync_followed, warn_demo
from postguard.consent.erasure import erase_pupil_files
from postguard.consent.mis_import import ParsedRoster, parse_mis_csv
from postguard.consent.store import (
    GRANTED,
    NOT_ASKED,
    REFUSED,
    Change,
    ConsentStore,
    HeldRefusal,
    ImportRefused,
    ImportSummary,
    Pupil,
)
from postguard.consent.wording import (
    FIELD_WORDS,
    change_words,
    day_words,
    history_words,
    id_word,
    pupil_label,
    value_words,
)
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
@click.option("--dry-run", is_flag=True, help="Show exactly what the import would change, and change nothing.")
@click.option(
    "--accept-grants",
    is_flag=True,
    help="Let the file lift refusals recorded in PostGuard (after reviewing the list a normal import prints).",
)
@click.pass_context
def import_(ctx: click.Context, csv_file: Path, partial: bool, dry_run: bool, accept_grants: bool) -> None:
    """Import a pupil export from the MIS (SIMS, Arbor, Bromcom, ScholarPack ...) as CSV. All-or-nothing.

    A refusal already recorded in PostGuard is never lifted by an import: the summary lists
    those pupils; 'consent set' or --accept-grants lifts them.
    """
    store = open_store(settings_of(ctx))
    if not dry_run:
        refuse_if_following(store)
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
        if parsed.notes and not any(note in str(p) for p in parsed.problems for note in parsed.notes):
            click.echo("Also noted (these do not stop the import):", err=True)
            for note in parsed.notes:
                click.echo(f"  - {note}", err=True)
        raise SystemExit(1)
    try:
        summary = store.import_pupils(
            parsed.pupils,
            full=not partial,
            source=f"import {csv_file.name}",
            accept_grants=accept_grants,
            dry_run=dry_run,
        )
    except ImportRefused as refused:
        fail(f"Nothing was imported from {csv_file.name}: {refused}")
        return
    if dry_run:
        click.echo(f"Dry run: nothing was changed. Importing {csv_file.name} would make these changes:")
    _print_changes(summary)
    verb = "Would import" if dry_run else "Imported"
    click.echo(
        f"{verb} {len(parsed.pupils)} pupils from {csv_file.name} (header on line {parsed.header_line}, "
        f"{parsed.encoding}): {summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {summary.marked_left} marked as left."
    )
    if summary.demo_removed:
        click.echo(
            f"The demo roster ({summary.demo_removed} invented pupils) "
            f"{'would be' if dry_run else 'was'} removed, with its demo staff list."
        )
    _print_held(summary, csv_file, dry_run)
    _print_lost_letters(parsed)
    _print_column_notes(parsed)
    if not dry_run:
        kept = [p for p in store.pupils()]
        no_name = sum(1 for p in kept if not p.may_be_named)
        no_photo = sum(1 for p in kept if not p.may_be_pictured)
        click.echo(
            f"{no_name} pupils may not be named and {no_photo} may not be pictured on social media. "
            f"Consent list version {store.version}."
        )


def _print_changes(summary: ImportSummary) -> None:
    if not summary.changes:
        click.echo("  No changes.")
        return
    by_pupil: dict[str, list[Change]] = {}
    for change in summary.changes:
        by_pupil.setdefault(change.pupil.pupil_id, []).append(change)
    for changes in by_pupil.values():
        label = pupil_label(changes[0].pupil)
        kinds = {c.kind for c in changes}
        if "added" in kinds:
            click.echo(f"  added: {label}")
        elif "left" in kinds:
            click.echo(f"  removed from roll: {label}")
        else:
            click.echo(f"  {label}: " + "; ".join(change_words(c.field, c.old, c.new) for c in changes))


def _print_held(summary: ImportSummary, csv_file: Path, dry_run: bool) -> None:
    if not summary.held:
        return
    stays = "would stay" if dry_run else "stayed"
    click.secho(
        f"{len(summary.held)} refusal(s) recorded in PostGuard {stays}: the file says these pupils may be shown, "
        "but a refusal is kept until a person decides:",
        fg="yellow",
    )
    for held in summary.held:
        click.echo(f"  {pupil_label(held.pupil)}: {held_reason(held)}")
    click.echo(
        "To lift one after checking with the school office: 'postguard consent set UPN --photo yes' (or "
        f"--name yes, --no-publish no). To accept all of them: 'postguard consent import {csv_file.name} "
        "--accept-grants'."
    )


def held_reason(held: HeldRefusal) -> str:
    what = FIELD_WORDS[held.field]
    refused = "No Publish set" if held.field == "no_publish" else f"{what} refused"
    when = f"on {day_words(held.refused_at)}" if held.refused_at else ""
    by = f" by {held.refused_by}" if held.refused_by else ""
    if held.refused_via.startswith("import "):
        origin = f"{refused} by the import of {held.refused_via[7:]} {when}{by}"
    else:
        origin = f"{refused} in PostGuard {when}{by}"
    return f"{origin.strip()}; the MIS says {what}: {value_words(held.field, held.mis_value)}"


def _print_lost_letters(parsed: ParsedRoster) -> None:
    if not parsed.lost_letters:
        return
    click.secho(
        f"Letters were lost in {len(parsed.lost_letters)} name(s) when the MIS exported the file "
        "(a '?' where a letter should be):",
        fg="yellow",
    )
    for line, pupil in parsed.lost_letters:
        click.echo(f"  line {line}: {pupil_label(pupil)}")
    click.echo(
        "PostGuard imported them and treats each lost letter as any one letter, so these pupils are still "
        "found in posts, but their names look wrong here. To fix it, export the report from the MIS as "
        "'CSV (UTF-8)' (in Excel: Save As, then 'CSV UTF-8') and import that file."
    )


def _print_column_notes(parsed: ParsedRoster) -> None:
    """Columns read differently or not read (video consent, consent for trips ...), so none is skipped unseen."""
    if not parsed.notes:
        return
    click.secho(f"{len(parsed.notes)} column(s) of the file were not read, or read only in part:", fg="yellow")
    for note in parsed.notes:
        click.echo(f"  - {note}")


def _one_pupil(store: ConsentStore, query: str) -> Pupil:
    """The pupil a UPN, admission number or name means; several matches are listed, not guessed."""
    found = store.find(query)
    if not found:
        fail(f"No pupil matches '{query}' (give a UPN, admission number or name). 'postguard consent list' shows them.")
    if len(found) > 1:
        lines = "\n".join(f"  {pupil_label(p)}{'' if p.on_roll else ' (left)'}" for p in found[:50])
        fail(f"{len(found)} pupils match '{query}'. Say which one by UPN:\n{lines}")
    return found[0]


@consent.command("set")
@click.argument("pupil", metavar="UPN")
@click.option("--photo", type=YES_NO, help="Photo consent.")
@click.option("--name", "name_", type=YES_NO, help="Name consent.")
@click.option("--no-publish", type=YES_NO, help="Never publish anything about this pupil.")
@click.pass_context
def set_(ctx: click.Context, pupil: str, photo: str | None, name_: str | None, no_publish: str | None) -> None:
    """Change one pupil's consent (recorded in the history). UPN, admission number or a unique name."""
    if photo is None and name_ is None and no_publish is None:
        fail("Say what to change: --photo yes|no, --name yes|no and/or --no-publish yes|no.", 2)
    store = open_store(settings_of(ctx))
    refuse_if_following(store)
    target = _one_pupil(store, pupil)
    as_consent = {"yes": GRANTED, "no": REFUSED, None: None}
    updated = store.set_consent(
        target.pupil_id,
        photo=as_consent[photo],
        name=as_consent[name_],
        no_publish=None if no_publish is None else no_publish == "yes",
    )
    _show(updated)
    click.echo(f"Consent list version {store.version}.")


@consent.command("show")
@click.argument("pupil", metavar="UPN_OR_NAME")
@click.pass_context
def show(ctx: click.Context, pupil: str) -> None:
    """Show one pupil's consent (by UPN, admission number or name)."""
    sync_followed(settings_of(ctx))
    store = open_store(settings_of(ctx))
    _show(_one_pupil(store, pupil))


def _show(p: Pupil) -> None:
    click.echo(f"{p.display_name}  {id_word(p.upn or '')} {p.upn or '-'}  Adno {p.adno or '-'}")
    if p.preferred_forename or p.preferred_surname:
        click.echo(f"  legal name: {p.legal_forename} {p.legal_surname}")
    click.echo(f"  year {p.year_group or '-'}, {p.reg_group or '-'}{'' if p.on_roll else ' (LEFT)'}")
    click.echo(f"  photo consent: {CONSENT_LABEL[p.photo_consent]}")
    click.echo(f"  name consent:  {CONSENT_LABEL[p.name_consent]}")
    click.echo(f"  No Publish:    {'YES - never name or picture' if p.no_publish else 'no'}")


@consent.command("forget")
@click.argument("upn")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def forget(ctx: click.Context, upn: str, yes: bool) -> None:
    """Erasure request: remove a pupil's names, consent, history and photo references.

    Only an audit line stays (the UPN, who did it and when). Give the UPN (or admission number).
    """
    settings = settings_of(ctx)
    store = open_store(settings)
    refuse_if_following(store)
    pupil = store.get(upn) or store.get(upn.strip().upper())
    if pupil is None:
        fail(f"No pupil with UPN or admission number {upn}. Nothing was removed.")
        return
    if not yes and not click.confirm(f"Remove all data PostGuard holds about {pupil_label(pupil)}?", err=True):
        fail("Nothing was removed.")
    files = erase_pupil_files(store.conn, pupil.pupil_id)  # before the photo links go
    store.forget(pupil.pupil_id)
    click.echo(
        f"Removed {pupil.display_name}'s names, consent, history and photo references"
        + (f" and {files} file(s) in the data folder" if files else "")
        + f". The history keeps one line: UPN {pupil.upn or pupil.pupil_id}, forgotten by you today."
    )
    click.echo(
        "If the pupil is still in the MIS export, the next import adds them again: remove them from the "
        f"export first. Consent list version {store.version}."
    )


@consent.command("list")
@click.option("--no-consent", is_flag=True, help="Only pupils who may not be named or pictured.")
@click.option("--left", is_flag=True, help="Include pupils who have left.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_(ctx: click.Context, no_consent: bool, left: bool, as_json: bool) -> None:
    """List pupils and their consent."""
    sync_followed(settings_of(ctx))
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
@click.argument("pupil", metavar="[UPN_OR_NAME]", required=False)
@click.option("--limit", type=int, default=200, show_default=True)
@click.pass_context
def history(ctx: click.Context, pupil: str | None, limit: int) -> None:
    """Every change to the consent list: what changed, when and by whom (one pupil, or everyone)."""
    store = open_store(settings_of(ctx))
    key = _one_pupil(store, pupil).pupil_id if pupil else None
    rows = store.history(key, limit=limit)
    names: dict[str, str] = {}
    for r in rows:
        pid = r["pupil_id"]
        if pid and pid not in names:
            found = store.get(pid)
            names[pid] = pupil_label(found) if found else f"UPN {pid}"
        who = names[pid] if pid else "whole list"
        click.echo(
            f"{r['at']}  {r['actor']:<10} {who}: {history_words(r['what'], r['old'], r['new'])}  ({r['source']})"
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
    store = open_store(settings_of(ctx))
    refuse_if_following(store)
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
    count = store.replace_staff((r[0], r[1] if len(r) > 1 else "") for r in rows)
    click.echo(f"Staff list replaced: {count} names.")


@staff.command("list")
@click.pass_context
def staff_list(ctx: click.Context) -> None:
    """Show the staff list."""
    for row in open_store(settings_of(ctx)).staff():
        click.echo(f"{row['name']}{'  (' + row['role'] + ')' if row['role'] else ''}")


commands = [consent, staff]
