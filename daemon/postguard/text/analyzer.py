"""TextAnalyzer: post text -> findings, using the pipeline and the current roster.

Steps: normalise (keeping an offset map), run the spaCy pipeline (NER and the
recognizers), then turn hits into findings: consent decides the severity of a
pupil mention, details are kept only when tied to a named pupil where their
recognizer asks for it, and offsets are mapped back to the text staff typed.
"""

from __future__ import annotations

import re
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
from postguard.text.lexicon import Lexicon
from postguard.text.names import FULL, SURNAME
from postguard.text.normalize import NormalizedText, normalize
from postguard.text.patterns import PatternData
from postguard.text.pipeline import HITS_KEY, IMAGES_KEY, ROSTER_KEY, load_pipeline
from postguard.text.recognizers.base import Hit
from postguard.text.roster import RosterIndex

_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)


class TextAnalyzer:
    def __init__(self, settings: Settings, *, nlp: Language | None = None):
        self.nlp = nlp if nlp is not None else load_pipeline(settings)
        self.lexicon = Lexicon.load(PatternData(settings.nlp_models_dir))
        self.roster = RosterIndex.build([], [], self.lexicon)

    def build_roster(self, pupils: Sequence[Pupil], staff: Sequence[str]) -> RosterIndex:
        """A new index, without touching the one checks use (safe to run beside them)."""
        return RosterIndex.build(pupils, staff, self.lexicon)

    def set_roster(self, pupils: Sequence[Pupil], staff: Sequence[str]) -> None:
        self.roster = self.build_roster(pupils, staff)

    # -- public ---------------------------------------------------------------
    def analyze(self, text: str, *, has_images: bool = False, deadline: Deadline = NO_DEADLINE) -> list[Finding]:
        norm = normalize(text)
        deadline.check()
        doc = self._make_doc(norm.text, has_images)
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
        findings = self._findings(doc, norm, has_images)
        if partial_from is not None:
            findings.append(partial_finding(*norm.to_original(partial_from, len(norm.text))))
        return findings

    def analyze_many(self, posts: Iterable[tuple[str, bool]], *, batch_size: int = 32) -> Iterator[list[Finding]]:
        """(text, has_images) pairs -> findings per post, batched through nlp.pipe."""
        norms: list[tuple[NormalizedText, bool]] = []

        def docs() -> Iterator[Doc]:
            for text, has_images in posts:
                norm = normalize(text)
                norms.append((norm, has_images))
                yield self._make_doc(norm.text, has_images)

        for i, doc in enumerate(self.nlp.pipe(docs(), batch_size=batch_size)):
            norm, has_images = norms[i]
            norms[i] = None  # type: ignore[call-overload]  # keep memory bounded
            yield self._findings(doc, norm, has_images)

    # -- internals --------------------------------------------------------------
    def _make_doc(self, text: str, has_images: bool) -> Doc:
        doc = self.nlp.make_doc(text)
        doc.user_data[ROSTER_KEY] = self.roster
        doc.user_data[IMAGES_KEY] = has_images
        return doc

    def _findings(self, doc: Doc, norm: NormalizedText, has_images: bool) -> list[Finding]:
        roster = doc.user_data.pop(ROSTER_KEY)
        hits: list[Hit] = doc.user_data.pop(HITS_KEY, [])
        text = doc.text  # Doc.text joins every token: once per check, not once per hit
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        pupil_hits = [h for h in hits if h.code == "pupil"]
        findings: list[Finding] = []
        for hit in hits:
            if hit.code == "pupil":
                finding = self._pupil_finding(hit, roster, has_images)
            elif hit.code == "person.name":
                finding = Finding(
                    "person.name",
                    INFO,
                    messages.person(hit.data.get("surface", text[hit.start : hit.end])),
                    policy.PERSONAL_INFO,
                    hit.start,
                    hit.end,
                )
            elif hit.code.startswith("detail."):
                finding = self._detail_finding(hit, text, roster, pupil_hits, sentences)
            else:
                finding = None
            if finding is not None:
                if finding.start is not None and finding.end is not None:  # text findings always have a span
                    finding.start, finding.end = norm.to_original(finding.start, finding.end)
                findings.append(finding)
        return _dedupe(_drop_people_inside_details(findings))

    def _pupil_finding(self, hit: Hit, roster: RosterIndex, has_images: bool) -> Finding | None:
        candidates = [roster.pupils[p] for p in hit.pupils if p in roster.pupils]
        if not candidates:
            return None
        surface = hit.data.get("surface", "")
        refused = [p for p in candidates if not p.may_be_named]
        ids = [p.pupil_id for p in candidates]
        if refused:
            return Finding(
                "pupil.no_consent",
                BLOCK,
                messages.no_consent(surface, candidates, refused),
                policy.CONSENT_LIST,
                hit.start,
                hit.end,
                ids,
            )
        if hit.data.get("form") in (FULL, SURNAME):
            return Finding(
                "pupil.full_name",
                BLOCK if has_images else WARN,
                messages.full_name(surface, candidates, has_images),
                policy.IDENTIFIABLE,
                hit.start,
                hit.end,
                ids,
            )
        return Finding(
            "pupil.named", INFO, messages.named(surface, candidates), policy.IDENTIFIABLE, hit.start, hit.end, ids
        )

    def _detail_finding(
        self, hit: Hit, text: str, roster: RosterIndex, pupil_hits: list[Hit], sentences: list[tuple[int, int]]
    ) -> Finding | None:
        kind = hit.code.split(".", 1)[1]
        if kind not in messages.DETAIL_TEXT:
            return None
        index = next((i for i, (s, e) in enumerate(sentences) if s <= hit.start < e), None)
        sentence = sentences[index] if index is not None else (0, len(text))
        nearby = [h for h in pupil_hits if sentence[0] <= h.start < sentence[1]]
        if not nearby and index and _PRONOUN.search(text, *sentence):
            # "Theo swam 1km. He has asthma.": a pronoun carries the previous sentence's pupil.
            previous = sentences[index - 1]
            nearby = [h for h in pupil_hits if previous[0] <= h.start < previous[1]]
        if hit.data.get("tie") == "pupil":
            if hit.data.get("scope") == "post":
                nearby = pupil_hits
            tied_ids = list(hit.pupils) or [p for h in nearby for p in h.pupils]
            if not tied_ids:
                return None  # e.g. "Year 6 leavers": a class on its own identifies no one
        else:
            tied_ids = list(hit.pupils) or [p for h in nearby for p in h.pupils]
        tied_ids = list(dict.fromkeys(tied_ids))
        tied = [roster.pupils[p] for p in tied_ids if p in roster.pupils]
        escalated = None
        if any(p.no_publish for p in tied):
            escalated = "no_publish"
        elif kind == "health" and tied:
            escalated = "health"
        message, pol = messages.detail(kind, text[hit.start : hit.end], tied, escalated)
        return Finding(hit.code, BLOCK if escalated else WARN, message, pol, hit.start, hit.end, tied_ids)


def _drop_people_inside_details(findings: list[Finding]) -> list[Finding]:
    """NER sometimes calls a street or place a person ("Mill Lane"); the detail wins."""
    details = [
        (f.start, f.end) for f in findings if f.code.startswith("detail.") and f.start is not None and f.end is not None
    ]
    if not details:
        return findings
    return [f for f in findings if f.code != "person.name" or not _overlaps(f, details)]


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
