"""The batch runner: reads an input, checks it in worker processes, streams a report.

- Worker processes (default 2), each loading the Checker (and its spaCy model)
  once; posts go to them in chunks and text is checked with nlp.pipe batching.
- Bounded memory: only a few chunks are in flight and reports are streamed.
- Results are written in input order. After every chunk the report's good
  length and the running counts are saved in `<out>.resume.json`, so Ctrl-C
  stops cleanly and `--resume` carries on from the last whole chunk.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from postguard import db, policy
from postguard.batch.model import BatchPost, InputError, PostResult
from postguard.batch.progress import Progress
from postguard.batch.readers import open_reader
from postguard.batch.tally import Tally
from postguard.batch.worker import check_chunk, init_worker
from postguard.batch.writers import ReportWriter, iso_date, part_path, writer_for
from postguard.consent.store import ConsentStore
from postguard.home import write_private_file
from postguard.settings import Settings

STATE_VERSION = 1


@dataclass
class BatchOptions:
    since: int | None = None  # Unix seconds; posts without a date are kept
    pupils: tuple[str, ...] = ()  # limit the report to posts naming or picturing these
    resume: bool = False
    workers: int = 2
    chunk_posts: int = 32
    chunk_images: int = 16  # fewer posts per chunk when they carry photos (memory)
    batch_size: int = 32  # nlp.pipe batch size inside a worker
    progress: bool = True


@dataclass
class RunSummary:
    out: Path
    total: int
    tally: Tally
    elapsed_s: float
    interrupted: bool = False
    notes: dict[str, int] = field(default_factory=dict)
    resumed_at: int = 0  # posts already checked by the interrupted run this one carried on

    @property
    def rate(self) -> float:
        """Posts per second in this run (not counting what an earlier, interrupted run did)."""
        return (self.tally.checked - self.resumed_at) / self.elapsed_s if self.elapsed_s > 0 else 0.0


class Interrupted(Exception):
    def __init__(self, summary: RunSummary):
        super().__init__("interrupted")
        self.summary = summary


def state_path(out: Path) -> Path:
    return out.with_name(out.name + ".resume.json")


def chunked(posts: Iterable[BatchPost], max_posts: int, max_images: int) -> Iterator[list[BatchPost]]:
    chunk: list[BatchPost] = []
    images = 0
    for post in posts:
        chunk.append(post)
        images += len(post.images)
        if len(chunk) >= max_posts or images >= max_images:
            yield chunk
            chunk, images = [], 0
    if chunk:
        yield chunk


@contextmanager
def sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def resolve_pupils(store: ConsentStore, upns: Iterable[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The searched pupils as the ids findings use, and every key that identifies them."""
    wanted: list[str] = []
    keys: set[str] = set()
    unknown: list[str] = []
    for upn in upns:
        pupil = store.get(upn.strip())
        if pupil is None:
            unknown.append(upn)
            continue
        wanted.append(pupil.upn or pupil.pupil_id)
        keys.update(k for k in (pupil.pupil_id, pupil.upn, pupil.adno) if k)
    if unknown:
        raise InputError("Unknown pupil(s): " + ", ".join(unknown) + ". Use the UPN shown by 'postguard consent list'.")
    return tuple(dict.fromkeys(wanted)), frozenset(keys)


def not_checked(result: PostResult) -> None:
    """Photos missing from the export or unreadable: a warning each, so the post is never "nothing found"."""
    notes = result.post.skipped + result.skipped
    said = {f.get("image") for f in result.findings if f["code"] == "image.unreadable"}
    for note in notes:
        if any(name and name in note for name in said):
            continue
        result.findings.append(
            {
                "code": "image.unreadable",
                "severity": "warn",
                "message": f"Not checked: {note}. Look at it yourself against the consent list.",
                "policy": policy.CONSENT_LIST,
                "start": None,
                "end": None,
                "start_utf16": None,
                "end_utf16": None,
                "pupils": [],
                "image": note,
            }
        )
    if notes and result.verdict in ("ok", "info"):
        result.verdict = "warn"


