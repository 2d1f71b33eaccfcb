"""`postguard check`: check one post, as staff would before posting."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from postguard.checker import Checker, ImageInput
from postguard.cli.common import fail, settings_of, sync_followed, warn_demo
from postguard.files import UnreadableFile, read_regular_file
from postguard.images.decode import MAX_FILE_BYTES
from postguard.server.limits import Limits
from postguard.startup import preflight
from postguard.text.resolution import Resolution, ResolutionError

SEVERITY_STYLE = {"block": ("BLOCK", "red"), "warn": ("WARN", "yellow"), "info": ("info", "cyan")}
EXIT_CODES = {"ok": 0, "info": 0, "warn": 3, "block": 4}
_RESOLVE = re.compile(r"(\d+):(\d+)=(\S+)")


def _resolutions(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[Resolution]:
    out = []
    for value in values:
        match = _RESOLVE.fullmatch(value.strip())
        if not match:
            raise click.BadParameter(f"{value!r}: write START:END=UPN, e.g. 19:23=A123456789012.", ctx, param)
        out.append(Resolution(int(match.group(1)), int(match.group(2)), match.group(3)))
    return out


@click.command()
@click.argument("text", required=False)
@click.option(
    "--image",
    "images",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A photo attached to the post (repeatable).",
)
@click.option(
    "--resolve",
    "resolved",
    multiple=True,
    callback=_resolutions,
    metavar="START:END=UPN",
    help="Which pupil an ambiguous name means: the name's offsets as the finding gave them, and the "
    "pupil's UPN from its candidates (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the finding contract).")
@click.pass_context
def check(
    ctx: click.Context, text: str | None, images: tuple[Path, ...], resolved: list[Resolution], as_json: bool
) -> None:
    """Check one post: TEXT, or '-' (or nothing) to read it from standard input.

    Exit code: 0 ok or info, 3 warnings, 4 blocked.
    """
    limits = Limits()  # the daemon's limits: the same post gets the same answer everywhere
    if text is None or text == "-":
        if sys.stdin.isatty():
            click.echo(
                "Type or paste the post, then press Ctrl+D on a new line (Ctrl+Z then Enter on Windows) to check it.",
                err=True,
            )
        text = sys.stdin.read(limits.max_text_chars + 1)
    if not text.strip() and not images:
        fail("There is nothing to check: the text is empty and there are no photos (--image).", code=2)
    if len(text) > limits.max_text_chars:
        fail(
            f"The post is longer than {limits.max_text_chars:,} characters; PostGuard cannot check it in one go. "
            "Split it into shorter posts.",
            2,
        )
    inputs = []
    for p in images:
        try:  # regular files only, with the one photo size cap: a FIFO or /dev/zero never hangs
            inputs.append(ImageInput(name=str(p), data=read_regular_file(p, MAX_FILE_BYTES)))
        except UnreadableFile as e:
            fail(f"Cannot check the photo: {e}", 2)
    settings = settings_of(ctx)
    preflight(settings)
    sync_followed(settings)
    checker = Checker(settings)
    if not as_json:
        warn_demo(checker.store)
    try:
        result = checker.check(text, inputs, resolved=resolved)
    except ResolutionError as error:
        raise click.UsageError(str(error), ctx) from None
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
            for c in f.extra.get("candidates", ()):
                click.echo(f"  Could be {c['name']} ({c['class']}): --resolve {f.start}:{f.end}={c['pupil']}")
            click.echo(f"  Why: {f.policy}")
    ctx.exit(EXIT_CODES[result.verdict])


commands = [check]
