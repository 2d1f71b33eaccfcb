"""`postguard images ...`: the IT admin's bank of reference photos (hashes only, never the photos)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from postguard.cli.common import fail, open_store, refuse_if_following, settings_of, warn_demo
from postguard.consent.store import ConsentStore
from postguard.consent.wording import pupil_label
from postguard.home import ensure_home
from postguard.images.bank import THUMBNAIL_SIDE, BankReport, ReferenceBank
from postguard.startup import bundled_dir


@click.group()
def images() -> None:
    """Reference photos of pupils without photo consent: drafts showing them are blocked.

    Only hashes of the photos are stored, never the photos themselves.
    """


def _pupil_ids(store: ConsentStore, keys: tuple[str, ...]) -> list[str]:
    ids, unknown = [], []
    for key in keys:
        pupil = store.get(key)
        if pupil is None:
            unknown.append(key)
        else:
            ids.append(pupil.pupil_id)
    if unknown:
        fail(
            f"Nothing was added: no pupil with UPN or admission number {', '.join(unknown)} on the roster. "
            "Check the number, or import the roster first ('postguard consent import')."
        )
    return ids


def _print_report(report: BankReport, verb: str) -> None:
    for ref_id, name in report.added:
        click.echo(f"  added #{ref_id}: {name}")
    for ref_id, name in report.linked:
        click.echo(f"  already in the bank as #{ref_id}: {name} (pupils linked)")
    for ref_id, name in report.updated:
        click.echo(f"  re-hashed #{ref_id}: {name} (the file changed)")
    for ref_id, name in report.removed:
        click.echo(f"  removed #{ref_id}: {name}")
    for name, reason in report.errors:
        click.echo(f"  NOT {verb}: {name}: {reason}", err=True)


@images.command("add")
@click.option(
    "--pupil",
    "pupils",
    multiple=True,
    required=True,
    metavar="UPN",
    help="A pupil shown in the photos (repeat for several pupils).",
)
@click.option(
    "--thumbnail",
    is_flag=True,
    help=f"Also keep a small ({THUMBNAIL_SIDE} px) thumbnail in the data folder, so staff checking a "
    "photo with people can compare faces by eye. Off unless you ask for it.",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def add(ctx: click.Context, pupils: tuple[str, ...], thumbnail: bool, paths: tuple[Path, ...]) -> None:
    """Hash reference photos (files, or folders searched recursively) and link them to pupils."""
    store = open_store(settings_of(ctx))
    refuse_if_following(store)
    warn_demo(store)
    pupil_ids = _pupil_ids(store, pupils)
    report = ReferenceBank(store.conn).add(paths, pupil_ids, thumbnails=thumbnail)
    _print_report(report, "added")
    click.echo(
        f"{len(report.added)} photo(s) added, {len(report.linked)} already in the bank, "
        f"{len(report.errors)} could not be used."
    )
    consented = [pupil_label(p) for key in pupils if (p := store.get(key)) is not None and p.may_be_pictured]
    if consented and len(consented) == len(pupils):
        click.echo(
            f"Note: {', '.join(consented)} may be pictured (photo consent given, not No Publish), so "
            "these photos are not matched until that changes."
        )
    if report.changed:
        click.echo(f"Consent list version {store.version}: a running PostGuard picks this up on its next check.")
    if report.errors:
        raise SystemExit(1)


@images.command("list")
@click.option("--pupil", "pupil", metavar="UPN", help="Only photos linked to this pupil.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_(ctx: click.Context, pupil: str | None, as_json: bool) -> None:
    """List reference photos: id, pupils, whether they are matched, file name, size, when added."""
    store = open_store(settings_of(ctx))
    bank = ReferenceBank(store.conn)
    pupil_id = None
    if pupil is not None:
        found = store.get(pupil)
        if found is None:
            fail(f"No pupil with UPN or admission number {pupil} on the roster.")
        pupil_id = found.pupil_id
    active = {ref_id for ref_id, _blob, _pupils in bank.active()}
    rows = []
    for r in bank.references(pupil_id):
        rows.append(
            {
                "id": r["id"],
                "pupils": (r["pupil_ids"] or "").split(),
                "matched": r["id"] in active,
                "file": r["source_key"] or r["source_name"],
                "width": r["width"],
                "height": r["height"],
                "bytes": r["file_bytes"],
                "format": r["format"],
                "added_at": r["added_at"],
                "added_by": r["added_by"],
                "thumbnail": bool(r["thumbnail"]),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("No reference photos." if pupil is None else f"No reference photos of {pupil}.")
        return
    click.echo(f"{'ID':>5}  {'MATCHED':8} {'PUPILS':28} {'SIZE':>11}  {'ADDED':25} FILE")
    for row in rows:
        size = f"{row['width']}x{row['height']}"
        click.echo(
            f"{row['id']:>5}  {'yes' if row['matched'] else 'no':8} {' '.join(row['pupils']):28} "
            f"{size:>11}  {row['added_at']:25} {row['file']}"
        )
    unmatched = sum(1 for row in rows if not row["matched"])
    click.echo(
        f"{len(rows)} reference photo(s); {len(rows) - unmatched} matched against drafts. "
        "A photo is matched while at least one of its pupils is on roll without photo consent."
    )
    if bank.stale_count():
        click.echo(f"{bank.stale_count()} photo(s) were hashed by an older PostGuard: add them again.", err=True)


@images.command("remove")
@click.argument("ref_ids", nargs=-1, required=True, type=int, metavar="ID...")
@click.pass_context
def remove(ctx: click.Context, ref_ids: tuple[int, ...]) -> None:
    """Remove reference photos by id (see 'postguard images list')."""
    store = open_store(settings_of(ctx))
    refuse_if_following(store)
    report = ReferenceBank(store.conn).remove(list(dict.fromkeys(ref_ids)))
    if report.errors:
        fail("Nothing was removed: " + "; ".join(f"#{i}: {why}" for i, why in report.errors) + ".")
    _print_report(report, "removed")
    click.echo(f"{len(report.removed)} photo(s) removed. Consent list version {store.version}.")


@images.command("sync")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def sync(ctx: click.Context, folder: Path | None) -> None:
    """Mirror the drop folder: FOLDER/<UPN>/*.jpg (default: consent_images in the data folder).

    New and changed photos are hashed, photos deleted from the folder are removed
    from the bank. Photos added with 'images add' are not touched.
    """
    settings = settings_of(ctx)
    store = open_store(settings)
    refuse_if_following(store)
    if folder is None:
        folder = settings.consent_images_dir
        if not folder.is_dir():
            _create_drop_folder(folder)
            click.echo(
                f"Created the drop folder {folder} (see its README.md): put each pupil's photos in a "
                "folder named by their UPN inside it, then run 'postguard images sync' again."
            )
            return
    elif not folder.is_dir():
        fail(f"No such folder: {folder}. Give the folder that holds one folder per pupil (named by UPN).")
    click.echo(f"Looking for photos in {folder} (one folder per pupil, named by UPN).")
    warn_demo(store)
    report = ReferenceBank(store.conn).sync(folder, store)
    _print_report(report, "synced")
    click.echo(
        f"Synced {folder}: {len(report.added)} added, {len(report.updated)} re-hashed, "
        f"{report.unchanged} unchanged, {len(report.removed)} removed, {len(report.errors)} problem(s)."
    )
    if report.changed:
        click.echo(f"Consent list version {store.version}: a running PostGuard picks this up on its next check.")
    if report.errors:
        raise SystemExit(1)


def _create_drop_folder(folder: Path) -> None:
    """The default drop folder lives in the data folder, owner-only (it holds photos of pupils)."""
    ensure_home(folder)
    readme = bundled_dir("consent_images").joinpath("README.md").read_bytes()
    (folder / "README.md").write_bytes(readme)


@images.command("allow")
@click.argument("sha256")
@click.option(
    "--reference",
    "ref_ids",
    multiple=True,
    required=True,
    type=int,
    metavar="ID",
    help="The reference photo the draft was matched to (its number is in the staff member's message).",
)
@click.pass_context
def allow(ctx: click.Context, sha256: str, ref_ids: tuple[int, ...]) -> None:
    """Mark reference photos as "not this photo" for one draft photo (by its SHA-256). Recorded.

    Use it only after comparing the two photos yourself: the draft is then no longer
    blocked by these references (other references, and everything else, still apply).
    """
    sha = sha256.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        fail("The photo code must be its SHA-256: 64 characters 0-9 and a-f (for example from 'sha256sum photo.jpg').")
    store = open_store(settings_of(ctx))
    refuse_if_following(store)
    bank = ReferenceBank(store.conn)
    known = {r["id"] for r in bank.references()}
    missing = [i for i in ref_ids if i not in known]
    if missing:
        fail(f"Nothing was changed: no reference photo #{', #'.join(map(str, missing))} (see 'postguard images list').")
    marked = bank.allow(sha, list(dict.fromkeys(ref_ids)))
    for ref_id in ref_ids:
        state = "marked" if ref_id in marked else "already marked"
        click.echo(f"  reference #{ref_id}: {state} as not this photo ({sha[:12]}...)")
    click.echo(f"Recorded. Consent list version {store.version}: a running PostGuard picks this up on its next check.")


commands = [images]
