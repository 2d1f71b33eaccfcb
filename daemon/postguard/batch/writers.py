"""Report writers, chosen by the output's extension: .jsonl, .csv or .html.

Each writer streams into `<out>.part` (owner-only) so memory stays bounded and
an interrupted run can resume: `checkpoint()` flushes and returns the byte
offset that is known good; `reopen()` truncates back to it. `finish()` turns
the part file into the report.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from postguard.batch.model import PostResult
from postguard.home import OWNER_FILE, secure_file


def part_path(out: Path) -> Path:
    return out.with_name(out.name + ".part")


def iso_date(timestamp: int | None) -> str:
    if timestamp is None:
        return ""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def open_private(path: Path, *, append: bool) -> BinaryIO:
    """Open for binary writing, readable by this user only from the first byte."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, OWNER_FILE)
    secure_file(path)  # an existing file keeps its old mode otherwise
    return os.fdopen(fd, "ab" if append else "wb")


class ReportWriter:
    # Whether ok posts (no findings) belong in this report.
    includes_ok = True

    def __init__(self, out: Path):
        self.out = out
        self.part = part_path(out)
        self._fh: BinaryIO | None = None

    @property
    def fh(self) -> BinaryIO:
        """The open part file (between open() and close())."""
        if self._fh is None:
            raise RuntimeError(f"{self.part} is not open")
        return self._fh

    def open(self, *, resume_at: int | None = None) -> None:
        if resume_at is None:
            self._fh = open_private(self.part, append=False)
            self.start()
        else:
            with open(self.part, "r+b") as fh:
                fh.truncate(resume_at)
            self._fh = open_private(self.part, append=True)

    def start(self) -> None:
        """Write whatever comes before the first post (a header row)."""

    def write(self, result: PostResult) -> None:
        raise NotImplementedError

    def checkpoint(self) -> int:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return self.fh.tell()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def finish(self, context: dict[str, Any]) -> None:
        self.close()
        os.replace(self.part, self.out)
        secure_file(self.out)


class JsonlWriter(ReportWriter):
    """The batch contract: one `{"id", "verdict", "findings"}` line per post, in input order.
    Export posts also carry `text`, `timestamp`, `source` and `images`."""

    def write(self, result: PostResult) -> None:
        post = result.post
        line: dict[str, Any] = {"id": post.id, "verdict": result.verdict, "findings": result.findings}
        if post.from_export:
            line.update(text=post.text, timestamp=post.timestamp, source=post.source, images=post.images)
            if post.permalink:
                line["permalink"] = post.permalink
        skipped = post.skipped + result.skipped
        if skipped:
            line["skipped"] = skipped
        self.fh.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")


CSV_COLUMNS = (
    "id",
    "date",
    "verdict",
    "severity",
    "code",
    "pupils",
    "flagged_text",
    "start",
    "end",
    "image",
    "message",
    "policy",
    "permalink",
    "source",
)
# Spreadsheet programs run cells that start with these as formulas (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvWriter(ReportWriter):
    """One row per finding (posts with no findings have no rows)."""

    includes_ok = False

    def _row(self, cells: Iterable[Any]) -> None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow([safe_cell(c) for c in cells])
        self.fh.write(buf.getvalue().encode("utf-8"))

    def start(self) -> None:
        self.fh.write("\ufeff".encode("utf-8"))  # so Excel reads UTF-8
        self._row(CSV_COLUMNS)

    def write(self, result: PostResult) -> None:
        post = result.post
        for f in result.findings:
            flagged = post.text[f["start"] : f["end"]] if f.get("start") is not None else ""
            self._row(
                (
                    post.id,
                    iso_date(post.timestamp),
                    result.verdict,
                    f["severity"],
                    f["code"],
                    ";".join(f.get("pupils") or ()),
                    flagged,
                    f.get("start"),
                    f.get("end"),
                    f.get("image", ""),
                    f["message"],
                    f["policy"],
                    post.permalink or "",
                    post.source or "",
                )
            )


def writer_for(out: Path) -> ReportWriter:
    suffix = out.suffix.lower()
    if suffix == ".jsonl":
        return JsonlWriter(out)
    if suffix == ".csv":
        return CsvWriter(out)
    if suffix in (".html", ".htm"):
        from postguard.batch.html_report import HtmlWriter

        return HtmlWriter(out)
    raise ValueError(f"Don't know how to write {out.name}: end the --out file name in .jsonl, .csv or .html.")
