"""Pick the reader for an input: an export (folder, .zip, or several parts), .jsonl or .csv."""

from __future__ import annotations

from pathlib import Path

from postguard.batch.facebook_export import FacebookExportReader, is_export
from postguard.batch.model import InputError
from postguard.batch.plain_inputs import CsvReader, JsonlReader


def open_reader(paths: Path | list[Path]) -> FacebookExportReader | JsonlReader | CsvReader:
    """One JSONL or CSV file, or an export: a .zip, a folder, or the parts of a split download."""
    paths = [paths] if isinstance(paths, Path) else list(paths)
    if not paths:
        raise InputError("Give an input: a Facebook export (.zip or folder), a .jsonl or a .csv file.")
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist.")
    if all(is_export(p) for p in paths):
        return FacebookExportReader(paths)
    if len(paths) > 1:
        raise InputError(
            "Several inputs are only for the parts of one Facebook export (.zip files or "
            "folders); check JSONL and CSV files one at a time."
        )
    path = paths[0]
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return JsonlReader(path)
    if suffix == ".csv":
        return CsvReader(path)
    raise InputError(
        f"Don't know how to read {path.name}: give a .jsonl or .csv file, or a Facebook "
        "export (.zip or its unpacked folder)."
    )
