"""Pattern data reviewed as data: JSON lines under nlp_models/, loaded once."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class PatternData:
    """`patterns["health_terms"]` -> the rows of nlp_models/health_terms.jsonl."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._cache: dict[str, list[dict[str, Any]]] = {}
        self._compiled: dict[Callable[[PatternData], Any], Any] = {}

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        if name not in self._cache:
            path = self.directory / f"{name}.jsonl"
            rows = []
            with path.open(encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    line = line.strip()
                    if not line or line.startswith("//"):
                        continue
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path}:{lineno}: {exc.msg}") from None
            self._cache[name] = rows
        return self._cache[name]

    def compiled(self, build: Callable[[PatternData], T]) -> T:
        """`build(self)`, once per pattern data (regexes compiled from it, shared by every build)."""
        if build not in self._compiled:
            self._compiled[build] = build(self)
        return self._compiled[build]

    def words(self, name: str, key: str = "text") -> frozenset[str]:
        """The lower-cased `key` values of a pattern file, as a set."""
        return frozenset(str(row[key]).lower() for row in self[name])

    @cached_property
    def available(self) -> list[str]:
        return sorted(p.stem for p in self.directory.glob("*.jsonl"))
