"""The finding contract shared by the CLI, the daemon, the batch report and the extension.

A finding is one thing a check found. Offsets point into the post text twice:
in code points (`start`/`end`, Python) and in UTF-16 units (`start_utf16`/
`end_utf16`, JavaScript). Image findings have no text span (all four are None).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

INFO, WARN, BLOCK = "info", "warn", "block"
SEVERITY_RANK = {"ok": 0, INFO: 1, WARN: 2, BLOCK: 3}


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    policy: str
    start: int | None = None
    end: int | None = None
    pupils: list[str] = field(default_factory=list)
    start_utf16: int | None = None
    end_utf16: int | None = None
    # Extra keys some codes carry (image findings: image, distance, reference_id).
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "policy": self.policy,
            "start": self.start,
            "end": self.end,
            "start_utf16": self.start_utf16,
            "end_utf16": self.end_utf16,
            "pupils": list(self.pupils),
        }
        out.update(self.extra)
        return out


def verdict_of(findings: Iterable[Finding]) -> str:
    best = "ok"
    for f in findings:
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]:
            best = f.severity
    return best


def utf16_offsets(text: str) -> list[int]:
    """Prefix table: code-point offset -> UTF-16 offset (len(text)+1 entries)."""
    table = [0] * (len(text) + 1)
    units = 0
    for i, ch in enumerate(text):
        table[i] = units
        units += 2 if ord(ch) > 0xFFFF else 1
    table[len(text)] = units
    return table


def fill_utf16(text: str, findings: Sequence[Finding]) -> None:
    """Set the UTF-16 offsets of every text finding from its code-point offsets."""
    if not any(f.start is not None for f in findings):
        return
    if text.isascii():
        for f in findings:
            if f.start is not None:
                f.start_utf16, f.end_utf16 = f.start, f.end
        return
    table = utf16_offsets(text)
    for f in findings:
        if f.start is not None and f.end is not None:
            f.start_utf16, f.end_utf16 = table[f.start], table[f.end]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Text order; image findings after text ones; stronger first on ties."""
    return sorted(
        findings,
        key=lambda f: (
            f.start is None,
            f.start if f.start is not None else 0,
            -SEVERITY_RANK[f.severity],
            f.code,
        ),
    )
