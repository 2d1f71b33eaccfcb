"""`postguard serve`, `postguard pair`, `postguard audit`: thin over postguard.server."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from postguard import db
from postguard.cli.common import fail, settings_of
from postguard.home import open_private_log
from postguard.server import audit as audit_log
from postguard.server import pairing
from postguard.server.limits import Limits
from postguard.server.token import rotate_token
from postguard.settings import DEFAULT_PORT


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Loopback address to listen on: 127.0.0.1, ::1 or localhost (both).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--rate",
    "rate",
    type=click.FloatRange(min=0.1),
    default=Limits.rate_per_second,
    show_default=True,
    help="Checks per second allowed per token (bursts of 4x).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 8),
    default=Limits.workers,
    show_default=True,
    help="Threads that run checks (spaCy, photo hashing).",
)
@click.option(
    "--follow-every",
    type=click.FloatRange(min=1),
    default=None,
    metavar="SECONDS",
    help="How often a computer that follows a published consent list looks for a newer one (default 60).",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write what the daemon prints and logs to this file instead (owner-only; for a service with no console).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    rate: float,
    workers: int,
    follow_every: float | None,
    log_file: Path | None,
) -> None:
    """Run the local check daemon the browser extension talks to."""
    from postguard.server.serve import NotLoopback, run

    if log_file is not None:
        sys.stdout = sys.stderr = open_private_log(log_file)
    limits = dataclasses.replace(
        Limits(), rate_per_second=rate, workers=workers, rate_burst=max(Limits.rate_burst, int(rate * 4))
    )
    try:
        code = run(settings_of(ctx), host, port, limits, follow_every)
    except NotLoopback as e:
        fail(str(e), 2)
    sys.exit(code)


@click.command()
@click.option("--json", "as_json", is_flag=True, help='Print {"code", "expires_in"} as JSON.')
@click.option("--reset", is_flag=True, help="Unpair every browser: new token, paired extensions forgotten.")
@click.pass_context
def pair(ctx: click.Context, as_json: bool, reset: bool) -> None:
    """Print a one-time code to pair the browser extension with this computer's daemon."""
    settings = settings_of(ctx)
    conn = db.connect(settings.db_path)
    try:
        if reset:
            forgotten = pairing.unpair_all(conn)
            rotate_token(settings.token_path)
            click.echo(
                f"Unpaired {forgotten} browser(s); the old token no longer works (a running daemon "
                "notices at once). Run 'postguard pair' to pair again."
            )
            return
        code = pairing.new_code(conn)
    finally:
        conn.close()
    minutes = pairing.CODE_TTL_SECONDS // 60
    if as_json:
        click.echo(json.dumps({"code": code, "expires_in": pairing.CODE_TTL_SECONDS}))
        return
    click.echo(f"Pairing code: {code}")
    click.echo(
        f"Open the PostGuard extension's options, type this code under 'Pairing code' and press "
        f"Pair. It works once, within {minutes} minutes, while 'postguard serve' is running."
    )


@click.command()
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def audit(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Show recent checks made through the daemon (codes and pupil IDs; never post text)."""
    conn = db.connect(settings_of(ctx).db_path)
    try:
        entries = audit_log.recent(conn, limit)
    finally:
        conn.close()
    if as_json:
        for e in entries:
            click.echo(json.dumps(dataclasses.asdict(e)))
        return
    if not entries:
        click.echo("No checks recorded yet.")
        return
    click.echo(f"{'time (UTC)':<24} {'result':<8} {'ms':>7} {'img':>3}  findings / pupils")
    for e in entries:
        result = e.verdict if e.status == "ok" else e.status
        codes = ", ".join(_counted(e.codes)) or "-"
        pupils = ", ".join(e.pupils)
        click.echo(
            f"{e.at[:23]:<24} {result:<8} {e.duration_ms:>7.1f} {e.images:>3}  {codes}"
            + (f" / {pupils}" if pupils else "")
            + (f" / chosen by staff: {', '.join(e.resolved)}" if e.resolved else "")
        )


def _counted(codes: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for c in codes:
        seen[c] = seen.get(c, 0) + 1
    return [f"{c} x{n}" if n > 1 else c for c, n in seen.items()]


commands = [serve, pair, audit]
