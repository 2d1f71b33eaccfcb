"""Erasure requests: files a component keeps about one pupil under the data folder.

`ConsentStore.forget` removes the database rows (names, consent, history details,
photo links). A component that keeps files per pupil in the data folder (for example
photo thumbnails) lists its module in ERASER_MODULES and decorates a function there with
`@register_file_eraser`, so `consent forget` removes those files too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

# (data folder, pupil id) -> number of files removed
FileEraser = Callable[[Path, str], int]

# Explicit registry: modules that register a FileEraser when imported.
ERASER_MODULES: tuple[str, ...] = ()

FILE_ERASERS: list[FileEraser] = []


def register_file_eraser(eraser: FileEraser) -> FileEraser:
    """Decorator: `eraser(home, pupil_id)` deletes that pupil's files and returns how many."""
    if eraser not in FILE_ERASERS:
        FILE_ERASERS.append(eraser)
    return eraser


def erase_pupil_files(home: Path, pupil_id: str) -> int:
    for module_path in ERASER_MODULES:
        importlib.import_module(module_path)
    return sum(eraser(home, pupil_id) for eraser in FILE_ERASERS)
