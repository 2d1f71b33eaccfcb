"""The work behind POST /v1/check, split between the event loop and the CPU executor."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from postguard import policy
from postguard.checker import CheckResult, ImageInput
from postguard.deadline import Deadline
from postguard.findings import WARN, Finding, sort_findings, verdict_of
from postguard.server.check_input import CheckInput, Upload
from postguard.server.imagecache import FingerprintCache
from postguard.text.resolution import Resolution

if TYPE_CHECKING:
    from postguard.checker import Checker
    from postguard.images.fingerprint import Fingerprint
    from postguard.images.people import PhotoAnswer

log = logging.getLogger("postguard.server")


@dataclass
class CheckJob:
    text: str
    known: list[tuple[str, Fingerprint]]  # (name, cached fingerprint)
    uploads: list[Upload]  # fingerprinted on the worker
    has_images: bool
    answers: dict[str, PhotoAnswer] = field(default_factory=dict)  # by SHA-256: the staff member's answers
    deadline: Deadline = field(default_factory=Deadline)  # the handler cancels it on timeout or when the client goes
    resolved: list[Resolution] = field(default_factory=list)


@dataclass
class JobResult:
    result: CheckResult
    new_fingerprints: dict[str, Fingerprint] = field(default_factory=dict)  # sha256 -> fingerprint
    check_ms: float = 0.0


def plan(given: CheckInput, cache: FingerprintCache) -> tuple[CheckJob, list[str]]:
    """Split images into cached fingerprints and unknown SHA-256s (to be uploaded)."""
    known: list[tuple[str, Fingerprint]] = []
    unknown: list[str] = []
    for ref in given.refs:
        fp = cache.get(ref.sha256)
        if fp is not None:
            known.append((ref.name, fp))
        elif ref.sha256 not in unknown:
            unknown.append(ref.sha256)
    job = CheckJob(
        given.text,
        known,
        list(given.uploads),
        has_images=given.image_count > 0,
        answers=given.answers,
        resolved=given.resolved,
    )
    return job, unknown


def unreadable(name: str) -> Finding:
    return Finding(
        code="image.unreadable",
        severity=WARN,
        policy=policy.CONSENT_LIST,
        extra={"image": name},
        message=(
            f'PostGuard could not read the photo "{name}", so it could not check it for pupils '
            "without photo consent. Check the photo yourself, or save it as JPEG or PNG and try again."
        ),
    )


def run_job(checker: Checker, job: CheckJob) -> JobResult:
    """On a CPU worker: fingerprint new uploads (bytes dropped after), then check everything."""
    started = time.perf_counter()
    new: dict[str, Fingerprint] = {}
    extra_findings: list[Finding] = []
    prints = list(job.known)
    for up in job.uploads:
        job.deadline.check()
        fp = new.get(up.sha256)
        if fp is None:
            try:
                fp = checker.images.fingerprint(ImageInput(name=up.name, data=up.data, sha256=up.sha256))
            except Exception as e:  # the image checker reports bad files itself; this is a last guard
                log.warning("image fingerprint failed: %s", type(e).__name__)
                extra_findings.append(unreadable(up.name))
                continue
            new[up.sha256] = fp
        prints.append((up.name, fp))
    result = checker.check_fingerprinted(
        job.text, prints, has_images=job.has_images, answers=job.answers, deadline=job.deadline, resolved=job.resolved
    )
    if extra_findings:
        result.findings = sort_findings(result.findings + extra_findings)
        result.verdict = verdict_of(result.findings)
    return JobResult(result, new, (time.perf_counter() - started) * 1000)
