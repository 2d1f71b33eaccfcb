"""Readers for the plain inputs: JSONL (the batch contract) and CSV.

JSONL lines are `{"id", "text", "images": [paths relative to the input file]}`,
optionally with `timestamp` (Unix seconds) or `date` (ISO 8601) and `permalink`.
CSV has a header with `id,text,images` (images `;`-separated) and the same
optional columns. Both are validated in full before anything is checked: every
problem is listed with its line number and nothing is written.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from postguard.batch.media import FolderMedia, MediaSource
from postguard.batch.model import BatchPost, InputError
from postguard.batch.mojibake import without_lone_surrogates
from postguard.text.resolution import parse_resolutions

csv.field_size_limit(16 * 1024 * 1024)


def parse_when(value: Any) -> int | None:
    """Unix seconds from an int timestamp or an ISO date/datetime (naive = UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("not a date")
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp())


def _permalink(value: Any) -> str | None:
    value = str(value or "").strip()
    return value if value.startswith(("https://", "http://")) else None


class _PlainReader:
    kind = "plain"

    def __init__(self, path: Path):
        if not path.is_file():
            raise InputError(f"{path} is not a file.")
        self.path = path
        self.media: MediaSource = FolderMedia(path.resolve().parent, confined=False)
        self.notes: Counter[str] = Counter()
        self._validated = False

    def _records(self) -> Iterator[tuple[int, dict | None, str | None]]:
        raise NotImplementedError

    def validate(self) -> int:
        """Read the whole input once; raise InputError listing every problem."""
        problems: list[str] = []
        ids: dict[str, int] = {}
        count = 0
        for line, record, problem in self._records():
            if record is not None:  # a record or a problem, never both
                try:
                    post = self._post(line, record)
                except ValueError as exc:
                    problem = str(exc)
                else:
                    if post.id in ids:
                        problem = f"duplicate id {post.id!r} (first on line {ids[post.id]})"
                    else:
                        ids[post.id] = line
                        count += 1
            if problem is not None:
                problems.append(f"line {line}: {problem}")
        if problems:
            raise InputError(f"{self.path} has {len(problems)} problem(s); nothing was checked.", problems)
        self._validated = True
        return count

    def posts(self, since: int | None = None) -> Iterator[BatchPost]:
        if not self._validated:
            self.validate()
        self.notes = Counter()
        for line, record, _ in self._records():
            if record is None:  # validate() found no problems, so there are none
                continue
            post = self._post(line, record)
            if since is not None and post.timestamp is not None and post.timestamp < since:
                self.notes["older than --since"] += 1
                continue
            missing = [p for p in post.images if not self.media.exists(p)]
            for path in missing:
                post.skipped.append(f"image file not found: {path}")
                self.notes["image files not found"] += 1
            post.images = [p for p in post.images if p not in missing]
            yield post

    def _post(self, line: int, record: dict) -> BatchPost:
        raw_id = record.get("id")
        if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()) or isinstance(raw_id, (dict, list, bool)):
            raise ValueError("missing 'id'")
        text = record.get("text")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise ValueError("'text' must be a string")
        images = record.get("images") or []
        if isinstance(images, str):
            images = [p.strip() for p in images.split(";") if p.strip()]
        if not isinstance(images, list) or not all(isinstance(p, str) and p for p in images):
            raise ValueError("'images' must be a list of file paths")
        images = [without_lone_surrogates(p) for p in images]
        try:
            timestamp = (
                parse_when(record.get("timestamp"))
                if record.get("timestamp") not in (None, "")
                else parse_when(record.get("date"))
            )
        except (ValueError, OverflowError, OSError):
            raise ValueError("'timestamp'/'date' is not a date (use Unix seconds or YYYY-MM-DD)") from None
        text = without_lone_surrogates(text)
        resolved = parse_resolutions(record.get("resolved") or [], text)
        return BatchPost(
            resolved=[{"start": r.start, "end": r.end, "pupil": r.pupil} for r in resolved],
            id=without_lone_surrogates(str(raw_id).strip()),
            text=text,
            images=list(images),
            timestamp=timestamp,
            source=f"line {line}",
            permalink=_permalink(record.get("permalink")),
        )


class JsonlReader(_PlainReader):
    kind = "jsonl"

    def _records(self) -> Iterator[tuple[int, dict | None, str | None]]:
        try:
            with self.path.open("r", encoding="utf-8-sig") as fh:
                for line_no, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        yield line_no, None, f"not valid JSON ({exc.msg})"
                        continue
                    except RecursionError:
                        yield line_no, None, "not valid JSON (nested too deeply)"
                        continue
                    if not isinstance(record, dict):
                        yield line_no, None, "not a JSON object"
                        continue
                    yield line_no, record, None
        except UnicodeDecodeError:
            raise InputError(f"{self.path} is not UTF-8 text; save it as UTF-8 and try again.") from None


class CsvReader(_PlainReader):
    kind = "csv"

    def _records(self) -> Iterator[tuple[int, dict | None, str | None]]:
        try:
            with self.path.open("r", encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                header = next(reader, None)
                columns = [h.strip().lower() for h in header or ()]
                if "id" not in columns or "text" not in columns:
                    raise InputError(
                        f"{self.path}: the first row must be a header with at least "
                        "'id' and 'text' columns (and optionally 'images')."
                    )
                while True:
                    line_no = reader.line_num + 1  # where the record starts (it may span lines)
                    row = next(reader, None)
                    if row is None:
                        break
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) > len(columns):
                        yield line_no, None, f"{len(row)} cells but the header has {len(columns)} columns"
                        continue
                    yield line_no, dict(zip(columns, row, strict=False)), None
        except UnicodeDecodeError:
            raise InputError(f"{self.path} is not UTF-8 text; save it as 'CSV UTF-8' and try again.") from None
        except csv.Error as exc:
            raise InputError(f"{self.path} is not a readable CSV file ({exc}).") from None
