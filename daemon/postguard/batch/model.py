"""What the batch moves between readers, workers and writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class BatchPost:
    """One past post to check.

    `images` are the paths as the input gives them (relative to the input file,
    or paths inside the export); the media source turns them into files or bytes.
    """

    id: str
    text: str
    images: list[str] = field(default_factory=list)
    timestamp: int | None = None  # Unix seconds, UTC
    source: str | None = None  # where in the input: "posts/your_posts_1.json#3" or "line 7"
    permalink: str | None = None
    title: str | None = None  # album name or post title, shown as context in reports
    place: str | None = None
    shared_link: str | None = None
    skipped: list[str] = field(default_factory=list)  # what could not be checked, and why
    from_export: bool = False
    resolved: list[dict[str, Any]] = field(default_factory=list)  # staff's choices: {"start", "end", "pupil"}

    def to_task(self) -> dict[str, Any]:
        """The part a worker needs (kept small: it crosses a process boundary)."""
        return {"text": self.text, "images": list(self.images), "resolved": list(self.resolved)}


@dataclass
class PostResult:
    """A checked post: the post plus the checker's verdict and findings."""

    post: BatchPost
    verdict: str
    findings: list[dict[str, Any]]
    # image path -> small JPEG data: URI, only for flagged posts in HTML reports
    thumbnails: dict[str, str] = field(default_factory=dict)
    # images the worker could not open, beyond those missing before the check
    skipped: list[str] = field(default_factory=list)

    @property
    def pupils(self) -> set[str]:
        return {p for f in self.findings for p in f.get("pupils") or ()}

    @property
    def codes(self) -> list[str]:
        return sorted({f["code"] for f in self.findings})


class InputError(Exception):
    """The input cannot be read; `problems` lists each one (with line numbers where known)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        lines = [self.args[0]] + [f"  - {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  ... and {len(self.problems) - 50} more")
        return "\n".join(lines)
