"""The local check daemon: an aiohttp API on loopback for the browser extension."""

from postguard.server.app import create_app

__all__ = ["create_app"]
