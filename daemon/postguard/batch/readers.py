"""Pick the reader for an input: an export (folder or .zip), .jsonl or .csv."""

from __future__ import annotations

from pathlib import Path

from postguard.batch.facebook_export import FacebookExportReader, is_export
from postguard.batch.model import InputError
from postguard.batch.plain_inputs import CsvReader, JsonlReader


def open_reader(path: Path):
    if not path.exists():
        raise InputError(f"{path} does not exist.")
    if is_export(path):
        return FacebookExportReader(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return JsonlReader(path)
    if suffix == ".csv":
        return CsvReader(path)
    raise InputError(f"Don't know how to read {path.name}: give a .jsonl or .csv file, or a Facebook "
                     "export (.zip or its unpacked folder).")
