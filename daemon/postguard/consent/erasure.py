"""Erasure requests: what other components keep about one pupil.

`ConsentStore.forget` removes the consent database rows (names, consent, history details,
photo links). A component that keeps more about a pupil (files under the data folder, such
as reference thumbnails) lists a function here as "module:function"; `consent forget` calls
each one, before the photo links go, as `function(conn, pupil_id) -> number of files removed`.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable

Eraser = Callable[[sqlite3.Connection, str], int]

# Explicit registry, resolved when used. The thumbnails eraser comes with the photos work (issue 11);
# until that is merged there are no thumbnails to remove and the entry resolves to nothing.
ERASERS: tuple[str, ...] = ("postguard.images.bank:delete_thumbnails_for",)


def _resolve(name: str) -> Eraser | None:
    module_path, _, function = name.partition(":")
    try:
        module = importlib.import_module(module_path)
    except ImportError:
        return None
    eraser: Eraser | None = getattr(module, function, None)
    return eraser


def erase_pupil_files(conn: sqlite3.Connection, pupil_id: str) -> int:
    """Run every registered eraser for one pupil; the number of files removed."""
    total = 0
    for name in ERASERS:
        eraser = _resolve(name)
        if eraser is not None:
            total += int(eraser(conn, pupil_id))
    return total
