"""`postguard check`: check one post, as staff would before posting."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from postguard.checker import Checker, ImageInput
from postguard.cli.common import fail, settings_of, sync_followed, warn_demo
from postguard.startup import preflight

SEVERITY_STYLE = {"block": ("BLOCK", "red"), "warn": ("WARN", "yellow"), "info": ("info", "cyan")}
EXIT_CODES = {"ok": 0, "info": 0, "warn": 3, "block": 4}


@click.command()
@click.argument("text", required=False)
@click.option(
    "--image",
    "images",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A photo attached to the post (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the finding contract).")
@click.pass_context
def check(ctx: click.Context, text: str | None, images: tuple[Path, ...], as_json: bool) -> None:
    """Check one post: TEXT, or '-' (or nothing) to read it from standard input.

    Exit code: 0 ok or info, 3 warnings, 4 blocked.
    """
    if text is None or text == "-":
        if sys.stdin.isatty():
            click.echo(
                "Type or paste the post, then press Ctrl+D on a new line (Ctrl+Z then Enter on Windows) to check it.",
                err=True,
            )
        text = sys.stdin.read()
    if not text.strip() and not images:
        fail("There is nothing to check: the text is empty and there are no photos (--image).", code=2)
    settings = settings_of(ctx)
    preflight(settings)
    sync_followed(settings)
    checker = Checker(settings)
    if not as_json:
        warn_demo(checker.store)
    result = checker.check(text, [ImageInput(name=str(p), path=p) for p in images])
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"Verdict: {result.verdict.upper()}  ({len(result.findings)} finding(s), "
            f"consent list version {result.consent_version})"
        )
        for f in result.findings:
            label, colour = SEVERITY_STYLE[f.severity]
            where = f" at {f.start}-{f.end}" if f.start is not None else f" in {f.extra.get('image', 'image')}"
            click.secho(f"\n[{label}] {f.code}{where}", fg=colour, bold=f.severity == "block")
            click.echo(f"  {f.message}")
            click.echo(f"  Why: {f.policy}")
    ctx.exit(EXIT_CODES[result.verdict])


commands = [check]
