"""What PostGuard needs before it can start, found the same way in a wheel and in a source checkout.

Installed (wheel, pip, pipx), the pipeline config, pattern data and the consent_images README are
package data inside `postguard/`. In a source checkout (editable install, PYTHONPATH=daemon) they
are read from the repository's own folders, where they are edited.
"""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postguard.settings import Settings


class StartupError(Exception):
    """PostGuard cannot start; the message is one plain sentence for the person who ran it."""


def project_root() -> Path:
    # daemon/postguard/startup.py -> repository root (source checkout).
    return Path(__file__).resolve().parents[2]


def bundled_dir(name: str) -> Path:
    """A data folder shipped with PostGuard: `postguard/<name>` when installed, `<repo>/<name>` in a checkout."""
    packaged = resources.files("postguard").joinpath(name)
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    root = project_root()
    if (root / "pyproject.toml").is_file() and (root / name).is_dir():
        return root / name
    raise StartupError(
        f"This PostGuard installation is incomplete (its '{name}' data is missing): "
        "install PostGuard again from its wheel or with 'pip install .'."
    )


def preflight(settings: Settings) -> None:
    """Refuse to start, in one sentence, when the language data or model is missing."""
    config = settings.nlp_models_dir / "pipeline.cfg"
    if not config.is_file():
        raise StartupError(
            f"PostGuard's language data is missing (no pipeline.cfg in {settings.nlp_models_dir}): "
            "install PostGuard again from its wheel or with 'pip install .'."
        )
    if importlib.util.find_spec(settings.spacy_model) is None:
        raise StartupError(
            f"The English language model PostGuard needs ({settings.spacy_model}) is not installed: "
            "install PostGuard again with its dependencies (pip install postguard-*.whl)."
        )