def review_items(result: PostResult, tally: Tally) -> None:
    """The report's review lists: photos with people to check by eye, photos not checked."""
    post = result.post
    date = iso_date(post.timestamp)
    for f in result.findings:
        if f["code"] == "image.faces" and f["severity"] == "warn":
            tally.people_photos.append(
                {
                    "post": post.id,
                    "date": date,
                    "image": f.get("image"),
                    "faces": f.get("faces"),
                    "groups": f.get("groups") or [],
                    "look_for": len(f.get("pupils") or ()),
                }
            )
        elif f["code"] == "image.unreadable":
            tally.unchecked_photos.append({"post": post.id, "date": date, "what": f.get("image") or f["message"]})


class BatchRun:
    def __init__(
        self,
        inputs: Path | list[Path],
        out: Path,
        settings: Settings,
        options: BatchOptions,
        *,
        stream: TextIO | None = None,
    ):
        self.inputs = [inputs] if isinstance(inputs, Path) else list(inputs)
        self.out = out
        self.settings = settings
        self.options = options
        self.stream = stream
        if any(out.resolve() == path.resolve() for path in self.inputs):
            raise InputError("The report would overwrite the input: choose another --out file.")
        try:
            self.writer: ReportWriter = writer_for(out)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        if not out.parent.is_dir():
            raise InputError(f"The folder for {out} does not exist.")
        self.reader = open_reader(self.inputs)
        # The roster must exist before two workers start (both would load the demo).
        self.store = ConsentStore(db.connect(settings.db_path))
        self.store.ensure_roster(allow_demo=settings.allow_demo_roster)
        self.searched, self.pupil_keys = resolve_pupils(self.store, options.pupils)

    # -- resume state ---------------------------------------------------------------
    def fingerprint(self) -> tuple[int, dict[str, Any]]:
        """Count the posts and fingerprint the run, so --resume only continues the same run."""
        ids = hashlib.sha256()
        total = 0
        for post in self.reader.posts(self.options.since):
            ids.update(post.id.encode("utf-8") + b"\n")
            total += 1
        return total, {
            "input": [str(p.resolve()) for p in self.inputs],
            "posts": total,
            "ids": ids.hexdigest(),
            "format": self.out.suffix.lower(),
            "since": self.options.since,
            "pupils": list(self.searched),
        }

    def load_state(self, fingerprint: dict[str, Any]) -> dict[str, Any] | None:
        path = state_path(self.out)
        if not self.options.resume:
            return None
        try:
            state = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            raise InputError(f"Nothing to resume: no interrupted run was found for {self.out}.") from None
        if (
            state.get("version") != STATE_VERSION
            or state.get("fingerprint") != fingerprint
            or not part_path(self.out).exists()
        ):
            raise InputError(
                "The interrupted run was for a different input or different options. "
                "Run the same command as before with --resume, or leave out --resume to start again."
            )
        return state

    def save_state(self, fingerprint: dict[str, Any], done: int, good_bytes: int, tally: Tally) -> None:
        state = {
            "version": STATE_VERSION,
            "fingerprint": fingerprint,
            "done": done,
            "bytes": good_bytes,
            "tally": tally.to_state(),
            "consent_version": self.consent_at_start,
        }
        write_private_file(state_path(self.out), json.dumps(state).encode("utf-8"))

    # -- running -------------------------------------------------------------------
    def include(self, result: PostResult) -> bool:
        if self.pupil_keys:
            return bool(result.pupils & self.pupil_keys)
        return self.writer.includes_ok or result.verdict != "ok"

    def run(self) -> RunSummary:
        started = time.monotonic()
        total, fingerprint = self.fingerprint()
        notes = dict(self.reader.notes)
        state = self.load_state(fingerprint)
        self.consent_at_start = state.get("consent_version") if state else self.store.version
        if state and self.consent_at_start != self.store.version:
            print(
                "Note: the consent list changed since this run began; posts checked before the "
                "interruption used the older list. Run again without --resume for one consistent report.",
                file=self.stream or sys.stderr,
            )
        done = state["done"] if state else 0
        tally = Tally.from_state(state["tally"]) if state else Tally()
        self.writer.open(resume_at=state["bytes"] if state else None)
        from postguard.batch.html_report import HtmlWriter

        if isinstance(self.writer, HtmlWriter):
            self.writer.searched = list(self.searched)
            self.writer.pupil_names = self._names()
        progress = Progress(total, done=done, stream=self.stream, enabled=self.options.progress)
        self.save_state(fingerprint, done, self.writer.checkpoint(), tally)
        interrupted = False
        pool = None
        try:
            remaining = chunked(
                itertools.islice(self.reader.posts(self.options.since), done, None),
                self.options.chunk_posts,
                self.options.chunk_images,
            )
            first = next(remaining, None)
            if first is not None:
                pool = self._pool()
                pending: deque[tuple[Future[dict[str, Any]], list[BatchPost]]] = deque()
                in_flight = max(2, 2 * self.options.workers)
                for chunk in itertools.chain([first], remaining):
                    tasks = [p.to_task() for p in chunk]
                    pending.append((pool.submit(check_chunk, tasks, self.options.batch_size), chunk))
                    while len(pending) >= in_flight:
                        done = self._collect(*pending.popleft(), tally, done, fingerprint, progress)
                while pending:
                    done = self._collect(*pending.popleft(), tally, done, fingerprint, progress)
        except KeyboardInterrupt:
            interrupted = True
        except BrokenProcessPool:
            raise InputError(
                "A worker process stopped unexpectedly. What was checked so far is kept: "
                "run the same command with --resume to carry on."
            ) from None
        finally:
            if pool is not None:
                with sigint_ignored():  # a second Ctrl-C must not break the clean stop
                    pool.shutdown(wait=True, cancel_futures=True)
            progress.close()
            self.writer.close()
        summary = RunSummary(
            self.out,
            total,
            tally,
            time.monotonic() - started,
            interrupted,
            notes,
            resumed_at=state["done"] if state else 0,
        )
        if interrupted:
            raise Interrupted(summary)
        self.writer.finish(
            {
                "tally": tally,
                "notes": notes,
                "input_name": ", ".join(p.name for p in self.inputs),
                "consent_version": self.store.version,
                "demo_roster": self.store.is_demo,
            }
        )
        state_path(self.out).unlink(missing_ok=True)
        return summary

    def _pool(self) -> ProcessPoolExecutor:
        thumbnails = self.out.suffix.lower() in (".html", ".htm")
        return ProcessPoolExecutor(
            max_workers=max(1, self.options.workers),
            mp_context=multiprocessing.get_context("spawn"),  # same behaviour on every OS
            initializer=init_worker,
            initargs=(self.settings, self.reader.media.spec(), thumbnails),
        )

    def _collect(
        self,
        future: Future[dict[str, Any]],
        chunk: list[BatchPost],
        tally: Tally,
        done: int,
        fingerprint: dict[str, Any],
        progress: Progress,
    ) -> int:
        outcome = future.result()
        for post, r in zip(chunk, outcome["results"], strict=True):
            result = PostResult(post, r["verdict"], r["findings"], r["thumbnails"], r["skipped"])
            not_checked(result)
            tally.add_checked(result)
            if r["skipped"]:
                tally.skipped["photos that could not be read"] += len(r["skipped"])
            if self.include(result):
                self.writer.write(result)
                tally.add_reported(result)
                review_items(result, tally)
        done += len(chunk)
        self.save_state(fingerprint, done, self.writer.checkpoint(), tally)
        progress.update(done)
        return done

    def _names(self) -> dict[str, str]:
        """Pupil names for the HTML report, by every id a finding may use (pupils who left too)."""
        names = {}
        for pupil in self.store.pupils(include_left=True):
            for key in (pupil.pupil_id, pupil.upn):
                if key:
                    names[key] = pupil.display_name
        return names
