""" "Which Esme?": staff choose the pupil an ambiguous mention means.

A check may carry resolutions `(start, end, pupil)`: code-point offsets of a pupil
mention as the finding gave them (offsets into the text staff typed) and the UPN
chosen from its candidates. That mention, and later mentions of the same name in the
post that could be that pupil, are then taken as that pupil; the pupil's consent
decides the severity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from postguard.text.names import split_words
from postguard.text.normalize import fold
from postguard.text.recognizers.base import PUPIL, Hit


@dataclass(frozen=True)
class Resolution:
    start: int  # code points into the text as typed
    end: int
    pupil: str  # pupil id (UPN)


def parse_resolutions(value: object, text: str) -> list[Resolution]:
    """`[{"start", "end", "pupil"}]` (the batch JSONL key) -> resolutions; ValueError names the problem."""
    if not isinstance(value, list):
        raise ValueError('\'resolved\' must be a list of {"start", "end", "pupil"} objects')
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"start", "end", "pupil"}:
            raise ValueError('each \'resolved\' entry needs exactly "start", "end" and "pupil"')
        start, end, pupil = item["start"], item["end"], item["pupil"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) or not (
            0 <= start < end <= len(text)
        ):
            raise ValueError(f"'resolved' offsets {start!r}-{end!r} are not a span of the post's text")
        if not isinstance(pupil, str) or not pupil.strip():
            raise ValueError("'resolved' needs a pupil's UPN in \"pupil\"")
        out.append(Resolution(start, end, pupil.strip()))
    return out


class ResolutionError(ValueError):
    """A resolution that does not fit the post: the message is for staff (the server's 400)."""


def _name_key(hit: Hit) -> str:
    words = split_words(hit.surface)
    return fold(words[0]) if words else ""


def apply_resolutions(
    hits: Sequence[Hit], resolutions: Sequence[Resolution], to_original: Callable[[int, int], tuple[int, int]]
) -> None:
    """Narrow pupil hits in place; raise ResolutionError when a resolution fits no mention."""
    if not resolutions:
        return
    pupil_hits = sorted((h for h in hits if h.code == PUPIL), key=lambda h: h.start)
    by_span = {to_original(h.start, h.end): h for h in pupil_hits}
    chosen: list[tuple[Hit, str]] = []
    for r in resolutions:
        target = by_span.get((r.start, r.end))
        if target is None:
            raise ResolutionError(
                f"There is no pupil's name at characters {r.start}–{r.end} of the post (it may have changed "
                "since it was checked). Check the post again and choose the pupil again."
            )
        if r.pupil not in target.pupils:
            raise ResolutionError(
                f"The pupil chosen for “{target.surface}” is not one of the pupils that name could be. "
                "Check the post again and choose from the pupils it lists."
            )
        chosen.append((target, r.pupil))
    # In text order, so a later mention's own choice wins over one carried from an earlier one.
    for target, pupil in sorted(chosen, key=lambda c: c[0].start):
        key = _name_key(target)
        for h in pupil_hits:
            if h is target or (h.start > target.start and pupil in h.pupils and _name_key(h) == key):
                h.pupils, h.resolved = (pupil,), True
