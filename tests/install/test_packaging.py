"""Packaging facts that need no build: every subpackage is listed, and the package data is found."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from postguard import __version__
from postguard.settings import Settings
from postguard.startup import bundled_dir

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    source = REPO / "daemon"
    found = {".".join(p.parent.relative_to(source).parts) for p in source.glob("postguard/**/__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    data_dirs = PYPROJECT["tool"]["setuptools"]["package-dir"]
    for package, folder in data_dirs.items():
        if package:
            assert (REPO / folder).is_dir() and package in listed


def test_package_data_globs_cover_every_data_file():
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]
    for package, folder in [("postguard.nlp_models", "nlp_models"), ("postguard.data", "daemon/postguard/data")]:
        for path in (REPO / folder).iterdir():
            assert any(path.match(g) for g in globs[package]), f"{path.name} would be left out of the wheel"


def test_in_a_checkout_the_data_is_read_where_it_is_edited():
    assert Settings().nlp_models_dir == REPO / "nlp_models"
    assert bundled_dir("consent_images") == REPO / "consent_images"


def test_one_version_for_the_daemon_and_the_extension():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    manifest = json.loads((REPO / "extension" / "manifest.json").read_text("utf-8"))
    package = json.loads((REPO / "extension" / "package.json").read_text("utf-8"))
    assert manifest["version"] == package["version"] == __version__, "run 'make version' after changing it"
