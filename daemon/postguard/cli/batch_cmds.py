"""`postguard batch`: re-check many past posts and write a report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from postguard.cli.common import fail, settings_of, sync_followed, warn_demo
from postguard.startup import preflight

FORMATS_HELP = ".jsonl (one line per post), .csv (one row per finding) or .html (a report to open and forward)"


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from postguard.batch.plain_inputs import parse_when

    try:
        return parse_when(value)
    except (ValueError, OverflowError):
        raise click.BadParameter("use a date like 2024-09-01") from None


@click.command("batch")
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Report file; its extension picks the format: {FORMATS_HELP}.",
)
@click.option(
    "--pupil",
    "pupils",
    multiple=True,
    metavar="UPN",
    help="Only posts that name or picture this pupil (repeat for several): "
    "the search to run when consent is withdrawn.",
)
@click.option(
    "--since",
    callback=_since,
    metavar="DATE",
    help="Only posts from this date on (YYYY-MM-DD). Posts without a date are kept.",
)
@click.option("--resume", is_flag=True, help="Carry on an interrupted run of the same command.")
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Worker processes (each loads the language model once).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1024),
    default=32,
    show_default=True,
    help="Posts per nlp.pipe batch inside a worker.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.pass_context
def batch(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    out: Path,
    pupils: tuple[str, ...],
    since: int | None,
    resume: bool,
    workers: int,
    batch_size: int,
    quiet: bool,
) -> None:
    """Check many past posts: a Facebook export (.zip or unpacked folder), a .jsonl file
    ({"id", "text", "images"} per line, optionally "resolved": [{"start", "end", "pupil"}] for
    ambiguous names, as in check --resolve) or a .csv file (id,text,images with ;-separated paths).
    When Facebook splits a download into several zips, give all the parts.

    \b
    Examples:
      postguard batch facebook-export.zip --out report.html
      postguard batch facebook-export.zip --pupil A123456789012 --out pupil.html
      postguard batch posts.jsonl --out results.jsonl
    """
    from postguard.batch.model import InputError
    from postguard.batch.runner import BatchOptions, BatchRun, Interrupted

    settings = settings_of(ctx)
    preflight(settings)  # before worker processes start: they would only say they stopped
    sync_followed(settings)
    options = BatchOptions(
        since=since, pupils=tuple(pupils), resume=resume, workers=workers, batch_size=batch_size, progress=not quiet
    )
    try:
        run = BatchRun(list(inputs), out, settings, options, stream=sys.stderr)
        warn_demo(run.store)
        summary = run.run()
    except InputError as exc:
        fail(str(exc), code=2)
    except Interrupted as stop:
        s = stop.summary
        fail(
            f"Stopped: {s.tally.checked} of {s.total} posts checked. Nothing is lost: run the same "
            "command with --resume to carry on.",
            code=130,
        )
    except OSError as exc:  # unwritable folder, full disk, unreadable file
        fail(
            f"Could not read or write {exc.filename or 'a file'}: {exc.strerror or exc}. "
            "Fix that and run the same command again (with --resume if it had started).",
            code=1,
        )
    except KeyboardInterrupt:  # before checking began (reading the input)
        fail("Stopped before any post was checked; nothing was written.", code=130)
    t = summary.tally
    rate = f", {summary.rate:.0f} posts/s" if summary.rate else ""
    click.echo(f"Checked {t.checked} posts and {t.images} photos in {summary.elapsed_s:.1f} s{rate}.")
    counts = ", ".join(f"{t.verdicts.get(v, 0)} {v}" for v in ("block", "warn", "info"))
    what = "posts naming or picturing the pupils searched for" if options.pupils else "posts reported"
    click.echo(f"{t.reported} {what} ({counts}).")
    skipped = {**summary.notes, **t.skipped}
    for reason, n in sorted(skipped.items()):
        click.echo(f"Not checked: {reason}: {n}")
    click.echo(f"Report: {out}")


commands = [batch]
