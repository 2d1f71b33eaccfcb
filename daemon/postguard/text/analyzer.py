"""TextAnalyzer: post text -> findings, using the pipeline and the current RecognizerSet.

Steps: normalise (keeping an offset map), run the spaCy pipeline (NER and the
recognizers, which read the check's `PostCheck` on `doc._.postguard`), then turn
hits into findings: consent decides the severity of a pupil mention, the tie rule
(`postguard.text.ties`) decides which pupils a detail is about and whether it blocks,
and offsets are mapped back to the text staff typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from postguard import policy
from postguard.consent.store import Pupil
from postguard.deadline import NO_DEADLINE, Deadline
from postguard.findings import BLOCK, INFO, WARN, Finding
from postguard.settings import Settings
from postguard.text import messages
from postguard.text.budget import NER_TOKEN_BUDGET, ner_on_prefix, partial_finding
from postguard.text.names import FULL, SURNAME
from postguard.text.normalize import NormalizedText, normalize
from postguard.text.patterns import PatternData
from postguard.text.pipeline import DOC_EXTENSION, PostCheck, load_pipeline, register_extension
from postguard.text.recognizer_set import RecognizerSet, RosterSnapshot
from postguard.text.recognizers.base import PERSON, PUPIL, Hit
from postguard.text.resolution import Resolution, ResolutionError
from postguard.text.roster import RosterIndex
from postguard.text.ties import detail_severity, tied_pupils

# A post for the batch form: (text, has_images, resolutions).
PostText = tuple[str, bool, Sequence[Resolution]]


class TextAnalyzer:
    def __init__(self, settings: Settings, *, nlp: Language | None = None):
        register_extension()
        self.nlp = nlp if nlp is not None else load_pipeline(settings)
        self.patterns = PatternData(settings.nlp_models_dir)
        self.recognizers = RecognizerSet.build(self.patterns, RosterSnapshot())

    def build_recognizers(self, roster: RosterSnapshot) -> RecognizerSet:
        """Pure and thread-safe: build on any thread, then `use` it."""
        return RecognizerSet.build(self.patterns, roster)

    def use(self, recognizers: RecognizerSet) -> None:
        """Checks started after this call use `recognizers`; running ones keep theirs."""
        self.recognizers = recognizers

    def set_roster(self, pupils: Sequence[Pupil], staff: Sequence[str]) -> None:
        self.use(self.build_recognizers(RosterSnapshot(tuple(pupils), tuple(staff))))

    # -- public ---------------------------------------------------------------
    def analyze(
        self,
        text: str,
        *,
        has_images: bool = False,
        deadline: Deadline = NO_DEADLINE,
        resolved: Sequence[Resolution] = (),
    ) -> list[Finding]:
        """Raises ResolutionError when a resolution is not one of the post's mentions."""
        norm = normalize(text)
        deadline.check()
        doc, check = self._make_doc(norm, has_images, resolved, self.recognizers)
        # Component by component, so an overrunning check stops between bounded steps.
        partial_from = None
        for name, proc in self.nlp.pipeline:
            deadline.check()
            if name == "ner" and len(doc) > NER_TOKEN_BUDGET:
                doc = ner_on_prefix(proc, doc)
                partial_from = doc[NER_TOKEN_BUDGET].idx
            else:
                doc = proc(doc)
        deadline.check()
        findings = self._findings(doc, check, norm)
        if partial_from is not None:
            findings.append(partial_finding(*norm.to_original(partial_from, len(norm.text))))
        return findings

    def analyze_many(self, posts: Iterable[PostText], *, batch_size: int = 32) -> Iterator[list[Finding]]:
        """Findings per post, batched through nlp.pipe. A resolution that fits no mention of
        its post becomes a warning on that post (the post is checked without it)."""
        pending: list[tuple[PostCheck, NormalizedText] | None] = []
        recognizers = self.recognizers  # one consent version for the whole run

        def docs() -> Iterator[Doc]:
            for text, has_images, resolved in posts:
                norm = normalize(text)
                doc, check = self._make_doc(norm, has_images, resolved, recognizers)
                pending.append((check, norm))
                yield doc

        for i, doc in enumerate(self.nlp.pipe(docs(), batch_size=batch_size)):
            item = pending[i]
            pending[i] = None  # keep memory bounded
            assert item is not None
            check, norm = item
            yield self._findings(doc, check, norm, raise_errors=False)

    # -- internals --------------------------------------------------------------
    def _make_doc(
        self, norm: NormalizedText, has_images: bool, resolved: Sequence[Resolution], recognizers: RecognizerSet
    ) -> tuple[Doc, PostCheck]:
        doc = self.nlp.make_doc(norm.text)
        check = PostCheck(recognizers, has_images, tuple(resolved), norm.to_original)
        doc._.set(DOC_EXTENSION, check)
        return doc, check

    def _findings(
        self, doc: Doc, check: PostCheck, norm: NormalizedText, *, raise_errors: bool = True
    ) -> list[Finding]:
        doc._.set(DOC_EXTENSION, None)  # the doc may outlive the check: drop the roster reference
        if check.error is not None and raise_errors:
            raise check.error
        roster = check.recognizers.roster
        hits = check.hits
        sentences = check.sentences
        text = doc.text  # Doc.text joins every token: once per check, not once per hit
        findings: list[Finding] = []
        if check.error is not None:
            findings.append(_resolution_warning(check.error))
        for hit in hits:
            finding: Finding | None
            if hit.code == PUPIL:
                finding = self._pupil_finding(hit, roster, check.has_images)
            elif hit.code == PERSON:
                surface = hit.surface or text[hit.start : hit.end]
                finding = Finding(PERSON, INFO, messages.person(surface), policy.PERSONAL_INFO, hit.start, hit.end)
            elif hit.code.startswith("detail."):
                finding = self._detail_finding(hit, text, roster, hits, sentences)
            else:
                finding = None
            if finding is not None:
                finding.start, finding.end = norm.to_original(hit.start, hit.end)
                findings.append(finding)
        return _dedupe(_drop_people_inside_details(findings))

    def _pupil_finding(self, hit: Hit, roster: RosterIndex, has_images: bool) -> Finding | None:
        candidates = [roster.pupils[p] for p in hit.pupils if p in roster.pupils]
        if not candidates:
            return None
        refused = [p for p in candidates if not p.may_be_named]
        ids = [p.pupil_id for p in candidates]
        unsure_spelling = hit.unsure and not hit.resolved
        if (hit.maybe_other or unsure_spelling) and refused:
            finding = Finding(
                "pupil.unsure",
                WARN,
                messages.spelled_like(hit.surface, refused, hit.variant)
                if unsure_spelling
                else messages.maybe_other(hit.surface, refused, hit.other_reason),
                policy.CONSENT_LIST,
                hit.start,
                hit.end,
                ids,
            )
            finding.extra["candidates"] = [messages.candidate(p) for p in candidates]
            return finding
        if refused:
            finding = Finding(
                "pupil.no_consent",
                BLOCK,
                messages.no_consent(hit.surface, candidates, refused),
                policy.CONSENT_LIST,
                hit.start,
                hit.end,
                ids,
            )
        elif hit.form in (FULL, SURNAME):
            finding = Finding(
                "pupil.full_name",
                BLOCK if has_images else WARN,
                messages.full_name(hit.surface, candidates, has_images),
                policy.IDENTIFIABLE,
                hit.start,
                hit.end,
                ids,
            )
        else:
            finding = Finding(
                "pupil.named",
                INFO,
                messages.named(hit.surface, candidates),
                policy.IDENTIFIABLE,
                hit.start,
                hit.end,
                ids,
            )
        ruled_out = [roster.pupils[p] for p in hit.ruled_out if p in roster.pupils]
        unsure = hit.guessed and any(not p.may_be_named for p in ruled_out)
        if len(candidates) > 1 or unsure:
            # "Which Esme?": every pupil it could be, including any the post's class or year ruled out.
            finding.extra["candidates"] = [messages.candidate(p) for p in candidates + (ruled_out if unsure else [])]
        if hit.resolved:
            finding.message += " (You chose this pupil when PostGuard asked.)"
        elif ruled_out:
            finding.message += messages.told_apart(hit.surface, ruled_out, unsure)
            if unsure and finding.severity == INFO:
                finding.severity = WARN  # a guess that lets a pupil without consent out is not a pass
        return finding

    def _detail_finding(
        self, hit: Hit, text: str, roster: RosterIndex, hits: list[Hit], sentences: list[tuple[int, int]]
    ) -> Finding | None:
        kind = hit.kind
        if kind not in messages.DETAIL_TEXT:
            return None
        tied_ids = tied_pupils(hit, hits, sentences, text)
        if tied_ids is None:
            return None  # e.g. "Year 6 leavers": a class on its own identifies no one
        tied = [roster.pupils[p] for p in tied_ids if p in roster.pupils]
        severity, escalated = detail_severity(kind, tied)
        message, pol = messages.detail(kind, text[hit.start : hit.end], tied, escalated)
        return Finding(hit.code, severity, message, pol, hit.start, hit.end, list(tied_ids))


def _resolution_warning(error: ResolutionError) -> Finding:
    return Finding(
        "text.resolution_unmatched",
        WARN,
        f"{error} This post was checked without that choice.",
        policy.CONSENT_LIST,
    )


def _drop_people_inside_details(findings: list[Finding]) -> list[Finding]:
    """NER sometimes calls a street or place a person ("Mill Lane"); the detail wins."""
    details = [
        (f.start, f.end) for f in findings if f.code.startswith("detail.") and f.start is not None and f.end is not None
    ]
    if not details:
        return findings
    return [f for f in findings if f.code != PERSON or not _overlaps(f, details)]


def _overlaps(f: Finding, spans: list[tuple[int, int]]) -> bool:
    return f.start is not None and f.end is not None and any(s < f.end and f.start < e for s, e in spans)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (code, span): recognizers may report the same detail twice."""
    seen: set[tuple[str, int | None, int | None]] = set()
    out = []
    for f in findings:
        key = (f.code, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
