"""`postguard publish`, `postguard follow`, `postguard status`: one consent list for the whole school."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import click

from postguard import __version__, db
from postguard.cli.common import fail, refuse_if_following, settings_of, sync_followed
from postguard.consent import follow as following
from postguard.consent.published import ListRefused, normalise_fingerprint, publish
from postguard.consent.store import ConsentStore, seconds_since
from postguard.consent.wording import day_words
from postguard.settings import Settings


@click.command("publish")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help='Print {"path", "version", "fingerprint", "published_at"}.')
@click.pass_context
def publish_(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Write this computer's whole consent list, signed, into FOLDER (a shared or synced folder,
    or one a web server serves) for staff computers to follow.

    The signing key is made on first publish and kept in the data folder.
    """
    settings = settings_of(ctx)
    if not folder.is_dir():
        fail(f"There is no folder {folder}. Give the shared folder staff computers can read. Nothing was published.")
    conn = db.connect(settings.db_path)
    try:
        store = ConsentStore(conn)
        refuse_if_following(store)
        if store.roster_source is None or store.is_demo:
            fail(
                "There is no school roster to publish (only the demo roster or none). Import it first with "
                "'postguard consent import FILE.csv'. Nothing was published."
            )
        try:
            result = publish(conn, settings.home, folder)
        except OSError as e:
            fail(f"Could not write into {folder}: {e.strerror or e}. Nothing was published.")
            return
        except ListRefused as e:
            fail(str(e))
            return
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(result.to_dict()))
        return
    click.echo(
        f"Published consent list version {result.version} ({result.pupils} pupils, {result.images} reference "
        f"photos, {result.size_bytes / 1024:.0f} KB) to {result.path}."
    )
    click.echo(f"Key fingerprint: {result.fingerprint}")
    click.echo(
        f"On each staff computer run: postguard follow {result.path.parent} --key {result.fingerprint}\n"
        "(give the address staff computers use for this folder). Publish again after every change; "
        "staff computers warn when the list they follow is more than 7 days old."
    )


@click.command("follow")
@click.argument("source", required=False)
@click.option("--key", "key", metavar="FINGERPRINT", help="The key fingerprint 'postguard publish' printed.")
@click.option("--stop", is_flag=True, help="Stop following; keep the list in force as this computer's own.")
@click.pass_context
def follow_(ctx: click.Context, source: str | None, key: str | None, stop: bool) -> None:
    """Use the school's published consent list from SOURCE (a folder, or an https:// address).

    The list is checked against the key, and a newer one is looked for at start and every minute.
    """
    settings = settings_of(ctx)
    conn = db.connect(settings.db_path)
    try:
        if stop:
            previous = following.stop_following(conn, settings.home)
            if previous is None:
                click.echo("This computer was not following a published list; nothing changed.")
            else:
                click.echo(
                    f"Stopped following {previous.source}. The list in force stays as this computer's own list: "
                    "import and change it here from now on."
                )
            return
        if not source or not key:
            fail(
                "Give the folder or https:// address and the key: postguard follow SOURCE --key ABCD-EFGH-JKLM-NPQR", 2
            )
        fingerprint = normalise_fingerprint(key)
        if fingerprint is None:
            fail(
                f"'{key}' is not a key fingerprint: it is 16 letters and digits in four groups, as "
                "'postguard publish' printed (e.g. ABCD-EFGH-JKLM-NPQR).",
                2,
            )
            return
        if following.is_url(source) and not source.lower().startswith("https://"):
            fail("Only https:// addresses can be followed (or a folder path).", 2)
        if not following.is_url(source):
            source = str(Path(source).expanduser().absolute())
        try:
            result = following.start_following(conn, settings.home, source, fingerprint)
        except following.SourceUnavailable as e:
            fail(f"Could not read the consent list in {source}: {e}. Nothing changed.")
            return
        except ListRefused as e:
            fail(f"The consent list in {source} was refused: {e}. Nothing changed.")
            return
    finally:
        conn.close()
    if result.status == following.REFUSED:
        fail(result.message)
    click.echo(f"This computer now follows the school's consent list in {source} (key {fingerprint}).")
    click.echo(result.message)
    click.echo(
        "Consent changes are made on the publishing computer; here they are refused. A running PostGuard "
        "looks for a newer list every minute. 'postguard status' shows where the list comes from."
    )


