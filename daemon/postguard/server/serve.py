"""Running the daemon from `postguard serve`: bind loopback, print readiness, stop on a signal."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import json
import logging
import os
import signal
import sys
import time

import click
from aiohttp import web

from postguard.consent.store import ConsentStore
from postguard.home import write_private
from postguard.server.app import create_app
from postguard.server.limits import Limits
from postguard.server.state import STATE
from postguard.settings import Settings
from postguard.startup import preflight

SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


class NotLoopback(ValueError):
    pass


def bind_addresses(host: str) -> list[str]:
    """'localhost' means both loopback addresses; anything not loopback is refused."""
    if host.lower() == "localhost":
        return ["127.0.0.1", "::1"]
    try:
        if ipaddress.ip_address(host).is_loopback and host in ("127.0.0.1", "::1"):
            return [host]
    except ValueError:
        pass
    raise NotLoopback(f"PostGuard only listens on this computer (127.0.0.1, ::1 or localhost), not {host!r}.")


def demo_banner() -> str:
    bar = "!" * 78
    return (
        f"{bar}\n!! DEMO ROSTER IN USE: these are invented pupils, not your school's.\n"
        f"!! Import the real roster: postguard consent import PUPILS.csv\n{bar}"
    )


async def serve_forever(settings: Settings, host: str, limits: Limits | None = None) -> int:
    started = time.perf_counter()
    app = create_app(settings, limits=limits)
    # handler_cancellation: a check whose client went away is dropped from the worker queue.
    runner = web.AppRunner(app, handle_signals=False, handler_cancellation=True)
    await runner.setup()  # loads the model (cleanup contexts)
    bound = []
    try:
        for address in bind_addresses(host):
            site = web.TCPSite(runner, address, settings.port)
            try:
                await site.start()
                bound.append(address)
            except OSError as e:
                if host.lower() == "localhost" and address == "::1" and bound:
                    continue  # no IPv6 loopback here; 127.0.0.1 is enough
                click.secho(
                    f"Cannot listen on {address} port {settings.port}: {e.strerror or e}. "
                    "Is PostGuard already running? Use --port to pick another port.",
                    fg="red",
                    err=True,
                )
                return 1
        state = app[STATE]
        store = ConsentStore(state.read_conn)
        urls = ", ".join(f"http://{'[::1]' if a == '::1' else a}:{settings.port}" for a in bound)
        click.echo(
            f"PostGuard daemon ready on {urls} in {time.perf_counter() - started:.1f} s "
            f"(model loaded in {state.load_seconds:.1f} s)."
        )
        click.echo(
            f"Consent list: {store.count()} pupils, version {store.version}, changed {store.changed_at or 'never'}."
        )
        followed = store.meta("follow_source")
        if followed:
            click.echo(
                f"The consent list is followed from {followed}; a newer one is looked for every "
                f"{settings.follow_poll_seconds:g} s ('postguard status' shows any problem)."
            )
        if store.is_demo:
            click.secho(demo_banner(), fg="yellow", bold=True)
        if not state.paired:
            click.echo(
                "Not paired with a browser yet: run 'postguard pair' and type the code into the "
                "PostGuard extension's options."
            )
        write_private(
            settings.daemon_file,
            json.dumps({"pid": os.getpid(), "port": settings.port, "hosts": bound}).encode("utf-8"),
        )
        click.echo("Press Ctrl+C to stop.", nl=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        click.echo("Stopping PostGuard daemon.")
        return 0
    finally:
        settings.daemon_file.unlink(missing_ok=True)
        await runner.cleanup()


def run(
    settings: Settings, host: str, port: int, limits: Limits | None = None, follow_every: float | None = None
) -> int:
    bind_addresses(host)  # refuse before loading anything
    settings = dataclasses.replace(settings, host=host, port=port)
    if follow_every is not None:
        settings = dataclasses.replace(settings, follow_poll_seconds=follow_every)
    preflight(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Checks hold the GIL on the worker threads; a shorter switch interval lets the event
    # loop answer /v1/health (and accept new requests) promptly while they run.
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        return asyncio.run(serve_forever(settings, host, limits))
    except KeyboardInterrupt:
        return 0