# -- status --------------------------------------------------------------------------
def _daemon(settings: Settings) -> dict[str, Any]:
    """Whether this data folder's daemon is running: its port file, then its health answer."""
    try:
        info = json.loads(settings.daemon_file.read_text("utf-8"))
        port = int(info["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return {"running": False, "port": None}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/health", headers={"Host": f"127.0.0.1:{port}"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            health = json.loads(response.read(65536))
    except (OSError, ValueError, urllib.error.URLError):
        return {"running": False, "port": port}
    return {"running": True, "port": port, "model_loaded": bool(health.get("model_loaded")), "health": health}


def status_facts(settings: Settings) -> dict[str, Any]:
    conn = db.connect(settings.db_path)
    try:
        store = ConsentStore(conn)
        fresh = following.freshness(
            store, unread_hours=settings.stale_unread_hours, published_days=settings.stale_published_days
        )
        paired = conn.execute("SELECT COUNT(*) FROM paired_clients").fetchone()[0]
        facts = {
            "version": __version__,
            "data_folder": str(settings.home.absolute()),
            "consent_source": fresh.source,
            "consent_version": fresh.version if fresh.following else store.version,
            "consent_published_at": fresh.published_at,
            "consent_changed_at": store.changed_at,
            "consent_last_read_at": fresh.last_read_at,
            "consent_stale": fresh.stale,
            "consent_stale_reasons": fresh.stale_reasons,
            "last_problem": fresh.problem,
            "last_problem_at": fresh.problem_at,
            "roster_size": store.count(),
            "demo_roster": store.is_demo,
            "published_to": store.meta("published_to"),
            "paired_browsers": paired,
        }
    finally:
        conn.close()
    facts["consent_age_seconds"] = seconds_since(
        facts["consent_published_at"] if fresh.following else facts["consent_changed_at"]
    )
    daemon = _daemon(settings)
    facts["daemon_running"] = daemon["running"]
    facts["daemon_port"] = daemon["port"]
    facts["model_loaded"] = daemon.get("model_loaded", False)
    return facts


def _age(iso: str | None) -> str:
    seconds = seconds_since(iso)
    if seconds is None:
        return iso or "never"
    if seconds < 120:
        return "just now"
    if seconds < 7200:
        return f"{seconds / 60:.0f} minutes ago"
    if seconds < 172800:
        return f"{seconds / 3600:.0f} hours ago"
    return f"{seconds / 86400:.0f} days ago ({day_words(iso)})"


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Where the data folder and the consent list are, how fresh the list is, and whether the daemon runs."""
    settings = settings_of(ctx)
    sync_followed(settings, force=True, quiet=True)  # status prints the problem itself
    facts = status_facts(settings)
    if as_json:
        click.echo(json.dumps(facts, indent=2))
        return
    click.echo(f"PostGuard {facts['version']}")
    click.echo(f"Data folder: {facts['data_folder']}")
    if facts["consent_source"] == "local" and not facts["roster_size"] and not facts["demo_roster"]:
        click.echo(
            "Consent list: none yet. Import the school's roster ('postguard consent import FILE.csv'), or "
            "follow the school's published list ('postguard follow SOURCE --key FINGERPRINT')."
        )
    elif facts["consent_source"] == "local":
        what = "the DEMO roster (invented pupils)" if facts["demo_roster"] else "kept on this computer"
        click.echo(
            f"Consent list: {what}, version {facts['consent_version']}, {facts['roster_size']} pupils, "
            f"last changed {_age(facts['consent_changed_at'])}."
        )
        if facts["published_to"]:
            click.echo(f"Last published to: {facts['published_to']}")
    else:
        click.echo(f"Consent list: followed from {facts['consent_source']}")
        click.echo(
            f"  version {facts['consent_version']}, published {_age(facts['consent_published_at'])}, "
            f"{facts['roster_size']} pupils; last read from there {_age(facts['consent_last_read_at'])}."
        )
        if facts["consent_stale"]:
            click.secho(
                "  OUT OF DATE: " + "; ".join(facts["consent_stale_reasons"]) + ". Ask the person who publishes "
                "the list to publish it again, and check this computer can reach the folder or address.",
                fg="yellow",
            )
    if facts["last_problem"]:
        click.secho(f"Last problem ({_age(facts['last_problem_at'])}): {facts['last_problem']}", fg="red")
    if facts["daemon_running"]:
        click.echo(
            f"Daemon: running on port {facts['daemon_port']}, model "
            f"{'loaded' if facts['model_loaded'] else 'still loading'}."
        )
    else:
        click.echo("Daemon: not running (start it with 'postguard serve').")
    click.echo(f"Paired browsers: {facts['paired_browsers']}")


commands = [publish_, follow_, status]
